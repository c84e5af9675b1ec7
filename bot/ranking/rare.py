"""Rare compounds: two or three neighbouring syllables of the question that only one passage writes.

Vietnamese words are compounds of syllables ("học bơi", "bếp ăn bán trú"); a compound that only one or two
sections of the library use names what the question is about far more precisely than the common words
("giáo dục", "học sinh", "triển khai") another passage may share with it in greater number. BM25 already
indexes syllable bigrams (index/tokens.py); their postings give each compound's document frequency.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from bot.ranking.terms import STOP
from ingest.textnorm import fold

MAX_SECTIONS = 2  # a compound found in at most this many sections is rare (a section may be split in chunks)
# A syllable found in at most this share of the chunks (or MIN_UNCOMMON of them) is uncommon: a compound
# holding one ("vườn rau") is more telling than a rare pairing of everyday syllables ("giáo dục học").
UNCOMMON_SHARE = 0.05
MIN_UNCOMMON = 3
_BREAK = re.compile(r"[.;:,!?()\[\]\"“”\n|]")
_SYLLABLE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Compound:
    gram: tuple[str, ...]  # folded syllables
    left: tuple[str, str] | None = None  # the bigram ending at its first syllable, for a bigram
    right: tuple[str, str] | None = None  # the bigram starting at its last syllable
    quantity: bool = False  # a number between the words it counts ("trẻ 4 tuổi", "thiếu 2 giáo")


def compounds(text: str) -> list[Compound]:
    """Folded bigrams and trigrams of content syllables that stand next to each other in `text`.

    Callers blank out what only selects the document (province, number, year) with "|" so that
    no compound spans the gap."""
    out: list[Compound] = []
    seen: set[tuple[str, ...]] = set()
    for clause in _BREAK.split(text.lower()):
        words = [fold(w) for w in _SYLLABLE.findall(clause)]
        for n in (2, 3):
            for i in range(len(words) - n + 1):
                gram = tuple(words[i : i + n])
                if gram in seen:
                    continue
                # Targets, ages and grades are written as a number between words ("trẻ 4 tuổi"): such a
                # phrase pins one passage even if every syllable in it is everyday.
                quantity = (
                    n == 3 and _is_count(gram[1]) and not any(w in STOP or w.isdigit() for w in gram[::2])
                )
                if not quantity and any(w in STOP or w.isdigit() for w in gram):
                    continue
                seen.add(gram)
                if quantity:
                    out.append(Compound(gram, quantity=True))
                    continue
                left = (words[i - 1], words[i]) if n == 2 and i > 0 else None
                right = (words[i + 1], words[i + 2]) if n == 2 and i + 2 < len(words) else None
                out.append(Compound(gram, left, right))
    return out


def _is_count(word: str) -> bool:
    return word.isdigit() and len(word) <= 3  # longer numbers are years and codes, blanked by the callers


class Postings:
    """Rows (chunks) holding a syllable bigram, read from the BM25 index's inverted lists."""

    def __init__(self, bm25: object | None) -> None:
        self._vocab: dict[str, int] = getattr(bm25, "vocab_dict", {}) or {}
        scores = getattr(bm25, "scores", None) or {}
        self._indptr = scores.get("indptr")
        self._indices = scores.get("indices")

    def writes(self, phrase: str) -> bool:
        """Whether some passage writes each neighbouring pair of the phrase's syllables (each syllable, for one
        syllable)."""
        words = [fold(w) for w in _SYLLABLE.findall(phrase.lower())]
        pairs: list[tuple[str, str | None]] = [*zip(words, words[1:], strict=False)] or [
            (w, None) for w in words
        ]
        return bool(pairs) and all(len(self.rows(a, b)) for a, b in pairs)

    def rows(self, a: str, b: str | None = None) -> np.ndarray:
        """Rows holding the folded syllable `a`, or the bigram `a b`."""
        tid = self._vocab.get(f"~{a}_{b}" if b is not None else f"~{a}")
        if tid is None or self._indptr is None or self._indices is None:
            return np.zeros(0, dtype=np.int64)
        return np.asarray(self._indices[self._indptr[tid] : self._indptr[tid + 1]], dtype=np.int64)


def rare_rows(
    grams: list[Compound],
    postings: Postings,
    section_of: Callable[[int], tuple[str, int]],
    folded_text: Callable[[int], str],
    n_rows: int,
) -> dict[int, float]:
    """Row → how telling the rare compounds it shares with the question are: 1 for one holding an uncommon
    syllable ("vườn rau"), 0.5 for a rare pair of everyday syllables ("Bộ Công an"), half more for each
    further compound, at most 1.5. A pair of everyday syllables that straddles two common words ("duy trì |
    phổ cập" gives "trì phổ") and a trigram of everyday syllables ("giáo dục học") do not count."""
    common = max(MIN_UNCOMMON, UNCOMMON_SHARE * n_rows)

    def frequent(pair: tuple[str, str] | None) -> bool:  # a word of everyday use, not a rare compound
        return pair is not None and len(postings.rows(*pair)) > 2 * MAX_SECTIONS

    best: dict[int, float] = {}
    count: dict[int, int] = {}
    for c in grams:
        gram = c.gram
        weight = 1.0 if c.quantity or any(len(postings.rows(w)) <= common for w in gram) else 0.5
        if weight < 1 and (len(gram) == 3 or (frequent(c.left) and frequent(c.right))):
            continue
        rows = postings.rows(gram[0], gram[1])
        if len(gram) == 3 and len(rows):
            rows = np.intersect1d(rows, postings.rows(gram[1], gram[2]))
            if len({section_of(int(r)) for r in rows}) > 4 * MAX_SECTIONS:
                continue  # common enough; spare the text check
            phrase = " ".join(gram)
            rows = np.array([r for r in rows if phrase in folded_text(int(r))], dtype=np.int64)
        if not 0 < len(rows) <= 8 * MAX_SECTIONS or len({section_of(int(r)) for r in rows}) > MAX_SECTIONS:
            continue  # absent, or in many chunks (a section is rarely split in more than a few)
        for r in map(int, rows):
            best[r] = max(best.get(r, 0.0), weight)
            count[r] = count.get(r, 0) + 1
    return {r: min(1.5, b + 0.5 * (count[r] - 1)) for r, b in best.items()}


def pair_coverage(
    grams: list[Compound], postings: Postings, n_rows: int, rows: list[int]
) -> dict[int, float]:
    """Row (of `rows`) → the IDF-weighted share of the question's syllable pairs ("giáo viên", "hạng III") the
    chunk writes. Syllable coverage counts "hạng" and "III" wherever they stand; a question about something the
    library does not hold shares its syllables with some passage far more often than its words
    (eval/fit_answer_models.py: the gate refuses more out-of-scope questions at each share of answerable ones
    answered)."""
    wanted = np.asarray(rows, dtype=np.int64)
    have = np.zeros(len(wanted))
    total = 0.0
    for c in grams:
        if len(c.gram) == 2:
            holding = postings.rows(*c.gram)
            weight = math.log(1 + n_rows / max(len(holding), 0.5))
            total += weight
            have += weight * np.isin(wanted, holding)
    return {r: float(h / total) if total else 0.0 for r, h in zip(rows, have, strict=True)}
