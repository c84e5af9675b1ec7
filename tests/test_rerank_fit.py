"""The reordering of the first passages is learnt from pairs of one question's passages (eval/fit_answer_models.py)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "eval"))

import fit_answer_models  # noqa: E402

from bot.answer import rerank  # noqa: E402
from bot.ranking.retrieval import YEAR_PENALTY, Hit, _prefer_newest  # noqa: E402
from bot.understanding.query import understand  # noqa: E402
from ingest.models import Chunk, Document, DocumentMeta, Section  # noqa: E402


def test_pairs_learn_the_order_within_a_question_not_the_level_between_questions() -> None:
    rng = np.random.default_rng(7)
    names = rerank.FEATURES
    level, telling = names.index("missing_day"), names.index("title")
    rows, split, questions = [], [], []
    for _ in range(80):
        x = rng.normal(size=(rerank.RERANK_DEPTH, len(names)))
        # What the question is like (the same for all its passages) says nothing about which passage answers it.
        x[:, level] = rng.normal() * 3.0
        held = np.zeros(len(x), dtype=bool)
        held[int(np.argmax(x[:, telling] + 0.3 * rng.normal(size=len(x))))] = True
        rows.append(x)
        split.append((x[held], x[~held]))
        questions.append((x, held))
    model = fit_answer_models.fit_reranker_on(np.vstack(rows), split, names)
    coef = dict(zip(model.features, model.coef, strict=True))
    assert coef["title"] > 1.0
    assert coef["missing_day"] == 0.0  # no pair tells it apart: a pairwise fit gives it no weight at all
    first = [
        held[max(range(len(x)), key=lambda i: model.score(dict(zip(names, x[i], strict=True))))]
        for x, held in questions
    ]
    assert sum(first) >= 0.65 * len(first)  # the noise alone puts another passage first in about a quarter


def test_the_gate_threshold_leaves_the_widest_margin_over_both_floors() -> None:
    # 100 answerable questions spread over [0.2, 1.0), 100 out-of-scope ones over [0.0, 0.4).
    pos, neg = np.linspace(0.2, 1.0, 100, endpoint=False), np.linspace(0.0, 0.4, 100, endpoint=False)
    p, y = np.concatenate([pos, neg]), np.array([1] * 100 + [0] * 100)
    note_at, _ = fit_answer_models.thresholds(p, y, np.ones(len(p), dtype=bool))
    answered, refused = (pos >= note_at).mean(), (neg < note_at).mean()
    # Just meeting the refusal floor (0.85 refused, at 0.34) would answer 0.825 of the answerable ones and leave
    # no margin on that floor; the widest margin sits where both floors are missed by the same (here both fall
    # short: the classes overlap too much for both).
    assert (
        abs((answered - fit_answer_models.ANSWERED_TARGET) - (refused - fit_answer_models.REFUSED_TARGET))
        < 0.02
    )
    assert 0.29 < note_at < 0.33


def _hit(doc_id: str, school_year: str | None) -> Hit:
    meta = DocumentMeta(
        doc_type="Công văn", doc_number=None, issuer="Sở GD&ĐT Lào Cai", province="Lào Cai", issued_date=None,
        school_year=school_year, title="", source=f"{doc_id}.txt",
    )  # fmt: skip
    section = Section("1", "", "1. Tỷ lệ học sinh đi học chuyên cần đạt 98%.", 1, None, 1)
    doc = Document(id=doc_id, meta=meta, sections=[section], content_hash=doc_id)
    chunk = Chunk(f"{doc_id}#1", doc_id, "1", "", 1, section.text, "", doc_id)
    return Hit(row=0, chunk=chunk, doc=doc, score=1.0, bm25=1.0, dense=0.85, coverage=1.0)


def test_staleness_is_counted_only_when_the_question_means_the_current_year() -> None:
    # The retrieval penalty on older directives is a guess; the reranker weighs, from the training questions,
    # how much an older passage that says what was asked should still lead a newer one that does not.
    intent = understand("Tỷ lệ học sinh đi học chuyên cần là bao nhiêu?", date(2026, 12, 3))
    hits = [_hit("moi", "2025-2026"), _hit("cu", "2023-2024"), _hit("rat-cu", "2019-2020"), _hit("tt", None)]
    stale = [f["stale"] for f in rerank.features(intent, hits, 5, newest=True)]
    assert stale == [0.0, 2 / 3, 1.0, 0.0]  # capped at three years; a text of no school year is not stale
    assert [f["stale"] for f in rerank.features(intent, hits, 5, newest=False)] == [0.0] * 4


def test_a_national_text_of_a_later_year_does_not_make_the_provinces_newest_stale() -> None:
    # "Quảng Ninh dạy bơi …": the province's newest directive (2022-2023) is its own series' newest; the Bộ's
    # letter of 2026-2027 is another issuer's and makes it no older.
    intent = understand("Quảng Ninh dạy bơi cho học sinh như thế nào?", date(2026, 12, 3))
    hits = [_hit("bo", "2026-2027"), _hit("qn-moi", "2022-2023"), _hit("qn-cu", "2020-2021")]
    own = {"qn-moi", "qn-cu"}
    assert [f["stale"] for f in rerank.features(intent, hits, 5, newest=True, among=own)] == [0.0, 0.0, 2 / 3]
    assert [f["stale"] for f in rerank.features(intent, hits, 5, newest=True)] == [0.0, 1.0, 1.0]


class _Years:
    """The part of a view the newer-year preference reads: each row's document."""

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits

    def doc_of(self, row: int) -> Document:
        return self.hits[row].doc


def test_retrievals_year_penalty_counts_from_the_provinces_newest() -> None:
    hits = [_hit("bo", "2026-2027"), _hit("qn-moi", "2022-2023"), _hit("qn-cu", "2020-2021")]
    fused = {0: 1.0, 1: 1.0, 2: 1.0}
    everyone = _prefer_newest(_Years(hits), fused)  # type: ignore[arg-type]
    assert everyone[0] == 1.0 and everyone[1] == everyone[2] < 1.0  # both three years or more behind
    own = _prefer_newest(_Years(hits), fused, {"qn-moi", "qn-cu"})  # type: ignore[arg-type]
    assert own[0] == own[1] == 1.0 and own[2] == 1.0 - 2 * YEAR_PENALTY
