"""A question naming several provinces is asked of each (bot/answer/several.py), and through the answer service."""

from __future__ import annotations

import pytest

from bot.answer.models import Answer
from bot.answer.service import AnswerService
from bot.answer.several import each_province, for_province


@pytest.mark.parametrize(
    ("question", "province", "alone"),
    [
        ("Hà Tĩnh và Nghệ An tuyển bao nhiêu giáo viên?", "Hà Tĩnh", "Hà Tĩnh tuyển bao nhiêu giáo viên?"),
        ("Hà Tĩnh và Nghệ An tuyển bao nhiêu giáo viên?", "Nghệ An", "Nghệ An tuyển bao nhiêu giáo viên?"),
        (
            "So sánh chỉ tiêu tuyển dụng giáo viên của Hà Tĩnh với Nghệ An",
            "Hà Tĩnh",
            "Chỉ tiêu tuyển dụng giáo viên của Hà Tĩnh",
        ),
        ("ha tinh, nghe an va lao cai khai giang ngay nao", "Lào Cai", "Lao cai khai giang ngay nao"),
    ],
)
def test_the_question_about_one_province_alone(question: str, province: str, alone: str) -> None:
    provinces = ["Hà Tĩnh", "Nghệ An", "Lào Cai"]
    assert for_province(question, province, provinces) == alone


def test_each_province_answers_under_its_name() -> None:
    asked: list[tuple[str, str]] = []

    def ask(question: str, province: str) -> Answer:
        asked.append((question, province))
        if province == "Nghệ An":
            return Answer(
                question=question, found=False, answer="Không có.", notes=["Văn bản mới nhất: 2025-2026."]
            )
        return Answer(question=question, found=True, answer="“Tuyển 640 giáo viên.”", notes=[])

    answer = each_province("Hà Tĩnh và Nghệ An tuyển bao nhiêu giáo viên?", ["Hà Tĩnh", "Nghệ An"], ask)
    assert asked == [
        ("Hà Tĩnh tuyển bao nhiêu giáo viên?", "Hà Tĩnh"),
        ("Nghệ An tuyển bao nhiêu giáo viên?", "Nghệ An"),
    ]
    assert answer.found
    assert answer.answer == (
        "■ Hà Tĩnh:\n“Tuyển 640 giáo viên.”\n\n■ Nghệ An:\nChưa có văn bản của Nghệ An nói về nội dung này."
    )
    assert answer.notes == ["Nghệ An: Văn bản mới nhất: 2025-2026."]


def test_two_provinces_through_the_service(service: AnswerService) -> None:
    answer = service.ask("An Giang và Lào Cai chỉ đạo gì về chuyển đổi số?")
    assert answer.answer.startswith("■ An Giang:\n") and "\n\n■ Lào Cai:\n" in answer.answer
    assert answer.citations[0].province == "An Giang"
