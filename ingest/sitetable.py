"""The metadata table a legal-document site prints beside its copy of a document.

Sites that publish administrative and legal documents show their own record of each one: "Số hiệu |
87/2026/QĐ-UBND", "Loại văn bản | Quyết định", "Nơi ban hành | Ủy ban nhân dân tỉnh …", "Người ký | …",
"Ngày ban hành | 12/08/2026", "Ngày hiệu lực", "Tình trạng". Saved as markdown, the table comes as pipe rows
("| Số hiệu: | 15/2025/NQ-HĐND | | Loại văn bản: | Nghị quyết |"), one cell per line between lone "|" lines,
or "Số hiệu: …" lines. It is the site's reading of the document, not part of its text: `read_site_table`
takes it out of the lines and returns it as canonical "Số hiệu: …" hint lines for the header parser.
"""

from __future__ import annotations

import re

from ingest.doctypes import DOC_TYPES
from ingest.textnorm import fold

# Folded label → canonical label (what the header parser reads); labels mapped to None are dropped unread.
_LABELS: dict[str, str | None] = {
    "so hieu": "Số hiệu",
    "so ky hieu": "Số hiệu",
    "loai van ban": "Loại văn bản",
    "noi ban hanh": "Nơi ban hành",
    "co quan ban hanh": "Nơi ban hành",
    "ngay ban hanh": "Ngày ban hành",
    "nguoi ky": None,
    "ngay hieu luc": None,
    "ngay cong bao": None,
    "so cong bao": None,
    "tinh trang": None,
    "tinh trang hieu luc": None,
    "linh vuc": None,
    "linh vuc, nganh": None,
}
SYMBOL = re.compile(
    # The Government's resolutions under the 2025 special mechanism are numbered "66.18/2026/NQ-CP".
    # A doubled slash is a typing slip ("24/2026//NQ-CP"): the same number, written with one.
    r"\d{1,5}(?:\.\d{1,3})?[A-Za-zĐđ]?[ \t]*//?[ \t]*(?:(?:19|20)\d\d[ \t]*//?[ \t]*)?"
    r"[A-ZĐ][0-9A-Za-zĐđ&.]*(?:[ \t]*-[ \t]*[0-9A-Za-zĐđ][0-9A-Za-zĐđ&.]*)*"
)
_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)$")
_SCAN_HEAD, _SCAN_TAIL, _SPAN = 200, 80, 40
HINT = re.compile(r"^(Số hiệu|Loại văn bản|Nơi ban hành|Ngày ban hành): (.+)$")


def _cells(line: str) -> list[str]:
    return [c.strip().strip("*_").strip() for c in line.split("|")]


def _label(cell: str) -> tuple[str, str] | None:
    """(folded label, value written in the same cell) for a label cell ("Số hiệu:", "Số hiệu: 87/…")."""
    head, sep, rest = cell.partition(":")
    if len(head) > 25:
        return None
    key = fold(head).strip(" *")
    if key in _LABELS and (sep or not rest):
        return key, rest.strip().strip("*").strip()
    return None


def canonical_symbol(raw: str) -> str:
    """ "87 /2026/ QĐ-UBND" → "87/2026/QĐ-UBND": a symbol is written without spaces, with single slashes."""
    return re.sub(r"/+", "/", re.sub(r"\s+", "", raw))


def _valid(label: str, value: str) -> str | None:
    """The value in canonical form, or None when it is not one the label can have."""
    if label == "Số hiệu":
        m = SYMBOL.fullmatch(value.strip().rstrip("."))
        return canonical_symbol(m.group(0)) if m else None
    if label == "Loại văn bản":
        return DOC_TYPES.get(fold(value).strip())
    if label == "Ngày ban hành":
        m = _DATE.match(value.strip())
        return f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else None
    return value if 2 <= len(value) <= 120 and not _label(value) else None


def read_site_table(lines: list[str]) -> tuple[list[str], set[int]]:
    """(hint lines "Số hiệu: 87/2026/QĐ-UBND", indices of the lines the table took) — nothing unless at least
    two of number, type, issuer and date are read with values of their kind."""
    scan = [i for i in range(len(lines)) if i < _SCAN_HEAD or i >= len(lines) - _SCAN_TAIL]
    cells = [(i, c) for i in scan for c in _cells(lines[i]) if c]
    found: dict[str, str] = {}
    consumed: set[tuple[int, str]] = set()
    first: int | None = None
    for k, (i, cell) in enumerate(cells):
        hit = _label(cell)
        if not hit or (first is not None and i - first > _SPAN):
            continue
        key, value = hit
        at = {(i, cell)}
        if not value and k + 1 < len(cells) and not _label(cells[k + 1][1]):
            value = cells[k + 1][1]
            at.add(cells[k + 1])
        canon = _LABELS[key]
        checked = _valid(canon, value) if canon else value
        if checked is None:
            continue
        first = i if first is None else first
        consumed |= at
        if canon and canon not in found:
            found[canon] = checked
    if len(found) < 2:
        return [], set()
    # Only lines the table fills whole are taken out: a row that also holds other text stays.
    rows = {i for i, _ in consumed}
    taken = {i for i in rows if all((i, c) in consumed for c in _cells(lines[i]) if c)}
    return [f"{k}: {v}" for k, v in found.items()], taken
