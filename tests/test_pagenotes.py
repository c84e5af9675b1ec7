"""Notes at a page's foot in text copied out of a PDF with its page breaks (ingest/pagenotes.py): kept as the
document's footnotes, not inside the sentence the page break cuts. The letter below is written for the test, laid
out as pdftotext leaves a signed công văn: form feeds, the note under a blank line, the page number at the head of
the next page."""

from __future__ import annotations

from pathlib import Path

from ingest.pagenotes import split_page_notes
from ingest.pipeline import parse_document

PAGE_1 = """UBND TỈNH TUYÊN QUANG
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 1520/SGDĐT-GDPT
V/v tăng cường quản lý dạy thêm, học thêm
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tuyên Quang, ngày 12 tháng 9 năm 2026
Kính gửi: Các phòng Giáo dục và Đào tạo.
Sở Giáo dục và Đào tạo yêu cầu các đơn vị:
1. Trách nhiệm chung
- Thực hiện nghiêm các quy định về dạy thêm, học thêm1.
- Kiểm tra, phát hiện và xử lý nghiêm các hành vi vi phạm, đặc biệt là: (i) Dạy thêm

   1 Thông tư số 29/2024/TT-BGDĐT ngày 30/12/2024 của Bộ Giáo dục và Đào tạo quy định về

dạy thêm, học thêm và các văn bản hướng dẫn thi hành.
"""
PAGE_2 = """                                        2

không đăng ký; (ii) Thu tiền trái quy định của học sinh trong lớp mình chủ nhiệm.
2. Tổ chức thực hiện
Các phòng báo cáo kết quả về Sở trước ngày 30/12/2026.
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cong-van.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_note_at_the_page_foot_becomes_a_footnote_and_the_sentence_is_whole(tmp_path: Path) -> None:
    doc = parse_document(_write(tmp_path, PAGE_1 + "\f" + PAGE_2))
    item = next(s for s in doc.sections if s.path == "1")
    assert "(i) Dạy thêm không đăng ký; (ii) Thu tiền" in item.text
    assert "Thông tư số 29/2024" not in item.text and "\n2\n" not in item.text
    assert "học thêm." in item.text and "học thêm1." not in item.text  # the mark comes off the word
    assert doc.footnotes == [
        "1 Thông tư số 29/2024/TT-BGDĐT ngày 30/12/2024 của Bộ Giáo dục và Đào tạo quy định về "
        "dạy thêm, học thêm và các văn bản hướng dẫn thi hành."
    ]


def test_without_a_mark_on_the_page_a_numbered_block_is_the_text() -> None:
    # "2 trường …" at a page's end, no word on the page marked "2": the body, wrapped after a figure.
    lines = ["1. Kết quả", "Toàn tỉnh có", "", "2 trường đạt chuẩn quốc gia mức độ 2.", "", "3", "Tiếp theo."]
    kept, notes = split_page_notes(lines, {4})
    assert notes == [] and "2 trường đạt chuẩn quốc gia mức độ 2." in kept
    # A code is no mark: "hạng B1", "khí CO2".
    codes = ["Học viên hạng B1 và khí CO2 được nêu.", "Thêm dòng.", "", "1 Ghi chú", "2 Ghi chú"]
    kept, notes = split_page_notes(codes, {5})
    assert notes == [] and kept[:2] == codes[:2]


def test_text_without_page_breaks_is_unchanged() -> None:
    lines = ["Sở yêu cầu thực hiện1.", "", "1 Thông tư số 29/2024/TT-BGDĐT."]
    assert split_page_notes(lines, set()) == (lines, [])
