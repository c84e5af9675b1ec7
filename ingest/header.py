"""Document metadata read from the header: type, number, issuer, province, date, school year, title.

Vietnamese administrative documents share one layout (Nghị định 30/2020/NĐ-CP): letterhead
(issuer), "Số: 04/CT-UBND", "Place, ngày … tháng … năm …", the type ("CHỈ THỊ") and subject line,
or "V/v …" for a công văn. News pages and portal copies lack most of it, so every field has
fallbacks; none is ever invented. Each field records where it was read and how sure that is
(`DocumentMeta.sources`): the letterhead and the place-date line outrank the "Số:" line's code,
titles, body text and the file name, so a stray title naming another province cannot win.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest import furniture, issuers, localities, provinces
from ingest.doctypes import DOC_TYPES
from ingest.issuers import IssuerKind
from ingest.letterhead import DOC_TYPE_WORDS, MOTTO, PLACE_DATE, place_date
from ingest.models import DocumentMeta
from ingest.quoted import ANNOUNCE, find_quoted
from ingest.readings import CONFIDENCE, Readings
from ingest.sitetable import HINT, SYMBOL
from ingest.textnorm import fold, mark_key

# The type code inside a document number: 04/CT-UBND is a Chỉ thị.
_CODE_TYPES = {
    "CT": "Chỉ thị",
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
    "NQ": "Nghị quyết",
    "TT": "Thông tư",
    "CĐ": "Công điện",
    "TTr": "Tờ trình",
    "GP": "Giấy phép",
}
# Type lines the header reads: the types questions name, and a licence ("GIẤY PHÉP …", "Số: 25/GP-UBND").
_HEADER_TYPES = {**DOC_TYPES, "giay phep": "Giấy phép"}
# The authority line of a decision (Nghị định 30/2020/NĐ-CP): "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X" decides as the
# Chairman, "ỦY BAN NHÂN DÂN TỈNH X" as the Committee.
_CHAIRMAN_LINE = re.compile(r"^CHỦ TỊCH\s+(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN\s+(?:TỈNH|THÀNH PHỐ)\s+\S")
# "Luật này được Quốc hội … thông qua ngày 27 tháng 11 năm 2024": a law is dated by its adoption.
_ADOPTED = re.compile(
    r"thông qua ngày\s*(?P<d>\d{1,2})\s*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>(?:19|20)\d\d)", re.I
)
# "(Ban hành kèm theo Quyết định số 11 /2026/QĐ-UBND ngày …)": the decision an attachment belongs to.
_ATTACHED_TO = re.compile(
    rf"^\(?\s*(?:(?:Được\s+)?[Bb]an hành\s+)?[Kk]èm theo\s+(?P<type>quyết định|nghị quyết|chỉ thị|kế hoạch|thông tư)\s+số\s*:?\s*(?P<num>{SYMBOL.pattern})",
    re.I,
)
# "Số: 87/2026/QĐ-UBND", "Số : 87 /2026/QĐ-UBND", "Số:87/ 2026/ QĐ-UBND"; a draft leaves the number blank:
# "Số: /KH-UBND", "Số:      /QĐ-UBND", "Số:  …/KH-SGDĐT".
_NUMBER_AFTER_SO = re.compile(
    rf"\bSố\s*:?\s*(?:(?P<num>{SYMBOL.pattern})|(?P<blank>[.…_ \t]*/[ \t]*(?:(?:19|20)\d\d[ \t]*/[ \t]*)?[A-ZĐ]))"
)
# A number line whose number is not digits ("Số: II /2026/QĐ-UBND", OCR of "11").
_GARBLED_NUMBER = re.compile(
    r"\bSố\s*:?[ \t]*[^\d\s/]{1,4}[ \t]*/[ \t]*(?:(?:19|20)\d\d[ \t]*/[ \t]*)?[A-ZĐ][0-9A-Za-zĐđ&.\-]*"
)
# A number line a scan misread beyond repair ("Số: 2 5Ÿ/QĐ-ĐHQGHN", "Só:.⁄6/QĐ-ĐHQGHN", "Số: 2QĐ-ĐHQGHN"): its
# code is legible, its number is not.
_UNREADABLE_NUMBER = re.compile(
    r"^S[ốóòôồo]\s*[:.][^\n]{0,12}?(?P<code>(?:QĐ|CT|KH|TB|HD|BC|NQ|TT|CĐ|TTr|GP)-[A-ZĐ][0-9A-Za-zĐđ&.\-]*)",
    re.M | re.I,
)
UNREADABLE = "số trên dòng “Số:” không đọc được"
# A number read by OCR whose word Tesseract was less sure of than this (0–100) is not stated (as a field under 0.8
# is not sure): a number filled in by hand reads "899" for 299 with the look of a printed one. Printed numbers
# read 90–92 on the test scans, even degraded at 150 dpi; hand-drawn "299" read 53–85.
OCR_NUMBER_CONFIDENCE = 80.0
_NUMBER_PART = re.compile(r"^\W*(\w{1,8}?)\s*/")


def _ocr_doubt(number: str, ocr_numbers: list[tuple[str, float]] | None) -> str | None:
    """Why a number read from a scan's "Số:" line is not sure, or None: its number part holds a letter ("8O" – a
    digit misread), or Tesseract read the word it came from with low confidence (digits written by hand)."""
    if ocr_numbers is None:
        return None
    m = _NUMBER_PART.match(number)
    part = m.group(1) if m else ""
    if re.search(r"[^\W\d_]", part):
        return f"số “{part}” đọc từ bản quét có chữ cái lẫn trong phần số (có thể đọc nhầm chữ số)"
    for word, conf in ocr_numbers:
        w = _NUMBER_PART.match(re.sub(r"^\W*S\w{0,2}\W*(?=\d)", "", word))  # "Số:299/…" → "299/…"
        if w and w.group(1) == part:
            if conf < OCR_NUMBER_CONFIDENCE:
                return f"chữ số “{part}” đọc từ bản quét với độ tin cậy thấp ({conf:.0f}%), có thể là số viết tay"
            return None
    return None


_BLANK_CODE = re.compile(r"/[ \t]*(?:(?:19|20)\d\d[ \t]*/[ \t]*)?([A-ZĐ][0-9A-Za-zĐđ&.\-]*)")
# A sentence that cites or carries out another document, not one announcing this one.
_CITING = re.compile(r"^\W*(?:căn cứ|thực hiện|theo|triển khai|tại|để|nhằm)\b", re.I)
DRAFT = "dự thảo, chưa có số"
_DATE_WORDS = re.compile(
    r"ngày\s*(?P<d>\d{1,2})?\s*(?:\.{2,}|…)?\s*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>(?:19|20)\d\d)", re.I
)
_NUMERIC_DATE = re.compile(r"\b[Nn]gày\s+(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)")
_YEAR_PAIR = re.compile(r"\b((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d)\b")
_TASK_WORDS = re.compile(
    r"(nhiệm vụ|triển khai|kế hoạch|thực hiện|chỉ tiêu|giải pháp)\s+(?:năm học\s+)?$", re.I
)
_MARKER_START = re.compile(
    r"^(?:[IVX]{1,5}(?:\.|\s?[-–]|/)|[A-H]\.|\d{1,2}[.\-–/]|Thứ nhất|Phần\s+(?:[IVX]{1,5}|\d{1,2}|thứ\s+nhất)\b[.:\-–]?)(?:\s|$)",
    re.I,
)
_NEWS_HINTS = re.compile(r"cổng thông tin|bài tin|tin liên quan|nguồn tin|đánh giá bài viết|lượt xem", re.I)
_SUBJECT = re.compile(r"^(?:V/v\b|Về việc\b|VỀ VIỆC\b|VỀ\s)")
FOOTNOTE_MARK = re.compile(r"\s*\[\d{1,3}\]|\(\s*\)|(?<=[^\W\d])\(\d{1,2}\)")
HEAD_SIZE = 14


@dataclass
class Header:
    meta: DocumentMeta
    body_start: int  # paragraphs before this index are header/intro: no headings are looked for there


def strip_footnotes(text: str) -> str:
    """Footnote marks left by converters and portals: "ban hành[1]", "ban hành()", "ban hành(2)"."""
    return FOOTNOTE_MARK.sub("", text).strip()


def _head(paragraphs: list[str]) -> list[str]:
    for i, p in enumerate(paragraphs[:HEAD_SIZE]):
        if _MARKER_START.match(p):
            return paragraphs[:i]
    return paragraphs[:HEAD_SIZE]


def _type_line(head: list[str]) -> tuple[int, str, str] | None:
    """(index, doc type, rest of the line) for a line naming the document type ("CHỈ THỊ", "CHỈ THị Về …").

    "QUYẾT ĐỊNH:" / "CHỈ THỊ:" introduce the operative part, not the title: they end with a colon."""
    for i, p in enumerate(head):
        folded = fold(p)
        if p.rstrip().endswith(":"):
            continue
        for key, name in _HEADER_TYPES.items():
            if folded.startswith(key) and p[:2].isupper():
                rest = p[len(key) :].strip(" :-")
                if not rest or rest[:1].isupper() or fold(rest).startswith(("ve ", "v/v")):
                    return i, name, rest
    return None


def _letterhead(head: list[str]) -> tuple[list[str], set[int]]:
    """The left column's issuer lines (capitals from the first issuing body on) and their indices."""
    lines: list[str] = []
    used: set[int] = set()
    for i, p in enumerate(head[:10]):
        text = p.strip()
        motto = MOTTO.search(text)
        if (
            motto
        ):  # the motto's column; a flattened row keeps the issuer before it ("ỦY BAN NHÂN DÂN _ CỘNG HÒA …")
            text = text[: motto.start()].strip(" _|-–")
            if not re.search(r"\w\w", text):
                continue  # the left cell empty, or a scan's specks of a seal or logo ("l Ð"): the letterhead goes on
        if not text or not text.isupper() or len(text) > 120 or fold(text).strip(" :") in DOC_TYPE_WORDS:
            if lines:
                break
            continue
        if lines or furniture.LETTERHEAD_START.match(text) or issuers.is_academic(text):
            lines.append(text)
            used.add(i)
    return lines, used


