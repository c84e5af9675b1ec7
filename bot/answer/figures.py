"""What a quoted passage states: a figure next to what the question counts, a day.

"Bao nhiêu …?" is answered by a passage stating a figure, "ngày nào?" by one stating a day; numbers that name
(years, document numbers, item numbers) are not figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.understanding.asks import asks_duration, asks_when
from bot.understanding.query import QueryIntent, number_at
from bot.understanding.schoolyear import year_mentions
from ingest.textnorm import fold

# A figure in a passage: digits, or a number word (not "năm", which is also "year").
_FIGURE = re.compile(
    r"\d|\b(?:một|hai|ba|bốn|(?<=phần\s)tư|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu|tỷ(?!\s+lệ)|tỉ(?!\s+lệ)|toàn bộ|tất cả|đa số|phần lớn)\b",
    re.I,
)


# Numbers that name rather than count: years, school years, document numbers, dates, item numbers.
# A ratio ("478/614 trường") is a figure; a document number ("15/CT-UBND", "05/2021/TT-BGDĐT"), a date and a
# month ("9/2026") are not.
_NAMING_NUMBER = re.compile(
    r"\b(?:19|20)\d\d(?:\s*-\s*(?:19|20)\d\d)?\b|\b\d+/(?=[\w/.-]*[^\W\d_])[\w/.-]*"
    r"|\b\d{1,2}/(?:19|20)\d\d\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|^\S{1,4}[.)]\s|\b[IVX]+\b"
)


# A day in a passage: "ngày 05/9", "05/9/2026", "ngày 5 tháng 9", "mùng 5", and the last day of a list of days
# of one month ("03 ngày: 24, 25 và 26 tháng 8 năm 2026").
_DAY = re.compile(
    r"\b\d{1,2}/\d{1,2}\b|\bngày\s+\d{1,2}\b|\bmùng\s+\d{1,2}\b|\b\d{1,2}\s+tháng\s+(?:0?[1-9]|1[0-2])\b",
    re.I,
)


# "Quyết định số 1050/QĐ-SCT ngày 06/3/2026", the Party's "Kết luận số 49-KL/TW ngày 10/5/2019": the date of a
# document the passage cites, not one it sets.
_CITED_DATE = re.compile(
    r"\b\d+(?:/|-(?=[^\W\d_]))[\w/.-]*[^\W\d_][\w/.-]*\s+ngày\s+\d{1,2}(?:\s*/\s*|\s+tháng\s+)\d{1,2}(?:(?:\s*/\s*|\s+năm\s+)\d{4})?",
    re.I,
)


# A document's number as the text cites it: "1105/KH-ĐKT", "275/2025/NĐ-CP", "Luật số 54/2024/QH15", and the
# Party's "35-NQ/TW", "49-CT/TW" (a hyphen, then the code).
_DOCUMENT_NUMBER = re.compile(r"\b\d+(?:/(?:19|20)\d\d)?(?:/|-(?=[^\W\d_]))[^\W\d_][\w.]*(?:[-/][\w.]+)*")


def cites_document(passage: str) -> bool:
    return bool(_DOCUMENT_NUMBER.search(passage))


def has_day(passage: str) -> bool:
    return bool(_DAY.search(passage))


def sets_day(passage: str) -> bool:
    """A day the passage states other than a cited document's: what a quote for "từ ngày nào" should hold. (The
    gate keeps `has_day`: "Công văn số … ngày …" does answer "công văn đó ban hành ngày nào?".)"""
    return bool(_DAY.search(_CITED_DATE.sub(" ", passage)))


_TOKEN = re.compile(r"\d[\d.,]*|%|\w+")
UNIT_REACH = 3  # words between a figure and what it counts ("1.150 giáo viên", "gạo 15 kg", "90% học sinh")
# What a duration's figure stands next to.  A count of time comes before its unit ("10 ngày làm việc", "02 tháng");
# the unit before a number introduces a date ("ngày 9/2026", "tháng 10"), which counts nothing.
TIME_UNITS = ("ngay", "thang", "nam", "gio", "tuan", "phut", "ky")


# An amount of money written with its sign: "400.000đ", "1.500.000 VNĐ".
_MONEY_SIGN = re.compile(r"\d\s?(?:đ|vnđ|vnd)(?!\w)", re.I)


# A time of day as official letters write it: "13h30’", "7h00", "14h" ("14 giờ 00" is read as words).
_CLOCK = re.compile(r"(?<![\w/])\d{1,2}h(?:[0-5]\d)?(?!\w)", re.I)


# Words that fold to a money word and count no money: "công ty" and "tỷ lệ" are not "tỷ" (a billion).
_NOT_MONEY = re.compile(r"\b(?:công\s+ty|t[ỷỉ]\s+(?:lệ|trọng))\b", re.I)
# An item's number inside flattened text ("… hỗ trợ. 2. Giao Sở …"): it orders, it counts nothing.
_ITEM_NUMBER = re.compile(r"(?<![\d.,])\d{1,2}[.)]\s+(?=[A-ZĐÀ-Ỹ])")


# "m²" and "m2" are one unit: typed questions and PDF text layers write either.
_SUPERSCRIPTS = str.maketrans("²³", "23")


# A number after the noun it labels names a grade, level, rank, floor or room ("lớp 9", "khối 10", "bậc 3", "hạng
# II", "tầng 3", "phòng 301"), it counts nothing: "khảo sát lớp 9 môn Toán" is no count of "môn".
_LABELLED = re.compile(r"\b(?:lớp|khối|bậc|hạng|tầng|phòng|tuần\s+thứ|lần\s+thứ|đợt)\s+\d+\b", re.I)
# A date written in words names a day ("ngày 27 tháng 11 năm 2006", "tháng 7 năm 2026"): its numbers count no
# "năm" or "tháng".
_WRITTEN_DATE = re.compile(
    r"\b(?:ngày\s+\d{1,2}\s+)?tháng\s+\d{1,2}(?:\s+năm\s+(?:19|20)\d\d)?\b(?!\s*(?:ngày|tuần|giờ))", re.I
)


def _counting(passage: str) -> str:
    """`passage` without the numbers that name or order (years, document numbers, items, grades): what is left
    counts."""
    return _WRITTEN_DATE.sub(" ", _LABELLED.sub(" ", _ITEM_NUMBER.sub(" ", _NAMING_NUMBER.sub(" ", passage))))


# Small numbers written in words ("định kỳ ba năm", "hai lần"), read with their marks: folded, "sáu" (six) would be
# "sau" (after), "bảy" "bay", "tám" "tâm". "Một" is also "a", "năm" also "year", "tư" also "đầu tư": none is read.
_NUMBER_WORDS = {
    "hai": "2",
    "ba": "3",
    "bốn": "4",
    "sáu": "6",
    "bảy": "7",
    "bẩy": "7",
    "tám": "8",
    "chín": "9",
    "mười": "10",
}
_NUMBER_WORD = re.compile(rf"(?<!\w)({'|'.join(_NUMBER_WORDS)})(?=\s+\w)", re.I)


# What is counted may be listed by name instead of counted ("khảo sát lớp 9 môn Toán, Ngữ văn, Tiếng Anh", "các
# môn: Toán, Ngữ văn và Tiếng Anh"): names, each capitalised, joined by commas or "và", up to the clause's end.
_LIST_JOIN = re.compile(r"\s*,\s*|\s+và\s+")
_CLAUSE_END = re.compile(r"[;.(\n]")
NAME_WORDS = 4  # a listed name ("Giáo dục công dân") is a few words; the last one runs on into the sentence


def _lists_named(passage: str, unit: str) -> bool:
    folded = fold(passage)
    if len(folded) != len(passage):
        return False
    for m in re.finditer(rf"(?<!\w){re.escape(unit)}\s*(?::\s*)?(?=\w)", folded):
        clause = _CLAUSE_END.split(passage[m.end() :], 1)[0]
        names = _LIST_JOIN.split(clause.strip())
        # Capitalised, not in capitals: "các trường THPT, THCS" names levels, not the schools counted.
        named = all(n[:1].isupper() and not n.split()[0].isupper() for n in names)
        if len(names) >= 2 and named and all(len(n.split()) <= NAME_WORDS for n in names[:-1]):
            return True
    return False


def counts(passage: str, unit: tuple[str, ...]) -> bool:
    """Whether a figure in `passage` stands next to what the question counts, or the passage lists it by name."""
    if any(u.isalpha() and _lists_named(passage, u) for u in unit):
        return True
    text = _NUMBER_WORD.sub(lambda m: _NUMBER_WORDS[m.group(1).lower()], _counting(passage))
    if "dong" in unit:
        text = _NOT_MONEY.sub(" ", text)
    tokens = _TOKEN.findall(fold(text).translate(_SUPERSCRIPTS))
    unit = tuple(u.translate(_SUPERSCRIPTS) for u in unit)
    if "%" in unit and re.search(r"\d\s*%", passage):
        return True
    if "dong" in unit and _MONEY_SIGN.search(passage):
        return True
    if "gio" in unit and _CLOCK.search(passage):
        return True
    words = [w for u in unit if u != "%" for w in (u, *_SYMBOLS.get(u, ()), *_COUNTED_AS.get(u, ()))]
    for i, t in enumerate(tokens):
        if t[0].isdigit():
            before = " ".join(tokens[max(0, i - UNIT_REACH) : i])
            after = " ".join(tokens[i + 1 : i + UNIT_REACH + 1])
            if any(_names(w, after) or (w not in TIME_UNITS and _names(w, before)) for w in words):
                return True
    return False


# Measures are written by their symbols after a figure ("cách kho 15 m", "diện tích 200 m2", "3 km"): a question
# asks in words ("bao nhiêu mét").
_SYMBOLS = {
    "met": ("m", "m2", "m3"),
    "kilomet": ("km",),
    "cm": ("centimet",),
    "centimet": ("cm",),
    "kilogam": ("kg",),
    "hecta": ("ha",),
}


# An exam's subjects are counted by its papers ("thi vào lớp 10 với 3 bài thi Toán, Ngữ văn, Tiếng Anh").
_COUNTED_AS = {"mon": ("bai thi",)}


def _names(word: str, text: str) -> bool:
    return bool(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text))


def has_figure(passage: str) -> bool:
    return bool(_FIGURE.search(_counting(passage)))


@dataclass(frozen=True)
class Wanted:
    """What a quoted sentence must state, and how much a sentence stating it outweighs one that does not."""

    test: Callable[[str], bool]
    bonus: float
    # Only a sentence stating it can answer: one that names no document does not say which document ("căn cứ Chỉ
    # thị này" for "căn cứ vào chỉ thị nào?"), however many of the question's words it shares.
    required: bool = False

    def __call__(self, text: str) -> bool:
        return self.test(text)


LOOSE = 1.25  # any figure, any day: many sentences hold one, so it only breaks near-ties
STRICT = 3.0  # a figure next to what is counted ("63.000 kg" for "bao nhiêu kg"): little else answers


# When a text takes effect: every legal or administrative text states it in one formula, the text itself its subject
# ("Thông tư này có hiệu lực thi hành kể từ ngày 15 tháng 10 năm 2026", "Quyết định có hiệu lực kể từ ngày ký"),
# folded. Asked "có hiệu lực từ ngày nào / khi nào", that sentence answers; others naming a day and "hiệu lực" (a
# contract "còn hiệu lực sau ngày …", the cases some parts apply to earlier) do not. A licence or certificate states
# how long it holds in the same way: "Giấy phép này có giá trị kể từ ngày ký đến hết ngày 05 tháng 7 năm 2031".
_ASKS_EFFECT = re.compile(r"\b(?:hieu luc|co gia tri)\b")
_TEXTS = (
    r"(?:luat|nghi dinh|thong tu|quyet dinh|chi thi|nghi quyet|quy dinh|quy che|ke hoach|huong dan|van ban"
    r"|giay phep|giay chung nhan|chung chi)"
)
_TAKES_EFFECT = re.compile(
    rf"\b(?:nay|{_TEXTS}) (?:co hieu luc(?: thi hanh)?|co gia tri(?: su dung)?|(?:duoc )?ap dung)(?: ke)?"
    r" (?:tu|sau|den)\b"
)
# A text named as what "applies" or "expires" ("Thông tư 01/2026 áp dụng từ ngày nào?", "Giấy phép 2507 hết hạn khi
# nào?"): people ask its effect and its term in these words.
_ASKS_APPLIES = re.compile(
    r"\b(?:ap dung (?:ke )?(?:tu )?|het han (?:vao )?)(?:ngay nao|khi nao|bao gio|luc nao|thoi diem nao)"
)
_TEXT_NAMED = re.compile(rf"\b{_TEXTS}\b")


# What a text replaces, also in one formula: "Quyết định này … thay thế Quyết định số …", "Các Thông tư sau hết hiệu
# lực thi hành kể từ ngày Thông tư này có hiệu lực", "Bãi bỏ toàn bộ các quyết định sau". Asked "thay cho văn bản
# (cũ) nào", "bãi bỏ văn bản nào", "văn bản nào hết hiệu lực".
_ACTS = r"(?:luat|nghi dinh|thong tu|quyet dinh|chi thi|nghi quyet|van ban|cong van|ke hoach|huong dan)"
_REPLACES = re.compile(
    rf"\b(?:nay|{_TEXTS})\b[^.;]{{0,80}}\bthay the (?:cho )?(?:cac )?{_ACTS}"
    rf"|\bhet hieu luc (?:thi hanh )?(?:ke )?tu ngay (?:{_TEXTS}|van ban) nay"
    rf"|\bbai bo (?:toan bo )?(?:cac )?{_ACTS}"
)
_ASKS_REPLACED = re.compile(
    rf"\b(?:thay (?:the )?(?:cho )?(?:{_ACTS} )?(?:cu )?(?:nao|gi)"
    rf"|bai bo (?:{_ACTS} )?(?:nao|gi)|{_ACTS} nao (?:bi |da )?(?:het hieu luc|bai bo|thay the))\b"
)


# Whom a text applies to, in its own part: "Điều 1. … đối tượng áp dụng", "2. Đối tượng áp dụng:", "Quy chế này áp
# dụng đối với …". Asked "<text> áp dụng cho ai / đối với đối tượng nào".
_ADDRESSEES = re.compile(rf"\b(?:nay|{_TEXTS}) (?:duoc )?ap dung (?:doi voi|cho)\b")
_ASKS_ADDRESSEES = re.compile(
    r"\b(?:ap dung (?:cho|doi voi|voi) (?:nhung |cac )?(?:ai|doi tuong nao|don vi nao|ben nao|co quan nao)"
    r"|doi tuong ap dung)\b"
)


def names_addressees(passage: str) -> bool:
    """The part saying whom a text applies to: its heading names it ("Điều 1. Phạm vi điều chỉnh và đối tượng áp
    dụng", "2. Đối tượng áp dụng"), or it opens with the sentence ("Quy chế này áp dụng đối với …")."""
    folded = fold(passage.strip())
    return "doi tuong ap dung" in folded.split("\n", 1)[0] or bool(_ADDRESSEES.search(folded[:200]))


def asks_addressees(intent: QueryIntent) -> bool:
    """ "Thông tư 01/2026 áp dụng cho những ai?": whom a text the question names applies to."""
    asked = _ASKS_ADDRESSEES.search(intent.folded)
    return asked is not None and bool(intent.doc_refs or _TEXT_NAMED.search(intent.folded))


def replaces(passage: str) -> bool:
    return bool(_REPLACES.search(fold(passage)))


def asks_replaced(intent: QueryIntent) -> bool:
    """Which texts this one replaces or repeals: "Thông tư … thay cho văn bản cũ nào?"."""
    return bool(_ASKS_REPLACED.search(intent.folded))


def takes_effect(passage: str) -> bool:
    return bool(_TAKES_EFFECT.search(fold(passage)))


def asks_effect(intent: QueryIntent) -> bool:
    """When a text takes effect: "có hiệu lực từ ngày nào", or from when a text the question names applies
    ("Thông tư 01/2026 áp dụng từ ngày nào?"), its effect asked in everyday words."""
    if not (intent.wants_day or asks_when(intent.text)):
        return False
    if _ASKS_EFFECT.search(intent.folded):
        return True
    applies = _ASKS_APPLIES.search(intent.folded)
    return applies is not None and bool(
        intent.doc_refs or _TEXT_NAMED.search(intent.folded[: applies.start()])
    )


def wanted_statement(intent: QueryIntent) -> Wanted | None:
    """What a quoted sentence must state to answer the question: a figure (next to what is counted, when the
    question says what), a duration, a day; None when the question asks for no such thing."""
    if asks_replaced(intent):
        return Wanted(replaces, STRICT)
    if intent.wants_document:
        return Wanted(cites_document, STRICT, required=True)
    if asks_duration(intent.text):
        return Wanted(lambda text: counts(text, TIME_UNITS), STRICT)
    if intent.wants_number:
        unit = intent.number_unit
        return Wanted(lambda text: counts(text, unit), STRICT) if unit else Wanted(has_figure, LOOSE)
    if intent.wants_day or asks_when(intent.text):
        if asks_effect(intent):
            return Wanted(takes_effect, STRICT)
        return Wanted(sets_day, LOOSE)
    return None


def citing(refs: list[tuple[str, str | None]]) -> Wanted | None:
    """Documents the question names that the answering document only cites ("TT 01/2018 còn áp dụng không?",
    answered by Thông tư 01/2026's "Các Thông tư sau hết hiệu lực …: … Thông tư số 01/2018/TT-BTC"): the sentence
    citing one of them says what the question asks about it. `refs`: (number, year or None) as the question writes
    them ("01", "2018"; "4215", None)."""
    if not refs:
        return None
    # With its year, that year's number only ("32/2020/" is not "Luật số 32/2013/QH13"); without, a number followed
    # by a year and a code, or by a code: not a date ("1/3/2026").
    alternatives = [
        number_at(number) + (rf"{year}/" if year else r"(?=(?:19|20)\d\d/|[^\W\d_])") for number, year in refs
    ]
    pattern = re.compile("|".join(alternatives))
    return Wanted(lambda text: bool(pattern.search(text)), STRICT)


def reviewing(year: str | None) -> Wanted | None:
    """A year asked that only later documents review ("Năm học 2025-2026 Hà Tĩnh đạt kết quả gì?" of a 2026-2027
    directive): the sentence that names it is the review ("Năm học 2025-2026, ngành Giáo dục … giữ vững …")."""
    if year is None:
        return None
    return Wanted(lambda text: year in year_mentions([text]), STRICT)


def states_per(passage: str, unit: tuple[str, ...]) -> bool:
    """Whether the passage names the unit a rate is per ("đồng/tín chỉ", "tấn/năm", "mỗi trẻ"): `unit` as
    bot.understanding.asks.per_unit gives it."""
    folded = fold(passage).lower()
    return any(_names(u, folded) for u in unit)
