"""Turning retrieval hits into the answer text and citations (extractive; the LLM path reuses citations)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.answer.extractive import (
    MarkedWeights,
    addressees,
    body_score,
    first_lines,
    folded_weights,
    introduces,
    is_heading,
    items_after,
    lead_unit,
    marked_weights,
    marker_kind,
    query_weights,
    quote,
    quote_score,
)
from bot.answer.figures import Wanted
from bot.answer.models import Answer, Citation, display_title, document_label, format_date, where_label
from bot.ranking.rare import Compound, compounds
from bot.ranking.retrieval import Hit, View
from bot.ranking.terms import content_terms
from bot.understanding.query import TYPE_NAMES, QueryIntent, reference_pattern, type_spans
from bot.understanding.schoolyear import relative_spans
from ingest import legal
from ingest.chunks import carried_lead_in
from ingest.doctypes import DOC_TYPES
from ingest.models import Document, Section
from ingest.sections import subtree_text
from ingest.textnorm import fold

MAX_CITATIONS = 3
# Questions about the document itself (its number, date, issuer) are answered from its header.
_META = re.compile(
    r"\b(so hieu|so van ban|ky hieu|ngay ban hanh|ban hanh ngay|ban hanh khi nao|ban hanh vao|"
    r"co quan ban hanh|ai ban hanh|don vi ban hanh|ngay nao ban hanh|"
    # a document's date is the day it was signed: "ký ngày nào", "ký khi nào", "ký bao giờ"
    r"ky (?:vao )?(?:ngay|hom) nao|ky (?:khi|luc) nao|ky bao gio|ngay nao ky|(?<!tu )ngay ky(?! ket| hop dong))\b"
)
# "CV 7432 ra ngày nào?": of a document the question names, the day it came out is its date (of anything else,
# "điểm thi ra ngày nào" asks when results come out).
_ISSUED_NAMED = re.compile(r"\bra (?:vao )?(?:ngay|hom|khi|luc) nao\b")
# A licence is granted ("cấp"): "Giấy phép 2507 cấp ngày nào?" asks its date, not a date its text cites.
_GRANTED_NAMED = re.compile(r"\bgiay phep\b.*\bcap (?:vao )?(?:ngay|hom|khi|luc) nao\b")
# "Ai ký …?": about this document's signer only when it names the document, or asks nothing after "ký" but the
# document ("Văn bản này do ai ký?"); "ai ký quyết định trúng tuyển" asks a rule of the text.
_SIGNER_ASKED = re.compile(r"\b(?:ai ky|nguoi ky(?! thuat)|ky boi|ky ten)\b")
_ONLY_THE_DOCUMENT = re.compile(
    r"(?:\s|[?.!,]|\b(?:van ban|cong van|chi thi|quyet dinh|ke hoach|huong dan|thong bao|nghi quyet|nay|do|"
    r"vay|a|the|nhi|nhe|ban|oi)\b)*"
)


# "các nhiệm vụ", "những giải pháp"…: the question asks for the parts of a document, not for a fact.
# The parts of a directive a list question may ask for ("các nhiệm vụ", "những giải pháp"), folded.
_PART_NOUNS = ("nhiem vu", "giai phap", "noi dung", "chi tieu", "muc tieu")
_ASKS_FOR_PARTS = re.compile(rf"\b({'|'.join(_PART_NOUNS)})\b")
# A document is named by its type and subject ("Hướng dẫn nhiệm vụ trọng tâm năm học 2019-2020", "Kế hoạch thực
# hiện nhiệm vụ năm học"): a part noun there is the document's name, not the parts the question asks for.
_NAMED_BY_SUBJECT = re.compile(
    r"\b(?:huong dan|ke hoach|chi thi|cong van|quyet dinh|thong bao|bao cao|chuong trinh)"
    rf"(?:\s+(?:thuc hien|trien khai|to chuc))?\s+(?:{'|'.join(_PART_NOUNS)})\b"
)


def asks_for_parts(question: str) -> bool:
    """ "Chỉ thị 04 có những nhiệm vụ gì?": the parts of a document are asked for, not a fact one item states."""
    return bool(_ASKS_FOR_PARTS.search(_NAMED_BY_SUBJECT.sub(" ", fold(question))))


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


# "Công văn 5973 gửi cho ai?", "… gửi những đơn vị nào?", "nơi nhận của QĐ 1050": whom the named document is
# sent to, its "Nơi nhận" list. Asked of a named document only: "gửi báo cáo cho ai" asks a rule of the text.
_RECIPIENTS_ASKED = re.compile(
    r"\bnoi nhan\b|\b(?:gui|phat hanh)\s+(?:(?:cho|den|toi|ve|di)\s+)?(?:nhung\s+|cac\s+)?"
    r"(?:ai|dau|(?:\w+\s+){1,2}nao)\b"
)


def asks_recipients(question: str) -> bool:
    return bool(_RECIPIENTS_ASKED.search(fold(question).lower()))


def is_meta_question(question: str, named: bool = False) -> bool:
    """About the document itself (its number, date, issuer, signer, recipients); `named`: the question names
    it."""
    folded = fold(question)
    issued = _ISSUED_NAMED.search(folded) or _GRANTED_NAMED.search(folded)
    if _META.search(folded) or (named and (asks_recipients(question) or issued)):
        return True
    signer = _SIGNER_ASKED.search(folded)
    if signer is None:
        return False
    return named or bool(_ONLY_THE_DOCUMENT.fullmatch(folded[signer.end() :]))


# "Ai ký kế hoạch sinh hoạt công dân của trường …?": a document described by its type and subject, then whose it is.
_DESCRIBED = re.compile(
    rf"\s*(?:{'|'.join(['van ban', *DOC_TYPES])})\b(?P<subject>.*?)(?:\bcua\b.*)?[?.!\s]*$"
)
DESCRIBED_SHARE = 0.75  # of the subject's words that the document's title writes


def signs_described(question: str, doc: Document) -> bool:
    """Whether the question asks who signed `doc`, described by its type and the words of its title ("Ai ký kế
    hoạch sinh hoạt công dân của trường Đốc Binh Kiều?" of "Kế hoạch tổ chức sinh hoạt công dân đầu năm học …").
    A kind of document the text rules on ("ai ký quyết định trúng tuyển") is not described by its title."""
    folded = fold(question).lower()
    signer = _SIGNER_ASKED.search(folded)
    described = _DESCRIBED.match(folded[signer.end() :]) if signer else None
    if described is None or not doc.meta.title:
        return False
    words = set(content_terms(described.group("subject")))
    title = set(content_terms(doc.meta.title))
    return len(words) >= 2 and len(words & title) >= DESCRIBED_SHARE * len(words)


_ABOUT = re.compile(r"^\s*(?:v/v|về việc|về)\s*:?\s+", re.I)


def about(doc: Document) -> str:
    """ "Công văn 5973/UBND-KT (…), do UBND tỉnh Lào Cai ban hành ngày 12/3/2026, về: …": what the header says."""
    m = doc.meta
    date = format_date(m.issued_date)
    parts = [f"{document_label(m)}"]
    if m.issuer:
        parts.append(
            f"do {m.issuer} ban hành"
            + (
                f" ngày {date}"
                if m.issued_date and len(m.issued_date) == 10
                else f" tháng {date}"
                if date
                else ""
            )
        )
    if m.title:
        # "V/v …" and "VỀ VIỆC …" subject lines already say "về".
        parts.append(f"về: {_ABOUT.sub('', m.title) or m.title}")
    if m.signer:
        parts.append(f"người ký: {m.signer}")
    if not m.doc_number:
        parts.append("(văn bản không ghi số hiệu)")
    return ", ".join(parts)


def meta_answer(question: str, doc: Document, notes: list[str], score: float = 1.0) -> Answer:
    section = doc.sections[0]
    c = citation(doc, section, section.text[:1200], score)
    unsigned = (
        " Không đọc được người ký trong văn bản."
        if not doc.meta.signer and _SIGNER_ASKED.search(fold(question))
        else ""
    )
    text = "Văn bản: " + about(doc) + "." + unsigned
    if asks_recipients(question):
        text += "\n" + _recipients_text(doc)
    text += "\n\n" + source_line(c)
    return Answer(question=question, found=True, answer=text, notes=notes, citations=[c])


MAX_ITEMS = 12  # a longer list ends with a pointer to the rest


def _recipients_text(doc: Document) -> str:
    """The "Nơi nhận" list as the document writes it, or why there is none."""
    found = doc.meta.recipients
    if not found:
        return "Không đọc được danh sách nơi nhận trong văn bản (văn bản không ghi, hoặc bản sao không giữ phần này)."
    lines = [f"- {r}" for r in found[:MAX_ITEMS]]
    if len(found) > MAX_ITEMS:
        lines.append(f"… và {len(found) - MAX_ITEMS} nơi nhận khác.")
    return "Nơi nhận:\n" + "\n".join(lines)


LISTED_TEXT = 4000  # characters of a listed part carried by its citation
# Items a section lists in its own text when it has no numbered parts: "- …", "+ …", "• …", "a) …".
_ITEM_LINE = re.compile(r"^\s*(?:[-+•–]\s+|[a-zđ]\)\s+|\d{1,2}[.)]\s+)(.+)$")


def _listed(section: Section) -> list[str]:
    """The lines of a section's text that may list its items: not its heading, not a letter's addressees
    ("Kính gửi:" / "- Phòng GD&ĐT các huyện;"), who receive the letter and are no part of what it says."""
    lines = section.text.split("\n")[1:] if section.title else section.text.split("\n")
    skip = addressees(lines)
    return [line for i, line in enumerate(lines) if i not in skip]


def _item_lines(section: Section) -> list[str]:
    return [m.group(1).strip() for line in _listed(section) if (m := _ITEM_LINE.match(line))]


def _item_tree(section: Section) -> list[tuple[str, list[str]]]:
    """The items a section's text lists, each with the items under it: documents mark a list's levels by their
    markers ("- Điều kiện … gồm:" then "+ Đã hoàn thành …"), the first marker met being the outer one. An item
    has items under it only when it leads into them (":") or heads them (no closing mark); after "…;" or "….",
    another marker is a slip of typing at the same level."""
    lines = _listed(section)
    tree: list[tuple[str, list[str]]] = []
    outer = None
    for line in lines:
        if not (m := _ITEM_LINE.match(line)):
            continue
        kind = marker_kind(line)
        outer = outer or kind
        if kind == outer or not tree or tree[-1][0].endswith((";", ".")):
            tree.append((m.group(1).strip(), []))
        else:
            tree[-1][1].append(m.group(1).strip())
    return tree


ITEM_LABEL = 200  # characters of an item's own text shown when it has no title of its own


def item_label(item: Section, head: Section) -> str:
    """An item's title; an article's clauses ("1. Nghị định số 46/2026/NĐ-CP …") carry the article's title, so
    they are shown by their own first line."""
    if item.title and item.title != head.title:
        return item.title
    first = item.text.split("\n", 1)[0].strip()
    if m := _ITEM_LINE.match(first):  # the list numbers it again
        first = m.group(1).strip()
    return first if len(first) <= ITEM_LABEL else first[:ITEM_LABEL].rsplit(" ", 1)[0] + " …"


def items_answer(question: str, hit: Hit, head: Section, notes: list[str]) -> Answer | None:
    """The parts of `head` in order, each with its path (or the items its text lists), capped with a pointer
    to the rest; None when it has fewer than two."""
    doc = hit.doc
    children = [doc.sections[o] for o in _subtree(doc, head.ordinal)[1:]] if head.path else []
    children = [s for s in children if s.parent == head.path]
    if len(children) >= 2:
        lines = [
            item_label(s, head) + (f" ({where_label(s.path, s.title)})" if s.path != s.title else "")
            for s in children
        ]
        shown = [f"{i}. {line}" for i, line in enumerate(lines[:MAX_ITEMS], 1)]
    else:
        tree = _item_tree(head)
        lines = [item for item, _ in tree]
        if len(lines) < 2:
            return None
        # An item's own items are shown under it, indented, as the text nests them.
        shown = [
            "\n".join([f"{i}. {item}", *(f"   + {sub}" for sub in subs)])
            for i, (item, subs) in enumerate(tree[:MAX_ITEMS], 1)
        ]
    # The citation holds the listed part whole (capped): what the reader opens to see every item.
    c = citation(doc, head, subtree_text(doc.sections, head.ordinal)[:LISTED_TEXT], hit.score)
    if len(lines) > MAX_ITEMS:
        where = f"mục {head.path}" if head.path else "văn bản"
        shown.append(f"… và {len(lines) - MAX_ITEMS} nội dung khác (xem nguyên văn {where}).")
    intro = (
        f"Các nội dung trong {c.label()}:"
        if head.path
        else f"Các nội dung chính của {document_label(doc.meta)}:"
    )
    text = intro + "\n" + "\n".join(shown) + "\n\n" + source_line(c)
    return Answer(question=question, found=True, answer=text, notes=notes, citations=[c])


# "Mục I.3 … gồm những ý nào?", "… có mấy nội dung?": the parts of the part named by its place, folded.
_PARTS_OF_PLACE = re.compile(
    r"\b(?:gom|co)\s+(?:nhung|cac|may|bao nhieu)\s+(?:y|diem|noi dung|muc|khoan|viec|nhiem vu|giai phap)\b"
)


def parts_of_place(question: str, hit: Hit, notes: list[str]) -> Answer | None:
    """The items of the part a question names by its place ("mục I.3") and asks the parts of; None when it asks
    something else of it, or the part has fewer than two."""
    if not _PARTS_OF_PLACE.search(fold(question)):
        return None
    return items_answer(question, hit, hit.doc.sections[hit.chunk.section_ordinal], notes)


def list_answer(
    question: str,
    hits: list[Hit],
    view: View,
    notes: list[str],
    focus: list[str] | None = None,
    long_forms: Sequence[str] = (),
) -> Answer | None:
    """A list question gets the items of the best-matching parent section (or of the best hit's own section).
    `focus`: the question's content words less what only selects the document (focus_terms), with `long_forms`,
    the long forms of the question's short ones, among them."""
    doc = hits[0].doc
    parents = [s for s in doc.sections if s.path and any(c.parent == s.path for c in doc.sections)]
    # The question's own words with the long forms of its short ones ("UBND" names "Ủy ban nhân dân …" headings).
    terms = set(focus) if focus else set(content_terms(question))
    typed = terms & set(content_terms(question))
    phrases = [w for w in (set(content_terms(p)) - typed for p in long_forms) if w]

    def overlap(s: Section) -> int:
        """Shared words; a long form's only when the heading writes all of it ("Ủy ban nhân dân" for UBND): a
        heading on "giáo dục STEM … trí tuệ nhân tạo" shares syllables with "giáo dục và đào tạo" (GDĐT), not
        the name."""
        title = set(content_terms(s.title))
        return len(typed & title) + sum(len(p) for p in phrases if p <= title)

    parent = max(parents, key=overlap, default=None)
    best_section = doc.sections[hits[0].chunk.section_ordinal]
    parts_asked = asks_for_parts(question)
    # The opening is no item: its first line is the letterhead, whose words the question may share.
    item = bool(best_section.path) and best_section not in parents
    if parts_asked and item and _names_the_item(focus or list(terms), best_section):
        # "Giáo viên được bồi dưỡng thường xuyên về những nội dung gì?": the "nội dung" are what one item lists
        # ("a) Bồi dưỡng thường xuyên cho 100% giáo viên về …"), not the parts of the document.
        parts_asked = False
    # "ở những lớp nào", "những xã nào": a fact one item states, unless the question names parts of the
    # directive ("các nhiệm vụ", "những giải pháp"), retrieval found a part with items of its own, or the
    # passage found lists items in its text.
    if best_section not in parents and not parts_asked:
        return (
            items_answer(question, hits[0], best_section, notes)
            if len(_item_lines(best_section)) >= 3
            else None
        )
    # The best hit's own section wins a tie: it is what retrieval found.
    if parent is not None and best_section in parents and overlap(best_section) >= overlap(parent):
        parent = best_section
    if parent is not None and overlap(parent) >= 2:
        return items_answer(question, hits[0], parent, notes)
    # "CV … giao Sở Công Thương những nội dung gì": the part retrieval found is headed by what the question
    # names, and lists its items: those are the answer, not the outline of the whole document.
    if overlap(best_section) >= 2 and len(_item_lines(best_section)) >= 2:
        return items_answer(question, hits[0], best_section, notes)
    if parts_asked:
        # "CV 5973 giao Sở Công Thương những nhiệm vụ gì": the part headed by what the question names
        # ("4. Sở Công Thương") lists them in its text, though retrieval put another part first.
        asked = {fold(t) for t in terms} - _PART_WORDS

        def names(s: Section) -> int:
            return len(asked & {fold(t) for t in content_terms(s.title)})

        listing = [s for s in doc.sections if s.path and s.title and len(_item_lines(s)) >= 2]
        named = max(listing, key=names, default=None)
        if named is not None and names(named) >= 2:
            return items_answer(question, hits[0], named, notes)
        top = [s for s in doc.sections if s.path and s.level == 1]
        if len(top) >= 2:
            return _top_parts(question, hits[0], top, notes)
    return None


# Words that name the kind of part a list question asks for ("những nhiệm vụ trọng tâm", "các giải pháp chủ yếu",
# "nội dung cụ thể"), not what the part is about.
_PART_WORDS = frozenset(" ".join([*_PART_NOUNS, "trong tam", "chu yeu", "chinh", "cu the"]).split())


def _names_the_item(focus: list[str], section: Section) -> bool:
    """Whether the question's own words (beyond the kind of part it asks for) are mostly in the item's first
    line: the question asks what that item holds."""
    words = {fold(w) for w in focus} - _PART_WORDS
    first = set(content_terms(section.title or section.text.split("\n", 1)[0]))
    return len(words) >= 2 and 2 * len(words & first) >= len(words)


def _top_parts(question: str, hit: Hit, top: list[Section], notes: list[str]) -> Answer:
    doc = hit.doc
    head = doc.sections[0]
    lines = [
        f"{i}. {s.title}" + (f" ({where_label(s.path, s.title)})" if s.path != s.title else "")
        for i, s in enumerate(top, 1)
    ]
    c = citation(doc, head, "\n".join([head.text[:LISTED_TEXT], *[s.title for s in top]]), hit.score)
    text = (
        f"Các nội dung chính của {document_label(doc.meta)}:\n" + "\n".join(lines) + "\n\n" + source_line(c)
    )
    return Answer(question=question, found=True, answer=text, notes=notes, citations=[c])


_FRAME = re.compile(
    r"\b(?:chi dao|yeu cau|quy dinh|huong dan|de nghi)(?=\s+(?:nhung\s+)?(?:gi|the nao|nhu the nao|ra sao)\b)"
)


def selecting_spans(intent: QueryIntent) -> list[tuple[int, int]]:
    """The spans of the question that only select the document: province, number, year, issuer, a part named by
    its place, the verb that frames the question. Found on the folded text, whose characters line up one to one
    with the NFC question."""
    folded = fold(intent.text)
    patterns = [reference_pattern(fold(n)) for n in intent.doc_numbers]
    patterns += [reference_pattern(prefix) + r"\b" for _, prefix in intent.doc_refs]
    patterns += [rf"(?:tinh|thanh pho|tp\.?)?\s*{re.escape(fold(n))}" for n in intent.provinces]
    patterns.append(r"\b(?:nam hoc\s+)?(?:19|20)\d\d\s*[-–/]\s*(?:19|20)?\d\d\b")
    spans = [m.span() for pattern in patterns for m in re.finditer(pattern, folded)]
    if intent.ordinal is not None:
        spans.append(intent.ordinal.span)
    if intent.year_source == "relative":  # "năm học này", "năm học trước": the year, said relatively
        spans += relative_spans(intent.text)
    # The issuer the question names ("Bộ yêu cầu …", "của Sở GD&ĐT", "trường THPT Đốc Binh Kiều") chose the
    # documents, as a province does.
    spans += intent.issuer_spans
    # "An Giang chỉ đạo gì về …", "yêu cầu gì về …": the verb asks what a directive says, which every passage is.
    spans += [m.span() for m in _FRAME.finditer(folded)]
    return spans


def masked_question(
    intent: QueryIntent,
    expanded: bool,
    marked: bool,
    fill: str,
    selecting: list[tuple[int, int]] | None = None,
) -> str:
    """The question with the spans of `selecting_spans` replaced by `fill`; with `expanded`, everyday wordings that
    have a formal equivalent too (the formal wording replaces the one it stands for). `selecting`: those spans,
    when the caller has them."""
    original = intent.text.lower()
    folded = fold(intent.text)
    keep = list(original if marked and len(original) == len(folded) else folded)
    spans = selecting_spans(intent) if selecting is None else selecting
    for start, end in [*spans, *intent.plain_spans] if expanded else spans:
        keep[start:end] = fill * (end - start)
    return "".join(keep)


def _naming_only(intent: QueryIntent, spans: list[tuple[int, int]]) -> set[str]:
    """Long forms of short ones typed only inside a span that selects the document (`spans`: "Sở GD&ĐT",
    "trường THPT Đốc Binh Kiều"): "giáo dục và đào tạo" there names the issuer, not what is asked."""
    out = set()
    for read in intent.abbreviations:
        short, _, long = read.partition(" = ")
        at = [m.start() for m in re.finditer(re.escape(short), intent.text)] if short else []
        if at and all(any(a <= p < b for a, b in spans) for p in at):
            out.add(long)
    return out


def focus_terms(intent: QueryIntent, expanded: bool = True, marked: bool = False) -> list[str]:
    """Content words of the question without the spans that only select the document (see `masked_question`).

    `expanded` adds the formal wordings and abbreviations of bot.understanding.query's expansions; `marked` keeps tone marks."""
    # A type's short code before a named document ("CV 6987/…") is masked; so is its spelled-out form.
    named = bool(intent.doc_numbers or intent.doc_refs)
    # With a document named by its number, an issuer named beside it is the cited document's ("Chỉ thị 04 căn cứ
    # chỉ thị nào của Bộ GDĐT?"): its long form is what is asked.
    selecting = selecting_spans(intent)
    naming = _naming_only(intent, selecting) if expanded and not named else set()
    extra = (
        [
            e
            for e in intent.expansions
            if "/" not in e and not (named and fold(e) in TYPE_NAMES) and e not in naming
        ]
        if expanded
        else []
    )
    toned = intent.has_tone_marks
    return content_terms(
        " ".join([masked_question(intent, expanded, marked or toned, " ", selecting), *extra]), marked, toned
    )


def beside_title(focus: list[str], title: str, marked: bool) -> list[str]:
    """The words that choose the passage in a question naming its document: those it takes from that document's
    title ("TT 01/2026/TT-BTC về kinh phí bảo đảm trật tự ATGT có hiệu lực từ ngày nào?") say which document is
    meant, and would pull the quote to the passages that repeat the title; the rest ("hiệu lực", "ngày") say what
    is asked. All of them when the question has no other words."""
    own = set(content_terms(title, marked))
    return [t for t in focus if t not in own] or focus


def focus_compounds(intent: QueryIntent) -> list[Compound]:
    """The question's own syllable bigrams and trigrams, never spanning a removed span; document types
    ("hướng dẫn", "kế hoạch") are left out too: they name the document, not the passage."""
    masked = list(masked_question(intent, False, False, "|"))
    for start, end in type_spans(fold(intent.text)):
        masked[start:end] = "|" * (end - start)
    return compounds("".join(masked))


def _subtree(doc: Document, ordinal: int) -> list[int]:
    """The section and the ones nested in it (for the preamble: the whole document)."""
    root = doc.sections[ordinal]
    out = [ordinal]
    for sec in doc.sections[ordinal + 1 :]:
        if sec.level <= root.level:
            break
        out.append(sec.ordinal)
    return out


HEADING_MAX = 120  # a heading line is short; a longer first line is a run-in sentence


def _inner_headings(hit: Hit) -> list[str]:
    """Heading lines of a passage's part and the parts nested in it ("6. Biện pháp an toàn che chắn …", its text
    below it; a clause's title is its article's): they repeat the question's words without answering it.
    A first line that ends a sentence ("2. Tổ chức dạy học 2 buổi/ngày … 35 tiết/tuần.") or leads into a list
    (":") states something, and stays quotable."""
    doc = hit.doc
    out = []
    for o in _subtree(doc, hit.chunk.section_ordinal):
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
    rows = [r for o in _subtree(doc, own) for r in view.section_rows.get((doc.id, o), [])]
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
    if own != focus:
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


def quoted(answer: Answer) -> str:
    """The passage an extractive answer quotes (between its opening and closing quotation marks)."""
    body = answer.answer
    return body[1 : body.find("”\n\n")] if body.startswith("“") and "”\n\n" in body else body


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
