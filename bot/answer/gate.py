"""Whether the documents say it: one small calibrated model over the signals retrieval already has.

A logistic regression (fitted by eval/fit_answer_models.py on a training split of the question sets, judged on a split by
document) turns the best passage's signals into the probability that the question is answered by the library.
Three outcomes: answer, answer with a note that the passage may not be exactly what was asked, or refuse.
The coefficients are data (gate.json beside this module), read once and checked at start-up.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from bot.answer.figures import (
    asks_effect,
    cites_document,
    counts,
    has_day,
    has_figure,
    states_per,
    takes_effect,
)
from bot.ranking.retrieval import Hit
from bot.understanding.query import QueryIntent
from ingest.letterhead import place_date
from ingest.provinces import NATIONAL

GATE_FILE = Path(__file__).with_name("gate.json")
GATE_WITHIN = 5  # the first passages the gate reads (the BM25 scale; other provinces that answer as well)

FEATURES = (
    "coverage",  # IDF share of the question's words in the passage's section
    "chunk_coverage",  # the same in the passage alone
    "title",  # the same in the section's heading
    "rare",  # a compound of the question that few passages write
    "dense",  # cosine of question and passage (toned scale)
    "dense_gap",  # how far below the best cosine among the first passages
    "lexical_share",  # BM25 score over the best BM25 score among the first passages
    "margin",  # lead of the fused score over the next section's
    "unseen",  # IDF share of the question's words that no passage writes
    "toneless",  # the question was typed without tone marks
    "terms",  # log(1 + number of content words)
    "missing_figure",  # "bao nhiêu/mấy" and no figure next to what is counted; "văn bản nào" and no number cited
    "missing_day",  # "ngày nào" and the passage has no day
    "other_province",  # the question names a province and the passage's document is of another
    "pairs",  # IDF share of the question's syllable pairs ("giáo viên", "hạng III") the passage writes
)
DENSE_FEATURES = ("dense", "dense_gap")


class Verdict(Enum):
    ANSWER = "answer"
    UNSURE = "unsure"  # answered, with a note that the passage may not be exactly what was asked
    REFUSE = "refuse"


UNSURE_NOTE = (
    "Đoạn trích trên là nội dung gần nhất tìm được, có thể chưa trả lời đúng ý câu hỏi; "
    "thầy cô nên đọc nguyên văn mục được dẫn."
)


def signals(
    intent: QueryIntent,
    hit: Hit,
    hits: Sequence[Hit],
    terms: int,
    standing: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """The gate's inputs for `hit`, one of `hits` (the ranking it came from); `terms`: the question's
    content words after removing what only selects the document. `standing`: the scope's factor per document
    (bot.answer.scope): the words and cosine of a passage are weighed against those of passages standing at
    least as well, not against last year's directive or another issuer's that the question sets aside."""
    first = hits[:GATE_WITHIN]
    if standing:
        own = standing.get(hit.doc.id, 1.0)
        first = [h for h in first if standing.get(h.doc.id, 1.0) >= own] or [hit]
    toneless = not intent.has_tone_marks
    best_bm25 = max((h.bm25 for h in first), default=0.0)
    others = [h.score for h in hits if (h.doc.id, h.chunk.section_ordinal) != _key(hit)]
    text = hit.chunk.text
    missing_figure = intent.wants_number and not (
        has_figure(text)
        and (not intent.number_unit or counts(text, intent.number_unit))
        # "bao nhiêu tiền một tín chỉ": a rate per a unit the passage never names is some other figure
        and (not intent.per_unit or states_per(text, intent.per_unit))
    )
    # "theo QĐ số mấy", "thực hiện văn bản nào": the number asked names a document the passage must cite.
    missing_figure = missing_figure or (intent.wants_document and not cites_document(text))
    province = hit.doc.meta.province
    return {
        "coverage": hit.coverage,
        "chunk_coverage": hit.chunk_coverage,
        "title": hit.title,
        "rare": hit.rare,
        # a question typed without tone marks is embedded with them put back (bot/understanding/tones.py), so its
        # cosines are on the scale of questions typed with them
        "dense": hit.dense,
        "dense_gap": hit.dense - max((h.dense for h in first), default=hit.dense),
        "lexical_share": hit.bm25 / best_bm25 if best_bm25 > 0 else 0.0,
        "margin": (hit.score - max(others, default=0.0)) / hit.score if hit.score > 0 else 0.0,
        "unseen": hit.unseen,
        "toneless": float(toneless),
        "terms": math.log1p(terms),
        "missing_figure": float(missing_figure),
        # The place-date line under a letterhead dates the letter, not what the question asks the day of.
        # The formula by which a text takes effect answers "có hiệu lực từ ngày nào" with or without a date
        # ("có hiệu lực sau 10 ngày, kể từ ngày ký").
        "missing_day": float(
            intent.wants_day
            and not has_day(_undated(text))
            and not (asks_effect(intent) and takes_effect(text))
        ),
        "pairs": hit.pairs,
        "other_province": float(
            bool(intent.provinces) and province not in (None, NATIONAL, *intent.provinces)
        ),
    }


def _undated(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if place_date(line) is None)


def _key(hit: Hit) -> tuple[str, int]:
    return hit.doc.id, hit.chunk.section_ordinal


@dataclass(frozen=True)
class Gate:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    answer_at: float  # probability from which the passage is given as the answer
    note_at: float  # from here up to answer_at: answered with UNSURE_NOTE; below: refused

    def probability(self, sig: dict[str, float]) -> float:
        z = self.intercept + sum(
            c * (sig[f] - m) / s
            for f, m, s, c in zip(self.features, self.mean, self.scale, self.coef, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def verdict(self, p: float) -> Verdict:
        if p >= self.answer_at:
            return Verdict.ANSWER
        return Verdict.UNSURE if p >= self.note_at else Verdict.REFUSE

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Gate:
        features = tuple(str(f) for f in d["features"])
        unknown = set(features) - set(FEATURES)
        if unknown:
            raise ValueError(f"gate: unknown features {sorted(unknown)}")
        mean, scale, coef = (tuple(float(x) for x in d[k]) for k in ("mean", "scale", "coef"))
        if not len(mean) == len(scale) == len(coef) == len(features) or min(scale, default=1.0) <= 0:
            raise ValueError("gate: mean, scale and coef need one value per feature, scales positive")
        gate = cls(
            features, mean, scale, coef, float(d["intercept"]), float(d["answer_at"]), float(d["note_at"])
        )
        if not 0.0 < gate.note_at <= gate.answer_at < 1.0:
            raise ValueError("gate: thresholds must satisfy 0 < note_at <= answer_at < 1")
        return gate


@cache
def load_gates(path: Path = GATE_FILE) -> dict[str, Gate]:
    """{"dense": the gate for multilingual-e5's cosines, "lexical": the one without dense signals}."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: Gate.from_dict(data[name]) for name in ("dense", "lexical")}


CLOSE_SCORE = 0.8  # another province's passage this close to the best one answers the question as well


def other_provinces(hits: Sequence[Hit], accepted: Sequence[bool]) -> list[str]:
    """Provinces, other than the answer's, whose passages (among the first, `accepted` by the gate) answer a
    question that names no province about as well (look-alike directives: each province writes its own on the
    same national guidance)."""
    first = hits[0].doc.meta.province
    if not first or first == NATIONAL:
        return []
    out: list[str] = []
    for h, ok in zip(hits[1:GATE_WITHIN], accepted[1:], strict=False):
        p = h.doc.meta.province
        if ok and p and p not in (NATIONAL, first, *out) and h.score >= CLOSE_SCORE * hits[0].score:
            out.append(p)
    return out
