"""Unicode helpers shared by every stage: NFC, tone-mark folding, whitespace."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


# Cyrillic letters drawn like Latin ones. Some PDF fonts map the glyphs of a code to them ("BYT-ВСТ-ВТC", Cyrillic
# В, С, Т); Vietnamese never writes a Cyrillic letter inside a word that has Latin ones.
_LOOKALIKES = str.maketrans("АВСЕНІЈКМОРЅТХУаеіјорсхуӀ", "ABCEHIJKMOPSTXYaeijopcxyI")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_MIXED_WORD = re.compile(
    r"[\w&\-]*(?:[A-Za-z][\w&\-]*[\u0400-\u04ff]|[\u0400-\u04ff][\w&\-]*[A-Za-z])[\w&\-]*"
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean_chars(text: str) -> str:
    """NFC, no zero-width or control characters, non-breaking spaces made plain, Cyrillic look-alikes inside
    Latin words made Latin."""
    text = nfc(text)
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub(" ", text)
    if _CYRILLIC.search(text):
        text = _MIXED_WORD.sub(lambda m: m.group(0).translate(_LOOKALIKES), text)
    return _SPACES.sub(" ", text)


def fold(text: str) -> str:
    """Lower-case and strip Vietnamese tone marks: "Đẩy mạnh" → "day manh"."""
    # Questions fold the same words, patterns and document fields again and again: short strings are cached.
    return _fold_short(text) if len(text) <= _SHORT else _fold(text)


_SHORT = 200


@lru_cache(maxsize=65536)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", text.replace("đ", "d"))


def squash(text: str) -> str:
    """Fold runs of white space into one space and trim."""
    return " ".join(text.split())


def has_tone_marks(text: str) -> bool:
    return fold(text) != text.lower()


@lru_cache(maxsize=65536)
def mark_key(word: str) -> str:
    """A word's diacritics as a sorted string, independent of placement ("hoà" ≡ "hòa")."""
    low = word.lower()
    decomposed = unicodedata.normalize("NFD", low)
    return "".join(sorted(ch for ch in decomposed if unicodedata.category(ch) == "Mn")) + "đ" * low.count("đ")
