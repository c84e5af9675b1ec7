"""The data that flows through ingestion: raw text, documents, sections, chunks."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


class IngestError(Exception):
    """A file that cannot be ingested; the message is Vietnamese and names the file."""


@dataclass
class RawText:
    """What a reader extracted from a file, before any parsing."""

    text: str
    source: str
    format: str
    # Lines the reader recognised as portal chrome; kept only as hints for the header parser.
    chrome: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Set when some pages were read by OCR; `ocr_text` is their text, to tell which sections came from it.
    ocr: OcrInfo | None = None
    ocr_text: str = ""
    # Words of the OCR'd pages that hold a document number, with Tesseract's confidence 0–100 (number_words).
    ocr_numbers: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class OcrInfo:
    """How much of a document was read by OCR, and how sure Tesseract was (word confidence 0–100)."""

    pages: list[int]  # 1-based page numbers read by OCR
    mean_confidence: float  # mean over those pages
    low_pages: list[int]  # pages under the low-confidence threshold: check them against the original
    confidences: list[float] = field(default_factory=list)  # per page, parallel to `pages`
    skipped: list[int] = field(default_factory=list)  # pages that timed out or failed, left out
    sections: list[int] = field(default_factory=list)  # ordinals of sections whose text came from OCR
    # per page, parallel to `pages`: straightening the page needed (ingest/readers/photo.py: warp, deskew…)
    prepared: list[list[str]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "mean_confidence": self.mean_confidence,
            "low_pages": self.low_pages,
            "skipped": self.skipped,
        }


@dataclass
class Section:
    path: str  # "I.3.b", "A.1", "Thứ sáu", an unnumbered heading's text, "" for the preamble
    title: str
    text: str  # the section's own text, its heading line included
    level: int = 0
    parent: str | None = None
    ordinal: int = 0  # position in the document; paths can repeat ("Thứ năm" twice)


# Where a header field was read, strongest first; the header parser ranks candidates by it.
FIELD_ORIGINS = (
    "manifest",
    "letterhead",
    "place_date",
    "number_line",
    "site_table",
    "title",
    "body",
    "filename",
)
# A field at or above this confidence may exclude a document from a scoped search; below it only ranks.
HIGH_CONFIDENCE = 0.8


@dataclass
class FieldSource:
    origin: str  # one of FIELD_ORIGINS
    confidence: float  # 0..1
    # Why the field is null, when it is ("dự thảo, chưa có số"); with a null value, `confidence` says how sure
    # the parser is that the text gives none (a draft's blank "Số: /KH-UBND": sure; nothing found: 0).
    reason: str | None = None


@dataclass
class DocumentMeta:
    doc_type: str
    doc_number: str | None
    issuer: str | None
    province: str | None
    issued_date: str | None  # ISO, partial allowed: "2019-09"
    school_year: str | None  # "2021-2022"
    title: str
    source: str
    # "bo", "chinh-phu", "tinh", "so", "phong", "truong", "bao-chi" or None when unknown.
    issuer_level: str | None = None
    signer: str | None = None  # "Phó Chủ tịch Nguyễn Thành Sinh", from the signature block (ingest/signer.py)
    recipients: list[str] = field(default_factory=list)  # the "Nơi nhận" list (ingest/recipients.py)
    # field name ("province", "issuer", ...) → where it was read and how sure the parser is.
    sources: dict[str, FieldSource] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Stored as JSON: rebuild FieldSource objects from plain dicts.
        self.sources = {
            k: v if isinstance(v, FieldSource) else FieldSource(**v) for k, v in (self.sources or {}).items()
        }

    def confident(self, name: str) -> bool:
        """True when `name` was read with high confidence (fields without a recorded source count as sure,
        as before, so that manifests and older indexes keep their behaviour)."""
        src = self.sources.get(name)
        return src is None or src.confidence >= HIGH_CONFIDENCE


@dataclass
class Document:
    id: str
    meta: DocumentMeta
    sections: list[Section]
    content_hash: str
    footnotes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ocr: OcrInfo | None = None  # None: no page was read by OCR

    def as_dict(self, with_sections: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, **asdict(self.meta)}
        if self.ocr is not None:
            out["ocr"] = self.ocr.summary()
        if with_sections:
            out["sections"] = [{"path": s.path, "title": s.title, "text": s.text} for s in self.sections]
        return out


@dataclass
class Chunk:
    id: str
    doc_id: str
    section_path: str
    section_title: str
    section_ordinal: int
    text: str  # shown to users
    context: str  # short header prepended for retrieval only
    content_hash: str

    @property
    def search_text(self) -> str:
        return f"{self.context}\n{self.text}"
