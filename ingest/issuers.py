"""Who issued a document, and at which level of the administration.

The letterhead names the issuing body on its last line and its parent above it ("UBND TỈNH BẮC
GIANG" / "SỞ GIÁO DỤC VÀ ĐÀO TẠO"; "UBND QUẬN HOÀNG MAI" / "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"), so the
lowest unit named is the issuer. The code after the slash of a number says it too: "CT-TTg" is the
Prime Minister, "BGDĐT" the Ministry, "SGDĐT" a Sở, "PGDĐT" a Phòng, "UBND" a People's Committee.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import provinces
from ingest.textnorm import fold

# Kind → issuer_level (DocumentMeta). A district People's Committee has no level of its own here.
LEVELS = {
    "thu-tuong": "chinh-phu",
    "chinh-phu": "chinh-phu",
    "quoc-hoi": "chinh-phu",  # the scale has no level of its own for the National Assembly: the closest national one
    "bo": "bo",
    "ubnd-tinh": "tinh",
    # The province's People's Council (Nghị quyết "…/NQ-HĐND") and the Chairman of its People's Committee
    # (Quyết định "…/QĐ-CTUBND") act for the province as its People's Committee does.
    "hdnd-tinh": "tinh",
    "chu-tich-tinh": "tinh",
    "ubnd-huyen": None,  # a district's, commune's or ward's People's Committee
    "hdnd-huyen": None,
    "so": "so",
    "phong": "phong",
    "truong": "truong",
    # A university of several member schools (Đại học Quốc gia Hà Nội, Đại học Huế): the scale has no
    # university level, so it is a school's; its member school ("TRƯỜNG ĐẠI HỌC …" under it) issues its own.
    "dai-hoc": "truong",
}
NATIONAL_KINDS = frozenset({"thu-tuong", "chinh-phu", "quoc-hoi", "bo"})
# Units below the province: districts before July 2025, communes and wards (the only level left) after.
_UNIT = re.compile(r"\b(QUẬN|HUYỆN|THỊ XÃ|THỊ TRẤN|THÀNH PHỐ|TP\.?|PHƯỜNG|XÃ|ĐẶC KHU)\s+(\S.*)$")
_EDUCATION = re.compile(r"\b(?:giao duc(?: va dao tao)?|gd&dt|gddt|gd-dt)\b")


@dataclass(frozen=True)
class IssuerKind:
    kind: str  # a key of LEVELS
    unit: str | None = None  # "quận Hoàng Mai", "Trường THCS Nguyễn Du", "Bộ Y tế"

    @property
    def level(self) -> str | None:
        return LEVELS[self.kind]

    @property
    def national(self) -> bool:
        return self.kind in NATIONAL_KINDS


def name_case(upper: str) -> str:
    """ "TRƯỜNG THCS NGUYỄN DU" → "Trường THCS Nguyễn Du": acronyms (no vowel) stay in capitals."""
    words = []
    for w in upper.split():
        bare = re.sub(r"[^a-z]", "", fold(w))
        words.append(w if bare and not re.search(r"[aeiouy]", bare) else w[:1].upper() + w[1:].lower())
    return " ".join(words)


# School types are common nouns: only their first word takes a capital ("Trường Tiểu học Đại Lãnh").
_SCHOOL_TYPES = re.compile(
    r"^(Trường) (Tiểu Học Và Trung Học Cơ Sở|Trung Học Cơ Sở|Trung Học Phổ Thông|Phổ Thông Dân Tộc Nội Trú|"
    r"Phổ Thông Dân Tộc Bán Trú|Tiểu Học|Mầm Non|Mẫu Giáo|Liên Cấp|Đại Học|Cao Đẳng|Trung Cấp)\b"
)
# Higher education in a letterhead (folded starts): a university, a member school, an academy, a college.
ACADEMIC = ("dai hoc ", "hoc vien ", "truong dai hoc ", "truong cao dang ")
# Universities of several member schools, as they write their names (keys: folded, punctuation as spaces).
_UNIVERSITIES = {
    "dai hoc quoc gia ha noi": "Đại học Quốc gia Hà Nội",
    "dai hoc quoc gia thanh pho ho chi minh": "Đại học Quốc gia Thành phố Hồ Chí Minh",
    "dai hoc quoc gia tp ho chi minh": "Đại học Quốc gia Thành phố Hồ Chí Minh",
    "dai hoc hue": "Đại học Huế",
    "dai hoc thai nguyen": "Đại học Thái Nguyên",
    "dai hoc da nang": "Đại học Đà Nẵng",
}


def is_academic(line: str) -> bool:
    """A letterhead line naming a university, a member school, an academy or a college."""
    return fold(line).strip().startswith(ACADEMIC)


def academic_name(upper: str) -> str:
    """ "ĐẠI HỌC QUỐC GIA HÀ NỘI" → "Đại học Quốc gia Hà Nội" (also as a scan misspells it: "QUÓC"),
    "HỌC VIỆN NGÂN HÀNG" → "Học viện Ngân Hàng", "TRƯỜNG ĐẠI HỌC VIỆT NHẬT" → "Trường Đại học Việt Nhật"."""
    key = " ".join(re.sub(r"[^a-z0-9]+", " ", fold(upper)).split())
    if key in _UNIVERSITIES:
        return _UNIVERSITIES[key]
    name = school_name(upper)
    return re.sub(r"^(Đại|Học) (Học|Viện)\b", lambda m: f"{m.group(1)} {m.group(2).lower()}", name)


# Sectors as official names write them (folded capitals → name): Sở and Bộ names are common nouns except these,
# and the education sector's and a few others' are abbreviated in citations ("Sở GD&ĐT", "Bộ LĐ-TB&XH").
_SECTORS = {
    "giao duc va dao tao": "GD&ĐT",
    "nong nghiep va moi truong": "NN&MT",
    "nong nghiep va phat trien nong thon": "NN&PTNT",
    "tai nguyen va moi truong": "TN&MT",
    "lao dong - thuong binh va xa hoi": "LĐ-TB&XH",
    "lao dong thuong binh va xa hoi": "LĐ-TB&XH",
    "khoa hoc va cong nghe": "KH&CN",
    "ke hoach va dau tu": "KH&ĐT",
    "thong tin va truyen thong": "TT&TT",
    "van hoa, the thao va du lich": "VH-TT&DL",
    "cong thuong": "Công Thương",
}


# Joint issuers ("BỘ CÔNG AN - BỘ QUỐC PHÒNG - BỘ Y TẾ" over a hướng dẫn liên ngành): one name per body, not one name
# lower-casing the others ("Lao động - Thương binh" is one ministry: its second part names no body).
_JOINT = re.compile(r"\s+[-–]\s+(?=(?:BỘ|SỞ|CỤC|VIỆN|TÒA|TỔNG CỤC|BAN|ỦY BAN)\b)")


def body_name(upper: str) -> str:
    """ "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" → "Sở NN&MT", "BỘ TÀI CHÍNH" → "Bộ Tài chính", "CỤC HÓA CHẤT" → "Cục Hóa chất"."""
    parts = _JOINT.split(upper.strip())
    if len(parts) > 1:
        return " - ".join(body_name(p) for p in parts)
    head, _, rest = upper.strip().partition(" ")
    for prefix in ("TỔNG CỤC", "ĐOÀN KIỂM TRA", "BAN QUẢN LÝ"):
        if upper.startswith(prefix + " ") or upper == prefix:
            head, rest = prefix, upper[len(prefix) :].strip()
    lead = head[:1] + head[1:].lower()
    if not rest:
        return lead
    sector = _SECTORS.get(fold(rest))
    if sector:
        return f"{lead} {sector}"
    words = rest.split()
    return " ".join([lead, words[0][:1] + words[0][1:].lower(), *(w.lower() for w in words[1:])])


def school_name(upper: str) -> str:
    return _SCHOOL_TYPES.sub(lambda m: f"{m.group(1)} {m.group(2).capitalize()}", name_case(upper))


def _unit(line: str) -> str | None:
    m = _UNIT.search(line)
    if not m:
        return None
    kind = {"TP": "thành phố", "TP.": "thành phố"}.get(m.group(1), m.group(1).lower())
    return f"{kind} {name_case(m.group(2).strip(' .'))}"


def _is_province_city(line: str) -> bool:
    """ "THÀNH PHỐ HÀ NỘI" is a province-level city; "THÀNH PHỐ BẮC GIANG" a city inside a province."""
    m = _UNIT.search(line)
    if not m or not m.group(1).startswith(("THÀNH PHỐ", "TP")):
        return False
    p = provinces.get(m.group(2))
    return p is not None and p.kind == provinces.THANH_PHO


def _committee_line(lines: list[str], i: int) -> str:
    """The line naming a People's Committee's area: its own ("UBND HUYỆN X") or the next one."""
    line = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    return line if _UNIT.search(line) or "tinh" in fold(line).split() else nxt


def units(lines: list[str]) -> list[str]:
    """The districts, communes or wards the letterhead's parent lines name ("quận Ninh Kiều"), top first.

    Only a People's Committee's or a Phòng's own line counts: a school's name may contain a place
    ("TRƯỜNG MẦM NON XÃ …") without saying where the school is."""
    found: list[str] = []
    for i, line in enumerate(lines):
        f = fold(line)
        if f.startswith(("uy ban nhan dan", "ubnd")):
            where = _committee_line(lines, i)
        elif f.startswith(("phong giao duc", "phong gd")):
            where = line
        else:
            continue
        unit = _unit(where) if not _is_province_city(where) else None
        if unit and unit not in found:
            found.append(unit)
    return found


def from_letterhead(lines: list[str]) -> IssuerKind | None:
    """The issuer named by the letterhead's left column (lines in order, in capitals as printed)."""
    found: IssuerKind | None = None
    rank = {
        "truong": 5,
        "dai-hoc": 4.5,  # under it, its member school ("ĐẠI HỌC QUỐC GIA HÀ NỘI" / "TRƯỜNG ĐẠI HỌC VIỆT NHẬT")
        "phong": 4,
        "so": 3,
        "ubnd-huyen": 2,
        "ubnd-tinh": 2,
        "hdnd-huyen": 2,
        "hdnd-tinh": 2,
        "bo": 2,
        "thu-tuong": 2,
    }
    district: str | None = None
    for i, line in enumerate(lines):
        f = fold(line)
        kind: IssuerKind | None = None
        if f.startswith("thu tuong"):
            kind = IssuerKind("thu-tuong")
        elif f.strip() == "quoc hoi":
            kind = IssuerKind("quoc-hoi")
        elif found and found.kind in ("bo", "so") and f.startswith(_SUB_UNITS):
            # A unit under the Bộ or the Sở on the line above ("BỘ CÔNG THƯƠNG" / "CỤC HÓA CHẤT", "SỞ CÔNG THƯƠNG"
            # / "ĐOÀN KIỂM TRA"): the lowest unit named issues the document.
            parent = found.unit or ("Bộ GD&ĐT" if found.kind == "bo" else "Sở GD&ĐT")
            sub = body_name(line)
            found = IssuerKind(found.kind, f"{sub} ({parent})" if found.kind == "bo" else f"{sub} {parent}")
            continue
        elif found and found.kind in ("bo", "so") and (institution := _institution(line)):
            # A hospital, centre or institute under the Bộ or the Sở on the line above issues the document
            # itself ("SỞ Y TẾ BẮC NINH" / "BỆNH VIỆN ĐA KHOA TỈNH"): the lower line of a letterhead is the issuer.
            parent = found.unit or ("Bộ GD&ĐT" if found.kind == "bo" else "Sở GD&ĐT")
            found = IssuerKind(found.kind, f"{institution} ({parent})" if found.kind == "bo" else institution)
            continue
        elif f.strip() == "chinh phu":
            kind = IssuerKind("chinh-phu")
        elif f.startswith("bo "):
            kind = IssuerKind("bo", None if _EDUCATION.search(f) else body_name(line))
        elif f.startswith(("truong dai hoc ", "truong cao dang ", "hoc vien ")):
            kind = IssuerKind("truong", academic_name(line) + _city_line(lines, i))
        elif f.startswith("dai hoc "):
            kind = IssuerKind("dai-hoc", academic_name(line) + _city_line(lines, i))
        elif f.startswith("truong "):
            kind = IssuerKind("truong", school_name(line))
        elif f.startswith("phong giao duc") or f.startswith("phong gd"):
            kind = IssuerKind("phong", _unit(line) or district)
        elif f.startswith("so "):
            kind = IssuerKind("so", None if _EDUCATION.search(f) else body_name(_without_province(line)))
        elif f.startswith(("uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd")):
            council = f.startswith(("hoi dong", "hdnd"))
            where = _committee_line(lines, i)
            if _UNIT.search(where) and not _is_province_city(where):
                district = _unit(where)
                kind = IssuerKind("hdnd-huyen" if council else "ubnd-huyen", district)
            else:
                kind = IssuerKind("hdnd-tinh" if council else "ubnd-tinh")
        if kind and (
            found is None
            or rank.get(kind.kind, 0) > rank.get(found.kind, 0)
            # Two academic bodies: the lower line is the issuer ("HỌC VIỆN CHÍNH TRỊ QUỐC GIA HỒ CHÍ MINH" /
            # "HỌC VIỆN BÁO CHÍ VÀ TUYÊN TRUYỀN"); the one above is its parent.
            or (kind.kind == found.kind and is_academic(line))
        ):
            found = kind
    return found


