"""One file → one Document: read, clean, header, sections, overrides."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from ingest.cleanup import clean_text
from ingest.header import parse_header
from ingest.legal import refine_meta
from ingest.manifest import apply_overrides
from ingest.models import Document, IngestError, Section
from ingest.readers import read_file
from ingest.readers.ocr import OcrOptions
from ingest.recipients import recipients
from ingest.sections import parse_sections
from ingest.signer import read_signer, signature_block
from ingest.textnorm import fold


def doc_id_for(path: Path) -> str:
    """Stable, readable id from the file name ("an-giang_2021-2022_chi-thi-04")."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(path.stem)).strip("-")[:60]
    return slug or hashlib.sha1(path.name.encode()).hexdigest()[:10]


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ocr_sections(sections: list[Section], ocr_text: str, full_text: str) -> list[int]:
    """Ordinals of sections whose words come mostly from OCR'd pages rather than from a text layer.

    Words are counted (folded) in the OCR text and in the rest of the file; a section is "from OCR"
    when more of its words occur only on OCR'd pages than only on text-layer pages.
    """
    words = re.compile(r"\w+")
    from_ocr = Counter(words.findall(fold(ocr_text)))
    from_layer = Counter(words.findall(fold(full_text))) - from_ocr
    out: list[int] = []
    previous = False
    for s in sections:
        ws = words.findall(fold(s.text))
        ocr_side = sum(1 for w in ws if from_ocr[w] and not from_layer[w])
        layer_side = sum(1 for w in ws if from_layer[w] and not from_ocr[w])
        # A short heading made only of words both kinds of page use belongs with what precedes it.
        previous = previous if ocr_side == layer_side else ocr_side > layer_side
        if not from_layer or previous:
            out.append(s.ordinal)
    return out


def parse_document(
    path: Path,
    overrides: dict[str, Any] | None = None,
    doc_id: str | None = None,
    ocr: OcrOptions | None = None,
) -> Document:
    raw = read_file(path, ocr)
    cleaned = clean_text(raw.text)
    if not any(p.strip() for p in cleaned.paragraphs):
        raise IngestError(f"Tệp {path.name}: không có nội dung văn bản sau khi làm sạch.")
    # The OCR'd number words count only when the first page, where the number line is, was read by OCR.
    ocr_numbers = raw.ocr_numbers if raw.ocr and 1 in raw.ocr.pages else None
    header = parse_header(cleaned.paragraphs, raw.chrome + cleaned.chrome, path.name, ocr_numbers)
    refine_meta(header.meta, cleaned.paragraphs, header.body_start)
    block = signature_block(raw.text)
    if (signer := read_signer(block)) is not None:
        header.meta.signer = str(signer)
    header.meta.recipients = recipients(raw.text, block)
    sections = parse_sections(cleaned.paragraphs, header.body_start)
    for s in sections:
        s.title = s.title[:1].upper() + s.title[1:]
    return Document(
        id=doc_id or doc_id_for(path),
        meta=apply_overrides(header.meta, overrides),
        sections=sections,
        content_hash=file_hash(path),
        footnotes=raw.footnotes + cleaned.footnotes,
        warnings=raw.warnings,
        ocr=replace(raw.ocr, sections=_ocr_sections(sections, raw.ocr_text, raw.text)) if raw.ocr else None,
    )
