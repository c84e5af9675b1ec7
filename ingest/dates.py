"""Dated items a document sets: deadlines, events, periods and effective dates, with what is due and by whom.

Directives and plans write what must be done by when in a few fixed ways (Nghị định 30/2020/NĐ-CP layout, and
the habits of every Sở): a deadline "gửi về Sở trước ngày 30/9/2025", "chậm nhất ngày …", "hạn cuối …"; an event
of the school calendar "tựu trường ngày …", "khai giảng …", "kết thúc học kỳ I trước …", "tổ chức … vào ngày …";
a period "từ ngày … đến ngày …"; and the effective date "có hiệu lực từ ngày …" / "kể từ ngày ký". Their
grounds write dates too, but of other documents ("Căn cứ Quyết định số 2171/QĐ-BGDĐT ngày 31/7/2023"), and the
letter carries its own signing line ("Đắk Lắk, ngày 05 tháng 9 năm 2023"): those are not items. A date on or
before the document's own date with no cue saying it is set here is history ("Ngày 02/8/2019, Sở … tổ chức
Hội nghị …", "đến ngày 30/10/2021 toàn tỉnh đã vận động được …"), not an item either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ingest import furniture
from ingest.datefmt import ImpossibleDate, Mention, find_mentions, resolve, school_year_of
from ingest.letterhead import place_date
from ingest.models import Document, Section
from ingest.quoted import NUMBER_BODY
from ingest.textnorm import fold

KINDS = ("deadline", "event", "period", "effective")
_DOC_TYPES = (
    r"chỉ thị|quyết định|thông tư|nghị định|nghị quyết|công văn|kế hoạch|hướng dẫn|thông báo|công điện|kết luận|"
    r"luật|đề án|chương trình|văn bản|tờ trình|báo cáo|quy định|điều lệ"
)
# A date right after a document's number or name is that document's date: "… số 2171/QĐ-BGDĐT ngày 31/7/2023",
# "Kế hoạch số 389/KH-UBND() ngày 29/3/2018", "Nghị quyết số 01 của Chính phủ ngày …".
_CITED = re.compile(
    rf"(?:{NUMBER_BODY}|\bsố\s+\d[\w/.&-]*|\b(?:{_DOC_TYPES})\s+(?:số\s+)?\d[\w/.&-]*)"
    r"(?:\s+của\s+[^,;.()]{2,60}?)?\s*(?:\(\s*\)|\[\d{1,3}\]|\(\d{1,2}\))?\s*,?\s*(?:ban hành\s+|ký\s+)?"
    r"(?:ngày\s*)?$",
    re.I,
)
_DEADLINE_NEXT = re.compile(
    r"(?:\btrước|\bchậm\s+nhất|\bmuộn\s+nhất|\bhạn\s+chót|\bhạn\s+cuối|\bhạn|\bkhông\s+quá|\bkhông\s+muộn\s+hơn|"
    r"\bxong\s+trước)\s*(?:là\s*)?(?:vào\s*)?(?:ngày\s*)?:?\s*$",
    re.I,
)
_DEADLINE_WORDS = re.compile(
    r"\b(?:hạn\s+chót|hạn\s+cuối|hạn\s+nộp|thời\s+hạn|chậm\s+nhất|muộn\s+nhất)\b", re.I
)
_EFFECTIVE = re.compile(r"\bhiệu\s+lực\b", re.I)
_FROM_SIGNING = re.compile(
    r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+sau\s+(?P<n>\d{1,3})\s+ngày)?\s*,?\s*(?:kể\s+)?từ\s+ngày\s+ký",
    re.I,
)
# Events of the school calendar: written with these, a date is set even if it is already past when signed.
_CALENDAR_EVENT = re.compile(
    r"\b(?:tựu\s+trường|khai\s+giảng|bế\s+giảng|kết\s+thúc\s+(?:học\s+kỳ|năm\s+học|chương\s+trình)|"
    r"học\s+kỳ\s+(?:I{1,2}|1|2)\b)",
    re.I,
)
_EVENT = re.compile(
    r"\b(?:thi|kỳ\s+thi|cuộc\s+thi|hội\s+thi|kiểm\s+tra|khảo\s+sát|sơ\s+kết|tổng\s+kết|hội\s+nghị|ngày\s+hội|"
    r"hội\s+khỏe|tập\s+huấn|tổ\s+chức|diễn\s+ra|khai\s+mạc|bắt\s+đầu|vào|từ)\b",
    re.I,
)
_PAST = re.compile(r"\bđã\b", re.I)
_YEARLY = re.compile(r"\b(?:hằng|hàng|mỗi)\s+năm\b", re.I)
_MONTHLY = re.compile(r"\b(?:hằng|hàng|mỗi)\s+tháng\b[^.;]{0,40}?\bngày\s+(?P<d>\d{1,2})(?![\d/])", re.I)
_MARKER = re.compile(r"^(?:[a-zđ][).]|\d{1,2}(?:\.\d{1,2})*[.)]|[IVX]{1,5}\.|[-–•+*])\s*", re.I)
_TRAILING_CUE = re.compile(
    r"(?:\s*[,:]?\s*(?:\b(?:trước|chậm\s+nhất|muộn\s+nhất|hạn\s+chót|hạn\s+cuối|không\s+quá|vào|từ|là|ngày|"
    r"đến|sớm\s+nhất|lúc\s+\d{1,2}\s+giờ(?:\s+\d{1,2})?|trong|hết)\b))+\s*$",
    re.I,
)
_LEADING_JOIN = re.compile(r"^(?:[,;:.\s-]|\b(?:và|hoặc|đồng\s+thời|còn)\b)+", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ\d])")
MAX_WHAT = 160
_FOOTNOTE = re.compile(r"\(\s*\)|\[\d{1,3}\]")
# A clause that only says "hoàn thành trước ngày …" is about the clause before it.
_GENERIC = {"hoan thanh", "hoan tat", "khoi cong", "thuc hien", "xong", "nop", "gui", "bao cao"}
# Subjects: who a sentence (or a heading over it) addresses. Matched on folded words.
# Matched with tone marks: "Sở" is an addressee, "Sơ kết" is not; "Tổ chuyên môn" is, "Tổ chức" is not.
_ACTOR_START = re.compile(
    r"^(?:(?:Các|Những)\s+)?(?:Sở|Bộ|Phòng|Trường|UBND|Ủy\s+ban|Uỷ\s+ban|Hiệu\s+trưởng|Giám\s+đốc|Chủ\s+tịch|"
    r"Thủ\s+trưởng|Nhà\s+trường|Cơ\s+sở\s+giáo\s+dục|Ban(?!\s+hành)|Tổ(?!\s+chức)|Đơn\s+vị|Giáo\s+viên|Cán\s+bộ|"
    r"Công\s+an|Hội(?!\s+(?:thi|nghị|khỏe))|Liên\s+đoàn|Tỉnh\s+đoàn|Đoàn|Huyện|Học\s+sinh|Cha\s+mẹ)(?!\w)",
    re.I,
)
_VERBS = re.compile(
    r"\b(?:xay dung|bao cao|gui|to chuc|hoan thanh|thuc hien|ra soat|chu tri|tham muu|trien khai|nop|tong hop|"
    r"chi dao|huong dan|phoi hop|co trach nhiem|chiu trach nhiem|theo doi|trinh|cap nhat|lua chon|boi duong|"
    r"tuyen dung|kiem tra|don doc|cong khai|ban hanh|phe duyet|dinh ky|giai ngan|khoi cong|dang ky|quan triet|"
    r"bo tri|dam bao|bao dam|cung cap|lap|chuan bi|can|phai|se|duoc|tiep tuc|nghiem tuc|tap trung|chu dong)\b"
)
_ASK = re.compile(r"^(?:giao|de nghi|yeu cau)\s+")


@dataclass
class DatedItem:
    doc_id: str
    date: str  # ISO day; the 1st of the month for a month ("precision": "month")
    end: str | None  # periods
    kind: str  # one of KINDS
    what: str
    who: str | None
    section: str  # path, "" for the opening or closing part
    section_title: str
    section_ordinal: int
    precision: str = "day"
    recurring: str | None = None  # "yearly" ("hằng năm"), "monthly" ("hằng tháng vào ngày 25")
    confidence: float = 0.9
    ocr: bool = False  # read by OCR on a low-confidence page: check against the original
    text: str = ""  # the sentence it was read from


@dataclass
class DateProblem:
    doc_id: str
    section: str
    section_ordinal: int
    text: str
    reason: str  # Vietnamese


def document_school_year(doc: Document) -> str | None:
    if doc.meta.school_year:
        return doc.meta.school_year
    issued = doc.meta.issued_date or ""
    if len(issued) >= 7:
        return school_year_of(date(int(issued[:4]), int(issued[5:7]), 1))
    return None


def _issued(doc: Document) -> date | None:
    issued = doc.meta.issued_date or ""
    return date.fromisoformat(issued) if len(issued) == 10 else None


def extract(doc: Document) -> tuple[list[DatedItem], list[DateProblem]]:
    """Every dated item `doc` sets, in document order, and the dates that could not be read (31/02)."""
    items: list[DatedItem] = []
    problems: list[DateProblem] = []
    year = document_school_year(doc)
    low_ocr = doc.ocr is not None and bool(doc.ocr.low_pages)
    for section in doc.sections:
        ocr = low_ocr and doc.ocr is not None and section.ordinal in doc.ocr.sections
        for paragraph in section.text.split("\n"):
            if _skip_line(paragraph):
                continue
            for sentence in _SENTENCE_END.split(paragraph):
                _sentence(doc, section, sentence, year, ocr, items, problems)
    return _dedup(items), problems


def _skip_line(line: str) -> bool:
    """The signing line, the number line, the page's own furniture and a "related documents" entry."""
    text = line.strip()
    return (
        not text
        or place_date(text) is not None
        or text.startswith(("Số:", "Số :"))
        or furniture.is_furniture(text)
        or fold(text).startswith(("can cu ", "noi nhan"))
    )


