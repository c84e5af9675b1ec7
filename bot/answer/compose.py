"""Turning retrieval hits into the answer text and citations (extractive; the LLM path reuses citations)."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.answer.citations import (
    citation,
    cited_place,
    distinct_citations,
    hit_citation,
    narrow_section,
    source_line,
)
from bot.answer.extractive import (
    MarkedWeights,
    body_score,
    first_lines,
    folded_weights,
    introduces,
    is_heading,
    items_after,
    lead_unit,
    marked_weights,
    query_weights,
    quote,
    quote_score,
)
from bot.answer.figures import Wanted
from bot.answer.focus import beside_title
from bot.answer.lists import items_answer, subtree
from bot.answer.models import Answer
from bot.ranking.retrieval import Hit, View
from ingest.chunks import carried_lead_in
from ingest.textnorm import fold

HEADING_MAX = 120  # a heading line is short; a longer first line is a run-in sentence


def _inner_headings(hit: Hit) -> list[str]:
    """Heading lines of a passage's part and the parts nested in it ("6. Biện pháp an toàn che chắn …", its text
    below it; a clause's title is its article's): they repeat the question's words without answering it.
    A first line that ends a sentence ("2. Tổ chức dạy học 2 buổi/ngày … 35 tiết/tuần.") or leads into a list
    (":") states something, and stays quotable."""
    doc = hit.doc
    out = []
    for o in subtree(doc, hit.chunk.section_ordinal):
        first, _, below = doc.sections[o].text.strip().partition("\n")
        first = first.strip()
        if below.strip() and len(first) <= HEADING_MAX and not first.endswith((".", ";", ":", "…")):
            out.append(first)
    return out


def _smallest_holder(
    first: Hit,
    view: View,
    weights: dict[str, float],
    wanted: Wanted | None = None,
    spelled: MarkedWeights | None = None,
) -> Hit:
    """The chunk to quote and cite: within the best hit's section and the sections nested in it, the one holding
    the best passage, a nested item winning a tie. Headings, titles and subject lines ("V/v …") do not count as
    passages: they repeat the question's words, the item under them answers it. The preamble is no parent of the
    parts: one of them is cited instead only if it holds a better passage than the preamble's own text.
    `wanted`: a chunk stating what the question asks for (a figure, a duration, a day) weighs as in `quote`.
    `spelled`: the weights with the question's tone marks, read as the quote is ("diễn ra" is no "toàn diện"),
    except in a scan's passages, whose marks OCR misreads."""
    doc = first.doc
    own = first.chunk.section_ordinal
    rows = [r for o in subtree(doc, own) for r in view.section_rows.get((doc.id, o), [])]
    preamble = not doc.sections[own].path

    def score(r: int) -> tuple[float, int]:
        c = view.chunk(r)
        level = doc.sections[c.section_ordinal].level
        w = spelled if spelled is not None and r not in view.ocr_rows else weights
        body = body_score(c.text, [c.section_title, doc.meta.title], w, wanted, carried_lead_in(c))
        return body, (-level if preamble else level)

    best = max(rows, key=score, default=first.row)
    if best == first.row or score(best)[0] <= 0:
        return first
    return replace(first, row=best, chunk=view.chunk(best))


