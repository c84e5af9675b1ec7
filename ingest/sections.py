"""Where headings are parsed: clean paragraphs → a flat list of sections with tree paths.

Numbered headings nest by kind (A. > I. > 1. > a)), so "a)" under "3." under "I."
gets the path "I.3.b". Ordinal items ("Thứ nhất") use the ordinal as their path,
unnumbered headings (a short line without final punctuation, as portals print
them) use their text. Paragraphs before the first heading form the preamble "".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import legal
from ingest.appendices import parse_with_appendices
from ingest.markers import repair_markers
from ingest.models import Section
from ingest.tables import TABLE_ROW
from ingest.textnorm import fold

_ORDINALS = "nhất|hai|ba|tư|năm|sáu|bảy|bẩy|tám|chín|mười"
# Besides "I." / "1." / "a)", letters written before the 2011 and 2020 rules on administrative formats (and many
# written since, and Party documents) mark parts with a dash or a slash: "I- NHIỆM VỤ CHUNG", "III – TỔ CHỨC",
# "1- Giáo dục mầm non", "2/ Giáo dục tiểu học", "a- …", "b/ …".
_DASH = r"(?:\s?[-–]|/)"
_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(r"^(?P<m>[A-H])(?:\.|" + _DASH + r")\s+(?P<t>\S.*)$")),
    (1, re.compile(r"^(?P<m>[IVX]{1,5})(?:\.|" + _DASH + r")\s+(?P<t>\S.*)$")),
    (2, re.compile(r"^(?P<m>\d{1,2}(?:\.\d{1,2})*)(?:[.)]|[-–/])\s+(?P<t>\S.*)$")),
    (3, re.compile(r"^(?P<m>[a-zđ])(?:[).]|[-–/])\s+(?P<t>\S.*)$")),
]
# A report-and-plan letter (kết quả năm học … / phương hướng, nhiệm vụ năm học …) is split in "PHẦN I." /
# "Phần thứ hai" above its I./1./a) items; each part restarts the numbering, so the part must be in the path.
_PART = re.compile(
    rf"^(?:PHẦN|Phần)\s+(?P<m>[IVX]{{1,5}}|\d{{1,2}}|(?:THỨ|thứ|Thứ)\s+(?:{_ORDINALS}|NHẤT|HAI|BA|TƯ|NĂM|SÁU))"
    r"(?:\s*[.:\-–]\s*(?P<t>\S.*)?)?$"
)
_ORDINAL = re.compile(rf"^(?:[-–•]\s*)?(?P<m>Thứ\s+(?:{_ORDINALS}))\s*[,:.]\s*(?P<t>\S.*)$", re.I)
_NO_FINAL_PUNCT = re.compile(r"[^.;:,!?…/]$")
# Lines of the letter around the text that are never headings: subject, addressees, grounds,
# place-date line, the operative word ("QUYẾT ĐỊNH:"), distribution list and signature.
_NEVER_HEADING = re.compile(
    r"^(?:V/v\b|Về việc\b|Kính gửi\b|Căn cứ\b|Thực hiện\b|Nơi nhận\b|Số\s*:|Độc lập\b|"
    r"(?:KT|TM|TL|Q|TUQ)\.\s|[^,\d]{2,40},\s*ngày\b)",
    re.I,
)
# A photo caption in a news page ("… lễ khai giảng. Ảnh: Minh Anh").
_CAPTION = re.compile(r"(?:^|[.(\s])Ảnh\s*(?::|minh họa|minh hoạ)", re.I)
_FOOTNOTE = re.compile(r"(?<=\S)\[\d{1,3}\]|\(\s*\)|(?<=[^\W\d])\(\d{1,2}\)(?=\s|$|[,.;:])")
_TITLE_END = re.compile(r"[:.;](?=\s|$)")
# The closing formula after the last item ("Trên đây là …", "Nhận được Công văn này …", "Trong quá trình thực
# hiện, nếu có vướng mắc …", "Chủ tịch UBND tỉnh yêu cầu … thực hiện nghiêm túc Chỉ thị này./.", "Chỉ thị này có
# hiệu lực kể từ ngày ký"): every letter
# ends with one. It speaks of the whole text, so it must not make the last item look like the answer.
_DOC_WORD = r"(?:chi thi|cong van|huong dan|ke hoach|van ban|thong bao|quyet dinh)"
_CLOSING = re.compile(
    r"^(?:tren day la\b|"
    + _DOC_WORD
    + r" nay co hieu luc\b|nhan duoc "
    + _DOC_WORD
    + r"\b|trong qua trinh (?:\w+ )?(?:\w+ )?thuc hien\b[^.]*"
    r"\b(?:vuong mac|kho khan|phat sinh)\b|(?:[^.]{0,80}\b)?(?:yeu cau|de nghi)\b[^.]*\b"
    + _DOC_WORD
    + r" nay\b)"
)
# A conclusion drawn from everything above ("Từ các nội dung nêu trên cho thấy …", "Với những lý do trên, …"): a
# reply or a report ends its last item with it. As the first paragraph of an item it introduces that item's
# own text ("2. Kiến nghị" / "Từ các kết quả trên, Đoàn yêu cầu: …"), so only a later one closes.
_CONCLUSION = re.compile(
    r"^(?:tu|voi|vi|qua|can cu(?: vao)?|tren co so) (?:cac|nhung) (?:noi dung|can cu|ly do|co so|van de|ket qua)\b"
    r"[^.:]{0,40}?\btren\b"
)
CLOSING_TITLE = "Phần kết"
MAX_HEADING = 200
MAX_TITLE = 160


@dataclass
class _Heading:
    kind: int  # -1 part ("PHẦN I"), 0-3 numbered levels, 10 ordinal, 20 unnumbered, 21 item under one, 30 closing
    marker: str
    title: str


def _title_of(rest: str) -> str:
    """A heading line's title: up to the first ':' or sentence end, capped."""
    m = _TITLE_END.search(rest)
    title = rest[: m.start()] if m and m.start() >= 8 else rest
    title = _FOOTNOTE.sub("", title).strip().rstrip(".;:,").strip()
    if len(title) > MAX_TITLE:
        cut = title.rfind(" ", 0, MAX_TITLE)
        title = title[: cut if cut > 0 else MAX_TITLE] + "…"
    return title


