"""Legal documents: Phần / Chương / Mục / Điều / khoản / điểm, attached plans and appendices.

Vietnamese legal texts (Luật, Nghị định, Thông tư, Quyết định) number articles "Điều 5." and inside them
clauses "1." (khoản) and points "a)" (điểm). They are cited "Điều 5, khoản 2, điểm a", so section paths are
"Điều 5.2.a"; the chapter ("Chương II") is context, not part of the path, because article numbers run
through the whole text. A Quyết định that issues a plan or regulation "ban hành kèm theo Quyết định này"
carries that document after its own articles; it keeps its own tree under the prefix "Kế hoạch » " so that
"Điều 1" of the decision and "mục II.3" of the plan are never confused. Appendices ("Phụ lục I") likewise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest import consolidated
from ingest.models import HIGH_CONFIDENCE, DocumentMeta, FieldSource, Section
from ingest.quotations import AMENDING, opens_quotation, still_quoting

ATTACH_SEP = " » "  # "Kế hoạch » II.3": an attached document's section, kept apart from the decision's own
_ARTICLE = re.compile(r"^Điều\s+(?P<n>\d{1,3}[a-zđ]?)(?:\s*[.:]\s*(?P<t>\S.*)?|\s*)$")
_CONTAINERS = [
    ("Phần", re.compile(r"^(?i:phần)\s+(?P<n>(?i:thứ)\s+\w+|[IVXLC]+|\d{1,2})\b\s*[.:\-–]?\s*(?P<t>.*)$")),
    ("Chương", re.compile(r"^(?i:chương)\s+(?P<n>[IVXLC]+|\d{1,2})\b\s*[.:\-–]?\s*(?P<t>.*)$")),
    ("Mục", re.compile(r"^(?i:mục)\s+(?P<n>\d{1,2}|[IVX]{1,4})\b\s*[.:\-–]?\s*(?P<t>.*)$")),
]
_CHAPTER = dict(_CONTAINERS)["Chương"]
_CLAUSE = re.compile(r"^(?P<n>\d{1,2})\.\s+(?P<t>\S.*)$")
_POINT = re.compile(r"^(?P<n>[a-zđ])\)\s+(?P<t>\S.*)$")
# "8.1. Quy định về canh gác …" inside khoản 8: a decimal item of the clause (decisions approving a plan number
# them so). Cited "khoản 8, điểm 8.1"; a label whose first number is not the clause's (a drafting slip: "4.1."
# under khoản 5) keeps its whole label.
_DECIMAL = re.compile(r"^(?P<n>\d{1,2})\.(?P<m>\d{1,2})\.?\s+(?P<t>\S.*)$")
# "(Ban hành kèm theo Quyết định số 986/QĐ-UBND ngày …)": the line under an attached document's title.
# "kèm theo Quyết định này" (no number) is the decision speaking of it, not the attachment itself.
ATTACHED_LINE = re.compile(
    r"^\(?\s*(?:(?:Ban hành|Được ban hành)\s+)?[Kk]èm theo\s+(?:Quyết định|Thông tư|Nghị định|Nghị quyết|"
    r"Chỉ thị|Công văn|Kế hoạch)\s+(?:số\s*:?\s*)?(?:\d|[.…_\s]*/)"  # a draft's number is left blank: "số .../QĐ-…"
)
TITLE_BLOCK = 8  # an attached document's title may run over several lines above its "(Ban hành kèm theo …)"
APPENDIX = re.compile(
    r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:số\s+)?(?P<n>[IVX]{1,5}|\d{1,2}[a-z]?))?\b\s*[.:\-–]?\s*(?P<t>.*)$"
)
_ATTACHED_TYPES = re.compile(
    r"^(KẾ HOẠCH|QUY ĐỊNH|QUY CHẾ|HƯỚNG DẪN|CHƯƠNG TRÌNH|PHƯƠNG ÁN|ĐIỀU LỆ|KHUNG KẾ HOẠCH|DANH MỤC|ĐỀ ÁN)\b"
)
# An appendix's own heading line: "PHỤ LỤC" in capitals, "Phụ lục I" / "Phụ lục số 2" with its number, or "Phụ lục"
# alone on its line above a title in capitals (a sentence naming the appendix never stops at the word).
APPENDIX_HEADING = re.compile(r"^(?:PHỤ LỤC|Phụ lục(?:\s+(?:số\s+)?[IVX\d]|\s*[.:]?$))")
SIGNATURE = re.compile(
    r"^(?:(?i:nơi nhận)\s*:|(?:KT|TM|TL|Q|TUQ)\.\s*[A-ZĐ]|(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|THỨ TRƯỞNG)$)"
)
MAX_HEADING = 200
MAX_TITLE = 160
MAX_ARTICLE_LINE = 600  # "Điều 17. <a title listing many acts>" can be long; the number and "." decide
# Types whose school year is only what their title says: a law is no school year's document.
STANDING_TYPES = frozenset({"Luật", "Bộ luật", "Hiến pháp", "Nghị định", "Thông tư", consolidated.TYPE})


def is_legal(paragraphs: list[str], body_start: int = 0) -> bool:
    """At least two "Điều N." headings with rising numbers: a text organised in articles."""
    numbers = []
    for p in paragraphs[body_start:]:
        m = _ARTICLE.match(p)
        if m and len(p) <= MAX_ARTICLE_LINE:
            numbers.append(int(re.sub(r"\D", "", m.group("n"))))
    return len(numbers) >= 2 and numbers[1] > numbers[0]


def attachment_start(paragraphs: list[str]) -> int | None:
    """Index of the first paragraph of an attached document (its title block), or None."""
    for i, p in enumerate(paragraphs):
        if i > 0 and ATTACHED_LINE.match(p):
            for j in range(i - 1, max(i - TITLE_BLOCK, -1), -1):
                if _ATTACHED_TYPES.match(paragraphs[j]):
                    return j
            return i
    return None


def _title_of(rest: str) -> str:
    """A heading's title: an article that starts straight with its text gets its first clause."""
    m = re.search(r"[:.;](?=\s|$)", rest)
    return _capped((rest[: m.start()] if m and m.start() >= 8 else rest).strip().rstrip(".;:,"))


