"""Extractive answers: quote the sentences of the best passage that answer the question, verbatim.

Quoting keeps every number and document number exactly as the directive wrote it.
Long sentences are trimmed at clause boundaries (";" or ", " not between digits, so
"mức độ 3, 4" stays whole) to the window that carries the question's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from bot.answer.figures import Wanted
from bot.ranking.terms import PUNCT
from ingest.cleanup import BULLET
from ingest.letterhead import MOTTO, NUMBER_LINE, place_date
from ingest.textnorm import fold, mark_key

MAX_QUOTE = 480
# A window cut from a long sentence is grown to at least this much: the clause holding the question's words alone
# ("Đối với các cơ sở", "Thứ sáu") is a topic without its predicate, which follows it.
MIN_QUOTE = 200
WANTED_FLOOR = 0.01
CELL = 40  # a quote this short is a fragment (a table's cell), shown with the line that opens its passage
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_MARKER_ONLY = re.compile(
    r"(?:(?:Điều|Khoản|Mục|Chương|Phần)\s+)?(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]", re.I
)
_CLAUSE = re.compile(r"(?<=;)\s+|(?<!\d),\s+(?!\d)")

Weigher = Callable[[str], float]


def split_units(text: str) -> list[str]:
    """Sentences: a break after . ! ? … only when the next word starts with a capital, digit or bullet."""
    return list(_units(text))


# Passages are the index's fixed chunk texts: their units and folded words are worth keeping between questions.
@lru_cache(maxsize=4096)
def _units(text: str) -> tuple[str, ...]:
    units: list[str] = []
    for line in text.split("\n"):
        for piece in _SENTENCE_END.split(line):
            piece = piece.strip()
            if not piece:
                continue
            first = piece.lstrip('“"(-–+• ')[:1]
            glued = units and not line.startswith(piece) and not (first.isupper() or first.isdigit())
            # A heading's marker alone ("Điều 2.", "II.", "3.1.") is no sentence: it goes with its text.
            if glued or (units and _MARKER_ONLY.fullmatch(units[-1])):
                units[-1] = f"{units[-1]} {piece}"
            else:
                units.append(piece)
    return tuple(units)


@lru_cache(maxsize=16384)
def _terms(unit: str) -> tuple[frozenset[str], frozenset[str]]:
    """Folded words and neighbouring-word pairs of a unit, punctuation off the words' ends as the question's
    words have it (bot.ranking.terms.content_terms): "khoáng sản;" writes "san"."""
    words = [w.strip(PUNCT) for w in fold(unit).replace("/", " ").split()]
    words = [w for w in words if w]
    return frozenset(words), frozenset(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))


_fold = lru_cache(maxsize=16384)(fold)


class MarkedWeights(dict[str, float]):
    """Weights keyed by a word's letters and its marks, wherever they are placed ("hoà" ≡ "hòa"): a question typed
    with its marks is matched so against a typed sentence, where "chậm" (late) is no "chấm" (graded)."""


@lru_cache(maxsize=16384)
def _spelling(word: str) -> str:
    return fold(word) + mark_key(word)


def marked_weights(weights: dict[str, float]) -> MarkedWeights:
    out = MarkedWeights()
    for term, weight in weights.items():
        key = " ".join(_spelling(part) for part in term.split())
        out[key] = max(weight, out.get(key, 0.0))
    return out


@lru_cache(maxsize=16384)
def _marked_terms(unit: str) -> tuple[frozenset[str], frozenset[str]]:
    """`_terms` with each word's marks kept."""
    words = [_spelling(w) for w in (w.strip(PUNCT) for w in unit.lower().replace("/", " ").split()) if w]
    return frozenset(words), frozenset(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))


def _score(unit: str, weights: dict[str, float]) -> float:
    have, bigrams = _marked_terms(unit) if isinstance(weights, MarkedWeights) else _terms(unit)
    score = sum(w for t, w in weights.items() if " " not in t and t in have)
    score += sum(0.5 * w for t, w in weights.items() if " " in t and t in bigrams)
    return score


def _trim(unit: str, weights: dict[str, float], wanted: Wanted | None = None) -> str:
    """The best window of whole clauses, at most MAX_QUOTE characters; a window stating what is asked (`wanted`:
    "năng lực, kinh nghiệm … (tối đa 30 điểm)" for "mấy điểm") weighs as whole units do in `quote`."""
    if len(unit) <= MAX_QUOTE:
        return unit
    clauses = [c for c in _CLAUSE.split(unit) if c]
    best, best_span = -1.0, (0, 1)
    for i in range(len(clauses)):
        length = 0
        for j in range(i, len(clauses)):
            length += len(clauses[j]) + 2
            if length > MAX_QUOTE and j > i:
                break
            s = _unit_score(" ".join(clauses[i : j + 1]), weights, wanted)
            if s > best:
                best, best_span = s, (i, j + 1)
    i, j = _grown(clauses, *best_span)
    if wanted is not None:
        i, j = _whole_item(clauses, i, j, wanted)
    text = _rejoin(unit, clauses[i:j])
    prefix = "… " if i > 0 else ""
    suffix = " …" if j < len(clauses) else ""
    return prefix + text + suffix


