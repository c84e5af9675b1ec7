"""What a question asks for: a list of parts, a figure and what it counts, a day, a time, a span of time.

The kind of answer decides what a quoted passage must state (bot/answer/figures.py) and what the answer gate
checks it for: "bao nhiêu giáo viên" wants a figure next to "giáo viên", "ngày nào" a day, "bao lâu" a span, and a
question that is only a noun phrase ("Học phí mầm non Hà Nội?") the value its head names.
"""

from __future__ import annotations

import re

from bot.understanding.schoolyear import tone_spans
from ingest.doctypes import DOC_TYPES, TYPE_CODES
from ingest.textnorm import fold, has_tone_marks

# Nouns that name the parts of a directive.  Everyday plurals ("các hoạt động nhà trường", "các
# trường") are left out: they appear in questions about one fact just as often.
_LIST_NOUNS = (
    r"(?:nhiệm\s+vụ|giải\s+pháp|nội\s+dung|chỉ\s+tiêu|biện\s+pháp|mục\s+tiêu|phong\s+trào"
    r"|lĩnh\s+vực|tiêu\s+chí|điểm\s+mới)"
)
_LIST_PATTERNS = (
    r"\bliệt\s+kê\b",
    r"\bgồm\s+(?:những|các|mấy|gì)\b",
    # "các nhiệm vụ", "những giải pháp trọng tâm", "mấy nhiệm vụ", "bao nhiêu nội dung"
    rf"\b(?:các|những|mấy|bao\s+nhiêu)\s+(?:\w+\s+)?{_LIST_NOUNS}\b",
    # "những môn nào", "những trường nào là ...", "phải làm những gì"
    r"\bnhững\s+(?:\w+\s+){1,3}?nào\b",
    r"\bnhững\s+gì\b",
    # "giao Sở GD những việc gì", "phải làm những công việc nào": the tasks, as "những gì" asks them
    r"\b(?:những|các)\s+(?:công\s+)?việc\s+(?:gì|nào)\b",
)


def wants_list(text: str) -> bool:
    return any(tone_spans(p, text) for p in _LIST_PATTERNS)


# "Bao nhiêu" asks for a figure; "mấy" only with its tone mark ("may" is also "máy", a machine).
_NUMBER_QUESTION = re.compile(r"\bbao\s+nhieu\b|\bmấy\b", re.I)


# "bao nhiêu <what>": the noun after it is what the figure counts ("bao nhiêu giáo viên", "bao nhiêu tiền").
# Read before folding, so that "mấy" keeps its tone mark: "nhà máy thủy điện" counts nothing.
_COUNTED = re.compile(r"\b(?:bao\s+nhi[eêề]u|mấy)\s+(\w+)(?:\s+(\w+))?", re.I)
_NOT_COUNTED = frozenset(
    [
        "vao",
        "de",
        "trong",
        "la",
        "thi",
        "duoc",
        "o",
        "tai",
        "cho",
        "nua",
        "voi",
        "ma",
        "va",
        "hay",
        "so",
        "moi",
        "cua",
        # "bao nhiêu một ngày công", "bao nhiêu một tháng": a rate per unit; the figure is the subject's
        "mot",
        # closing particles ("… là bao nhiêu ạ?", "… mấy ngày vậy?"): the question names nothing counted
        "a",
        "vay",
        "nhi",
        "nhe",
        "the",
        "ha",
        "chu",
        "khong",
    ]
)
_MONEY = ("dong", "ty", "trieu", "nghin", "ngan", "usd")
_MONEY_WORDS = frozenset({"tien", "kinh", "ngan sach", "von", "chi phi"})


# "Học phí … là bao nhiêu?", "Mức lương cơ sở … là bao nhiêu?", "Giá xăng hôm nay bao nhiêu?": a question whose
# subject is a price names no unit after "bao nhiêu", yet asks for an amount of money. Vietnamese noun phrases
# are head-first, so the subject's head is its first word (after "mức", and after a lead-in such as "cho em hỏi").
_LEAD_IN = r"^(?:(?:cho\s+(?:em|toi|minh)\s+|xin\s+)?hoi\s+)?(?:(?:nam\s+nay|hien\s+nay|nam\s+hoc\s+nay)\s+)?"
_PRICED_SUBJECT = re.compile(
    _LEAD_IN
    + r"(?:muc\s+(?:thu\s+)?)?(?:hoc\s+phi|le\s+phi|phi|(?:don\s+)?gia|luong|tien|kinh\s+phi|chi\s+phi)\b"
)


# "… bị phạt tiền bao nhiêu?", "mức phí là bao nhiêu?", "lương cơ sở tăng lên bao nhiêu?": the money word (with
# the rest of its compound, which a number such as a year ends) comes right before what asks, or before the verb
# of its change.
_PRICED_ASK = re.compile(
    r"\b(?:tien|phi|gia|luong|phat|kinh\s+phi|chi\s+phi)(?:\s+[^\W\d_]+){0,2}?\s+"
    r"(?:(?:la|khoang|toi\s+da|toi\s+thieu|(?:tang|giam|dieu\s+chinh)(?:\s+(?:len|xuong))?)\s+)?"
    r"(?:bao\s+nhieu|may)\b"
)
# "mấy năm học", "bao nhiêu năm nay": the school year or the years gone by, not a count of years ("mấy năm?").
_NOT_YEARS = frozenset({"hoc", "nay", "toi", "sau", "truoc", "qua", "do", "ay", "gan"})


