"""A news or portal article that reports a directive: which document it is about.

Newspapers and portals announce directives in one sentence near the top: "Thủ tướng Chính phủ
vừa ký ban hành Chỉ thị số 31/CT-TTg ngày 4/9/2024 về …", "UBND tỉnh Khánh Hòa ban hành Kế hoạch
số 120/KH-UBND …". That sentence gives the reported document's type, number, issuer and date; the
page itself is an article about it, not the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import issuers, provinces
from ingest.issuers import IssuerKind
from ingest.textnorm import fold

# "04/CT-UBND", "15/2025/NQ-HĐND": the number, the year for legal documents, the code.
NUMBER_BODY = r"\d{1,5}[A-Za-zĐđ]?/(?:(?:19|20)\d\d/)?[0-9A-Za-zĐđ&.\-]*[A-Za-zĐđ0-9]"
TYPES = {
    "chi thi": "Chỉ thị",
    "cong van": "Công văn",
    "ke hoach": "Kế hoạch",
    "quyet dinh": "Quyết định",
    "huong dan": "Hướng dẫn",
    "cong dien": "Công điện",
    "nghi quyet": "Nghị quyết",
    "thong tu": "Thông tư",
    "thong bao": "Thông báo",
}
ANNOUNCE = re.compile(
    r"\b(?:ký\s+)?(?:ban\s+hành|ký|phát\s+hành)\s+(?P<type>chỉ thị|công văn|kế hoạch|quyết định|hướng dẫn|"
    rf"công điện|nghị quyết|thông tư|thông báo)\s+(?:số\s*)?(?P<num>{NUMBER_BODY})",
    re.I,
)
_TYPE_WORDS = r"chỉ thị|công văn|kế hoạch|quyết định|hướng dẫn|công điện|nghị quyết|thông tư|thông báo"
# "Theo Chỉ thị số 31/CT-TTg ngày 4/9/2024 của Thủ tướng Chính phủ, …", "Tại Kế hoạch số …, UBND tỉnh yêu cầu …":
# an article that opens a sentence on the document it summarises; the issuer follows the number.
_CITED = re.compile(
    rf"(?:^|(?<=[.!?]\s))(?:Theo|Tại)\s+(?P<type>{_TYPE_WORDS})\s+(?:số\s*)?(?P<num>{NUMBER_BODY})", re.I
)
_DATE_AFTER = re.compile(
    r"^\s*,?\s*(?:ban hành\s+)?(?:ngày\s*)(?:(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>(?:19|20)\d\d))",
    re.I,
)
# "Ngày 9-10-2018, UBND tỉnh đã ban hành …": the date opens the announcing sentence.
_DATE_BEFORE = re.compile(
    r"\b[Nn]gày\s*(?:(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>(?:19|20)\d\d))\s*,"
)
_WHO = (
    ("thu-tuong", r"\bthu tuong\b"),
    ("bo", r"\bbo (?:truong )?(?:bo )?(?:giao duc va dao tao|gd&dt|gddt)\b"),
    ("phong", r"\bphong (?:giao duc va dao tao|gd&dt|gddt)\b"),
    ("so", r"\bso (?:giao duc va dao tao|gd&dt|gddt)\b"),
    ("ubnd-tinh", r"\b(?:ubnd|uy ban nhan dan) (?:tinh|thanh pho|tp)\b"),
    ("hdnd-tinh", r"\b(?:hdnd|hoi dong nhan dan) (?:tinh|thanh pho|tp)\b"),
    ("chinh-phu", r"\b(?<!thu tuong )chinh phu\b"),
)


@dataclass(frozen=True)
class Quoted:
    doc_type: str
    number: str
    kind: IssuerKind | None
    province: str | None  # named in the announcing sentence
    date: str | None  # ISO


def _sentence_before(text: str, end: int) -> str:
    start = max(text.rfind(". ", 0, end), text.rfind("\n", 0, end), 0)
    return text[start:end]


def _date(d: re.Match[str] | None) -> str | None:
    if not d:
        return None
    day, month, year = (
        d.group("d") or d.group("d2"),
        d.group("m") or d.group("m2"),
        d.group("y") or d.group("y2"),
    )
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def _quoted(m: re.Match[str], about: str, date: str | None, issuer_after: bool) -> Quoted:
    """The document matched by `m`; `about` is the text naming its issuer ("của Thủ tướng …" after the number when
    `issuer_after`, else the announcing subject before it)."""
    folded = fold(about)
    patterns = [(k, rf"\bcua {pat[2:]}" if issuer_after else pat) for k, pat in _WHO]
    # The subject of "… ban hành" is the issuer named last before the verb ("Thực hiện Chỉ thị của Thủ tướng,
    # UBND tỉnh X ban hành …" is the province's); "của …" after the number is the first one named.
    hits = sorted((m.start(), k) for k, pat in patterns for m in re.finditer(pat, folded))
    kind = IssuerKind((hits[0] if issuer_after else hits[-1])[1]) if hits else None
    kind = kind or issuers.from_code(m.group("num").split("/", 1)[1])
    found = provinces.find_provinces(about)
    return Quoted(TYPES[fold(m.group("type"))], m.group("num"), kind, found[0] if found else None, date)


def _cited(paragraphs: list[str]) -> Quoted | None:
    """A document the article cites at a sentence's start ("Theo Chỉ thị số …"), issuer read after the number."""
    for text in paragraphs:
        m = _CITED.search(text)
        if m:
            rest = text[m.end() :]
            clause = re.split(r"[.;]\s|,\s(?![^,]*\bcủa\b)", rest, maxsplit=1)[0][:200]
            return _quoted(m, clause, _date(_DATE_AFTER.match(rest[:40])), issuer_after=True)
    return None


def find_quoted(paragraphs: list[str]) -> Quoted | None:
    """The document announced in the first paragraphs of an article, if one is; else one it opens a sentence on."""
    for text in paragraphs:
        m = ANNOUNCE.search(text)
        if m:
            before = _sentence_before(text, m.start())
            date = _date(_DATE_AFTER.match(text[m.end() : m.end() + 40]) or _DATE_BEFORE.search(before))
            return _quoted(m, before, date, issuer_after=False)
    return _cited(paragraphs)