def _sentence(
    doc: Document,
    section: Section,
    sentence: str,
    year: str | None,
    ocr: bool,
    items: list[DatedItem],
    problems: list[DateProblem],
) -> None:
    who = _who(sentence) or _heading_who(doc, section)
    item = _from_signing(doc, section, sentence, who)
    if item:
        items.append(item)
    previous = ""
    for clause in sentence.split(";"):
        _clause(doc, section, sentence, clause, previous, year, who, ocr, items, problems)
        previous = clause


def _clause(
    doc: Document,
    section: Section,
    sentence: str,
    clause: str,
    previous: str,
    year: str | None,
    who: str | None,
    ocr: bool,
    items: list[DatedItem],
    problems: list[DateProblem],
) -> None:
    mentions = find_mentions(clause)
    yearly = "yearly" if _YEARLY.search(clause) else None
    issued = _issued(doc)
    previous_end = 0
    for i, m in enumerate(mentions):
        start = m.range_start if m.range_start is not None else m.start
        end = m.until.end if m.until else m.end
        lead = clause[previous_end:start]
        following = clause[end : mentions[i + 1].start if i + 1 < len(mentions) else len(clause)]
        previous_end = end
        if _CITED.search(clause[max(0, start - 90) : m.start]) and not _DEADLINE_NEXT.search(lead):
            continue
        try:
            day, until = _days(m, year)
        except ImpossibleDate as exc:
            problems.append(
                DateProblem(
                    doc.id,
                    section.path,
                    section.ordinal,
                    clause.strip(),
                    f"Ngày không tồn tại: {exc.args[0]}",
                )
            )
            continue
        if day is None:
            problems.append(
                DateProblem(
                    doc.id, section.path, section.ordinal, clause.strip(), "Không rõ năm của ngày này"
                )
            )
            continue
        kind, confidence = _kind(m, lead, clause)
        if kind is None:
            continue
        # Uncued dates: history ("đã"), or on/before the signing date, are reports, not plans.
        if (kind == "event" and confidence < 0.8) and (
            _PAST.search(clause) or (issued is not None and day <= issued)
        ):
            continue
        if m.year is None:
            confidence -= 0.1
        items.append(
            DatedItem(
                doc_id=doc.id,
                date=day.isoformat(),
                end=until.isoformat() if until else None,
                kind=kind,
                what=_what(lead, following, previous, who),
                who=who,
                section=section.path,
                section_title=section.title,
                section_ordinal=section.ordinal,
                precision=m.precision,
                recurring=yearly,
                confidence=round(min(confidence, 0.5) if ocr else confidence, 2),
                ocr=ocr,
                text=sentence.strip(),
            )
        )
    monthly = _MONTHLY.search(clause)
    if monthly and year:
        items.extend(_monthly(doc, section, clause, sentence, int(monthly.group("d")), year, who, ocr))


