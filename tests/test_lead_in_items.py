"""A lead-in ("…, bao gồm:", "… như sau:") says what comes; the items after it say it. When the lead-in closes its
passage and the items open the passages after it, the answer quotes the first items and cites them all."""

from __future__ import annotations

from dataclasses import replace

from bot.answer.extractive import MAX_QUOTE, body_score, first_lines, items_after
from ingest.chunks import carried_lead_in
from ingest.models import Chunk
from tests.conftest import SampleWith

LEAD_IN = "Về hồ sơ theo dõi việc dạy thêm trong nhà trường, bao gồm:"
PASSAGE = f"c) Nhà trường công khai danh sách giáo viên dạy thêm trên cổng thông tin. (2). {LEAD_IN}"
ITEMS = [
    "a) Sổ đăng ký dạy thêm của giáo viên, ghi rõ môn, lớp và thời gian dạy;",
    "b) Danh sách học sinh đăng ký học thêm có chữ ký của cha mẹ học sinh;",
    "c) Biên lai thu tiền học thêm do kế toán nhà trường lập.",
]


def test_the_items_after_a_closing_lead_in_complete_it() -> None:
    following = [*ITEMS, "(3). Hiệu trưởng chịu trách nhiệm kiểm tra việc dạy thêm."]
    assert items_after(f"… {LEAD_IN}", PASSAGE, following) == ITEMS
    # A quote that is no lead-in, or a lead-in inside its passage (its items follow it there), takes nothing.
    assert (
        items_after("Nhà trường công khai danh sách giáo viên dạy thêm trên cổng thông tin.", PASSAGE, ITEMS)
        == []
    )
    assert items_after(LEAD_IN, f"{LEAD_IN}\n- Sổ đăng ký dạy thêm.", ITEMS) == []
    # Passages after it that are no items (a new paragraph) complete nothing.
    assert items_after(LEAD_IN, PASSAGE, ["Nhà trường báo cáo Phòng GD&ĐT trước ngày 15/10."]) == []


def test_the_quote_shows_whole_lines_within_its_size() -> None:
    long = ["a) " + "x" * (MAX_QUOTE - 10), "b) Sổ theo dõi."]
    assert first_lines(long) == long[0]
    assert first_lines(ITEMS) == "\n".join(ITEMS)


FILLER = (
    "Nhà trường thực hiện nghiêm quy định về dạy thêm, học thêm; không ép buộc học sinh học thêm dưới mọi hình "
    "thức; giáo viên không dạy thêm đối với học sinh mình đang dạy chính khóa khi chưa được phép; mọi khoản thu "
    "phải được thỏa thuận bằng văn bản với cha mẹ học sinh và công khai trước khi tổ chức lớp. "
)
NOTICE = f"""UBND TỈNH LÀO CAI
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 2150/SGDĐT-GDTrH
V/v quản lý dạy thêm, học thêm năm học 2026-2027
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lào Cai, ngày 12 tháng 9 năm 2026

Kính gửi: Các trường trung học trên địa bàn tỉnh.

1. Yêu cầu chung
{FILLER}{FILLER}
2. Hồ sơ dạy thêm, học thêm
a) Các trường lập và lưu giữ đầy đủ hồ sơ dạy thêm, học thêm theo quy định.
b) Việc lưu giữ hồ sơ do Phó Hiệu trưởng phụ trách chuyên môn thực hiện.
c) {FILLER}{FILLER}(2). Về sổ sách, chứng từ theo dõi việc dạy thêm, học thêm trong nhà trường, bao gồm:
a) Sổ đăng ký dạy thêm của giáo viên, ghi rõ môn, lớp và thời gian dạy;
b) Danh sách học sinh đăng ký học thêm có chữ ký của cha mẹ học sinh;
c) Biên lai thu tiền học thêm do kế toán nhà trường lập.
(3). Hiệu trưởng chịu trách nhiệm kiểm tra việc dạy thêm mỗi học kỳ.
"""


def test_an_answer_ending_in_a_lead_in_quotes_its_items(sample_with: SampleWith) -> None:
    service = sample_with("lao-cai_2026-2027_cv-2150-day-them.txt", NOTICE, mode="bm25")
    answer = service.ask("Sổ sách, chứng từ theo dõi việc dạy thêm học thêm trong trường gồm những loại nào?")
    assert answer.found, answer.answer
    assert "Danh sách học sinh đăng ký học thêm" in answer.citations[0].text, answer.citations[:1]
    assert "Sổ đăng ký dạy thêm của giáo viên" in answer.answer, answer.answer


def test_a_part_cut_from_its_list_is_weighed_with_the_lead_in_it_carries() -> None:
    # The part holding the lead-in and the first point, and the part the splitter cut after it: asked "người
    # thứ hai, thứ ba trong hộ gia đình đóng bao nhiêu", the second part's point answers, read with its lead-in.
    lead = "6. Thành viên hộ gia đình cùng tham gia bảo hiểm y tế được giảm trừ mức đóng như sau:"
    holding = (
        f"h) Người thuộc hộ gia đình được lựa chọn hình thức tham gia.\n{lead}\na) Người thứ nhất đóng 6%;"
    )
    cut = (
        "a) Người thứ nhất đóng 6%;\nb) Người thứ hai, thứ ba đóng lần lượt 70%, 60% mức đóng người thứ nhất."
    )
    weights = {
        "ho": 2.0,
        "gia": 1.5,
        "dinh": 1.0,
        "ho gia": 2.0,
        "gia dinh": 1.5,
        "tham gia": 1.5,
        "nguoi": 1.0,
    }
    weights |= {"hai": 1.5, "ba": 1.5, "thu hai": 1.5, "thu ba": 1.5, "dong": 1.0}
    assert body_score(cut, [], weights, lead=lead) > body_score(holding, [], weights)
    assert body_score(cut, [], weights) < body_score(holding, [], weights)  # without it, the other part wins
    # Only the points before the part's first other sentence continue that list.
    later = "7. Chính phủ quy định chi tiết.\nb) Người thứ hai, thứ ba theo quy định riêng."
    assert body_score(later, [], weights, lead=lead) == body_score(later, [], weights)
    # What a part carries is its context's last field when that is a lead-in and the part opens at an item.
    part = Chunk("d#1.1", "d", "1", "", 1, cut, f"Luật | 51/2024/QH15 | {lead}", "h")
    assert carried_lead_in(part) == lead
    assert carried_lead_in(replace(part, text="Chính phủ quy định chi tiết.")) == ""
    assert carried_lead_in(replace(part, context="Luật | 51/2024/QH15 | Điều 1. Sửa đổi")) == ""
