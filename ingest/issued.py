"""When the document was issued and which school year it is for.

The place-date line under the letterhead dates it ("Lào Cai, ngày 15 tháng 4 năm 2026"; a draft leaves the day
blank), else an opening "Ngày 11/9/2020, …", else a law's "thông qua ngày …"; never a date the text cites. The school
year is the one the title names, else the one the opening or the text names most, else the one the issue date falls
in (September to August).
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.letterhead import place_date
from ingest.readings import CONFIDENCE, Readings

# "Luật này được Quốc hội … thông qua ngày 27 tháng 11 năm 2024": a law is dated by its adoption.
_ADOPTED = re.compile(
    r"thông qua ngày\s*(?P<d>\d{1,2})\s*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>(?:19|20)\d\d)", re.I
)
_DATE_WORDS = re.compile(
    r"ngày\s*(?P<d>\d{1,2})?\s*(?:\.{2,}|…)?\s*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>(?:19|20)\d\d)", re.I
)
_NUMERIC_DATE = re.compile(r"\b[Nn]gày\s+(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)")
_YEAR_PAIR = re.compile(r"\b((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d)\b")
_TASK_WORDS = re.compile(
    r"(nhiệm vụ|triển khai|kế hoạch|thực hiện|chỉ tiêu|giải pháp)\s+(?:năm học\s+)?$", re.I
)


def iso(y: str, m: str, d: str | None) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}" if d else f"{int(y):04d}-{int(m):02d}"


def _years(text: str) -> list[tuple[str, int]]:
    """School years in text as ("2021-2022", position), consecutive pairs only."""
    out = []
    for m in _YEAR_PAIR.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if b == a + 1:
            out.append((f"{a}-{b}", m.start()))
    return out


_SCHOOL_YEAR_WORDS = re.compile(r"\bnăm\s+học\s*$", re.I)


def read_school_year(
    f: Readings, title: str, intro: list[str], paragraphs: list[str], draft_month: str | None
) -> None:
    """The school year the title names, else the one the opening names most, else the one the whole text
    calls "năm học …" most, else the one the issue date falls in (September to August); else none."""
    years = _years(title)
    if years:
        tasks = [y for y, pos in years if _TASK_WORDS.search(title[max(0, pos - 40) : pos])]
        f.offer("school_year", tasks[-1] if tasks else max(y for y, _ in years), "title", 0.9)
        return
    counts = Counter(y for p in intro for y, _ in _years(p))
    if counts:
        best = max(counts.values())
        f.offer("school_year", max(y for y, c in counts.items() if c == best), "body", 0.7)
        return
    named = Counter(
        y for p in paragraphs for y, pos in _years(p) if _SCHOOL_YEAR_WORDS.search(p[max(0, pos - 12) : pos])
    )
    if named:
        best = max(named.values())
        f.offer("school_year", max(y for y, c in named.items() if c == best), "body", 0.65)
        return
    issued = f.get("issued_date")
    issued = issued if isinstance(issued, str) else draft_month
    if issued and len(issued) >= 7:
        y, m = int(issued[:4]), int(issued[5:7])
        origin = f.sources["issued_date"].origin
        f.offer("school_year", f"{y}-{y + 1}" if m >= 9 else f"{y - 1}-{y}", origin, 0.6)
        return
    f.settle_null("school_year", "body", 0.0, "văn bản không nêu năm học và không có ngày ban hành đủ tháng")


_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})


def _ocr_digits(token: str | None, most: int) -> str | None:
    """A day or month as a scan's text layer may print it: "O5" → "05"; None unless one digit at least was read
    and each other character is a letter that looks like a digit."""
    if not token or not any(c.isdigit() for c in token):
        return None
    digits = token.translate(_OCR_DIGITS)
    return digits if digits.isdigit() and 1 <= int(digits) <= most else None


def read_issue_date(
    f: Readings, head: list[str], place_i: int | None, paragraphs: list[str], intro: list[str]
) -> str | None:
    """The place-date line, else "Ngày 11/9/2020, …" opening the text, else a law's "thông qua ngày …". Only
    these date the document: "Căn cứ Luật … ngày 16/6/2025" dates another. A draft's line leaves the day blank
    ("Lào Cai, ngày   tháng 4 năm 2026"): no date, and the month it was written in is returned; so is the typed
    month of a signed scan whose handwritten day OCR could not read."""
    dated = [head[place_i]] if place_i is not None else [p for p in head if len(p) <= 60 and ", ngày" in p]
    for p in dated:
        dm: re.Match[str] | None = _DATE_WORDS.search(p)
        pm = place_date(p) if place_i is not None else None
        if dm is None and pm and pm.group("m") and pm.group("y"):
            dm = pm  # a printed word of the form misread ("tháo" for "tháng"): its figures still date it
        if dm and dm.group("d"):
            f.offer("issued_date", iso(dm.group("y"), dm.group("m"), dm.group("d")), "place_date", 0.95)
            return None
        if pm and pm.group("y") and (pm.group("dx") or pm.group("mx")):
            # A scan misread the handwritten day or month: a letter for a digit ("O5") is read, anything else is
            # no date.
            day, month = (
                _ocr_digits(pm.group("d") or pm.group("dx"), 31),
                _ocr_digits(pm.group("m") or pm.group("mx"), 12),
            )
            if day and month:
                f.offer("issued_date", iso(pm.group("y"), month, day), "place_date", CONFIDENCE["ocr_date"])
                return None
            f.settle_null("issued_date", "place_date", 0.5, "ngày ký trên dòng địa danh không đọc được")
            # The day is written by hand at signing, the month typed with the form: as a draft's, that month
            # still places the document in its school year.
            return iso(pm.group("y"), month, None) if month and pm.group("m") else None
        if place_i is not None:  # a draft, dated when signed
            f.settle_null("issued_date", "place_date", 0.9, "dự thảo, chưa ghi ngày ký")
            return iso(dm.group("y"), dm.group("m"), None) if dm else None
    for p in intro:
        nm = _NUMERIC_DATE.match(p.lstrip())
        if nm:
            f.offer("issued_date", iso(nm.group("y"), nm.group("m"), nm.group("d")), "body", 0.75)
            return None
    for p in paragraphs[-15:]:
        am = _ADOPTED.search(p)
        if am:
            f.offer("issued_date", iso(am.group("y"), am.group("m"), am.group("d")), "body", 0.85)
            return None
    return None
