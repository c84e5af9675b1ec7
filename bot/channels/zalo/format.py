"""Plain-text answers for Zalo: no markup is rendered, and one message holds at most 2,000 characters."""

from __future__ import annotations

import re

from bot.answer.models import Answer, Citation

MAX_MESSAGE_CHARS = 2000
_SENTENCE_END = re.compile(r"(?<=[.!?…;:])\s+")


def citation_line(citation: Citation) -> str:
    line = "Nguồn: " + citation.label()
    if citation.school_year:
        line += f", năm học {citation.school_year}"
    return line


def format_answer(answer: Answer) -> str:
    parts = [answer.answer.strip()]
    parts += [n.strip() for n in answer.notes if n.strip()]
    seen: set[str] = set()
    lines = []
    for citation in answer.citations:
        line = citation_line(citation)
        if citation.label() in answer.answer:  # the composed answer already names this source
            continue
        if line not in seen:  # two passages of one section cite the same thing
            seen.add(line)
            lines.append(line)
    if lines:
        parts.append("\n".join(lines))
    return "\n\n".join(p for p in parts if p)


def _pieces(text: str, limit: int) -> list[str]:
    """Cut one over-long block at the coarsest boundary that works: line, sentence, word, then characters."""
    if len(text) <= limit:
        return [text]
    for splitter, joiner in ((re.compile(r"\n"), "\n"), (_SENTENCE_END, " "), (re.compile(r"\s+"), " ")):
        parts = [p for p in splitter.split(text) if p]
        if len(parts) > 1:
            return _pack(parts, joiner, limit)
    return [text[i : i + limit] for i in range(0, len(text), limit)]


def _pack(parts: list[str], joiner: str, limit: int) -> list[str]:
    """Greedily join parts into chunks ≤ limit; parts that are themselves too long are cut further."""
    out: list[str] = []
    current = ""
    for part in parts:
        for piece in _pieces(part, limit):
            candidate = f"{current}{joiner}{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                if current:
                    out.append(current)
                current = piece
    if current:
        out.append(current)
    return out


def split_message(text: str, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """Split into messages of ≤ limit characters at paragraph, then sentence, then word boundaries."""
    text = text.strip()
    if not text:
        return []
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return [m.strip() for m in _pack(paragraphs, "\n\n", limit) if m.strip()]


def answer_messages(answer: Answer, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    return split_message(format_answer(answer), limit)