def _part(paragraph: str, following: str) -> _Heading | None:
    m = _PART.match(paragraph)
    if not m:
        return None
    marker = " ".join(m.group("m").split())
    marker = marker.upper() if marker.isupper() and not marker.lower().startswith("thứ") else marker.lower()
    # "Phần thứ hai" with its title on the next line ("NHIỆM VỤ NĂM HỌC 2024-2025"), as such letters print it.
    title = m.group("t") or (following if following.isupper() and len(following) <= MAX_HEADING else "")
    return _Heading(-1, f"Phần {marker}", _title_of(title) if title else f"Phần {marker}")


def _numbered(paragraph: str) -> _Heading | None:
    for kind, pattern in _PATTERNS:
        m = pattern.match(paragraph)
        if m:
            return _Heading(kind, m.group("m"), _title_of(m.group("t")))
    m = _ORDINAL.match(paragraph)
    if m:
        ordinal = " ".join(m.group("m").split())
        return _Heading(10, ordinal[0].upper() + ordinal[1:].lower(), _title_of(m.group("t")))
    return None


def _is_unnumbered_heading(paragraph: str) -> bool:
    first = paragraph[:1]
    if _NEVER_HEADING.match(paragraph) or _CAPTION.search(paragraph) or TABLE_ROW.match(paragraph):
        return False
    return (
        len(paragraph) <= MAX_HEADING
        and first.isalpha()
        and first.isupper()
        and not paragraph.isupper()  # all-caps lines are titles and banners, not item headings
        and bool(_NO_FINAL_PUNCT.search(paragraph))
        and len(paragraph.split()) >= 2
    )


def _roman_is_letter(marker: str, previous: list[_Heading]) -> bool:
    """ "C." or "D." after "B." is a letter part, not Roman 100/500; "I." after "H." likewise."""
    letters = [h.marker for h in previous if h.kind == 0]
    return bool(letters) and len(marker) == 1 and ord(marker) == ord(letters[-1]) + 1


