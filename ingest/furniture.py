"""Site furniture: what legal-document sites, portals and newspapers print around a document.

Copies of directives come from pages that add their own lines: the site's name, a paywall or
subscription notice ("Bạn đang xem bản rút gọn…", "Tải bản đầy đủ"), the page's date and clock,
font-size and print controls, a `Source:` line, and — before the document starts — the page
title (often another document's) and a numbered list of related documents. None of it belongs to
the document; it is kept aside as a hint (a newspaper's name tells the page is an article).
"""

from __future__ import annotations

import re

from ingest.textnorm import fold

# Each pattern is matched on the folded line (no tone marks, lower case), so spellings vary freely.
_LINE_PATTERNS = [
    # Paywall and subscription notices.
    r"ban dang xem ban (?:rut gon|tom tat)",
    r"(?:vui long|hay|ban can|ban phai|quy khach (?:vui long|can))\s+dang (?:nhap|ky)",
    r"dang (?:nhap|ky) (?:tai khoan|thanh vien|goi)|goi (?:dich vu |thanh vien )?(?:pro|vip|tieu chuan|nang cao)\b",
    r"(?:noi dung|van ban|tinh nang) (?:nay )?(?:chi )?danh cho (?:thanh vien|tai khoan|khach hang)",
    r"^(?:tai|tai ve|download)(?: ban| van ban| file| tep)?(?: day du| goc| word| pdf| doc| tieng viet)*\s*[:.]?$",
    r"^tai (?:ban day du|van ban|ve van ban|file|tep)\b",
    # Source line pasted by a converter or a reader ("Source: https://…", "Nguồn: www…").
    r"^(?:source|nguon|url|link goc)\s*:\s*(?:https?://|www\.|\S+\.(?:vn|com|net|org)\b)",
    r"^source\s*:",
    # A site-name banner or a bare address.
    r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org)(?:/\S*)?$",
    r"^(?:thu vien phap luat|he thong phap luat(?: viet nam)?|luat viet nam|luatvietnam|"
    r"co so du lieu quoc gia ve van ban phap luat|van ban phap luat|bao dien tu [^.]{1,40}|"
    r"bao chinh phu|cong thong tin dien tu chinh phu)\s*(?:\.vn)?$",
    # Page dates and clocks: "Cập nhật: 10:25 12/09/2023", "12/09/2023 10:15 (GMT+7)".
    r"^(?:cap nhat|ngay cap nhat|dang luc|dang ngay|ngay dang|xuat ban)\s*:?\s*\d",
    r"^(?:\d{1,2}:\d{2}\s*(?:\(gmt\+7\))?\s*[,-]?\s*)?\d{1,2}/\d{1,2}/\d{4}(?:\s*[,-]?\s*\d{1,2}:\d{2})?"
    r"\s*(?:\(gmt\+7\)|gmt\+7)?\s*\|?$",
    r"\(gmt\s*\+\s*7\)\s*$",
    # A byline: author, date and clock, section ("Minh Anh · 07/09/2024 19:15 · Giáo dục").
    r"^[^.!?]{0,60}[·|•–-]\s*\d{1,2}/\d{1,2}/\d{4}[\s,-]*\d{1,2}:\d{2}\b[^.!?]{0,40}$",
    # Font-size and print controls, document-page tabs.
    r"^(?:co chu|kich thuoc chu|font chu|phong chu)\b",
    r"^(?:(?:in|print|luu|in van ban|gui email|email|chia se|zalo|facebook)\s*[|/•·]?\s*){1,6}$",
    r"^(?:thuoc tinh|luoc do|van ban lien quan|van ban goc|van ban tieng anh|tieng anh|theo doi van ban|"
    r"so sanh van ban|tinh trang hieu luc|hieu luc\s*:.*|tom tat)\s*:?$",
]
_FURNITURE = [re.compile(p) for p in _LINE_PATTERNS]
# A line of a "related documents" list: "1. Chỉ thị 12/CT-UBND năm 2022 về …" (folded).
_RELATED = re.compile(
    r"^(?:[-•]\s*)?\d{1,2}[.)]?\s+(?:chi thi|cong van|quyet dinh|ke hoach|thong tu|nghi dinh|nghi quyet|huong dan|"
    r"thong bao|cong dien|luat|van ban|ket luan)\b[^.]{0,40}\d"
)
# The first line of a letterhead: the issuing body, or the national motto in the other column.
LETTERHEAD_START = re.compile(
    r"^(?:\|\s*)?(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND\b|HỘI ĐỒNG NHÂN DÂN|HĐND\b|QUỐC HỘI$|BỘ\s|SỞ\s|PHÒNG GIÁO DỤC|CHÍNH PHỦ|THỦ TƯỚNG|"
    r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|TRƯỜNG\s|ĐẠI HỌC\s|HỌC VIỆN\s|ỦY$|UỶ$|CỘNG$)"
)
NEWSPAPER = re.compile(
    r"^(?:bao|tap chi)\s|\bbao\w*\.vn\b|\bbao dien tu\b|\btap chi\b|vnexpress|vietnamplus|dantri|tuoitre|thanhnien"
)
_MAX_LEAD = 25
_CELL_BREAK = re.compile(r"\s*\|\s*|<br\s*/?>", re.I)  # lines a page may print before the letterhead


def is_furniture(line: str) -> bool:
    """Whether a whole line is site furniture (never part of a document)."""
    if len(line) > 170:  # furniture is short; folding every paragraph of a long document is not free
        return False
    folded = fold(line).strip(" |*#")
    return bool(folded) and len(folded) <= 160 and any(p.search(folded) for p in _FURNITURE)


def letterhead_index(lines: list[str]) -> int | None:
    """Index of the line where a letterhead starts, if one starts near the top."""
    seen = 0
    for i, line in enumerate(lines):
        text = line.strip().lstrip("#*| ").strip()
        if not text:
            continue
        # A letterhead saved as a table row holds both columns ("| **HỘI ĐỒNG NHÂN DÂN<br>TỈNH …** | **CỘNG HÒA …"):
        # its first cell's first line is what starts it.
        first = _CELL_BREAK.split(text, maxsplit=1)[0].strip("*# ")
        if LETTERHEAD_START.match(first) and len(first) <= 120:
            return i
        seen += 1
        if seen > _MAX_LEAD or len(text) > 300:
            return None
    return None


def split_lead(lines: list[str]) -> tuple[list[str], list[str]]:
    """(what the page printed before the document, the document).

    A document whose letterhead starts within the first lines begins there: what comes before is
    the page's title (possibly another document's), banners, dates and related-document lists.
    Without a letterhead only a leading list of related documents is removed.
    """
    start = letterhead_index(lines)
    if start:
        return [line for line in lines[:start] if line.strip(" |-")], lines[start:]
    i, related = 0, 0
    while i < len(lines) and i < _MAX_LEAD:
        folded = fold(lines[i]).strip(" |*#")
        if (
            not folded
            or is_furniture(lines[i])
            or folded.rstrip(": ") in ("van ban lien quan", "tin lien quan")
        ):
            i += 1
        elif _RELATED.match(folded) and len(folded) <= 250:
            related += 1
            i += 1
        else:
            break
    if related >= 2:
        return [line for line in lines[:i] if line.strip()], lines[i:]
    return [], lines
