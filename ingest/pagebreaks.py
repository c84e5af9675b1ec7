"""Page furniture left in text copied out of a PDF: what was printed on every page, not the document.

A gazette's or a portal's PDF, copied as text, keeps each page's running header ("CÔNG BÁO/Số 231 + 232/Ngày
01-02-2025"), the page number on a line of its own (or at the header's end), and the stamp that a digitally
signed PDF carries ("Người ký: …", "Email: …", "Cơ quan: …", "Thời gian ký: 07.03.2025 09:08:01 +07:00", or
"Ký bởi: …", "Cơ quan: …", "Ngày ký: 2026-04-22 16:16:54 +07:00"). Left in, they cut a sentence that runs over
the page end in two and end up inside quotes. A page break is not a paragraph break: the blank lines around
what is removed go with it, so cleanup.join_wrapped decides, as for any wrapped line, whether the text goes on.
An OCR'd scan saved as text has no running header, only each page's number alone on a line: a run of them, each
higher than the one before and a page's worth of lines on, goes too.
(PDFs read by ingest/readers/pdf.py lose running lines by their position; this is for text that has none.)
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ingest.textnorm import fold

# A page number alone on its line: "7", "- 7 -", "Trang 7", "Trang 7/12".
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*)?(?:trang\s+)?[1-9]\d{0,2}(?:\s*/\s*\d{1,3})?(?:\s*[-–])?\s*$", re.I
)
# The stamp's last line: when it was signed, to the second ("07.03.2025 09:08:01 +07:00").
_SIGNED_AT = re.compile(r"^(?:thoi gian ky|ngay ky)\s*:\s*\d[\d./-]+\s+\d{1,2}:\d{2}(?::\d{2})?", re.I)
# The stamp's other lines, above its last one.
_STAMP_FIELD = re.compile(r"^(?:nguoi ky|ky boi|email|co quan|to chuc|chuc vu|don vi)\s*:", re.I)
# A page number printed on the running header's own line, at its end or its start.
_OWN_NUMBER = re.compile(r"\s([1-9]\d{0,2})\s*$|^\s*([1-9]\d{0,2})\s")
_SENTENCE_END = re.compile(r"[.;!?…]['\"”’)]*$")
RUNNING_MIN = 3  # a running header is on every page: seen this often before it counts as one
_NEAR = 1  # a page number stands next to its running header (blank lines not counted)
NUMBERED_SHARE = 0.8  # of a running header's copies stand by a page number: a heading that recurs does not


def _key(line: str) -> str:
    """A line without the page number at its start or end: each page's copy of a running header is the same
    ("Mẫu số 01", "Mẫu số 02" are not: they are the forms' own headings)."""
    text = re.sub(r"^[1-9]\d{0,2}\s+|\s+[1-9]\d{0,2}$", "", fold(line).lower().strip())
    return re.sub(r"\s+", " ", text)


def _signature_stamps(lines: list[str]) -> set[int]:
    """The lines of each digital-signature stamp."""
    out: set[int] = set()
    for i, line in enumerate(lines):
        if not _SIGNED_AT.match(fold(line).strip()):
            continue
        out.add(i)
        j = i - 1
        while j >= 0 and i - j <= 4 and _STAMP_FIELD.match(fold(lines[j]).strip()):
            out.add(j)
            j -= 1
    return out


def _neighbours(lines: list[str], i: int) -> list[int]:
    """The indexes of up to _NEAR non-blank lines on each side of line i."""
    out: list[int] = []
    for step in (-1, 1):
        j, seen = i + step, 0
        while 0 <= j < len(lines) and seen < _NEAR:
            if lines[j].strip():
                out.append(j)
                seen += 1
            j += step
    return out


def _running_headers(lines: list[str]) -> set[int]:
    """Running headers and the page numbers beside them. A line counts when its masked text recurs at least
    RUNNING_MIN times, reads as a label (short, no sentence end, some letters), and nearly every copy stands by a
    page number (beside it or on the same line): recurring content (an authority line, a table row) does not."""
    keys = {i: _key(line) for i, line in enumerate(lines) if line.strip()}
    counts = Counter(keys.values())
    out: set[int] = set()
    for key, n in counts.items():
        if n < RUNNING_MIN or len(key) > 100 or sum(c.isalpha() for c in key) < 4:
            continue
        where = [i for i, k in keys.items() if k == key]
        if any(_SENTENCE_END.search(lines[i].strip()) for i in where):
            continue
        pages: list[str] = []  # each copy's page number
        numbers: set[int] = set()  # the lines holding one
        for i in where:
            beside = [j for j in _neighbours(lines, i) if PAGE_NUMBER.match(lines[j])]
            own = _OWN_NUMBER.search(lines[i])
            if beside:
                numbers.update(beside)
                pages.append(re.sub(r"\D", "", lines[beside[0]]))
            elif own:
                pages.append(own.group(1) or own.group(2))
        # Page numbers differ from copy to copy; a number every copy ends with ("… kể từ ngày 10") is the text's.
        need = max(RUNNING_MIN, math.ceil(NUMBERED_SHARE * len(where)))
        if len(pages) >= need and len(set(pages)) >= need:
            out.update(where)
            out.update(numbers)
    return out


PAGE_LINES = 15  # a page holds at least this many lines: page numbers closer together are a table's column
PAGE_GAP = (
    3  # the next page number read may be this much higher (OCR lost the ones between), or more far apart
)


def _follows_page(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether the lone number b (line, value) can be a later page's number than a."""
    dl, dv = b[0] - a[0], b[1] - a[1]
    return dl >= PAGE_LINES and 0 < dv <= max(PAGE_GAP, dl // PAGE_LINES)


def _page_number_run(lines: list[str]) -> set[int]:
    """Page numbers alone on their lines with no running header beside them (an OCR'd scan saved as text): the
    longest run of lone numbers, each higher than the one before and at least a page's worth of lines after it,
    when it has RUNNING_MIN of them. A number off the run (misread, an annex counting afresh) stays as read."""
    numbers = [
        (i, int(re.sub(r"\D", "", line)))
        for i, line in enumerate(lines)
        if PAGE_NUMBER.match(line) and "/" not in line
    ]
    best: list[int] = [1] * len(numbers)  # the longest run ending at each number
    back: list[int] = [-1] * len(numbers)
    for j in range(len(numbers)):
        for i in range(j):
            if best[i] + 1 > best[j] and _follows_page(numbers[i], numbers[j]):
                best[j], back[j] = best[i] + 1, i
    if not numbers or max(best) < RUNNING_MIN:
        return set()
    j, run = best.index(max(best)), set()
    while j >= 0:
        run.add(numbers[j][0])
        j = back[j]
    return run


def strip_page_furniture(lines: list[str]) -> tuple[list[str], list[str]]:
    """`lines` without running headers, their page numbers and signature stamps (and the blank lines around
    them), and the lines removed. cleanup.clean_text keeps none of them as header hints: a gazette's issue number
    ("CÔNG BÁO/Số 286") is no document's number."""
    drop = _signature_stamps(lines) | _running_headers(lines)
    drop |= _page_number_run([line if i not in drop else "" for i, line in enumerate(lines)])
    if not drop:
        return lines, []
    removed = [lines[i] for i in sorted(drop)]
    return without(lines, drop), removed


def without(lines: list[str], drop: set[int], breaks: frozenset[int] | set[int] = frozenset()) -> list[str]:
    """`lines` less `drop`. A page break is not a paragraph break: blank lines (and `breaks`, the page-break lines)
    touching a removed line go too, so cleanup.join_wrapped decides whether the text goes on."""
    grown = set(drop)
    for i in sorted(drop):
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(lines) and (j in drop or j in breaks or not lines[j].strip()):
                grown.add(j)
                j += step
    return [line for i, line in enumerate(lines) if i not in grown]
