"""Abbreviations a document defines: "Trung tâm học tập cộng đồng (TTHTCĐ)", "… (sau đây gọi tắt là VLNCN)".

Vietnamese administrative texts write a long name once with its short form in parentheses and use the short
form afterwards; readers then ask with the short form. A definition is accepted only when the short form's
letters are the initials of the words just before the parenthesis (function words like "và" may be skipped),
so a parenthesised code or number ("(KH)", "(Phụ lục 1)") that spells nothing is not taken for one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ingest.textnorm import fold

# An upper-case short form in parentheses, optionally introduced by "sau đây gọi/viết tắt là".
_DEFINED = re.compile(
    r"\(\s*(?:(?:sau\s+đây\s+)?(?:được\s+)?(?:gọi|viết)\s+tắt\s+(?:là\s+)?:?\s*)?[“\"']?"
    r"([A-ZĐ][A-ZĐ&\-]{1,11})[”\"']?\s*\)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# A definition item of a "Giải thích từ ngữ" article: "4. Tổng chi phí sở hữu (TCO) là …". The term is the whole
# item up to the parenthesis, so a short form that is not its initials (a foreign one: TCO, GRDP, PCI) is taken too.
_ITEM = re.compile(r"\s*(?:\d{1,2}[.)]|[a-zđ][.)]|[-–+•])\s+(?P<term>[^()\n]+?)\s*$")
_IS = re.compile(r"\s*là\b")
ITEM_WORDS = (2, 8)
_SKIPPABLE = frozenset({"va", "cua", "cac", "cho", "ve", "tai", "o", "voi"})
MAX_WORDS = 14


def _initials_match(words: list[str], letters: str) -> int | None:
    """How many of the last `words` spell `letters` by their initials (None if they do not)."""
    i = len(letters) - 1
    taken = 0
    for word in reversed(words):
        folded = fold(word)
        if i < 0:
            break
        if folded[:1] == letters[i]:
            i -= 1
            taken += 1
            continue
        if taken and folded in _SKIPPABLE:  # "giáo dục và đào tạo" → GD&ĐT: "và" spells nothing
            taken += 1
            continue
        return None
    return taken if i < 0 else None


def definitions(text: str) -> dict[str, str]:
    """Short form → long form, for each definition the text writes."""
    out: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        short = m.group(1)
        if not short.isupper():  # "(Kèm theo)" is no short form
            continue
        letters = fold(short).replace("&", "").replace("-", "")
        line_start = text.rfind("\n", 0, m.start()) + 1
        words = _WORD.findall(text[line_start : m.start()])[-MAX_WORDS:]
        n = _initials_match(words, letters)
        if n:
            out.setdefault(short, " ".join(words[-n:]).lower())
        elif (item := _ITEM.fullmatch(text[line_start : m.start()])) and _IS.match(text, m.end()):
            term = _WORD.findall(item.group("term"))
            if ITEM_WORDS[0] <= len(term) <= ITEM_WORDS[1] and len(term) == len(item.group("term").split()):
                out.setdefault(short, " ".join(term).lower())
    return out


def library_table(texts: Iterable[str]) -> dict[str, str]:
    """Definitions across documents; where documents disagree, the long form most of them write."""
    seen: dict[str, Counter[str]] = {}
    for text in texts:
        for short, long in definitions(text).items():
            seen.setdefault(short, Counter())[long] += 1
    return {short: forms.most_common(1)[0][0] for short, forms in seen.items()}