def _city_line(lines: list[str], i: int) -> str:
    """ " Thành phố Hồ Chí Minh" when the line under a university's name holds only a province or a province-level
    city: it ends the name ("TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG" / "THÀNH PHỐ HỒ CHÍ MINH"); "" otherwise."""
    nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
    if not nxt or provinces.get(nxt) is None or not nxt.isupper():
        return ""
    return " " + (
        f"Thành phố {name_case(nxt.split(None, 2)[-1])}"
        if fold(nxt).startswith("thanh pho ")
        else name_case(nxt)
    )


_SUB_UNITS = ("cuc ", "tong cuc ", "vu ", "doan ", "ban ", "chi cuc ")
_INSTITUTIONS = (("benh vien ", "Bệnh viện"), ("trung tam ", "Trung tâm"), ("vien ", "Viện"))


def _institution(line: str) -> str | None:
    """ "BỆNH VIỆN ĐA KHOA TỈNH" → "Bệnh viện Đa Khoa Tỉnh"; None for a line naming no institution."""
    f = fold(line)
    for start, label in _INSTITUTIONS:
        if f.startswith(start):
            rest = line.split(None, len(start.split()))[-1]
            return f"{label} {name_case(rest)}"
    return None


def _without_province(name: str) -> str:
    """ "Sở Công Thương Lào Cai" → "Sở Công Thương": the province is added from the document's province."""
    words = name.split()
    for n in (3, 2, 1):
        if len(words) > n + 1 and provinces.get(" ".join(words[-n:])) is not None:
            return " ".join(words[:-n])
    return name