def parse_sections(paragraphs: list[str], body_start: int = 0) -> list[Section]:
    """Build sections from clean paragraphs; paragraphs before `body_start` go to the preamble.
    Texts organised in articles ("Điều 5.") are parsed by ingest/legal.py. Heading markers a scan misread
    ("L." for "I.", "a}" for "a)") are first repaired where their siblings prove them (ingest/markers.py)."""
    paragraphs = repair_markers(paragraphs, body_start)
    if legal.is_legal(paragraphs, body_start):
        return legal.parse_legal(paragraphs, body_start, _parse_numbered)
    # Appendices and attached plans after the signature keep their own trees ("Phụ lục I » 2"), as a decision's do.
    return parse_with_appendices(paragraphs, body_start, _parse_numbered, _parse_appendix) or _parse_numbered(
        paragraphs, body_start
    )


def _parse_appendix(paragraphs: list[str], body_start: int = 0) -> list[Section]:
    """An appendix is mostly tables and forms: its short unnumbered lines are rows and blanks, not headings."""
    return _parse_numbered(paragraphs, body_start, unnumbered=False)


def _parse_numbered(paragraphs: list[str], body_start: int = 0, unnumbered: bool = True) -> list[Section]:
    headings: list[_Heading | None] = [None] * len(paragraphs)
    seen: list[_Heading] = []
    for i in range(body_start, len(paragraphs)):
        h = _part(paragraphs[i], paragraphs[i + 1] if i + 1 < len(paragraphs) else "") or _numbered(
            paragraphs[i]
        )
        if h and h.kind == 1 and _roman_is_letter(h.marker, seen):
            h.kind = 0
        if h:
            headings[i] = h
            seen.append(h)
    _inner_lists(headings)
    # Unnumbered headings only where the document has no numbering of its own:
    # elsewhere short unpunctuated lines are photo captions, signatures or list items.
    if unnumbered and len(seen) < 2:
        for i in range(body_start, len(paragraphs)):
            if _is_unnumbered_heading(paragraphs[i]) and i + 1 < len(paragraphs):
                headings[i] = _Heading(20, paragraphs[i], paragraphs[i])
        _unnumbered_groups(headings)
    _mark_closing(paragraphs, headings)
    return _assemble(paragraphs, headings)


# A heading that names a collection ("Một số nhóm giải pháp cơ bản", "Các nhiệm vụ trọng tâm", "Những giải pháp")
_COLLECTION = re.compile(r"^(?:mot so|cac|nhung|nhom)\s")


def _unnumbered_groups(headings: list[_Heading | None]) -> None:
    """A portal's copy drops the markers of "III. Một số giải pháp" and of its "1." "2." items alike. A heading
    that names a collection and is followed at once by another heading (it has no text of its own) heads the
    headings after it, up to the next collection heading: they become its items (kind 21)."""
    group = False
    for i, h in enumerate(headings):
        if h is None:
            continue
        if h.kind != 20:
            group = False
        elif _COLLECTION.match(fold(h.title).lower()):
            following = headings[i + 1] if i + 1 < len(headings) else None
            group = following is not None and following.kind == 20
        elif group:
            h.kind = 21


_LETTERS = "abcdđeghiklmnopqrstuvxy"  # the order of a), b), c) … as Vietnamese letters number points


def _count(h: _Heading) -> int | None:
    """Where a numbered heading stands in its count: 3 for "3.", 5 for "đ)"; None for a decimal marker."""
    if h.kind == 2 and h.marker.isdigit():
        return int(h.marker)
    if h.kind == 3 and h.marker in _LETTERS:
        return _LETTERS.index(h.marker) + 1
    return None


