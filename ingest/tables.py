"""Data tables as text: every row keeps its column headers.

A plan's task table ("TT | Nội dung | Đơn vị chủ trì | Thời gian hoàn thành") or a scoring table ("Điểm | Xếp
loại") answers questions only with its headers: "Phòng GDTrH 05/9/2026" alone does not say who does what by
when. Each row becomes one line "Nội dung: …; Đơn vị chủ trì: …; Thời gian hoàn thành: …", so a passage quoted
or retrieved from the table is understood on its own. Letterheads and signature blocks laid out as tables are
not data tables (the readers keep their columns apart). Markdown pipe tables (pages saved from sites, converter
output) are read the same way (`markdown_tables`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Words of a letterhead or a signature block: a table holding them is layout, not data.
_LETTERHEAD = re.compile(r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập|Số\s*:|Nơi nhận|\b(?:KT|TM|TL)\.", re.I)
MAX_HEADER_CELL = 60  # a header names a column; a longer first-row cell is data
_NUMBER = re.compile(r"^[\d.,%/\s-]+$")
_MARKER = re.compile(r"^(?:[IVX]{1,4}|[A-Z])\.?$")  # a group's number: "I", "II.", "A"


def is_layout(rows: list[list[str]]) -> bool:
    """A small table of at most three columns holding letterhead or signature words."""
    ncols = max((len(r) for r in rows), default=0)
    text = " ".join(c for r in rows for c in r)
    return ncols <= 3 and len(rows) <= 8 and bool(_LETTERHEAD.search(text))


def _is_header(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return (
        len(filled) >= 2
        and all(len(c) <= MAX_HEADER_CELL for c in filled)
        and not any(_NUMBER.match(c) for c in filled)
    )


# A row as `table_lines` writes it ("Xếp loại: Tốt; Điểm: 80 - dưới 90"): content, never a heading, and it ends where
# its line does.
TABLE_ROW = re.compile(r"^[^:;]{1,60}: [^;]*; [^:;]{1,60}: ")


def table_lines(rows: list[list[str]]) -> list[str]:
    """One line a row. With a header row (two or more short, non-numeric cells), each later row carries its
    cells' headers ("Xếp loại: Tốt"); a row of one filled cell (a group title spanning the table) stays as it
    is, and one numbered in the first column ("I", "A") becomes "I. <title>". Without one, cells are joined by spaces as before. `rows`: cell texts by column position ("" for none)."""
    rows = [[" ".join(c.split()) for c in r] for r in rows if any(c.strip() for c in r)]
    if not rows:
        return []
    header = rows[0]
    if len(rows) < 2 or not _is_header(header):
        return [" ".join(c for c in r if c) for r in rows]
    out: list[str] = []
    for row in rows[1:]:
        filled = [(i, c) for i, c in enumerate(row) if c]
        if len(filled) == 1:
            out.append(filled[0][1])
            continue
        if len(filled) == 2 and len(header) >= 3 and filled[0][0] == 0 and _MARKER.match(filled[0][1]):
            # "I | Công tác chuẩn bị | | ": a group title numbered in the first column, as the text would write it.
            out.append(f"{filled[0][1].rstrip('.')}. {filled[1][1]}")
            continue
        parts = []
        for i, cell in filled:
            name = header[i] if i < len(header) else ""
            parts.append(f"{name}: {cell}" if name and name != cell else cell)
        out.append("; ".join(parts))
    return out


# A markdown table's separator row: "|---|---|", "| :--- | ---: |".
MD_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _pipe_row(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.count("|") >= 3


def _cells(line: str) -> list[str]:
    s = line.strip()
    return [c.strip() for c in s[1 : -1 if s.endswith("|") else None].split("|")]


def markdown_tables(lines: list[str], clean: Callable[[str], str]) -> list[str]:
    """`lines` with each markdown data table — a pipe row, the separator row under it, more pipe rows — written
    as `table_lines` writes a document's tables. Layout tables (a letterhead, a signature block) are left as they
    are for the letterhead and signature readers. `clean`: what a cell's text goes through (markdown emphasis)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and _pipe_row(lines[i]) and MD_SEPARATOR.match(lines[i + 1].strip()):
            j = i + 2
            while j < len(lines) and (_pipe_row(lines[j]) or MD_SEPARATOR.match(lines[j].strip())):
                j += 1
            body = [line for line in lines[i + 2 : j] if not MD_SEPARATOR.match(line.strip())]
            rows = [[clean(c) for c in _cells(line)] for line in [lines[i], *body]]
            if not is_layout(rows):
                out.extend(table_lines(rows))
                i = j
                continue
        out.append(lines[i])
        i += 1
    return out
