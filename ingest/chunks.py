"""Sections → chunks. A chunk never crosses a section boundary; long sections are split with overlap."""

from __future__ import annotations

import hashlib
import re

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest import legal
from ingest.models import Chunk, Document, Section

CHUNK_SIZE = 900
CHUNK_OVERLAP = 150
# An article is one passage up to this size (about the model's 512 tokens): it is what a law is cited by,
# and its clauses read together; longer articles are cut between clauses into parts of up to ARTICLE_PART.
ARTICLE_CHUNK = 2000
ARTICLE_PART = 1400
# Paragraphs first, then sentence ends, then the semicolons Vietnamese directives chain clauses with.
_SEPARATORS = ["\n", ". ", "; ", ": ", ", ", " ", ""]


def _splitter(size: int, overlap: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=size,
        chunk_overlap=overlap,
        separators=_SEPARATORS,
        keep_separator="end",
        strip_whitespace=True,
    )


TITLE_CONTEXT = 160  # characters of the document's subject line carried by each passage
LEAD_IN = 240  # characters of a split clause's opening carried by its later parts


def context_header(doc: Document, section: Section) -> str:
    """Short line prepended for retrieval only: type, number, issuer, province, school year, the document's
    subject, and the headings above the section. A numbered item means what its parents' headings and the
    document's subject say ("II. Thời gian, địa điểm" › "1. Thời gian kiểm tra" of "Kế hoạch kiểm tra cấp
    giấy chứng nhận …"): a question asks with those words, which the item itself does not repeat."""
    m = doc.meta
    parts = [
        m.doc_type,
        m.doc_number or "",
        m.issuer or "",
        m.province or "",
        f"năm học {m.school_year}" if m.school_year else "",
        m.title[:TITLE_CONTEXT] if m.title else "",
    ]
    heads = [
        f"{a.path}. {a.title}" if a.title != a.path else a.title for a in ancestors(doc.sections, section)
    ]
    where = (
        f"mục {section.path}: {section.title}"
        if section.path and section.title != section.path
        else section.title
    )
    return " | ".join(p for p in [*parts, " › ".join([*heads, where])] if p)


def ancestors(sections: list[Section], section: Section) -> list[Section]:
    """The sections above `section`, outermost first (the nearest earlier section of each parent path)."""
    out: list[Section] = []
    parent = section.parent
    i = section.ordinal
    while parent:
        found = next((s for s in reversed(sections[:i]) if s.path == parent), None)
        if found is None:
            break
        out.append(found)
        parent, i = found.parent, found.ordinal
    return out[::-1]


def legal_context(doc: Document, article: Section) -> str:
    """ "Luật Giáo dục | 43/2019/QH14 | Chương IV. Nhà giáo | Điều 66. Nhà giáo": what an article's passages
    carry for retrieval (a law is searched by its name, chapter and article title)."""
    m = doc.meta
    name = f"{m.doc_type} {m.title}" if m.title and len(m.title) <= 120 else m.doc_type
    attached, _, _ = article.path.rpartition(legal.ATTACH_SEP)
    year = f"năm học {m.school_year}" if m.school_year else ""
    parts = [
        name,
        m.doc_number or "",
        m.issuer or "",
        year,
        attached,
        legal.article_context(doc.sections, article),
    ]
    return " | ".join(p for p in parts if p)


def _article_groups(sections: list[Section], start: int) -> tuple[list[list[Section]], int]:
    """The article at `start` as groups of sections (one group when it fits), and the index after it."""
    article = sections[start]
    prefix = article.path + "."
    end = start + 1
    while end < len(sections) and sections[end].path.startswith(prefix):
        end += 1
    parts = sections[start:end]
    if sum(len(s.text) + 1 for s in parts) <= ARTICLE_CHUNK:
        return [parts], end
    groups: list[list[Section]] = []
    for s in parts:
        # A point ("a)") stays with its clause; a clause starts a new group when the current one is full.
        starts_clause = s.level <= 3
        if groups and (
            not starts_clause or sum(len(x.text) + 1 for x in groups[-1]) + len(s.text) <= ARTICLE_PART
        ):
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups, end


