"""List answers: the items of a part ("gồm những gì", "những nhiệm vụ nào"), in order, each with its place."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answer.citations import citation, source_line
from bot.answer.extractive import addressees, marker_kind
from bot.answer.models import Answer, document_label, where_label
from bot.ranking.retrieval import Hit, View
from bot.ranking.terms import content_terms
from bot.understanding.schoolyear import tone_spans
from ingest.models import Document, Section
from ingest.sections import subtree_text
from ingest.textnorm import fold

# "các nhiệm vụ", "những giải pháp"…: the question asks for the parts of a document, not for a fact.
# The parts of a directive a list question may ask for ("các nhiệm vụ", "những giải pháp"), folded.
_PART_NOUNS = ("nhiem vu", "giai phap", "noi dung", "chi tieu", "muc tieu")
# With their marks: typed with them, "chi tiêu" (spending) is no "chỉ tiêu" (target).
_PART_NOUNS_MARKED = ("nhiệm vụ", "giải pháp", "nội dung", "chỉ tiêu", "mục tiêu")
# A document is named by its type and subject ("Hướng dẫn nhiệm vụ trọng tâm năm học 2019-2020", "Kế hoạch thực
# hiện nhiệm vụ năm học"): a part noun there is the document's name, not the parts the question asks for.
_NAMED_BY_SUBJECT = re.compile(
    r"\b(?:huong dan|ke hoach|chi thi|cong van|quyet dinh|thong bao|bao cao|chuong trinh)"
    rf"(?:\s+(?:thuc hien|trien khai|to chuc))?\s+(?:{'|'.join(_PART_NOUNS)})\b"
)


def asks_for_parts(question: str) -> bool:
    """ "Chỉ thị 04 có những nhiệm vụ gì?": the parts of a document are asked for, not a fact one item states."""
    named = [m.span() for m in _NAMED_BY_SUBJECT.finditer(fold(question))]
    return any(
        not any(x <= a < y for x, y in named)
        for noun in _PART_NOUNS_MARKED
        for a, _ in tone_spans(rf"\b{noun}\b", question)
    )


MAX_ITEMS = 12  # a longer list ends with a pointer to the rest


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
    children = [doc.sections[o] for o in subtree(doc, head.ordinal)[1:]] if head.path else []
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
    marked_focus: list[str] | None = None,
) -> Answer | None:
    """A list question gets the items of the best-matching parent section (or of the best hit's own section).
    `focus`: the question's content words less what only selects the document (focus_terms), with `long_forms`,
    the long forms of the question's short ones, among them. `marked_focus`: the same words with the tone marks
    the question was typed with (None when it was typed without)."""
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
    names_item = (
        _names_the_item(marked_focus, best_section, marked=True)
        if marked_focus
        else _names_the_item(focus or list(terms), best_section)
    )
    if parts_asked and item and names_item:
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


def _names_the_item(focus: list[str], section: Section, marked: bool = False) -> bool:
    """Whether the question's own words (beyond the kind of part it asks for) are mostly in the item's first
    line: the question asks what that item holds. `marked`: `focus` keeps the tone marks it was typed with, and
    is compared so ("giao nhiệm vụ cho … cơ quan" does not name "quản lý … giáo dục")."""
    words = {w.lower() for w in focus if fold(w) not in _PART_WORDS}
    first = set(content_terms(section.title or section.text.split("\n", 1)[0], marked))
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


def subtree(doc: Document, ordinal: int) -> list[int]:
    """The section and the ones nested in it (for the preamble: the whole document)."""
    root = doc.sections[ordinal]
    out = [ordinal]
    for sec in doc.sections[ordinal + 1 :]:
        if sec.level <= root.level:
            break
        out.append(sec.ordinal)
    return out
