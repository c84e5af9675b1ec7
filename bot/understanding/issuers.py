"""Issuers: which level of the administration a document comes from, and which levels a question names.

Levels are those of `DocumentMeta.issuer_level`: "bo" (Bộ GD&ĐT), "chinh-phu" (Chính phủ, Thủ tướng),
"tinh" (UBND tỉnh/thành phố), "so" (Sở GD&ĐT), "phong" (Phòng GD&ĐT), "truong", "bao-chi".
Questions are matched with or without tone marks (bot.understanding.schoolyear.tone_spans).
"""

from __future__ import annotations

import re

from bot.understanding.schoolyear import tone_spans
from ingest import provinces
from ingest.models import DocumentMeta
from ingest.textnorm import fold

NATIONAL_LEVELS = frozenset({"bo", "chinh-phu"})
NATIONAL_PROVINCE = provinces.NATIONAL

# A bare "Bộ"/"Sở" names the issuer only when it acts ("Bộ yêu cầu …") or is owned ("của Sở", "theo Bộ");
# "cán bộ", "toàn bộ", "cơ sở", "bộ môn" are ordinary words.
_ACTS = (
    r"(?:yêu\s+cầu|chỉ\s+đạo|quy\s+định|hướng\s+dẫn|đề\s+ra|giao|nêu|đặt\s+ra|ban\s+hành|lưu\s+ý|nhấn\s+mạnh"
    r"|đề\s+nghị|muốn|có\s+yêu\s+cầu|có\s+chỉ\s+đạo|chủ\s+trương|định\s+hướng|triển\s+khai)\b"
)
_NOT_BO = r"(?<!cán\s)(?<!toàn\s)(?<!đồng\s)(?<!nội\s)(?<!sơ\s)(?<!tiến\s)(?<!từng\s)(?<!một\s)"
_NOT_SO = r"(?<!cơ\s)(?<!trụ\s)(?<!căn\s)"
_OWNED = r"\b(?:của|theo|thì)\s+"
_NOT_CODE = r"(?<![-/])"  # "04/CT-UBND", "800/CT-BGDĐT": a document number, not an issuer named
# The field a Bộ, Sở or Phòng is named by, whole: "GDĐT", "GD&ĐT", "GD và ĐT", "giáo dục và đào tạo" (a span
# ending inside "GDĐT" would leave "ĐT" as a word of the question).
_DT = r"(?:\s*(?:&\s*|và\s+)?đt)?(?!\w)"
_FIELD = rf"(?:gd{_DT}|giáo\s+dục(?:\s*(?:và|&)\s*đào\s+tạo)?)"

# (pattern written with tone marks, lower case; level)
_PATTERNS: tuple[tuple[str, str], ...] = (
    (rf"\bbộ\s+{_FIELD}", "bo"),
    (rf"{_NOT_CODE}\bbgd{_DT}", "bo"),
    (rf"{_NOT_BO}\bbộ\s+{_ACTS}", "bo"),
    (rf"{_OWNED}bộ(?=\s*(?:[,.?!;:]|$|về|đối|trong|năm|cho|đã|có))", "bo"),
    (r"\bthủ\s+tướng\b", "chinh-phu"),
    (r"\bchính\s+phủ\b", "chinh-phu"),
    (rf"{_NOT_CODE}\bttg\b", "chinh-phu"),
    (rf"{_NOT_SO}\bsở\s+{_FIELD}", "so"),
    (rf"{_NOT_CODE}\bsgd{_DT}", "so"),
    (rf"{_NOT_SO}\bsở\s+{_ACTS}", "so"),
    (rf"{_OWNED}sở(?=\s*(?:[,.?!;:]|$|về|đối|trong|năm|cho|đã|có))", "so"),
    (rf"\bphòng\s+{_FIELD}", "phong"),
    (rf"{_NOT_CODE}\bpgd{_DT}", "phong"),
    (
        rf"{_NOT_CODE}\b(?:ubnd|ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân)(?!\s+(?:huyện|quận|xã|phường|thị))",
        "tinh",
    ),
    (r"\bchủ\s+tịch\s+(?:ubnd\s+)?(?:tỉnh|thành\s+phố)\b", "tinh"),
    # "Theo Báo Giáo dục …", "bài báo", "tin bài": an article about a directive ("báo cáo" is a report).
    (r"\b(?:theo|trên|của)\s+(?:tờ\s+)?báo\b(?!\s+cáo)", "bao-chi"),
    (r"\b(?:bài\s+báo|tin\s+bài)\b", "bao-chi"),
)