# The authority line under a decision's title names who decides (Nghị định 30/2020/NĐ-CP): "GIÁM ĐỐC ĐẠI HỌC
# QUỐC GIA HÀ NỘI", "HIỆU TRƯỞNG TRƯỜNG ĐẠI HỌC …", "GIÁM ĐỐC HỌC VIỆN …", "GIÁM ĐỐC SỞ …".
_AUTHORITY = ("giam doc ", "hieu truong ")


def _authority(lines: list[str]) -> IssuerKind | None:
    for p in lines:
        folded = fold(p)
        if p.isupper() and folded.startswith(_AUTHORITY):
            body = p.split(None, 2)[2] if len(p.split()) > 2 else ""
            return issuers.from_letterhead([body]) if body else None
    return None


def _code(number: str) -> str:
    """The part after the slash (and the year): "04/CT-UBND" → "CT-UBND", "87/2026/QĐ-UBND" → "QĐ-UBND",
    "Số: /SGD&ĐT-VP" → "SGD&ĐT-VP"."""
    m = _BLANK_CODE.search(number)
    return m.group(1).rstrip(".-") if m else ""


def _code_type(code: str) -> str | None:
    """The type a number's code names ("KH-UBND" → Kế hoạch); None for a công văn's office code."""
    return _CODE_TYPES.get(code.split("-")[0])


