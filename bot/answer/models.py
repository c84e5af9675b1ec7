"""The answer object every channel receives (a JSON contract: other tools read it)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ingest.legal import article_label, section_label
from ingest.models import DocumentMeta
from ingest.provinces import find_provinces
from ingest.sections import CLOSING_TITLE
from ingest.syllables import well_formed

NAMED_TYPES = ("Luật", "Bộ luật", "Hiến pháp")


def format_date(iso: str | None) -> str:
    """ "2021-09-14" → "14/9/2021"; "2019-09" → "9/2019"."""
    if not iso:
        return ""
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])}/{int(parts[1])}/{parts[0]}"
    if len(parts) == 2:
        return f"{int(parts[1])}/{parts[0]}"
    return iso


def unnumbered_part(title: str | None) -> str:
    """The two parts a document does not number: its opening and its closing formula."""
    return "phần kết" if title == CLOSING_TITLE else "phần mở đầu"


# Proper names a heading in capitals may hold, as they are written in running text.
_PROPER = ("Hồ Chí Minh", "Việt Nam", "Đảng", "Nhà nước", "Chính phủ", "Quốc hội", "Thủ tướng", "Bác Hồ")


def display_title(title: str) -> str:
    """A heading printed in capitals ("NHIỆM VỤ CHUNG NĂM HỌC 2024-2025 CỦA TỈNH BÌNH PHƯỚC"), as a sentence for
    citations: "Nhiệm vụ chung năm học 2024-2025 của tỉnh Bình Phước". Acronyms (THPT, GDĐT), provinces and a few
    proper names keep their capitals; other titles are returned as written."""
    if not title.isupper():
        return title
    words = []
    for word in title.split():
        letters = re.sub(r"[\W\d_]", "", word).lower()
        # A word no Vietnamese syllable could be ("THPT", "COVID-19", "STEM") is an acronym or a foreign name.
        words.append(word if letters and not well_formed(letters, toned=False) else word.lower())
    text = " ".join(words)
    for name in (*find_provinces(title), *_PROPER):
        text = re.sub(rf"(?<!\w){re.escape(name.lower())}(?!\w)", name, text)
    return text[:1].upper() + text[1:]


def where_label(path: str, title: str | None) -> str:
    """Where in its document a section stands, as answers write it: "mục I.3.b", "Phần II, mục I.1",
    "Điều 5, khoản 2", "phần mở đầu", "phần kết"."""
    return section_label(path)[1] if path else unnumbered_part(title)


def document_label(meta: DocumentMeta) -> str:
    """ "Chỉ thị 04/CT-UBND (UBND tỉnh An Giang, 14/9/2021)"; without a number: "Công văn của Sở GD&ĐT Lào Cai (9/2019)"."""
    date = format_date(meta.issued_date)
    if meta.doc_type in NAMED_TYPES and meta.title and len(meta.title) <= 80:
        # Laws are known by name: "Luật Giáo dục số 43/2019/QH14".
        number = f" số {meta.doc_number}" if meta.doc_number else ""
        return f"{meta.doc_type} {meta.title}{number}"
    if meta.doc_number:
        inside = ", ".join(p for p in (meta.issuer, date) if p)
        return f"{meta.doc_type} {meta.doc_number}" + (f" ({inside})" if inside else "")
    label = f"{meta.doc_type} của {meta.issuer}" if meta.issuer else meta.doc_type
    if date:
        label += f" ({'ngày ' if meta.issued_date and len(meta.issued_date) == 10 else 'tháng '}{date})"
    return label


@dataclass
class Citation:
    doc_id: str
    doc_type: str
    doc_number: str | None
    title: str
    issuer: str | None
    province: str | None
    school_year: str | None
    issued_date: str | None
    section: str
    section_title: str
    text: str  # the passage the answer rests on
    score: float
    section_ordinal: int = 0  # which section of the document (paths can repeat); for "show the source"

    @property
    def meta(self) -> DocumentMeta:
        return DocumentMeta(
            doc_type=self.doc_type,
            doc_number=self.doc_number,
            issuer=self.issuer,
            province=self.province,
            issued_date=self.issued_date,
            school_year=self.school_year,
            title=self.title,
            source="",
        )

    def label(self) -> str:
        """Human-readable: "Chỉ thị 04/CT-UBND (UBND tỉnh An Giang, 14/9/2021), mục I.3.b";
        "Quyết định 986/QĐ-UBND (…), Điều 1, khoản 3"; "Kế hoạch ban hành kèm theo Quyết định 2358/QĐ-BGDĐT
        (…), mục II.3"."""
        base = document_label(self.meta)
        attached, inner = section_label(self.section)
        if (attached or "").startswith("Phụ lục"):
            return f"{base}, {attached}" + (f", {inner}" if inner else "")
        if attached:
            return f"{attached} ban hành kèm theo {base}" + (f", {inner}" if inner else "")
        if inner and (
            article_label(self.section) or inner.split(" ", 1)[0] in ("Chương", "Mục", "Phần", "Phụ")
        ):
            return f"{base}, {inner}"
        if self.section and self.section != self.section_title:
            return f"{base}, mục {self.section}"
        if self.section:
            return f"{base}, mục “{self.section}”"
        return f"{base}, {unnumbered_part(self.section_title)}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Answer:
    question: str
    found: bool
    answer: str
    notes: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    understood_as: str | None = (
        None  # the standalone question a follow-up was rewritten to (bot/conversation)
    )
    conversation_id: str | None = None
    small_talk: bool = False  # a reply to a greeting or thanks (bot/understanding/smalltalk.py): no refusal

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "found": self.found,
            "answer": self.answer,
            "notes": list(self.notes),
            "citations": [c.to_dict() for c in self.citations],
            "understood_as": self.understood_as,
            "conversation_id": self.conversation_id,
            "small_talk": self.small_talk,
        }
