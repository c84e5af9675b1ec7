"""Understanding a teacher's question: province, school year, document references, levels, issuers, parts.

Everything here is a general rule (regexes and tables); all of it works on text typed without
tone marks as well, because matching is done on `fold`ed text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from bot.understanding import register
from bot.understanding.abbreviations import Abbr
from bot.understanding.abbreviations import expansions as abbreviation_expansions
from bot.understanding.asks import (
    asks_document,
    asks_duration,
    asks_when,
    number_unit,
    per_unit,
    wants_day,
    wants_list,
    wants_number,
)
from bot.understanding.issuers import issuer_mentions, school_spans
from bot.understanding.ordinals import OrdinalRef, find_ordinal
from bot.understanding.schoolyear import fold_keep, parse_school_years, relative_school_year
from ingest.doctypes import DOC_TYPES, TYPE_CODES
from ingest.provinces import find_provinces
from ingest.textnorm import clean_chars, fold, has_tone_marks, squash

Writes = Callable[[str], bool]  # whether the library writes a phrase


@dataclass
class QueryIntent:
    text: str  # NFC, no zero-width/control characters, white space squashed
    folded: str  # fold(text)
    has_tone_marks: bool
    provinces: list[str] = field(default_factory=list)  # canonical names; the first is the target
    school_year: str | None = None
    year_source: str = "none"  # "explicit" | "relative" | "none"
    doc_numbers: list[str] = field(default_factory=list)  # as written: "04/CT-UBND"
    doc_refs: list[tuple[str | None, str]] = field(default_factory=list)  # ("Chỉ thị", "04")
    ref_years: dict[str, str] = field(default_factory=dict)  # a reference's number → the year written with it
    doc_types: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    expansions: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(
        default_factory=list
    )  # short forms read: "TTHTCĐ = trung tâm học tập cộng đồng"
    plain_spans: list[tuple[int, int]] = field(
        default_factory=list
    )  # everyday wordings a formal one replaces
    wants_list: bool = False
    # "bao nhiêu", "mấy": the answer is a figure, next to what is counted (bot.answer.relevance checks the quote)
    wants_number: bool = False
    wants_document: bool = False  # "văn bản nào", "QĐ số mấy": a document cited by its number is asked for
    number_unit: tuple[str, ...] = ()  # folded: "giao", "truong"; "%" for "phần trăm"; money words for "tiền"
    per_unit: tuple[str, ...] = ()  # a rate's unit, folded: "tin chi" of "bao nhiêu tiền một tín chỉ"
    wants_day: bool = False  # "ngày nào", "hôm nào": the answer is a date
    issuer_levels: list[str] = field(default_factory=list)  # "bo", "so", … (bot.understanding.issuers)
    issuer_spans: list[tuple[int, int]] = field(default_factory=list)  # where the question names them
    ordinal: OrdinalRef | None = None  # "nhiệm vụ thứ nhất", "mục II.3" (bot.understanding.ordinals)

    def readings(self) -> list[tuple[str, str]]:
        """The short forms read, each with its long form: ("GV", "giáo viên")."""
        return _readings(self.abbreviations)


def _readings(read: list[str]) -> list[tuple[str, str]]:
    return [(short, long) for short, _, long in (r.partition(" = ") for r in read) if short and long]


# ---------------------------------------------------------------------------------------------
# Document types, numbers and references.

# Folded spelled-out name → type.  "văn bản" names no particular type but still introduces a number.
# A licence is named by its number as a document is ("Giấy phép 2507"), though no directive's type.
_TYPE_WORDS: dict[str, str | None] = {
    **DOC_TYPES,
    "nghi dinh": "Nghị định",
    "giay phep": "Giấy phép",
    "van ban": None,
}
_TYPE_ALT = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in (*_TYPE_WORDS, *TYPE_CODES))
# "chỉ thị 04", "chi thi so 04", "CT số: 04", "công văn 4555"; not "kế hoạch 2021-2022".
_REF = re.compile(rf"\b({_TYPE_ALT})\s+(?:so\s*:?\s*)?(\d{{1,5}}(?:\.\d{{1,3}})?)(?!\d)(?!\s*[-–]\s*\d)")
# A document cited by its type and subject, then its number, as texts cite one another ("Kế hoạch kiểm tra số 1105",
# "Giấy phép sử dụng vật liệu nổ công nghiệp số 2507", "Quyết định phê duyệt số 1050/QĐ-SCT").
_REF_NAMED = re.compile(
    rf"\b({_TYPE_ALT})\s+(?:[^\W\d_]+\s+){{1,6}}?so\s*:?\s*(\d{{2,5}})(?![\d.,])(?!\s*[-–]\s*\d)"
)
_TYPE_BEFORE = re.compile(rf"\b({_TYPE_ALT})\s+(?:so\s*:?\s*)?$")
# Number[/year]/code[-code...]: "04/CT-UBND", "32/2020/TT-BGDĐT", "4555/BGDĐT-GDPT", "202/2025/QH15".
# "66.18/2026/NQ-CP": the Government's resolutions under the 2025 special mechanism carry a dotted number.
_DOC_NUMBER = re.compile(r"(?<![\w/.])(\d{1,5}(?:\.\d{1,3})?)(/\d{4})?/([^\W\d_][\w&]*(?:-[\w&]+)*)")
_MENTION = re.compile(
    r"\b(" + "|".join(k.replace(" ", r"\s+") for k in _TYPE_WORDS if _TYPE_WORDS[k]) + r")\b"
)


# A number pasted from a scan or a web page with spaces in its symbol ("87 /2026/QĐ-UBND", "105/2009 / QĐ - TTg"):
# a year or a hyphened code tells it from a ratio ("30 / GV").
_SPACED_NUMBER = re.compile(
    r"(?<![\w/.])\d{1,5}\s*/\s*(?:\d{4}\s*/\s*[A-ZĐ][\w&]*(?:\s*-\s*[A-ZĐ][\w&]*)*"
    r"|[A-ZĐ][\w&]*(?:\s*-\s*[A-ZĐ][\w&]*)+)"
)


def reference_pattern(number: str) -> str:
    """A named document in folded text: its number (or number prefix) with the type word or short code that
    may stand before it ("CV 6987/SNNMT-KS", "quyết định số 1074/QĐ-BXD", "chỉ thị 04")."""
    return rf"(?:\b(?:{_TYPE_ALT})\s+(?:so\s*:?\s*)?)?{re.escape(number)}"


# Folded names and short codes of the document types: the expansion of one ("CV" ↔ "công văn") names the document.
TYPE_NAMES = frozenset(fold(t) for t in TYPE_CODES.values()) | frozenset(TYPE_CODES)


def type_spans(folded: str) -> list[tuple[int, int]]:
    """Where document types are named ("chỉ thị", "hướng dẫn", …) in folded text."""
    return [m.span() for m in _MENTION.finditer(folded)]


def _type_of(key: str) -> str | None:
    key = squash(key)
    return _TYPE_WORDS[key] if key in _TYPE_WORDS else TYPE_CODES.get(key)


def _doc_numbers(text: str, folded: str) -> tuple[list[str], list[tuple[int, str | None, str]]]:
    numbers: list[str] = []
    refs: list[tuple[int, str | None, str]] = []
    for m in _DOC_NUMBER.finditer(text):
        code = m.group(3)
        if not (any(c.isupper() for c in code) or "-" in code):  # "1/lớp" is not a number
            continue
        numbers.append(m.group())
        before = _TYPE_BEFORE.search(folded[: m.start()])
        first = fold(code.split("-")[0])
        if before and _type_of(before.group(1)):
            kind = _type_of(before.group(1))
        elif first in TYPE_CODES:
            kind = TYPE_CODES[first]
        else:
            # Nghị định 30/2020/NĐ-CP: a number without a type code and without a year is a công văn.
            kind = None if m.group(2) else "Công văn"
        refs.append((m.start(), kind, m.group(1)))
    return numbers, refs


def number_at(number: str) -> str:
    """A regex for a document's number as texts write it, up to its slash: "01" matches "1/…" and "01/…", not
    "101/…" or a date's "3/01/…"."""
    return rf"(?<![\d/.])0*{re.escape(number.lstrip('0') or '0')}/"