def _symbol(raw: str) -> str:
    """ "87 /2026/ QĐ-UBND" → "87/2026/QĐ-UBND": a symbol is written without spaces."""
    return re.sub(r"\s+", "", raw).rstrip(".-")


def _disagrees(number: str, doc_type: str | None) -> str | None:
    """Why `number` cannot be the number of a `doc_type`: its code names another type ("…/TT-BGDĐT" is a
    Thông tư's, not a Kế hoạch's); None when it agrees or either says nothing."""
    named = _code_type(_code(number))
    if doc_type and named and named != doc_type:
        return f"số {number} là số của một {named}, không phải của {doc_type} này"
    return None


def _own_number(intro: list[str], doc_type: str | None) -> re.Match[str] | None:
    """A number the text introduces as this document's: "Ngày 11/9/2020, UBND tỉnh ban hành Chỉ thị 10/CT-UBND"
    (its type the type line's); never one it cites or carries out ("Căn cứ Thông tư số …", "Thực hiện …")."""
    for p in intro:
        for m in ANNOUNCE.finditer(p):
            start = max(p.rfind(". ", 0, m.start()), p.rfind("; ", 0, m.start()), -2) + 2
            named = DOC_TYPES.get(fold(m.group("type")))
            if _CITING.match(p[start:]) or (doc_type and named != doc_type):
                continue
            if _disagrees(m.group("num"), named) is None:
                return m
    return None


def _attached_number(paragraphs: list[str], doc_type: str | None, code: str, year: str) -> str | None:
    """The number an attachment's own "(Ban hành kèm theo <type> số …)" line gives this document: of its type,
    with the code its number line shows and, when the number carries a year, the year it is dated."""
    for p in paragraphs:
        m = _ATTACHED_TO.match(p) if "èm theo" in p[:40] else None
        if not m or DOC_TYPES.get(fold(m.group("type"))) != doc_type:
            continue
        number = _symbol(m.group("num"))
        years = re.findall(r"/((?:19|20)\d\d)/", number)
        if _code(number) == code and (not years or not year or years[0] == year):
            return number
    return None


