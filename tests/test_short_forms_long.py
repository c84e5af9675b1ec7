"""A short form no document writes ("GV") is read as its long form when passages are weighed: a passage writing
"giáo viên" says what "tuyển bao nhiêu GV" asks as surely as one writing "GV" (bot/answer/focus.py)."""

from __future__ import annotations

from datetime import date

from bot.answer.focus import focus_compounds, spelled_out
from bot.understanding.query import understand
from tests.conftest import SampleWith

TODAY = date(2026, 12, 3)


def test_the_question_spelled_out_and_its_pairs() -> None:
    intent = understand("Hà Tĩnh tuyển bao nhiêu GV?", TODAY)
    assert spelled_out(intent, marked=True) == ["tuyển", "giáo", "viên"]
    # The pair "giáo viên" is the question's when no document writes "GV"; a short form the documents write
    # themselves ("THPT" in most of them) is how they say it, and pairs nothing.
    assert [c.gram for c in focus_compounds(intent, writes=lambda phrase: False)] == [("giao", "vien")]
    assert focus_compounds(intent, writes=lambda phrase: True) == []
    assert spelled_out(understand("Hà Tĩnh tuyển bao nhiêu giáo viên?", TODAY), marked=True) == []


PLAN = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ
Số: 31/CT-UBND
Quảng Trị, ngày 20 tháng 8 năm 2026

CHỈ THỊ
Về nhiệm vụ trọng tâm năm học 2026-2027

I. NHIỆM VỤ CHUNG
Các cấp, các ngành tập trung thực hiện tốt nhiệm vụ năm học 2026-2027.

II. TỔ CHỨC THỰC HIỆN
1. Sở Giáo dục và Đào tạo:
Chủ trì tổ chức kỳ thi tuyển sinh vào lớp 10 năm học 2027-2028 bảo đảm an toàn, nghiêm túc.
2. Sở Nội vụ:
Hoàn thành tuyển dụng 410 giáo viên còn thiếu theo định mức trước ngày 31/12/2026.
3. Sở Tài chính:
Bố trí kinh phí chi thường xuyên cho các trường mầm non, tiểu học, trung học cơ sở.
"""


def test_a_question_typing_the_short_form_is_answered_from_the_long_forms_passage(
    sample_with: SampleWith,
) -> None:
    service = sample_with("quang-tri_2026-2027_chi-thi-31.txt", PLAN)
    answer = service.ask("Quảng Trị tuyển bao nhiêu GV?")
    assert answer.found and "410 giáo viên" in answer.answer
    # What the gate weighs: every word asked is in the passage, and so is the pair the long form makes.
    _, _, hits = service.examine("Quảng Trị tuyển bao nhiêu GV?")
    assert hits[0].chunk.section_path == "II.2"
    assert hits[0].coverage == 1.0 and hits[0].pairs == 1.0
