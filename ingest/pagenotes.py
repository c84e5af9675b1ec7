"""Footnotes printed at the foot of a page, in text copied out of a PDF with its page breaks (form feeds).

A công văn cites its legal bases in footnotes: the body marks one with a number stuck to the word ("… khoáng
sản1."), and the note ("1 Các quy định của Luật Địa chất và Khoáng sản …") is printed at the foot of that page,
below a blank line. pdftotext and the copies made with it keep the note where it was printed, before the form
feed, and the next page's number after it; a sentence running over the page end is cut by both ("… xử lý nghiêm
các hành vi vi phạm: (i) Khai thác khoáng sản" / note / "2" / "trái phép; (ii) …"), and a passage quoting it
carries the note. Here a block at a page's end is a note only when it starts with a number that the same page
marks on a word; notes are kept as the document's footnotes, the marks come off the words, and a page number
next to a page break goes. The blank lines around what is removed go too: a page break is not a paragraph break.
(PDFs read by ingest/readers/pdf.py tell notes by their smaller font; this is for text that has no font.)
"""

from __future__ import annotations

import re

from ingest.pagebreaks import PAGE_NUMBER, without

# A note's first line: its number, then the note ("1 Các quy định …", "2. Nội dung …").
_NOTE_START = re.compile(r"^\s*(?P<n>[1-9]\d?)\.?\s+\S")
MAX_NOTE_SHARE = 0.5  # notes never take more than half of a page's lines: the body is above them


def _mark(n: str) -> re.Pattern[str]:
    """The note number stuck to the end of a word in lower case ("sản1.", "duyệt2"), not a code ("B1", "CO2")."""
    return re.compile(rf"(?<=[^\W\d_A-ZĐ]{{2}}){n}(?=[.,;:)”\"']|\s|$)")


def _blocks_before(lines: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """The blocks of non-blank lines from the page's end upwards (first, last + 1), nearest the end first."""
    out: list[tuple[int, int]] = []
    j = end
    while j > start:
        while j > start and not lines[j - 1].strip():
            j -= 1
        last = j
        while j > start and lines[j - 1].strip():
            j -= 1
        if last > j:
            out.append((j, last))
    return out


def _page_notes(lines: list[str], start: int, end: int, drop: set[int]) -> tuple[int, list[str]] | None:
    """Where the notes at the foot of the page [start, end) begin, and the notes; None when it has none. A note
    starts with a number the page's body marks on a word; notes may wrap over blank lines, so the region runs from
    the highest such start to the page's end, never over more than half of the page (the body is above)."""
    blocks = [b for b in _blocks_before(lines, start, end) if not set(range(*b)) <= drop]
    if not blocks:
        return None
    foot = blocks[0][1]
    found: int | None = None
    for first, _ in blocks:
        if foot - first > MAX_NOTE_SHARE * (foot - start):
            break
        m = _NOTE_START.match(lines[first])
        if m and first > start and any(_mark(m.group("n")).search(lines[i]) for i in range(start, first)):
            found = first
    if found is None:
        return None
    notes: list[str] = []
    for i in range(found, foot):
        m = _NOTE_START.match(lines[i])
        mark = _mark(m.group("n")) if m else None
        marked = [j for j in range(start, found) if mark.search(lines[j])] if mark else []
        if mark is not None and marked:
            notes.append(lines[i].strip())
            lines[marked[-1]] = mark.sub("", lines[marked[-1]], count=1)
        elif lines[i].strip() and notes:
            notes[-1] += " " + lines[i].strip()
    return found, notes


def split_page_notes(lines: list[str], page_ends: set[int]) -> tuple[list[str], list[str]]:
    """`lines` without the notes at the foot of each page and the page numbers by the page breaks, and the notes.
    `page_ends`: indexes of the lines that end a page (a form feed)."""
    if not page_ends:
        return lines, []
    lines = list(lines)
    drop: set[int] = set()
    notes: list[str] = []
    start = 0
    for end in sorted(page_ends):
        blocks = _blocks_before(lines, start, end)
        # The page number printed at the page's foot, below its notes.
        if blocks and blocks[0][1] - blocks[0][0] == 1 and PAGE_NUMBER.match(lines[blocks[0][0]]):
            drop.add(blocks[0][0])
        found = _page_notes(lines, start, end, drop)
        if found is not None:
            first, page_notes = found
            drop.update(i for i in range(first, end) if lines[i].strip())
            notes += page_notes
        # The next page's number, printed at its head.
        nxt = next((i for i in range(end + 1, len(lines)) if lines[i].strip()), None)
        if nxt is not None and PAGE_NUMBER.match(lines[nxt]):
            drop.add(nxt)
        start = end + 1
    return (without(lines, drop, page_ends) if drop else lines), notes
