"""Date expressions in Vietnamese administrative text: where they are and what day (or month) they name.

Forms written in directives and plans: "15/12/2025", "15-12-2025", "15.12.2025", "ngày 15 tháng 12 năm 2025",
"ngày 5 tháng 9" and "trước ngày 30/4" (no year: the document's school year decides), "tháng 12/2025" and
"tháng 3 năm 2024" (a month), "từ ngày 01/9 đến ngày 05/9/2025" and "từ 20/5 - 31/5" (ranges). A day and month
written without a year and without a word saying it is a date ("6/10 phòng") is a fraction, not a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_YEAR = r"(?:19|20)\d\d"
# "ngày 15 tháng 12 năm 2025", "ngày 5 tháng 9"
_WORDS = re.compile(
    rf"\bngày\s+(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})(?:\s*(?:năm\s+|/\s*)(?P<y>{_YEAR}))?(?![\d/])",
    re.I,
)
# "15/12/2025", "15-12-2025", "15.12.2025" (same separator twice), "30/4" (checked for context below)
_NUMERIC = re.compile(
    rf"(?<![\d/.,-])(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?:(?P=sep)(?P<y>{_YEAR}))?(?![\d/]|[.,-]\d)"
)
# "tháng 12/2025", "tháng 3 năm 2024", "tháng 01-2019"; "(vào|trong) tháng 3" without a year
_MONTH = re.compile(
    rf"\btháng\s+(?P<m>\d{{1,2}})(?:\s*(?:/|-|năm\s+)\s*(?P<y>{_YEAR}))?(?![\d/])",
    re.I,
)
# What makes a bare "30/4" a date: the word before it.
_YEARLESS_CUE = re.compile(
    r"(?:\bngày|\btừ|\bđến|\btới|\btrước|\bsau|\bvào|\bhạn|\bhết|\bvà|[-–,])\s*$", re.I
)
_MONTH_CUE = re.compile(r"(?:\bvào|\btrong|\btừ|\bđến|\bcuối|\bđầu|\bgiữa)\s*$", re.I)
_RANGE_JOIN = re.compile(r"^\s*(?:đến|tới|-|–|—)\s*(?:hết\s+)?(?:ngày\s+)?$", re.I)
_RANGE_FROM = re.compile(r"\btừ\s*(?:ngày\s*)?$", re.I)


@dataclass
class Mention:
    start: int
    end: int
    day: int | None  # None: a month ("tháng 12/2025")
    month: int
    year: int | None  # None: not written, resolved in the school year
    text: str
    # Filled when a range joins two mentions: the second one, and where the range text starts ("từ ngày").
    until: Mention | None = None
    range_start: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day is not None else "month"


def find_mentions(text: str) -> list[Mention]:
    """Date expressions in `text`, in order, not overlapping; ranges joined (the first mention holds `until`)."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _WORDS.finditer(text):
        found.append(_mention(m, text))
        taken.append(m.span())
    for m in _NUMERIC.finditer(text):
        if not free(*m.span()):
            continue
        if m.group("y") is None and (m.group("sep") != "/" or not _YEARLESS_CUE.search(text[: m.start()])):
            continue  # "6/10 phòng", "2.860": not dates
        found.append(_mention(m, text))
        taken.append(m.span())
    for m in _MONTH.finditer(text):
        if not free(*m.span()):
            continue
        if m.group("y") is None and not _MONTH_CUE.search(text[: m.start()]):
            continue  # "mỗi tháng 02 lần"
        found.append(_mention(m, text, month_only=True))
        taken.append(m.span())
    found.sort(key=lambda x: x.start)
    return _join_ranges(found, text)


def _mention(m: re.Match[str], text: str, month_only: bool = False) -> Mention:
    day = None if month_only else int(m.group("d"))
    year = int(m.group("y")) if m.group("y") else None
    return Mention(m.start(), m.end(), day, int(m.group("m")), year, text[m.start() : m.end()])


def _join_ranges(found: list[Mention], text: str) -> list[Mention]:
    out: list[Mention] = []
    i = 0
    while i < len(found):
        first = found[i]
        if i + 1 < len(found) and _RANGE_JOIN.match(text[first.end : found[i + 1].start]):
            frm = _RANGE_FROM.search(text[max(0, first.start - 12) : first.start])
            if frm or text[first.end : found[i + 1].start].strip() in ("-", "–", "—"):
                first.until = found[i + 1]
                first.range_start = max(0, first.start - 12) + frm.start() if frm else first.start
                out.append(first)
                i += 2
                continue
        out.append(first)
        i += 1
    return out


def school_year_of(day: date) -> str:
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}-{start + 1}"


def year_in_school_year(month: int, school_year: str) -> int:
    """September–December belong to the first year of "2024-2025", January–August to the second."""
    first = int(school_year[:4])
    return first if month >= 9 else first + 1


class ImpossibleDate(ValueError):
    """A date that does not exist (31/02); reported with the text, never shifted to a neighbour."""


def resolve(m: Mention, school_year: str | None, year_hint: int | None = None) -> date | None:
    """The day a mention names (the 1st for a month). Without a written year: `year_hint` (the other end of a
    range), else the school year; None when neither is known. Raises ImpossibleDate."""
    if not 1 <= m.month <= 12:
        raise ImpossibleDate(m.text)
    year = m.year or year_hint
    if year is None:
        if school_year is None:
            return None
        year = year_in_school_year(m.month, school_year)
    try:
        return date(year, m.month, m.day or 1)
    except ValueError:
        raise ImpossibleDate(m.text) from None
