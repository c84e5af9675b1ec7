"""The school year's milestones asked by name: "Năm học này bắt đầu ngày nào?", "Khai giảng khi nào?", "Bao giờ
kết thúc học kỳ I?", "Năm học 2024-2025 kết thúc ngày nào?".

Every school-year timetable (the Bộ's khung kế hoạch thời gian năm học, a province's kế hoạch thời gian năm học, a
Sở's guidance) states the same few milestones in the same words: "tựu trường", "khai giảng", "học kỳ I từ … đến …",
"học kỳ II từ …", "kết thúc năm học". The calendar reads them as dated items (bot/calendar/book.py); a question naming
one is answered with those items, each cited, so that "bắt đầu" finds the days that start the year even though no
document writes "năm học bắt đầu". The year is the one asked, else the current one; when no document of that year
states the milestone, the newest earlier year that does is given, said to be that year's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.answer.figures import has_day
from bot.calendar.book import Entry
from bot.understanding.schoolyear import tone_spans
from ingest.models import Document
from ingest.textnorm import fold

# Sentences and the clauses of an enumeration: "… để khai giảng năm học mới; hoàn thành bồi dưỡng hè trước ngày
# 25/8" names the opening in one clause and dates another task in the next.
_CLAUSE = re.compile(r"\n|(?<=[.;!?])\s+")


def _what(entry: Entry) -> str:
    return " ".join(fold(entry.item.what).lower().split())


def _term(roman: str) -> Callable[[Entry], bool]:
    """The term itself as a period ("Học kỳ I" from … to …)."""
    return lambda e: e.item.kind == "period" and re.fullmatch(rf"hoc ky {roman}", _what(e)) is not None


def _says(*phrases: str) -> Callable[[Entry], bool]:
    return lambda e: any(re.search(rf"\b{p}\b", _what(e)) for p in phrases)


def _either(*tests: Callable[[Entry], bool]) -> Callable[[Entry], bool]:
    return lambda e: any(t(e) for t in tests)


@dataclass(frozen=True)
class Milestone:
    name: str  # as the answer says it
    asked: str  # how a question names it (with tone marks; matched with or without them)
    holds: Callable[[Entry], bool]  # the calendar items that state it
    written: str  # how a document writes it (folded): a document writing none of it cannot date it

    def dated_in(self, doc: Document) -> bool:
        """Whether a sentence of `doc` writes the milestone and a day ("khai giảng ngày 05/9/2022"): a document that
        only names it ("chuẩn bị các điều kiện để khai giảng") does not date it."""
        return any(
            has_day(sentence) and re.search(self.written, fold(sentence).lower())
            for s in doc.sections
            for sentence in _CLAUSE.split(s.text)
        )


_HK1 = r"(?:học\s+kỳ|hk)\s*(?:i|1)\b"
_HK2 = r"(?:học\s+kỳ|hk)\s*(?:ii|2)\b"
_START = r"(?:bắt\s+đầu|mở\s+đầu)"
_END = r"(?:kết\s+thúc|hết)"
_GAP = r"(?:[^\s]+\s+){0,4}?"  # a few words between ("năm học này … bắt đầu")
# Most specific first: "khai giảng học kỳ II" is the second term's start, not the year's opening.
MILESTONES = (
    Milestone(
        "bắt đầu học kỳ II",
        rf"{_START}\s+{_HK2}|{_HK2}\s+{_GAP}{_START}",
        _either(_term("ii"), _says("bat dau hoc ky ii")),
        r"\bhoc ky (?:ii|2)\b",
    ),
    Milestone(
        "kết thúc học kỳ I",
        rf"{_END}\s+{_HK1}|{_HK1}\s+{_GAP}{_END}",
        _either(_term("i"), _says("ket thuc hoc ky i")),
        r"\bhoc ky (?:i|1)\b",
    ),
    Milestone("tựu trường", r"tựu\s+trường", _says("tuu truong"), r"\btuu truong\b"),
    Milestone("khai giảng", r"khai\s+giảng", _says("khai giang"), r"\bkhai giang\b"),
    Milestone(
        "kết thúc năm học",
        rf"{_END}\s+năm\s+học|năm\s+học\s+{_GAP}{_END}|bế\s+giảng",
        _either(_says("ket thuc nam hoc", "be giang"), _term("ii")),
        r"\b(?:ket thuc nam hoc|be giang|hoc ky (?:ii|2))\b",
    ),
    Milestone(
        "bắt đầu năm học",
        rf"{_START}\s+năm\s+học|năm\s+học\s+{_GAP}{_START}",
        _either(_says("tuu truong", "khai giang", "bat dau nam hoc"), _term("i")),
        r"\b(?:tuu truong|khai giang|bat dau nam hoc|hoc ky (?:i|1))\b",
    ),
)
# The question asks a day or a time, not how the milestone is organised ("Khai giảng tổ chức thế nào?").
_ASKS_WHEN = (
    r"\b(?:ngày\s+nào|ngày\s+mấy|hôm\s+nào|khi\s+nào|bao\s+giờ|lúc\s+nào|thời\s+gian\s+nào|thời\s+điểm\s+nào"
    r"|tháng\s+mấy|tuần\s+nào|từ\s+ngày\s+nào|vào\s+ngày\s+nào)\b"
)


# What a follow-up carries from the previous turn, in brackets after the question ("Thế kết thúc năm học khi nào
# (khai giảng ngày)?"): the question's own words name the milestone first.
_CARRIED = re.compile(r"\([^()]*\)")


def asked_milestone(question: str) -> Milestone | None:
    """The milestone a question asks the day of, or None."""
    if not tone_spans(_ASKS_WHEN, question):
        return None
    for text in (_CARRIED.sub(" ", question), question):
        found = next((m for m in MILESTONES if tone_spans(m.asked, text)), None)
        if found is not None:
            return found
    return None


def milestone_entries(milestone: Milestone, entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if milestone.holds(e)]
