"""The quoted sentence is chosen by what tells a section's sentences apart: the heading's words ("Chấm báo cáo
thực tập") are what every sentence under it is about, so the rest of the question ("gửi chậm 5 hôm … trừ mấy điểm")
chooses the sentence."""

from __future__ import annotations

from bot.answer.service import AnswerService
from tests.conftest import SampleWith

GUIDANCE = """TRƯỜNG ĐẠI HỌC MẪU
PHÒNG ĐÀO TẠO
Số: 215/HD-ĐHM
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 10 tháng 9 năm 2026

HƯỚNG DẪN
Tổ chức thực tập cuối khóa năm học 2026-2027

1. Mục đích
Giúp sinh viên vận dụng kiến thức đã học vào công việc thực tế tại cơ quan, doanh nghiệp.
2. Thời gian thực tập
Sinh viên thực tập tại cơ sở trong 08 tuần, từ ngày 05/01/2027 đến ngày 28/02/2027.
3. Chấm báo cáo thực tập
- Báo cáo thực tập của sinh viên được chấm theo thang điểm 10, lấy đến một chữ số thập phân.
- Báo cáo thực tập được giảng viên hướng dẫn và một giảng viên của khoa cùng chấm độc lập.
- Trừ 01 điểm nếu nộp muộn dưới 03 ngày; trừ 02 điểm nếu nộp muộn từ 03 ngày trở lên.
4. Tổ chức thực hiện
Các khoa phân công giảng viên hướng dẫn và báo cáo kết quả về Phòng Đào tạo trước ngày 15/3/2027.
"""


def test_the_headings_words_do_not_choose_the_sentence(sample_with: SampleWith) -> None:
    service = sample_with("ha-noi_2026-2027_hd-215-thuc-tap.txt", GUIDANCE)

    answer = service.ask("Em gửi báo cáo thực tập chậm 5 hôm so với hạn thì bị trừ mấy điểm ạ?")
    assert answer.found and answer.citations[0].section == "3", answer.citations[:1]
    assert "trừ 02 điểm nếu nộp muộn từ 03 ngày" in answer.answer, answer.answer
    # A question whose words are all the heading's still quotes from its section
    scale = service.ask("Báo cáo thực tập chấm theo thang điểm mấy?")
    assert scale.found and "thang điểm 10" in scale.answer, scale.answer


def test_the_passage_is_chosen_in_the_spelling_the_question_was_typed_in(service: AnswerService) -> None:
    # "diễn ra" is no "toàn diện": read without tone marks, the words of the Party's resolution cited in "Thứ tư"
    # ("… đổi mới căn bản, toàn diện …", "Hội nghị Trung ương") outweighed the opening's "Ngày 02/8/2019, Sở … tổ
    # chức Hội nghị …", which is what the question asks.
    answer = service.ask("Sơn La hội nghị triển khai nhiệm vụ năm học diễn ra ngày nào?")
    assert answer.found and "Ngày 02/8/2019" in answer.answer
    assert answer.citations[0].doc_id.startswith("son-la") and answer.citations[0].section == ""


PLAN = """UBND TỈNH MẪU
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 318/SGDĐT-VP
Tỉnh Mẫu, ngày 12 tháng 9 năm 2026

V/v đăng ký chỉ tiêu thi đua năm học 2026-2027

1. Nâng cao chất lượng giáo dục toàn diện
Phấn đấu 100% trường tổ chức dạy học 2 buổi/ngày theo quy định.
2. Đẩy mạnh ứng dụng công nghệ thông tin
- Trang bị thiết bị để ứng dụng công nghệ thông tin trong quản lý, dạy và học ở 100% trường trung học.
- Xây dựng phương án dạy học trực tuyến khi thời tiết cực đoan buộc học sinh nghỉ học.
3. Tổ chức thực hiện
Các phòng, đơn vị báo cáo kết quả về Sở trước ngày 31/5/2027.
"""


def test_a_short_form_the_passage_never_writes_leaves_the_headings_words_to_choose(
    sample_with: SampleWith,
) -> None:
    # "CNTT" is what the question adds to the heading, but the section spells it "công nghệ thông tin": its
    # sentences are then chosen by the heading's words, not left to chance.
    service = sample_with("mau_2026-2027_cv-318-thi-dua.txt", PLAN)
    answer = service.ask("Sở GD&ĐT tỉnh Mẫu năm học 2026-2027 đăng ký chỉ tiêu gì về CNTT?")
    assert answer.found and answer.citations[0].section == "2", answer.citations[:1]
    assert "ứng dụng công nghệ thông tin trong quản lý" in answer.answer, answer.answer