def from_code(code: str) -> IssuerKind | None:
    """The issuer named by a number's code: "CT-TTg", "BGDĐT-GDPT", "SGDĐT-VP", "KH-UBND"."""
    parts = {re.sub(r"[^a-z]", "", fold(p)) for p in re.split(r"[-/]", code)}
    for key, kind in (
        ("ctubnd", "chu-tich-tinh"),  # "QĐ-CTUBND": the Chairman's decision, not the Committee's
        ("hdnd", "hdnd-tinh"),
        ("ttg", "thu-tuong"),
        ("cp", "chinh-phu"),
        ("bgddt", "bo"),
        ("bgd", "bo"),
        ("pgddt", "phong"),
        ("pgd", "phong"),
        ("sgddt", "so"),
        ("sgd", "so"),
        ("ubnd", "ubnd-tinh"),
    ):
        if key in parts:
            return IssuerKind(kind)
    return None


# Running text of a page that copies or reports a document.
_TEXT_PATTERNS = (
    ("thu-tuong", r"\bthu tuong(?: chinh phu)?\b[^.]{0,60}\b(?:ky|ban hanh)\b"),
    ("bo", r"\b(?:bo truong )?bo (?:giao duc va dao tao|gd&dt|gddt)\b[^.]{0,40}\b(?:ky|ban hanh)\b"),
    ("ubnd-tinh", r"\b(?:ubnd|uy ban nhan dan) (?:tinh|thanh pho)\b[^.]{0,40}\bban hanh"),
    ("so", r"\bso (?:giao duc va dao tao|gd&dt|gddt)\b"),
)


