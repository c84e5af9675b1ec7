"""A question about a named document as a whole ("CV 5973 nói gì?", "Tóm tắt QĐ 16/2026/QĐ-UBND", "Chỉ thị 04 có
nội dung gì?") is answered with what the document is about and its main parts, each with its place; one asking
how many parts it has ("Chỉ thị 29 có mấy nhóm nhiệm vụ?", "Thông tư 01 gồm bao nhiêu điều?"), with their count.

Such a question has no words of its own once the document's reference is set aside, so no passage matches it
better than another and the gate would refuse it; what the reader wants is the header's subject line and the
outline to choose a part from.
"""

from __future__ import annotations

import re

from bot.answer.citations import citation, source_line
from bot.answer.focus import masked_question
from bot.answer.lists import MAX_ITEMS, item_label
from bot.answer.meta import about
from bot.answer.models import Answer, document_label, where_label
from bot.understanding.issuers import issuer_mentions
from bot.understanding.query import QueryIntent
from ingest.doctypes import DOC_TYPES
from ingest.legal import is_article_path
from ingest.models import Document, Section
from ingest.textnorm import fold

# What is asked of the whole document ("nói gì", "về việc gì", "nội dung chính", "tóm tắt"), folded.
_ASKS_WHOLE = re.compile(r"\b(?:gi|tom tat|tom luoc|khai quat|gioi thieu|noi dung chinh)\b")
# How many of its parts ("mấy nhóm nhiệm vụ", "bao nhiêu phần", "mấy điều"), folded; the noun as written.
_ASKS_COUNT = re.compile(
    r"\b(?:may|bao nhieu)\s+(?P<noun>(?:nhom\s+)?(?:nhiem vu|giai phap|noi dung)|phan|muc|nhom|dieu|chuong)\b"
)
_COUNT_WORDS = frozenset(
    "may bao nhieu nhom nhiem vu giai phap phan muc dieu chuong trong tam chu yeu".split()  # noqa: SIM905
)
# Words such a question may hold besides the reference: how it asks, and how people address the bot.
# How people address the bot around a question ("cho em hỏi", "giúp mình với", "ạ", "nhé"), folded.
COURTESY = frozenset("a vay nhi nhe oi cho toi em minh hoi xin bot voi hay giup".split())  # noqa: SIM905
_OVERVIEW_WORDS = COURTESY | frozenset(
    "noi gi ve viec dung chinh tom tat luoc khai quat gioi thieu quy dinh huong dan yeu cau de cap nhung cac gom co "  # noqa: SIM905
    "la van ban nay do cua the nao biet muon duoc chu".split()
)
# Words a bare reference may carry: whose it is, and how people address the bot ("CV 5973 của UBND tỉnh ạ").
_BARE = COURTESY | frozenset("cua do van ban nay".split())  # noqa: SIM905
_TYPE_WORDS = frozenset(w for t in DOC_TYPES for w in t.split())
_ISSUER_TAILS = frozenset("tinh thanh pho dt gddt".split())  # noqa: SIM905  ("UBND tỉnh", "Bộ GD&ĐT")
# "Thông tư 81/2025 của Bộ Công an quy định gì?": "của" and the body named between the document and the verb that
# asks what it says are whose the document is ("Bộ Công an", "Sở Tài chính", "Trường Đại học Việt Nhật"), folded.
_OWNER = re.compile(
    r"\bcua\s+(?:bo|so|ubnd|uy ban|truong|dai hoc|hoc vien|cuc|tong cuc|chinh phu|thu tuong|phong|hoi dong|vien)\b"
    r"(?:\s+[^\W\d_]+){0,8}?(?=\s*(?:quy dinh|noi|huong dan|yeu cau|de cap|co noi dung|ve viec|gom|gi)\b)"
)
OUTLINE_TEXT = 4000  # characters of the opening and headings carried by the citation


