"""Greetings, thanks and goodbyes get a reply of their own, on every channel, and leave the conversation as it was."""

from __future__ import annotations

import pytest

from bot.answer.service import AnswerService
from bot.understanding.smalltalk import BYE_REPLY, GREETING_REPLY, THANKS_REPLY, small_talk_reply


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
