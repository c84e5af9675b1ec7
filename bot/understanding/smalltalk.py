"""Greetings, thanks and goodbyes: messages that ask nothing of the documents.

Teachers open a chat with "Xin chào", thank the bot after an answer and say goodbye; searching the documents for
those words would answer "the documents do not say". Such a message gets a short reply of its own, on every
channel, and is not read as a follow-up of the conversation.
"""

from __future__ import annotations

import re

from bot.understanding.query import levels_named
from bot.understanding.schoolyear import tone_spans
from bot.understanding.shorthand import spelled_out
from ingest.provinces import find_provinces
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


# How a chat question opens and closes around what it asks: "Dạ thầy cô cho em hỏi …", "Ad ơi, cho mình hỏi
# chút: …", "Xin hỏi …", "… em cảm ơn ạ". Matched on the folded text (one character for one).
_ADDRESS = r"(?:ad|admin|bot|ban|thay co|thay|co|anh chi|anh|chi|moi nguoi)"
# Who asks; of them, those that are no other word before "hỏi"/"hội" ("con hoi" is also "còn hội").
_ASKER_ALONE = "em|e|minh|mk|mik|toi"
_ASKER = rf"(?:{_ASKER_ALONE}|con|to|chau)"
_OPENING = re.compile(
    rf"^(?:(?:da|vang|xin chao|chao)(?:\s+{_ADDRESS})?\b[\s,.!]*)?"
    rf"(?:{_ADDRESS}\s+oi\b[\s,.!]*)?"
    rf"(?:(?:{_ADDRESS}\s+)?(?:xin\s+)?cho\s+{_ASKER}\s+hoi\b(?:\s+(?:chut|mot chut|voi|thu|them|nhe|a)\b)*"
    # without "cho", only the askers that are no other word before "hỏi"
    rf"|xin hoi\b|cho hoi\b|(?:{_ASKER_ALONE})\s+(?:muon\s+)?hoi\b(?:\s+(?:chut|mot chut|thu|them)\b)*)?"
    r"[\s,:.!?]*"
)
_CLOSING = re.compile(
    rf"[\s,.!]*(?:{_ASKER}\s+)?(?:xin\s+)?(?:cam on|thanks|thank you|tks)\b(?:\s+(?:a|nhieu|{_ADDRESS}|nhe|nha)\b)*"
    r"[\s.!]*$"
    # or whom it was asked of, last: "… nộp khi nào vậy ad", "… ạ admin ơi"
    r"|[\s,]+(?:ad|admin|bot)(?:\s+oi)?[\s.!?]*$"
)


# The courtesy words as written with their marks: matched folded, "còn hội nhập" would read "con hỏi nhập".
_COURTESY_WORDS = frozenset(
    "dạ vâng xin chào ơi thầy cô anh chị bạn mọi người cho em mình tôi con tớ cháu hỏi muốn chút một với thử nhé "  # noqa: SIM905
    "ạ cảm ơn nhiều nha thêm".split()
)


def _typed_as_courtesy(span: str) -> bool:
    """Whether every word of `span` typed with marks is a courtesy word as written (bare words may be any)."""
    return all(fold(w) == w or w in _COURTESY_WORDS for w in re.findall(r"[^\W\d_]+", span.lower()))


def without_courtesy(question: str) -> str:
    """The question without the courtesy around it ("Cho em hỏi", "Ad ơi", "em cảm ơn ạ"): "em" and "hỏi" are no
    words of what is asked ("trẻ em", "câu hỏi"). The first letter keeps the case the message began with."""
    folded = fold(question.lower())
    aligned = len(folded) == len(question)
    m = _OPENING.match(folded)
    start = m.end() if m and (not aligned or _typed_as_courtesy(question[: m.end()])) else 0
    c = _CLOSING.search(folded)
    courteous = c and c.start() > start and (not aligned or _typed_as_courtesy(question[c.start() :]))
    end = c.start() if c and courteous else len(question)
    core = question[start:end].strip()
    if not core or not any(ch.isalpha() for ch in core) or (start == 0 and end == len(question)):
        return question
    if start and question[:1].isupper() and core[:1].islower():
        core = core[:1].upper() + core[1:]
    return core