def _capped(title: str) -> str:
    """A title cut at a word boundary to MAX_TITLE characters."""
    if len(title) > MAX_TITLE:
        cut = title.rfind(" ", 0, MAX_TITLE)
        title = title[: cut if cut > 0 else MAX_TITLE] + "…"
    return title


# The article an amending clause puts in place, quoted whole: "“Điều 30. Phương thức thanh toán …".
_QUOTED_ARTICLE = re.compile(r"^[“\"]\s*Điều\s+(?P<n>\d{1,3}[a-zđ]?)\s*\.\s*(?P<t>\S.*)$")


def amended_title(clause: str, following: str) -> str | None:
    """An amending law's clause ("24. Sửa đổi, bổ sung Điều 30 như sau:" then "“Điều 30. Phương thức thanh toán
    …") is titled by what it amends and the title of the article it writes, not by its own article's ("Sửa đổi,
    bổ sung một số điều của Luật …", shared by every clause): the quoted article is what the clause is about.
    None for a clause amending part of an article (its quoted text has no title)."""
    if not AMENDING.match(clause):
        return None
    colon = re.search(r":\s*(?=[“\"])", clause)
    if colon:
        quoted, head = clause[colon.end() :], clause[: colon.start()]
    elif clause.rstrip().endswith(":"):
        quoted, head = following.lstrip(), clause.rstrip()[:-1]
    else:
        return None
    m = _QUOTED_ARTICLE.match(quoted)
    if not m:
        return None
    head = re.sub(r"\s+như sau$", "", re.sub(r"^\d{1,2}\.\s*", "", head.strip()), flags=re.I)
    written = _title_of(m.group("t").rstrip('”"'))
    return _capped(f"{head}: {written}")


def _looks_like_title(p: str) -> bool:
    return (
        0 < len(p) <= MAX_HEADING
        and not _CLAUSE.match(p)
        and not _POINT.match(p)
        and not _ARTICLE.match(p)
        and (p.isupper() or not p.rstrip().endswith((".", ";", ":")))
    )


def _nice(title: str) -> str:
    """ "NHÀ GIÁO" → "Nhà giáo": capitals are typography, not part of the name."""
    return title[:1] + title[1:].lower() if title.isupper() else title


