"""Document metadata read from the header: type, number, issuer, province, date, school year, title.

Vietnamese administrative documents share one layout (Nghị định 30/2020/NĐ-CP):
letterhead (issuer), "Số: 04/CT-UBND", "Place, ngày … tháng … năm …", the type
("CHỈ THỊ") and subject line, or "V/v …" for a công văn. News pages and portal
copies lack most of it, so every field has fallbacks; none is ever invented.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest import provinces
from ingest.models import DocumentMeta
from ingest.textnorm import fold

DOC_TYPES = {
    "chi thi": "Chỉ thị",
    "cong van": "Công văn",
    "huong dan": "Hướng dẫn",
    "ke hoach": "Kế hoạch",
    "quyet dinh": "Quyết định",
    "thong bao": "Thông báo",
    "bao cao": "Báo cáo",
    "nghi quyet": "Nghị quyết",
    "thong tu": "Thông tư",
    "cong dien": "Công điện",
    "to trinh": "Tờ trình",
}
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
}
_NUMBER_BODY = r"\d{1,5}[A-Za-zĐđ]?/[0-9A-Za-zĐđ&.\-]*[A-Za-zĐđ0-9]"
_NUMBER_AFTER_SO = re.compile(rf"\bSố\s*:?\s*(?:(?P<num>{_NUMBER_BODY})|(?P<blank>/\s*[A-ZĐ]))")
_NUMBER_IN_TEXT = re.compile(
    rf"\b(?P<type>chỉ thị|công văn|kế hoạch|quyết định|hướng dẫn|thông báo)\s+(?:số\s+)?(?P<num>{_NUMBER_BODY})",
    re.I,
)
_PLACE_DATE = re.compile(
    r"ngày\s*(?P<d>\d{1,2})?\s*(?:\.{2,}|…)?\s*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>(?:19|20)\d\d)", re.I
)
_NUMERIC_DATE = re.compile(r"\b[Nn]gày\s+(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)")
_YEAR_PAIR = re.compile(r"\b((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d)\b")
_TASK_WORDS = re.compile(
    r"(nhiệm vụ|triển khai|kế hoạch|thực hiện|chỉ tiêu|giải pháp)\s+(?:năm học\s+)?$", re.I
)
_MOTTO = re.compile(r"cộng hòa xã hội|cộng hoà xã hội|độc lập\s*-\s*tự do", re.I)
_MARKER_START = re.compile(r"^(?:[IVX]{1,5}\.|[A-H]\.|\d{1,2}\.|Thứ nhất)\s", re.I)
_NEWS_HINTS = re.compile(r"cổng thông tin|bài tin|tin liên quan|nguồn tin|đánh giá bài viết|lượt xem", re.I)
HEAD_SIZE = 14


@dataclass
class Header:
    meta: DocumentMeta
    body_start: int  # paragraphs before this index are header/intro: no headings are looked for there


def _head(paragraphs: list[str]) -> list[str]:
    for i, p in enumerate(paragraphs[:HEAD_SIZE]):
        if _MARKER_START.match(p):
            return paragraphs[:i]
    return paragraphs[:HEAD_SIZE]


def _type_line(head: list[str]) -> tuple[int, str, str] | None:
    """(index, doc type, rest of the line) for a line naming the document type ("CHỈ THỊ", "CHỈ THị Về …")."""
    for i, p in enumerate(head):
        folded = fold(p)
        for key, name in DOC_TYPES.items():
            if folded.startswith(key) and p[:2].isupper():
                rest = p[len(key) :].strip(" :-")
                if not rest or rest[:1].isupper() or fold(rest).startswith(("ve ", "v/v")):
                    return i, name, rest
    return None


def _number(head_text: str, intro: str) -> tuple[str | None, str | None, str, bool]:
    """(number as written, type named beside it in running text, code after the slash, whether a "Số:" line
    exists). A blank "Số: /SGD&ĐT-VP" gives no number but still its code."""
    m = _NUMBER_AFTER_SO.search(head_text)
    if m:
        return m.group("num"), None, _code(head_text[m.start() : m.start() + 60]), True
    m = _NUMBER_IN_TEXT.search(intro)
    if m:
        return m.group("num"), DOC_TYPES.get(fold(m.group("type"))), _code(m.group("num")), False
    return None, None, "", False


def _code(number_line: str) -> str:
    """The part after the slash: "04/CT-UBND" → "CT-UBND"; "Số: /SGD&ĐT-VP" → "SGD&ĐT-VP"."""
    m = re.search(r"/\s*([0-9A-Za-zĐđ&.\-]+)", number_line)
    return m.group(1) if m else ""


def _doc_type(head: list[str], code: str, typed: str | None, news: bool) -> str:
    """The type line of the header, else the type named beside the number, else the number's code."""
    found = _type_line(head)
    if found:
        return found[1]
    if typed:
        return typed
    first = code.split("-")[0]
    if first in _CODE_TYPES:
        return _CODE_TYPES[first]
    if any(p.startswith(("V/v", "Về việc")) for p in head) or code:
        return "Công văn"
    return "Tin bài" if news else "Văn bản"