# A sentence that asks: its mark, or the words Vietnamese asks with (folded).
_ASKS = re.compile(
    r"\?|\b(?:gi|nao|bao nhieu|may|sao|khong|chua|ai|dau|the nao|ra sao|co phai|hay khong|bao gio|bao lau)\b"
)
# A clause about the asker opening a message, up to its first comma: "Mình làm văn thư ở trường,", "Em đang soạn …,".
_ABOUT_ME_WORDS = (
    r"^(?:em|mình|tôi|chúng em|trường em|bên em|trường mình|bên mình)\s+"
    r"(?:là|làm|đang|mới|dạy|ở|công tác|hiện)\b[^,?]*,"
)
# Whom a question may be about, in such a clause (folded): a role, a learner, a number (its level of school is
# read by `levels_named`).
_NAMES_WHO = re.compile(
    r"\b(?:giao vien|gv|hieu truong|can bo quan ly|cbql|phu huynh|hoc sinh|hs|sinh vien|sv|tre)\b|\d"
)


def _about_me(message: str) -> int | None:
    """Where such a clause ends. Typed with tone marks, its words are read with them: "Em đăng ký thi …, …"
    (registered) is no "em đang …" (I am)."""
    spans = tone_spans(_ABOUT_ME_WORDS, message)
    return spans[0][1] if spans else None


def _names_who(clause: str) -> bool:
    return bool(_NAMES_WHO.search(fold(clause.lower())) or levels_named(clause))


def question_sentence(message: str) -> tuple[str, str]:
    """The sentence a message asks, and what the sentences before it say that scopes it ("Em là giáo viên THCS ở
    Hà Tĩnh. Năm nay Sở yêu cầu gì về STEM?" → the last sentence, and "THCS", "Hà Tĩnh" kept apart). A message that
    is one sentence, or whose earlier sentences ask too, is returned whole."""
    parts = [p for p in re.split(r"(?<=[.!])\s+", message.strip()) if p]
    if len(parts) == 1 and (end := _about_me(message)) and not _names_who(message[:end]):
        # "Mình làm văn thư ở trường, hạn nộp … là ngày nào?": the clause before the comma tells who asks. One
        # that names a role or a level ("Em là GV, có được nghỉ hè không?") may be whom it asks about: kept.
        parts = [message[: end - 1], message[end:].strip()]
    if len(parts) < 2 or not _ASKS.search(fold(parts[-1].lower())):
        return message, ""
    context = " ".join(parts[:-1])
    if _ASKS.search(fold(context.lower())):
        return message, ""
    return parts[-1], context


def without_context(message: str) -> str:
    """The sentence a message asks, with the province the sentences before it name in brackets after it; the rest of them ("Em là giáo viên mới về trường.")
    is no word the answer must hold."""
    question, context = question_sentence(message)
    # A context naming a number (a document "CV 4215", a year, a class) is kept whole: it says which.
    if not context or any(ch.isdigit() for ch in context):
        return message
    # The sentence that asks may open with its own courtesy ("Em dạy THCS. Ad ơi cho em hỏi …").
    question = without_courtesy(question)
    # The province the asker names scopes the documents; the level they teach need not scope the question ("Em dạy
    # THCS. … tỷ lệ chuyên cần là bao nhiêu?" asks the province's target, not a THCS one).
    scope = find_provinces(context)
    return f"{question} ({', '.join(scope)})" if scope else question


def read_as_asked(message: str) -> str:
    """What a chat message asks, as the question's reader should see it: without the courtesy around it, with
    chat shorthand written out, and without the sentences before it that only say who asks."""
    return without_context(spelled_out(without_courtesy(message)))
