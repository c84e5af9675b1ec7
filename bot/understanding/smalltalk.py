"""Greetings, thanks and goodbyes: messages that ask nothing of the documents.

Teachers open a chat with "Xin chào", thank the bot after an answer and say goodbye; searching the documents for
those words would answer "the documents do not say". Such a message gets a short reply of its own, on every
channel, and is not read as a follow-up of the conversation.
"""

from __future__ import annotations

import re

from ingest.textnorm import fold

_GREETING = re.compile(r"\b(?:xin chao|chao|hello|hi|alo|a lo)\b")
_THANKS = re.compile(r"\b(?:cam on|thank|thanks|tks|thank you)\b")
_BYE = re.compile(r"\b(?:tam biet|bye|goodbye|hen gap lai)\b")
# Words such a message holds besides the greeting itself: whom it addresses, politeness, laughter.
_FILLERS = frozenset(
    "xin chao cam on tam biet hen gap lai hello hi alo a lo thank thanks tks you bye goodbye ban bot tro ly em anh "  # noqa: SIM905
    "chi thay co oi nhe nha nhieu rat lam the vay ok oke okay vang da duoc roi hihi haha hehe buoi sang chieu toi "
    "ngay tot moi nguoi ca".split()
)

GREETING_REPLY = (
    "Xin chào thầy cô! Tôi trả lời câu hỏi về nhiệm vụ năm học theo các văn bản chỉ đạo (Chỉ thị, Công văn, "
    "Hướng dẫn, Kế hoạch…), kèm số văn bản và mục trích dẫn. Ví dụ: “Năm học này có những nhiệm vụ trọng tâm "
    "gì?”, “Chỉ tiêu tỷ lệ học sinh đi học chuyên cần là bao nhiêu?”, “CV 5973 nói gì?”."
)
THANKS_REPLY = "Rất vui được hỗ trợ thầy cô. Thầy cô cần hỏi thêm điều gì cứ nhắn nhé."
BYE_REPLY = "Chào thầy cô, hẹn gặp lại!"


def small_talk_reply(message: str) -> str | None:
    """The reply to a message that is only a greeting, thanks or goodbye; None for anything else."""
    folded = fold(message.lower())
    words = re.findall(r"[^\W\d_]+", folded)
    if not words or len(words) > 12 or any(w not in _FILLERS for w in words):
        return None
    if _THANKS.search(folded):
        return THANKS_REPLY
    if _BYE.search(folded):
        return BYE_REPLY
    if _GREETING.search(folded):
        return GREETING_REPLY
    return None
