"""School years as plain strings "2021-2022": the current one, explicit ones in text, relative ones.

A school year runs from September to August.  Relative phrases ("năm nay", "năm ngoái", ...) are
recognised with or without tone marks; see `tone_spans` for how the two are reconciled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from ingest.textnorm import fold, has_tone_marks


def school_year(start: int) -> str:
    return f"{start}-{start + 1}"


def start_year(year: str) -> int:
    return int(year[:4])


def current_school_year(today: date) -> str:
    return school_year(today.year if today.month >= 9 else today.year - 1)


# ---------------------------------------------------------------------------------------------
# Tone-aware phrase search, shared with bot.understanding.query.


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    out = fold(ch)
    return out if len(out) == 1 else ch


@lru_cache(maxsize=1024)  # one question is searched for many phrases
def fold_keep(text: str) -> str:
    """`fold` character by character, so positions in the result are positions in `text`."""
    return "".join(_fold_char(ch) for ch in text)


def tone_spans(pattern: str, text: str) -> list[tuple[int, int]]:
    """Spans of `pattern` (a lower-case regex written with tone marks) in `text`, in order.

    A span counts if it carries the pattern's tone marks, or none at all (the user skipped them):
    "năm trước" and "nam truoc" match, "nằm trước" does not.  Patterns must use only lower-case
    escapes (\\b, \\s, \\w, \\d), since folding lower-cases the pattern.
    """
    low = text.lower()
    if len(low) != len(text):  # rare characters that grow when lower-cased; keep positions exact
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    folded = fold_keep(low)
    bare = {m.span() for m in re.finditer(fold(pattern), folded)}
    # A match with the marks is a match without them too, unless the pattern's lookaround needs its marks
    # ("ubnd" before "xa phuong" passes "(?!\s+xã)" but not "(?!\s+xa)"): both must hold.
    spans = {m.span() for m in re.finditer(pattern, low)} & bare
    spans |= {s for s in bare if not has_tone_marks(low[s[0] : s[1]])}
    return sorted(spans)


# ---------------------------------------------------------------------------------------------
# Explicit school years.

_SEP = r"\s*[-–—/]\s*"
# Four-digit pairs need no context: "2021-2022", "2021 - 2022", "2021–2022", "2021/2022".
_FULL = re.compile(rf"(?<![\d/])((?:19|20)\d\d){_SEP}((?:19|20)\d\d)(?![\d/])")
# Shortened pairs and a lone year only after "năm học"/"NH": "năm học 21-22", "NH 2021-22",
# "năm học 2021".  A lone year is read as the school year starting then (Vietnamese usage
# "năm học 2021" is rare and ambiguous; the start year is the common reading).
_AFTER_NH = re.compile(rf"\b(?:nam\s+hoc|nh)\s*:?\s*(\d{{4}}|\d\d)(?:{_SEP}(\d{{4}}|\d\d))?(?![\d/])")


def _expand(first: str, second: str | None) -> str | None:
    y1 = int(first) if len(first) == 4 else 2000 + int(first)
    if second is None:
        return school_year(y1) if len(first) == 4 else None
    y2 = int(second) if len(second) == 4 else y1 - y1 % 100 + int(second)
    if len(second) == 2 and y2 < y1:  # "1999-00"
        y2 += 100
    return school_year(y1) if y2 == y1 + 1 else None


def parse_school_years(text: str) -> list[str]:
    """Every school year written in `text`, as "YYYY-YYYY", in order, without repeats.

    Only consecutive years count ("2021-2025" is a plan period, not a school year).
    """
    folded = fold_keep(text.lower())
    hits: list[tuple[int, str]] = []
    for m in _FULL.finditer(folded):
        year = _expand(m.group(1), m.group(2))
        if year:
            hits.append((m.start(1), year))
    for m in _AFTER_NH.finditer(folded):
        year = _expand(m.group(1), m.group(2))
        if year:
            hits.append((m.start(1), year))
    out: list[str] = []
    for _, year in sorted(hits):
        if year not in out:
            out.append(year)
    return out


# ---------------------------------------------------------------------------------------------
# Relative school years.

_CURRENT, _NEXT, _PREVIOUS, _NEW = 0, 1, -1, "new"
# (phrase, offset, can a number before it make it a period: "3 năm trước" yes, "CT 04 năm nay" no)
_RELATIVE: tuple[tuple[str, int | str, bool], ...] = (
    (r"\bnăm\s+học\s+(?:này|hiện\s+tại|hiện\s+nay)\b", _CURRENT, False),
    (r"\bnăm\s+nay\b", _CURRENT, False),
    (r"\bhiện\s+nay\b", _CURRENT, False),
    (r"\bnăm\s+học\s+mới\b", _NEW, False),
    (r"\bnăm\s+(?:học\s+)?(?:tới|sau|kế\s+tiếp|tiếp\s+theo)\b", _NEXT, True),
    (r"\bnăm\s+(?:học\s+)?(?:trước|vừa\s+qua|qua)\b", _PREVIOUS, True),
    (r"\bnăm\s+ngoái\b", _PREVIOUS, False),
)
# "3 năm trước", "các năm trước", "những năm tới" are spans of years, not one school year
# ("nhưng năm nay" still is one: the quantifier word is checked with its tone marks).
_QUANTIFIERS = ("các", "những", "nhiều", "mấy", "vài")
_LAST_WORD = re.compile(r"(\w+)\W*$")


def _quantified(before: str, countable: bool) -> bool:
    m = _LAST_WORD.search(before[-20:])
    if m is None:
        return False
    word = m.group(1).lower()
    if (countable and word.isdigit()) or word in _QUANTIFIERS:
        return True
    return not has_tone_marks(word) and word in {fold(q) for q in _QUANTIFIERS}


def relative_spans(text: str) -> list[tuple[int, int]]:
    """Where relative school years stand in `text` ("năm học này", "năm ngoái"): scope, not what is asked."""
    return [
        (start, end)
        for pattern, _, countable in _RELATIVE
        for start, end in tone_spans(pattern, text)
        if not _quantified(text[:start], countable)
    ]


def relative_school_year(text: str, today: date) -> str | None:
    """The school year a relative phrase refers to, the first such phrase in `text` deciding.

    "năm nay", "năm học này/hiện tại" → current; "năm học tới/sau/kế tiếp", "năm tới" → next;
    "năm ngoái", "năm trước", "năm học trước/vừa qua" → previous.  "năm học mới" is the current
    school year from September to May and the next one in June–August, when people talk about
    the coming year.
    """
    hits: list[tuple[int, int | str]] = []
    for pattern, offset, countable in _RELATIVE:
        for start, _end in tone_spans(pattern, text):
            if not _quantified(text[:start], countable):
                hits.append((start, offset))
                break
    if not hits:
        return None
    _, offset = min(hits, key=lambda h: h[0])
    current = start_year(current_school_year(today))
    if offset == _NEW:
        offset = _NEXT if 6 <= today.month <= 8 else _CURRENT
    assert isinstance(offset, int)
    return school_year(current + offset)


_YEAR_TOKEN = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_YEAR_SPAN = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d)(?!\d)")


def year_mentions(texts: Iterable[str]) -> frozenset[str]:
    """Every year ("2024") and year span ("2018-2019") written in the texts, spans normalised with "-"."""
    found: set[str] = set()
    for text in texts:
        found.update(_YEAR_TOKEN.findall(text))
        found.update(f"{a}-{b}" for a, b in _YEAR_SPAN.findall(text))
    return frozenset(found)
