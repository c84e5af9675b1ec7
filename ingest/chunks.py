"""Sections → chunks. A chunk never crosses a section boundary; long sections are split with overlap."""

from __future__ import annotations

import hashlib

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.models import Chunk, Document

CHUNK_SIZE = 900
CHUNK_OVERLAP = 150
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


def context_header(doc: Document, section_title: str, section_path: str) -> str:
    """Short line prepended for retrieval only: type, number, province, school year, section."""
    m = doc.meta
    parts = [
        m.doc_type,
        m.doc_number or "",
        m.issuer or "",
        m.province or "",
        f"năm học {m.school_year}" if m.school_year else "",
    ]
    where = (
        f"mục {section_path}: {section_title}"
        if section_path and section_title != section_path
        else section_title
    )
    return " | ".join(p for p in [*parts, where] if p)


def chunk_document(doc: Document, size: int = CHUNK_SIZE, overlap: int = CHUNK_OVERLAP) -> list[Chunk]:
    splitter = _splitter(size, overlap)
    chunks: list[Chunk] = []
    for section in doc.sections:
        if not section.text.strip():
            continue
        context = context_header(doc, section.title, section.path)
        pieces = splitter.split_text(section.text) if len(section.text) > size else [section.text]
        for n, piece in enumerate(pieces):
            digest = hashlib.sha256(f"{context}\n{piece}".encode()).hexdigest()
            chunks.append(
                Chunk(
                    id=f"{doc.id}#{section.ordinal}.{n}",
                    doc_id=doc.id,
                    section_path=section.path,
                    section_title=section.title,
                    section_ordinal=section.ordinal,
                    text=piece,
                    context=context,
                    content_hash=digest,
                )
            )
    return chunks
