"""Typing slips mended from the library's own words: "khai thcá" → "khai thác", "kết quã" → "kết quả".

Teachers type on phones: a letter dropped, doubled or swapped with its neighbour, a hỏi put for a ngã, a regional
spelling (s/x, ch/tr, d/gi, final n/ng, c/t). A word no document writes counts, for the answer gate, as a word of
the question that "the documents do not know", and a question with one is refused or answered from a passage that
does not hold it.

A word the library never writes is read as a library word one slip from it that stands beside one of its neighbours
in the library ("khai thác"). A library of a few dozen documents writes only a few thousand syllables, so a word it
does not write is often a plain word ("quay", "máy bay"): a well-formed syllable (ingest/syllables.py) is mended
only for the commonest slips, a mark or a regional spelling ("quã", "mụt tiêu"); one that no Vietnamese syllable
is shaped like ("kinnh", "hiuệ", "đăg", "đưc") for any one slip. A slip that makes another library word ("hỗ chợ",
"kiểm cha") is mended only to its regional twin, and only where the typed word stands beside neither neighbour in
the library and the twin stands beside them often; twins by a mark ("nói"/"nội") are left alone.
"""

from __future__ import annotations

import re

from bot.understanding.tones import ToneModel, cased
from ingest.syllables import well_formed
from ingest.textnorm import fold

_WORD = re.compile(r"\w+")
MIN_LETTERS = 3  # shorter syllables are one slip from too many others ("cá", "có", "cơ")
MIN_SEEN = 3  # the library word read instead is written at least this often
MIN_BESIDE = 5  # a word's regional twin stands beside its neighbours at least this often to be read instead
# Vietnamese letters a slip can put in a word's place (with their tone marks).
_LETTERS = "".join(
    sorted(set("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"))
)
# Spellings that the regions of Vietnam merge in speech, so writers swap them.
_ONSETS = (
    ("s", "x"),
    ("x", "s"),
    ("ch", "tr"),
    ("tr", "ch"),
    ("d", "gi"),
    ("gi", "d"),
    ("r", "d"),
    ("d", "r"),
)
_CODAS = (("n", "ng"), ("ng", "n"), ("c", "t"), ("t", "c"))


def _regional(word: str) -> set[str]:
    """`word` spelled as another region says it: its onset or its final swapped."""
    out = {new + word[len(old) :] for old, new in _ONSETS if word.startswith(old)}
    return out | {word[: len(word) - len(old)] + new for old, new in _CODAS if word.endswith(old)}


def _one_slip(word: str) -> set[str]:
    """Every word one dropped, added, changed or swapped letter from `word`, and its regional spellings."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    out |= {a + c + b for a, b in splits for c in _LETTERS}
    out |= _regional(word)
    out.discard(word)
    return out


def mended(text: str, model: ToneModel, marked: bool) -> str:
    """`text` with each word that the library never writes replaced by the library word one slip from it that
    stands beside a neighbour of it in the library (the likeliest such word in context); capitalised words (names,
    codes) and words the library writes stay as typed. `marked`: the question is typed with tone marks, so words
    are compared with them; otherwise folded."""
    spans = [(m.start(), m.end(), m[0]) for m in _WORD.finditer(text)]
    if not spans or not model.words:
        return text
    lows = [w.lower() for _, _, w in spans]
    out, at, changed = [], 0, False
    for i, (start, end, typed) in enumerate(spans):
        word = lows[i]
        fix = None
        # A capitalised word is a name or a code ("Toòng Già", "VLNCN"), unless it opens the question.
        named = typed[:1].isupper() and (i > 0 or not typed[1:].islower())
        if named or not typed.isalpha():
            continue
        prev = lows[i - 1] if i else None
        after = lows[i + 1] if i + 1 < len(lows) else None
        if len(word) >= MIN_LETTERS and not _known(word, model, marked):
            worst = 2 if not well_formed(word, toned=marked) else 0
            fix = _best(word, prev, after, model, marked, worst)
        elif marked and word in model.words:
            fix = _twin(word, prev, after, model)
        if fix is not None:
            out += [text[at:start], cased(typed, fix)]
            at, changed = end, True
    return "".join([*out, text[at:]]) if changed else text


def _twin(word: str, prev: str | None, after: str | None, model: ToneModel) -> str | None:
    """A library word typed for its regional twin ("trấn động" for "chấn động", "dao thông" for "giao thông"): the
    twin, when the word stands beside neither neighbour anywhere in the library and the twin stands beside them
    often. Only onset and final swaps: words that differ by a mark ("nói"/"nội", "có"/"cơ") are both common enough
    for a library's pairs to mistake one for the other."""
    if prev is None or after is None or _pair(model, prev, word, True) + _pair(model, word, after, True) > 0:
        return None
    twins = [t for t in _regional(word) if t in model.words]
    seen = {t: _pair(model, prev, t, True) + _pair(model, t, after, True) for t in twins}
    best = max(seen, key=lambda t: (seen[t], t), default=None)
    return best if best is not None and seen[best] >= MIN_BESIDE else None


def _known(word: str, model: ToneModel, marked: bool) -> bool:
    # A word typed without marks in a marked question ("hoc") is a library word typed bare (ToneModel.slips).
    if marked:
        return word in model.words or (fold(word) == word and word in model.forms)
    return word in model.forms


def _best(
    word: str, prev: str | None, after: str | None, model: ToneModel, marked: bool, worst: int
) -> str | None:
    """The likeliest reading: of the slips that are commonest first (a mark, a regional spelling; then a letter
    dropped, added or swapped; then one letter for another), the word most often beside its neighbours."""
    best: tuple[int, float, str] | None = None
    typed = word if marked else fold(word)
    for cand in _one_slip(typed):
        rank = _rank(typed, cand)
        if rank > worst:
            continue
        forms = [cand] if marked else model.forms.get(cand, [])
        for form in forms:
            seen = model.words.get(form, 0)
            if seen < MIN_SEEN:
                continue
            beside = _pair(model, prev, form, marked) + _pair(model, form, after, marked)
            if beside <= 0:
                continue
            key = (-rank, beside + seen / (model.total or 1), form if marked else cand)
            best = max(best, key) if best else key
    return best[2] if best else None


def _rank(typed: str, cand: str) -> int:
    """How uncommon the slip from `cand` to `typed` is: 0 a mark or a regional spelling, 1 a letter dropped, added
    or swapped with its neighbour, 2 one letter put for another."""
    if fold(typed) == fold(cand) or cand in _regional(typed):
        return 0
    if len(typed) != len(cand) or sorted(typed) == sorted(cand):
        return 1
    return 2


def _pair(model: ToneModel, a: str | None, b: str | None, marked: bool) -> int:
    if a is None or b is None:
        return 0
    if marked:
        return model.pairs.get(f"{a} {b}", 0)
    return sum(
        model.pairs.get(f"{x} {y}", 0)
        for x in model.forms.get(fold(a), [a])
        for y in model.forms.get(fold(b), [b])
    )
