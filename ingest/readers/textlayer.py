"""Whether a PDF page's text layer can be trusted, or the page must be read from its image.

Scanned PDFs often carry a text layer from an earlier OCR run that did not know Vietnamese: the words are there,
their marks are not ("Can cu Nghi dinh so 69/2017/ND-CP ngay 25 thang 5 nam 2017 cua Chinh phu"). Search and
quotes fail on every marked word of such a page, so it is read again from its image, as a scan is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest.textnorm import fold

# Words every administrative text writes often, and always with a mark ("của", "các", "được", "ngày", "không",
# "và" …). Their bare forms are rare words ("cua" is a crab) or none, so a page that writes them bare has lost
# its marks. Written in lower case only: "VA", "DINH" in a capitals heading say nothing.
_ALWAYS_MARKED = frozenset(
    [
        "cua",
        "cac",
        "duoc",
        "thuc",
        "hien",
        "nhung",
        "viec",
        "ngay",
        "thang",
        "nguoi",
        "khong",
        "voi",
        "dinh",
        "quyet",
        "truong",
        "va",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")
MIN_BARE = 8  # bare occurrences before a page is judged (a few could be a name or a slip)
BARE_SHARE = 0.6  # of these words' occurrences written bare


def lost_marks(lines: Iterable[str]) -> bool:
    """Whether the text reads as Vietnamese whose tone and vowel marks were lost."""
    bare = marked = 0
    for line in lines:
        for word in _WORD.findall(line):
            if not word.islower():
                continue
            key = fold(word)
            if key in _ALWAYS_MARKED:
                if word == key:
                    bare += 1
                else:
                    marked += 1
    return bare >= MIN_BARE and bare >= BARE_SHARE * (bare + marked)
