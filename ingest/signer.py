"""Who signed: the signer's office and name in the signature block (Nghị định 30/2020/NĐ-CP, Phụ lục I).

The block closes the document: the authority the signer acts for ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"), the
signer's own office ("PHÓ CHỦ TỊCH", "GIÁM ĐỐC"), the signature, then the full name. Copied or converted, its
column sits beside the "Nơi nhận" list ("- Bộ Công Thương;    KT. CHỦ TỊCH"), in a table cell, or on one line
("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Văn Khải"). The office is the last one not introduced by
KT./TM./TL./TUQ. before the name; the name stands alone in its column or closes a line (after the office, or
after a recipient's item when the two columns were flattened into one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OFFICE = (
    r"(?:PHÓ\s+)?(?:CHỦ\s+TỊCH\s+QUỐC\s+HỘI|CHỦ\s+TỊCH|GIÁM\s+ĐỐC|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|THỦ\s+TƯỚNG|HIỆU\s+TRƯỞNG|"
    r"TRƯỞNG\s+PHÒNG|CHÁNH\s+VĂN\s+PHÒNG|TRƯỞNG\s+BAN|TRƯỞNG\s+ĐOÀN|CỤC\s+TRƯỞNG|VỤ\s+TRƯỞNG|"
    r"TỔNG\s+BIÊN\s+TẬP)"
)
# KT. (ký thay), TM. (thay mặt), TL. (thừa lệnh), TUQ. (thừa ủy quyền), Q. (quyền): whom the signer acts for.
_OFFICE_RE = re.compile(
    rf"(?<![A-ZĐÀ-Ỹ])(?P<on_behalf>(?:KT|TM|TL|TUQ|Q)\.?\s*)?(?P<office>{_OFFICE})(?![A-ZĐÀ-Ỹ])"
)
# The commonest Vietnamese family names: a name is two to five capitalised words led by one of them.
_SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Đoàn Vương Trịnh Trương "
    "Lâm Mai Tô Hà Tạ Cao Lương Châu Thái Quách Lưu Kiều Triệu Nông Lò Hứa Tăng Khổng La Giang Chu Phùng Đồng "
    "Lại Mạc Thân Từ Tống Diệp Âu Hầu Lục Ông Quan Doãn Nghiêm Khúc Đàm Vi Sầm Lã Tôn Bạch Văn Y"
)
_WORD = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]+"
_NAME = rf"(?:{'|'.join(_SURNAMES.split())})(?:\s+{_WORD}){{1,4}}"
_NAME_ALONE = re.compile(rf"^\s*(?P<name>{_NAME})\s*$")
_NAME_AFTER_OFFICE = re.compile(rf"{_OFFICE}\s+(?P<name>{_NAME})\s*$")
# The name's column flattened onto a recipient's line: "- Các BQL dự án ĐTXD tỉnh, Khu vực; Nguyễn Thế Phước".
_NAME_AFTER_ITEM = re.compile(rf"^\s*[-–+•].*[;.:)]\s*(?P<name>{_NAME})\s*$")
_COLUMNS = re.compile(r"\s{3,}|\|")


@dataclass(frozen=True)
class Signer:
    office: str | None  # "Phó Chủ tịch"
    name: str | None  # "Nguyễn Thành Sinh"

    def __str__(self) -> str:
        return " ".join(p for p in (self.office, self.name) if p)


def signature_words(text: str) -> bool:
    """Whether `text` is the signer's column alone: offices ("KT. GIÁM ĐỐC", "PHÓ CHỦ TỊCH") or a personal name,
    as it runs into the recipients' lines when the two columns are flattened."""
    text = text.strip()
    return bool(text) and (text == text.upper() or bool(_NAME_ALONE.match(text)))


_TRAILING_OFFICE = re.compile(rf"\s+(?:(?:KT|TM|TL|TUQ|Q)\.\s*)?{_OFFICE}(?=\s|$)")


def without_signature(line: str) -> str:
    """A recipient's line with the signer's column taken out where the two were flattened into one ("- Tổng
    công ty Trường Sơn; PHÓ GIÁM ĐỐC", "- Văn phòng Sở (Bố trí kinh phí, phương TRƯỞNG ĐOÀN")."""
    return " ".join(_TRAILING_OFFICE.sub(" ", line).split())


def read_signer(block: list[str]) -> Signer | None:
    """The signer in the signature block's lines (from "Nơi nhận" on); None when neither the office nor the name
    is written. The name is the first personal name standing as above; the office, the last one written before
    it (a name may be followed by another of the signer's titles: "Hoàng Văn Thuân" / "PHÓ GIÁM ĐỐC")."""
    at, name = _first_name(block) or (len(block), None)
    office = None
    for line in block[: at + 1]:
        for m in _OFFICE_RE.finditer(line):
            if not m.group("on_behalf"):
                office = m.group("office")
    if office is None and name is None:
        return None
    return Signer(_office_case(office) if office else None, name)


def _first_name(block: list[str]) -> tuple[int, str] | None:
    """The line index and the first personal name standing as a signer's name does."""
    for i, line in enumerate(block):
        for cell in _COLUMNS.split(line.replace("**", "")):
            m = _NAME_ALONE.match(cell) or _NAME_AFTER_OFFICE.search(cell) or _NAME_AFTER_ITEM.match(cell)
            if m:
                return i, m.group("name")
    return None


def _office_case(office: str) -> str:
    """ "PHÓ CHỦ TỊCH" → "Phó Chủ tịch", "CHÁNH VĂN PHÒNG" → "Chánh Văn phòng": as running text writes it."""
    words = " ".join(office.split()).lower().split(" ")
    head = 2 if words[0] in ("phó", "chánh") else 1
    return " ".join(w[:1].upper() + w[1:] if i < head else w for i, w in enumerate(words)).replace(
        "quốc hội", "Quốc hội"
    )


_RECIPIENTS = re.compile(r"^\W*nơi\s+nhận\b", re.I | re.M)
BLOCK_LINES = 40  # the block's lines from "Nơi nhận": the list, the offices and the name


# A line that is only an office, as a block without recipients starts ("CHỦ TỊCH QUỐC HỘI", "KT. THỦ TƯỚNG").
_OFFICE_LINE = re.compile(rf"^\s*(?:(?:KT|TM|TL|TUQ|Q)\.\s*)?{_OFFICE}\s*$")
HEAD_LINES = 15  # the letterhead's lines ("THỦ TƯỚNG CHÍNH PHỦ") are never the signature
BARE_BLOCK = 8  # an office line, the signature's blank lines and the name


def signature_block(text: str) -> list[str]:
    """The raw lines of the signature block: from the first "Nơi nhận" (a decision's own block comes before
    the regulation it issues) on; else (laws and decrees as the official gazette prints them have no
    recipients' list) from the first line after the letterhead that is only an office; none without either."""
    m = _RECIPIENTS.search(text)
    if m:
        return text[m.start() :].splitlines()[:BLOCK_LINES]
    lines = text.splitlines()
    start = next((i for i in range(HEAD_LINES, len(lines)) if _OFFICE_LINE.match(lines[i])), None)
    return lines[start : start + BARE_BLOCK] if start is not None else []
