"""Provinces and centrally-run cities of Việt Nam, before and after the 2025 merger.

Directives are issued per province, and since 1 July 2025 (Nghị quyết 202/2025/QH15) 63 units have
become 34.  A question about "Lào Cai" must also see the directives of the former "Yên Bái", and a
question about "Yên Bái" those of today's "Lào Cai"; `scope_of` gives that set.

Matching (`get`, `find_provinces`) is tone-insensitive on `fold`ed words, but free text is checked
against the original tone marks, because some folded names are ordinary words ("lòng an" → "long an").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.textnorm import clean_chars, fold, has_tone_marks, mark_key

TINH = "tỉnh"
THANH_PHO = "thành phố"
# The province of a national issuer's document (Bộ GD&ĐT, Chính phủ, Thủ tướng): it applies everywhere.
NATIONAL = "toàn quốc"


@dataclass(frozen=True)
class Province:
    name: str  # canonical, with tone marks, without "tỉnh"/"thành phố"
    kind: str  # TINH or THANH_PHO (the latest status for names that exist before and after)
    aliases: tuple[str, ...]
    merged_into: str | None  # the 2025 unit that absorbed it
    merged_from: tuple[str, ...]  # the units it absorbed in 2025
    current: bool  # exists after 1 July 2025


# The 63 units before 1 July 2025, north to south.  Thừa Thiên Huế is listed under its provincial
# name: it became the centrally-run city "Huế" in January 2025, modelled below as a rename (merger of one).
OLD_NAMES: tuple[str, ...] = (
    "Hà Nội", "Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Điện Biên", "Lai Châu",
    "Sơn La", "Yên Bái", "Hòa Bình", "Thái Nguyên", "Lạng Sơn", "Quảng Ninh", "Bắc Giang", "Phú Thọ",
    "Vĩnh Phúc", "Bắc Ninh", "Hải Dương", "Hải Phòng", "Hưng Yên", "Thái Bình", "Hà Nam", "Nam Định",
    "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế",
    "Đà Nẵng", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận",
    "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước", "Tây Ninh",
    "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh", "Long An", "Tiền Giang", "Bến Tre",
    "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Cần Thơ", "Hậu Giang",
    "Sóc Trăng", "Bạc Liêu", "Cà Mau",
)  # fmt: skip

# Nghị quyết 202/2025/QH15: surviving name → absorbed units.  Huế ← Thừa Thiên Huế is the 2025 rename.
MERGERS: dict[str, tuple[str, ...]] = {
    "Huế": ("Thừa Thiên Huế",),
    "Tuyên Quang": ("Hà Giang",),
    "Lào Cai": ("Yên Bái",),
    "Thái Nguyên": ("Bắc Kạn",),
    "Phú Thọ": ("Vĩnh Phúc", "Hòa Bình"),
    "Bắc Ninh": ("Bắc Giang",),
    "Hưng Yên": ("Thái Bình",),
    "Hải Phòng": ("Hải Dương",),
    "Ninh Bình": ("Hà Nam", "Nam Định"),
    "Quảng Trị": ("Quảng Bình",),
    "Đà Nẵng": ("Quảng Nam",),
    "Quảng Ngãi": ("Kon Tum",),
    "Gia Lai": ("Bình Định",),
    "Khánh Hòa": ("Ninh Thuận",),
    "Lâm Đồng": ("Đắk Nông", "Bình Thuận"),
    "Đắk Lắk": ("Phú Yên",),
    "Hồ Chí Minh": ("Bình Dương", "Bà Rịa - Vũng Tàu"),
    "Đồng Nai": ("Bình Phước",),
    "Tây Ninh": ("Long An",),
    "Cần Thơ": ("Sóc Trăng", "Hậu Giang"),
    "Vĩnh Long": ("Bến Tre", "Trà Vinh"),
    "Đồng Tháp": ("Tiền Giang",),
    "Cà Mau": ("Bạc Liêu",),
    "An Giang": ("Kiên Giang",),
}
UNCHANGED: tuple[str, ...] = (
    "Hà Nội", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Cao Bằng",
)  # fmt: skip
CURRENT_NAMES: tuple[str, ...] = UNCHANGED + tuple(MERGERS)  # the 34 units after 1 July 2025

_CITIES = frozenset({"Hà Nội", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ", "Huế"})

# Other spellings and short forms.  Prefixes ("tỉnh", "TP.", ...) are handled generically, and
# "Hòa"/"Hoà" tone placement is equivalent anyway; both are listed where usage varies.  Only
# unambiguous short forms ("ĐN" could be Đà Nẵng or Đồng Nai, so it is absent).
_ALIASES: dict[str, tuple[str, ...]] = {
    "Hà Nội": ("HN",),
    "Hồ Chí Minh": ("HCM", "TPHCM", "TP.HCM", "HCMC", "Sài Gòn"),
    "Bà Rịa - Vũng Tàu": ("Bà Rịa Vũng Tàu", "BR-VT", "BRVT"),
    "Thừa Thiên Huế": ("TT Huế", "TT-Huế", "Thừa Thiên - Huế"),
    "Đắk Lắk": ("Đăk Lăk", "Đắc Lắc", "Đắk Lắc", "Đăk Lắk", "Dak Lak", "Daklak", "Đắklắk"),
    "Đắk Nông": ("Đăk Nông", "Đắc Nông", "Dak Nong"),
    "Kon Tum": ("Kontum",),
    "Bắc Kạn": ("Bắc Cạn",),
    "Hòa Bình": ("Hoà Bình",),
    "Thanh Hóa": ("Thanh Hoá",),
    "Khánh Hòa": ("Khánh Hoà",),
}

# Phrases that contain a province name but mean something else; matched first, then dropped.
_STOP_PHRASES = ("Thái Bình Dương", "Điện Biên Phủ")
# Bare "Hồ Chí Minh" is usually the person (tư tưởng, Đoàn TNCS, Đội TNTP Hồ Chí Minh): city only
# with "TP."/"thành phố" before it.
_NEEDS_PREFIX = frozenset({("ho", "chi", "minh")})
# Names that are also ordinary words ("hòa bình" = peace, "nâng cao bằng ..."): only when
# capitalised, prefixed, or the whole text is lower-case.
_COMMON_WORDS = frozenset({("hoa", "binh"), ("thai", "binh"), ("cao", "bang"), ("hai", "duong")})


def _build() -> tuple[Province, ...]:
    absorbed = {old: new for new, olds in MERGERS.items() for old in olds}
    out = []
    for name in (*OLD_NAMES, "Huế"):
        out.append(
            Province(
                name=name,
                kind=THANH_PHO if name in _CITIES else TINH,
                aliases=_ALIASES.get(name, ()),
                merged_into=absorbed.get(name),
                merged_from=MERGERS.get(name, ()),
                current=name in CURRENT_NAMES,
            )
        )
    return tuple(out)


PROVINCES: tuple[Province, ...] = _build()
_BY_NAME: dict[str, Province] = {p.name: p for p in PROVINCES}

_WORD = re.compile(r"\w+")
_SOFT_SEP = re.compile(r"[\s\-–—]*")  # between words of one name: "Bà Rịa - Vũng Tàu", "An\nGiang"


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


@dataclass(frozen=True)
class _Form:
    province: str | None  # None for a stop phrase
    marks: tuple[str, ...]


def _surface_table() -> dict[tuple[str, ...], list[_Form]]:
    table: dict[tuple[str, ...], list[_Form]] = {}
    entries: list[tuple[str | None, str]] = [(p.name, f) for p in PROVINCES for f in (p.name, *p.aliases)]
    entries += [(None, phrase) for phrase in _STOP_PHRASES]
    for owner, form in entries:
        words = _WORD.findall(clean_chars(form))
        key = tuple(_fold_word(w) for w in words)
        forms = table.setdefault(key, [])
        if any(f.province != owner for f in forms):  # folded spellings must stay unambiguous
            raise ValueError(f"ambiguous province spelling: {form}")
        forms.append(_Form(owner, tuple(mark_key(w) for w in words)))
    return table


_TABLE = _surface_table()
_MAX_WORDS = max(len(k) for k in _TABLE)
_PREFIX = re.compile(r"^\s*(?:tinh|thanh\s+pho|tp|t\.p)\b\.?\s*")


def get(name: str) -> Province | None:
    """The province for any spelling: tone marks optional, any case, "tỉnh"/"TP." prefix optional."""
    folded = _PREFIX.sub("", fold(clean_chars(name)))
    forms = _TABLE.get(tuple(_WORD.findall(folded)))
    if not forms or forms[0].province is None:
        return None
    return _BY_NAME[forms[0].province]


@dataclass(frozen=True)
class _Tok:
    text: str
    folded: str
    start: int
    end: int


def _prefixed(toks: list[_Tok], i: int, text: str) -> bool:
    """Is word i preceded by "tỉnh", "thành phố" or "TP." (any case, tone marks exact or absent)?"""

    def ok(j: int, folded: str, marked: str) -> bool:
        return toks[j].folded == folded and mark_key(toks[j].text) in ("", mark_key(marked))

    def joined(j: int, seps: tuple[str, ...]) -> bool:  # only white space (or "." after "TP") in between
        return text[toks[j].end : toks[j + 1].start].strip() in seps

    if i >= 1 and joined(i - 1, ("", ".")) and (ok(i - 1, "tinh", "tỉnh") or ok(i - 1, "tp", "tp")):
        return True
    thanh_pho = i >= 2 and ok(i - 2, "thanh", "thành") and ok(i - 1, "pho", "phố")
    return thanh_pho and joined(i - 2, ("",)) and joined(i - 1, ("",))


def _accept(
    forms: list[_Form], toks: list[_Tok], i: int, n: int, text: str, marked: bool, upper: bool
) -> bool:
    key = tuple(t.folded for t in toks[i : i + n])
    if forms[0].province is None:
        return True
    prefixed = _prefixed(toks, i, text)
    if key in _NEEDS_PREFIX and not prefixed:
        return False
    if (
        key in _COMMON_WORDS
        and upper
        and not prefixed
        and not all(t.text[0].isupper() for t in toks[i : i + n])
    ):
        return False
    if not marked or prefixed:
        return True
    span_marks = tuple(mark_key(t.text) for t in toks[i : i + n])
    return any(f.marks == span_marks for f in forms)


def find_provinces(text: str) -> list[str]:
    """Canonical names mentioned in free text, in order of first appearance, without repeats.

    Words are matched whole, longest name first; a name may span white space or a hyphen but not
    other punctuation.  If the text carries tone marks, the name must carry its own exactly (or
    follow "tỉnh"/"thành phố"/"TP."); text typed without any tone marks matches on letters alone.
    """
    text = clean_chars(text)
    toks = [_Tok(m.group(), _fold_word(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]
    marked = has_tone_marks(text)
    upper = text != text.lower()
    found: list[str] = []
    i = 0
    while i < len(toks):
        step = 1
        for n in range(min(_MAX_WORDS, len(toks) - i), 0, -1):
            forms = _TABLE.get(tuple(t.folded for t in toks[i : i + n]))
            if forms is None:
                continue
            if any(
                not _SOFT_SEP.fullmatch(text[toks[j].end : toks[j + 1].start]) for j in range(i, i + n - 1)
            ):
                continue
            if _accept(forms, toks, i, n, text, marked, upper):
                name = forms[0].province
                if name is not None and name not in found:
                    found.append(name)
                step = n
                break
        i += step
    return found


def scope_of(name: str) -> frozenset[str]:
    """Names whose documents answer a question about `name`: itself, its predecessors, its successor.

    Siblings are not included: "Yên Bái" → {"Yên Bái", "Lào Cai"}, not the whole new Lào Cai's
    history.  An unknown name gives an empty set.
    """
    p = get(name)
    if p is None:
        return frozenset()
    out = {p.name, *p.merged_from}
    if p.merged_into:
        out.add(p.merged_into)
    return frozenset(out)


def issuer_label(name: str) -> str:
    """ "tỉnh An Giang", "thành phố Hà Nội", "TP. Hồ Chí Minh"; an unknown name is returned unchanged."""
    p = get(name)
    if p is None:
        return name
    if p.name == "Hồ Chí Minh":
        return "TP. Hồ Chí Minh"
    return f"{p.kind} {p.name}"
