"""Vietnamese text typed in pre-Unicode font encodings: TCVN3 (ABC, .VnTime) and VNI (VNI-Times).

Such text reaches us as Latin-1 look-alikes ("Së Gi¸o dôc" = "Sở Giáo dục" in TCVN3,
"Sôû Giaùo duïc" in VNI). Detection converts with each table and keeps the one that
yields the most well-formed Vietnamese syllables, so a Unicode text is never damaged.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import islice
from typing import Literal

from ingest.syllables import TONES as _TONES
from ingest.syllables import shaped

Legacy = Literal["tcvn3", "vni"]

# --- TCVN3 (TCVN 5712:1993 VN3): one byte per lower-case letter, 7 upper-case letters without tone.
_TCVN3_GROUPS = (  # (legacy codes, Unicode letters), one vowel family per row
    ("µ¸¶·¹", "àáảãạ"),
    ("¨»¾¼½Æ", "ăằắẳẵặ"),
    ("©ÇÊÈÉË", "âầấẩẫậ"),
    ("®", "đ"),
    ("ÌÐÎÏÑ", "èéẻẽẹ"),
    ("ªÒÕÓÔÖ", "êềếểễệ"),
    ("×ÝØÜÞ", "ìíỉĩị"),
    ("ßãáâä", "òóỏõọ"),
    ("«åèæçé", "ôồốổỗộ"),
    ("¬êíëìî", "ơờớởỡợ"),
    ("ïóñòô", "ùúủũụ"),
    ("\xadõøö÷ù", "ưừứửữự"),  # "ư" is the soft hyphen byte: convert before any cleaning
    ("úýûüþ", "ỳýỷỹỵ"),
    ("¡¢£¤¥¦§", "ĂÂÊÔƠƯĐ"),
)
_TCVN3_CODES = "".join(codes for codes, _ in _TCVN3_GROUPS)
_TCVN3_CHARS = "".join(chars for _, chars in _TCVN3_GROUPS)
_TCVN3_DECODE = str.maketrans(dict(zip(_TCVN3_CODES, _TCVN3_CHARS, strict=True)))

# --- VNI: base letter followed by an accent byte; a few letters are single bytes.
_VNI_TONE = dict(zip(_TONES, "ùøûõï", strict=True))
_VNI_TONE_CIRC = dict(zip(_TONES, "áàåãä", strict=True))  # tone merged with the circumflex byte
_VNI_TONE_BREVE = dict(zip(_TONES, "éèúüë", strict=True))  # tone merged with the breve byte
_VNI_I = dict(zip(_TONES, "íìæóò", strict=True))  # i with a tone is one byte


def _vni_lower(ch: str) -> str:
    """VNI spelling of one lower-case Vietnamese letter."""
    if ch == "đ":
        return "ñ"
    d = unicodedata.normalize("NFD", ch)
    base, marks = d[0], d[1:]
    tone = next((m for m in marks if m in _TONES), "")
    if "\u0302" in marks:  # circumflex
        return base + (_VNI_TONE_CIRC[tone] if tone else "â")
    if "\u0306" in marks:  # breve
        return base + (_VNI_TONE_BREVE[tone] if tone else "ê")
    if "\u031b" in marks:  # horn: ơ, ư are single bytes
        head = "ô" if base == "o" else "ö"
        return head + (_VNI_TONE[tone] if tone else "")
    if base == "i" and tone:
        return _VNI_I[tone]
    if ch == "ỵ":
        return "î"
    return base + (_VNI_TONE[tone] if tone else "")


_VIET_LOWER = _TCVN3_CHARS[:-7]  # every lower-case letter with a diacritic
_VNI_ENCODE: dict[str, str] = {}
for _ch in _VIET_LOWER:
    _VNI_ENCODE[_ch] = _vni_lower(_ch)
    _VNI_ENCODE[_ch.upper()] = _vni_lower(_ch).upper()
_VNI_DECODE = {v: k for k, v in _VNI_ENCODE.items() if v != k}
_VNI_RE = re.compile("|".join(re.escape(s) for s in sorted(_VNI_DECODE, key=len, reverse=True)))

_TCVN3_ENCODE = {c: code for code, c in zip(_TCVN3_CODES, _TCVN3_CHARS, strict=True)}

# Characters that only a Unicode text can contain: a line holding them is left alone.
_UNICODE_ONLY = re.compile("[ĂăĐđƠơƯư\u1ea0-\u1ef9\u0300-\u0323]")
# "A" followed by a toned "à" is how TCVN3 spells capitals with a tone (no slot in the table).
_CAP_PAIR = re.compile("([AĂÂEÊIOÔƠUƯY])([\u00c0-\u1ef9])")
_WORDS = re.compile(r"\w+")


def _fix_capitals(text: str) -> str:
    def pair(m: re.Match[str]) -> str:
        cap, low = m.group(1), m.group(2)
        if low.islower() and _strip_tone(low) == cap.lower():
            return low.upper()
        return m.group(0)

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        # Uppercase fonts (.VnTimeH) store toned capitals as lower-case codes: "TØNH" → "TỈNH".
        caps = sum(1 for c in w if "A" <= c <= "Z")
        return w.upper() if caps >= 2 and not re.search("[a-z]", w) else w

    return _WORDS.sub(word, _CAP_PAIR.sub(pair, text))


def _strip_tone(ch: str) -> str:
    d = unicodedata.normalize("NFD", ch)
    return unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))


def convert_legacy(text: str, enc: Legacy) -> str:
    """Convert legacy-encoded text to Unicode (NFC); lines already in Unicode Vietnamese are kept."""
    out = []
    for line in text.split("\n"):
        if _UNICODE_ONLY.search(line):
            out.append(line)
        elif enc == "tcvn3":
            out.append(_fix_capitals(line.translate(_TCVN3_DECODE)))
        else:
            out.append(_VNI_RE.sub(lambda m: _VNI_DECODE[m.group(0)], line))
    return unicodedata.normalize("NFC", "\n".join(out))


def encode_legacy(text: str, enc: Legacy) -> str:
    """Inverse of convert_legacy (used to build test fixtures and to check the tables)."""
    text = unicodedata.normalize("NFC", text)
    if enc == "vni":
        return "".join(_VNI_ENCODE.get(c, c) for c in text)
    out = []
    for c in text:
        if c in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[c])
        elif c.lower() in _TCVN3_ENCODE and c.isupper():
            # Toned capital: the capital base letter, then the toned lower-case code.
            base = _strip_tone(c)
            out.append(_TCVN3_ENCODE.get(base, base) + _TCVN3_ENCODE[c.lower()])
        else:
            out.append(c)
    return "".join(out)


# --- Detection: how many words are well-formed Vietnamese syllables?
_WORD = re.compile(r"[^\W\d_]+")
_HINT = re.compile("[\xa1-\xff]")  # every legacy code is a Latin-1 look-alike


def syllable_score(text: str, limit: int = 20000) -> tuple[int, int]:
    """(well-formed, malformed) counts over words that hold a non-ASCII letter other than đ."""
    good = bad = 0
    for i, m in enumerate(_WORD.finditer(text)):
        if i >= limit:
            break
        w = m.group(0).lower()
        if not any(ord(c) > 127 and c != "đ" for c in w):
            continue  # ASCII words and abbreviations such as "GDĐT" say nothing
        if shaped(w):
            good += 1
        else:
            bad += 1
    return good, bad


def detect_legacy(text: str) -> Legacy | None:
    """ "tcvn3" or "vni" when the text reads far better after conversion, else None."""
    if len(list(islice(_HINT.finditer(text), 3))) < 3:
        return None
    text = text[:200_000]  # a sample is enough to judge, and keeps big files cheap
    good0, bad0 = syllable_score(text)
    if bad0 < 3 or bad0 < 0.1 * (good0 + bad0):
        return None
    best: Legacy | None = None
    best_gain = max(3.0, 0.1 * (good0 + bad0))
    for enc in ("tcvn3", "vni"):
        good, bad = syllable_score(convert_legacy(text, enc))
        gain = (good - bad) - (good0 - bad0)
        if good > bad and gain > best_gain:
            best, best_gain = enc, gain
    return best
