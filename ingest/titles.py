"""The subject line (trích yếu) under the document type, or after "V/v", however it wraps.

Nghị định 30/2020/NĐ-CP prints the subject in bold under the type ("QUYẾT ĐỊNH" / "Phê duyệt phương án …"), or
after "V/v" in a công văn's left column; a long one wraps onto further lines. A converter keeps each printed line
as a paragraph, so the title has to be put together again: a wrapped line goes on in lower case ("… huấn luyện
kỹ thuật an toàn" / "vật liệu nổ công nghiệp …"), or the line before it stops where a phrase cannot end — after
a comma, a preposition or a body's word waiting for its name ("… ngày 29/6/2026 của Bộ" / "Xây dựng ban hành …").
A title in capitals goes on in capitals, up to the authority line that follows a decision's title ("CHỦ TỊCH ỦY
BAN NHÂN DÂN TỈNH …"), which says who decides and is no part of the subject.
"""

from __future__ import annotations

import re

from ingest.letterhead import MOTTO, PLACE_DATE
from ingest.textnorm import fold

SUBJECT = re.compile(r"^(?:V/v\b|Về việc\b|VỀ VIỆC\b|VỀ\s)")
MAX_LINE = 250  # a longer paragraph is prose, not a line of a title
# Who decides, under a decision's title: the office or the collective body, in capitals.
_AUTHORITY_START = (
    "chu tich ",
    "giam doc ",
    "hieu truong ",
    "bo truong ",
    "thu truong ",
    "thu tuong ",
    "cuc truong ",
    "vien truong ",
    "truong ban ",
    "uy ban nhan dan",
    "hoi dong nhan dan",
    "chinh phu",
    "quoc hoi",
)
# Words a phrase does not end on: prepositions and conjunctions, and the bodies and units that take a name next.
# Compared with their tone marks: "văn bản" ends a phrase, "Ủy ban" does not.
_OPEN_END = frozenset(
    {
        "của",
        "và",
        "về",
        "tại",
        "cho",
        "với",
        "theo",
        "trong",
        "trên",
        "đối",
        "thuộc",
        "từ",
        "đến",
        "để",
        "các",
    }
    | {"những", "số", "ngày", "bộ", "sở", "ban", "tỉnh", "huyện", "xã", "phường", "thành", "phố", "quận"}
)
# A structural line (an article, a numbered part) starts the body, never a title's next line.
_STRUCTURE = re.compile(r"^(?:Điều\s+\d|Chương\s+[IVX\d]|[IVX]{1,5}[.\s]|\d{1,2}[.)]\s|[a-zđ]\)\s)")
_BODY_START = ("can cu", "kinh gui", "xet ", "theo de nghi", "thuc hien")


def is_authority(line: str) -> bool:
    """A capitals line naming who decides ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "GIÁM ĐỐC SỞ …")."""
    text = line.strip(" .,:;'`‘’\"_|-–")
    return text.isupper() and fold(text).startswith(_AUTHORITY_START)


def _open_end(text: str) -> bool:
    """The line stops where a phrase cannot: after a comma, a preposition or a body's word."""
    text = text.rstrip()
    if text.endswith(","):
        return True
    words = text.lower().split()
    return bool(words) and words[-1] in _OPEN_END and not text.endswith((".", ":", ";"))


def _continues(parts: list[str], line: str, upper: bool) -> bool:
    """Whether `line` is the next printed line of the title in `parts`."""
    line = line.strip()
    if not line or len(line) > MAX_LINE or PLACE_DATE.match(line) or MOTTO.search(line) or is_authority(line):
        return False
    if fold(line).startswith(_BODY_START) or line.endswith(":") or _STRUCTURE.match(line):
        return False
    if line[:1].islower():
        return True
    if upper:  # a title in capitals goes on in capitals ("VỀ NHIỆM VỤ …" / "NĂM HỌC 2025-2026")
        return line.isupper() or line[:1].isdigit()
    return _open_end(parts[-1])


def read_title(
    head: list[str], skip: set[int], news: bool, typed: tuple[int, str, str] | None
) -> tuple[str, int]:
    """The subject line and the index of the paragraph after it. `skip`: letterhead lines; `typed`: the type
    line (index, type, the rest of its line) if the header has one."""
    for i, p in enumerate(head):
        if i not in skip and SUBJECT.match(p):
            p = MOTTO.split(p, maxsplit=1)[0].strip()  # a flattened row may carry the motto after it
            first = p.split(" ", 1)
            parts = [first[1] if fold(first[0]) == "v/v" and len(first) > 1 else p]
            j = i + 1
            while j < len(head) and j not in skip and _continues(parts, head[j], p.isupper()):
                parts.append(head[j].strip())
                j += 1
            title = " ".join(parts).strip().rstrip(".")
            return title[:1].upper() + title[1:], j
    if typed:
        i, _, rest = typed
        parts, j = ([rest] if rest else []), i + 1
        if not parts and j < len(head) and len(head[j]) < MAX_LINE and not is_authority(head[j]):
            parts, j = [head[j].strip()], j + 1
        while parts and j < len(head) and _continues(parts, head[j], parts[0].isupper()):
            parts.append(head[j].strip())
            j += 1
        return " ".join(parts).strip(), j
    for i, p in enumerate(head):
        if i in skip or MOTTO.search(p) or PLACE_DATE.match(p) or p.startswith("Số"):
            continue
        if len(p) > 15 and (p.isupper() or news):
            return p.rstrip(",. "), i + 1
    return "", 0
