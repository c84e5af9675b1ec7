"""Questions the calendar answers: "Tháng 1/2025 có mốc gì?", "Tuần tới phải nộp gì?", "Sắp tới có hạn nào?",
"Lịch năm học 2024-2025 của Tuyên Quang gồm những mốc nào?", "Hạn nộp báo cáo sơ kết là ngày nào?".

A question is calendar-shaped when it asks for the dates themselves: a time window with a calendar word
("mốc", "lịch", "hạn") or a due verb ("phải nộp gì"), a list of the year's milestones, or the deadline of a named
task. Anything else (and a named task no item matches) is left to the usual answer, unchanged. Phrases are
matched with or without tone marks ("sap toi co han nao").
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

from bot.answer.models import Answer, Citation
from bot.answer.scope import Scope
from bot.calendar.book import KIND_LABELS, Book, Entry, book_for
from bot.calendar.milestones import Milestone, asked_milestone, milestone_entries
from bot.understanding.issuers import is_national
from bot.understanding.schoolyear import current_school_year, parse_school_years, tone_spans
from ingest import provinces
from ingest.datefmt import year_in_school_year
from ingest.models import Document
from ingest.textnorm import fold

SOON_DAYS = 30
MAX_LISTED = 25
_NOUN = r"\b(?:mốc|lịch|hạn|thời\s+hạn|hạn\s+chót|hạn\s+cuối|hạn\s+nộp|deadline)\b"
_NOT_NOUN = re.compile(r"\b(?:du lich|lich su|han che|han han|han muc|han ngach|gioi han|lich trinh)\b")
_DUE = r"\b(?:phải|cần)\s+(?:nộp|làm|hoàn\s+thành|báo\s+cáo|gửi)\b|\b(?:việc|sự\s+kiện)\s+gì\b"
_LIST = r"\b(?:gì|nào|những|các|gồm)\b"
_ASK_DAY = r"\b(?:ngày\s+nào|khi\s+nào|bao\s+giờ|hôm\s+nào|lúc\s+nào|ngày\s+mấy)\b"
_MONTH = re.compile(r"\bthang\s+(\d{1,2})(?:\s*(?:/|-|nam)\s*((?:19|20)\d\d))?(?![\d/])")
_WINDOWS = (
    (r"\btuần\s+(?:này|nay)\b", "this_week"),
    (r"\btuần\s+(?:tới|sau|kế\s+tiếp)\b", "next_week"),
    (r"\btháng\s+(?:này|nay)\b", "this_month"),
    (r"\btháng\s+(?:tới|sau|kế\s+tiếp)\b", "next_month"),
    (r"\b(?:sắp\s+tới|sắp\s+đến|tới\s+đây|thời\s+gian\s+tới)\b", "soon"),
    (r"\bhôm\s+nay\b", "today"),
    (r"\bngày\s+mai\b", "tomorrow"),
)
# Words of a deadline question that are not the task's name ("Hạn nộp … là ngày nào?").
_QUESTION_WORDS = {
    "hạn", "nộp", "cuối", "chót", "thời", "là", "ngày", "nào", "khi", "bao", "giờ", "hôm", "lúc", "phải", "cần",
    "gì", "có", "của", "ở", "tại", "trước", "vào", "mấy", "mốc", "lịch", "đến", "theo", "tỉnh", "thành", "phố",
    "văn", "bản", "năm", "nay", "này", "các", "những", "cho", "về", "và",
}  # fmt: skip
_YEAR_PHRASE = re.compile(r"\bnăm\s+học\s+\S+|\b(?:19|20)\d\d\b", re.I)
# A time window's own words ("tháng 6", "tuần tới", "sắp tới"), what asks for a list of milestones, and the
# question words, folded: what is left of a window question names the event it asks about (its figures are no
# words: `_topic` leaves them out).
_WINDOW_WORDS = {
    "thang", "tuan", "toi", "sau", "ke", "tiep", "sap", "day", "gian", "mai", "nhung", "gom", "moc", "viec",
    "su", "kien", "lam", "dot", "ky", "trong",
} | {fold(w) for w in _QUESTION_WORDS}  # fmt: skip
NAMED_EVENT = 3  # syllables naming an event ("thi VNU-TESTS", "hội thi giáo viên dạy giỏi")
NAMED_SHARE = 0.5


def _has(pattern: str, text: str) -> bool:
    return bool(tone_spans(pattern, text))


def _window(text: str, today: date, year: str) -> tuple[date, date, str] | None:
    """The period the question names, and how to say it."""
    m = _MONTH.search(fold(text))
    if m and 1 <= int(m.group(1)) <= 12:
        month = int(m.group(1))
        y = int(m.group(2)) if m.group(2) else year_in_school_year(month, year)
        return date(y, month, 1), date(y, month, monthrange(y, month)[1]), f"tháng {month}/{y}"
    for pattern, name in _WINDOWS:
        if not _has(pattern, text):
            continue
        monday = today - timedelta(days=today.weekday())
        if name == "this_week":
            return today, monday + timedelta(days=6), "tuần này"
        if name == "next_week":
            return monday + timedelta(days=7), monday + timedelta(days=13), "tuần tới"
        if name in ("this_month", "next_month"):
            first = (
                today.replace(day=1) if name == "this_month" else (today.replace(day=28) + timedelta(days=4))
            )
            first = first.replace(day=1)
            last = first.replace(day=monthrange(first.year, first.month)[1])
            return max(first, today), last, f"tháng {first.month}/{first.year}"
        if name == "soon":
            return today, today + timedelta(days=SOON_DAYS), f"{SOON_DAYS} ngày tới"
        day = today if name == "today" else today + timedelta(days=1)
        return day, day, "hôm nay" if name == "today" else "ngày mai"
    return None


def _noun(text: str) -> bool:
    return _has(_NOUN, text) and not _NOT_NOUN.search(fold(text))


def _topic(text: str) -> set[str]:
    """The task a deadline question names, as folded syllables, without question words, places and years."""
    text = _YEAR_PHRASE.sub(" ", text)
    for name in provinces.find_provinces(text):
        text = re.sub(re.escape(name), " ", text, flags=re.I)
    words = re.findall(r"\w+", text.lower())
    return {fold(w) for w in words if w not in _QUESTION_WORDS and not w.isdigit() and len(w) > 0}


def _pairs(words: list[str]) -> set[str]:
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def match_topic(entries: list[Entry], topic: set[str], share: float = 0.75, asked: str = "") -> list[Entry]:
    """The entries naming most of the topic's syllables; among those, the ones writing most of the question's
    two-syllable words in order (`asked`): "báo cáo tổng kết" is not "tổng hợp báo cáo kết quả"."""
    wanted = _pairs([fold(w) for w in re.findall(r"\w+", asked.lower())])

    def score(e: Entry) -> tuple[float, int]:
        said = re.findall(r"\w+", fold(f"{e.item.what} {e.item.who or ''}"))
        return len(topic & set(said)) / len(topic), len(wanted & _pairs(said))

    scored = [(score(e), e) for e in entries]
    best = max((s for s, _ in scored), default=(0.0, 0))
    return [e for s, e in scored if s[0] >= share and s == best]


def line(entry: Entry) -> str:
    """ "30/9/2026 (hạn): Báo cáo số liệu đầu năm — Các đơn vị. Nguồn: Công văn …, mục Thứ sáu" """
    item = entry.item
    yearly = ", hằng năm" if item.recurring == "yearly" else ""
    who = f" — {item.who}" if item.who else ""
    check = " (đọc từ bản quét, cần đối chiếu)" if item.ocr else ""
    return f"• {entry.when()} ({KIND_LABELS[item.kind]}{yearly}): {item.what}{who}{check}. Nguồn: {entry.label()}"


def entries_text(entries: list[Entry], heading: str) -> str:
    shown = entries[:MAX_LISTED]
    more = len(entries) - len(shown)
    tail = [f"… và {more} mốc khác (xem đầy đủ bằng lệnh lịch hoặc tệp .ics)."] if more > 0 else []
    return "\n".join([heading, *(line(e) for e in shown), *tail])


def citations(entries: list[Entry]) -> list[Citation]:
    out: dict[tuple[str, int], Citation] = {}
    for e in entries[:MAX_LISTED]:
        out.setdefault((e.doc.id, e.item.section_ordinal), e.citation())
    return list(out.values())


def _region(scope: Scope) -> str:
    """What a province's calendar reads: its own documents and the national ones."""
    return f"{scope.province} và văn bản của Bộ, Chính phủ"


