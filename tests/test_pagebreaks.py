"""Text copied out of a gazette's or a portal's PDF: each page's running header, page number and the digital
signature stamp are not the document, and a sentence running over a page end is one sentence again.

The fixtures are written for these tests in the layout such copies have (Công báo running header, a lone page
number, the stamp of a signed PDF); the text is invented.
"""

from __future__ import annotations

from pathlib import Path

from ingest.pagebreaks import strip_page_furniture
from ingest.pipeline import parse_document

GAZETTE_COPY = """CÔNG BÁO/Số 412 + 413/Ngày 05-09-2026
17

BỘ GIÁO DỤC VÀ ĐÀO TẠO
Số: 21/2026/TT-BGDĐT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 20 tháng 8 năm 2026
THÔNG TƯ
Quy định về tổ chức hoạt động trải nghiệm ngoài giờ chính khóa
Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;
Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Thông tư quy định về tổ chức hoạt động
trải nghiệm ngoài giờ chính khóa.
Điều 1. Phạm vi điều chỉnh
1. Thông tư này quy định việc tổ chức hoạt động trải nghiệm ngoài giờ chính khóa
cho học sinh trung học cơ sở và trung học phổ thông trong các cơ sở giáo dục công
lập và ngoài công lập trên phạm vi cả nước.
2. Thông tư này không áp dụng đối với các chuyến tham quan do cha mẹ học sinh tự
Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ
Email: thongtinchinhphu@chinhphu.vn
Cơ quan: VĂN PHÒNG CHÍNH PHỦ
Thời gian ký: 06.09.2026 10:12:45 +07:00

18
CÔNG BÁO/Số 412 + 413/Ngày 05-09-2026

tổ chức ngoài giờ học của nhà trường.
Điều 2. Số buổi tổ chức
1. Mỗi học kỳ, nhà trường tổ chức không quá hai buổi hoạt động trải nghiệm ngoài
giờ chính khóa cho mỗi lớp; mỗi buổi không quá 04 giờ.
2. Kế hoạch tổ chức được hiệu trưởng phê duyệt và thông báo cho cha mẹ học sinh
CÔNG BÁO/Số 412 + 413/Ngày 05-09-2026 19
trước ngày tổ chức ít nhất 07 ngày làm việc.
Điều 3. Hiệu lực thi hành
Thông tư này có hiệu lực thi hành kể từ ngày 05 tháng 10 năm 2026./.

20
CÔNG BÁO/Số 412 + 413/Ngày 05-09-2026

KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Văn Bình
Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Cơ quan: VĂN PHÒNG CHÍNH PHỦ
Ngày ký: 2026-09-06 10:15:02 +07:00
"""


def test_gazette_copy_reads_as_the_document(tmp_path: Path) -> None:
    path = tmp_path / "tt-21-2026-cong-bao.txt"
    path.write_text(GAZETTE_COPY, encoding="utf-8")
    doc = parse_document(path)
    body = "\n".join(s.text for s in doc.sections)
    for furniture in ("CÔNG BÁO/Số", "Thời gian ký", "Ngày ký:", "Email:", "thongtinchinhphu"):
        assert furniture not in body
    # The sentences that ran over a page end are whole again, in their own clauses.
    by_path = {s.path: s.text for s in doc.sections}
    assert "cha mẹ học sinh tự tổ chức ngoài giờ học của nhà trường." in by_path["Điều 1.2"]
    assert "thông báo cho cha mẹ học sinh trước ngày tổ chức ít nhất 07 ngày làm việc." in by_path["Điều 2.2"]
    # The gazette's issue number is not the document's.
    assert doc.meta.doc_number == "21/2026/TT-BGDĐT"
    assert str(doc.meta.issued_date) == "2026-08-20"


