"""A signed PDF's number and date, stamped by the e-signature system as signature-field appearances over the blanks
of "Số:      /UBND-XD" and "ngày      tháng 7", are read into the header; an unstamped blank stays a draft's."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.docnumber import DRAFT
from ingest.pipeline import parse_document
from ingest.readers.pdf import extract
from ingest.readers.stamps import _fill, fill_stamps
from tests.fixtures_make import FONT


@pytest.mark.parametrize(
    ("line", "figures", "filled"),
    [
        # Number and date on one row (a two-column letterhead read as one line).
        (
            "Số:          /UBND-XD Lào Cai, ngày        tháng 7 năm 2026",
            ["7432", "21"],
            "Số: 7432/UBND-XD Lào Cai, ngày 21 tháng 7 năm 2026",
        ),
        # A stamped month replaces the typed one: the system's date is the issue date.
        (
            "Số: /QĐ-UBND Lào Cai, ngày tháng 4 năm 2026",
            ["1696", "15", "5"],
            "Số: 1696/QĐ-UBND Lào Cai, ngày 15 tháng 5 năm 2026",
        ),
        ("Hà Nội, ngày       tháng      năm 2025", ["25", "07"], "Hà Nội, ngày 25 tháng 07 năm 2025"),
        ("Số: 66.18/2026/NQ-CP", ["12"], "Số: 66.18/2026/NQ-CP"),  # no blank: nothing to fill
        ("Lào Cai, ngày tháng 7 năm 2026", ["45"], "Lào Cai, ngày tháng 7 năm 2026"),  # 45 is no day
    ],
)
def test_figures_fill_the_blanks_in_reading_order(line: str, figures: list[str], filled: str) -> None:
    assert _fill(line, figures) == filled


def test_each_stamp_fills_the_line_it_sits_on() -> None:
    # Two columns on one row, read as two lines; the rule under the letterhead reaches into the boxes.
    lines = [
        ["–––––––––––––––––––– ", 82.0, 715.1, 12.0],
        ["Số:            /ĐHVN-KT&ĐBCL ", 66.5, 701.4, 12.0],
        ["–––––––––––––––––– ", 356.5, 715.1, 12.0],
        ["Hà Nội, ngày       tháng      năm 2025 ", 321.3, 701.4, 12.0],
        ["Căn cứ Quyết định số 12/QĐ-ĐHVN ngày tháng năm;", 60.0, 600.0, 12.0],
    ]
    stamps = [
        ["826", 85.0, 696.0, 116.0, 716.0],
        ["25", 388.0, 696.0, 412.0, 716.0],
        ["07", 435.0, 696.0, 459.0, 716.0],
    ]
    out = [str(line[0]).strip() for line in fill_stamps(lines, stamps)]
    assert out[1] == "Số: 826/ĐHVN-KT&ĐBCL"
    assert out[3] == "Hà Nội, ngày 25 tháng 07 năm 2025"
    assert out[4] == "Căn cứ Quyết định số 12/QĐ-ĐHVN ngày tháng năm;"  # no stamp sits on it
    assert fill_stamps(lines, []) == lines


def _letter(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.add_page()
    pdf.set_font("DejaVu", size=12)
    for text in (
        "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
        "Số:            /UBND-XD",
        "Lào Cai, ngày          tháng 7 năm 2026",
        "V/v triển khai thực hiện giải pháp an toàn phòng cháy, chữa cháy",
        "Kính gửi: Các sở, ban, ngành thuộc tỉnh.",
        "1. Các sở, ngành rà soát các cơ sở, công trình không bảo đảm yêu cầu về phòng cháy, chữa cháy.",
        "2. Ủy ban nhân dân các xã, phường báo cáo kết quả trước ngày 30/9/2026.",
    ):
        pdf.multi_cell(0, 8, text)
        pdf.ln(2)
    pdf.output(str(path))
    return path


def _stamp(path: Path, figures: dict[str, str], copies: int = 1) -> Path:
    """Signature fields as the government CA's signing software writes them: a /Sig widget whose appearance draws
    a form (/FRM) holding a blank layer (/n0) and the figure (/n2), over the line's blank."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        StreamObject,
        TextStringObject,
    )

    lines = extract(str(path))["pages"][0]
    writer = PdfWriter(clone_from=PdfReader(path))
    page = writer.pages[0]
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )

    def form(content: bytes, resources: DictionaryObject) -> object:
        stream = StreamObject()
        stream.set_data(content)
        stream.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(
                    [FloatObject(0), FloatObject(0), FloatObject(40), FloatObject(20)]
                ),
                NameObject("/Resources"): resources,
            }
        )
        return writer._add_object(stream)

    annots = ArrayObject()
    for n, (starts, figure) in enumerate(figures.items(), 2):
        line = next(ln for ln in lines if str(ln[0]).startswith(starts))
        x, y = float(line[1]) + (40 if starts == "Số" else 75), float(line[2])
        n2 = form(
            f"BT /F1 13 Tf 0.5 4.5 Td ({figure}) Tj ET".encode(),
            DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}),
        )
        n0 = form(b"% DSBlank\n", DictionaryObject())
        frm = form(
            b"q /n0 Do Q q /n2 Do Q",
            DictionaryObject(
                {NameObject("/XObject"): DictionaryObject({NameObject("/n0"): n0, NameObject("/n2"): n2})}
            ),
        )
        top = form(
            b"q /FRM Do Q",
            DictionaryObject({NameObject("/XObject"): DictionaryObject({NameObject("/FRM"): frm})}),
        )
        widget = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/FT"): NameObject("/Sig"),
                NameObject("/T"): TextStringObject(f"Signature{n}"),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (x, y - 4.5, x + 38, y + 15.5)]),
                NameObject("/AP"): DictionaryObject({NameObject("/N"): top}),
            }
        )
        for _ in range(copies):
            annots.append(writer._add_object(widget))
    page[NameObject("/Annots")] = annots
    out = path.with_name("stamped.pdf")
    writer.write(out)
    return out


def test_a_stamped_letter_has_its_number_and_date(tmp_path: Path) -> None:
    blank = _letter(tmp_path / "letter.pdf")
    unsigned = parse_document(blank).meta
    assert unsigned.doc_number is None and unsigned.sources["doc_number"].reason == DRAFT

    signed = parse_document(_stamp(blank, {"Số": "7432", "Lào Cai": "21"})).meta
    assert signed.doc_number == "7432/UBND-XD"
    assert signed.issued_date == "2026-07-21"
    assert signed.school_year == "2025-2026"


def test_a_stamp_that_is_no_figure_is_left_out(tmp_path: Path) -> None:
    # A certified-copy box ("SAO Y", the signer, the time) is a stamp too, but no number.
    meta = parse_document(_stamp(_letter(tmp_path / "letter.pdf"), {"Số": "SAO Y"})).meta
    assert meta.doc_number is None


def test_a_fillable_form_s_fields_are_no_stamps(tmp_path: Path) -> None:
    # Dozens of widgets make a form to fill in, not a signed letter: none is read as a stamp.
    meta = parse_document(_stamp(_letter(tmp_path / "letter.pdf"), {"Số": "7432"}, copies=41)).meta
    assert meta.doc_number is None
