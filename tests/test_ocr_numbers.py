"""A document number read from a scan is stated only when OCR is sure of it (issue 17): a number part holding a
letter ("8O/QĐ-UBND") or digits Tesseract read with low confidence (filled in by hand) give a null number with
the reason, never a sure one; the number of a document the text cites does not take its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.docnumber import OCR_NUMBER_CONFIDENCE
from ingest.header import parse_header
from ingest.pipeline import parse_document
from ingest.readers.ocr import number_words, tesseract_missing
from tests.ocr_scans import DIRECTIVE_PAGES, directive_text, handwritten_number_page, render_page

PARAGRAPHS = [line for line in directive_text().split("\n") if line]


def _header(number: str, words: list[tuple[str, float]] | None, cited: bool = False):  # type: ignore[no-untyped-def]
    paragraphs = [p.replace("12/CT-UBND", number) for p in PARAGRAPHS]
    if cited:
        at = paragraphs.index("Chủ tịch Ủy ban nhân dân tỉnh chỉ thị:")
        paragraphs.insert(
            at, "Thực hiện Thông tư số 05/2021/TT-BGDĐT ngày 5 tháng 3 năm 2021 của Bộ Giáo dục và Đào tạo,"
        )
    return parse_header(paragraphs, [], "chi-thi.pdf", words).meta


def test_sure_ocr_number_is_kept() -> None:
    meta = _header("12/CT-UBND", [("12/CT-UBND", 91.0)])
    assert meta.doc_number == "12/CT-UBND" and meta.sources["doc_number"].confidence >= 0.8


@pytest.mark.parametrize("word", ["299/UBND-TTHC", "Số:299/CT-UBND"])
def test_low_confidence_digits_give_a_null_number_with_the_reason(word: str) -> None:
    meta = _header("299/CT-UBND", [(word, OCR_NUMBER_CONFIDENCE - 30)], cited=True)
    src = meta.sources["doc_number"]
    assert meta.doc_number is None and src.reason and "độ tin cậy thấp" in src.reason
    assert meta.doc_type == "Chỉ thị"  # the code is legible: it still says the type


def test_letter_in_the_number_part_gives_a_null_number() -> None:
    meta = _header("8O/CT-UBND", [("8O/CT-UBND", 95.0)], cited=True)
    src = meta.sources["doc_number"]
    assert meta.doc_number is None and src.reason and "chữ cái" in src.reason and "8O" in src.reason
    # The same line in a text layer (no OCR) keeps its number: "15a/QĐ" style suffixes exist.
    assert _header("8O/CT-UBND", None).doc_number == "8O/CT-UBND"


def test_number_words_join_split_numbers_with_the_confidence_of_their_digits() -> None:
    data = {"text": ["Số:", "299", "/", "CT-UBND", "Hà", "lớp", "12", "năm", "12/KH-SGD"],
            "conf": [96, 41, 90, 93, 96, 96, 96, 96, 88]}  # fmt: skip
    assert number_words(data) == [("299/CT-UBND", 41.0), ("12/KH-SGD", 88.0)]
    # The printed code read unsure does not make printed digits doubtful; a doubtful piece of digits does.
    data = {"text": ["Số:", "1050", "/QĐ-SCT", "Số:", "16", "/", "2026/", "QĐ-UBND", "Số:", "7", "/2026/QĐ-UBND"],
            "conf": [96, 93, 65, 96, 93, 90, 48, 60, 96, 92, 70]}  # fmt: skip
    assert number_words(data) == [("1050/QĐ-SCT", 93.0), ("16/2026/QĐ-UBND", 48.0), ("7/2026/QĐ-UBND", 92.0)]
    # One word for the whole number: its confidence is all Tesseract gives.
    assert number_words({"text": ["1050/QĐ-SCT"], "conf": [65]}) == [("1050/QĐ-SCT", 65.0)]


needs_tesseract = pytest.mark.skipif(
    tesseract_missing() is not None, reason="Tesseract with 'vie' not installed"
)


@needs_tesseract
def test_handwritten_number_on_a_scan_is_not_stated(tmp_path: Path) -> None:
    path = tmp_path / "so-viet-tay.png"
    handwritten_number_page("299").save(path)  # Tesseract reads "293/CT-UBND" at ~53
    meta = parse_document(path).meta
    src = meta.sources["doc_number"]
    assert meta.doc_number in (None, "299/CT-UBND"), meta.doc_number  # never a wrong number
    if meta.doc_number is None:
        assert src.reason
    assert meta.province == "Hà Giang" and meta.doc_type == "Chỉ thị"


@needs_tesseract
def test_printed_number_on_a_scan_is_still_sure(tmp_path: Path) -> None:
    path = tmp_path / "so-in.png"
    render_page(DIRECTIVE_PAGES[0], 200).save(path)
    meta = parse_document(path).meta
    assert meta.doc_number == "12/CT-UBND" and meta.sources["doc_number"].confidence >= 0.8
