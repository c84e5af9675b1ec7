"""One file → one Document: read, clean, header, sections, overrides."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from ingest.cleanup import clean_text
from ingest.header import parse_header
from ingest.legal import refine_meta
from ingest.manifest import apply_overrides
from ingest.models import Document, IngestError
from ingest.readers import read_file
from ingest.sections import parse_sections
from ingest.textnorm import fold


def doc_id_for(path: Path) -> str:
    """Stable, readable id from the file name ("an-giang_2021-2022_chi-thi-04")."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(path.stem)).strip("-")[:60]
    return slug or hashlib.sha1(path.name.encode()).hexdigest()[:10]


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def parse_document(
    path: Path, overrides: dict[str, Any] | None = None, doc_id: str | None = None
) -> Document:
    raw = read_file(path)
    cleaned = clean_text(raw.text)
    if not any(p.strip() for p in cleaned.paragraphs):
        raise IngestError(f"Tệp {path.name}: không có nội dung văn bản sau khi làm sạch.")
    header = parse_header(cleaned.paragraphs, raw.chrome + cleaned.chrome, path.name)
    refine_meta(header.meta, cleaned.paragraphs, header.body_start)
    sections = parse_sections(cleaned.paragraphs, header.body_start)
    for s in sections:
        s.title = s.title[:1].upper() + s.title[1:]
    return Document(
        id=doc_id or doc_id_for(path),
        meta=apply_overrides(header.meta, overrides),
        sections=sections,
        content_hash=file_hash(path),
        footnotes=raw.footnotes,
        warnings=raw.warnings,
    )
