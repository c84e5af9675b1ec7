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
    "bo": "bo",
    "ubnd-tinh": "tinh",
    "ubnd-huyen": None,  # a district's, commune's or ward's People's Committee
    "so": "so",
    "phong": "phong",
    "truong": "truong",
}
NATIONAL_KINDS = frozenset({"thu-tuong", "chinh-phu", "bo"})
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
    r"Phổ Thông Dân Tộc Bán Trú|Tiểu Học|Mầm Non|Mẫu Giáo|Liên Cấp)\b"
)


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
    rank = {"truong": 5, "phong": 4, "so": 3, "ubnd-huyen": 2, "ubnd-tinh": 2, "bo": 2, "thu-tuong": 2}
    district: str | None = None
    for i, line in enumerate(lines):
        f = fold(line)
        kind: IssuerKind | None = None
        if f.startswith("thu tuong"):
            kind = IssuerKind("thu-tuong")
        elif f.strip() == "chinh phu":
            kind = IssuerKind("chinh-phu")
        elif f.startswith("bo "):
            kind = IssuerKind("bo", None if _EDUCATION.search(f) else name_case(line))
        elif f.startswith("truong "):
            kind = IssuerKind("truong", school_name(line))
        elif f.startswith("phong giao duc") or f.startswith("phong gd"):
            kind = IssuerKind("phong", _unit(line) or district)
        elif f.startswith("so "):
            kind = IssuerKind("so", None if _EDUCATION.search(f) else name_case(line))
        elif f.startswith(("uy ban nhan dan", "ubnd")):
            where = _committee_line(lines, i)
            if _UNIT.search(where) and not _is_province_city(where):
                district = _unit(where)
                kind = IssuerKind("ubnd-huyen", district)
            else:
                kind = IssuerKind("ubnd-tinh")
        if kind and (found is None or rank.get(kind.kind, 0) > rank.get(found.kind, 0)):
            found = kind
    return found


def from_code(code: str) -> IssuerKind | None:
    """The issuer named by a number's code: "CT-TTg", "BGDĐT-GDPT", "SGDĐT-VP", "KH-UBND"."""
    parts = {re.sub(r"[^a-z]", "", fold(p)) for p in re.split(r"[-/]", code)}
    for key, kind in (
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


def from_text(text: str) -> IssuerKind | None:
    folded = fold(text)
    for kind, pattern in _TEXT_PATTERNS:
        if re.search(pattern, folded):
            return IssuerKind(kind)
    return None


def issuer_name(kind: IssuerKind, province: str | None) -> str | None:
    """The issuer as answers print it; None when it needs a province that is unknown."""
    if kind.kind == "thu-tuong":
        return "Thủ tướng Chính phủ"
    if kind.kind == "chinh-phu":
        return "Chính phủ"
    if kind.kind == "bo":
        return kind.unit or "Bộ GD&ĐT"
    if kind.kind in ("truong", "ubnd-huyen") and kind.unit:
        return kind.unit if kind.kind == "truong" else f"UBND {kind.unit}"
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
    return None
