"""Districts, communes and wards → their province, from the dataset shipped with `vietnamadminunits`.

A Phòng's or a school's letterhead names its district or ward, not its province ("UBND QUẬN NINH
KIỀU" / "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"; "UBND PHƯỜNG TÂY NHA TRANG" / "TRƯỜNG THCS …"). Before
1 July 2025 provinces held districts (quận, huyện, thị xã, thành phố) and those held wards, communes
and towns (phường, xã, thị trấn); since then communes and wards (and đặc khu) sit directly under the
34 provinces. The package's SQLite file keeps both maps (`admin_units_legacy`, `admin_units`). It is
read directly, once and read-only: importing the package would run its address parser's imports
(shapely, geopy; about a second), and only the tables are needed.

Many names exist in several provinces ("Huyện Châu Thành", "Phường 1"): those give every candidate,
and the caller decides with another reading of the same document; none is guessed here.
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest import provinces
from ingest.textnorm import clean_chars, fold, has_tone_marks, mark_key

MERGER_DATE = "2025-07-01"  # Nghị quyết 202/2025/QH15 takes effect; districts are abolished
# The legacy table already names Thừa Thiên Huế by its name as a centrally-run city (from 1 January 2025).
_RENAMED = {"Huế": ("Thừa Thiên Huế", "2025-01-01")}

DISTRICT_KINDS = frozenset({"quan", "huyen", "thi xa", "thanh pho"})
WARD_KINDS = frozenset({"phuong", "xa", "thi tran", "dac khu"})
_KIND_ALIASES = {"tp": "thanh pho", "tx": "thi xa", "tt": "thi tran"}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Entry:
    kind: str  # the folded kind word: "quan", "phuong"
    words: tuple[str, ...]  # the name as the dataset writes it, without a numbered unit's kind word
    province: str  # the province as the dataset writes it ("Cần Thơ", "Bà Rịa - Vũng Tàu")


@dataclass(frozen=True)
class _Tables:
    legacy: dict[str, list[_Entry]]  # folded name → districts and wards before 1 July 2025
    current: dict[str, list[_Entry]]  # folded name → wards, communes and đặc khu after it


def dataset_path() -> Path | None:
    """The package's dataset.db, found without importing (running) the package; None if not installed."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "dataset.db"
    return path if path.is_file() else None


@lru_cache(maxsize=16384)
def _fold_word(word: str) -> str:
    return fold(word)  # names share few syllables: folding each once keeps the first lookup cheap


def _key(words: list[str]) -> str:
    """Folded name; "Phường 01" and "Phường 1" are the same ward."""
    name = " ".join(_fold_word(w) for w in words)
    return str(int(name)) if name.isdigit() else name


def _add(table: dict[str, list[_Entry]], kind: str | None, short: str | None, province: str) -> None:
    if not kind or not short:
        return  # a district without wards (an island district) has an empty ward row
    folded_kind = _fold_word(kind)
    words = _WORD.findall(short)
    # Numbered units keep the kind word in the short name: "Quận 1", "Phường 12".
    kind_words = folded_kind.split()
    if [_fold_word(w) for w in words[: len(kind_words)]] == kind_words and words[len(kind_words) :]:
        words = words[len(kind_words) :]
    table.setdefault(_key(words), []).append(_Entry(folded_kind, tuple(words), province))


@lru_cache(maxsize=4)
def _tables(path: Path) -> _Tables:
    legacy: dict[str, list[_Entry]] = {}
    current: dict[str, list[_Entry]] = {}
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        sql = "SELECT DISTINCT provinceShort, {0}Type, {0}Short FROM admin_units_legacy"
        for level in ("district", "ward"):
            for province, kind, name in con.execute(sql.format(level)):
                _add(legacy, kind, name, province)
        for province, w_kind, ward in con.execute(
            "SELECT provinceShort, wardType, wardShort FROM admin_units"
        ):
            _add(current, w_kind, ward, province)
    finally:
        con.close()
    return _Tables(legacy, current)


def _split(unit: str) -> tuple[str | None, list[str]]:
    """ "quận Ninh Kiều" → ("quan", ["Ninh", "Kiều"]); a bare name has no kind."""
    words = _WORD.findall(clean_chars(unit))
    folded = [fold(w) for w in words]
    for n in (2, 1):
        kind = _KIND_ALIASES.get(" ".join(folded[:n]), " ".join(folded[:n]))
        if kind in DISTRICT_KINDS | WARD_KINDS and len(words) > n:
            return kind, words[n:]
    return None, words


def _province_name(short: str, legacy: bool, date: str | None) -> str | None:
    p = provinces.get(short)
    if p is None:
        return None
    if legacy and p.name in _RENAMED and (date is None or date < _RENAMED[p.name][1]):
        return _RENAMED[p.name][0]
    if legacy and date is not None and date >= MERGER_DATE and p.merged_into:
        return p.merged_into  # a former district's area now lies in the unit that absorbed its province
    return p.name


def provinces_of(unit: str, date: str | None = None, db: Path | None = None) -> tuple[str, ...]:
    """Every province holding a unit of this name, as `provinces` writes them (sorted); () if none.

    `unit` is printed as in a letterhead or a place-date line, any case, with its kind word ("quận
    Ninh Kiều", "PHƯỜNG TÂY NHA TRANG") or without ("Ninh Kiều"). `date` (ISO) is the document's:
    before 1 July 2025 the former districts and wards answer, with the 63 former provinces; after
    it (or unknown) today's wards first, then the former units. A name with tone marks must match
    them (placement aside); one typed without any matches on letters alone.
    """
    path = db if db is not None else dataset_path()
    if path is None or not path.is_file():
        return ()
    kind, words = _split(unit)
    if not words:
        return ()
    key, marks = _key(words), tuple(mark_key(w) for w in words)
    marked = has_tone_marks(" ".join(words))
    tables = _tables(path)
    after = date is None or date >= MERGER_DATE
    for table, legacy in (
        ((tables.current, False), (tables.legacy, True)) if after else ((tables.legacy, True),)
    ):
        found = {
            _province_name(e.province, legacy, date)
            for e in table.get(key, ())
            if (kind is None or e.kind == kind) and (not marked or tuple(map(mark_key, e.words)) == marks)
        }
        found.discard(None)
        if found:
            return tuple(sorted(n for n in found if n))
    return ()


def province_of(unit: str, date: str | None = None, db: Path | None = None) -> str | None:
    """The province of a unit whose name exists in exactly one province; None otherwise."""
    found = provinces_of(unit, date, db)
    return found[0] if len(found) == 1 else None


def agreeing(candidates: Iterable[str], named: Iterable[str]) -> str | None:
    """The one candidate another reading names; failing that, the one whose successor or predecessor it names.

    Exact names first: a 2023 letter mentioning Tiền Giang means Tiền Giang, not Đồng Tháp, which
    absorbed it in 2025."""
    named, candidates = set(named), list(candidates)
    for hits in (
        [c for c in candidates if c in named],
        [c for c in candidates if provinces.scope_of(c) & named],
    ):
        if hits:
            return hits[0] if len(hits) == 1 else None
    return None
