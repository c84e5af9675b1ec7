"""The two-column letterhead of a Vietnamese administrative document, however a converter flattened it.

Nghị định 30/2020/NĐ-CP prints the header as a two-column table: on the left the issuing body
(its parent on the first line: "ỦY BAN NHÂN DÂN" / "TỈNH AN GIANG", or "UBND TỈNH BẮC GIANG" /
"SỞ GIÁO DỤC VÀ ĐÀO TẠO") and "Số: 11/CT-UBND"; on the right the national motto and the
place-date line ("An Giang, ngày 11 tháng 9 năm 2023"). Saved pages and converters turn that table
into pipe rows, markdown tables, one cell per line with lone "|" lines, or words broken across
lines ("ỦY" / "BAN NHÂN DÂN", "Khánh" / "Hòa, ngày …"). `unflatten` rewrites the top of a
document into one line per cell, left column first, so the header parser reads it in one way.
"""

from __future__ import annotations

import re

from ingest.doctypes import DOC_TYPES
from ingest.tables import MD_SEPARATOR
from ingest.textnorm import fold

_BR = re.compile(r"<br\s*/?>", re.I)
_CELL_RULE = re.compile(r"\s*(?:-{3,}|_{3,}|={3,}|\*{3,})\s*")
# Where the letterhead region ends: the first structural item, or a long paragraph of prose.
_BODY_START = re.compile(
    r"^(?:[IVX]{1,5}\.|[A-H]\.|\d{1,2}\.|Điều\s+1\b|Thứ nhất\b|Phần\s+(?:I|1|thứ\s+nhất)\b[.:\-–]?)(?:\s|$)",
    re.I,
)
_MAX_REGION = 60
# Words that end the left cell: "Số: 11/CT-UBND V/v hướng dẫn …" holds two lines in one cell.
_INNER_BREAK = re.compile(r"\s+(?=V/v\b|Về việc\b|Số\s*:)")
# A line that is only a document type's name ("CHỈ THỊ", "NGHỊ ĐỊNH").
DOC_TYPE_WORDS = (*DOC_TYPES, "nghi dinh")
# A draft leaves the day and the month blank ("Lai Châu, ngày     tháng     năm 2026"), at times the year too
# ("Đà Nẵng, ngày ... tháng ... năm ..."): still its place-date line.
# A scan's text layer may misread the handwritten day or month ("ngày O5", "tháng ©_"): `dx`/`mx` hold such a
# token, which is no date (header.py repairs only a letter read for a digit, "O5" → 05).
# The line's words are the form's, printed: a scan may misread one of them ("tháo" for "tháng") while its
# figures, which the pattern still requires in their places, read right.
PLACE_DATE = re.compile(
    r"^(?P<place>[^\d,:;|]{2,40}?)\s*,\s*(?:ngày|ng[^\W\d_]{1,3})\s*(?:(?P<d>\d{1,2})|(?P<dx>[^\s.…]{1,3}))?\s*"
    r"(?:\.{2,}|…)?\s*(?:tháng|t[^\W\d_]{1,4})\s*(?:(?P<m>\d{1,2})|(?P<mx>[^\s.…]{1,3}))?\s*(?:\.{2,}|…)?\s*"
    r"(?:năm|n[^\W\d_]{1,2})\s*(?:(?P<y>(?:19|20)\d\d)|\.{2,}|…)",
    re.I,
)
# The motto, also as OCR spells it ("CỌNG HOÀ XÃ HỘI", "Độc lập — Tự do": scans read the hyphen as a long dash).
MOTTO = re.compile(r"c[ộọo]ng\s+h(?:òa|oà|oa)\s+x[ãa]\s+h[ộọo]i|độc\s+lập\s*[-–—−]\s*tự\s+do", re.I)
# A capitalised name cut after a joining word ("SỞ GIÁO DỤC VÀ" / "ĐÀO TẠO").
_OPEN_END = re.compile(r"\s(?:VÀ|CỦA|VỀ|-)$")


_GAP = re.compile(r"^(?P<left>\S.*?\S|\S)[ \t\u00a0]{3,}(?P<right>\S.*)$")
_NUMBER_PREFIX = re.compile(r"^Số\s*:?\s*\S*\s+")


def mark_columns(line: str) -> str:
    """A letterhead row laid out with spaces ("TRƯỜNG THCS X        Độc lập - Tự do - Hạnh phúc") → "left | right".

    Called by the readers before white space is folded; only rows whose right part is the motto or a
    place-date line are touched, so justified prose keeps its spaces' meaning."""
    m = _GAP.match(line.strip())
    if not m:
        return line
    right = m.group("right").strip()
    if MOTTO.search(right) or PLACE_DATE.match(right):
        return f"{m.group('left')} | {right}"
    return line


# A number line as a scan's text layer reads it ("Số: 2 5Ÿ/QĐ-ĐHQGHN", "Só:.⁄6/QĐ-ĐHQGHN"), and the place name
# after it on the same row: words of letters only, right before ", ngày".
NUMBER_LINE = re.compile(r"^S[ốóòôồo]\s*[:.]", re.I)
_INNER_PLACE = re.compile(r"(?<!\S)[^\W\d_]+\.?(?:\s+[^\W\d_]+\.?){0,5}\s*,\s*ngày\b")


