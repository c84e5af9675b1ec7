"""The reordering of the first passages is learnt from pairs of one question's passages (eval/fit_answer_models.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "eval"))

import fit_answer_models  # noqa: E402

from bot.answer import rerank  # noqa: E402


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
