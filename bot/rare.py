"""Rare compounds: two or three neighbouring syllables of the question that only one passage writes.

Vietnamese words are compounds of syllables ("học bơi", "bếp ăn bán trú"); a compound that only one or two
sections of the library use names what the question is about far more precisely than the common words
("giáo dục", "học sinh", "triển khai") another passage may share with it in greater number. BM25 already
indexes syllable bigrams (index/tokens.py); their postings give each compound's document frequency.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from bot.terms import STOP
from ingest.textnorm import fold

MAX_SECTIONS = 2  # a compound found in at most this many sections is rare (a section may be split in chunks)
# ... and it must hold a syllable that is itself uncommon: found in at most this share of the sections
# (or MIN_UNCOMMON of them). "giáo dục học" or "trường học" are rare as a string, yet made of everyday words.
UNCOMMON_SHARE = 0.05
MIN_UNCOMMON = 3
_BREAK = re.compile(r"[.;:,!?()\[\]\"“”\n|]")
_SYLLABLE = re.compile(r"\w+", re.UNICODE)


def compounds(text: str) -> list[tuple[str, ...]]:
    """Folded bigrams and trigrams of content syllables that stand next to each other in `text`.

    Callers blank out what only selects the document (province, number, year) with "|" so that
    no compound spans the gap."""
    out: list[tuple[str, ...]] = []
    for clause in _BREAK.split(text.lower()):
        words = [fold(w) for w in _SYLLABLE.findall(clause)]
        for n in (2, 3):
            for i in range(len(words) - n + 1):
                gram = tuple(words[i : i + n])
                if all(w not in STOP and not w.isdigit() for w in gram) and gram not in out:
                    out.append(gram)
    return out


class Postings:
    """Rows (chunks) holding a syllable bigram, read from the BM25 index's inverted lists."""

    def __init__(self, bm25: object | None) -> None:
        self._vocab: dict[str, int] = getattr(bm25, "vocab_dict", {}) or {}
        scores = getattr(bm25, "scores", None) or {}
        self._indptr = scores.get("indptr")
        self._indices = scores.get("indices")

    def rows(self, a: str, b: str | None = None) -> np.ndarray:
        """Rows holding the folded syllable `a`, or the bigram `a b`."""
        tid = self._vocab.get(f"~{a}_{b}" if b is not None else f"~{a}")
        if tid is None or self._indptr is None or self._indices is None:
            return np.zeros(0, dtype=np.int64)
        return np.asarray(self._indices[self._indptr[tid] : self._indptr[tid + 1]], dtype=np.int64)


def rare_rows(
    grams: list[tuple[str, ...]],
    postings: Postings,
    section_of: Callable[[int], tuple[str, int]],
    folded_text: Callable[[int], str],
    n_sections: int,
) -> dict[int, int]:
    """Row → how many of the question's rare compounds it holds."""
    found: dict[int, int] = {}
    uncommon_max = max(MIN_UNCOMMON, UNCOMMON_SHARE * n_sections)

    def uncommon(word: str) -> bool:
        return len({section_of(int(r)) for r in postings.rows(word)}) <= uncommon_max

    for gram in grams:
        if not any(uncommon(w) for w in gram):
            continue
        rows = postings.rows(gram[0], gram[1])
        if len(gram) == 3 and len(rows):
            rows = np.intersect1d(rows, postings.rows(gram[1], gram[2]))
            if len({section_of(int(r)) for r in rows}) > 4 * MAX_SECTIONS:
                continue  # common enough; spare the text check
            phrase = " ".join(gram)
            rows = np.array([r for r in rows if phrase in folded_text(int(r))], dtype=np.int64)
        if not len(rows) or len({section_of(int(r)) for r in rows}) > MAX_SECTIONS:
            continue
        for r in rows:
            found[int(r)] = found.get(int(r), 0) + 1
    return found
