"""Quotations in amending texts: "Sửa đổi, bổ sung khoản 3 Điều 9 như sau: “3. …”" quotes the text it puts in place.

ingest/legal.py reads the numbered lines inside such a quotation as the amended text's, not as clauses of the
amending article; these helpers say where a quotation opens and whether it is still open.
"""

from __future__ import annotations

import re

# An amending text quotes what it puts in place: "Sửa đổi, bổ sung khoản 3 Điều 9 như sau: “3. Đã tốt nghiệp …”".
# The numbered lines inside the quotation are the amended text's, not clauses of the amending article.
AMENDING = re.compile(
    r"^\d{1,2}\.\s*(?:Sửa đổi|Bổ sung|Bỏ|Bãi bỏ|Thay|Điều chỉnh|Hủy bỏ)",
    re.I,
)


def opens_quotation(p: str, prev: str) -> bool:
    """A text is quoted only after a colon ("… như sau: “3. …", "… quy định: “…") or as a paragraph under a line
    ending with one; a stray mark elsewhere (a scan's speck beside a motto, "—“ Độc lập …") opens nothing."""
    return bool(re.search(r":\s*“", p)) or (p.lstrip().startswith("“") and prev.rstrip().endswith(":"))


def still_quoting(p: str, quoting: bool, prev: str = "") -> bool:
    """Whether a quotation is open after paragraph `p` (curly marks; straight ones do not say which way)."""
    if not quoting:
        if not opens_quotation(p, prev):
            return False
        m = re.search(r":\s*“", p)
        p = p[m.end() - 1 :] if m else p.lstrip()
    for ch in p:
        if ch == "“":
            quoting = True
        elif ch == "”":
            quoting = False
    return quoting