def _site_hints(chrome: list[str]) -> dict[str, str]:
    """The legal-document site's metadata table (ingest/sitetable.py), as the cleaner left it in the chrome."""
    return {m.group(1): m.group(2) for c in chrome if (m := HINT.match(c))}


def _iso(y: str, m: str, d: str | None) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}" if d else f"{int(y):04d}-{int(m):02d}"


def _years(text: str) -> list[tuple[str, int]]:
    """School years in text as ("2021-2022", position), consecutive pairs only."""
    out = []
    for m in _YEAR_PAIR.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if b == a + 1:
            out.append((f"{a}-{b}", m.start()))
    return out


_SCHOOL_YEAR_WORDS = re.compile(r"\bnăm\s+học\s*$", re.I)


def _school_year(
    f: Readings, title: str, intro: list[str], paragraphs: list[str], draft_month: str | None
) -> None:
    """The school year the title names, else the one the opening names most, else the one the whole text
    calls "năm học …" most, else the one the issue date falls in (September to August); else none."""
    years = _years(title)
    if years:
        tasks = [y for y, pos in years if _TASK_WORDS.search(title[max(0, pos - 40) : pos])]
        f.offer("school_year", tasks[-1] if tasks else max(y for y, _ in years), "title", 0.9)
        return
    counts = Counter(y for p in intro for y, _ in _years(p))
    if counts:
        best = max(counts.values())
        f.offer("school_year", max(y for y, c in counts.items() if c == best), "body", 0.7)
        return
    named = Counter(
        y for p in paragraphs for y, pos in _years(p) if _SCHOOL_YEAR_WORDS.search(p[max(0, pos - 12) : pos])
    )
    if named:
        best = max(named.values())
        f.offer("school_year", max(y for y, c in named.items() if c == best), "body", 0.65)
        return
    issued = f.get("issued_date")
    issued = issued if isinstance(issued, str) else draft_month
    if issued and len(issued) >= 7:
        y, m = int(issued[:4]), int(issued[5:7])
        origin = f.sources["issued_date"].origin
        f.offer("school_year", f"{y}-{y + 1}" if m >= 9 else f"{y - 1}-{y}", origin, 0.6)
        return
    f.settle_null("school_year", "body", 0.0, "văn bản không nêu năm học và không có ngày ban hành đủ tháng")


def _title(head: list[str], skip: set[int], news: bool) -> tuple[str, int]:
    """The subject line and the index of the paragraph after it."""
    for i, p in enumerate(head):
        if i not in skip and _SUBJECT.match(p):
            p = MOTTO.split(p, maxsplit=1)[0].strip()  # a flattened row may carry the motto after it
            upper = p.isupper()
            first = p.split(" ", 1)
            lead = fold(first[0])
            parts = [first[1] if lead == "v/v" and len(first) > 1 else p]
            j = i + 1
            while j < len(head) and (
                head[j][:1].islower() or (upper and head[j].isupper() and not PLACE_DATE.match(head[j]))
            ):
                parts.append(head[j])
                j += 1
            title = " ".join(parts).strip().rstrip(".")
            return title[:1].upper() + title[1:], j
    found = _type_line(head)
    if found:
        i, _, rest = found
        parts, j = ([rest] if rest else []), i + 1
        while j < len(head) and (
            head[j].isupper() or head[j][:1].isdigit() or (not parts and len(head[j]) < 250)
        ):
            parts.append(head[j])
            j += 1
        return " ".join(parts).strip(), j
    for i, p in enumerate(head):
        if i in skip or MOTTO.search(p) or PLACE_DATE.match(p) or p.startswith("Số"):
            continue
        if len(p) > 15 and (p.isupper() or news):
            return p.rstrip(",. "), i + 1
    return "", 0


def _body_province(paragraphs: list[str]) -> str | None:
    counts = Counter(p for para in paragraphs[:60] for p in provinces.find_provinces(para))
    return counts.most_common(1)[0][0] if counts else None


def _file_province(source: str) -> str | None:
    stem = re.sub(r"[_\-.]+", " ", source.rsplit(".", 1)[0])
    found = provinces.find_provinces(fold(stem))
    return found[0] if found else None