def _ref_years(folded: str, refs: list[tuple[str | None, str]]) -> dict[str, str]:
    """The year the question writes after each reference's number ("TT 01/2018" → {"01": "2018"}): Thông tư
    01/2026 is not the one asked."""
    found = ((n, re.search(number_at(n) + r"((?:19|20)\d\d)\b", folded)) for _, n in refs)
    return {n: m.group(1) for n, m in found if m}


def _doc_refs(folded: str, from_numbers: list[tuple[int, str | None, str]]) -> list[tuple[str | None, str]]:
    hits = list(from_numbers)
    for m in [*_REF.finditer(folded), *_REF_NAMED.finditer(folded)]:
        hits.append((m.start(), _type_of(m.group(1)), m.group(2)))
    out: list[tuple[str | None, str]] = []
    for _, kind, number in sorted(hits, key=lambda h: h[0]):
        if (kind, number) in out:
            continue
        if kind is not None and (None, number) in out:  # a typed ref supersedes an untyped one
            out[out.index((None, number))] = (kind, number)
        elif kind is None and any(n == number for _, n in out):
            continue
        else:
            out.append((kind, number))
    return out


def _doc_types(folded: str, refs: list[tuple[str | None, str]]) -> list[str]:
    hits = [(m.start(), _TYPE_WORDS[squash(m.group(1))]) for m in _MENTION.finditer(folded)]
    out: list[str] = []
    for kind in [k for _, k in sorted(hits, key=lambda h: h[0])] + [k for k, _ in refs]:
        if kind and kind not in out:
            out.append(kind)
    return out


