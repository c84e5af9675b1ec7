"""Everyday wordings → the administrative wordings documents use ("tiền học" → "học phí", "bệnh nhân" →
"người bệnh", "tối đa" → "không quá").

Teachers and parents ask in the words they speak; directives write in the register of administration. A
question's everyday phrase is searched beside its formal equivalents (bot.understanding.query's expansions),
and only those the library writes: a formal phrase no document holds would only add noise. The table is data
(register.tsv beside this module), validated when the module loads.

Matched on folded text, since many questions are typed without tone marks; but a word typed with marks must
carry the table's own ("chậm thì", late then, is no "chấm thi", marking exams).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.understanding.abbreviations import whole
from ingest.textnorm import fold, mark_key

TABLE = Path(__file__).with_name("register.tsv")
MAX_FORMAL = 3
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Wording:
    plain: str  # as the table writes it, with its marks
    formal: tuple[str, ...]
    marks: dict[str, frozenset[str]]  # each folded word of `plain` → the marks it is written with


def parse(text: str, source: str = "register.tsv") -> tuple[Wording, ...]:
    """The table's lines; a malformed one raises ValueError naming its line."""
    out: list[Wording] = []
    seen: set[str] = set()
    for n, raw in enumerate(text.splitlines(), 1):
        line = unicodedata.normalize("NFC", raw).strip()
        if not line or line.startswith("#"):
            continue
        plain, tab, rest = line.partition("\t")
        formal = tuple(f.strip() for f in rest.split("|") if f.strip())
        key = fold(plain.strip().lower())
        if not tab or not _WORD.search(key) or not formal or len(formal) > MAX_FORMAL:
            raise ValueError(f"{source}:{n}: cần 'cách nói thường<TAB>cách viết 1 | … (tối đa {MAX_FORMAL})'")
        if key in seen:
            raise ValueError(f"{source}:{n}: '{plain.strip()}' đã có ở dòng trước")
        seen.add(key)
        marks: dict[str, set[str]] = {}
        for word in _WORD.findall(plain.lower()):
            marks.setdefault(fold(word), set()).add(mark_key(word))
        out.append(Wording(plain.strip(), formal, {k: frozenset(v) for k, v in marks.items()}))
    return tuple(out)


def table(path: Path | None = None) -> tuple[tuple[Wording, ...], re.Pattern[str]]:
    """The wordings and one pattern over all of them, longest first (leftmost-longest: "học online", not
    "online"); read once per file."""
    return _load(path or TABLE)


@cache
def _load(path: Path) -> tuple[tuple[Wording, ...], re.Pattern[str]]:
    wordings = parse(path.read_text(encoding="utf-8"), path.name)
    by_key = sorted(range(len(wordings)), key=lambda i: -len(wordings[i].plain))
    # One alternation inside one word boundary: the boundary is tested once a position, not once a wording.
    pattern = re.compile(
        whole(
            "(?:" + "|".join(f"(?P<w{i}>{re.escape(fold(wordings[i].plain.lower()))})" for i in by_key) + ")"
        )
    )
    return wordings, pattern


def matches(text: str, folded: str) -> list[tuple[int, int, Wording]]:
    """(start, end, wording) of the everyday wordings in the question; `folded` lines up with `text` (the
    lower-cased, folded question)."""
    wordings, pattern = table()
    aligned = len(text) == len(folded)
    out = []
    for m in pattern.finditer(folded):
        wording = wordings[int(str(m.lastgroup)[1:])]
        if not aligned or _as_typed(text, m.span(), wording.marks):
            out.append((*m.span(), wording))
    return out


def _as_typed(text: str, span: tuple[int, int], marks: dict[str, frozenset[str]]) -> bool:
    """Whether the words of `text` in `span` are the wording's: a word typed with marks must carry its own."""
    for word in _WORD.findall(text[span[0] : span[1]].lower()):
        if fold(word) != word and mark_key(word) not in marks.get(fold(word), {mark_key(word)}):
            return False
    return True
