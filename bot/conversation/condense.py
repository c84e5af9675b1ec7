"""Optional LLM condensation of a follow-up (prompts/condense.toml), trusted only when it keeps the user's words.

The rules (followup.py) always run first; the model may phrase the standalone question better, but a
rewrite that drops a word, name, year or number the teacher just typed is rejected and the rules decide.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from bot.conversation.followup import Resolution
from bot.conversation.spans import blank, level_spans, year_spans
from bot.conversation.state import Turn
from bot.prompts import CondensePrompt
from bot.understanding.query import understand
from bot.understanding.schoolyear import parse_school_years
from ingest.textnorm import fold

_YEAR = re.compile(r"^\d{4}-\d{4}$")
_LEVELS = {"Mầm non", "Tiểu học", "THCS", "THPT", "GDTX"}
MAX_REWRITE_CHARS = 400


def _words(text: str) -> str:
    """ " word word " folded, for whole-word containment."""
    return " " + " ".join(re.findall(r"[^\W_]+", fold(text))) + " "


def keeps_new_words(rewrite: str, message: str, new_words: list[str]) -> bool:
    """Every new word (topic words, province, school year, level, document number) and number survives."""
    folded = _words(rewrite)
    intent = understand(rewrite, date.today())
    years = parse_school_years(rewrite)
    for word in new_words:
        if _YEAR.match(word):
            ok = word in years
        elif word in _LEVELS:
            ok = word in intent.levels
        else:
            ok = _words(word) in folded
        if not ok:
            return False
    # other numbers ("lớp 3", "99%") must survive; levels ("cấp 2") and years were checked above as such
    digits = set(re.findall(r"\d+", rewrite))
    rest = blank(message, [*level_spans(message, grades=False), *year_spans(message)])
    return all(n in digits for n in re.findall(r"\d+", rest))


class LLMCondenser:
    def __init__(self, client: Any, prompt: CondensePrompt) -> None:
        self.client, self.prompt = client, prompt

    def condense(self, previous: Turn, message: str, rules: Resolution) -> str | None:
        text = self.client.chat(
            [
                {"role": "system", "content": self.prompt.system},
                {
                    "role": "user",
                    "content": self.prompt.user.format(
                        previous=previous.standalone, message=message, rules=rules.standalone
                    ),
                },
            ]
        )
        line = " ".join(str(text).strip().strip("\"“”'").split())
        return line if 0 < len(line) <= MAX_REWRITE_CHARS else None
