"""The document's own number: the "Số:" line, a draft's blank one, a scan's misread one, a legal site's table,
or the number the opening announces; never a number the text cites.

"Số: 87/2026/QĐ-UBND" (spaces inside the symbol allowed) is the number; its code names the type ("QĐ" a Quyết
định) and, with the issuer's code, who issued it. A number whose code names another type than the type line is
another document's ("…/TT-BGDĐT" for a Kế hoạch). "Số: /KH-UBND" is a draft, numbered when signed. Digits a scan
read with low confidence (filled in by hand) give no number, with the reason.
"""

from __future__ import annotations

import re

from ingest.doctypes import DOC_TYPES
from ingest.quoted import ANNOUNCE
from ingest.readings import CONFIDENCE, Readings
from ingest.sitetable import SYMBOL, canonical_symbol
from ingest.textnorm import fold

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
    "VBHN": "Văn bản hợp nhất",
}
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
# A joint document's long code wraps in the narrow left column: "Số: 24/HDLN-BCA-BQP-BYT-" / "BCT-BTC-VKSNDTC".
# A number never ends with a hyphen, so the code on the next line continues it (a line of words does not: its
# first word has a lower-case or a marked letter).
_WRAPPED_CODE = re.compile(
    r"(\bSố\s*:?[^\n]*?[A-ZĐ0-9]-)[ \t]*\n[ \t]*(?=[A-ZĐ][A-ZĐ0-9&]*(?:-[A-ZĐ0-9&]+)*(?:\s|$))"
)
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


def _cut(text: str, end: int) -> str | None:
    """Why the symbol ending at `end` is not whole, or None: a letter no symbol holds follows it directly
    ("1050/QĐÐ-SCT" read up to "QĐ"), so what was read is a piece of the number, not the number."""
    if end < len(text) and text[end].isalnum():
        return f"ký hiệu sau “Số:” không đọc trọn (“{text[max(0, end - 12) : end + 6].strip()}…”)"
    return None


_BLANK_CODE = re.compile(r"/[ \t]*(?:(?:19|20)\d\d[ \t]*/[ \t]*)?([A-ZĐ][0-9A-Za-zĐđ&.\-]*)")
# A sentence that cites or carries out another document, not one announcing this one.
_CITING = re.compile(r"^\W*(?:căn cứ|thực hiện|theo|triển khai|tại|để|nhằm)\b", re.I)
DRAFT = "dự thảo, chưa có số"


def _code_of(number: str) -> str:
    """The part after the slash (and the year): "04/CT-UBND" → "CT-UBND", "87/2026/QĐ-UBND" → "QĐ-UBND",
    "Số: /SGD&ĐT-VP" → "SGD&ĐT-VP"."""
    m = _BLANK_CODE.search(number)
    return m.group(1).rstrip(".-") if m else ""


def code_type(code: str) -> str | None:
    """The type a number's code names ("KH-UBND" → Kế hoạch); None for a công văn's office code."""
    return _CODE_TYPES.get(code.split("-")[0])


def _symbol_of(raw: str) -> str:
    return canonical_symbol(raw).rstrip(".-")


def _disagrees(number: str, doc_type: str | None) -> str | None:
    """Why `number` cannot be the number of a `doc_type`: its code names another type ("…/TT-BGDĐT" is a
    Thông tư's, not a Kế hoạch's); None when it agrees or either says nothing."""
    named = code_type(_code_of(number))
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
        number = _symbol_of(m.group("num"))
        years = re.findall(r"/((?:19|20)\d\d)/", number)
        if _code_of(number) == code and (not years or not year or years[0] == year):
            return number
    return None


def read_number(
    f: Readings,
    head_text: str,
    paragraphs: list[str],
    intro: list[str],
    line_type: str | None,
    site: dict[str, str],
    newspaper: bool,
    ocr_numbers: list[tuple[str, float]] | None,
) -> tuple[str, bool, str, float]:
    """Offers the number to `f`; returns the code it shows (the issuer and type read from it), whether the header
    has a "Số:" line, and where the code was read with how sure that is."""
    head_text = _WRAPPED_CODE.sub(r"\1", head_text)
    m = _NUMBER_AFTER_SO.search(head_text)
    code, has_so = "", m is not None
    code_origin, code_conf = "number_line", CONFIDENCE["number_line"]
    if m and m.group("num"):
        number = _symbol_of(m.group("num"))
        code = _code_of(number)
        why = _disagrees(number, line_type)
        doubt = _ocr_doubt(number, ocr_numbers) or _cut(head_text, m.end("num"))
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
        code = _code_of(head_text[m.start() : m.start() + 60])
        f.settle_null("doc_number", "number_line", 0.95, DRAFT)
    elif garbled := _GARBLED_NUMBER.search(head_text):
        # "Số: II /2026/QĐ-UBND" (a scan misread): the attached text's "(Ban hành kèm theo Quyết định số 11
        # /2026/QĐ-UBND …)" names this decision's number, when its code is the one on the number line.
        code = _code_of(garbled.group(0))
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
        code = _code_of(site["Số hiệu"])
        code_origin, code_conf = "site_table", CONFIDENCE["number_line"]
    elif not newspaper:
        # A number from the text only where it introduces it as this document's. A newspaper's page is never the
        # document it mentions ("… theo Chỉ thị số 31/CT-TTg"): only an article announcing or summarising one
        # (ingest/quoted.py, below) is typed after it.
        t = _own_number(intro, line_type)
        if t:
            f.offer("doc_number", t.group("num"), "body", 0.75)
            f.offer("doc_type", DOC_TYPES.get(fold(t.group("type"))), "body", 0.75)
            code = _code_of(t.group("num"))
            code_origin, code_conf = "body", 0.75  # a number in running text
    if "Số hiệu" in site and not _disagrees(site["Số hiệu"], line_type or site.get("Loại văn bản")):
        f.offer("doc_number", site["Số hiệu"], "site_table", CONFIDENCE["site_table"])
    return code, has_so, code_origin, code_conf
