"""Greetings, thanks and goodbyes get a reply of their own, on every channel, and leave the conversation as it was."""

from __future__ import annotations

import pytest

from bot.answer.service import AnswerService
from bot.understanding.smalltalk import (
    BYE_REPLY,
    GREETING_REPLY,
    THANKS_REPLY,
    read_as_asked,
    small_talk_reply,
    without_context,
    without_courtesy,
)


@pytest.mark.parametrize(
    ("message", "reply"),
    [
        ("Xin chào", GREETING_REPLY),
        ("chao bot nhe", GREETING_REPLY),
        ("Chào buổi sáng thầy cô ạ!", GREETING_REPLY),
        ("cảm ơn bot nhé", THANKS_REPLY),
        ("Cảm ơn nhiều ạ 😊", THANKS_REPLY),
        ("ok cam on ban", THANKS_REPLY),
        ("Tạm biệt", BYE_REPLY),
        # A greeting before a question is a question.
        ("Xin chào, năm học này có những nhiệm vụ trọng tâm gì?", None),
        ("Cảm ơn, còn chỉ tiêu chuyên cần là bao nhiêu?", None),
        # Agreement alone greets nobody: it is left to the usual answer.
        ("ok", None),
    ],
)
def test_what_is_small_talk(message: str, reply: str | None) -> None:
    assert small_talk_reply(message) == reply


def test_a_greeting_is_answered_without_searching(service: AnswerService) -> None:
    answer = service.ask("Xin chào bot")
    assert answer.answer == GREETING_REPLY and not answer.citations and not answer.found


@pytest.mark.parametrize(
    ("message", "core"),
    [
        ("Cho em hỏi mức học phí là bao nhiêu?", "Mức học phí là bao nhiêu?"),
        ("Dạ thầy cô cho em hỏi bộ GD&ĐT yêu cầu gì ạ", "Bộ GD&ĐT yêu cầu gì ạ"),
        ("Ad ơi, cho mình hỏi chút: lịch thi khi nào?", "Lịch thi khi nào?"),
        ("xin hoi hoc phi bao nhieu", "hoc phi bao nhieu"),  # typed in lower case: stays so
        ("e hoi chut mo da o thon toong gia dc dung bn kg", "mo da o thon toong gia dc dung bn kg"),
        ("Học phí bao nhiêu? Em cảm ơn ạ", "Học phí bao nhiêu?"),
        ("Kế hoạch giáo dục nộp khi nào vậy ad", "Kế hoạch giáo dục nộp khi nào vậy"),
        # "em", "hỏi" inside what is asked stay; courtesy alone is no question to cut down.
        ("Chỉ tiêu trẻ em đi học?", "Chỉ tiêu trẻ em đi học?"),
        ("Chương trình cho em học sinh hỏi đáp là gì?", "Chương trình cho em học sinh hỏi đáp là gì?"),
        ("cho em hoi", "cho em hoi"),
        # Folded, "còn hội nhập" reads "con hỏi nhập": the marks say it is no courtesy.
        ("còn hội nhập quốc tế?", "còn hội nhập quốc tế?"),
        ("con hoi nhap quoc te", "con hoi nhap quoc te"),
        ("Dạ cho em hỏi thêm, còn năm học 2019-2020 thì sao", "Còn năm học 2019-2020 thì sao"),
    ],
)
def test_the_courtesy_around_a_question_is_not_what_it_asks(message: str, core: str) -> None:
    assert without_courtesy(message) == core


def test_a_question_asked_politely_is_answered_as_asked_plainly(service: AnswerService) -> None:
    # "em" and "hỏi" matched "trẻ em", "câu hỏi" and cost the right passage its place.
    plain = service.ask("Phương châm dạy học khi có dịch COVID-19 của An Giang là gì?")
    polite = service.ask(
        "Dạ thầy cô cho em hỏi phương châm dạy học khi có dịch COVID-19 của An Giang là gì ạ, em cảm ơn"
    )
    assert polite.found and [c.section for c in polite.citations] == [c.section for c in plain.citations]
    assert polite.answer == plain.answer


@pytest.mark.parametrize(
    ("message", "read"),
    [
        # What the sentences before the question say of the asker is no word the answer must hold; the
        # province and the level of school they name scope it.
        ("Em là giáo viên mới về trường. Ai chủ trì kiểm tra?", "Ai chủ trì kiểm tra?"),
        (
            "Em dạy THCS ở Hà Tĩnh. Năm nay Sở yêu cầu gì về STEM?",
            "Năm nay Sở yêu cầu gì về STEM? (Hà Tĩnh)",
        ),
        # Joined by a comma: split only when the clause names no one the question may be about.
        ("Mình làm văn thư ở trường, hạn nộp báo cáo là ngày nào?", "hạn nộp báo cáo là ngày nào?"),
        ("Em là GV, có được nghỉ hè không?", "Em là GV, có được nghỉ hè không?"),
        # The sentence that asks may carry its own courtesy.
        ("Em dạy THCS. Ad ơi cho em hỏi học phí bao nhiêu ạ?", "Học phí bao nhiêu ạ?"),
        # A context naming a number says which document or year: kept whole.
        ("Theo CV 4215. Học kỳ I có bao nhiêu tuần?", "Theo CV 4215. Học kỳ I có bao nhiêu tuần?"),
        # Two questions, or one sentence: as typed.
        ("Học phí bao nhiêu? Hạn nộp khi nào?", "Học phí bao nhiêu? Hạn nộp khi nào?"),
        ("Lào Cai phổ cập giáo dục ở bao nhiêu xã?", "Lào Cai phổ cập giáo dục ở bao nhiêu xã?"),
    ],
)
def test_the_sentence_a_message_asks_is_read(message: str, read: str) -> None:
    assert without_context(message) == read


def test_a_question_after_a_self_introduction_is_read_alone(service: AnswerService) -> None:
    intent, _, _ = service.examine(
        "Em là giáo viên mới về trường. Phương châm dạy học khi có dịch của An Giang là gì?"
    )
    assert intent.text == "Phương châm dạy học khi có dịch của An Giang là gì?"


def test_a_clause_is_about_the_asker_only_in_the_words_it_is_typed_with() -> None:
    # "Em đăng ký thi … rồi, …" (I registered for the exam) folds to "em dang …" like "Em đang …" (I am …): typed
    # with tone marks, it is read with them, and what it says stays in the question.
    asked = "Em đăng ký thi VNU-Tests rồi mà giờ muốn rút, rút sớm thì được trả lại bao nhiêu lệ phí?"
    assert read_as_asked(asked) == asked
    assert read_as_asked("Em đang soạn kế hoạch, hạn nộp là khi nào?") == "hạn nộp là khi nào?"
    assert read_as_asked("em dang soan ke hoach, han nop la khi nao?") == "han nop la khi nao?"