def _grown(clauses: list[str], i: int, j: int) -> tuple[int, int]:
    """Clauses i..j-1 grown to MIN_QUOTE characters: forward first (a Vietnamese sentence states its topic, then
    what is said of it), then back; never beyond MAX_QUOTE."""

    def size(a: int, b: int) -> int:
        return sum(len(c) + 2 for c in clauses[a:b])

    while size(i, j) < MIN_QUOTE:
        if j < len(clauses) and size(i, j + 1) <= MAX_QUOTE:
            j += 1
        elif i > 0 and size(i - 1, j) <= MAX_QUOTE:
            i -= 1
        else:
            break
    return i, j


def _whole_item(clauses: list[str], i: int, j: int, wanted: Wanted) -> tuple[int, int]:
    """Clauses i..j-1 grown to the end of the enumeration item they stop inside, when the rest of that item states
    what is asked: "…; năng lực, kinh nghiệm của doanh nghiệp, hợp tác xã (tối đa 30 điểm) và …" is one item,
    its figure at its end (items end with ";"). Clauses are then dropped from the front to stay within 1.5 ×
    MAX_QUOTE."""
    end = j
    while end < len(clauses) and not clauses[end - 1].rstrip().endswith(";"):
        end += 1
    if end == j or not wanted(" ".join(clauses[j:end])):
        return i, j
    while i < end - 1 and sum(len(c) + 2 for c in clauses[i:end]) > 1.5 * MAX_QUOTE:
        i += 1
    return i, end


def _rejoin(unit: str, clauses: list[str]) -> str:
    """The original text from the first to the last clause (separators as written)."""
    start = unit.find(clauses[0])
    end = unit.find(clauses[-1], start) + len(clauses[-1])
    return unit[start:end] if start >= 0 and end > start else " ".join(clauses)


def query_weights(terms: list[str], idf: dict[str, float]) -> dict[str, float]:
    top = max(idf.values(), default=1.0) + 1.0
    weights = {t: idf.get(t, top) for t in terms}
    for a, b in zip(terms, terms[1:], strict=False):
        weights[f"{a} {b}"] = (weights[a] + weights[b]) / 2
    return weights


def folded_weights(weights: dict[str, float]) -> dict[str, float]:
    """Weights of tone-marked terms keyed by their folded spelling, the one sentences are matched in."""
    out: dict[str, float] = {}
    for term, weight in weights.items():
        key = _fold(term)
        out[key] = max(weight, out.get(key, 0.0))
    return out


def quote_score(text: str, weights: dict[str, float]) -> float:
    return max((_score(u, weights) for u in split_units(text)), default=0.0)


def _run_in(unit: str, source: str) -> bool:
    """Whether more text follows `unit` on its line of `source`: an item written on one run ("b) UBND các tỉnh
    khẩn trương …, tuyệt đối không để xảy ra gián đoạn. Trong quá trình …") takes its first sentence as its title,
    yet that sentence is what the item says. A heading stands on a line of its own ("Thứ hai, đổi mới kiểm tra,
    đánh giá." then its paragraph)."""
    for line in source.split("\n"):
        line = line.strip()
        if line.startswith(unit) and line[len(unit) :].strip():
            return True
    return False


def _heading_like(unit: str, titles: list[str], source: str = "") -> bool:
    folded = _fold(unit)
    if folded.startswith(("v/v", "ve viec")):
        return True
    if _run_in(unit, source):
        return False
    return any(t and _fold(t) in folded and len(folded) <= len(t) + 12 for t in titles)


MAX_ADDRESSEE = 160  # one line of a letter's addressee list ("- Phòng GD&ĐT các huyện, thị xã, thành phố;")


def addressees(units: list[str]) -> set[int]:
    """The units of a letter's addressee block: "Kính gửi:" and the "- Sở …;" lines under it (or "Kính gửi: Sở …"
    on one line). They say who receives the letter, never what it says, though they repeat its words ("Ban Thi
    đua" in a letter about thi đua)."""
    out: set[int] = set()
    for i, unit in enumerate(units):
        if not _fold(unit).startswith("kinh gui"):
            continue
        out.add(i)
        j = i + 1
        while (
            introduces(unit) and j < len(units) and BULLET.match(units[j]) and len(units[j]) <= MAX_ADDRESSEE
        ):
            out.add(j)
            j += 1
    return out


