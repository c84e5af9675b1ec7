"""Numbers and dates stamped by the e-signature system into a signed PDF.

A document issued through a province's or university's document system (Vietnam's government CA) is typed with
the number and day left blank — "Số:      /UBND-XD", "Lào Cai, ngày      tháng 7 năm 2026" — and the system
fills them in when the document is signed and numbered: each as a signature field (a /Sig widget) whose
appearance draws the figures ("7432", "21") over the blank. The page's own text keeps the blanks, so a reader of
the text layer alone takes a numbered, signed document for an unnumbered draft.

`page_stamps` (in the PDF child, on pypdf objects) reads each widget's appearance text and place; `fill_stamps`
(in the parent) writes the figures into the blanks of the line they sit on, in reading order: the number after
"Số:", then the day after "ngày", then the month (a stamped month replaces a typed one: the system's date is the
issue date), then the year. A stamp that is not a short figure (a "SAO Y" box, a signer's name and time) or that
finds no blank on its line is left out.
"""

from __future__ import annotations

import re
from typing import Any

# A stamped figure: a number ("7432", "66.18") or a day, month or year.
_FIGURE = re.compile(r"\d{1,5}(?:\.\d{1,3})?")
# The blanks of a header line, in reading order: the number before "/CODE", the day, the month, the year.
_BLANKS = re.compile(
    r"(?P<number>Số\s*:?\s*)(?=/)"
    r"|(?P<day>\bngày\s+)(?=tháng\b)"
    r"|(?P<month>\btháng\s*)(?P<typed>\d{1,2}\s+)?(?=năm\b)"
    r"|(?P<year>\bnăm(?!\s*\d)\s*)",
    re.I,
)
_FITS = {
    "number": lambda v: True,
    "day": lambda v: v.isdigit() and 1 <= int(v) <= 31,
    "month": lambda v: v.isdigit() and 1 <= int(v) <= 12,
    "year": lambda v: v.isdigit() and len(v) == 4,
}
MAX_WIDGETS = 40  # a signed page carries a few (number, day, month, signatures)
MARGIN = 3.0  # points: a stamp's box and the baseline it fills need not match exactly

Line = list[Any]  # [text, x, y, size], as ingest/readers/pdf.py's child returns them
Stamp = list[Any]  # [text, x0, y0, x1, y1]


def page_stamps(page: Any) -> list[Stamp]:
    """The short figures drawn by the page's widget annotations, with their boxes (PDF user space)."""
    from pypdf import PageObject
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    out: list[Stamp] = []
    annots = page.get("/Annots", [])
    annots = annots.get_object() if hasattr(annots, "get_object") else annots  # an indirect array, resolved
    if len(annots) > MAX_WIDGETS:  # a fillable form, not a signed letter: its fields are no stamps
        return out
    for ref in annots:
        annot = ref.get_object()
        if annot.get("/Subtype") != "/Widget" or "/AP" not in annot or "/Rect" not in annot:
            continue
        look = annot["/AP"].get_object().get("/N")
        if look is None or not hasattr(look, "get_data"):
            continue
        # The appearance is a form XObject: drawn on a blank page, pypdf reads its text as a page's.
        canvas = PageObject.create_blank_page(width=1, height=1)
        canvas[NameObject("/Resources")] = DictionaryObject(
            {
                NameObject("/XObject"): DictionaryObject(
                    {NameObject("/Stamp"): look.indirect_reference or look}
                )
            }
        )
        draw = StreamObject()
        draw.set_data(b"q /Stamp Do Q")
        canvas[NameObject("/Contents")] = draw
        text = " ".join(canvas.extract_text().split())
        if _FIGURE.fullmatch(text):
            xs = sorted(float(v) for v in annot["/Rect"][0::2])
            ys = sorted(float(v) for v in annot["/Rect"][1::2])
            out.append([text, xs[0], ys[0], xs[1], ys[1]])
    return out


def fill_stamps(lines: list[Line], stamps: list[Stamp]) -> list[Line]:
    """`lines` with each stamp's figure written into the blank it covers on its line (see the module's doc)."""
    if not stamps:
        return lines
    out = [list(line) for line in lines]
    by_line: dict[int, list[Stamp]] = {}
    for stamp in stamps:
        _, x0, y0, _, y1 = stamp  # page_stamps gives the box ordered
        # Its line: a baseline inside the box, starting left of it; of two columns on one row (the number's and
        # the date's), the one starting nearest on its left.
        near = [
            i
            for i, line in enumerate(out)
            if line[1] is not None
            and line[2] is not None
            and y0 - MARGIN <= float(line[2]) <= y1 + MARGIN
            and float(line[1]) <= x0 + MARGIN
            and _BLANKS.search(str(line[0]))  # not the rule under the letterhead, which the box may reach
        ]
        if near:
            by_line.setdefault(max(near, key=lambda i: float(out[i][1])), []).append(stamp)
    for i, here in by_line.items():
        out[i][0] = _fill(str(out[i][0]), [s[0] for s in sorted(here, key=lambda s: float(s[1]))])
    return out


def _fill(text: str, figures: list[str]) -> str:
    """The figures, left to right, into the line's blanks in reading order; a figure fits only its kind of blank."""
    queue = list(figures)
    pieces: list[str] = []
    end = 0
    for m in _BLANKS.finditer(text):
        if not queue:
            break
        kind = next(k for k in _FITS if m.group(k) is not None)
        if not _FITS[kind](queue[0]):
            continue
        figure = queue.pop(0)
        pieces += [
            text[end : m.start()],
            f"{m.group(kind).rstrip()} {figure}" + ("" if kind == "number" else " "),
        ]
        end = m.end()
    pieces.append(text[end:])
    return "".join(pieces)
