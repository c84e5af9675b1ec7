"""Chat shorthand spelled out: "bn" (bao nhiêu), "ko" (không), "đc" (được), "ntn" (như thế nào), "j" (gì).

Teachers type on phones as they chat. No document writes these, so read as typed they would count as the
question's words that no passage knows (which the answer gate reads as "not in the documents"), and "bn" would
hide the "bao nhiêu" that asks for a figure. They stand for the words that frame a question, nothing else, so
they are written out before the question is read: with tone marks when the question has them, folded when not.
"""

from __future__ import annotations

import re
from functools import partial

from ingest.textnorm import fold, has_tone_marks

_SHORTHAND: tuple[tuple[str, str], ...] = (
    (r"bn|bnhiu|bnhieu", "bao nhiêu"),
    (r"ko|kô|hok|khum", "không"),
    (r"đc|dc", "được"),
    (r"ntn", "như thế nào"),
    (r"j", "gì"),
    (r"vs", "với"),
    (r"trc", "trước"),
    (r"tgian", "thời gian"),
)
# A whole word: not inside a code ("DC-01", "04/KH-ĐC"), an address or a number.
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![\w/&.@-])", r"(?![\w/&@-])"
_PATTERNS = tuple(
    (re.compile(rf"{_EDGE_BEFORE}(?:{short}){_EDGE_AFTER}", re.I), full) for short, full in _SHORTHAND
)


# A type's short code typed against its number ("CV4215", "TT01/2026", "QĐ1050"): the code and the number apart.
_GLUED = re.compile(r"\b(cv|qđ|qd|ct|kh|tt|nđ|nd|nq|tb|hd)(?=\d{1,5}(?:/|(?![\w.])))", re.I)


def spelled_out(question: str) -> str:
    """The question with chat shorthand written out ("Ko biết …" → "Không biết …"), and a document's short code
    apart from its number ("CV4215" → "CV 4215")."""
    question = _GLUED.sub(r"\1 ", question)
    marked = has_tone_marks(question)
    for pattern, full in _PATTERNS:
        question = pattern.sub(partial(_as, full=full, marked=marked), question)
    return question


def _as(match: re.Match[str], full: str, marked: bool) -> str:
    typed = match.group()
    # A capitalised shorthand ("DC", "KO") is as likely a code or a name: left as typed.
    if typed.isupper() and len(typed) > 1:
        return typed
    word = full if marked else fold(full)
    return word[:1].upper() + word[1:] if typed[:1].isupper() else word


CAPS_LETTERS = 12  # fewer capitals are a short form or a code ("THCS", "GDĐT"), not a question shouted


def sentence_case(question: str) -> str:
    """A question typed all in capitals ("HỌC PHÍ NĂM NAY BAO NHIÊU") in sentence case; any other as typed."""
    letters = [ch for ch in question if ch.isalpha()]
    if len(letters) < CAPS_LETTERS or any(ch.islower() for ch in letters):
        return question
    lower = question.lower()
    return lower[:1].upper() + lower[1:]