def letterhead(units: list[str]) -> set[int]:
    """The units of the letterhead: the motto, the "Số:" line and the place-date line ("Tây Nha Trang, ngày 20
    tháng 9 năm 2025"). They say who wrote the letter and when, never what it asks, though a question's month or
    place may be in them."""
    return {i for i, u in enumerate(units) if MOTTO.search(u) or NUMBER_LINE.match(u) or place_date(u)}


def is_heading(text: str, titles: list[str], source: str = "") -> bool:
    """Whether a quote (of `source`) is only a heading, the document's title or a subject line."""
    return bool(text) and not _run_in(text.strip("“”"), source) and _heading_like(text.strip("“”…. "), titles)


def _unit_score(unit: str, weights: dict[str, float], wanted: Wanted | None) -> float:
    score = _score(unit, weights)
    # A unit stating what is asked outranks one that states nothing asked even when no other word tells them
    # apart (a question whose words are all the document's title: "TT 01/2018 … còn áp dụng không?").
    if wanted is None:
        return score
    if wanted(unit):
        return max(score, WANTED_FLOOR) * wanted.bonus
    return score / wanted.bonus if wanted.required else score


def lead_unit(quoted: str, weights: dict[str, float], wanted: Wanted | None = None) -> str:
    """The unit of a quote that answers best: a quote of two clauses ("… 23.600 m/năm. 3. Điều kiện khác: … không
    quá 170 kg") is cited at the clause of that unit, not at the first one."""
    units = split_units(quoted)
    if len(units) < 2:
        return quoted
    # A lead-in ("3. Các ủy viên:", quoted with the item it introduces) is context, never what is cited.
    units = [u for u in units if not introduces(u)] or units
    return max(units, key=lambda u: _unit_score(u, weights, wanted))


def body_score(
    text: str,
    titles: list[str],
    weights: dict[str, float],
    wanted: Wanted | None = None,
    lead: str = "",
) -> float:
    """`quote_score` without the units that are only a heading: one of `titles` (the section's heading, the
    document's title) or a subject line "V/v …". They repeat the question's words without answering it.
    `lead`: the lead-in of the list a part cut from it continues ("6. Thành viên hộ gia đình … giảm trừ mức
    đóng như sau:" above "b) Người thứ hai, thứ ba …"). The items before the text's first other unit are read
    with it, as the part holding the lead-in reads it above them."""
    units = split_units(text)
    skip = addressees(units) | letterhead(units)
    listed = (
        len(units) if not lead else next((i for i, u in enumerate(units) if not _ITEM.match(u)), len(units))
    )

    def score(i: int) -> float:
        own = _unit_score(units[i], weights, wanted)
        return max(own, _unit_score(f"{lead} {units[i]}", weights, wanted)) if i < listed and lead else own

    return max(
        (score(i) for i, u in enumerate(units) if i not in skip and not _heading_like(u, titles, text)),
        default=0.0,
    )


# An enumeration item's marker: a point's letter ("a)", "b.") or a bullet.
_ITEM = re.compile(r"^[a-zđ][.)]\s|" + BULLET.pattern)


def introduces(unit: str) -> bool:
    """A lead-in: a sentence ending with ":" that the items below complete."""
    return unit.rstrip(" …").endswith(":")


def _lead_in(units: tuple[str, ...] | list[str], first: int) -> int | None:
    """The sentence an item completes ("2. Các Thông tư sau hết hiệu lực …:" above "a) Thông tư số 01/2018/…"):
    quoted with the item, which alone does not say what is said of it. None when `first` is no item, or the
    items above it lead back to no such sentence."""
    if not _ITEM.match(units[first]):
        return None
    i = first - 1
    # Up over its siblings; an item marked otherwise ("- Cách thức đăng ký" above "+ …") heads them: it is their
    # lead-in only if it introduces them, and no sentence above it is.
    while (
        i >= 0
        and _ITEM.match(units[i])
        and not introduces(units[i])
        and marker_kind(units[i]) == marker_kind(units[first])
    ):
        i -= 1
    return i if i >= 0 and introduces(units[i]) else None


def marker_kind(line: str) -> str:
    """An item's kind of marker: "a)" and "b." are letters, "1." and "2)" numbers, "-", "+" and "•" themselves."""
    mark = line.lstrip()[:1]
    return "letter" if mark.isalpha() else "number" if mark.isdigit() else mark


# The opening of an item that completes a lead-in: a point's letter, a clause's number, "(2)", a bullet.
_ITEM_OPENING = re.compile(r"^(?:[a-zđ][.)]|\(?\d{1,2}[.)]\)?|[-+•–])\s", re.I)