def parse_header(
    paragraphs: list[str], chrome: list[str], source: str, ocr_numbers: list[tuple[str, float]] | None = None
) -> Header:
    """`ocr_numbers`: when the header was read by OCR, the words holding numbers with their OCR confidence
    (ingest/readers/ocr.py number_words); a number from them that is not sure is left null with the reason."""
    f = Readings()
    head = _head(paragraphs)
    head_text = "\n".join(head)
    letterhead, used = _letterhead(head)
    place_i = next((i for i, p in enumerate(head) if place_date(p)), None)
    skip = used | ({place_i} if place_i is not None else set())
    news = any(_NEWS_HINTS.search(c) for c in chrome)
    newspaper = any(furniture.NEWSPAPER.search(fold(c)) for c in chrome)
    title, after_title = _title(head, skip, news or newspaper)
    title = strip_footnotes(title)
    intro = paragraphs[after_title : after_title + 3]
    f.offer("title", title, "title", 0.9)
    f.offer("title", source, "filename", 0.2)

    # Number and the issuer/type its code names. The type line says what the document is; a number whose code
    # names another type is not its number (a Kế hoạch is never "…/TT-BGDĐT").
    typed = _type_line(head)
    line_type = typed[1] if typed else None
    site = _site_hints(chrome)
    m = _NUMBER_AFTER_SO.search(head_text)
    code, has_so = "", m is not None
    code_origin, code_conf = "number_line", CONFIDENCE["number_line"]
    if m and m.group("num"):
        number = _symbol(m.group("num"))
        code = _code(number)
        why = _disagrees(number, line_type)
        doubt = _ocr_doubt(number, ocr_numbers)
        if why:
            f.settle_null("doc_number", "number_line", 0.9, why)
            code = ""
        elif doubt:
            # Sure that the line gives no number to state (legal.refine_meta must not take the misread one back);
            # the code is legible: it still says the type.
            f.settle_null("doc_number", "number_line", CONFIDENCE["number_line"], doubt)
        else:
            f.offer("doc_number", number, "number_line", 0.95)
    elif m:
        # "Số: /KH-UBND": a draft, numbered when signed. Its type is its code's; no other number is its own.
        code = _code(head_text[m.start() : m.start() + 60])
        f.settle_null("doc_number", "number_line", 0.95, DRAFT)
    elif garbled := _GARBLED_NUMBER.search(head_text):
        # "Số: II /2026/QĐ-UBND" (a scan misread): the attached text's "(Ban hành kèm theo Quyết định số 11
        # /2026/QĐ-UBND …)" names this decision's number, when its code is the one on the number line.
        code = _code(garbled.group(0))
        year = re.search(r"/\s*((?:19|20)\d\d)\s*/", garbled.group(0))
        attached = _attached_number(paragraphs, line_type, code, year.group(1) if year else "")
        if attached:
            f.offer("doc_number", attached, "body", CONFIDENCE["quoted"])
        else:
            f.settle_null("doc_number", "number_line", 0.5, UNREADABLE)
    elif unreadable := _UNREADABLE_NUMBER.search(head_text):
        # The digits are lost (a handwritten number on a scan): no number, never a guess; the code still
        # says the type.
        code = unreadable.group("code")
        has_so = True
        f.settle_null("doc_number", "number_line", 0.5, UNREADABLE)
    elif "Số hiệu" in site and not _disagrees(site["Số hiệu"], line_type or site.get("Loại văn bản")):
        code = _code(site["Số hiệu"])
        code_origin, code_conf = "site_table", CONFIDENCE["number_line"]
    elif not newspaper:
        # A number from the text only where it introduces it as this document's. A newspaper's page is never the
        # document it mentions ("… theo Chỉ thị số 31/CT-TTg"): only an article announcing or summarising one
        # (ingest/quoted.py, below) is typed after it.
        t = _own_number(intro, line_type)
        if t:
            f.offer("doc_number", t.group("num"), "body", 0.75)
            f.offer("doc_type", DOC_TYPES.get(fold(t.group("type"))), "body", 0.75)
            code = _code(t.group("num"))
            code_origin, code_conf = "body", 0.75  # a number in running text
    if "Số hiệu" in site and not _disagrees(site["Số hiệu"], line_type or site.get("Loại văn bản")):
        f.offer("doc_number", site["Số hiệu"], "site_table", CONFIDENCE["site_table"])

    # Issuer: letterhead, then the number's code, the site's banner, the body text.
    kinds: list[tuple[IssuerKind, str, float]] = []
    lh_kind = issuers.from_letterhead(letterhead)
    if lh_kind:
        kinds.append((lh_kind, "letterhead", CONFIDENCE["letterhead"]))
    authority = _authority(paragraphs[typed[0] if typed else after_title : after_title + 4])
    if authority:
        kinds.append((authority, "title", CONFIDENCE["authority"]))
    code_kind = issuers.from_code(code)
    if code_kind:
        kinds.append((code_kind, code_origin, code_conf))
    site_issuer = site.get("Nơi ban hành", "")
    table_kind = issuers.from_letterhead([site_issuer.upper()]) if site_issuer else None
    if table_kind:
        kinds.append((table_kind, "site_table", CONFIDENCE["site_table"]))
    site_lines = [re.sub(r"(?i)^cổng thông tin điện tử\s*", "", c).upper() for c in chrome if len(c) <= 150]
    site_kind = issuers.from_letterhead(site_lines)
    if site_kind:
        kinds.append((site_kind, "body", CONFIDENCE["site"]))

    # An article reporting a directive: no letterhead, no "Số:" line, no type line of its own.
    quoted = None
    if not letterhead and not has_so and _type_line(head) is None:
        quoted = find_quoted(paragraphs[: after_title + 4])
    if quoted:
        q = CONFIDENCE["quoted"]
        f.offer("doc_type", f"Bài viết về {quoted.doc_type}", "body", q)
        if paragraphs and len(paragraphs[0]) <= 250:
            f.offer("title", paragraphs[0], "title", 0.7)  # an article's first line is its headline
        f.offer("doc_number", quoted.number, "body", q)
        f.offer("issued_date", quoted.date, "body", q)
        if quoted.kind:
            kinds.append((quoted.kind, "body", q))
        if quoted.province:
            f.offer("province", quoted.province, "body", q)
    text_kind = issuers.from_text("\n".join(paragraphs)[:1500])
    if text_kind:
        kinds.append((text_kind, "body", CONFIDENCE["body"]))
    kind, kind_origin, kind_conf = max(kinds, key=lambda k: k[2]) if kinds else (None, "", 0.0)
    if (
        kind
        and kind.kind == "ubnd-tinh"
        and (
            (code_kind and code_kind.kind == "chu-tich-tinh")
            or any(
                _CHAIRMAN_LINE.match(p)
                for p in paragraphs[typed[0] if typed else after_title : after_title + 4]
            )
        )
    ):
        # "ỦY BAN NHÂN DÂN TỈNH X" over "Số: 12/QĐ-CTUBND", or the authority line "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
        # X" under the title: the Chairman's decision.
        kind = IssuerKind("chu-tich-tinh")

    draft_month = _issued(
        f, head, place_i, paragraphs, intro
    )  # before the province (a district is looked up as of it)
    f.offer("issued_date", site.get("Ngày ban hành"), "site_table", CONFIDENCE["site_table"])
    _province(
        f, kind, kind_origin, kind_conf, letterhead, head, place_i, site_lines, title, paragraphs, source
    )
    if not (kind and kind.national):
        in_table = provinces.find_provinces(site_issuer)
        f.offer("province", in_table[0] if in_table else None, "site_table", CONFIDENCE["site_table"])

    if quoted:
        # The page is an article: who wrote it is the press (or a portal's news desk); the issuer,
        # number and date are those of the document it reports.
        f.offer("issuer_level", "bao-chi", "body", CONFIDENCE["quoted"])
    if kind:
        province = f.get("province")
        name = issuers.issuer_name(kind, province if isinstance(province, str) else None)
        needs_province = (
            not kind.national
            and kind.kind not in ("truong", "dai-hoc", "ubnd-huyen", "hdnd-huyen")
            and not (kind.kind == "phong" and kind.unit)
        )
        conf = min(kind_conf, f.conf("province")) if needs_province else kind_conf
        f.offer("issuer", _as_written(name, paragraphs) if name else name, kind_origin, conf)
        f.offer("issuer_level", kind.level, kind_origin, kind_conf)
    elif newspaper:
        f.offer("issuer_level", "bao-chi", "body", CONFIDENCE["site"])

    _doc_type(f, head, code, code_origin, code_conf, (news or newspaper) and not has_so)
    f.offer("doc_type", site.get("Loại văn bản"), "site_table", CONFIDENCE["site_table"])
    _school_year(f, title, paragraphs[: after_title + 4], paragraphs, draft_month)
    return Header(meta=_meta(f, source), body_start=after_title)


