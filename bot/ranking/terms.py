"""Content words and how well a passage covers a question's words.

Two spellings are kept: with tone marks ("lương" salary ≠ "lượng" quantity) for questions
typed with them, and folded ("luong") for questions typed without. Coverage is the
IDF-weighted share of the question's content words that a chunk, its section or its
heading contains; a word no document uses weighs most, since it names something the
index does not talk about.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.textnorm import fold

# Function and question words (folded): they say nothing about which passage answers. Of the closing particles only
# "a" ("ạ", "à"): folded, "vậy", "nhỉ", "nhé" would take "vay", "nhi", "nhe" ("vay vốn", "giải nhì", "nhẹ") with them.
_STOP_WORDS = (
    "la gi bao nhieu nao the nhu sao co khong cua va cac nhung duoc trong cho voi ve de thi o tai nay do mot "
    "hay hoac phai lam ra vao tu den khi nam ai dau bang theo tren duoi se da dang hom may a luon xong"
)
STOP = frozenset(_STOP_WORDS.split())
# The same words as typed with tone marks. Folding merges them with content words of the sector: "thi" (kỳ thi),
# "cơ" (cơ sở), "bảo" (bảo hiểm), "trọng" (trọng tâm), "tài" (tài chính), "nhu" (nhu cầu), "đá", "máy", "đề", "tư"
# all fold onto a function word; a question typed with tone marks keeps them.
_STOP_MARKED = (
    "là gì bao nhiêu nào thế như sao có không của và các những được trong cho với về để thì ở tại này đó một "
    "hay hoặc phải làm ra vào từ đến khi năm ai đâu bằng theo trên dưới sẽ đã đang hôm mấy do nay "
    # the particles that end a question politely or casually ("… bao nhiêu ạ?", "… thế nào vậy?")
    "ạ à hả nhỉ nhé nhá vậy ơi đấy chứ "
    # the small words of spoken Vietnamese that documents do not write: a classifier ("cái phôi thẻ"), "mình" for
    # "our" ("nước mình"), "mà", "luôn" ("lấy luôn"), "muốn", "rồi", "xong" and the softeners "nha nè hen thôi"
    "cái mình mà luôn muốn rồi xong nha nè hen thôi hông"
)
STOP_MARKED = frozenset(_STOP_MARKED.split())


# Punctuation a word is read without at either end ("sản;", "(2)", "“Sở”").
PUNCT = ".,;:!?()[]{}\"'“”‘’…-–"


# Slashes and hyphens join words that are read apart: "COVID-19", "GD-ĐT", "04/CT-UBND", "2021-2022".
_JOINERS = re.compile(r"[/\-–]")
# A unit written against its figure ("840kg", "3.185kg", "50m") is a word of its own.
_UNIT_AFTER_FIGURE = re.compile(r"(?<=\d)(?=[^\W\d_]{1,3}\b)")


def content_terms(text: str, marked: bool = False, toned: bool | None = None) -> list[str]:
    """Lower-case syllables minus function words; `marked` keeps tone marks. `toned` (default: `marked`) judges
    function words by their tone marks, for text typed with them, even when the terms are returned folded."""
    toned = marked if toned is None else toned
    out = []
    for word in _UNIT_AFTER_FIGURE.sub(" ", _JOINERS.sub(" ", text.lower())).split():
        word = word.strip(PUNCT)
        folded = fold(word)
        if folded.isalnum() and (word not in STOP_MARKED if toned else folded not in STOP):
            out.append(word if marked else folded)
    return out


@dataclass
class TermIndex:
    """Per-chunk word sets (chunk, whole section, heading) and word IDF, in one spelling."""

    chunk_sets: list[frozenset[str]]
    section_sets: list[frozenset[str]]
    title_sets: list[frozenset[str]]
    idf: dict[str, float]

    def __post_init__(self) -> None:
        # A word no passage writes weighs more than the rarest one that some passage does (computed once:
        # the maximum over the vocabulary was most of an answer's cost outside the embedding).
        self._unknown = max(self.idf.values(), default=1.0) + 1.0

    @classmethod
    def build(
        cls, texts: list[str], sections: list[tuple[str, int]], titles: list[str], marked: bool
    ) -> TermIndex:
        # Interned words and one shared set per section/heading keep this small at 20k+ chunks.
        chunk_sets = [frozenset(map(sys.intern, content_terms(t, marked))) for t in texts]
        df = Counter(w for s in chunk_sets for w in s)
        n = max(len(texts), 1)
        idf = {w: math.log(1 + n / c) for w, c in df.items()}
        by_section: dict[tuple[str, int], set[str]] = {}
        for key, words in zip(sections, chunk_sets, strict=True):
            by_section.setdefault(key, set()).update(words)
        frozen = {key: frozenset(words) for key, words in by_section.items()}
        heads: dict[str, frozenset[str]] = {}
        title_sets = [
            heads.setdefault(t, frozenset(map(sys.intern, content_terms(t, marked)))) for t in titles
        ]
        return cls(chunk_sets, [frozen[k] for k in sections], title_sets, idf)

    def weights(self, terms: Iterable[str], power: float = 1.0) -> dict[str, float]:
        return {t: self.idf.get(t, self._unknown) ** power for t in set(terms)}

    def unseen(self, terms: list[str]) -> float:
        """Share of the question's weight in words that no passage writes: what the library does not talk about."""
        if not terms:
            return 0.0
        weights = self.weights(terms)
        return sum(w for t, w in weights.items() if t not in self.idf) / sum(weights.values())

    def coverage(self, terms: list[str], row: int, where: str = "section") -> float:
        """Share of the question's weight found in the chunk ("chunk"), its section or its heading ("title").

        Headings are matched on distinctive words: squaring the IDF mutes "giáo dục", "học sinh"."""
        if not terms:
            return 0.0
        weights = self.weights(terms, 2.0 if where == "title" else 1.0)
        have = {"chunk": self.chunk_sets, "section": self.section_sets, "title": self.title_sets}[where][row]
        return sum(w for t, w in weights.items() if t in have) / sum(weights.values())
