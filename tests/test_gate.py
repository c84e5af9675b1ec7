"""The answer gate: its data file, its three outcomes, and how the service uses them (over a fake retriever)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.answer.gate import FEATURES, GATE_FILE, UNSURE_NOTE, Gate, Verdict, load_gates, signals
from bot.answer.scope import Scope
from bot.answer.service import AnswerService
from bot.ranking.retrieval import Hit
from bot.understanding.query import understand
from ingest.models import Section
from tests.fakes import document, section_hit

TODAY = date(2026, 12, 3)


DOC = document(
    "1500",
    [
        Section("", "", "V/v hướng dẫn công khai trong trường học năm học 2026-2027"),
        Section("1", "Công khai", "1. Công khai: 100% các đơn vị thực hiện công khai, dân chủ.", 1, None, 1),
        Section("2", "Khác", "2. Khác: đẩy mạnh chuyển đổi số trong quản lý.", 1, None, 2),
    ],
)


def _hit(ordinal: int, coverage: float, score: float, dense: float = 0.85) -> Hit:
    hit = section_hit(DOC, ordinal, score, coverage)
    hit.bm25, hit.dense, hit.chunk_coverage = score, dense, coverage
    return hit


# A gate on coverage alone, so that each test sets the probability it needs: p = sigmoid(10·(coverage − 0.5)).
COVERAGE_GATE = Gate(("coverage",), (0.5,), (0.1,), (1.0,), 0.0, answer_at=0.8, note_at=0.3)


class _Retriever:
    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits

    def search(self, *args: Any, **kwargs: Any) -> list[Hit]:
        return list(self.hits)


class _Live:
    root = Path(".")
    view = None


class _View:
    """What ranking asks of the index besides the retriever's passages: the library's words."""

    tones = None

    def writes(self, phrase: str) -> bool:
        return True


def _decide(
    hits: list[Hit], question: str = "Tỷ lệ đơn vị thực hiện công khai là bao nhiêu?"
) -> tuple[list[Hit], Verdict]:
    svc = AnswerService(_Live(), _Retriever(hits), embedder=None, today=lambda: TODAY, gate=COVERAGE_GATE)  # type: ignore[arg-type]
    hits, verdict, _ = svc.passages.search(
        _View(), understand(question, TODAY), Scope(doc_ids=None, prefer_newest=False)
    )  # type: ignore[arg-type]
    return hits, verdict


@pytest.mark.parametrize(
    ("coverage", "verdict"), [(0.9, Verdict.ANSWER), (0.5, Verdict.UNSURE), (0.1, Verdict.REFUSE)]
)
def test_three_outcomes(coverage: float, verdict: Verdict) -> None:
    assert _decide([_hit(1, coverage, 1.0)])[1] is verdict


def test_the_best_ranked_passage_answers_or_nothing_does() -> None:
    # A passage below that the gate surely accepts does not take the place of a refused or unsure best one
    # (preferring it lost right answers on the training half, docs/evaluation.md).
    hits, verdict = _decide([_hit(2, 0.1, 1.0), _hit(1, 0.95, 0.6)])
    assert verdict is Verdict.REFUSE and hits[0].chunk.section_path == "2"
    hits, verdict = _decide([_hit(2, 0.5, 1.0), _hit(1, 0.95, 0.6)])
    assert verdict is Verdict.UNSURE and hits[0].chunk.section_path == "2"


def test_an_unsure_answer_carries_its_note() -> None:
    svc = AnswerService(
        _Live(), _Retriever([_hit(1, 0.5, 1.0)]), embedder=None, today=lambda: TODAY, gate=COVERAGE_GATE
    )  # type: ignore[arg-type]
    intent = understand("Các đơn vị công khai thế nào?", TODAY)
    view = _FakeView()
    answer = svc._answer(intent.text, view, intent, Scope(doc_ids=None, prefer_newest=False))  # type: ignore[arg-type]
    assert answer.found and UNSURE_NOTE in answer.notes


class _FakeView:
    """What composing an extractive answer reads from a view."""

    class _Idf:
        idf: dict[str, float] = {}

    folded = _Idf()
    section_rows: dict[tuple[str, int], list[int]] = {}
    ocr_rows: frozenset[int] = frozenset()  # rows read by OCR (none here)
    docs = [DOC]

    def terms(self, marked: bool) -> _Idf:
        return self.folded

    def writes(self, phrase: str) -> bool:
        return True


def test_signals_say_what_the_passage_lacks() -> None:
    intent = understand("Tỷ lệ đơn vị thực hiện công khai là bao nhiêu?", TODAY)
    with_figure = signals(intent, _hit(1, 0.8, 1.0), [_hit(1, 0.8, 1.0)], 4)
    without = signals(intent, _hit(2, 0.8, 1.0), [_hit(2, 0.8, 1.0)], 4)
    assert with_figure["missing_figure"] == 0.0 and without["missing_figure"] == 1.0
    assert set(with_figure) == set(FEATURES)
    # Typed without tone marks, the question is embedded with them put back (bot/understanding/tones.py): its
    # cosine is read on the one scale, and the gate knows it was typed so.
    toneless = signals(
        understand("ty le don vi cong khai la bao nhieu", TODAY), _hit(1, 0.8, 1.0), [_hit(1, 0.8, 1.0)], 4
    )
    assert toneless["dense"] == with_figure["dense"] and toneless["toneless"] == 1.0


def test_the_letters_own_date_is_no_day_it_sets() -> None:
    # An opening passage carries the place-date line under the letterhead: it dates the letter, and does not
    # answer "Lịch thi … vào ngày nào?"; a day in the body does.
    opening = "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nQuảng Ninh, ngày 5 tháng 9 năm 2026\nV/v tổ chức kỳ thi năm 2027"
    intent = understand("Kỳ thi năm 2027 vào ngày nào?", TODAY)

    def missing(text: str) -> float:
        hit = replace(_hit(0, 0.8, 1.0), chunk=replace(_hit(0, 0.8, 1.0).chunk, text=text))
        return signals(intent, hit, [hit], 3)["missing_day"]

    assert missing(opening) == 1.0
    assert missing(opening + "\nKỳ thi diễn ra ngày 11/6/2027.") == 0.0


def test_a_passage_is_weighed_against_those_standing_as_well() -> None:
    # Last year's directive (the scope's factor 0.75 for "năm nay") matches the words better; this year's passage
    # is weighed against this year's passages only, and so is not marked down for the older one's words.
    intent = understand("Năm nay yêu cầu gì về dạy học tiếng Anh?", TODAY)
    this_year = _hit(1, 0.7, 1.0)
    older = replace(_hit(2, 0.9, 2.0), doc=replace(DOC, id="older"))
    hits = [this_year, older]
    assert signals(intent, this_year, hits, 4)["lexical_share"] == 0.5
    standing = {"older": 0.75}
    assert signals(intent, this_year, hits, 4, standing)["lexical_share"] == 1.0
    assert signals(intent, older, hits, 4, standing)["lexical_share"] == 1.0


def test_the_shipped_gate_loads_and_orders_passages_sensibly() -> None:
    gates = load_gates()
    assert set(gates) == {"dense", "lexical"}
    intent = understand("Tỷ lệ đơn vị thực hiện công khai là bao nhiêu?", TODAY)
    strong = signals(intent, _hit(1, 0.95, 1.0, dense=0.9), [_hit(1, 0.95, 1.0, dense=0.9)], 4)
    weak = signals(intent, _hit(2, 0.05, 1.0, dense=0.78), [_hit(2, 0.05, 1.0, dense=0.78)], 4)
    for gate in gates.values():
        assert gate.verdict(gate.probability(strong)) is Verdict.ANSWER
        assert gate.verdict(gate.probability(weak)) is Verdict.REFUSE


@pytest.mark.parametrize(
    "change",
    [
        {"features": ["coverage", "no_such_signal"]},
        {"scale": [0.0]},
        {"coef": [1.0, 2.0]},
        {"note_at": 0.9, "answer_at": 0.5},
    ],
)
def test_a_broken_gate_file_is_refused_at_start_up(change: dict[str, Any], tmp_path: Path) -> None:
    good = {"features": ["coverage"], "mean": [0.5], "scale": [0.1], "coef": [1.0], "intercept": 0.0,
            "note_at": 0.3, "answer_at": 0.8}  # fmt: skip
    path = tmp_path / "gate.json"
    path.write_text(json.dumps({"dense": {**good, **change}, "lexical": good}), encoding="utf-8")
    with pytest.raises(ValueError):
        load_gates.__wrapped__(path)


def test_the_shipped_file_names_every_feature_it_uses() -> None:
    data = json.loads(GATE_FILE.read_text(encoding="utf-8"))
    assert set(data["dense"]["features"]) == set(FEATURES)
    assert not {"dense", "dense_gap"} & set(data["lexical"]["features"])


def test_a_which_document_question_misses_a_passage_citing_none() -> None:
    # "QĐ số mấy" asks for a document's number: a passage citing none lacks what is asked, as a passage without a
    # figure does for "bao nhiêu".
    intent = understand("Công khai trong trường học thực hiện theo QĐ số mấy?", TODAY)
    hit = _hit(1, 0.8, 1.0)
    citing = replace(
        hit, chunk=replace(hit.chunk, text="1. Công khai theo Quyết định số 15/QĐ-UBND của tỉnh.")
    )
    assert signals(intent, hit, [hit], 4)["missing_figure"] == 1.0
    assert signals(intent, citing, [citing], 4)["missing_figure"] == 0.0
