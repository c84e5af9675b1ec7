"""What a well-formed Vietnamese syllable is: an onset, a rhyme, at most one tone mark.

Legacy-encoded text decoded as Unicode, and words mistyped ("kinnh", "hiuệ", "đăg"), are not such syllables.
A syllable closed by a stop (-p, -t, -c, -ch) carries only the sắc or the nặng tone ("được", "học"), so "đưc" is a
slip, not a word; "iê", "uô", "ươ", "ă", "â" are written only before a final consonant, so "điể" is one too.
"""

from __future__ import annotations

import re
import unicodedata

TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng
_STOP_TONES = "\u0301\u0323"
_INITIAL = "ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx]"
_NUCLEUS = (
    "uyê|uya|uyu|iêu|yêu|ươi|ươu|uôi|oai|oay|oao|oeo|uây|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ưu|ươ|yê|"
    "a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
)
_SYLLABLE = re.compile(f"(?:{_INITIAL})?({_NUCLEUS})(ch|ng|nh|[cmnpt])?")
# Vowels written so only before a final consonant: an open syllable writes "ia", "ua", "ưa" ("mía", "múa").
_CLOSED_ONLY = frozenset({"iê", "yê", "uô", "ươ", "uyê", "ă", "â", "oă", "uâ"})


def _parts(word: str) -> tuple[re.Match[str] | None, list[str]]:
    d = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in d if c in TONES]
    base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
    return _SYLLABLE.fullmatch(base), tones


def shaped(word: str) -> bool:
    """An onset, a rhyme and at most one tone mark: what tells Unicode text from legacy bytes read as Latin-1."""
    m, tones = _parts(word)
    return m is not None and len(tones) <= 1


def well_formed(word: str, toned: bool = True) -> bool:
    """Whether `word` (one syllable, any case) is spelled as a Vietnamese syllable can be: shaped, with the vowels
    that need a final consonant given one, and a stop's tone. `toned=False`: the word was typed without tone marks,
    so its tone says nothing."""
    m, tones = _parts(word)
    if m is None or len(tones) > 1 or (m.group(1) in _CLOSED_ONLY and not m.group(2)):
        return False
    if not toned or m.group(2) not in ("p", "t", "c", "ch"):
        return True
    return bool(tones) and tones[0] in _STOP_TONES