def _where(scope: Scope) -> str:
    return f" ({_region(scope)})" if scope.province else ""


def calendar_answer(question: str, docs: list[Document], scope: Scope, today: date) -> Answer | None:
    """The calendar's answer to a calendar-shaped question, or None to let the usual answer run."""
    if scope.refusal:
        return None
    current = current_school_year(today)
    year = scope.school_year or scope.relative_year or current
    window = _window(question, today, year)
    noun, due = _noun(question), _has(_DUE, question)
    book = book_for(docs)
    where = _where(scope)
    milestone = asked_milestone(question)
    if milestone is not None and window is None:
        answer = _milestone_answer(question, milestone, book, docs, scope, year)
        if answer is not None:
            return answer
    if window and (noun or due):
        start, end, said = window
        kinds = ["deadline"] if due or _has(r"\bhạn\b", question) else None
        found = book.select(scope.province, scope.school_year, start, end, kinds, scope.doc_ids)
        topic = _topic(question) - _WINDOW_WORDS
        if len(topic) >= NAMED_EVENT:
            # "Lịch thi VNU-TESTS đợt tháng 6 …" asks for one event's dates, not the month's: the entries that name
            # it, else the usual answer (the month's other milestones do not answer it).
            found = match_topic(found, topic, NAMED_SHARE, question)
            if not found:
                return None
        if not found:
            return _none(question, f"Các văn bản hiện có không đặt mốc nào trong {said}{where}.", scope)
        return _answer(question, found, f"Các mốc trong {said}{where}:", scope)
    if noun and _has(_ASK_DAY, question):
        topic = _topic(question)
        pool = book.select(scope.province, scope.school_year, None, None, None, scope.doc_ids)
        found = match_topic(pool, topic, asked=question) if topic else []
        if not scope.school_year and found:  # as answers do: this year's, else the newest year that says
            years = sorted({e.school_year for e in found})
            pick = year if year in years else max(years)
            found = [e for e in found if e.school_year == pick]
        return _answer(question, found, f"Theo văn bản{where}:", scope) if found else None
    if noun and _has(_LIST, question) and (_has(r"\bnăm\s+học\b", question) or parse_school_years(question)):
        found = book.select(scope.province, year, None, None, None, scope.doc_ids)
        notes: list[str] = []
        if not found and not scope.school_year:
            years = sorted({e.school_year for e in book.select(scope.province, doc_ids=scope.doc_ids)})
            older = [y for y in years if y <= year]
            if older:
                notes.append(
                    f"Chưa có mốc của năm học {year}; đây là lịch năm học {older[-1]}, mới nhất hiện có."
                )
                year = older[-1]
                found = book.select(scope.province, year, None, None, None, scope.doc_ids)
        if not found:
            return _none(question, f"Các văn bản hiện có không đặt mốc nào cho năm học {year}{where}.", scope)
        return _answer(question, found, f"Lịch năm học {year}{where}:", scope, notes)
    return None


