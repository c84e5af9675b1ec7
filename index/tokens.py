"""Vietnamese-aware lexical tokens for BM25.

Vietnamese words are one or more syllables separated by spaces, so each syllable,
each pair of neighbouring syllables (a cheap stand-in for word segmentation) and
their tone-mark-free forms are indexed: "day hoc truc tuyen" finds "dạy học trực tuyến".
Document numbers ("04/CT-UBND") are also kept whole.
"""

from __future__ import annotations

import re

from ingest.textnorm import fold

_SYLLABLE = re.compile(r"\w+", re.UNICODE)
_DOC_NUMBER = re.compile(r"\b\d{1,5}[a-zđ]?/[\wđ&.\-]*\w", re.UNICODE)
_BREAK = re.compile(r"[.;:!?()\[\]\"“”\n|]")


def tokenize(text: str) -> list[str]:
    lowered = text.lower()
    tokens: list[str] = []
    for number in _DOC_NUMBER.findall(lowered):
        tokens.append("#" + fold(number))
    # Bigrams do not cross punctuation: "học sinh. Giáo viên" has no "sinh giáo".
    for clause in _BREAK.split(lowered):
        syllables = _SYLLABLE.findall(clause)
        folded = [fold(s) for s in syllables]
        tokens.extend(syllables)
        tokens.extend("~" + f for f in folded)
        tokens.extend(f"~{a}_{b}" for a, b in zip(folded, folded[1:], strict=False))
    return tokens
