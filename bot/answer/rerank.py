"""Which of the first passages holds the answer: a small learned reordering of retrieval's top passages.

Retrieval puts the right passage first about two times in three on full-length real documents, and within the
first five nine times in ten; the fused score weighs its signals by hand. A linear score learnt from pairs of
one question's passages (a logistic regression on their differences, fitted by eval/fit_answer_models.py on the
training questions, judged on held-out ones split by document) weighs the same signals, relative to the other
candidates, and reorders the first RERANK_DEPTH passages by it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from bot.answer.gate import signals
from bot.ranking.retrieval import Hit
from bot.understanding.query import QueryIntent

RERANK_FILE = Path(__file__).with_name("rerank.json")
RERANK_DEPTH = 8

FEATURES = (
    "coverage",
    "chunk_coverage",
    "title",
    "rare",
    "dense",
    "dense_gap",
    "lexical_share",
    "missing_figure",
    "missing_day",
    "score_share",  # fused score over the first passage's
    "log_rank",  # log of retrieval's rank
    "opening",  # the part before the first numbered one (its words are the whole document's)
    "targeted",  # in a section the question names by place
    "stale",  # school years behind the newest among the passages, when the question names no year (0–1)
)
STALE_YEARS = 3  # as many years as retrieval's penalty counts


def features(
    intent: QueryIntent,
    hits: Sequence[Hit],
    terms: int,
    newest: bool = False,
    among: Collection[str] | None = None,
) -> list[dict[str, float]]:
    """The reranker's inputs for each of the first RERANK_DEPTH hits; `newest`: the question names no school
    year, so the current one is meant (bot.answer.scope) and an older directive's passage is staler. `among`: the
    documents whose newest year counts (the province's own, when the question names one)."""
    top = hits[0].score if hits and hits[0].score > 0 else 1.0
    first = hits[:RERANK_DEPTH]
    own = [h for h in first if among is not None and h.doc.id in among]
    starts = [int(y[:4]) for h in own or first if (y := h.doc.meta.school_year)]
    newest_start = max(starts) if newest and starts else None
    out = []
    for rank, hit in enumerate(hits[:RERANK_DEPTH], 1):
        sig = signals(intent, hit, hits, terms)
        sig.update(
            score_share=hit.score / top,
            log_rank=math.log(rank),
            opening=float(not hit.chunk.section_path),
            targeted=hit.targeted,
            stale=_stale(hit, newest_start) if newest_start is not None else 0.0,
        )
        out.append(sig)
    return out


def _stale(hit: Hit, newest: int) -> float:
    year = hit.doc.meta.school_year
    return max(0, min(newest - int(year[:4]), STALE_YEARS)) / STALE_YEARS if year else 0.0


@dataclass(frozen=True)
class Reranker:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]

    def score(self, sig: dict[str, float]) -> float:
        """The learnt score (a logit of "this passage before another"; only the order matters)."""
        return sum(
            c * (sig[f] - m) / s
            for f, m, s, c in zip(self.features, self.mean, self.scale, self.coef, strict=True)
        )

    def reorder(self, hits: list[Hit], sigs: list[dict[str, float]]) -> list[Hit]:
        """The first len(sigs) hits by score (ties keep retrieval's order), then the rest as they were."""
        order = sorted(range(len(sigs)), key=lambda i: (-self.score(sigs[i]), i))
        return [hits[i] for i in order] + hits[len(sigs) :]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Reranker:
        names = tuple(str(f) for f in d["features"])
        if set(names) - set(FEATURES):
            raise ValueError(f"rerank: unknown features {sorted(set(names) - set(FEATURES))}")
        mean, scale, coef = (tuple(float(x) for x in d[k]) for k in ("mean", "scale", "coef"))
        if not len(mean) == len(scale) == len(coef) == len(names) or min(scale, default=1.0) <= 0:
            raise ValueError("rerank: mean, scale and coef need one value per feature, scales positive")
        return cls(names, mean, scale, coef)


@cache
def load_rerankers(path: Path = RERANK_FILE) -> dict[str, Reranker]:
    """{"dense": for multilingual-e5's cosines, "lexical": without dense signals}."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: Reranker.from_dict(data[name]) for name in ("dense", "lexical")}
