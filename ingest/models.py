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


@dataclass
class Section:
    path: str  # "I.3.b", "A.1", "Thứ sáu", an unnumbered heading's text, "" for the preamble
    title: str
    text: str  # the section's own text, its heading line included
    level: int = 0
    parent: str | None = None
    ordinal: int = 0  # position in the document; paths can repeat ("Thứ năm" twice)


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


@dataclass
class Document:
    id: str
    meta: DocumentMeta
    sections: list[Section]
    content_hash: str
    footnotes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self, with_sections: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, **asdict(self.meta)}
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