# ---------------------------------------------------------------------------------------------
# Levels of education.

_LEVEL_PATTERNS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    # (regex, levels, case-sensitive on the original text?)
    (r"\b(?:mam\s+non|mau\s+giao|nha\s+tre|gdmn)\b", ("Mầm non",), False),
    (r"\bMN\b", ("Mầm non",), True),
    (r"\b(?:tieu\s+hoc|gdth|cap\s+(?:1|i|mot))\b", ("Tiểu học",), False),
    (r"\bTH\b", ("Tiểu học",), True),
    (r"\b(?:trung\s+hoc\s+co\s+so|thcs|cap\s+(?:2|ii|hai))\b", ("THCS",), False),
    (r"\b(?:trung\s+hoc\s+pho\s+thong|thpt|cap\s+(?:3|iii|ba))\b", ("THPT",), False),
    # "giáo dục trung học", "GDTrH": both secondary levels.
    (r"\b(?:trung\s+hoc(?!\s+(?:co\s+so|pho\s+thong))|gdtrh)\b", ("THCS", "THPT"), False),
    (r"\b(?:giao\s+duc\s+thuong\s+xuyen|gdtx)\b", ("GDTX",), False),
)
_GRADE = re.compile(r"\blop\s+(\d{1,2})\b")


def _grade_level(grade: int) -> str | None:
    if 1 <= grade <= 5:
        return "Tiểu học"
    if 6 <= grade <= 9:
        return "THCS"
    return "THPT" if 10 <= grade <= 12 else None


def levels_named(text: str) -> list[str]:
    """The levels of education a text names ("THCS", "Mầm non", "lớp 3" → "Tiểu học"), in order."""
    return _levels(text, fold_keep(text.lower()))


def _levels(text: str, folded: str) -> list[str]:
    hits: list[tuple[int, str]] = []
    for pattern, levels, case_sensitive in _LEVEL_PATTERNS:
        for m in re.finditer(pattern, text if case_sensitive else folded):
            hits += [(m.start(), level) for level in levels]
    for m in _GRADE.finditer(folded):  # "lớp 3" → Tiểu học
        level = _grade_level(int(m.group(1)))
        if level:
            hits.append((m.start(), level))
    out: list[str] = []
    for _, level in sorted(hits, key=lambda h: h[0]):
        if level not in out:
            out.append(level)
    return out


# ---------------------------------------------------------------------------------------------
# Everyday wordings and abbreviations (bot/understanding/abbreviations.py).


def _expansions(
    text: str, folded: str, library: tuple[Abbr, ...] = (), writes: Writes | None = None
) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """Formal wordings and other forms of abbreviations to search beside the question; short forms read; where
    the everyday wordings stand that a formal one the library writes replaces (bot.understanding.register).
    `writes`: whether the library writes a phrase (None: every formal wording is kept)."""
    hits, read = abbreviation_expansions(text, folded, library)
    spans: list[tuple[int, int]] = []
    for start, end, wording in register.matches(text, folded):
        kept = [f for f in wording.formal if fold(f) not in folded and (writes is None or writes(f))]
        hits += [(start, f) for f in kept]
        # "tối đa" → "không quá | tối đa", "dạy bơi" where a plan writes "mở lớp dạy bơi": a wording documents
        # write too stays one of the question's words.
        written = writes is not None and writes(text[start:end])
        if (
            kept
            and not written
            and fold(wording.plain.lower()) not in {fold(f.lower()) for f in wording.formal}
        ):
            spans.append((start, end))
    out: list[str] = []
    for _, phrase in sorted(hits, key=lambda h: h[0]):
        if phrase not in out:
            out.append(phrase)
    return out, read, spans


# ---------------------------------------------------------------------------------------------