def test_recurring_content_beside_page_numbers_is_kept() -> None:
    # Each form of an annex starts a page ("Mẫu số 01" … "Mẫu số 03" beside the page number), and an
    # authority line recurs (letterhead, title block, an attached plan): content, not a running header.
    lines = []
    for n in (1, 2, 3):
        lines += [
            str(20 + n),
            f"Mẫu số 0{n}",
            "ỦY BAN NHÂN DÂN TỈNH",
            f"Nội dung biểu mẫu thứ {n} gồm các cột sau:",
        ]
    kept, removed = strip_page_furniture(lines)
    assert kept == lines and removed == []


def test_a_heading_that_recurs_is_not_a_running_header() -> None:
    # Two of three copies beside a page number: an authority line under a page break, not a running header.
    lines = ["5", "THỦ TƯỚNG CHÍNH PHỦ", "Căn cứ Luật Tổ chức Chính phủ;", "THỦ TƯỚNG CHÍNH PHỦ"]
    lines += ["Theo đề nghị của Bộ trưởng Bộ Giáo dục và Đào tạo,", "6", "THỦ TƯỚNG CHÍNH PHỦ"]
    kept, removed = strip_page_furniture(lines)
    assert removed == []


def test_lone_numbers_of_a_table_are_kept() -> None:
    # A table copied one cell per line: its numbers are cells, not page numbers (no running header beside them).
    lines = [
        "STT",
        "Đơn vị",
        "Số lớp",
        "1",
        "Trường THCS A",
        "12",
        "2",
        "Trường THCS B",
        "9",
        "3",
        "Trường THCS C",
        "15",
    ]
    assert strip_page_furniture(lines) == (lines, [])


def test_signature_stamp_needs_its_time() -> None:
    # "Cơ quan:" and "Email:" are ordinary labels in a document's own text; only the stamp's lines go.
    lines = ["Cơ quan: Sở Giáo dục và Đào tạo", "Email: sogd@example.vn", "Điện thoại: 0200 3840 123"]
    assert strip_page_furniture(lines) == (lines, [])


def test_a_sentence_that_recurs_with_the_same_number_is_kept() -> None:
    # A consolidated text repeats the amending act's citation under each article, every copy ending in the same
    # day ("… có hiệu lực kể từ ngày 10"): the same number each time is the text's, not a page's.
    cited = (
        "viên chức quốc phòng; người làm công tác cơ yếu do Bộ Quốc phòng quản lý, có hiệu lực kể từ ngày 10"
    )
    lines = []
    for n in (1, 2, 3, 4):
        lines += [f"Điều {n}. Nội dung được sửa đổi", cited, "tháng 3 năm 2026."]
    assert strip_page_furniture(lines) == (lines, [])


def test_lone_page_numbers_of_an_ocr_copy_go_without_a_running_header() -> None:
    # An OCR'd scan saved as text: each page's number alone on a line, one of them lost ("4"), one misread ("1"
    # for "11" is not there: a run is what counts). A sentence running over the page end is one again.
    filler = [f"Nội dung dòng thứ {k} của quy định về quản lý đầu tư xây dựng công trình." for k in range(18)]
    lines = [
        "QUY ĐỊNH",
        *filler,
        "Chủ đầu tư trình thẩm định dự án tại cơ quan",
        "2",
        "chuyên môn theo quy định.",
    ]
    lines += [*filler, "3", *filler, "5", *filler, "1", *filler]
    kept, removed = strip_page_furniture(lines)
    assert removed == ["2", "3", "5"]
    assert "Chủ đầu tư trình thẩm định dự án tại cơ quan" in kept and "1" in kept
    assert kept[kept.index("Chủ đầu tư trình thẩm định dự án tại cơ quan") + 1] == "chuyên môn theo quy định."


def test_a_table_column_of_numbers_is_no_page_run() -> None:
    # Rows of a table, numbered 1, 2, 3, a few lines apart: no page holds three lines.
    lines = [
        "STT",
        "Nội dung",
        "1",
        "Rà soát hồ sơ",
        "Phòng GDTrH",
        "2",
        "Kiểm tra",
        "Phòng KT",
        "3",
        "Báo cáo",
    ]
    assert strip_page_furniture(lines) == (lines, [])