_WORD = re.compile(r"\w+")
_READ_REACH = 20_000  # characters of the text searched for the issuer's own spelling


def _as_written(name: str, paragraphs: list[str]) -> str:
    """The issuer's name as the text writes it when the letterhead lost tone marks to OCR: bold capitals read
    "CỤC THUE", and the body, read better, says "Cục Thuế nhận được …". Only the marks change, never a letter."""
    head, sep, tail = name.partition(" (")
    want = fold(head).split()
    if not want:
        return name
    words = [w.group() for w in _WORD.finditer("\n".join(paragraphs)[:_READ_REACH])]
    folded = [fold(w) for w in words]
    seen: Counter[str] = Counter()
    for i in range(len(words) - len(want) + 1):
        if folded[i : i + len(want)] == want:
            found = " ".join(words[i : i + len(want)])
            if found != found.upper():  # in running text: the letterhead's own capitals are what is checked
                seen[found] += 1

    def marks(text: str) -> int:
        return len(mark_key(text))

    # The body's most frequent spelling, unless it has fewer marks than the letterhead's reading.
    best = max(seen, key=lambda k: (seen[k], marks(k)), default=head)
    if best.lower() == head.lower() or marks(best) < marks(head):
        return name
    if len(best) != len(head):
        return best + sep + tail
    # The body's marks in the name's own capitals ("Thành Phó" + "Thành phố" → "Thành Phố").
    restored = "".join(b.upper() if h.isupper() else b.lower() for h, b in zip(head, best, strict=True))
    return restored + sep + tail