def asks_overview(intent: QueryIntent, named: bool = True) -> bool:
    """The question names a document and asks nothing of it but what it says. With `named` false, it names no
    document but a scope that may hold only one ("Đồng Tháp năm học 2021-2022 có bao nhiêu nhiệm vụ?")."""
    # "Mục I.3 công văn 1500 nói gì?" asks one part, named by its place: that part answers.
    if bool(intent.doc_numbers or intent.doc_refs) is not named or intent.ordinal is not None:
        return False
    rest = masked_question(intent, expanded=False, marked=False, fill=" ")
    # Whose it is: "của Thủ tướng", "của UBND tỉnh", "của Bộ Công an" (read on the question as typed: its issuer may
    # be masked already).
    owners = [(a, b) for a, b, _ in issuer_mentions(intent.text)]
    owners += [m.span() for m in _OWNER.finditer(fold(intent.text))]
    for start, end in owners:
        rest = rest[:start] + " " * (end - start) + rest[end:]
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if w not in _ISSUER_TAILS]
    if not named:  # "Chỉ thị của Đồng Tháp nói gì?": the type names the document the scope holds
        words = [w for w in words if w not in _TYPE_WORDS]
    if _ASKS_COUNT.search(rest):
        return all(w in _OVERVIEW_WORDS or w in _COUNT_WORDS for w in words)
    # A reference alone ("04/CT-UBND", "Chỉ thị 04 ạ"), as a number is pasted to ask what the document is.
    asks = bool(_ASKS_WHOLE.search(rest)) or not [w for w in words if w not in _BARE]
    return asks and all(w in _OVERVIEW_WORDS for w in words)


def outline(doc: Document) -> list[Section]:
    """The document's main parts in order: its first-level parts ("I.", "1.", "Chương I", an attached plan's
    "I."), else its articles."""
    top = [s for s in doc.sections if s.path and s.level == 1]
    if len(top) < 2:
        top = [s for s in doc.sections if s.path and s.level == 2 and not s.parent]
    return top


def _named_part(doc: Document, parts: list[Section], noun: str) -> tuple[Section, list[Section]] | None:
    """The main part headed by what is counted ("II. NHIỆM VỤ, GIẢI PHÁP" for "mấy nhiệm vụ"), with its items."""
    word = noun.removeprefix("nhom ")
    if word in ("phan", "muc", "chuong", "nhom"):
        return None
    for part in parts:
        items = [s for s in doc.sections if s.parent == part.path]
        if word in fold(part.title).lower() and len(items) >= 2:
            return part, items
    return None


def overview_answer(question: str, doc: Document, notes: list[str]) -> Answer:
    head = doc.sections[0]
    count = _ASKS_COUNT.search(fold(question).lower())
    articles = count is not None and count.group("noun") == "dieu"
    parts = [s for s in doc.sections if is_article_path(s.path)] if articles else outline(doc)
    found = _named_part(doc, parts, count.group("noun")) if count is not None and not articles else None
    named = None
    if found is not None:
        # "Chỉ thị 04 có mấy nhiệm vụ?": the items of its part headed "Nhiệm vụ …", not the parts themselves.
        named, parts = found
    lines = [
        f"{i}. {item_label(s, head)}" + (f" ({where_label(s.path, s.title)})" if s.path != s.title else "")
        for i, s in enumerate(parts[:MAX_ITEMS], 1)
    ]
    if len(parts) > MAX_ITEMS:
        lines.append(f"… và {len(parts) - MAX_ITEMS} phần khác (xem nguyên văn).")
    c = citation(doc, head, "\n".join([head.text, *(s.title for s in parts)])[:OUTLINE_TEXT], 1.0)
    body = f"Văn bản: {about(doc)}."
    if lines and named is not None:
        body += f"\n\nMục {named.path} ({named.title}) có {len(parts)} mục:\n" + "\n".join(lines)
    elif lines and count is not None:
        kind = "điều" if articles else "phần chính"
        body += f"\n\n{document_label(doc.meta)} có {len(parts)} {kind}:\n" + "\n".join(lines)
    elif lines:
        body += f"\n\nCác phần chính của {document_label(doc.meta)}:\n" + "\n".join(lines)
    return Answer(
        question=question, found=True, answer=f"{body}\n\n{source_line(c)}", notes=notes, citations=[c]
    )