def extractive_answer(
    question: str,
    hits: list[Hit],
    view: View,
    notes: list[str],
    focus: list[str],
    whole: bool = False,
    wanted: Wanted | None = None,
    marked: bool = False,
) -> Answer:
    """`whole`: the question asks for a whole part, which is then cited as such (no descent into its items).
    `wanted`: what a quoted sentence should state (a figure, a day: bot.answer.figures). `marked`: `focus` keeps
    tone marks and is weighed in that spelling ("cơ" in "cơ sở" is no "có"); passages are matched folded, the
    quoted sentence with the marks too unless the passage is a scan's."""
    weights, spelled = _weigh(focus, view, marked)
    first = hits[0]
    if whole:
        # The best section is decided by retrieval; within it, quote the chunk holding the best sentence.
        same = [
            h
            for h in hits
            if h.doc.id == first.doc.id and h.chunk.section_ordinal == first.chunk.section_ordinal
        ]
        quotes = [(quote_score(h.chunk.text, weights), i, h) for i, h in enumerate(same)]
        _, _, best = max(quotes, key=lambda q: (q[0], -q[1]))
    else:
        # The document's title words are what all its passages are about: the rest of the question picks one.
        within = beside_title(focus, first.doc.meta.title or "", marked)
        folded, marks = _weigh(within, view, marked) if within != focus else (weights, spelled)
        best = _smallest_holder(first, view, folded, wanted, marks)
    ordered = [best, *[h for h in hits if h.row != best.row]]
    citations = distinct_citations(ordered)
    section = best.doc.sections[best.chunk.section_ordinal]
    titles = [section.title, best.chunk.section_title, best.doc.meta.title or ""]
    # A heading names what every sentence under it is about ("Đánh giá kết quả của báo cáo thực tập"): its words
    # do not tell the sentences apart, the rest of the question does ("chậm 5 hôm … trừ mấy điểm").
    own = beside_title(focus, " ".join(titles), marked)
    # Unless the passage writes none of the rest ("CNTT" under a heading that spells it "công nghệ thông tin"):
    # then the heading's words are what its sentences are chosen by.
    if own != focus and _writes_any(best.chunk.text, own):
        weights, spelled = _weigh(own, view, marked)
    chosen = spelled if spelled is not None and best.row not in view.ocr_rows else weights
    # The headings of the parts inside the passage are no quote either, but only their own part is about them.
    heads = [*titles, *_inner_headings(best)]
    text = quote(best.chunk.text, chosen, titles=heads, wanted=wanted) or best.chunk.text[:400]
    if is_heading(text, heads, best.chunk.text):
        # A heading is never the whole answer: the items under it are.
        listed = items_answer(question, best, section, notes)
        if listed is not None:
            return listed
    quoted = narrow_section(best.doc, best.chunk.section_ordinal, lead_unit(text, chosen, wanted))
    passage = best.chunk.text
    if introduces(text) and (items := items_after(text, passage, _following(view, best.row))):
        # The quote shows the first items; the passage cited is the lead-in with all of them.
        text, passage = f"{text}\n{first_lines(items)}", "\n".join([passage, *items])
    if quoted.ordinal != best.chunk.section_ordinal or passage != best.chunk.text:
        citations[0] = citation(best.doc, quoted, passage, best.score)
    body = f"“{text}”\n\n{source_line(citations[0])}"
    return Answer(question=question, found=True, answer=body, notes=notes, citations=citations)


def _writes_any(text: str, words: list[str]) -> bool:
    written = set(re.findall(r"\w+", fold(text).lower()))
    return any(fold(w).lower() in written for w in words)


FOLLOWING = 4  # passages read after a lead-in that closes its own, for the items completing it


def _following(view: View, row: int) -> list[str]:
    """The texts of the passages after `row` in its document, in order (the index keeps a document's rows
    together, in reading order)."""
    doc_id = view.chunk(row).doc_id
    out = []
    for r in range(row + 1, min(row + 1 + FOLLOWING, len(view.row_doc))):
        c = view.chunk(r)
        if c.doc_id != doc_id:
            break
        out.append(c.text)
    return out


def _weigh(focus: list[str], view: View, marked: bool) -> tuple[dict[str, float], MarkedWeights | None]:
    """Weights of the question's words for choosing passages and sentences (folded), and with the question's tone
    marks where it was typed with them: the sentence is chosen in that spelling (a scan's text misreads marks)."""
    weights = query_weights(focus, view.terms(marked).idf)
    if not marked:
        return weights, None
    return folded_weights(weights), marked_weights(weights)


def refusal(question: str, reason: str | None, notes: list[str], nearest: Hit | None = None) -> Answer:
    """`nearest`: the passage that ranked first when the gate judged that none answers. It is named in a note, not
    quoted or cited, so that a question asked in other words than the documents' can still be looked up there."""
    text = reason or "Các văn bản chỉ đạo hiện có trong hệ thống không đề cập nội dung này."
    text += " Bạn có thể hỏi cụ thể hơn, hoặc chọn tỉnh/thành phố và năm học để thu hẹp phạm vi."
    if nearest is not None:
        notes = [
            *notes,
            f"Mục gần nhất tìm được, có thể không liên quan: {cited_place(hit_citation(nearest))}.",
        ]
    return Answer(question=question, found=False, answer=text, notes=notes, citations=[])
