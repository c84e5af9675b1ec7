"""Year-by-year tables flattened out of a PDF: each year paired with its value again.

A circular's coefficient table or a plan's targets by year is laid out with the years across (or down) and a row
of values under them. Text taken out of the PDF keeps the cells but not the grid:

    Năm
    2016 2017 2018 2019
    Mức
    điều
    chỉnh
    1,28 1,23 1,19 1,16

so "the figure for 2016" is nowhere in one sentence. A block made of a run of years (at least MIN_YEARS, on one
line or one a line), a short label of a few words, and exactly as many values becomes one line,
"Năm 2016: Mức điều chỉnh 1,28; Năm 2017: Mức điều chỉnh 1,23; …". Anything else (a count that does not match,
a word among the values) is left as it was: pairing the wrong cells would state figures the document does not.
"""

from __future__ import annotations

import re

MIN_YEARS = 3  # two years and two numbers are as often a sentence's fragments as a table
MAX_LABEL_WORDS = 8  # a row's label ("Mức điều chỉnh", "Tỷ lệ huy động (%)"), not a sentence

_YEAR = r"(?:19|20)\d\d(?:\s*-\s*(?:19|20)\d\d)?"
_YEARS = re.compile(rf"^(?:{_YEAR}\s+)*{_YEAR}$")
_VALUE = r"\d[\d.,]*\s?%?"
_VALUES = re.compile(rf"^(?:{_VALUE}\s+)*{_VALUE}$")
_LABEL = re.compile(r"^[^\W\d_][^\d]*$")  # words only: "Năm", "Mức", "điều", "chỉnh", "Tỷ lệ (%)"


def _next(lines: list[str], i: int) -> int:
    """The first non-blank line from i."""
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _block(lines: list[str], start: int) -> tuple[int, str, list[tuple[str, str]]] | None:
    """For a table whose years begin at `start`: the index after it, its row's label and the (year, value)
    pairs; None if the lines there are no such table."""
    years: list[str] = []
    i = start
    while i < len(lines) and _YEARS.match(lines[i].strip()):
        years += re.findall(_YEAR, lines[i])
        i += 1
    if len(years) < MIN_YEARS:
        return None
    label: list[str] = []
    i = _next(lines, i)
    while i < len(lines) and _LABEL.match(lines[i].strip()) and len(label) < MAX_LABEL_WORDS:
        label += lines[i].split()
        i = _next(lines, i + 1)
    if not label or len(label) > MAX_LABEL_WORDS:
        return None
    values: list[str] = []
    end = i
    while i < len(lines) and _VALUES.match(lines[i].strip()) and len(values) < len(years):
        values += re.findall(_VALUE, lines[i])
        end = i + 1  # blank lines after the last value are the text's, not the table's
        i = _next(lines, end)
    if len(values) != len(years):
        return None
    return end, " ".join(label), [(y, v.strip()) for y, v in zip(years, values, strict=True)]


def pair_year_rows(lines: list[str]) -> list[str]:
    """The lines with each flattened year-by-year table written as one line of "Năm 2016: label value" pairs."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        found = _block(lines, i)
        if not found:
            out.append(lines[i])
            i += 1
            continue
        end, label, pairs = found
        # The years' own label ("Năm", "Năm học") stands on the line before them, sometimes with the first
        # cell's words flattened onto it ("Năm Trước" over "1995": the first column is "Trước 1995").
        head = "Năm"
        if out and _LABEL.match(out[-1].strip()) and len(out[-1].split()) <= 3:
            words = out.pop().split()
            size = 2 if len(words) > 1 and words[1].lower() == "học" else 1
            head = " ".join(words[:size])
            if words[size:]:
                pairs[0] = (" ".join([*words[size:], pairs[0][0]]), pairs[0][1])
        out.append("; ".join(f"{head} {year}: {label} {value}" for year, value in pairs) + ".")
        i = end
    return out
