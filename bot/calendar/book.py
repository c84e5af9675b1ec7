"""The calendar of the live index: every dated item of every document, with its citation, filtered by scope.

Items are computed when a version is first asked for (ingest/dates.py over its documents, a few milliseconds per
document) rather than stored in store.sqlite: they follow the live version and survive restarts like the
documents they come from, an improved extractor applies to old indexes without re-ingesting, and the index
format (checked by snapshot verification) stays as it is. The result is cached per set of documents.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bot.answer.citations import citation
from bot.answer.models import Citation, format_date
from bot.understanding.issuers import is_national
from ingest import provinces
from ingest.datefmt import school_year_of
from ingest.dates import DatedItem, DateProblem, document_school_year, extract
from ingest.models import Document

KIND_LABELS = {"deadline": "hạn", "event": "sự kiện", "period": "thời gian", "effective": "có hiệu lực"}


@dataclass
class Entry:
    """One dated item with the document it comes from."""

    item: DatedItem
    doc: Document
    school_year: str

    @property
    def day(self) -> date:
        return date.fromisoformat(self.item.date)

    @property
    def last_day(self) -> date:
        return date.fromisoformat(self.item.end) if self.item.end else self.day

    def citation(self) -> Citation:
        section = self.doc.sections[self.item.section_ordinal]
        return citation(self.doc, section, self.item.text, self.item.confidence)

    def label(self) -> str:
        return self.citation().label()

    def uid(self) -> str:
        """Stable across runs and rebuilds: the same item of the same document has the same UID."""
        key = "|".join((self.doc.id, self.item.section, self.item.date, self.item.end or "", self.item.what))
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:24] + "@nhiemvu"

    def when(self) -> str:
        """ "30/9/2026", "7/9/2026 – 15/1/2027", "tháng 12/2026"."""
        if self.item.precision == "month":
            return f"tháng {format_date(self.item.date[:7])}"
        text = format_date(self.item.date)
        return f"{text} – {format_date(self.item.end)}" if self.item.end else text

    def to_dict(self) -> dict[str, object]:
        m = self.doc.meta
        return {
            "date": self.item.date,
            "end": self.item.end,
            "kind": self.item.kind,
            "what": self.item.what,
            "who": self.item.who,
            "doc_id": self.doc.id,
            "doc_number": m.doc_number,
            "doc_type": m.doc_type,
            "section": self.item.section,
            "section_ordinal": self.item.section_ordinal,
            "province": m.province,
            "school_year": self.school_year,
            "recurring": self.item.recurring,
            "precision": self.item.precision,
            "confidence": self.item.confidence,
            "ocr": self.item.ocr,
            "citation": self.label(),
            "uid": self.uid(),
        }


@dataclass
class Book:
    entries: list[Entry]  # in date order
    problems: list[DateProblem]

    def select(
        self,
        province: str | None = None,
        school_year: str | None = None,
        start: date | None = None,
        end: date | None = None,
        kinds: Iterable[str] | None = None,
        doc_ids: set[str] | None = None,
    ) -> list[Entry]:
        """Entries in scope, in date order; a period counts when it overlaps [start, end]."""
        wanted = set(kinds) if kinds is not None else None
        region = _region(province)
        return [
            e
            for e in self.entries
            if (region is None or in_province(e.doc, region))
            and (school_year is None or e.school_year == school_year)
            and (start is None or e.last_day >= start)
            and (end is None or e.day <= end)
            and not _spans_beyond(e, start, end)
            and (wanted is None or e.item.kind in wanted)
            and (doc_ids is None or e.doc.id in doc_ids)
        ]


LONGEST_TERM = 366  # days: a school year; longer periods are terms of validity or a plan's "giai đoạn"


def _spans_beyond(e: Entry, start: date | None, end: date | None) -> bool:
    """A period of years ("thời gian hiệu lực 27/5/2025 – 26/5/2031", "giai đoạn 2021-2025") that begins before a
    window and ends after it is no milestone of that month or week."""
    if start is None or end is None or (e.last_day - e.day).days <= LONGEST_TERM:
        return False
    return e.day < start and e.last_day > end


def _region(province: str | None) -> frozenset[str] | None:
    if not province:
        return None
    found = provinces.get(province)
    return provinces.scope_of(found.name) if found else frozenset({province})


def in_province(doc: Document, region: frozenset[str]) -> bool:
    """As answers are scoped: the province's own documents (and those of provinces merged with it) and national
    ones, which apply everywhere. A document of unknown province is left out of a listing, which has no
    ranking to put it below the province's own items."""
    return doc.meta.province in region or is_national(doc.meta)


def build_book(documents: Iterable[Document]) -> Book:
    entries: list[Entry] = []
    problems: list[DateProblem] = []
    for doc in documents:
        items, bad = extract(doc)
        year = document_school_year(doc)
        for item in items:
            entries.append(Entry(item, doc, year or school_year_of(date.fromisoformat(item.date))))
        problems.extend(bad)
    entries.sort(key=lambda e: (e.item.date, e.item.end or "", e.doc.id, e.item.section_ordinal))
    return Book(entries, problems)


_cache: dict[str, Book] = {}
_lock = threading.Lock()


def book_for(documents: list[Document]) -> Book:
    """The calendar of these documents, computed once per index version (keyed on ids and content hashes)."""
    key = hashlib.sha1("\n".join(f"{d.id}:{d.content_hash}" for d in documents).encode()).hexdigest()
    with _lock:
        book = _cache.get(key)
    if book is None:
        book = build_book(documents)
        with _lock:
            if len(_cache) >= 4:  # the live version and the one before a reload
                _cache.clear()
            _cache[key] = book
    return book