def _inner_lists(headings: list[_Heading | None]) -> None:
    """A list counted inside an item ("2. Sinh viên nộp trước ngày 15/9:", then "1. Nhật Bản học" … "9. Chip bán
    dẫn", then "3. …"): a count that restarts at one and is then continued by the count it broke off belongs to
    the item it follows, as its text; read as the item's siblings, two parts would share one path. A restart that
    the old count never continues is left as it is."""
    marked = [i for i, h in enumerate(headings) if h is not None]
    for pos, i in enumerate(marked):
        h = headings[i]
        if h is None or _count(h) != 1:
            continue
        before = None
        for j in reversed(marked[:pos]):
            g = headings[j]
            if g is not None and g.kind <= h.kind:
                before = g if g.kind == h.kind else None
                break
        outer = _count(before) if before is not None else None
        if outer is None or outer < 2:
            continue
        # The inner count rises (an item may be lost in a flattened table); where it first falls back, the old
        # count must go on.
        last, end = 1, None
        for j in marked[pos + 1 :]:
            g = headings[j]
            if g is None or g.kind > h.kind:
                continue
            if g.kind < h.kind or (n := _count(g)) is None:
                break
            if n > last:
                last = n
                continue
            end = j if n == outer + 1 else None
            break
        if end is not None:
            for j in marked[pos:]:
                g = headings[j]
                if j >= end:
                    break
                if g is not None and g.kind >= h.kind:
                    headings[j] = None


def _mark_closing(paragraphs: list[str], headings: list[_Heading | None]) -> None:
    """The closing formula, in the body of the last heading, becomes a part of its own (path "", "Phần kết")."""
    last = max((i for i, h in enumerate(headings) if h is not None), default=None)
    if last is None:
        return
    for i in range(last + 1, len(paragraphs)):
        folded = fold(paragraphs[i]).lower()
        # The item has its own text before it: a paragraph under its heading, or a heading that is a sentence.
        said = i > last + 1 or paragraphs[last].rstrip().endswith((".", ";"))
        concludes = said and _CONCLUSION.match(folded) and not paragraphs[i].rstrip().endswith(":")
        if _CLOSING.match(folded) or concludes:
            headings[i] = _Heading(30, "", CLOSING_TITLE)
            return


def _within(h: _Heading, above: _Heading) -> bool:
    """A decimal item inside the numbered one its marker extends: "1.2." under "1.", "2.1.3." under "2.1."."""
    return h.marker.startswith(above.marker + ".")


def _path(stack: list[_Heading]) -> str:
    """The path of the innermost heading: each marker, a decimal one without the part its parent writes
    ("I" › "1" › "1.2" → "I.1.2")."""
    parts = [stack[0].marker] if stack else []
    for above, h in zip(stack, stack[1:], strict=False):
        parts.append(h.marker[len(above.marker) + 1 :] if _within(h, above) else h.marker)
    return ".".join(parts)


def _assemble(paragraphs: list[str], headings: list[_Heading | None]) -> list[Section]:
    sections: list[Section] = [Section(path="", title="", text="", level=0, ordinal=0)]
    bodies: list[list[str]] = [[]]
    stack: list[_Heading] = []
    group = ""  # the unnumbered heading the items of kind 21 belong to
    for paragraph, h in zip(paragraphs, headings, strict=True):
        if h is None:
            bodies[-1].append(paragraph)
            continue
        if h.kind == 30:
            stack = []
            path, parent, level = "", None, 0
        elif h.kind < 10:
            while stack and (
                stack[-1].kind > h.kind or (stack[-1].kind == h.kind and not _within(h, stack[-1]))
            ):
                stack.pop()
            stack.append(h)
            path = _path(stack)
            parent = _path(stack[:-1]) or None
            level = len(stack)
        elif h.kind == 21:
            path, parent, level = h.marker, group, 2
        else:
            stack = []
            path, parent, level = h.marker, None, 1
        if h.kind == 20:
            group = h.marker
        sections.append(
            Section(path=path, title=h.title, text="", level=level, parent=parent, ordinal=len(sections))
        )
        bodies.append([paragraph])
    for section, body in zip(sections, bodies, strict=True):
        section.text = "\n".join(body)
    if not sections[0].text and len(sections) > 1:
        sections.pop(0)
        for i, s in enumerate(sections):
            s.ordinal = i
    return sections


def subtree_text(sections: list[Section], index: int) -> str:
    """A section's text followed by the text of its subsections (for "show me the source")."""
    root = sections[index]
    parts = [root.text]
    prefix = root.path + "."
    for s in sections[index + 1 :]:
        if root.level and s.level > root.level and s.path.startswith(prefix):
            parts.append(s.text)
        else:
            break
    return "\n".join(parts)
