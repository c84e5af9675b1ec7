"""Whom a document is sent to: its "Nơi nhận" list, read at ingest and answered when asked of a named document."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import parse_document
from ingest.recipients import addressees, recipients
from tests.conftest import SampleWith

# A Sở's letter as converters leave it: the signer's column beside the list, then flattened into single spaces.
LETTER = """UBND TỈNH HÀ TĨNH                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ GIÁO DỤC VÀ ĐÀO TẠO                     Độc lập - Tự do - Hạnh phúc

Số: 2417/SGDĐT-GDTrH                  Hà Tĩnh, ngày 18 tháng 9 năm 2026
V/v tổ chức thi chọn học sinh giỏi cấp tỉnh lớp 12 năm học 2026-2027

              Kính gửi:      - Các trường trung học phổ thông;
                             - Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên
                             các huyện, thị xã.

Thực hiện kế hoạch năm học 2026-2027, Sở Giáo dục và Đào tạo hướng dẫn tổ chức thi chọn học sinh giỏi như sau:
1. Thời gian thi: ngày 10 tháng 12 năm 2026.
2. Các trường gửi danh sách thí sinh về Sở (qua Phòng GDTrH) trước ngày 20 tháng 11 năm 2026.

Nơi nhận:                                          KT. GIÁM ĐỐC
- Như trên;                                        PHÓ GIÁM ĐỐC
- UBND tỉnh (để b/c);
- Giám đốc, các PGĐ Sở;
- Phòng Khảo thí và Kiểm định chất lượng giáo dục; TRẦN VĂN AN
- Lưu: VT, GDTrH.
                                                   Trần Văn An
"""
SENT_TO = [
    "Các trường trung học phổ thông",
    "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên các huyện, thị xã",
    "UBND tỉnh (để b/c)",
    "Giám đốc, các PGĐ Sở",
    "Phòng Khảo thí và Kiểm định chất lượng giáo dục",
]


def _flattened(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def test_the_list_is_read_in_either_layout_with_as_above_as_the_addressees() -> None:
    assert addressees(LETTER) == SENT_TO[:2]
    assert recipients(LETTER) == SENT_TO
    # Columns flattened into one: the signer's office and name run into the items and the label's line.
    assert recipients(_flattened(LETTER)) == SENT_TO
    # Laws as the gazette prints them have no list; a letter's body naming "nơi nhận" is no list either.
    assert recipients("Điều 1. Phạm vi\nLuật này quy định …\nCHỦ TỊCH QUỐC HỘI\nTrần Thanh Mẫn") == []


def test_ingest_keeps_the_list_in_the_documents_header(tmp_path: Path) -> None:
    path = tmp_path / "cv-2417.txt"
    path.write_text(LETTER, encoding="utf-8")
    doc = parse_document(path)
    assert doc.meta.recipients == SENT_TO
    assert "Lưu" not in " ".join(doc.meta.recipients)


def test_whom_a_named_document_is_sent_to(sample_with: SampleWith) -> None:
    service = sample_with("cv-2417.txt", LETTER)
    answer = service.ask("Công văn 2417 gửi cho những đơn vị nào?")
    assert answer.found and "Nơi nhận:" in answer.answer
    assert all(f"- {r}" in answer.answer for r in SENT_TO)
    # Whom the school sends its list to is what the letter says, not whom the letter is sent to.
    rule = service.ask("Theo công văn 2417, các trường gửi danh sách thí sinh cho ai?")
    assert rule.found and "Nơi nhận:" not in rule.answer
