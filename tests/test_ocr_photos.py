"""Phone photos and crooked scans (issue 17): the OCR child straightens a photo before reading it, and leaves
a clean scan alone (ingest/readers/photo.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import ImageDraw

from ingest.readers.ocr import OcrOptions, run_ocr, tesseract_missing
from ingest.readers.photo import _np, _reduced, background, prepare, skew_angle
from tests.ocr_scans import DIRECTIVE_PAGES, char_accuracy, degrade, page_text, phone_photo, render_page


@pytest.mark.parametrize("dpi", [150, 300])
def test_clean_and_grey_scans_are_left_unchanged(dpi: int) -> None:
    for kind in ("clean", "grey", "noise"):
        page = degrade(render_page(DIRECTIVE_PAGES[1], dpi), kind)
        out, steps = prepare(page)
        assert steps == [] and out is page, kind


def test_a_framed_scan_is_not_cut_to_its_frame() -> None:
    """A border or a table's frame on a scan is a quadrilateral too, but with paper around it, not a desk."""
    page = render_page(DIRECTIVE_PAGES[0], 200)
    w, h = page.size
    ImageDraw.Draw(page).rectangle(
        [round(0.08 * w), round(0.3 * h), round(0.92 * w), round(0.95 * h)], outline=0, width=3
    )
    assert prepare(page)[1] == []


@pytest.mark.parametrize("angle", [-2.5, 1.2, 4.0])
def test_skew_is_measured_and_turned_level(angle: float) -> None:
    page = render_page(DIRECTIVE_PAGES[0], 200).rotate(angle, fillcolor=255)
    small, _ = _reduced(_np(page))
    assert skew_angle(small, background(small)) == pytest.approx(angle, abs=0.3)
    out, steps = prepare(page)
    assert steps == ["deskew"]
    small, _ = _reduced(_np(out))
    assert abs(skew_angle(small, background(small))) < 0.3


def test_photo_is_cut_to_the_page_flattened_and_lit_evenly() -> None:
    page = render_page(DIRECTIVE_PAGES[0], 200)
    out, steps = prepare(phone_photo(page))
    assert "warp" in steps and "flatten" in steps
    assert out.height / out.width == pytest.approx(page.height / page.width, rel=0.04)  # A4 again
    assert prepare(out)[1] == []  # nothing left to straighten or light


@pytest.mark.skipif(tesseract_missing() is not None, reason="Tesseract with 'vie' not installed")
def test_photo_reads_well_only_when_straightened(tmp_path: Path) -> None:
    path = tmp_path / "anh-chup.jpg"
    phone_photo(render_page(DIRECTIVE_PAGES[0], 200)).save(path)
    reference = page_text(DIRECTIVE_PAGES[0])
    (page,) = run_ocr(path, "image", [1], OcrOptions()).pages
    (raw,) = run_ocr(path, "image", [1], OcrOptions(steps=())).pages
    assert "warp" in page.prepared and raw.prepared == []
    assert char_accuracy(reference, page.text) >= 0.97, page.text
    assert char_accuracy(reference, raw.text) < char_accuracy(reference, page.text) - 0.1
