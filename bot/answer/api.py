"""What channels may call: the AnswerService surface, as a Protocol so tests can pass a fake."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from bot.answer.models import Answer
from ingest.models import Document, Section


class InvalidQuestion(ValueError):
    """The question cannot be answered as typed (empty, too long, no letters). str() is a Vietnamese message."""


@dataclass
class AddOutcome:
    documents: list[Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # Vietnamese reasons, one per file that failed


class AnswerServiceAPI(Protocol):
    max_question_chars: int

    def ask(
        self,
        question: str,
        province: str | None = None,
        school_year: str | None = None,
        within: Collection[str] | None = None,
        intent: Any | None = None,
    ) -> Answer:
        """Blocking (CPU-bound): channels call it off the event loop. Raises InvalidQuestion.

        `within`: restrict to these document ids (a follow-up about "văn bản đó"); `intent`: the question
        already parsed by bot.understanding.query.understand (the service may reuse it)."""
        ...

    def list_documents(self) -> list[Document]: ...

    def get_document(self, doc_id: str) -> Document | None: ...

    def section_source(self, doc_id: str, ordinal: int) -> tuple[Document, Section, str] | None:
        """(document, section, full text with its subsections) for "show the source"."""
        ...

    def add_file(self, path: Path, progress: Callable[[int, int], None] | None = None) -> AddOutcome:
        """Ingest one file and switch the live index; on failure the index stays as it was.
        `progress(done, total)` reports pages read by OCR, from the calling thread."""
        ...

    def remove_document(self, doc_id: str) -> bool: ...

    def provinces(self) -> list[str]: ...

    def school_years(self) -> list[str]: ...

    def current_school_year(self) -> str: ...

    def health(self) -> dict[str, Any]: ...