def _province(
    f: Readings,
    kind: IssuerKind | None,
    kind_origin: str,
    kind_conf: float,
    letterhead: list[str],
    head: list[str],
    place_i: int | None,
    site_lines: list[str],
    title: str,
    paragraphs: list[str],
    source: str,
) -> None:
    """Province, strongest reading first; a national issuer's documents apply everywhere."""
    if kind and kind.national:
        f.offer("province", provinces.NATIONAL, kind_origin, kind_conf)
        if kind_conf >= CONFIDENCE["number_line"]:
            return
        # A national issuer read only from running text is a guess: the page's own lines may say where it is.
    # A university's or a college's name may carry a city ("ĐẠI HỌC QUỐC GIA HÀ NỘI", "TRƯỜNG ĐẠI HỌC SƯ PHẠM HÀ
    # NỘI 2" is in Phú Thọ): not where it stands, only a hint below the place-date line.
    academic = [line for line in letterhead if issuers.is_academic(line)]
    found = provinces.find_provinces(" \n ".join(line for line in letterhead if line not in academic))
    if found:
        f.offer("province", found[0], "letterhead", CONFIDENCE["letterhead"])
    named = provinces.find_provinces(" \n ".join(academic))
    if named:
        f.offer("province", named[0], "letterhead", CONFIDENCE["academic_name"])
    pm = place_date(head[place_i]) if place_i is not None else None
    place = provinces.find_provinces(pm.group("place")) if pm else []
    if place:
        f.offer("province", place[0], "place_date", CONFIDENCE["place_date"])
    if not found and not place and not named:
        _unit_province(f, letterhead, pm.group("place") if pm else "", paragraphs)
    banner = provinces.find_provinces(" \n ".join(c for c in site_lines if issuers.from_letterhead([c])))
    if banner:
        f.offer("province", banner[0], "body", CONFIDENCE["site"])
    in_title = provinces.find_provinces(title)
    if in_title:
        f.offer("province", in_title[0], "title", CONFIDENCE["title"])
    # Counting mentions over the whole text is the costly reading: only when nothing better was found.
    if f.conf("province") < CONFIDENCE["body"]:
        f.offer("province", _body_province(paragraphs), "body", CONFIDENCE["body"])
    if f.conf("province") < CONFIDENCE["filename"]:
        f.offer("province", _file_province(source), "filename", CONFIDENCE["filename"])


def _unit_province(f: Readings, letterhead: list[str], place: str, paragraphs: list[str]) -> None:
    """The province of the district or ward the letterhead or the place-date line names instead of one."""
    issued = f.get("issued_date")
    date = issued if isinstance(issued, str) else None
    in_letterhead: set[str] | None = None
    for unit in issuers.units(letterhead):  # "UBND HUYỆN …" above "UBND XÃ …": both lie in the province
        found = set(localities.provinces_of(unit, date))
        in_letterhead = found if in_letterhead is None else in_letterhead & found
    at_place = set(localities.provinces_of(place, date)) if place.strip() else set()
    if in_letterhead:
        settled = in_letterhead if len(in_letterhead) == 1 else in_letterhead & at_place
        if len(settled) == 1:
            f.offer("province", settled.pop(), "letterhead", CONFIDENCE["letterhead_unit"])
            return
    elif len(at_place) == 1:
        f.offer("province", at_place.pop(), "place_date", CONFIDENCE["place_date_unit"])
        return
    candidates = in_letterhead or at_place
    if candidates:
        mentioned = {p for para in paragraphs[:60] for p in provinces.find_provinces(para)}
        origin = "letterhead" if in_letterhead else "place_date"
        f.offer(
            "province",
            localities.agreeing(sorted(candidates), mentioned),
            origin,
            CONFIDENCE["unit_and_body"],
        )