# "Điểm chuẩn … là bao nhiêu?": a score as the subject counts points ("điểm"), head-first as a price is.
_SCORED_SUBJECT = re.compile(_LEAD_IN + r"diem\b")
# "Tỷ lệ … (đạt) bao nhiêu?": a rate is written as a percentage wherever the question names it before "bao nhiêu".
_RATE = re.compile(r"\bt[yi]\s+le\b")
_PERCENT = ("%", "phan tram")
_PERCENT_ASKED = re.compile(
    r"\b(?:bao\s+nhi[eêề]u|mấy)\s*%", re.I
)  # "đạt bao nhiêu %": "%" is no word for \w+


def _subject_unit(folded: str) -> tuple[str, ...]:
    """The unit a question's subject implies when nothing counted follows "bao nhiêu"."""
    if _PRICED_SUBJECT.search(folded) or _PRICED_ASK.search(folded):
        return _MONEY
    if _SCORED_SUBJECT.search(folded):
        return ("diem",)
    if _RATE.search(folded.partition("bao nhieu")[0]):
        return _PERCENT
    return ()


def number_unit(text: str) -> tuple[str, ...]:
    """What a "bao nhiêu …" question counts, as folded syllables an answer writes next to its figure."""
    if not wants_number(text):
        return ()
    if _PERCENT_ASKED.search(text):
        return _PERCENT
    m = _COUNTED.search(text)
    if not m or fold(m.group(1)) in _NOT_COUNTED:
        return _subject_unit(fold(text).strip())
    first, second = fold(m.group(1)), fold(m.group(2) or "")
    if first == "nam" and (second in _NOT_YEARS or second.isdigit()):
        return _subject_unit(fold(text).strip())
    if (first, second) == ("phan", "tram"):
        return _PERCENT
    if first in _MONEY_WORDS or f"{first} {second}" in _MONEY_WORDS:
        return _MONEY
    return (first,)


# "thực hiện văn bản nào của Bộ", "dựa trên KH kiểm tra số mấy", "sửa đổi bởi NĐ nào": which document, answered by
# the sentence that cites one by its number, not by a figure.
# The type names and codes of ingest/doctypes.py, with the words and codes questions use besides ("văn bản", "luật",
# "nghị định"; "TTr", "BC").
_DOC_TYPE_WORDS = "|".join([*DOC_TYPES, *TYPE_CODES, "van ban", "nghi dinh", "luat", "ttr", "bc"])
_WHICH_DOCUMENT = re.compile(
    rf"\b(?:{_DOC_TYPE_WORDS})\s+nao\b|\b(?:{_DOC_TYPE_WORDS})\b(?:\s+\w+){{0,2}}?\s+so\s+(?:may|bao\s+nhieu|hieu)\b"
)


def asks_document(text: str) -> bool:
    return bool(_WHICH_DOCUMENT.search(fold(text).lower()))


def wants_number(text: str) -> bool:
    if asks_document(text):
        return False  # "QĐ số mấy": a document's number names it, it counts nothing
    return bool(
        (_NUMBER_QUESTION.search(text) and not _plural_may(text))
        or _NUMBER_QUESTION.search(fold(text))
        or _bare_phrase(text, _VALUE_HEAD, _VALUE_HEAD_BARE)
    )


# Spoken Vietnamese puts "mấy" before a noun as a plural ("Mấy nhà xưởng cũ không đạt chuẩn thì ai kiểm tra?",
# "mấy công ty khai thác có đền bù gì không?"): when another word asks who, what, which, where or why, "mấy" counts
# nothing. Before a unit of time or measure it still asks a figure ("mấy giờ, ngày nào?").
_WH = re.compile(r"\b(?:ai|gì|nào|đâu|sao|bao\s+giờ)\b", re.I)
_MAY_BEFORE = re.compile(r"\bmấy\s+(\w+)", re.I)
_MAY_UNIT_WORDS = (
    "giay phut gio ngay tuan thang nam lan buoi tiet diem phan % met km m "
    "kg tan ta lit ha dong trieu ty nghin ngan tuoi lop cap bac"
)
_MAY_UNITS = frozenset(_MAY_UNIT_WORDS.split())


def _plural_may(text: str) -> bool:
    """Every "mấy" stands before a noun that is no unit, and another word asks something else ("bao nhiêu" asks for
    a figure whatever this says: wants_number reads it on the folded text)."""
    nouns = [fold(m.group(1)).lower() for m in _MAY_BEFORE.finditer(text)]
    # "lớp mấy được học …": after its noun, "mấy" asks which one; a function word follows it there
    counted = [n for n in nouns if n in _MAY_UNITS or n in _NOT_COUNTED or n.isdigit()]
    return bool(nouns) and not counted and bool(_WH.search(text))


