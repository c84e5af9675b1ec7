"""Consolidated texts (văn bản hợp nhất): their number and date are at the end.

A VBHN reprints a Thông tư, a Nghị định or a Luật with the amendments made to it since. Its first page carries
the consolidated text's type line and title ("THÔNG TƯ LIÊN TỊCH / Hướng dẫn …") and no number: the agency
authenticates the consolidation after the last article, in a block headed "XÁC THỰC VĂN BẢN HỢP NHẤT" that holds
"Số: 1546/VBHN-BLĐTBXH" and the place and date. That number and date are the document's own, and its type is
"Văn bản hợp nhất" (the code VBHN says so), whatever the type line of the text it consolidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.issued import iso
from ingest.letterhead import place_date
from ingest.sitetable import canonical_symbol
from ingest.textnorm import fold

TYPE = "Văn bản hợp nhất"
_BLOCK = re.compile(r"\bxac\s+thuc\s+van\s+ban\s+hop\s+nhat\b")
_NUMBER = re.compile(r"\bSố\s*:?\s*(?P<num>\d{1,5}[ \t]*/[ \t]*VBHN[ \t]*-[ \t]*[A-ZĐ][0-9A-Za-zĐđ&.\-]*)")
REACH = 8  # paragraphs either side of the block's heading (the two columns of its table come flattened)


@dataclass(frozen=True)
class Consolidation:
    number: str | None
    date: str | None  # ISO


def read_consolidation(paragraphs: list[str]) -> Consolidation | None:
    """The authentication block's number and date, or None when the text has no such block."""
    # The block's heading stands alone in capitals; a text about consolidating ("việc xác thực văn bản hợp nhất
    # …") is no such block.
    at = next((i for i, p in enumerate(paragraphs) if p.isupper() and _BLOCK.search(fold(p))), None)
    if at is None:
        return None
    near = paragraphs[max(0, at - REACH) : at + REACH + 1]
    number = next((canonical_symbol(m.group("num")) for p in near if (m := _NUMBER.search(p))), None)
    date = None
    for p in near:
        m = place_date(p)
        found = m is not None and m.group("d") and m.group("m") and m.group("y")
        if m and found and 1 <= int(m.group("d")) <= 31 and 1 <= int(m.group("m")) <= 12:
            date = iso(m.group("y"), m.group("m"), m.group("d"))
            break
    return Consolidation(number, date)