@dataclass
class _Builder:
    prefix: str
    sections: list[Section]

    def add(self, path: str, title: str, level: int, parent: str | None, text: str) -> Section:
        s = Section(path=self.prefix + path, title=title, text=text, level=level, parent=parent)
        self.sections.append(s)
        return s


def _parse_articles(
    paragraphs: list[str], prefix: str, preamble_path: str, preamble_title: str
) -> list[Section]:
    """One region in articles: containers, articles, clauses, points."""
    b = _Builder(prefix, [])
    current = Section(path=preamble_path, title=preamble_title, text="", level=0)
    b.sections.append(current)
    containers: dict[str, Section] = {}  # kind → open container
    article: Section | None = None
    clause: Section | None = None
    item: Section | None = None  # a decimal item of the clause ("8.1.")
    bodies: dict[int, list[str]] = {id(current): []}
    quoting = False  # inside the text an amending clause puts in place ("… như sau: “3. …”")
    quoted = False  # the current part has quoted such a text
    i = 0
    while i < len(paragraphs):
        p = paragraphs[i]
        # A numbered line that closes a quotation it never opened was quoted too: a scan closed the quotation
        # early ("… sinh.”" then "4. Nghiên cứu sinh … luận án.”").
        stray_close = quoted and p.count("”") > p.count("“") and not AMENDING.match(p)
        if (quoting and not _ends_quotation(p, article)) or (
            stray_close and (_CLAUSE.match(p) or _POINT.match(p))
        ):
            bodies[id(current)].append(p)
            quoting = still_quoting(p, True) if quoting else False
            i += 1
            continue
        prev = paragraphs[i - 1] if i else ""
        opens = opens_quotation(p, prev)
        quoting = still_quoting(p, False, prev)
        text = [p]
        kind_hit = None
        if len(p) <= MAX_HEADING:
            for kind, pattern in _CONTAINERS:
                m = pattern.match(p)
                if m and (kind != "Mục" or "Chương" in containers or article is None):
                    kind_hit = (kind, m)
                    break
        a = _ARTICLE.match(p) if len(p) <= MAX_ARTICLE_LINE else None
        if kind_hit:
            kind, m = kind_hit
            title = m.group("t").strip()
            if not title and i + 1 < len(paragraphs) and _looks_like_title(paragraphs[i + 1]):
                title = paragraphs[i + 1]
                text.append(title)
                i += 1
            order = [k for k, _ in _CONTAINERS]
            for inner in order[order.index(kind) :]:
                containers.pop(inner, None)
            outer = [containers[k] for k in order if k in containers]
            number = " ".join(m.group("n").split())
            name = f"{kind} {number.lower() if number[:1] in 'tT' else number}"  # "Phần thứ nhất"
            current = b.add(name, _nice(_title_of(title)) or name, 1, outer[-1].path if outer else None, "")
            containers[kind] = current
            article = clause = item = None
        elif a:
            title = (a.group("t") or "").strip()
            if not title and i + 1 < len(paragraphs) and _looks_like_title(paragraphs[i + 1]):
                title = paragraphs[i + 1]
                text.append(title)
                i += 1
            outer = [containers[k] for k, _ in _CONTAINERS if k in containers]
            article = b.add(
                f"Điều {a.group('n')}", _title_of(title), 2, outer[-1].path if outer else None, ""
            )
            current, clause, item = article, None, None
        elif article is not None and (m := _CLAUSE.match(p)):
            following = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
            clause = b.add(
                f"Điều {article.path.split('Điều ', 1)[1]}.{m.group('n')}",
                amended_title(p, following) or article.title,
                3,
                article.path,
                "",
            )
            current, item = clause, None
        elif clause is not None and (m := _DECIMAL.match(p)) and m.group("t")[:1].isupper():
            own = m.group("n") == clause.path.rsplit(".", 1)[1]
            label = m.group("m") if own else f"{m.group('n')}.{m.group('m')}"
            item = b.add(f"{clause.path.split(ATTACH_SEP)[-1]}.{label}", clause.title, 4, clause.path, "")
            current = item
        elif article is not None and (m := _POINT.match(p)):
            parent = item or clause or article
            current = b.add(
                f"{parent.path.split(ATTACH_SEP)[-1]}.{m.group('n')}",
                article.title,
                5 if parent is item else 4,
                parent.path,
                "",
            )
        else:
            bodies[id(current)].append(p)
            quoted = quoted or opens
            i += 1
            continue
        bodies[id(current)] = text
        quoted = opens  # a new part: it has quoted only if its own heading line opens a quotation
        i += 1
    for s in b.sections:
        s.text = "\n".join(bodies.get(id(s), []))
    return b.sections