# "Tỷ lệ phòng học kiên cố phải đạt?", "Học phí mầm non Hà Nội?", "Sĩ số tối đa mỗi lớp tiểu học?": a question that
# is only a noun phrase asks for the value its head names (Vietnamese noun phrases are head-first). Heads are read
# with their marks ("mức" is not "mục", "số" not "sở", "giá" not "gia hạn"); typed without marks, only heads that
# no other words fold to.
_VALUE_HEAD = re.compile(
    r"^(?:(?:năm nay|hiện nay|năm học này)\s+)?(?:tỷ lệ|tỉ lệ|mức(?!\s+độ)|số lượng|số(?!\s+hóa|\s+hoá)|sĩ số|"
    r"chỉ tiêu|định mức|khoảng cách|phụ cấp|học phí|lệ phí|phí|giá|lương|điểm (?:chuẩn|sàn|thi|trúng tuyển))\s",
    re.I,
)
_VALUE_HEAD_BARE = re.compile(
    r"^(?:(?:nam nay|hien nay|nam hoc nay)\s+)?(?:ty le|ti le|so luong|si so|chi tieu|dinh muc|khoang cach|"
    r"phu cap|hoc phi|le phi|diem chuan)\s"
)
# Words that ask: a question holding one says what it asks ("Học phí có tăng không?" asks yes or no). Read with
# their marks when typed with them: folded, "máy", "thể", "cố" would ask too.
_ASKING = re.compile(r"\b(?:gì|nào|sao|bao|mấy|không|ai|đâu|chưa|hả|nhỉ|vậy|thế)\b", re.I)
_ASKING_BARE = re.compile(r"\b(?:gi|nao|sao|bao|khong|ai|dau|chua)\b")


def _bare_phrase(text: str, head: re.Pattern[str], bare_head: re.Pattern[str]) -> bool:
    """Whether `text` is a noun phrase with no word that asks, headed by `head` (`bare_head` when typed without
    tone marks)."""
    text = text.strip()
    if has_tone_marks(text):
        return not _ASKING.search(text) and bool(head.search(text))
    folded = fold(text).lower()
    return not _ASKING_BARE.search(folded) and bool(bare_head.search(folded))


_DAY_QUESTION = re.compile(r"\b(?:ngay|hom)\s+(?:nao|may)\b")


def wants_day(text: str) -> bool:
    return bool(_DAY_QUESTION.search(fold(text))) or _bare_phrase(text, _DAY_HEAD, _DAY_HEAD_BARE)


# "Lịch thi tốt nghiệp 2026?", "Ngày khai giảng?": a bare noun phrase headed by a schedule or a day asks for its
# day. Not a deadline ("Hạn đăng ký phúc khảo?"), which is often a span ("trong thời hạn 03 ngày sau khi …").
_DAY_HEAD = re.compile(r"^(?:lịch|ngày)\s", re.I)
_DAY_HEAD_BARE = re.compile(r"^lich\s")


# "bao lâu", "trong bao lâu": the answer is a duration, a figure next to a unit of time.
_DURATION_QUESTION = re.compile(r"\bbao\s+lau\b")
# "khi nào", "bao giờ", "hạn chót": the answer is a date or a time.
_WHEN_QUESTION = re.compile(r"\b(?:khi\s+nao|bao\s+gio|luc\s+nao|thoi\s+han|han\s+chot|han\s+cuoi)\b")


def asks_duration(text: str) -> bool:
    return bool(_DURATION_QUESTION.search(fold(text)))


def asks_when(text: str) -> bool:
    return bool(_WHEN_QUESTION.search(fold(text)))


# "bao nhiêu tiền một tín chỉ", "mấy tấn mỗi năm", "bao nhiêu đồng/kWh": a rate, stated by a figure per that unit
# ("… đồng/tín chỉ", "… tấn/năm"); a passage that does not name the unit states some other figure.
_PER = re.compile(
    r"\b(?:bao\s+nhieu|may)(?:\s+[^\W\d_]+){0,2}?\s*(?:\s(?:mot|moi)\s+|/\s*)([^\W\d_]+)(?:\s+([^\W\d_]+))?"
)
# Whom a rate is counted per is written in several words ("mỗi em" of a "đồng/trẻ/ngày" figure).
PEOPLE = frozenset(
    {"em", "tre", "chau", "hoc sinh", "hs", "nguoi", "giao vien", "gv", "sinh vien", "sv", "hoc vien"}
)


def per_unit(text: str) -> tuple[str, ...]:
    """The unit a rate asked for is per (folded: "tin chi", "kwh", "nam"; the people nouns for a rate per person);
    () when the question asks no rate."""
    m = _PER.search(fold(text).lower())
    if m is None:
        return ()
    first, second = m.group(1), m.group(2) or ""
    pair = f"{first} {second}".strip()
    if first in PEOPLE or pair in PEOPLE:
        return tuple(sorted(PEOPLE))
    return (pair, first) if second else (first,)
