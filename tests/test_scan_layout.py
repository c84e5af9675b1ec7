"""The page layout benchmarks/scan_realdocs.py prints real documents with (tests/ocr_scans.text_pages)."""

from __future__ import annotations

from PIL import ImageOps

from tests.ocr_scans import COLUMN, LINES_PER_PAGE, render_page, text_pages

TEXT = (
    "Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019; "
    + "các cơ sở giáo dục thực hiện nghiêm túc kế hoạch thời gian năm học, bảo đảm chất lượng dạy học " * 12
    + "\n\nI. NHIỆM VỤ CHUNG\n1. Tiếp tục đổi mới phương pháp dạy học."
)


def test_lines_keep_every_word_in_order_and_fit_between_the_margins() -> None:
    dpi = 150
    pages = text_pages(TEXT, dpi)
    lines = [line for page in pages for line in page]
    assert " ".join(" ".join(lines).split()) == " ".join(TEXT.split())
    assert len(lines) > len(TEXT.split("\n"))  # the long paragraph was wrapped
    assert lines.count("") == 1  # the blank line stays, as the paragraph break OCR reads
    img = render_page(pages[0], dpi)
    right_margin = img.width - round(0.9 * dpi)
    ink = ImageOps.invert(img).getbbox()
    assert ink is not None and ink[2] <= right_margin + 2


def test_long_texts_run_onto_pages_of_the_renderer_height() -> None:
    pages = text_pages("\n".join(f"{n}. Dòng thứ {n}." for n in range(80)), 200)
    assert [len(p) for p in pages] == [LINES_PER_PAGE, LINES_PER_PAGE, 80 - 2 * LINES_PER_PAGE]
    img = render_page(pages[0], 200)
    ink = ImageOps.invert(img).getbbox()
    # the last line stays above the bottom margin
    assert ink is not None and ink[3] < img.height - round(0.5 * 200)


def test_a_letterhead_row_is_printed_as_its_two_columns() -> None:
    row = f"UBND TỈNH LÀO CAI{COLUMN}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    pages = text_pages(row + "\n" + "chữ " * 60, 200)
    assert pages[0][0] == row  # kept whole, not wrapped
    img = ImageOps.invert(render_page([row], 200))
    width = img.width
    left, right = img.crop((0, 0, width // 2, img.height)), img.crop((width // 2, 0, width, img.height))
    assert left.getbbox() is not None and right.getbbox() is not None
    box = img.getbbox()
    assert box is not None and box[2] > width - round(0.9 * 200) - 5  # the right column ends at the margin