def _ends_quotation(p: str, article: Section | None) -> bool:
    """A quotation whose closing mark was lost (a scan) ends at the next amending instruction ("2. Bỏ điểm d …"),
    at the amending text's next article or at a chapter: the quoted text never holds those."""
    if AMENDING.match(p) or any(pattern.match(p) for _, pattern in _CONTAINERS[:2]):
        return True
    a = _ARTICLE.match(p)
    if a and article is not None:
        own = re.sub(r"\D", "", article.path.split("Điều ", 1)[-1])
        return bool(own) and re.sub(r"\D", "", a.group("n")) == str(int(own) + 1)
    return False


def _attachment_name(paragraphs: list[str]) -> str:
    for p in paragraphs[:5]:
        m = _ATTACHED_TYPES.match(p)
        if m:
            return _nice(m.group(1))
        m = APPENDIX.match(p)
        if m:
            return f"Phụ lục {m.group('n')}" if m.group("n") else "Phụ lục"
    return "Văn bản kèm theo"


def _regions(paragraphs: list[str], body_start: int) -> list[tuple[int, int]]:
    """[start, end) of the document's own text, then of each attachment or appendix."""
    starts = [body_start]
    first_article = next((i for i in range(body_start, len(paragraphs)) if _ARTICLE.match(paragraphs[i])), 0)
    att = attachment_start(paragraphs[first_article:])
    if att is not None:
        starts.append(first_article + att)
    for i in range(first_article + 1, len(paragraphs)):
        p = paragraphs[i]
        if APPENDIX_HEADING.match(p) and len(p) <= MAX_HEADING and i > starts[-1]:
            starts.append(i)
    ends = [*starts[1:], len(paragraphs)]
    more = _after_signature(paragraphs, starts[0], ends[0])
    if more is not None:
        starts.insert(1, more)
        ends.insert(0, more)
    return list(zip(starts, ends, strict=True))


def signature_at(paragraphs: list[str]) -> int | None:
    return next((i for i, p in enumerate(paragraphs) if i > 0 and SIGNATURE.match(p)), None)


def _without_signature(paragraphs: list[str]) -> list[str]:
    """The decision's own signature block (before an attachment) is not part of its last article."""
    at = signature_at(paragraphs)
    return paragraphs if at is None else paragraphs[:at]


def _after_signature(paragraphs: list[str], start: int, end: int) -> int | None:
    """Where a document signed inside [start, end) goes on with another text in articles: an attachment whose
    "kèm theo" line was not recognised. Its title ("QUY ĐỊNH", "QUY CHẾ" …) or first "Chương"/"Điều" line starts
    it; only the signature block before it (Nơi nhận, signer, a repeated letterhead) is left out."""
    at = signature_at(paragraphs[start:end])
    if at is None:
        return None
    rest = range(start + at + 1, end)
    if not any(_ARTICLE.match(paragraphs[i]) for i in rest):
        return None
    title = next((i for i in rest if _ATTACHED_TYPES.match(paragraphs[i])), None)
    if title is not None:
        return title
    return next(i for i in rest if _ARTICLE.match(paragraphs[i]) or _CHAPTER.match(paragraphs[i]))


def parse_legal(
    paragraphs: list[str],
    body_start: int,
    parse_plain: Callable[[list[str], int], list[Section]],
) -> list[Section]:
    """Sections of a legal document; an attachment without articles is parsed by `parse_plain`
    (the directive parser: I./1./a)), its paths prefixed with the attachment's name."""
    sections: list[Section] = []
    preamble = paragraphs[:body_start]
    for n, (start, end) in enumerate(_regions(paragraphs, body_start)):
        part = paragraphs[start:end]
        if n == 0:
            own = _parse_articles(_without_signature(part) if end < len(paragraphs) else part, "", "", "")
            own[0].text = "\n".join([*preamble, own[0].text]).strip("\n")
            sections.extend(own)
        else:
            sections.extend(attached_sections(part, parse_plain))
    return renumbered(sections)


