"""A question about a named document as a whole ("CV 5973 nói gì?", "Tóm tắt QĐ 16/2026/QĐ-UBND", "Chỉ thị 04 có
nội dung gì?") is answered with what the document is about and its main parts, each with its place.

Such a question has no words of its own once the document's reference is set aside, so no passage matches it
better than another and the gate would refuse it; what the reader wants is the header's subject line and the
outline to choose a part from.
"""

from __future__ import annotations

import re

from bot.answer.compose import MAX_ITEMS, about, citation, item_label, masked_question, source_line
from bot.answer.models import Answer, document_label
from bot.understanding.query import QueryIntent
from ingest.models import Document, Section

# What is asked of the whole document ("nói gì", "về việc gì", "nội dung chính", "tóm tắt"), folded.
_ASKS_WHOLE = re.compile(r"\b(?:gi|tom tat|tom luoc|khai quat|gioi thieu|noi dung chinh)\b")
# Words such a question may hold besides the reference: how it asks, and how people address the bot.
_OVERVIEW_WORDS = frozenset(
    "noi gi ve viec dung chinh tom tat luoc khai quat gioi thieu quy dinh huong dan yeu cau de cap nhung cac gom co "  # noqa: SIM905
    "la van ban nay do cua the nao a vay nhi nhe oi cho toi em minh hoi xin bot voi hay giup biet muon duoc chu".split()
)
OUTLINE_TEXT = 4000  # characters of the opening and headings carried by the citation


def asks_overview(intent: QueryIntent) -> bool:
    """The question names a document and asks nothing of it but what it says."""
    # "Mục I.3 công văn 1500 nói gì?" asks one part, named by its place: that part answers.
    if not (intent.doc_numbers or intent.doc_refs) or intent.ordinal is not None:
        return False
    rest = masked_question(intent, expanded=False, marked=False, fill=" ")
    words = re.findall(r"[^\W\d_]+", rest)
    return bool(_ASKS_WHOLE.search(rest)) and all(w in _OVERVIEW_WORDS for w in words)


def outline(doc: Document) -> list[Section]:
    """The document's main parts in order: its first-level parts ("I.", "1.", "Chương I", an attached plan's
    "I."), else its articles."""
    top = [s for s in doc.sections if s.path and s.level == 1]
    if len(top) < 2:
        top = [s for s in doc.sections if s.path and s.level == 2 and not s.parent]
    return top


def overview_answer(question: str, doc: Document, notes: list[str]) -> Answer:
    head = doc.sections[0]
    parts = outline(doc)
    lines = [
        f"{i}. {item_label(s, head)}" + (f" (mục {s.path})" if s.path != s.title else "")
        for i, s in enumerate(parts[:MAX_ITEMS], 1)
    ]
    if len(parts) > MAX_ITEMS:
        lines.append(f"… và {len(parts) - MAX_ITEMS} phần khác (xem nguyên văn).")
    c = citation(doc, head, "\n".join([head.text, *(s.title for s in parts)])[:OUTLINE_TEXT], 1.0)
    body = f"Văn bản: {about(doc)}."
    if lines:
        body += f"\n\nCác phần chính của {document_label(doc.meta)}:\n" + "\n".join(lines)
    return Answer(
        question=question, found=True, answer=f"{body}\n\n{source_line(c)}", notes=notes, citations=[c]
    )