# "Bộ" written with a capital inside a sentence is the Ministry ("Năm nay Bộ thí điểm …"), unless a noun
# makes it a set ("Bộ tiêu chí", "Bộ sách").
_CAPITAL_BO = re.compile(
    r"(?<=\w[\s,])Bộ\b(?!\s+(?:môn|sách|tiêu\s+chí|đề|phận|công\s+cụ|hồ\s+sơ|câu\s+hỏi|tài\s+liệu|đồ|luật))"
)


_PLURAL = re.compile(r"\b(?:cac|nhung)\s+$")
# "giao nhiệm vụ gì cho Sở GD&ĐT", "đối với Phòng GD&ĐT", "gửi Sở": the body a text tasks or is sent to, not its issuer;
# so is the object of the verbs by which directives task a body ("giao Sở GDĐT chủ trì", "yêu cầu UBND các huyện",
# "đề nghị Sở Y tế", "chỉ đạo Phòng GD&ĐT"): "Thủ tướng giao Bộ GD những nhiệm vụ gì?" asks Bộ GD's part.
# The head of the body may stand between ("yêu cầu Giám đốc Sở GDĐT", "giao Chủ tịch UBND các huyện").
_RECIPIENT = re.compile(
    r"\b(?:cho|doi voi|gui|giao|yeu cau|de nghi|chi dao|phan cong)\s+"
    r"(?:(?:giam doc|chu tich|truong phong|thu truong|hieu truong|lanh dao)\s+)?$"
)


# "Sở Hà Tĩnh", "Sở tỉnh Nghệ An": the province's Sở GD&ĐT, as teachers call it ("Sở Nội vụ", "Sở Tài chính" are
# other departments, named by their field).
_SO_OF = rf"{_NOT_SO}\bsở\s+(?:tỉnh\s+|thành\s+phố\s+)?"


def _so_of_province(text: str) -> set[tuple[int, int, str]]:
    out = set()
    for a, b in tone_spans(_SO_OF, text):
        rest = text[b : b + 40]
        if any(fold(rest).lower().startswith(fold(name).lower()) for name in provinces.find_provinces(rest)):
            out.add((a, b, "so"))
    return out


def issuer_name(mention: str) -> str:
    """The issuer a mention names, without the words around it that showed it acts or owns ("theo Bộ", "Bộ quy
    định" → "Bộ")."""
    folded = fold(mention)
    if len(folded) != len(mention):
        return mention
    start = m.end() if (m := re.match(fold(_OWNED), folded)) else 0
    end = m.start() if (m := re.search(rf"\s+{fold(_ACTS)}$", folded)) else len(folded)
    return mention[start:end].strip() or mention


