"""Build the DOCX and PDF development documents from their text sources in corpus/dev/sources/.

    python corpus/dev/make_binaries.py          # rewrites corpus/dev/*.docx and *.pdf

A source `NAME.docx.src` or `NAME.pdf.src` is plain text in blocks:

    @row        a letterhead row: left cell lines, then `@cell`, then right cell lines
    @body       one paragraph a line (a line starting with "  " continues the paragraph above)
    @sign       the signature row: "Nơi nhận" cell, `@cell`, signer cell

DOCX: the letterhead and the signature are 2-column tables, as offices write them in Word.
PDF (fpdf2, DejaVuSans): the two columns are laid side by side, so text extraction interleaves them
the way real scanned-then-OCRed or Word-exported PDFs do. Output is deterministic (fixed dates).
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FIXED_DATE = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


@dataclass
class Source:
    rows: list[tuple[list[str], list[str]]] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    sign: tuple[list[str], list[str]] | None = None


def parse(text: str) -> Source:
    src = Source()
    block = ""
    left: list[str] = []
    right: list[str] = []
    in_right = False

    def close() -> None:
        nonlocal left, right, in_right
        if block == "row":
            src.rows.append((left, right))
        elif block == "sign":
            src.sign = (left, right)
        left, right, in_right = [], [], False

    for line in text.splitlines():
        if line in ("@row", "@body", "@sign"):
            close()
            block = line[1:]
        elif line == "@cell":
            in_right = True
        elif block == "body":
            if line.startswith("  ") and src.body:
                src.body[-1] += " " + line.strip()
            elif line.strip():
                src.body.append(line.strip())
        elif line.strip():
            (right if in_right else left).append(line.strip())
    close()
    return src


def write_docx(src: Source, out: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    d.core_properties.created = FIXED_DATE
    d.core_properties.modified = FIXED_DATE
    d.core_properties.author = "Văn thư"
    table = d.add_table(rows=len(src.rows), cols=2)
    for r, (left, right) in enumerate(src.rows):
        for c, lines in enumerate((left, right)):
            cell = table.cell(r, c)
            cell.text = lines[0] if lines else ""
            for extra in lines[1:]:
                cell.add_paragraph(extra)
            for p in cell.paragraphs:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for para in src.body:
        p = d.add_paragraph(para)
        if para.isupper():
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if src.sign:
        t = d.add_table(rows=1, cols=2)
        for c, lines in enumerate(src.sign):
            cell = t.cell(0, c)
            cell.text = lines[0] if lines else ""
            for extra in lines[1:]:
                cell.add_paragraph(extra)
    d.save(str(out))
    _fix_zip_times(out)


def _fix_zip_times(path: Path) -> None:
    """python-docx stamps zip entries with the current time; fixed stamps keep the file reproducible."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 11, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


def write_pdf(src: Source, out: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_margins(20, 15, 15)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    col = (pdf.w - pdf.l_margin - pdf.r_margin) / 2

    def two_columns(left: list[str], right: list[str], bold: bool) -> None:
        pdf.set_font("DejaVu", "B" if bold else "", 10)
        y = pdf.get_y()
        pdf.set_xy(pdf.l_margin, y)
        pdf.multi_cell(col - 4, 5, "\n".join(left), align="C")
        y_left = pdf.get_y()
        pdf.set_xy(pdf.l_margin + col, y)
        pdf.multi_cell(col, 5, "\n".join(right), align="C")
        pdf.set_y(max(y_left, pdf.get_y()) + 2)

    for i, (left, right) in enumerate(src.rows):
        two_columns(left, right, bold=i == 0)
    pdf.ln(3)
    for para in src.body:
        upper = para.isupper()
        pdf.set_font("DejaVu", "B" if upper else "", 11)
        pdf.multi_cell(0, 6, para, align="C" if upper else "J")
        pdf.ln(1)
    if src.sign:
        pdf.ln(4)
        two_columns(*src.sign, bold=False)
    pdf.output(str(out))


def main() -> int:
    made = []
    for path in sorted(SOURCES.glob("*.src")):
        target = HERE / path.name.removesuffix(".src")
        src = parse(path.read_text(encoding="utf-8"))
        if target.suffix == ".docx":
            write_docx(src, target)
        elif target.suffix == ".pdf":
            write_pdf(src, target)
        else:
            print(f"bỏ qua {path.name}: chỉ tạo .docx và .pdf", file=sys.stderr)
            continue
        made.append(target.name)
    print("\n".join(made))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
