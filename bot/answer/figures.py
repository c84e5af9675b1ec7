"""What a quoted passage states: a figure next to what the question counts, a day.

"Bao nhiêu …?" is answered by a passage stating a figure, "ngày nào?" by one stating a day; numbers that name
(years, document numbers, item numbers) are not figures.
"""

from __future__ import annotations

import re

from ingest.textnorm import fold

# A figure in a passage: digits, or a number word (not "năm", which is also "year").
_FIGURE = re.compile(
    r"\d|\b(?:một|hai|ba|bốn|tư|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu|tỷ(?!\s+lệ)|tỉ(?!\s+lệ)|toàn bộ|tất cả|đa số|phần lớn)\b",
    re.I,
)


# Numbers that name rather than count: years, school years, document numbers, dates, item numbers.
_NAMING_NUMBER = re.compile(r"\b(?:19|20)\d\d(?:\s*-\s*(?:19|20)\d\d)?\b|\b\d+/\S*|^\S{1,4}[.)]\s|\b[IVX]+\b")


# A day in a passage: "ngày 05/9", "05/9/2026", "ngày 5 tháng 9", "mùng 5".
_DAY = re.compile(r"\b\d{1,2}/\d{1,2}\b|\bngày\s+\d{1,2}\b|\bmùng\s+\d{1,2}\b", re.I)


def has_day(passage: str) -> bool:
    return bool(_DAY.search(passage))


_TOKEN = re.compile(r"\d[\d.,]*|%|\w+")
UNIT_REACH = 3  # words between a figure and what it counts ("1.150 giáo viên", "gạo 15 kg", "90% học sinh")


def counts(passage: str, unit: tuple[str, ...]) -> bool:
    """Whether a figure in `passage` stands next to what the question counts."""
    tokens = _TOKEN.findall(fold(_NAMING_NUMBER.sub(" ", passage)))
    if "%" in unit and re.search(r"\d\s*%", passage):
        return True
    words = [u for u in unit if u != "%"]
    for i, t in enumerate(tokens):
        if t[0].isdigit():
            near = " ".join(tokens[max(0, i - UNIT_REACH) : i + UNIT_REACH + 1])
            if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", near) for w in words):
                return True
    return False


def has_figure(passage: str) -> bool:
    return bool(_FIGURE.search(_NAMING_NUMBER.sub(" ", passage)))