def items_after(quoted: str, passage: str, following: list[str]) -> list[str]:
    """The items that complete a quote ending in a lead-in ("…, bao gồm:", "… như sau:") when the lead-in closes
    its passage and the items start the passages after it (`following`, in document order): a lead-in says
    what comes, the items say it. Their lines, up to the first passage that is no item; [] when the quote is no
    such lead-in."""
    units = split_units(passage)
    if not introduces(quoted) or not units or not units[-1].endswith(quoted.rstrip(" …")[-40:]):
        return []
    lines: list[str] = []
    for text in following:
        first = text.strip()
        if not _ITEM_OPENING.match(first):
            break
        lines.extend(first.split("\n"))
    return lines


def first_lines(lines: list[str], limit: int = MAX_QUOTE) -> str:
    """Whole lines from the first, as many as fit in `limit` characters (always the first)."""
    out: list[str] = []
    size = 0
    for line in lines:
        size += len(line)
        if out and size > limit:
            break
        out.append(line)
    return "\n".join(out)


# A flattened table's header row, as Vietnamese documents number their tables' rows: "STT Đối tượng Lệ phí …",
# "TT Nội dung Thời gian …", "Số TT …".
_TABLE_HEADER = re.compile(r"^\s*(?:STT|TT|Số\s+TT)\s+[^\W\d_]")


def _table_rows(units: list[str]) -> dict[int, int]:
    """The units after a table's header row in a passage, each with its header's index: the header says what
    their cells are (the row "2 Sinh viên … 400.000đ" does not write "lệ phí", its column does)."""
    out: dict[int, int] = {}
    header = None
    for i, unit in enumerate(units):
        if _TABLE_HEADER.match(unit):
            header = i
        elif header is not None:
            out[i] = header
    return out


def quote(
    text: str,
    weights: dict[str, float],
    max_units: int = 2,
    titles: list[str] | None = None,
    wanted: Wanted | None = None,
) -> str:
    """The best unit of `text`, plus a close second (in document order) if room remains.

    `titles`: headings and the document's title, never quoted alone when the text says more (they repeat the
    question's words; what follows them answers it). `wanted`: units stating what the question asks for (a
    figure for "bao nhiêu", a day for "ngày nào") weigh more."""
    units = split_units(text)
    if not units:
        return ""
    heads = {i for i, u in enumerate(units) if titles and _heading_like(u, titles, text)}
    furniture = addressees(units) | letterhead(units)
    header_of = _table_rows(units)
    # A table's header row is no answer when rows follow it: each row is read with it.
    furniture |= set(header_of.values())

    def unit_score(i: int) -> float:
        if (i in heads and len(heads) < len(units)) or (i in furniture and len(furniture) < len(units)):
            return -1.0
        own = _unit_score(units[i], weights, wanted)
        if i in header_of:  # "2 Sinh viên … 400.000đ" under "STT Đối tượng Lệ phí thi …"
            own = max(own, _unit_score(f"{units[header_of[i]]} {units[i]}", weights, wanted))
        # What stands under a heading is what the heading's words are about.
        return max(own, _unit_score(units[i - 1], weights, None)) if i - 1 in heads else own

    scored = sorted(((unit_score(i), i) for i in range(len(units))), reverse=True)
    best_score, best = scored[0]
    chosen = [best]
    # A heading or lead-in ending with ":" is answered by what follows it.
    if units[best].rstrip().endswith(":") and best + 1 < len(units):
        chosen.append(best + 1)
    for s, i in scored[1:]:
        if len(chosen) >= max_units or best_score <= 0:
            break
        if s >= 0.7 * best_score and abs(i - best) <= 2 and i not in chosen:
            chosen.append(i)
    parts = [_trim(units[i], weights, wanted) for i in sorted(chosen)]
    out = " ".join(parts)
    if len(out) > 2 * MAX_QUOTE:
        return parts[sorted(chosen).index(best)]
    if best in header_of and len(units[header_of[best]]) <= MAX_QUOTE // 2:
        return f"{units[header_of[best]]}\n{out}"  # the row under the header that names its cells
    lead = _lead_in(units, min(chosen))
    if lead is not None and len(units[lead]) <= MAX_QUOTE // 2:
        # On a line of its own, as written: `lead_unit` tells it from the item it introduces.
        out = f"{units[lead]}\n{out}"
    elif len(out) < CELL and min(chosen) > 0 and len(units[0]) <= MAX_QUOTE // 2 and 0 not in furniture:
        # A table's cell read alone ("Quý I/2029") does not say which row it is in: the row's first line does.
        out = f"{units[0]} … {out}"
    return out
