"""A subject line that wraps over several printed lines is read whole, and stops where the title does.
Each paragraph below is a printed line, as a DOCX or a PDF's text layer keeps it; the text is invented."""

from __future__ import annotations

from ingest.header import parse_header
from ingest.titles import is_authority

LETTERHEAD = [
    "UBND TỈNH TUYÊN QUANG",
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
    "Số: /KH-SGDĐT",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Tuyên Quang, ngày tháng 9 năm 2026",
]
BODY = [
    "Căn cứ Kế hoạch số 12/KH-UBND ngày 05/8/2026 của Ủy ban nhân dân tỉnh;",
    "Sở Giáo dục và Đào tạo xây dựng Kế hoạch như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "Nâng cao chất lượng bồi dưỡng giáo viên trong năm học 2026-2027.",
]


def _title(lines: list[str]) -> str:
    return parse_header([*LETTERHEAD, *lines, *BODY], [], "ke-hoach.docx").meta.title


def test_a_title_wrapped_onto_a_lower_case_line_is_read_whole() -> None:
    title = _title(["KẾ HOẠCH", "Bồi dưỡng thường xuyên giáo viên", "mầm non và phổ thông năm học 2026-2027"])
    assert title == "Bồi dưỡng thường xuyên giáo viên mầm non và phổ thông năm học 2026-2027"


def test_a_line_ending_on_a_preposition_or_a_body_goes_on_even_in_capitals() -> None:
    title = _title(
        ["KẾ HOẠCH", "Triển khai Thông tư số 29/2024/TT-BGDĐT của Bộ", "Giáo dục và Đào tạo về dạy thêm"]
    )
    assert title.endswith("của Bộ Giáo dục và Đào tạo về dạy thêm")
    title = _title(["KẾ HOẠCH", "Tổ chức hội thi giáo viên dạy giỏi cấp tỉnh,", "Năm học 2026-2027"])
    assert title.endswith("cấp tỉnh, Năm học 2026-2027")


def test_a_finished_line_does_not_take_the_next_capitalised_one() -> None:
    # "Căn cứ …" starts the body; a mixed-case title does not run into it.
    assert _title(["KẾ HOẠCH", "Bồi dưỡng thường xuyên giáo viên năm học 2026-2027"]) == (
        "Bồi dưỡng thường xuyên giáo viên năm học 2026-2027"
    )


def test_the_authority_line_under_a_decision_title_is_not_part_of_it() -> None:
    lines = [
        "QUYẾT ĐỊNH",
        "VỀ VIỆC BAN HÀNH KẾ HOẠCH THỜI GIAN NĂM HỌC",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG",
    ]
    assert _title(lines) == "VỀ VIỆC BAN HÀNH KẾ HOẠCH THỜI GIAN NĂM HỌC"
    lines = [
        "QUYẾT ĐỊNH",
        "Ban hành Quy định dạy thêm, học thêm trên địa bàn",
        "tỉnh Tuyên Quang",
        "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO",
    ]
    assert _title(lines) == "Ban hành Quy định dạy thêm, học thêm trên địa bàn tỉnh Tuyên Quang"


def test_a_subject_line_of_a_cong_van_wraps_too() -> None:
    head = [
        "UBND TỈNH TUYÊN QUANG",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "Số: 1234/SGDĐT-GDPT",
        "V/v triển khai Công văn số 4555/BGDĐT-GDPT của Bộ",
        "Giáo dục và Đào tạo",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Tuyên Quang, ngày 10 tháng 9 năm 2026",
        "Kính gửi: Các phòng Giáo dục và Đào tạo.",
        *BODY,
    ]
    meta = parse_header(head, [], "cong-van.docx").meta
    assert meta.title == "Triển khai Công văn số 4555/BGDĐT-GDPT của Bộ Giáo dục và Đào tạo"


def test_authority_lines() -> None:
    assert is_authority("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI")
    assert is_authority(".GIÁM ĐỐC SỞ CÔNG THƯƠNG")
    assert not is_authority("VỀ VIỆC BAN HÀNH KẾ HOẠCH")
    assert not is_authority("Chủ tịch UBND tỉnh giao Sở Giáo dục và Đào tạo")


def test_a_title_ending_on_a_noun_does_not_take_the_first_article() -> None:
    # "văn bản" ends a phrase ("Ủy ban" would not): tone marks tell them apart. An article never continues a title.
    title = _title(["NGHỊ QUYẾT", "Về việc tạm ngưng hiệu lực một số văn bản", "Điều 1. Phạm vi điều chỉnh"])
    assert title == "Về việc tạm ngưng hiệu lực một số văn bản"
    title = _title(["KẾ HOẠCH", "Phối hợp giữa Sở Giáo dục và Đào tạo với Ủy ban", "Nhân dân các huyện"])
    assert title.endswith("với Ủy ban Nhân dân các huyện")