def issuer_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, level) of every issuer the question names, in order."""
    found = {(a, b, level) for pattern, level in _PATTERNS for a, b in tone_spans(pattern, text)}
    found |= _so_of_province(text)
    found |= {(m.start(), m.end(), "bo") for m in _CAPITAL_BO.finditer(text)}
    # "các Phòng GD&ĐT", "những Sở …": plural, so the addressees of a directive, not its issuer.
    # "cho Sở GD&ĐT", "đối với Bộ": the body tasked or written to.
    return sorted(
        f
        for f in found
        if not _PLURAL.search(before := fold(text[max(0, f[0] - 24) : f[0]]))
        and not _RECIPIENT.search(before)
    )


# A school named by its level and proper name ("trường THPT Đốc Binh Kiều", "ĐH Việt Nhật", "Trường Mầm non Hoa
# Sen"): like a province, the name chooses the school's documents, and every passage of them writes it. Only a name
# in capitals can be told from the words after it ("THPT Ba Bể năm nay …"), so a name typed without them is left.
_SCHOOL = re.compile(
    r"(?:\b[Tt]rường\s+)?\b(?:THPT|THCS|TH|MN|PTDTNT|PTDTBT|ĐH|CĐ|[Đđ]ại\s+học|[Cc]ao\s+đẳng|[Tt]iểu\s+học|"
    r"[Mm]ầm\s+non|[Tt]rung\s+học(?:\s+cơ\s+sở|\s+phổ\s+thông)?)\b"
)
_NAME_WORD = re.compile(r"\s+([^\W\d_]+)")
# Schools' proper names are of two syllables or more ("Ba Bể", "Chu Văn An"); one capital word after a level is
# as often the start of a name the question lowers ("Đại học Bách khoa") as a name.
MIN_NAME_WORDS, MAX_NAME_WORDS = 2, 5


def school_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, proper name) where the question names a school by its level and proper name."""
    out = []
    for m in _SCHOOL.finditer(text):
        end, words = m.end(), 0
        while words < MAX_NAME_WORDS and (w := _NAME_WORD.match(text, end)) and w.group(1)[0].isupper():
            end, words = w.end(), words + 1
        if words >= MIN_NAME_WORDS:
            out.append((m.start(), end, text[m.end() : end].strip()))
    return out


def question_levels(text: str) -> list[str]:
    """Issuer levels a question names, in order of appearance, without repeats."""
    out: list[str] = []
    for _, _, level in issuer_mentions(text):
        if level not in out:
            out.append(level)
    return out


# Issuer names as the header parser writes them (folded) → level; used when the index predates
# `issuer_level` or the parser left it empty.
_ISSUER_PREFIXES: tuple[tuple[str, str], ...] = (
    (r"bo\b", "bo"),
    (r"(?:chinh phu|thu tuong)\b", "chinh-phu"),
    (r"so\b", "so"),
    (r"phong\b", "phong"),
    (r"(?:ubnd|uy ban nhan dan)\s+(?:tinh|thanh pho|tp)\b", "tinh"),
    (r"truong\b", "truong"),
)


# The issuer's code in a document number: "29/CT-TTg", "4215/BGDĐT-GDPT", "2104/SGDĐT-GDTrH", "08/CT-UBND".
_NUMBER_CODES: tuple[tuple[str, str], ...] = (
    (r"[-/]ttg\b", "chinh-phu"),
    (r"[-/]cp\b", "chinh-phu"),
    (r"[-/]bgd", "bo"),
    (r"[-/]sgd", "so"),
    (r"[-/]pgd", "phong"),
    (r"[-/]ubnd\b", "tinh"),
)


def level_of(meta: DocumentMeta) -> str | None:
    """The document's issuer level: the parser's, else read from the issuer's name, the code in its number
    or its type."""
    if meta.issuer_level:
        return meta.issuer_level
    issuer = fold(meta.issuer or "")
    for pattern, level in _ISSUER_PREFIXES:
        if re.match(pattern, issuer):
            return level
    number = fold(meta.doc_number or "")
    for pattern, level in _NUMBER_CODES:
        if re.search(pattern, number):
            return level
    return "bao-chi" if not issuer and fold(meta.doc_type) == "tin bai" else None


def is_national(meta: DocumentMeta) -> bool:
    """Issued for the whole country: province "toàn quốc", or a national issuer."""
    return fold(meta.province or "") == fold(NATIONAL_PROVINCE) or level_of(meta) in NATIONAL_LEVELS
