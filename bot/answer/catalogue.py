"""Which documents the library holds for a scope: "Có những văn bản nào của Hà Tĩnh?", "Danh sách văn bản năm học
2026-2027", "Sở Hà Tĩnh có những công văn nào?", or a first message naming nothing but a scope ("Hà Tĩnh", "An Giang
năm học 2021-2022").

Sở staff check what guidance is in the system before they ask of it; no passage answers that, and retrieval would
quote the nearest opening. The answer lists the documents in scope, newest first, each by its label and subject.
"""

from __future__ import annotations

import re

from bot.answer.citations import citation
from bot.answer.focus import masked_question
from bot.answer.lists import MAX_ITEMS
from bot.answer.models import Answer, display_title, document_label
from bot.answer.overview import COURTESY
from bot.answer.scope import Scope
from bot.understanding.issuers import is_national, level_of
from bot.understanding.query import QueryIntent
from ingest.models import Document

_TYPE_WORDS = r"(?:van ban|chi thi|cong van|huong dan|ke hoach|quyet dinh|thong bao|thong tu|tai lieu)"
# "những văn bản nào", "các công văn gì", "danh sách văn bản", "liệt kê các văn bản", folded.
_ASKS_LIST = re.compile(
    rf"\b{_TYPE_WORDS}\s+(?:nao|gi)\b|\bdanh sach\b|\bliet ke\b|\b(?:bao nhieu|may)\s+{_TYPE_WORDS}\b"
)
# Words such a question may hold besides its scope: how it asks, and how people address the bot.
_FRAME = COURTESY | frozenset(
    "co nhung cac cua nao gi hien dang trong he thong nam hoc nay moi nhat ve biet danh sach liet ke van ban chi thi "  # noqa: SIM905
    "cong huong dan ke hoach quyet dinh thong bao tu tai lieu duoc hanh da nhieu may tinh thanh pho so bo phong ubnd "
    "gd dt gddt".split()
)
TITLE_CHARS = 110  # of a document's subject line shown beside its label


def asks_catalogue(intent: QueryIntent) -> bool:
    """The question asks which documents there are, or names nothing but a scope (a province, a year, an
    issuer)."""
    if intent.doc_numbers or intent.doc_refs:
        return False
    scoped = bool(intent.provinces or intent.year_source == "explicit" or intent.issuer_levels)
    if not scoped and not _ASKS_LIST.search(intent.folded):  # most questions: neither kind, read no further
        return False
    rest = masked_question(intent, expanded=False, marked=False, fill=" ")
    words = re.findall(r"[^\W\d_]+", rest)
    if not all(w in _FRAME for w in words):
        return False
    if _ASKS_LIST.search(rest):
        return True
    return scoped and not words


def catalogue_answer(question: str, docs: list[Document], intent: QueryIntent, scope: Scope) -> Answer:
    listed = [d for d in docs if scope.doc_ids is None or d.id in scope.doc_ids]
    if scope.province:  # the province's own documents: the Bộ's are not "của Hà Tĩnh"
        listed = [d for d in listed if d.meta.province == scope.province]
    year = scope.school_year
    if (
        year is None
        and scope.relative_year
        and any(d.meta.school_year == scope.relative_year for d in listed)
    ):
        year = scope.relative_year  # "năm nay": that year's documents, when there are any
    if year:
        listed = [d for d in listed if d.meta.school_year == year]
    if intent.issuer_levels:
        listed = [d for d in listed if level_of(d.meta) == intent.issuer_levels[0]]
    where = " ".join(p for p in (scope.province and f"của {scope.province}", year and f"năm học {year}") if p)
    if not listed:
        text = (
            f"Chưa có văn bản nào {where} trong hệ thống." if where else "Chưa có văn bản nào trong hệ thống."
        )
        if scope.province and any(is_national(d.meta) for d in docs):
            text += f" Câu hỏi về {scope.province} được trả lời từ văn bản của Bộ GD&ĐT, Chính phủ (áp dụng chung)."
        return Answer(question=question, found=False, answer=text)
    listed.sort(key=lambda d: (d.meta.school_year or "", d.meta.issued_date or ""), reverse=True)
    lines = []
    for i, d in enumerate(listed[:MAX_ITEMS], 1):
        title = display_title(d.meta.title or "")
        if len(title) > TITLE_CHARS:
            title = title[:TITLE_CHARS].rsplit(" ", 1)[0] + " …"
        of_year = f" (năm học {d.meta.school_year})" if d.meta.school_year else ""
        lines.append(f"{i}. {document_label(d.meta)}" + (f": {title}" if title else "") + of_year)
    if len(listed) > MAX_ITEMS:
        lines.append(f"… và {len(listed) - MAX_ITEMS} văn bản khác.")
    head = (
        f"Các văn bản {where} hiện có trong hệ thống ({len(listed)}):"
        if where
        else (f"Các văn bản hiện có trong hệ thống ({len(listed)}):")
    )
    # Each listed document's opening is cited, for a channel's "xem văn bản" buttons; the list is its own source.
    citations = [citation(d, d.sections[0], d.sections[0].text[:400], 1.0) for d in listed[:3] if d.sections]
    return Answer(
        question=question,
        found=True,
        answer=head + "\n" + "\n".join(lines),
        notes=list(scope.notes),
        citations=citations,
    )
