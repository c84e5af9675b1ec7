"""Which documents a question is about: province (+ national), school year, document number."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.query import QueryIntent
from ingest import provinces
from ingest.legal import STANDING_TYPES
from ingest.models import Document
from ingest.textnorm import fold

# Documents for every province: national issuers' ("toàn quốc") and those whose province is unknown.
_NATIONAL = (None, provinces.NATIONAL)


@dataclass
class Scope:
    doc_ids: set[str] | None  # None = every document
    prefer_newest: bool
    notes: list[str] = field(default_factory=list)
    refusal: str | None = None  # set when the scope itself rules out an answer
    province: str | None = None
    school_year: str | None = None


def _number_matches(doc: Document, number: str) -> bool:
    return bool(doc.meta.doc_number) and fold(doc.meta.doc_number or "") == fold(number)


def _ref_matches(doc: Document, doc_type: str | None, prefix: str) -> bool:
    num = doc.meta.doc_number or ""
    head = num.split("/")[0].lstrip("0") or "0"
    if head != (prefix.lstrip("0") or "0"):
        return False
    return doc_type is None or fold(doc_type) == fold(doc.meta.doc_type)


# "năm 2024" as a point in time; not "năm học 2024-2025", "giai đoạn 2021-2025" or "tầm nhìn đến năm 2045".
_CALENDAR_YEAR = re.compile(
    r"(?<!den )(?<!toi )(?<!het )\bnam\s+((?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)"
)  # on folded text


def _calendar_years(text: str, current: int) -> list[int]:
    years = [int(y) for y in _CALENDAR_YEAR.findall(fold(text))]
    return [y for y in years if current - 30 <= y <= current + 1]


def _covers_calendar_year(doc: Document, year: int, mentioned: frozenset[str]) -> bool:
    """The document's school year spans that year, or its text mentions it."""
    if doc.meta.school_year and str(year) in doc.meta.school_year.split("-"):
        return True
    return str(year) in mentioned


def resolve_scope(
    intent: QueryIntent,
    docs: list[Document],
    current_year: str,
    chosen_province: str | None,
    chosen_year: str | None,
    mentions: Mapping[str, frozenset[str]],
) -> Scope:
    """`mentions`: the years and year spans each document's text writes (bot.schoolyear.year_mentions)."""
    notes: list[str] = []
    pool = list(docs)
    # Province: named in the question, else the user's choice; national documents always stay in scope.
    province = intent.provinces[0] if intent.provinces else None
    if province is None and chosen_province:
        found = provinces.get(chosen_province)
        province = found.name if found else None
    if province:
        region = provinces.scope_of(province)
        local = [d for d in pool if d.meta.province in region]
        if not local:
            national = [d for d in pool if d.meta.province in _NATIONAL]
            label = provinces.issuer_label(province)
            if not national:
                return Scope(
                    None,
                    True,
                    refusal=f"Hiện chưa có văn bản nào của {label} trong hệ thống.",
                    province=province,
                )
            notes.append(f"Chưa có văn bản riêng của {label}; đang tìm trong văn bản của Bộ GD&ĐT.")
        pool = local + [d for d in pool if d.meta.province in _NATIONAL]
    # Document numbers restrict the search when we hold that document.
    numbered = [d for d in pool if any(_number_matches(d, n) for n in intent.doc_numbers)]
    if not numbered and intent.doc_refs:
        numbered = [d for d in pool if any(_ref_matches(d, t, p) for t, p in intent.doc_refs)]
    if numbered:
        pool = numbered
    elif intent.doc_numbers:
        notes.append(
            f"Chưa có văn bản số {', '.join(intent.doc_numbers)} trong hệ thống; kết quả lấy từ văn bản khác."
        )
    # A calendar year ("năm 2024") the documents in scope neither are for nor mention cannot be answered.
    for year_number in _calendar_years(intent.text, int(current_year[:4])):
        if not any(_covers_calendar_year(d, year_number, mentions[d.id]) for d in pool):
            return Scope(
                None,
                True,
                refusal=f"Chưa có văn bản nào trong phạm vi này nói về năm {year_number}.",
                province=province,
            )
    # School year: an explicit one is a filter; "năm nay" prefers that year, else the newest before it.
    years = sorted({d.meta.school_year for d in pool if d.meta.school_year})
    year = intent.school_year if intent.year_source == "explicit" else None
    year = year or (chosen_year if chosen_year and intent.year_source == "none" else None)
    prefer_newest = True
    if year:
        matching = [d for d in pool if d.meta.school_year == year]
        if not matching:
            # A directive for year Y often reviews year Y-1 ("tổng kết năm học 2018-2019"): those may answer.
            matching = [d for d in pool if year in mentions[d.id]]
        if not matching:
            have = ", ".join(years) if years else "không có"
            return Scope(
                None,
                True,
                refusal=f"Chưa có văn bản nào về năm học {year} trong phạm vi này "
                f"(các năm học hiện có: {have}).",
                province=province,
                school_year=year,
            )
        pool, prefer_newest = matching + _standing(pool), False
    elif intent.year_source == "relative" and intent.school_year:
        target = intent.school_year
        older = [y for y in years if y <= target]
        pick = target if target in years else (older[-1] if older else None)
        if pick:
            pool = [d for d in pool if d.meta.school_year == pick] + _standing(pool)
            if pick != target:
                notes.append(f"Chưa có văn bản năm học {target}; văn bản mới nhất hiện có là năm học {pick}.")
            prefer_newest = False
    return Scope({d.id for d in pool}, prefer_newest, notes, province=province, school_year=year)


def _standing(pool: list[Document]) -> list[Document]:
    """Laws, decrees and circulars without a school year apply in every year: a year filter keeps them."""
    return [d for d in pool if d.meta.school_year is None and d.meta.doc_type in STANDING_TYPES]