def chunk_document(doc: Document, size: int = CHUNK_SIZE, overlap: int = CHUNK_OVERLAP) -> list[Chunk]:
    chunks: list[Chunk] = []
    sections = doc.sections
    i = 0
    while i < len(sections):
        section = sections[i]
        if legal.is_article_path(section.path) and section.level == 2:
            groups, i = _article_groups(sections, i)
            context = legal_context(doc, section)
            for group in groups:
                text = "\n".join(s.text for s in group if s.text)
                lead = lead_in(group[0].text) if group[0] is not section else ""
                chunks.extend(
                    _chunks_of(doc, group[0], text, context, max(size, ARTICLE_PART), overlap, lead)
                )
            continue
        i += 1
        if not section.text.strip() or legal.is_container(section):
            continue
        context = context_header(doc, section)
        chunks.extend(_chunks_of(doc, section, section.text, context, size, overlap))
    return chunks


def lead_in(text: str) -> str:
    """A clause's opening sentence ("3. Xử lý thành lập cụm công nghiệp … hình thành trước Quyết định số
    105/2009/QĐ-TTg …"), up to LEAD_IN characters: what its points ("d) Trách nhiệm …") are about."""
    first = text.strip().split("\n", 1)[0]
    if len(first) > LEAD_IN:
        first = first[:LEAD_IN].rsplit(" ", 1)[0]
    return first


# How deep a line's marker nests: "I." < "1." < "1.1." < "a)" < "-" < "+"; a line with no marker continues the
# text above it.
_LEVELS = (
    re.compile(r"^(?:Điều\s+\d|[IVX]{1,5}[.\s])"),
    re.compile(r"^\d{1,2}[.)]\s"),
    re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s"),
    re.compile(r"^[a-zđ][.)]\s"),
    re.compile(r"^[-–•]\s?"),
    re.compile(r"^\+\s?"),
)


def _level(line: str) -> int:
    return next((i for i, p in enumerate(_LEVELS) if p.match(line)), len(_LEVELS))


def stem(before: str, piece: str) -> str:
    """The sentence a part cut from a list completes ("6. Thành viên hộ gia đình … được giảm trừ mức đóng như
    sau:" above "a) Người thứ nhất …"): the nearest line above it ending with ":" whose marker nests less deeply
    than the part's first line. A list's items name the list's subject only in its lead-in, which the question
    asks with. "" when the part opens no item or nothing above leads into it."""
    first = piece.lstrip().split("\n", 1)[0]
    depth = _level(first)
    if depth == len(_LEVELS):
        return ""
    for line in reversed(before.splitlines()):
        line = line.strip()
        if line.endswith(":") and _level(line) < depth:
            return line if len(line) <= LEAD_IN else line[:LEAD_IN].rsplit(" ", 1)[0]
        if line and _level(line) < depth and _level(line) != len(_LEVELS):
            return ""  # a heading above the part's level closes the list without a lead-in
    return ""


def carried_lead_in(chunk: Chunk) -> str:
    """The lead-in a part cut from a list carries in its context (`stem`, or a clause's opening ending with
    ":"), when the part itself opens with no lead-in; else ""."""
    last = chunk.context.rpartition(" | ")[2]
    return last if last.endswith(":") and _level(chunk.text.lstrip()) != len(_LEVELS) else ""


def _chunks_of(
    doc: Document, section: Section, text: str, context: str, size: int, overlap: int, lead: str = ""
) -> list[Chunk]:
    chunks: list[Chunk] = []
    if not text.strip():
        return chunks
    pieces = _splitter(size, overlap).split_text(text) if len(text) > size else [text]
    at = 0
    for n, piece in enumerate(pieces):
        start = text.find(piece, at)
        at = start + 1 if start >= 0 else at
        # A clause cut into parts: the later parts keep its opening, which the question asks with, and the
        # lead-in of the list they continue.
        carried = context
        for extra in (lead, stem(text[: max(start, 0)], piece)) if n else ():
            if extra and extra not in piece and extra not in carried:
                carried = f"{carried} | {extra}"
        digest = hashlib.sha256(f"{carried}\n{piece}".encode()).hexdigest()
        chunks.append(
            Chunk(
                id=f"{doc.id}#{section.ordinal}.{n}",
                doc_id=doc.id,
                section_path=section.path,
                section_title=section.title,
                section_ordinal=section.ordinal,
                text=piece,
                context=carried,
                content_hash=digest,
            )
        )
    return chunks