def _milestone_answer(
    question: str, milestone: Milestone, book: Book, docs: list[Document], scope: Scope, year: str
) -> Answer | None:
    """The items stating `milestone` in the year asked (else the current one); None when no document states it,
    or none states it for a year the question names (the usual answer then decides)."""
    pool = milestone_entries(milestone, book.select(scope.province, None, None, None, None, scope.doc_ids))
    found = [e for e in pool if e.school_year == year]
    notes: list[str] = []
    older = sorted({e.school_year for e in pool if e.school_year < year})
    if not found and (scope.school_year or not older):
        # No sentence of the year's documents in scope (province, year asked or meant) dates the milestone, and no
        # earlier year's may stand in: they do not say it. Without documents of that year, the usual answer decides.
        in_scope = [
            d for d in docs if (scope.doc_ids is None or d.id in scope.doc_ids) and d.meta.school_year == year
        ]
        if in_scope and not any(milestone.dated_in(d) for d in in_scope):
            return _none(
                question,
                f"Các văn bản năm học {year}{_where(scope)} hiện có không nêu ngày {milestone.name}.",
                scope,
            )
        return None
    if not found:
        notes.append(
            f"Chưa có văn bản năm học {year} nêu mốc {milestone.name}; đây là mốc của năm học {older[-1]}, "
            "mới nhất hiện có."
        )
        year = older[-1]
        found = [e for e in pool if e.school_year == year]
    local = {p for e in found if (p := e.doc.meta.province) and not is_national(e.doc.meta)}
    if scope.province is None and local:
        notes.append(
            f"Câu hỏi chưa nêu tỉnh/thành phố: mốc trên là của {', '.join(sorted(local))}; mỗi tỉnh đặt lịch năm học "
            "riêng, hãy nêu tỉnh để có mốc đúng địa phương."
        )
    where = f", {_region(scope)}" if scope.province else ""
    heading = f"{milestone.name[:1].upper()}{milestone.name[1:]} (năm học {year}{where}):"
    return _answer(question, found, heading, scope, notes)


def _answer(
    question: str, found: list[Entry], heading: str, scope: Scope, notes: list[str] | None = None
) -> Answer:
    return Answer(
        question=question,
        found=True,
        answer=entries_text(found, heading),
        notes=[*scope.notes, *(notes or [])],
        citations=citations(found),
    )


def _none(question: str, text: str, scope: Scope) -> Answer:
    return Answer(question=question, found=False, answer=text, notes=list(scope.notes))


def upcoming_text(docs: list[Document], province: str | None, today: date, days: int = SOON_DAYS) -> str:
    """The next `days` days of a province's calendar as plain text (Zalo's "lịch", Telegram's /lich)."""
    found = book_for(docs).select(province, None, today, today + timedelta(days=days))
    where = f" ({province} và văn bản của Bộ, Chính phủ)" if province else ""
    if not found:
        return f"Không có mốc nào trong {days} ngày tới{where}."
    return entries_text(found, f"Các mốc trong {days} ngày tới{where}:")


def calendar_word(text: str) -> tuple[bool, str | None]:
    """ "lịch" / "lich" alone or followed by a province ("lịch An Giang"): (True, province or None)."""
    words = fold(" ".join(text.split())).lstrip("/").split(" ", 1)
    if words[0] != "lich":
        return False, None
    if len(words) == 1:
        return True, None
    found = provinces.get(words[1])
    return (True, found.name) if found else (False, None)
