"""Heading markers a scan misread, repaired where the sequence of their siblings proves what they were.

OCR reads a Roman "I." as "L.", "l." or "1.", "II."/"III." as "Il."/"IIl."/"Ill.", and "a)" as "a}" or "a]". A
misread marker breaks the section tree (I.2.a becomes 2.a) and citations point at the wrong part. A marker is
repaired only where its siblings prove it: the Roman headings before and after it leave exactly its place free
("I." … "III." → the one between is "II."; the first heading before "II." is "I."; a heading in capitals after
the last one continues it; when every one was misread, only the whole run I, II, III… in capitals), or the
letter items around it are its neighbours in the alphabet. Nothing else changes: no heading is invented, an "1." that is an Arabic item
stays, a marker no sibling vouches for stays as read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SEP = r"(?:\.|\s?[-–]|/)"
_ROMAN = re.compile(r"^(?P<m>[IVX]{1,5})" + _SEP + r"\s+\S")
# A Roman marker with at least one character OCR puts for "I": l, L, 1, |.
_ROMAN_MISREAD = re.compile(
    r"^(?P<m>(?=[IVX]*[lL1|])[IVXlL1|]{1,5})(?P<sep>" + _SEP + r")(?P<rest>\s+(?P<t>\S.*))$"
)
_ARABIC = re.compile(r"^\d{1,2}(?:\.\d{1,2})*(?:[.)]|[-–/])\s+\S")
_LETTER = re.compile(r"^(?P<m>[a-zđ])(?:[).]|[-–/])\s+\S")
_LETTER_MISREAD = re.compile(r"^(?P<m>[a-zđ])[}\]](?P<rest>\s+\S.*)$")
_PART = re.compile(r"^(?:PHẦN|Phần)\s+\S")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_VIETNAMESE = "abcdđeghiklmnopqrstuvxy"  # letter items in Vietnamese order: … d) đ) e) …


def roman_value(marker: str) -> int | None:
    """1–39 for a well-formed Roman numeral ("IV" → 4), else None."""
    if not re.fullmatch(r"X{0,3}(?:IX|IV|V?I{0,3})", marker) or not marker:
        return None
    total = 0
    for a, b in zip(marker, marker[1:] + " ", strict=True):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total


def _roman(value: int) -> str:
    out = ""
    for v, s in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= v:
            out += s
            value -= v
    return out


@dataclass
class _Item:
    index: int
    value: int
    misread: bool


def _follows(prev: str, cur: str) -> bool:
    """`cur` is the letter after `prev` in the Latin (… e, f …) or the Vietnamese (… d, đ, e, g …) alphabet."""
    return any(
        prev in a and a.index(prev) + 1 < len(a) and a[a.index(prev) + 1] == cur
        for a in (_LATIN, _VIETNAMESE)
    )


def _roman_repairs(paragraphs: list[str], start: int) -> dict[int, str]:
    """Index → repaired paragraph for misread Roman headings the Roman sequence proves."""
    scopes: list[list[_Item]] = [[]]
    for i in range(start, len(paragraphs)):
        p = paragraphs[i]
        if _PART.match(p):
            scopes.append([])  # each part restarts its numbering
            continue
        m = _ROMAN.match(p)
        value = roman_value(m.group("m")) if m else None
        if value:
            scopes[-1].append(_Item(i, value, False))
            continue
        m = _ROMAN_MISREAD.match(p)
        if not m:
            continue
        value = roman_value(re.sub(r"[lL1|]", "I", m.group("m")))
        title = m.group("t")
        # A Roman heading's title is in capitals; "1. Nâng cao …" is an Arabic item, not a misread "I.".
        if value and title[:1].isupper() and (title.isupper() or not re.search(r"[1|]", m.group("m"))):
            scopes[-1].append(_Item(i, value, True))
    out: dict[int, str] = {}
    for items in scopes:
        anchors = [it for it in items if not it.misread]
        if not anchors:
            # Every Roman heading misread: they prove one another only as the whole run I, II, III…, in capitals.
            run = [
                it
                for it in items
                if (t := _ROMAN_MISREAD.match(paragraphs[it.index])) and t.group("t").isupper()
            ]
            if (
                len(run) >= 2
                and len(run) == len(items)
                and [it.value for it in run] == list(range(1, len(run) + 1))
            ):
                out.update({it.index: _fixed(paragraphs[it.index], it.value) for it in run})
            continue
        bounds = [0, *[a.value for a in anchors]]
        edges = [-1, *[a.index for a in anchors], len(paragraphs)]
        for k in range(len(bounds)):
            low, lo_i, hi_i = bounds[k], edges[k], edges[k + 1]
            high = anchors[k].value if k < len(anchors) else None
            gap = [it for it in items if it.misread and lo_i < it.index < hi_i]
            if high is not None:
                expected = list(range(low + 1, high))
                fitting = [it for it in gap if it.value in expected]
                if expected and [it.value for it in fitting] == expected:
                    out.update({it.index: _fixed(paragraphs[it.index], it.value) for it in fitting})
            else:  # after the last anchor: a chain continuing it, each in capitals
                want = low + 1
                for it in gap:
                    title = _ROMAN_MISREAD.match(paragraphs[it.index])
                    if it.value != want or not title or not title.group("t").isupper():
                        break
                    out[it.index] = _fixed(paragraphs[it.index], it.value)
                    want += 1
    return out


def _fixed(paragraph: str, value: int) -> str:
    m = _ROMAN_MISREAD.match(paragraph)
    assert m is not None
    return _roman(value) + m.group("sep") + m.group("rest")


def _letter_repairs(paragraphs: list[str], start: int, roman: dict[int, str]) -> dict[int, str]:
    """Index → repaired paragraph for "a}" / "a]" whose neighbouring letter items prove "a)"."""
    scopes: list[list[tuple[int, str, bool]]] = [[]]
    for i in range(start, len(paragraphs)):
        p = roman.get(i, paragraphs[i])
        if _PART.match(p) or _ROMAN.match(p) or _ARABIC.match(p):
            scopes.append([])  # letters restart under each higher heading
            continue
        m = _LETTER.match(p)
        if m:
            scopes[-1].append((i, m.group("m"), False))
            continue
        m = _LETTER_MISREAD.match(p)
        if m:
            scopes[-1].append((i, m.group("m"), True))
    out: dict[int, str] = {}
    for items in scopes:
        if not any(not misread for _, _, misread in items):
            continue
        for k, (i, letter, misread) in enumerate(items):
            if not misread:
                continue
            left = items[k - 1][1] if k else None
            right = items[k + 1][1] if k + 1 < len(items) else None
            left_ok = _follows(left, letter) if left else letter == "a"
            right_ok = _follows(letter, right) if right else left is not None and left_ok
            if left_ok and right_ok:
                m = _LETTER_MISREAD.match(paragraphs[i])
                assert m is not None
                out[i] = letter + ")" + m.group("rest")
    return out


def repair_markers(paragraphs: list[str], start: int = 0) -> list[str]:
    """The paragraphs with misread heading markers repaired where their siblings prove them (see above)."""
    roman = _roman_repairs(paragraphs, start)
    letters = _letter_repairs(paragraphs, start, roman)
    if not roman and not letters:
        return paragraphs
    return [letters.get(i, roman.get(i, p)) for i, p in enumerate(paragraphs)]
