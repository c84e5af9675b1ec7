"""Document metadata read from the header: type, number, issuer, province, date, school year, title.

Vietnamese administrative documents share one layout (Nghị định 30/2020/NĐ-CP): letterhead
(issuer), "Số: 04/CT-UBND", "Place, ngày … tháng … năm …", the type ("CHỈ THỊ") and subject line,
or "V/v …" for a công văn. News pages and portal copies lack most of it, so every field has
fallbacks; none is ever invented. Each field records where it was read and how sure that is
(`DocumentMeta.sources`): the letterhead and the place-date line outrank the "Số:" line's code,
titles, body text and the file name, so a stray title naming another province cannot win.

The number is read in ingest/docnumber.py, the issue date and school year in ingest/issued.py, the letterhead's
lines in ingest/letterhead.py and the issuer they name in ingest/issuers.py; this module weighs them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest import consolidated, docnumber, furniture, issuers, localities, provinces
from ingest.consolidated import read_consolidation
from ingest.doctypes import DOC_TYPES, REPORT_PREFIX
from ingest.issued import read_issue_date, read_school_year
from ingest.issuers import IssuerKind
from ingest.letterhead import DOC_TYPE_WORDS, MOTTO, place_date
from ingest.models import DocumentMeta
from ingest.quoted import find_quoted
from ingest.readings import CONFIDENCE, Readings
from ingest.sitetable import HINT
from ingest.textnorm import fold, mark_key
from ingest.titles import read_title

# Type lines the header reads: the types questions name, and a licence ("GIẤY PHÉP …", "Số: 25/GP-UBND").
# "THÔNG TƯ LIÊN TỊCH" (several ministries' Thông tư) first: its title follows the whole type line.
_HEADER_TYPES = {"thong tu lien tich": "Thông tư", **DOC_TYPES, "giay phep": "Giấy phép"}
# The authority line of a decision (Nghị định 30/2020/NĐ-CP): "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X" decides as the
# Chairman, "ỦY BAN NHÂN DÂN TỈNH X" as the Committee.
_CHAIRMAN_LINE = re.compile(r"^CHỦ TỊCH\s+(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN\s+(?:TỈNH|THÀNH PHỐ)\s+\S")
_MARKER_START = re.compile(
    r"^(?:[IVX]{1,5}(?:\.|\s?[-–]|/)|[A-H]\.|\d{1,2}[.\-–/]|Thứ nhất|Phần\s+(?:[IVX]{1,5}|\d{1,2}|thứ\s+nhất)\b[.:\-–]?)(?:\s|$)",
    re.I,
)
_NEWS_HINTS = re.compile(r"cổng thông tin|bài tin|tin liên quan|nguồn tin|đánh giá bài viết|lượt xem", re.I)
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


# A scan's specks around a letterhead cell ("'SỞ CÔNG THƯƠNG", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG."): a body's name
# neither starts nor ends with a mark.
_SPECKS = " _|-–'`‘’\".,:;•"


def _letterhead(head: list[str]) -> tuple[list[str], set[int]]:
    """The left column's issuer lines (capitals from the first issuing body on) and their indices."""
    lines: list[str] = []
    used: set[int] = set()
    for i, p in enumerate(head[:10]):
        text = p.strip(_SPECKS)
        motto = MOTTO.search(text)
        if (
            motto
        ):  # the motto's column; a flattened row keeps the issuer before it ("ỦY BAN NHÂN DÂN _ CỘNG HÒA …")
            text = text[: motto.start()].strip(_SPECKS)
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
        p = p.lstrip(_SPECKS)
        folded = fold(p)
        if p.isupper() and folded.startswith(_AUTHORITY):
            body = p.split(None, 2)[2] if len(p.split()) > 2 else ""
            return issuers.from_letterhead([body]) if body else None
    return None


def _site_hints(chrome: list[str]) -> dict[str, str]:
    """The legal-document site's metadata table (ingest/sitetable.py), as the cleaner left it in the chrome."""
    return {m.group(1): m.group(2) for c in chrome if (m := HINT.match(c))}


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
    typed = _type_line(head)
    title, after_title = read_title(head, skip, news or newspaper, typed)
    title = strip_footnotes(title)
    intro = paragraphs[after_title : after_title + 3]
    f.offer("title", title, "title", 0.9)
    f.offer("title", source, "filename", 0.2)

    # Number and the issuer/type its code names. The type line says what the document is; a number whose code
    # names another type is not its number (a Kế hoạch is never "…/TT-BGDĐT").
    line_type = typed[1] if typed else None
    site = _site_hints(chrome)
    code, has_so, code_origin, code_conf = docnumber.read_number(
        f, head_text, paragraphs, intro, line_type, site, newspaper, ocr_numbers
    )
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
        f.offer("doc_type", f"{REPORT_PREFIX}{quoted.doc_type}", "body", q)
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
                _CHAIRMAN_LINE.match(p.lstrip(_SPECKS))
                for p in paragraphs[typed[0] if typed else after_title : after_title + 4]
            )
        )
    ):
        # "ỦY BAN NHÂN DÂN TỈNH X" over "Số: 12/QĐ-CTUBND", or the authority line "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
        # X" under the title: the Chairman's decision.
        kind = IssuerKind("chu-tich-tinh")

    # The date before the province: a district is looked up as of it.
    draft_month = read_issue_date(f, head, place_i, paragraphs, intro)
    # A consolidated text (VBHN) is numbered and dated in its authentication block at the end.
    consolidation = read_consolidation(paragraphs)
    if consolidation:
        f.offer("doc_number", consolidation.number, "number_line", 0.95)
        f.offer("issued_date", consolidation.date, "place_date", 0.95)
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
    if consolidation:
        f.offer(
            "doc_type", consolidated.TYPE, "number_line", 0.95
        )  # above the type line of the text it reprints
    f.offer("doc_type", site.get("Loại văn bản"), "site_table", CONFIDENCE["site_table"])
    read_school_year(f, title, paragraphs[: after_title + 4], paragraphs, draft_month)
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
    f.offer("doc_type", docnumber.code_type(code), code_origin, code_conf)
    if any(_SUBJECT_MARK.match(p) or p.startswith("Về việc") for p in head) or code:
        f.offer("doc_type", "Công văn", "title", 0.7)
    f.offer("doc_type", "Tin bài" if news else "Văn bản", "body", 0.3)


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
