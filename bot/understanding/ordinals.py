"""Questions that point at a part of a directive by its place: "nhiệm vụ thứ nhất", "mục 2", "phần B", "mục II.3".

Directives number their parts (A./I./1./a), "Thứ nhất, …"); a teacher refers to them the same way, or by
position among the tasks ("nhiệm vụ đầu tiên", "giải pháp cuối cùng"). A reference is resolved per document to
the sections it names; retrieval then favours those sections and the question's other words pick the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understanding.schoolyear import fold_keep
from ingest.models import Document, Section
from ingest.textnorm import fold

LAST = -1
_NUMBER_WORDS = {
    "nhat": 1,
    "hai": 2,
    "ba": 3,
    "tu": 4,
    "bon": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
}
# Nouns that name a part of a directive (folded); "nhóm nhiệm vụ", "nhiệm vụ trọng tâm" keep their head noun.
_NOUNS = (
    r"nhiem vu|giai phap|noi dung|muc tieu|chi tieu|bien phap|yeu cau|linh vuc|phong trao|nhom"
    r"|phan|muc|diem|khoan|dieu|chuong"
)
_QUALIFIER = r"(?:\s+(trong tam|chu yeu|chung|cu the|co ban|chinh|lon))?"
_POSITION = r"thu\s+(?:nhat|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi|\d{1,2})|dau tien|cuoi cung|sau cung"
# "nhiệm vụ thứ nhất", "giải pháp trọng tâm đầu tiên", "phần thứ hai"
_BY_POSITION = re.compile(rf"\b({_NOUNS}){_QUALIFIER}\s+({_POSITION})\b")
# "Thứ hai" alone names a part written "Thứ hai, …" in the directive.
# Only where it starts the question or a clause: "buổi học thứ hai", "lần thứ hai" are plain ordinals, and so is
# one that goes on a list of them ("người thứ hai, thứ ba": the noun before the first is the noun of each).
_ORDINAL = r"thu\s+(?:nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi)"
_BARE_POSITION = re.compile(rf"(?:^|[,:;(]\s*)({_ORDINAL})\b")
_ENDS_ORDINAL = re.compile(rf"{_ORDINAL}\s*$")
# "mục 2", "phần B", "mục II.3", "điểm b khoản 2" (only the first part is read)
_COMPONENT = r"(?:[ivxlc]{1,5}|\d{1,2}|[a-hk-z])"
_BY_PATH = re.compile(rf"\b(muc|phan|diem|khoan)\s+({_COMPONENT}(?:\s*\.\s*{_COMPONENT})*)(?![\w/])")
# What follows "khoản 2" / "điểm b" when it is a clause of an article: "(khoản 2) (của) Điều 56".
_ARTICLE = re.compile(r"\s*,?\s+(?:khoan\s+(\d{1,3})\s+)?(?:cua\s+)?dieu\s+(\d{1,3})\b")
# The question wants the whole part, not one fact inside it.
_WHOLE = re.compile(
    r"\b(toan bo|ca (?:muc|phan)|gom (?:nhung|cac|may) |nhung (?:gi|noi dung)|liet ke|tom tat|noi dung (?:chinh|cua)"
    r"|(?:muc|phan) nay noi|noi gi(?!\s+ve\b)|noi ve gi|co nhung)"
)  # "nói gì về sách giáo khoa" asks one thing the part says


@dataclass(frozen=True)
class OrdinalRef:
    noun: str | None  # folded: "nhiem vu", "muc", … (None for a bare "Thứ hai")
    position: int | None  # 1-based, LAST for "cuối cùng"; None when a path is given
    path: str | None  # "II.3", "B", "2", "Thứ hai"
    span: tuple[
        int, int
    ]  # in the question text, to leave out of its content words: "nhiệm vụ chủ yếu thứ ba"
    # names a part, its words are those of the parent's heading, not of the part's text
    whole: bool  # the whole part is asked for
    qualifier: str | None = None  # folded: "chung" in "nhiệm vụ chung thứ hai", "trong tam", …


def _position(word: str) -> int:
    word = " ".join(word.split())
    if word in ("dau tien",):
        return 1
    if word in ("cuoi cung", "sau cung"):
        return LAST
    tail = word.split()[-1]
    return int(tail) if tail.isdigit() else _NUMBER_WORDS[tail]


def find_ordinal(question: str) -> OrdinalRef | None:
    """The first part-by-place reference in the question, if any."""
    folded = fold_keep(question.lower())
    whole = bool(_WHOLE.search(folded))
    m = next(
        (m for m in _BY_PATH.finditer(folded) if not (m.group(1) == "diem" and m.group(2)[0].isdigit())), None
    )
    if m:  # "điểm 9" is a mark, not a part
        path = re.sub(r"\s+", "", m.group(2)).upper()
        if m.group(1) in ("khoan", "diem") and (article := _ARTICLE.match(folded, m.end())):
            # "khoản 2 Điều 56", "điểm b khoản 2 Điều 38": a clause of an article (of a law, as a rule another
            # one's), not part 2 of whatever document is asked about.
            clause = f".{article.group(1)}" if article.group(1) else ""
            path = f"Điều {article.group(2)}{clause}.{path.lower() if m.group(1) == 'diem' else path}"
            return OrdinalRef(m.group(1), None, path, (m.start(), article.end()), whole)
        return OrdinalRef(m.group(1), None, path, m.span(), whole)
    m = _BY_POSITION.search(folded)
    if m:
        return OrdinalRef(m.group(1), _position(m.group(3)), None, m.span(), whole, m.group(2))
    m = next(
        (m for m in _BARE_POSITION.finditer(folded) if not _ENDS_ORDINAL.search(folded[: m.start()])), None
    )
    if m:
        n = _NUMBER_WORDS[m.group(1).split()[-1]]
        return OrdinalRef(None, n, f"Thứ {_spelled(n)}", m.span(1), whole)
    return None


def _spelled(n: int) -> str:
    # Section paths keep the directive's spelling: "Thứ nhất", "Thứ tư", "Thứ năm".
    return {
        1: "nhất",
        2: "hai",
        3: "ba",
        4: "tư",
        5: "năm",
        6: "sáu",
        7: "bảy",
        8: "tám",
        9: "chín",
        10: "mười",
    }[n]


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


def _part_number(path: str) -> int | None:
    """2 for "II", "2", "Phần II", "Phần thứ hai" (a part of a letter, as a question or a path names it)."""
    words = fold(path).replace("phan ", "", 1).replace("thu ", "", 1).strip().split()
    if len(words) != 1:
        return None
    word = words[0]
    return int(word) if word.isdigit() else _ROMAN.get(word) or _NUMBER_WORDS.get(word)


def _norm_path(path: str) -> str:
    return fold(path).rstrip(".").replace(" ", "")


def _top(doc: Document) -> list[Section]:
    numbered = [s for s in doc.sections if s.path]
    if not numbered:
        return []
    level = min(s.level for s in numbered)
    return [s for s in numbered if s.level == level]


def _children(doc: Document, parent: Section) -> list[Section]:
    return [s for s in doc.sections if s.parent == parent.path and s.path and s.ordinal > parent.ordinal]


def _pick(items: list[Section], position: int) -> Section | None:
    if not items:
        return None
    if position == LAST:
        return items[-1]
    return items[position - 1] if 0 < position <= len(items) else None


def resolve(ref: OrdinalRef, doc: Document) -> dict[int, float]:
    """Section ordinal → how surely the reference names it (1 exact, 0.5 a looser reading); empty when the
    document has no such part."""
    if ref.path is not None:
        want = _norm_path(ref.path)
        if want.startswith("dieu"):
            # A clause of an article: only a document with that article has it (an attachment's "Quy định » …").
            return {
                s.ordinal: 1.0
                for s in doc.sections
                if s.path and (_norm_path(s.path) == want or _norm_path(s.path).endswith("»" + want))
            }
        # "phần II" is the letter's "PHẦN II" / "Phần thứ hai" where it has such parts (ingest/sections.py).
        number = _part_number(ref.path) if ref.noun == "phan" else None
        parts = {
            s.ordinal: 1.0 for s in doc.sections if number and s.level == 1 and _part_number(s.path) == number
        }
        exact = parts or {s.ordinal: 1.0 for s in doc.sections if s.path and _norm_path(s.path) == want}
        if exact or ref.noun is None:
            return exact
        # "mục 3" in a document numbered I.1, I.2 … may mean the third item of a part: every ".3".
        return {s.ordinal: 0.5 for s in doc.sections if s.path and _norm_path(s.path).endswith("." + want)}
    assert ref.position is not None
    noun = ref.noun or ""
    if noun and noun not in ("phan", "muc", "diem", "khoan", "dieu", "chuong", "nhom"):
        # "nhiệm vụ thứ nhất": the first child of the part headed by that noun ("II. NHIỆM VỤ VÀ GIẢI PHÁP").
        parents = [s for s in doc.sections if s.path and noun in fold(s.title) and _children(doc, s)]
        # "nhiệm vụ chung thứ hai": of "NHIỆM VỤ CHUNG", not of "NHIỆM VỤ CỤ THỂ".
        qualified = [s for s in parents if ref.qualifier and ref.qualifier in fold(s.title)]
        parents = qualified or parents
        picks = [_pick(_children(doc, p), ref.position) for p in parents]
        found = {s.ordinal: 1.0 for s in picks if s is not None}
        if found:
            return found
    # Without a part headed by that noun, the n-th top-level part; less sure when a noun was named.
    pick = _pick(_top(doc), ref.position)
    return {pick.ordinal: 0.5 if noun and noun not in ("phan", "muc") else 1.0} if pick else {}