# "V/v" opening a line, as scans also read it: after a speck ("'V/v:"), or "V/w" ("w" is no Vietnamese letter:
# it can only be a misread "v").
_SUBJECT_MARK = re.compile(r"^[\W_]{0,2}\s?V\s?/\s?[vVwW]\b")


def _doc_type(
    f: Readings, head: list[str], code: str, code_origin: str, code_conf: float, news: bool
) -> None:
    """The type line, the number's code, a subject line ("V/v" → công văn), else news or a plain text."""
    typed = _type_line(head)
    if typed:
        f.offer("doc_type", typed[1], "title", 0.9)
    elif any(_SUBJECT_MARK.match(p) for p in head):  # "V/v", "V/V" (capitals on some letterheads)
        # "V/v …" is how a công văn states its subject (other types print a type line and a title): the number's
        # first code is then the issuer's abbreviation ("6078/CT-KTT3" of a Cục Thuế), not a type.
        f.offer("doc_type", "Công văn", "title", 0.9)
    f.offer("doc_type", _CODE_TYPES.get(code.split("-")[0]), code_origin, code_conf)
    if any(_SUBJECT_MARK.match(p) or p.startswith("Về việc") for p in head) or code:
        f.offer("doc_type", "Công văn", "title", 0.7)
    f.offer("doc_type", "Tin bài" if news else "Văn bản", "body", 0.3)


_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})


def _ocr_digits(token: str | None, most: int) -> str | None:
    """A day or month as a scan's text layer may print it: "O5" → "05"; None unless one digit at least was read
    and each other character is a letter that looks like a digit."""
    if not token or not any(c.isdigit() for c in token):
        return None
    digits = token.translate(_OCR_DIGITS)
    return digits if digits.isdigit() and 1 <= int(digits) <= most else None


def _issued(
    f: Readings, head: list[str], place_i: int | None, paragraphs: list[str], intro: list[str]
) -> str | None:
    """The place-date line, else "Ngày 11/9/2020, …" opening the text, else a law's "thông qua ngày …". Only
    these date the document: "Căn cứ Luật … ngày 16/6/2025" dates another. A draft's line leaves the day blank
    ("Lào Cai, ngày   tháng 4 năm 2026"): no date, and the month it was written in is returned."""
    dated = [head[place_i]] if place_i is not None else [p for p in head if len(p) <= 60 and ", ngày" in p]
    for p in dated:
        dm = _DATE_WORDS.search(p)
        if dm and dm.group("d"):
            f.offer("issued_date", _iso(dm.group("y"), dm.group("m"), dm.group("d")), "place_date", 0.95)
            return None
        pm = place_date(p) if place_i is not None else None
        if pm and pm.group("y") and (pm.group("dx") or pm.group("mx")):
            # A scan misread the handwritten day or month: a letter for a digit ("O5") is read, anything else is
            # no date.
            day, month = (
                _ocr_digits(pm.group("d") or pm.group("dx"), 31),
                _ocr_digits(pm.group("m") or pm.group("mx"), 12),
            )
            if day and month:
                f.offer("issued_date", _iso(pm.group("y"), month, day), "place_date", CONFIDENCE["ocr_date"])
            else:
                f.settle_null("issued_date", "place_date", 0.5, "ngày ký trên dòng địa danh không đọc được")
            return None
        if place_i is not None:  # a draft, dated when signed
            f.settle_null("issued_date", "place_date", 0.9, "dự thảo, chưa ghi ngày ký")
            return _iso(dm.group("y"), dm.group("m"), None) if dm else None
    for p in intro:
        nm = _NUMERIC_DATE.match(p.lstrip())
        if nm:
            f.offer("issued_date", _iso(nm.group("y"), nm.group("m"), nm.group("d")), "body", 0.75)
            return None
    for p in paragraphs[-15:]:
        am = _ADOPTED.search(p)
        if am:
            f.offer("issued_date", _iso(am.group("y"), am.group("m"), am.group("d")), "body", 0.85)
            return None
    return None


def _meta(f: Readings, source: str) -> DocumentMeta:
    def s(name: str) -> str | None:
        v = f.get(name)
        return v if isinstance(v, str) else None

    return DocumentMeta(
        doc_type=s("doc_type") or "Văn bản",
        doc_number=s("doc_number"),
        issuer=s("issuer"),
        province=s("province"),
        issued_date=s("issued_date"),
        school_year=s("school_year"),
        title=s("title") or source,
        source=source,
        issuer_level=s("issuer_level"),
        sources=dict(f.sources),
    )