_RULE_SPECK = re.compile(r"^[-–_.·•\s]+(?=S[ốóòôồo]\s*[:.])", re.I)


def place_date(line: str) -> re.Match[str] | None:
    """The place-date line, also when the number shares its line ("Số: 09/CT-UBND Điện Biên, ngày …"), however
    a scan garbled that number ("Số: 2 5Ÿ/QĐ-ĐHQGHN Hà Nội, ngày …")."""
    line = _RULE_SPECK.sub(
        "", line
    )  # "- Số: /UBND-XD Lào Cai, ngày …": the column's underline read as a dash
    found = PLACE_DATE.match(line) or PLACE_DATE.match(_NUMBER_PREFIX.sub("", line, count=1))
    if found or not NUMBER_LINE.match(line):
        return found
    inner = _INNER_PLACE.search(line)
    return PLACE_DATE.match(line[inner.start() :]) if inner else None


def _cells(line: str, in_table: bool) -> list[str] | None:
    """The cells of a table row ("a | b |", "| a | b |"), or None for a line that is not one.

    A row with one filled cell ("TĨNH | |") belongs to a table already open."""
    if "|" not in line:
        return None
    parts = [p.strip() for p in line.strip().strip("|").split("|")]
    filled = sum(1 for p in parts if p)
    return parts if filled >= 2 or (in_table and filled >= 1 and len(parts) >= 2) else None


def _cell_lines(cell: str) -> list[str]:
    out: list[str] = []
    for piece in _BR.split(cell):
        for part in _CELL_RULE.split(piece):
            out.extend(p.strip() for p in _INNER_BREAK.split(part) if p.strip())
    return out


def _region_end(lines: list[str]) -> int:
    for i, line in enumerate(lines[:_MAX_REGION]):
        text = line.strip().strip("|*# ").strip()
        if _BODY_START.match(text) or (len(text) > 200 and "|" not in line):
            return i
    return min(len(lines), _MAX_REGION)


def _is_type_line(line: str) -> bool:
    folded = fold(line).strip(" :")
    return folded in DOC_TYPE_WORDS


def _short_word(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 2 and all(w.isalpha() for w in words) and not _is_type_line(line)


# The fixed names a letterhead prints (folded); a line holding only the start of one continues on the next,
# however many times a narrow cell broke it ("ỦY" / "BAN NHÂN" / "DÂN").
_FIXED_NAMES = tuple(
    fold(n)
    for n in (
        "ỦY BAN NHÂN DÂN",
        "HỘI ĐỒNG NHÂN DÂN",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        "BỘ GIÁO DỤC VÀ ĐÀO TẠO",
        "THỦ TƯỚNG CHÍNH PHỦ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "ĐỘC LẬP - TỰ DO - HẠNH PHÚC",
    )
)


def _continues_fixed_name(line: str, nxt: str) -> bool:
    head, joined = fold(line).strip(), fold(f"{line} {nxt}").strip()
    return any(
        name != head and name.startswith(head + " ") and (joined.startswith(name) or name.startswith(joined))
        for name in _FIXED_NAMES
    )


def _joins(line: str, nxt: str) -> bool:
    """Whether `nxt` continues a name broken after `line` ("ỦY" / "BAN NHÂN DÂN", "An" / "Giang, ngày")."""
    if not nxt or not line:
        return False
    if _continues_fixed_name(line, nxt):
        return True
    if fold(line).rstrip(": ") == "so" and (nxt[:1].isdigit() or nxt.startswith("/")):
        return True
    if line.isupper() and _OPEN_END.search(line) and nxt.isupper() and len(line) <= 60:
        return True
    if not _short_word(line) or not nxt[:1].isalpha():
        return False
    if line.isupper():
        first = nxt.split()[0]
        return first.isupper() and not _is_type_line(nxt)
    return line[:1].isupper() and nxt[:1].isupper() and bool(PLACE_DATE.match(f"{line} {nxt}"))


def _bare(line: str) -> str:
    return line.strip().strip("*#| ").strip()


def _join_broken(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and _joins(_bare(out[-1]), _bare(line)):
            out[-1] = f"{_bare(out[-1])} {_bare(line)}"
        else:
            out.append(line)
    return out


def unflatten(lines: list[str]) -> list[str]:
    """Rewrite the table rows and broken names at the top of a document; the rest is unchanged.

    Consecutive table rows become their cells column by column, each column's lines then a blank
    line (so the left column — issuer and number — stays together, and the right one too).
    """
    end = _region_end(lines)
    out: list[str] = []
    columns: list[list[str]] = []

    def flush() -> None:
        for col in columns:
            lines_ = [c for c in col if c]
            if lines_:
                out.extend(lines_)
                out.append("")
        columns.clear()

    for line in lines[:end]:
        if MD_SEPARATOR.match(line) and "|" in line:
            continue  # the header/body separator of a markdown table
        cells = _cells(line, bool(columns))
        if cells is None:
            flush()
            out.append(line)
            continue
        for j, cell in enumerate(cells):
            while len(columns) <= j:
                columns.append([])
            columns[j].extend(_cell_lines(cell))
    flush()
    return _join_broken(out) + lines[end:]