def attached_sections(
    part: list[str], parse_plain: Callable[[list[str], int], list[Section]]
) -> list[Section]:
    """An attachment's sections under its name ("Phụ lục I » 2", "Kế hoạch » II.3")."""
    name = _attachment_name(part)
    prefix = name + ATTACH_SEP
    head_end = next((k + 1 for k, p in enumerate(part[:6]) if ATTACHED_LINE.match(p)), 1)
    # The type line ("KẾ HOẠCH", "PHỤ LỤC I") names the attachment; a title of its own follows it, or is all there is.
    first = 0 if name == "Văn bản kèm theo" else 1
    title = " ".join(p for p in part[first:head_end] if not ATTACHED_LINE.match(p)) or name
    body = part[head_end:]
    if is_legal(body):
        sub = _parse_articles(body, prefix, prefix, _title_of(_nice(title)))
    else:
        sub = parse_plain(body, 0)
        for s in sub:
            s.parent = prefix + s.parent if s.parent else (prefix if s.path else None)
            s.path = prefix + s.path
        if not sub or sub[0].path != prefix:
            sub.insert(0, Section(path=prefix, title=_title_of(_nice(title)), text="", level=0))
        else:
            sub[0].title = _title_of(_nice(title))
    sub[0].text = "\n".join([*part[:head_end], sub[0].text]).strip("\n")
    return sub


def renumbered(sections: list[Section]) -> list[Section]:
    sections = [s for s in sections if s.text or s.path]
    if sections and not sections[0].text and not sections[0].path:
        sections.pop(0)
    for i, s in enumerate(sections):
        s.ordinal = i
    return sections


# ---- citations and context -------------------------------------------------------------------


def is_article_path(path: str) -> bool:
    return path.split(ATTACH_SEP)[-1].startswith("Điều ")


def is_container(section: Section) -> bool:
    """Phần / Chương / Mục headings: context of the articles under them, no passage of their own."""
    tail = section.path.split(ATTACH_SEP)[-1]
    return section.level == 1 and tail.split(" ", 1)[0] in ("Phần", "Chương", "Mục")


def article_label(path: str) -> str | None:
    """ "Điều 5.2.a" → "Điều 5, khoản 2, điểm a"; "Điều 5.a" → "Điều 5, điểm a"; a clause's decimal item
    "Điều 1.8.1" → "Điều 1, khoản 8, điểm 8.1" ("Điều 1.5.4.1": "điểm 4.1" as written); None for other paths."""
    m = re.match(
        r"^Điều (\d{1,3}[a-zđ]?)(?:\.(\d{1,2}))?(?:\.(\d{1,2}(?:\.\d{1,2})?))?(?:\.([a-zđ]))?$", path
    )
    if not m:
        return None
    parts = [f"Điều {m.group(1)}"]
    if m.group(2):
        parts.append(f"khoản {m.group(2)}")
    if m.group(3):
        parts.append(f"điểm {m.group(3) if '.' in m.group(3) else f'{m.group(2)}.{m.group(3)}'}")
    if m.group(4):
        parts.append(f"điểm {m.group(4)}")
    return ", ".join(parts)


def section_label(path: str) -> tuple[str | None, str]:
    """(attached document's name or None, how to cite the section inside it)."""
    attached, _, inner = path.rpartition(ATTACH_SEP)
    if not inner:
        return attached or None, ""
    legal = article_label(inner)
    if legal:
        return attached or None, legal
    if inner.startswith("Phần ") and "." in inner:  # a letter's part and an item in it: "Phần II, mục I.1"
        part, _, item = inner.partition(".")
        return attached or None, f"{part}, mục {item}"
    if inner.split(" ", 1)[0] in ("Chương", "Mục", "Phần", "Phụ"):
        return attached or None, inner
    return attached or None, f"mục {inner}"