_CITES = re.compile(r"^\W*can cu\b")


def from_text(text: str) -> IssuerKind | None:
    """The issuer the text names first as issuing ("UBND tỉnh X ban hành Chỉ thị … thực hiện Chỉ thị của Thủ
    tướng …" is the province's): the earliest match, not the highest office mentioned. A preamble's "Căn cứ
    Quyết định số 26/2014/QĐ-TTg … của Thủ tướng Chính phủ ban hành Quy chế …" names who issued the document
    it cites, never this one's issuer: such lines are not read."""
    folded = "\n".join(line for line in fold(text).split("\n") if not _CITES.match(line))
    found = [(m.start(), kind) for kind, pattern in _TEXT_PATTERNS if (m := re.search(pattern, folded))]
    return IssuerKind(min(found)[1]) if found else None


def issuer_name(kind: IssuerKind, province: str | None) -> str | None:
    """The issuer as answers print it; None when it needs a province that is unknown."""
    if kind.kind == "thu-tuong":
        return "Thủ tướng Chính phủ"
    if kind.kind == "chinh-phu":
        return "Chính phủ"
    if kind.kind == "quoc-hoi":
        return "Quốc hội"
    if kind.kind == "bo":
        return kind.unit or "Bộ GD&ĐT"
    if kind.kind in ("truong", "dai-hoc", "ubnd-huyen", "hdnd-huyen") and kind.unit:
        return (
            kind.unit
            if kind.kind in ("truong", "dai-hoc")
            else f"{'UBND' if kind.kind == 'ubnd-huyen' else 'HĐND'} {kind.unit}"
        )
    if kind.kind == "phong":
        return (
            f"Phòng GD&ĐT {kind.unit}" if kind.unit else (f"Phòng GD&ĐT ({province})" if province else None)
        )
    if province is None or province == provinces.NATIONAL:
        return None
    if kind.kind == "so":
        return f"{kind.unit} {province}" if kind.unit else f"Sở GD&ĐT {province}"
    if kind.kind == "ubnd-tinh":
        return f"UBND {provinces.issuer_label(province)}"
    if kind.kind == "hdnd-tinh":
        return f"HĐND {provinces.issuer_label(province)}"
    if kind.kind == "chu-tich-tinh":
        return f"Chủ tịch UBND {provinces.issuer_label(province)}"
    return None