def _issuer_kind(head: list[str], code: str, text: str) -> str | None:
    folded_head = fold(" ".join(head[:6]))
    fcode = fold(code)
    if "bo giao duc" in folded_head or "bgd" in fcode:
        return "Bộ"
    if re.search(r"\bso giao duc|\bsgd|\bso gd", folded_head) or re.search(r"sgd", fcode):
        return "Sở"
    if "uy ban nhan dan" in folded_head or "ubnd" in folded_head or "ubnd" in fcode:
        return "UBND"
    ftext = fold(text[:1500])
    for kind, pat in (
        ("UBND", r"\b(?:ubnd|uy ban nhan dan) (?:tinh|thanh pho)\b[^.]{0,40}\bban hanh"),
        ("Sở", r"\bso (?:giao duc va dao tao|gd&dt|gddt)\b"),
        ("Bộ", r"\bbo (?:giao duc va dao tao|gd&dt|gddt)\b ban hanh"),
    ):
        if re.search(pat, ftext):
            return kind
    return None


def _province(head: list[str], body: list[str], chrome: list[str], source: str) -> str | None:
    """Letterhead and place line first, then the site banner, the body, and the file name."""
    for candidates in (" \n ".join(head), " \n ".join(chrome)):
        found = provinces.find_provinces(candidates)
        if found:
            return found[0]
    counts = Counter(p for para in body[:60] for p in provinces.find_provinces(para))
    if counts:
        return counts.most_common(1)[0][0]
    stem = re.sub(r"[_\-.]+", " ", source.rsplit(".", 1)[0])
    found = provinces.find_provinces(fold(stem))
    return found[0] if found else None


def _issued(head: list[str], intro: list[str]) -> str | None:
    for p in head:
        m = _PLACE_DATE.search(p)
        if m:
            y, mo, d = int(m.group("y")), int(m.group("m")), m.group("d")
            return f"{y:04d}-{mo:02d}-{int(d):02d}" if d else f"{y:04d}-{mo:02d}"
    for p in intro:
        m = _NUMERIC_DATE.search(p[:80])
        if m:
            return f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
    return None


def _years(text: str) -> list[tuple[str, int]]:
    """School years in text as ("2021-2022", position), consecutive pairs only."""
    out = []
    for m in _YEAR_PAIR.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if b == a + 1:
            out.append((f"{a}-{b}", m.start()))
    return out


def _school_year(title: str, intro: list[str], issued: str | None) -> str | None:
    years = _years(title)
    if years:
        tasks = [y for y, pos in years if _TASK_WORDS.search(title[max(0, pos - 40) : pos])]
        return tasks[-1] if tasks else max(y for y, _ in years)
    counts = Counter(y for p in intro for y, _ in _years(p))
    if counts:
        best = max(counts.values())
        return max(y for y, c in counts.items() if c == best)
    if issued:
        y, m = int(issued[:4]), int(issued[5:7]) if len(issued) >= 7 else 9
        return f"{y}-{y + 1}" if m >= 6 else f"{y - 1}-{y}"
    return None


def _title(head: list[str], news: bool) -> tuple[str, int]:
    """The subject line and the index of the paragraph after it."""
    for i, p in enumerate(head):
        if p.startswith(("V/v", "Về việc")):
            parts, j = [p.split(" ", 1)[1] if " " in p else ""], i + 1
            while j < len(head) and head[j][:1].islower():
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
        if not _MOTTO.search(p) and len(p) > 15 and (p.isupper() or news):
            return p.rstrip(",. "), i + 1
    return "", 0


def parse_header(paragraphs: list[str], chrome: list[str], source: str) -> Header:
    head = _head(paragraphs)
    head_text = "\n".join(head)
    news = any(_NEWS_HINTS.search(c) for c in chrome)
    title, after_title = _title(head, news)
    intro = paragraphs[after_title : after_title + 3]
    number, typed, code, has_so = _number(head_text, "\n".join(intro))
    doc_type = _doc_type(head, code, typed, news and not has_so)
    body_text = "\n".join(paragraphs)
    letterhead = [p for p in head[: max(after_title - 1, 0)] if p.isupper() or p.startswith("Số")]
    kind = _issuer_kind(letterhead + chrome, code, body_text)
    province = None if kind == "Bộ" else _province(head, paragraphs, chrome, source)
    issuer = _issuer(kind, province)
    issued = _issued(head, intro)
    school_year = _school_year(title, paragraphs[: after_title + 4], issued)
    meta = DocumentMeta(
        doc_type=doc_type,
        doc_number=number,
        issuer=issuer,
        province=province,
        issued_date=issued,
        school_year=school_year,
        title=title or source,
        source=source,
    )
    return Header(meta=meta, body_start=after_title)


def _issuer(kind: str | None, province: str | None) -> str | None:
    if kind == "Bộ":
        return "Bộ GD&ĐT"
    if province is None:
        return None
    if kind == "Sở":
        return f"Sở GD&ĐT {province}"
    if kind == "UBND":
        return f"UBND {provinces.issuer_label(province)}"
    return None