def article_context(sections: list[Section], article: Section) -> str:
    """ "Chương II. Nhà giáo | Điều 5. Giải thích từ ngữ": where an article stands, for its chunks."""
    by_path = {s.path: s for s in sections if is_container(s)}
    chain: list[str] = []
    parent = article.parent
    while parent and parent in by_path and len(chain) < 3:
        c = by_path[parent]
        name = c.path.split(ATTACH_SEP)[-1]
        chain.insert(0, f"{name}. {c.title}" if c.title and c.title != name else name)
        parent = c.parent
    name = article.path.split(ATTACH_SEP)[-1]
    chain.append(f"{name}. {article.title}" if article.title else name)
    return " | ".join(chain)


# ---- header fields the directive header does not know ---------------------------------------

# The document's own number line ("Số: 05/2025/TT-BGDĐT", "Luật số: 43/2019/QH14"); "Căn cứ Thông tư số …" cites
# another document and never gives this one's number.
_LEGAL_NUMBER = re.compile(
    r"(?:\bSố|^\s*(?:Luật|Bộ luật) số)\s*:?\s*"
    r"(?P<num>\d{1,5}/(?:(?:19|20)\d\d/)?[A-ZĐ][A-Za-zĐđ0-9&.\-]*[A-Za-zĐđ0-9])"
)
_TYPE_BY_CODE = [("QH", "Luật"), ("NĐ-CP", "Nghị định"), ("TT-", "Thông tư"), ("QĐ-", "Quyết định")]
_TYPE_LINE = re.compile(
    # "THÔNG TƯ LIÊN TỊCH" (several ministries'): a Thông tư, its title after the whole type line.
    r"^(BỘ LUẬT|LUẬT|HIẾN PHÁP|NGHỊ ĐỊNH|THÔNG TƯ(?: LIÊN TỊCH)?|QUYẾT ĐỊNH|NGHỊ QUYẾT)\b\s*:?\s*(?P<t>.*)$"
)
_YEAR_IN_TITLE = re.compile(r"\bnăm học\s+((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d)\b", re.I)


def refine_meta(meta: DocumentMeta, paragraphs: list[str], body_start: int) -> DocumentMeta:
    """Number with its year ("05/2025/TT-BGDĐT", "43/2019/QH14"), the legal type, a title without the type
    word, and no school year for laws and regulations unless their title names one."""
    head = paragraphs[: max(body_start, 1) + 2]
    settled = meta.sources.get("doc_number")
    for p in head:
        m = _LEGAL_NUMBER.search(p)
        if settled and settled.reason and settled.confidence >= HIGH_CONFIDENCE and not meta.doc_number:
            break  # a draft's blank "Số: /KH-UBND", or a number that is not its own: none to take
        if m and (not meta.doc_number or m.group("num").startswith(meta.doc_number)):
            meta.doc_number = m.group("num")
            break
    for p in head:
        m = _TYPE_LINE.match(p)
        if m:
            word = m.group(1)
            if (
                meta.doc_type != consolidated.TYPE
            ):  # a VBHN reprints the type line of the text it consolidates
                meta.doc_type = word[:1] + word[1:].lower().removesuffix(" liên tịch")
            rest = m.group("t").strip(" :")
            taken = meta.title.upper().startswith(word) or meta.title in ("", meta.source)
            if rest and taken:  # the header took "LUẬT GIÁO DỤC" whole, or found no title
                meta.title = _nice(rest)
            break
    else:
        for code, doc_type in _TYPE_BY_CODE:
            if meta.doc_number and code in meta.doc_number and meta.doc_type in ("Văn bản", "Công văn"):
                meta.doc_type = doc_type
    words = meta.title.split()
    if any(w.islower() for w in words[:3]):  # "Ban hành … ỦY BAN NHÂN DÂN TỈNH X": the enacting body
        run = 0
        while run < len(words) - 3 and words[-1 - run].isupper():
            run += 1
        if run >= 2:
            meta.title = " ".join(words[:-run]).rstrip(" ,")
    if meta.doc_type in STANDING_TYPES:
        m = _YEAR_IN_TITLE.search(meta.title)
        meta.school_year = f"{m.group(1)}-{m.group(2)}" if m else None
        src = meta.sources.get("school_year")
        # The reading it replaced keeps its origin and confidence; the reason says why there is none.
        if not m:
            reason = "văn bản quy phạm pháp luật, không thuộc năm học nào"
            origin, conf = (src.origin, src.confidence) if src else ("title", 0.0)
            meta.sources["school_year"] = FieldSource(origin, conf, reason)
    return meta
