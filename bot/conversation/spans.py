"""Where a question names what selects documents: province, school year, level, document number.

Found with bot/understanding/query.py's own patterns and parsers (called, not rewritten), as character spans, so that a
follow-up can replace the old value in place ("năm học 2021-2022" → "năm học 2019-2020").
"""

from __future__ import annotations

import re

from bot.understanding.query import _GRADE, _LEVEL_PATTERNS, QueryIntent, reference_pattern
from bot.understanding.schoolyear import fold_keep, parse_school_years
from ingest.textnorm import fold

Span = tuple[int, int]


def _folded(text: str) -> str:
    low = text.lower()
    return fold_keep(low) if len(low) == len(text) else fold(text)


def province_spans(text: str, name: str) -> list[Span]:
    words = [re.escape(w) for w in fold(name).split()]
    pattern = r"(?<!\w)" + r"[\s\-–—]*".join(words) + r"(?!\w)"
    return [m.span() for m in re.finditer(pattern, _folded(text))]


_YEAR_TEXT = re.compile(
    r"(?:\bnam\s+hoc\s*:?\s*|\bnh\s*)?(?<!\d)(?:19|20)\d\d(?:\s*[-–—/]\s*(?:19|20)?\d\d)?(?![\d/])"
)
_RELATIVE_YEAR = re.compile(
    r"\bnam(?:\s+hoc)?\s+(?:nay|hien\s+tai|toi|sau|ke\s+tiep|ngoai|truoc|vua\s+qua|moi)\b"
)


def year_spans(text: str) -> list[Span]:
    """School years as written ("năm học 2021-2022", "2019 - 2020", "năm nay"); each checked by parse_school_years."""
    folded = _folded(text)
    spans = [m.span() for m in _YEAR_TEXT.finditer(folded) if parse_school_years(text[m.start() : m.end()])]
    spans += [m.span() for m in _RELATIVE_YEAR.finditer(folded)]
    return sorted(spans)


def level_spans(text: str, grades: bool = True) -> list[Span]:
    """Levels as written ("tiểu học", "THCS", "cấp 2"; with `grades` also "lớp 3"), neighbours merged."""
    folded = _folded(text)
    spans = [
        m.span()
        for pattern, _, case_sensitive in _LEVEL_PATTERNS
        for m in re.finditer(pattern, text if case_sensitive else folded)
    ]
    if grades:
        spans += [m.span() for m in _GRADE.finditer(folded)]
    # "mầm non, tiểu học", "THCS và THPT": one group, replaced as a whole
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and re.fullmatch(r"\s*(?:,|va|hoac|-|/)?\s*", folded[merged[-1][1] : start]):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif not merged or start >= merged[-1][1]:
            merged.append((start, end))
    return merged


def number_spans(text: str, intent: QueryIntent) -> list[Span]:
    folded = _folded(text)
    # "Thông báo 1894/TB-SCT": the type word before a full number goes with it, or replacing the number by
    # "Kế hoạch 1105" would leave "Thông báo Kế hoạch 1105".
    spans = [
        m.span() for n in intent.doc_numbers for m in re.finditer(reference_pattern(fold(n).lower()), folded)
    ]
    for doc_type, prefix in intent.doc_refs:
        kind = rf"(?:{re.escape(fold(doc_type))}\s+)?" if doc_type else ""
        spans += [m.span() for m in re.finditer(rf"{kind}(?:so\s*:?\s*)?{re.escape(prefix)}\b", folded)]
    return spans


def blank(text: str, spans: list[Span]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
