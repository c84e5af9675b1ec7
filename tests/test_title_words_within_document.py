"""A document's title words are what every passage of it is about: within the document found, the rest of the
question ("giờ nào, ngày nào trong tuần") chooses the passage, not the lead-in that repeats the title."""

from __future__ import annotations

from datetime import date

from bot.answer import compose
from bot.answer.figures import wanted_statement
from bot.ranking.retrieval import Hit
from bot.understanding.query import understand
from tests.conftest import SampleWith

TODAY = date(2026, 12, 3)

PLAN = """PHÒNG GD&ĐT THÀNH PHỐ THÁI NGUYÊN
TRƯỜNG THCS NGUYỄN DU
Số: 86/KH-THCSND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thái Nguyên, ngày 14 tháng 10 năm 2026

KẾ HOẠCH
Tổ chức Hội khỏe Phù Đổng cấp trường năm học 2026-2027 của Trường THCS Nguyễn Du

I. MỤC ĐÍCH, YÊU CẦU
Đẩy mạnh phong trào rèn luyện thân thể theo gương Bác Hồ vĩ đại; phát hiện, bồi dưỡng học sinh có năng khiếu thể thao.
II. NỘI DUNG HỘI KHỎE PHÙ ĐỔNG CẤP TRƯỜNG
Hội khỏe Phù Đổng cấp trường năm học 2026-2027 của Trường THCS Nguyễn Du, thành phố Thái Nguyên được tổ chức với các nội dung sau:
1. Môn thi đấu
Bóng đá nam, cầu lông, bóng bàn, điền kinh (chạy 60 m, chạy 800 m, nhảy xa), kéo co; mỗi lớp đăng ký tối đa 02 vận động viên mỗi nội dung cá nhân và 01 đội mỗi nội dung đồng đội.
2. Thời gian
Các trận diễn ra từ 14h00 đến 17h00 thứ Bảy và Chủ nhật, từ ngày 07/11/2026 đến ngày 22/11/2026.
3. Địa điểm
Sân trường và nhà đa năng của trường.
III. TỔ CHỨC THỰC HIỆN
Giáo viên Giáo dục thể chất xây dựng điều lệ; giáo viên chủ nhiệm đăng ký danh sách vận động viên trước ngày 30/10/2026.
"""


def test_the_title_words_do_not_choose_the_passage_within_the_document(sample_with: SampleWith) -> None:
    service = sample_with("thai-nguyen_2026-2027_kh-86-hkpd.txt", PLAN, mode="bm25")
    question = "Hội khỏe Phù Đổng cấp trường của Trường THCS Nguyễn Du thi đấu vào giờ nào, những ngày nào trong tuần?"
    view = service._view()
    # Retrieval found the part whose lead-in repeats the title: the answer is chosen within it.
    part = next(
        r
        for r in range(len(view.row_doc))
        if view.chunk(r).doc_id.endswith("kh-86-hkpd") and view.chunk(r).section_path == "II"
    )
    hit = Hit(
        row=part, chunk=view.chunk(part), doc=view.doc_of(part), score=1.0, bm25=1.0, dense=0.9, coverage=1.0
    )
    intent = understand(question, TODAY)
    answer = compose.extractive_answer(
        question, [hit], view, [], service.passages.terms(intent), wanted=wanted_statement(intent)
    )
    assert answer.citations[0].section == "II.2", answer.citations[:1]
    assert "thứ Bảy và Chủ nhật" in answer.answer, answer.answer