def _days(m: Mention, year: str | None) -> tuple[date | None, date | None]:
    if m.until is None:
        return resolve(m, year), None
    until = resolve(m.until, year)
    hint = None
    if m.year is None and m.until.year is not None and until is not None:
        hint = until.year if m.month <= until.month else until.year - 1
    return resolve(m, year, hint), until


def _kind(m: Mention, lead: str, clause: str) -> tuple[str | None, float]:
    if m.until is not None:
        return "period", 0.9
    if _EFFECTIVE.search(lead):
        return "effective", 0.9
    if _DEADLINE_NEXT.search(lead) or _DEADLINE_WORDS.search(lead):
        return "deadline", 0.9
    if _CALENDAR_EVENT.search(clause):
        return "event", 0.85
    if _EVENT.search(lead[-60:]) or _EVENT.search(clause):
        return "event", 0.7
    return "event", 0.5


def _from_signing(doc: Document, section: Section, sentence: str, who: str | None) -> DatedItem | None:
    """ "có hiệu lực kể từ ngày ký", "có hiệu lực sau 10 ngày, kể từ ngày ký ban hành": from the document's date."""
    m = _FROM_SIGNING.search(sentence)
    issued = _issued(doc)
    if not m or issued is None:
        return None
    day = issued + timedelta(days=int(m.group("n") or 0))
    what = _clean_what(sentence[: m.start()] + "có hiệu lực")
    return DatedItem(
        doc.id, day.isoformat(), None, "effective", what, who, section.path, section.title, section.ordinal,
        text=sentence.strip(),
    )  # fmt: skip


