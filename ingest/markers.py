"""Heading markers a scan misread, repaired where the sequence of their siblings proves what they were.

OCR reads a Roman "I." as "L.", "l.", "1.", "\\." or "Ií.", "II."/"III." as "Il."/"IIl."/"Ill." or "III." as "II."
(a stroke lost), the dot as "..", ":" or ",", "1." as "1:", and "a)" as "a}", "a]" or "8)". A
misread marker breaks the section tree (I.2.a becomes 2.a) and citations point at the wrong part. A marker is
repaired only where its siblings prove it: the Roman headings before and after it leave exactly its place free
("I." … "III." → the one between is "II."; the first heading before "II." is "I."; a heading in capitals after
the last one continues it; when every one was misread, only the whole run I, II, III… in capitals), or the
items around it are its neighbours (1, 2, 3; a, b, c; "5.1." then "3.2." is "5.2.": the item "3" closed before
"5" opened). Nothing else changes: no heading is invented, a "1." that
is an Arabic item stays, a marker no sibling vouches for stays as read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_SEP = r"(?:\.|\s?[-–]|/)"
_ROMAN = re.compile(r"^(?P<m>[IVX]{1,5})(?P<sep>" + _SEP + r")(?P<rest>\s+(?P<t>\S.*))$")
# What OCR puts for the stroke of an "I": l, L, 1, |, i, í, ì, !, ¡, "\", "(" (a speck joined to it); and for the
# dot after the marker: ",", ":", ";", "..", or nothing before the title ("II..NHIỆM VỤ"); specks may precede it
# ("._!!. NHIỆM VỤ").
_I_LIKE = "lL1|iíìï!¡\\("
_ROMAN_MISREAD = re.compile(
    rf"^(?:[._,'`~]{{1,3}})?(?P<m>[IVX{re.escape(_I_LIKE)}]{{1,5}})(?P<sep>[.,:;]{{1,2}}|\s?[-–]|/)(?P<rest>\s*(?P<t>[^\W\d_].*))$"
)
_ARABIC = re.compile(r"^\d{1,2}(?:\.\d{1,2})*(?:[.)]|[-–/])\s+\S")
# An Arabic item ("1. …", "2) …", not "1.2. …") and one whose dot was read as ":", "," or ";" before a capital.
_ARABIC_ITEM = re.compile(r"^(?P<m>\d{1,2})[.)]\s+\S")
_ARABIC_MISREAD = re.compile(r"^(?P<m>\d{1,2})[:,;](?P<rest>\s+[^\W\d_a-zđ].*)$")
_LETTER = re.compile(r"^(?P<m>[a-zđ])(?:[).]|[-–/])\s+\S")
_LETTER_AS_DIGIT = re.compile(r"^(?P<m>8)\)(?P<rest>\s+[^\W\d_].*)$")  # "a)" read as "8)"
# "a}" / "a]" for "a)", or specks stuck before it ("-a) Đổi mới", "...a) Đổi mới").
_LETTER_MISREAD = re.compile(
    r"^(?=[-–._,'`~…]|[a-zđ][}\]])[-–._,'`~…]{0,3}(?P<m>[a-zđ])[)}\]](?P<rest>\s+\S.*)$"
)
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


def _one_stroke(a: str, b: str) -> bool:
    """`a` and `b` differ by one "I" stroke ("II" / "III", "IV" / "V" is not)."""
    short, long = sorted((a, b), key=len)
    return len(long) == len(short) + 1 and any(
        long[:i] + long[i + 1 :] == short for i, ch in enumerate(long) if ch == "I"
    )


def _roman_items(paragraphs: list[str], start: int) -> list[list[_Item]]:
    """Roman headings per part ("PHẦN I" restarts the numbering): sure ones, and misread ones with the value
    they would have. A marker whose letters are right but whose dot was misread ("II..NHIỆM VỤ", "II, TỔ CHỨC")
    is sure when its title is in capitals."""
    scopes: list[list[_Item]] = [[]]
    for i in range(start, len(paragraphs)):
        p = paragraphs[i]
        if _PART.match(p):
            scopes.append([])
            continue
        m = _ROMAN.match(p)
        value = roman_value(m.group("m")) if m else None
        if value:
            scopes[-1].append(_Item(i, value, False))
            continue
        m = _ROMAN_MISREAD.match(p)
        if not m:
            continue
        marker, title = m.group("m"), m.group("t")
        value = roman_value(re.sub(f"[{re.escape(_I_LIKE)}]", "I", marker))
        if not value or not title[:1].isupper():
            continue
        proper = m.group("sep") == "." and m.group("rest")[:1].isspace()
        # Only letters mistaken ("L.", "Il.") may head a title in lower case; a "1." or a misread dot needs capitals
        # ("1. Nâng cao …" is an Arabic item).
        if not title.isupper() and not (proper and re.fullmatch(r"[IVXlLií]+", marker)):
            continue
        if re.fullmatch(r"[IVX]+", marker):
            if title.isupper():
                scopes[-1].append(_Item(i, value, False))  # the dot only: sure, repaired below
            continue
        scopes[-1].append(_Item(i, value, True))
    return scopes


def _roman_repairs(paragraphs: list[str], start: int) -> dict[int, str]:
    """Index → repaired paragraph for misread Roman headings the Roman sequence proves."""
    out: dict[int, str] = {}
    for items in _roman_items(paragraphs, start):
        anchors = [it for it in items if not it.misread]
        for a in anchors:
            if not _ROMAN.match(paragraphs[a.index]):
                out[a.index] = _fixed(paragraphs[a.index], a.value)  # "II..NHIỆM VỤ" → "II. NHIỆM VỤ"
        # A sure-looking marker one stroke off the sequence ("II." after "II." where "III." is due): the heading
        # before it and the one after it (or, for the last, a title in capitals) prove it.
        prev, prev_i, in_place = (
            0,
            -1,
            True,
        )  # in_place: the previous sure heading is where the sequence wants it
        for k, a in enumerate(anchors):
            want = prev + 1
            nxt = anchors[k + 1].value if k + 1 < len(anchors) else None
            between = any(
                it.misread and prev_i < it.index < a.index for it in items
            )  # a misread one fills it
            title = _ROMAN.match(paragraphs[a.index]) or _ROMAN_MISREAD.match(paragraphs[a.index])
            if not between and a.value != want and _one_stroke(_roman(a.value), _roman(want)) and title and (
                (nxt == want + 1 and in_place and (prev >= 1 or nxt != a.value))
                or (nxt is None and prev >= 1 and in_place and title.group("t").isupper())
            ):  # fmt: skip
                a.value = want
                out[a.index] = _fixed(paragraphs[a.index], want)
            prev, prev_i, in_place = a.value, a.index, a.value == want or (between and a.value > prev)
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
    m = _ROMAN.match(paragraph) or _ROMAN_MISREAD.match(paragraph)
    assert m is not None
    sep = m.group("sep")
    sep = "." if re.fullmatch(r"[.,:;]{1,2}", sep) else sep
    return f"{_roman(value)}{sep} {m.group('t')}"


def _chain(
    items: list[tuple[int, str, bool]],
    follows: Callable[[str, str], bool],
    first: str,
    after: Callable[[str], set[str]],
) -> list[tuple[int, str]]:
    """(index, marker) for the misread items (index, marker, misread) of one scope that their neighbours prove: the
    item before is its predecessor (or it is the `first` and opens the scope), and the item after is its successor
    (or it closes the scope after a proven predecessor). A marker "?" (a letter read as "8") is the one the item
    before leaves due, when the item after confirms it. A scope with no sure item proves nothing."""
    if all(misread for _, _, misread in items):
        return []
    out = []
    for k, (i, marker, misread) in enumerate(items):
        if not misread:
            continue
        left = items[k - 1][1] if k else None
        right = items[k + 1][1] if k + 1 < len(items) else None
        if left == "?" or right == "?":
            continue
        options = {marker} if marker != "?" else (after(left) if left else {first})
        fits = [
            m
            for m in options
            if (follows(left, m) if left else m == first)
            and (follows(m, right) if right else left is not None)
        ]
        if len(fits) == 1:
            out.append((i, fits[0]))
    return out


def _letters_after(letter: str) -> set[str]:
    return {
        a[a.index(letter) + 1] for a in (_LATIN, _VIETNAMESE) if letter in a and a.index(letter) + 1 < len(a)
    }


def _numbers_after(number: str) -> set[str]:
    return {str(int(number) + 1)}


def _next_number(a: str, b: str) -> bool:
    return int(b) == int(a) + 1


def _run_with_children(items: list[tuple[int, str, bool]], paragraphs: list[str]) -> list[tuple[int, str]]:
    """Every Arabic item of a scope misread ("1, Giáo dục …", "2: Giáo dục …"): they prove one another only as the
    whole run 1, 2, 3…, each a heading in its own right (a capital title, the next paragraph its sure "a)" item)."""
    if len(items) < 2 or not all(misread for _, _, misread in items):
        return []
    if [int(m) for _, m, _ in items] != list(range(1, len(items) + 1)):
        return []
    for i, _, _ in items:
        child = _LETTER.match(paragraphs[i + 1]) if i + 1 < len(paragraphs) else None
        if not child or child.group("m") != "a":
            return []
    return [(i, m) for i, m, _ in items]


def _out_of_sequence(items: list[tuple[int, str, bool]]) -> list[tuple[int, str]]:
    """(index, marker) for well-formed Arabic items read with a wrong number ("1.", "12.", "12.", "4.": a stroke
    before "2" and a misread "3"): a sure item before and after (each in sequence with its own neighbour) leave
    exactly their places free, and none of them is in sequence where it stands, so no count restarts there."""
    nums = [int(m) for _, m, _ in items]
    out: list[tuple[int, str]] = []
    a = 0
    while a < len(nums) - 2:
        sure = (a == 0 and nums[0] == 1) or (a > 0 and nums[a - 1] + 1 == nums[a])
        b = a + 1
        while b < len(nums) and nums[b] != nums[a] + (b - a) and nums[b] not in (1, nums[b - 1] + 1):
            b += 1
        closes = (
            b < len(nums)
            and nums[b] == nums[a] + (b - a)
            and (b + 1 == len(nums) or nums[b + 1] == nums[b] + 1)
        )
        if sure and b > a + 1 and closes:
            out.extend((items[j][0], str(nums[a] + j - a)) for j in range(a + 1, b))
        a = max(a + 1, b if closes else a + 1)
    return out


def _lower_repairs(paragraphs: list[str], start: int, roman: dict[int, str]) -> dict[int, str]:
    """Index → repaired paragraph for "1:" / "1," (for "1.") and "a}" / "a]" (for "a)") that their siblings prove."""
    arabic: list[list[tuple[int, str, bool]]] = [[]]
    letters: list[list[tuple[int, str, bool]]] = [[]]
    for i in range(start, len(paragraphs)):
        p = roman.get(i, paragraphs[i])
        if _PART.match(p) or _ROMAN.match(p):
            arabic.append([])  # items restart under each higher heading
            letters.append([])
            continue
        m = _LETTER_AS_DIGIT.match(p)
        if m and not (arabic[-1] and int(arabic[-1][-1][1]) + 1 == int(m.group("m"))):
            letters[-1].append((i, "?", True))  # "8) Duy trì …" among letter items, not the next Arabic one
            continue
        m = _ARABIC_ITEM.match(p)
        if m or (m := _ARABIC_MISREAD.match(p)):
            arabic[-1].append((i, m.group("m"), m.re is _ARABIC_MISREAD))
            letters.append([])
            continue
        if _ARABIC.match(p):
            letters.append([])
            continue
        m = _LETTER.match(p)
        if m or (m := _LETTER_MISREAD.match(p)):
            letters[-1].append((i, m.group("m"), m.re is _LETTER_MISREAD))
    out: dict[int, str] = {}
    for items in arabic:
        proved = _chain(items, _next_number, "1", _numbers_after) or _run_with_children(items, paragraphs)
        for i, number in proved:
            m = _ARABIC_MISREAD.match(paragraphs[i])
            assert m is not None
            out[i] = number + "." + m.group("rest")
        for i, number in _out_of_sequence(items):
            if i not in out and (m := _ARABIC_ITEM.match(paragraphs[i])):
                out[i] = number + paragraphs[i][m.end("m") :]
    for items in letters:
        for i, letter in _chain(items, _follows, "a", _letters_after):
            m = _LETTER_MISREAD.match(paragraphs[i]) or _LETTER_AS_DIGIT.match(paragraphs[i])
            assert m is not None
            out[i] = letter + ")" + m.group("rest")
    return out


_DECIMAL = re.compile(r"^(?P<a>\d{1,2})\.(?P<b>\d{1,2})(?P<rest>\.?\s+\S.*)$")


def _decimal_repairs(paragraphs: list[str], start: int, fixed: dict[int, str]) -> dict[int, str]:
    """Index → repaired paragraph for a two-level item whose first number was misread ("5.1. …", then "3.2. …" for
    "5.2."): the item before it is its predecessor under the item now open, and the number read is of an item
    that closed before that one opened, so no later text can belong to it."""
    out: dict[int, str] = {}
    top: int | None = None  # the Arabic item now open
    seen: set[int] = set()  # Arabic items opened so far
    last: tuple[int, int] | None = None  # the two-level item before
    for i in range(start, len(paragraphs)):
        p = fixed.get(i, paragraphs[i])
        if _PART.match(p) or _ROMAN.match(p):
            top, seen, last = None, set(), None  # numbering restarts under each higher heading
            continue
        if m := _ARABIC_ITEM.match(p):
            top, last = int(m.group("m")), None
            seen.add(top)
            continue
        if not (m := _DECIMAL.match(p)):
            continue
        a, b = int(m.group("a")), int(m.group("b"))
        if top is not None and a != top and a in seen and a < top and last == (top, b - 1):
            out[i] = f"{top}.{b}{m.group('rest')}"
            a = top
        last = (a, b)
    return out


def repair_markers(paragraphs: list[str], start: int = 0) -> list[str]:
    """The paragraphs with misread heading markers repaired where their siblings prove them (see above)."""
    roman = _roman_repairs(paragraphs, start)
    letters = _lower_repairs(paragraphs, start, roman)
    fixed = {**roman, **letters}
    decimals = _decimal_repairs(paragraphs, start, fixed)
    if not fixed and not decimals:
        return paragraphs
    return [decimals.get(i, fixed.get(i, p)) for i, p in enumerate(paragraphs)]
