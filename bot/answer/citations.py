"""Citations: the document and section an answer quotes, and the "Nguồn:" line that names them."""

from __future__ import annotations

from bot.answer.models import Answer, Citation, display_title
from bot.ranking.retrieval import Hit
from ingest import legal
from ingest.models import Document, Section

MAX_CITATIONS = 3


def citation(hit_doc: Document, section: Section, text: str, score: float) -> Citation:
    m = hit_doc.meta
    return Citation(
        doc_id=hit_doc.id,
        doc_type=m.doc_type,
        doc_number=m.doc_number,
        title=m.title,
        issuer=m.issuer,
        province=m.province,
        school_year=m.school_year,
        issued_date=m.issued_date,
        section=section.path,
        section_title=section.title,
        text=text,
        score=round(float(score), 4),
        section_ordinal=section.ordinal,
    )


def narrow_section(doc: Document, ordinal: int, quoted: str) -> Section:
    """An article's passage holds all its clauses; the answer cites the clause (or point) it quotes:
    "Điều 1, khoản 3" rather than "Điều 1"."""
    section = doc.sections[ordinal]
    if not legal.is_article_path(section.path):
        return section
    article = section.path.split(".", 1)[0]
    # `quoted`: the quote's unit that answers best (extractive.lead_unit), cited at its own clause.
    probe = " ".join(max(quoted.replace("…", "\n").split("\n"), key=len).split())[:40]
    # A lead-in and its item are quoted on one line: white space is compared folded.
    found = [
        s
        for s in doc.sections
        if s.path.startswith(article + ".") and probe and probe in " ".join(s.text.split())
    ]
    return max(found, key=lambda s: s.level, default=section)


def hit_citation(hit: Hit) -> Citation:
    doc = hit.doc
    section = doc.sections[hit.chunk.section_ordinal]
    return citation(doc, section, hit.chunk.text, hit.score)


def distinct_citations(hits: list[Hit]) -> list[Citation]:
    """Best first, one per section."""
    seen: set[tuple[str, int]] = set()
    out: list[Citation] = []
    for h in hits:
        key = (h.doc.id, h.chunk.section_ordinal)
        if key not in seen:
            seen.add(key)
            out.append(hit_citation(h))
        if len(out) >= MAX_CITATIONS:
            break
    return out


def cited_place(c: Citation) -> str:
    """ "Chỉ thị 04/CT-UBND (…), mục I.3 (Nâng cao chất lượng …)": the citation's label and its section's title."""
    label = c.label()
    # A title the label already says ("…, phần kết" for the closing formula) is not repeated in brackets.
    said = c.section_title.lower() in label.lower()
    title = (
        f" ({display_title(c.section_title)})"
        if c.section_title and c.section_title != c.section and not said
        else ""
    )
    return f"{label}{title}"


def source_line(c: Citation) -> str:
    year = f", năm học {c.school_year}" if c.school_year else ""
    return f"Nguồn: {cited_place(c)}{year}."


def quoted(answer: Answer) -> str:
    """The passage an extractive answer quotes (between its opening and closing quotation marks)."""
    body = answer.answer
    return body[1 : body.find("”\n\n")] if body.startswith("“") and "”\n\n" in body else body