def _issuer_spans(
    text: str, mentions: list[tuple[int, int, str]], writes: Writes | None
) -> list[tuple[int, int]]:
    """Where the question names an issuer: a level ("Sở GD&ĐT") or a school the library writes by its proper
    name. A school no document names ("Đại học Bách khoa Hà Nội") stays words of the question: the library has
    nothing of it, and the gate should see that."""
    schools = [(a, b) for a, b, name in school_spans(text) if writes is not None and writes(name)]
    return sorted([(a, b) for a, b, _ in mentions] + schools)


def with_library(intent: QueryIntent, library: tuple[Abbr, ...], writes: Writes | None = None) -> QueryIntent:
    """The intent with the abbreviations the library's documents define read as well, and only the formal
    wordings the library writes."""
    if not library and writes is None:
        return intent
    folded = fold_keep(intent.text.lower())
    expansions, read, spans = _expansions(intent.text, folded, library, writes)
    issuer_spans = _issuer_spans(intent.text, issuer_mentions(intent.text), writes)
    return replace(
        intent, expansions=expansions, abbreviations=read, plain_spans=spans, issuer_spans=issuer_spans
    )


# A run of words typed without any mark in a question typed with them ("năm học 2026-2027 ha tinh thi hsg …": a
# phone's keyboard marks some words, not others).
_UNMARKED_RUN = re.compile(r"[A-Za-z](?:[A-Za-z\s-]*[A-Za-z])?")


def _provinces(text: str) -> list[str]:
    """Provinces the question names. In text with tone marks a name must carry its own (`find_provinces`), but a
    name of two words or more typed wholly without marks is the name typed so, not another phrase."""
    found = find_provinces(text)
    if found or not has_tone_marks(text):
        return found
    for run in _UNMARKED_RUN.finditer(text):
        if len(run.group().split()) >= 2:
            found += [p for p in find_provinces(run.group()) if p not in found]
    return found


def _spelled_unit(unit: tuple[str, ...], read: list[str]) -> tuple[str, ...]:
    """ "bao nhiêu SV": documents count "sinh viên", so a short form counted adds the long form it was read as
    (`read`: "SV = sinh viên")."""
    longs = [fold(long.lower()) for short, long in _readings(read) if fold(short.lower()) in unit]
    return (*unit, *longs) if longs else unit


def understand(
    question: str, today: date, library: tuple[Abbr, ...] = (), writes: Writes | None = None
) -> QueryIntent:
    """`library`: abbreviations the library's documents define (bot.understanding.abbreviations.library_abbrs);
    `writes`: whether the library writes a phrase, for the formal wordings searched beside everyday ones."""
    text = _SPACED_NUMBER.sub(lambda m: re.sub(r"\s+", "", m.group()), squash(clean_chars(question)))
    folded = fold_keep(text.lower())  # same positions as `text`, for the regexes above
    intent = QueryIntent(text=text, folded=fold(text), has_tone_marks=has_tone_marks(text))
    intent.provinces = _provinces(text)
    explicit = parse_school_years(text)
    relative = None if explicit else relative_school_year(text, today)
    if explicit:
        intent.school_year, intent.year_source = explicit[0], "explicit"
    elif relative:
        intent.school_year, intent.year_source = relative, "relative"
    intent.doc_numbers, number_refs = _doc_numbers(text, folded)
    intent.doc_refs = _doc_refs(folded, number_refs)
    intent.ref_years = _ref_years(intent.folded, intent.doc_refs)
    intent.doc_types = _doc_types(folded, intent.doc_refs)
    intent.levels = _levels(text, folded)
    intent.expansions, intent.abbreviations, intent.plain_spans = _expansions(text, folded, library, writes)
    intent.wants_number = wants_number(text)
    intent.wants_document = asks_document(text)
    intent.number_unit = _spelled_unit(number_unit(text), intent.abbreviations)
    intent.per_unit = per_unit(text) if intent.wants_number else ()
    intent.wants_day = wants_day(text)
    # "đã áp dụng các nội dung … chưa, từ ngày nào?", "vào những ngày nào?": the plural names what the date is
    # about; the answer is the statement that sets the day, not a list of parts.
    asks_time = intent.wants_day or asks_when(text) or asks_duration(text)
    intent.wants_list = wants_list(text) and not asks_time
    mentions = issuer_mentions(text)
    intent.issuer_levels = list(dict.fromkeys(level for _, _, level in mentions))
    intent.issuer_spans = _issuer_spans(text, mentions, writes)
    intent.ordinal = find_ordinal(text)
    return intent
