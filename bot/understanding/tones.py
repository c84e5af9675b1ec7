"""Tone marks put back on a question typed without them, from the library's own words.

Teachers often type without tone marks ("ubnd xa phai lam gi voi cac co so khong bao dam pccc"). The lexical
index folds them away, but multilingual-e5 reads toneless Vietnamese poorly: its cosines drop and the dense
side is left nearly mute. The documents themselves say which toned word each folded syllable is in context:
"bao ve kho" is "bảo vệ kho" in them, "bao nhieu" is the question's "bao nhiêu". A bigram model of the library's
text (Jelinek-Mercer: half the bigram's share, half the word's) picks the most likely toned reading by Viterbi.
Question words and province names, which directives seldom write the way questions do, are seeded.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ingest.provinces import PROVINCES
from ingest.textnorm import fold

_WORD = re.compile(r"\w+")
# How questions end and ask ("… bao nhiêu?", "… thế nào ạ?"): directives rarely write them.
_QUESTION_WORDS = (
    "bao nhiêu; thế nào; như thế nào; khi nào; ngày nào; năm nào; nào; là gì; làm gì; gì; ở đâu; đâu; "
    "có không; được không; phải không; không; mấy; thì sao; ra sao; vậy; ạ; ai; thì; nhỉ; chưa; những gì"
)
SLIP_SEEN, SLIP_SHARE = 20, 0.02  # a folded word seen this often, written bare at most this share of the time
BIGRAM_SHARE = 0.5  # Jelinek-Mercer's usual even mix of the bigram's and the word's probability


@dataclass
class ToneModel:
    words: Counter[str] = field(default_factory=Counter)
    pairs: Counter[str] = field(default_factory=Counter)  # "a b" → count (strings: a third of tuples' memory)
    forms: dict[str, list[str]] = field(default_factory=dict)  # folded word → its toned forms
    total: int = 0

    @classmethod
    def build(cls, texts: Iterable[str]) -> ToneModel:
        model = cls()
        for text in texts:
            model._add(_WORD.findall(text.lower()))
        seed = max(model.words.values(), default=1)
        seeds = [*_QUESTION_WORDS.split(";"), *(p.name for p in PROVINCES)]
        for phrase in seeds:
            model._add(_WORD.findall(phrase.lower()), seed)
        for word in model.words:
            model.forms.setdefault(fold(word), []).append(word)
        model.total = sum(model.words.values())
        return model

    def _add(self, words: list[str], times: int = 1) -> None:
        for w in words:
            self.words[w] += times
        for a, b in zip(words, words[1:], strict=False):
            self.pairs[f"{a} {b}"] += times

    def _p(self, prev: str | None, word: str) -> float:
        unigram = (self.words.get(word, 0) + 0.5) / (self.total + 0.5 * len(self.words) + 1)
        if prev is None:
            return unigram
        bigram = self.pairs.get(f"{prev} {word}", 0) / max(self.words.get(prev, 0), 1)
        return BIGRAM_SHARE * bigram + (1 - BIGRAM_SHARE) * unigram

    def slips(self, text: str) -> list[str]:
        """Words typed without marks that the library writes with them all but never ("hoc", "giang", "ngay"):
        a question typed with marks that holds one was typed partly without them (a phone marks some words, not
        others). A word the library also writes bare ("sinh", "thi", "giao") is no sign."""
        out = []
        for word in _WORD.findall(text):
            typed = word.lower()
            # A capitalised word is a name, which may have no marks ("Nha Trang", "Phong Hải").
            if word[:1].isupper() or not typed.isalpha() or len(typed) < 2 or fold(typed) != typed:
                continue
            total = sum(self.words.get(form, 0) for form in self.forms.get(typed, []))
            if total >= SLIP_SEEN and self.words.get(typed, 0) <= SLIP_SHARE * total:
                out.append(typed)
        return out

    def restore(self, text: str) -> str:
        """`text` with each word typed without tone marks replaced by its likeliest toned form in context (its
        capitals kept); words the library does not write, numbers and punctuation stay as typed."""
        spans = [(m.start(), m.end(), m[0]) for m in _WORD.finditer(text)]
        if not spans or not self.words:
            return text
        best: dict[str, tuple[float, list[str]]] = {"": (0.0, [])}
        for _, _, typed in spans:
            low = typed.lower()
            options = self.forms.get(low, [low]) if fold(low) == low else [low]
            step: dict[str, tuple[float, list[str]]] = {}
            for option in options:
                step[option] = max(
                    (score + math.log(self._p(prev or None, option)), [*path, option])
                    for prev, (score, path) in best.items()
                )
            best = step
        chosen = max(best.values())[1]
        out, at = [], 0
        for (start, end, typed), word in zip(spans, chosen, strict=True):
            out += [text[at:start], cased(typed, word)]
            at = end
        return "".join([*out, text[at:]])


def cased(typed: str, word: str) -> str:
    """`word` with the capitals `typed` had: all of them ("THCS"), or the first."""
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    return word[0].upper() + word[1:] if typed[0].isupper() else word
