"""Whom a document is sent to: the "Nơi nhận:" list of its signature block (Nghị định 30/2020/NĐ-CP, Phụ lục I),
with "Như trên" read as the addressees of its "Kính gửi:" line.

The list's items are marked ("- Sở Tài chính;"), the last one is the archive copy ("- Lưu: VT, CN."), which
receives nothing. Copied or converted, the signer's column stands beside the list on the same lines ("- Bộ Công
Thương;    KT. CHỦ TỊCH"): only the left column is read. An item wrapped onto the next line continues there
without a marker. "Như trên" ("as above") stands for the addressees of the letter's "Kính gửi:" line or the list
under it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.signer import signature_block, signature_words, without_signature

_RECIPIENTS = re.compile(r"^\W*nơi\s+nhận\s*:?\s*", re.I)
_ADDRESSED = re.compile(r"^\W*kính\s+gửi\s*:?\s*", re.I)
_COLUMNS = re.compile(r"\s{3,}|\t|\|")
_MARKER = re.compile(r"^[-–+•*~]\s*")  # "~": a scan's "-"
# A wrapped item goes on in lower case, in brackets, or with a few words ("Đào tạo;"); a line opening a paragraph
# ("Căn cứ Giấy phép khai thác …") ends the list.
_WRAPPED = re.compile(r"^(?:[a-zđà-ỹ(]|\S+(?:\s+\S+){0,5}$)")
_ARCHIVE = re.compile(r"^lưu\b", re.I)
_AS_ABOVE = re.compile(r"^như\s+(?:trên|kính\s+gửi)\b", re.I)
MAX_ITEMS = 40
HEAD_LINES = 40  # "Kính gửi" stands under the letterhead and subject line


def _left(line: str) -> str:
    """The left column: a line indented as far as the signer's column holds nothing of the list. An item ends
    with ";": what follows it on its line is the signer's column run into it ("- Chính phủ; TM. ỦY BAN …")."""
    cell = without_signature(_COLUMNS.split(line.replace("**", "").rstrip())[0])
    item, sep, rest = cell.partition("; ")
    return f"{item};" if sep and signature_words(rest) else cell


def _whole(line: str) -> str:
    """The addressees stand alone beside "Kính gửi:", often tabbed far to the right."""
    return " ".join(line.replace("**", "").split())


def _items(lines: list[str], first: str, cell_of: Callable[[str], str]) -> list[str]:
    """Marked items from `first` (what follows the label on its line) and `lines`, until the first line that is
    neither an item nor a wrapped one's continuation."""
    items: list[str] = []
    open_item = False
    for raw in [first, *lines]:
        cell = cell_of(raw)
        if not cell:
            continue
        if _MARKER.match(cell):
            items.append(_MARKER.sub("", cell))
        elif items and open_item and _WRAPPED.match(cell):
            items[-1] = f"{items[-1]} {cell}"
        elif not items and raw is first:
            items.append(cell)  # "Kính gửi: Ủy ban nhân dân các xã." on the label's line
        else:
            break
        open_item = not cell.endswith((";", ".", ","))
        if len(items) >= MAX_ITEMS:
            break
    return [i.rstrip(" ;.,") for i in items if i.rstrip(" ;.,")]


def addressees(text: str) -> list[str]:
    """The "Kính gửi:" addressees under the letterhead; [] when the document has none."""
    lines = text.splitlines()[:HEAD_LINES]
    for i, line in enumerate(lines):
        cell = _whole(line)
        if m := _ADDRESSED.match(cell):
            return _items(lines[i + 1 :], cell[m.end() :], _whole)
    return []


def recipients(text: str, block: list[str] | None = None) -> list[str]:
    """The "Nơi nhận:" list, in its order, without the archive copy; "Như trên" replaced by the addressees.
    [] when the document has no such list (laws and decrees as the gazette prints them). `block`: the text's
    `signature_block`, when the caller has it already."""
    lines = [line for line in (signature_block(text) if block is None else block) if line.strip()]
    label = _left(lines[0]) if lines else ""
    if not (m := _RECIPIENTS.match(label)):
        return []
    first = label[m.end() :]
    found: list[str] = []
    for item in _items(lines[1:], "" if signature_words(first) else first, _left):
        if _ARCHIVE.match(item):
            break
        found += (addressees(text) or [item]) if _AS_ABOVE.match(item) else [item]
    return list(dict.fromkeys(found))
