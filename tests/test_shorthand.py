"""Chat shorthand is written out before a question is read."""

from __future__ import annotations

import pytest

from bot.answer.service import AnswerService
from bot.understanding.shorthand import spelled_out


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("GV có đc nghỉ hè ko", "GV có được nghỉ hè không"),
        ("thi hsg tổ chức ntn", "thi hsg tổ chức như thế nào"),
        ("Ko biết lớp 9 có j mới", "Không biết lớp 9 có gì mới"),
        # Typed without tone marks: written out without them too.
        ("hoc phi mam non bn tien 1 thang", "hoc phi mam non bao nhieu tien 1 thang"),
        # A type's short code typed against its number.
        ("CV4215 yêu cầu gì về STEM", "CV 4215 yêu cầu gì về STEM"),
        ("TT01/2026 hiệu lực khi nào", "TT 01/2026 hiệu lực khi nào"),
        ("Lớp 10A1 học mấy tiết", "Lớp 10A1 học mấy tiết"),
        # Inside a document's code or in capitals it is a code, not shorthand.
        ("Công văn số 12/KH-DC nói gì", "Công văn số 12/KH-DC nói gì"),
        ("Dòng điện DC là gì", "Dòng điện DC là gì"),
    ],
)
def test_chat_shorthand_is_written_out(typed: str, read: str) -> None:
    assert spelled_out(typed) == read


def test_a_question_in_chat_shorthand_is_read_and_answered_as_written_out(service: AnswerService) -> None:
    # "bn" counted as a word no document knows, and hid the "bao nhiêu" that asks for a figure.
    intent, _, _ = service.examine("Chỉ tiêu tỷ lệ học sinh đi học chuyên cần là bn vậy")
    assert intent.text == "Chỉ tiêu tỷ lệ học sinh đi học chuyên cần là bao nhiêu vậy"
    full = service.ask("Chỉ tiêu tỷ lệ học sinh đi học chuyên cần là bao nhiêu?")
    chat = service.ask("Chỉ tiêu tỷ lệ học sinh đi học chuyên cần là bn vậy")
    assert chat.found and chat.answer.split("\n")[0] == full.answer.split("\n")[0]