def _monthly(
    doc: Document,
    section: Section,
    clause: str,
    sentence: str,
    day: int,
    year: str,
    who: str | None,
    ocr: bool,
) -> list[DatedItem]:
    """ "hằng tháng vào ngày 25": one item per month of the school year from the document's date on."""
    first = int(year[:4])
    issued = _issued(doc)
    what = _clean_what(_MONTHLY.sub("", clause))
    out = []
    for i in range(12):
        month, y = (9 + i - 1) % 12 + 1, first + (9 + i - 1) // 12
        try:
            when = date(y, month, day)
        except ValueError:
            continue
        if issued is None or when >= issued:
            out.append(
                DatedItem(
                    doc.id, when.isoformat(), None, "deadline", what, who, section.path, section.title,
                    section.ordinal, recurring="monthly", confidence=0.8, ocr=ocr, text=sentence.strip(),
                )
            )  # fmt: skip
    return out


def _what(lead: str, following: str, previous: str, who: str | None) -> str:
    """What is due: the words before the date (its cue removed), or after it when the date comes first;
    without the addressee it opens with (that is `who`)."""
    what = _clean_what(lead)
    if len(what.split()) < 2:
        after = _clean_what(following)
        what = after if len(after.split()) > len(what.split()) else what
    if fold(what).lower() in _GENERIC and previous.strip():
        what = f"{_clean_what(previous)}: {what.lower()}"
    if who and what.startswith(who) and len(what[len(who) :].split()) >= 2:
        rest = what[len(who) :].strip(" ,")
        what = rest[:1].upper() + rest[1:]
    return what


def _clean_what(text: str) -> str:
    text = " ".join(text.split())
    text = _MARKER.sub("", text)
    label, colon, rest = text.partition(":")
    if colon and len(rest.split()) >= 2 and len(label.split()) <= 12:
        text = rest  # "Chế độ báo cáo: báo cáo số liệu đầu năm …" → "báo cáo số liệu đầu năm …"
    for _ in range(3):
        text = _TRAILING_CUE.sub("", text).strip(" ,;:.-–(")
        text = _LEADING_JOIN.sub("", text).strip()
    text = re.sub(r"\(\s*$", "", _FOOTNOTE.sub("", text)).strip()
    if len(text) > MAX_WHAT and len(tail := text.rsplit(", ", 1)[-1].split()) >= 4:
        text = " ".join(tail)  # "…tham mưu … ban hành chỉ thị …, báo cáo kết quả sơ kết học kỳ I về Bộ"
    if len(text) > MAX_WHAT:
        cut = text.rfind(" ", 0, MAX_WHAT)
        text = text[: cut if cut > 0 else MAX_WHAT] + "…"
    return text[:1].upper() + text[1:]


def _who(sentence: str) -> str | None:
    """The sentence's subject when it opens with an addressee: "Các trường", "Sở Giáo dục và Đào tạo" …"""
    text = _MARKER.sub("", " ".join(sentence.split()))
    words = text.split()
    lead = _ASK.match(fold(text))
    if lead:
        words = words[len(lead.group(0).split()) :]
    if not words or not _ACTOR_START.match(" ".join(words)):
        return None
    fwords = fold(" ".join(words)).split()
    for k in range(1, min(len(words), 16)):
        rest = " ".join(fwords[k:])
        if _VERBS.match(rest):
            who = " ".join(words[:k]).rstrip(",:")
            return who if len(who) <= 120 else None
    return None


def _heading_who(doc: Document, section: Section) -> str | None:
    """The addressee a heading names ("1. Sở Tài chính:", "Các Phòng GD&ĐT") for the sentences under it."""
    by_path = {s.path: s for s in doc.sections[: section.ordinal + 1]}
    path: str | None = section.path
    while path:
        s = by_path.get(path)
        if s is None:
            break
        title = s.title.strip().rstrip(":")
        if _ACTOR_START.match(title) and len(title.split()) <= 12 and not _VERBS.search(fold(title)):
            return title
        path = s.parent
    return None


def _dedup(items: list[DatedItem]) -> list[DatedItem]:
    seen: set[tuple[str, str | None, str, str]] = set()
    out = []
    for item in items:
        key = (item.date, item.end, item.kind, item.what)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
