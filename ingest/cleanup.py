"""Turn a reader's raw text into clean paragraphs.

Readers give lines; documents arrive with converter debris (``**bold**``, table
pipes), portal chrome left in saved pages, and PDF text hard-wrapped inside
sentences. This module removes the debris and re-joins wrapped lines, so later
stages see one paragraph per entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import quantiles

from ingest import furniture, letterhead, pagebreaks, pagenotes
from ingest.legal import attachment_start
from ingest.sitetable import read_site_table
from ingest.tables import TABLE_ROW, markdown_tables
from ingest.textnorm import clean_chars
from ingest.yeartables import pair_year_rows

# A line that starts a structural item; never glued to the previous line (also behind a scan's specks, "...a) …":
# ingest/markers.py decides whether the siblings prove the marker).
MARKER = re.compile(
    r"^(?:[-+•*–]\s*|[.,'`~…]{1,3})?(?:[IVXL]{1,5}\.|[A-H]\.|\d{1,2}(?:\.\d{1,2})*\.|\d{1,2}\)|[a-zđ]\)|[a-zđ]\.(?=\s)"
    # the older forms with a dash or slash ("I- ", "III – ", "1- ", "2/ ", "a- ", "b/ "), see ingest/sections.py
    r"|[IVXL]{1,5}\s?[-–/](?=\s)|\d{1,2}[-–/](?=\s)|[a-zđ][-–/](?=\s)"
    r"|Phần\s+(?:[IVX]{1,5}|\d{1,2}|thứ\s+\w+)\b(?=\s*[.:\-–]|\s*$)"
    r"|Thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|bẩy|tám|chín|mười)\b)",
    re.IGNORECASE,
)
BULLET = re.compile(r"^[-+•–]\s")
# Header lines of an administrative document that always stand alone.
HEADER_LINE = re.compile(
    r"^(?:V/v\b|Về việc\b|Số\s*:|Kính gửi\b|Căn cứ\b|Nơi nhận\b|CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI|Độc\s+lập\s*[-–])",
    re.I,
)
_STANDALONE = re.compile(r"^(?:Số\s*:\s*\S|Kính gửi)", re.I)
_END = re.compile(r"[.;:!?…]['\"”’)\]]*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_RULE = re.compile(r"^[\s|\-_=~*.·]*$")

# Portal chrome found in saved pages: clock lines, font-size links, ratings, banners.
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy)|chủ\s+nhật|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_CHROME_LINE = [
    re.compile(
        rf"^{_WEEKDAY},?\s+(?:ngày\s+)?\d{{1,2}}/\d{{1,2}}/\d{{4}}(?:\s*[-,]?\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*\|?$",
        re.I,
    ),
    re.compile(r"^\d{1,2}/\d{1,2}/\d{4}\s*[-,]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*\|?$"),
    re.compile(r"^A-\s*A\s*A\+"),
    re.compile(r"(?:tăng|giảm)\s+tương\s+phản", re.I),
    re.compile(r"^(?:print|in bài|in trang)\s*(?:send mail|gửi email|gửi bài)?\s*$", re.I),
    re.compile(
        r"^(?:văn bản mới|tin mới|tin nổi bật|ban biên tập|click để đánh giá bài viết|chia sẻ|share)\s*:?$",
        re.I,
    ),
    re.compile(r"^tổng số điểm của bài viết", re.I),
    re.compile(r"^(?:lượt xem|số lượt xem|lượt truy cập|đang truy cập|hôm nay)\s*:?\s*[\d.,]*$", re.I),
    re.compile(r"^cổng thông tin điện tử", re.I),
    re.compile(r"^(?:trang chủ|giới thiệu|liên hệ|sơ đồ trang|tìm kiếm)(?:\s*[|>»/]\s*\S.*)?$", re.I),
]
# Everything after one of these is another page's content (related news lists, footers).
_TAIL = re.compile(
    r"^(?:các tin đã đăng|bài tin liên quan|tin liên quan|tin cùng chuyên mục|các tin khác|tin khác|"
    r"bài viết liên quan|tin bài liên quan|ý kiến bạn đọc|bình luận)\b|^nguồn tin\s*:",
    re.I,
)
# Signature block and distribution list end the body of an administrative document.
# The signature block (Nghị định 30/2020/NĐ-CP): "Nơi nhận:", the signing authority ("TM. ỦY BAN NHÂN DÂN",
# "KT. BỘ TRƯỞNG", "TM. CHÍNH PHỦ", "TL. GIÁM ĐỐC": a mark, then capitals) or the signer's office alone.
_OFFICES = r"(?:CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|THỨ TRƯỞNG|THỦ TƯỚNG|HIỆU TRƯỞNG|CHÁNH VĂN PHÒNG)"
_SIGNATURE = re.compile(
    r"^(?:(?i:nơi nhận)\s*:|(?:KT|TM|TL|Q|TUQ)\.\s*[A-ZĐÀ-Ỹ]{2,}\s+[A-ZĐÀ-Ỹ]|"
    r"(?:KT|TM|TL|Q|TUQ)\.?\s*(?:CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|UBND|HĐND|ỦY BAN|SỞ)|"
    rf"(?:PHÓ\s+)?{_OFFICES}$)"
)


@dataclass
class Cleaned:
    paragraphs: list[str]
    chrome: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)  # notes printed at a page's foot (ingest/pagenotes.py)


def strip_markup(line: str) -> str:
    """Remove converter debris: markdown emphasis/headings and table pipes."""
    line = _MD_HEADING.sub("", line)
    for _ in range(2):
        line = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", line)
    line = line.replace("**", "")
    line = line.strip().strip("|").strip()
    return re.sub(r"\s*\|\s*", " ", line)


def is_chrome(line: str) -> bool:
    return any(p.search(line) for p in _CHROME_LINE)


def _runs(lines: list[str]) -> list[list[str]]:
    """Split into runs of consecutive non-blank lines; pipe-only/rule lines separate runs."""
    runs: list[list[str]] = [[]]
    for line in lines:
        if _RULE.match(line):
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(line)
    return [r for r in runs if r]


def _wrap_width(runs: list[list[str]]) -> int:
    """Typical full line width of hard-wrapped text (0 when the text is not wrapped)."""
    lengths = [len(line) for run in runs if len(run) > 2 for line in run[:-1]]
    if len(lengths) < 8:
        return 0
    width = int(quantiles(lengths, n=10)[8])
    return width if 40 <= width <= 130 else 0


def _starts_upper(line: str) -> bool:
    first = line.lstrip("“\"'(‘[")[:1]
    return first.isalpha() and first.isupper()


def _breaks_before(prev: str, line: str, nxt: str | None, width: int) -> bool:
    """Whether `line` starts a new paragraph after `prev` in a hard-wrapped run."""
    if MARKER.match(line) or BULLET.match(line) or HEADER_LINE.match(line) or _STANDALONE.match(prev):
        return True
    # A row of the letterhead holds the motto beside the issuer (a scan reads both columns as one line): a row,
    # never prose wrapped onto the next one ("UBND TỈNH LÀO CAI CỘNG HÒA …" / "SỞ … Độc lập - Tự do …").
    if letterhead.MOTTO.search(prev) or letterhead.MOTTO.search(line):
        return True
    # A line in capitals under one that is not (a decision's authority line under its title, "CHỦ TỊCH ỦY BAN
    # NHÂN DÂN TỈNH …"; a heading) starts its own paragraph, also behind a scan's speck (".CHỦ TỊCH …").
    caps = line.lstrip(" .,'`_-")
    if len(caps.split()) >= 3 and caps.isupper() and not prev.isupper():
        return True
    if _END.search(prev) and (_starts_upper(line) or line[:1].isdigit()):
        return True
    if not width or not _starts_upper(line):
        return False
    if len(line) < 0.5 * width and nxt is not None and nxt[:1].islower():
        return True
    # PDF table layouts leave a short first line before each paragraph ("Dịch COVID-19" / "đang đặt ra…"),
    # and headings end on a short line: a short unpunctuated line followed by a capital starts a paragraph.
    return len(prev) < 0.75 * width


def join_wrapped(run: list[str], width: int) -> list[str]:
    """Re-join a run of lines into paragraphs; a text that is not hard-wrapped keeps one paragraph per line."""
    if not width:
        return list(run)
    paragraphs: list[str] = []
    for i, line in enumerate(run):
        nxt = run[i + 1] if i + 1 < len(run) else None
        if paragraphs and not _breaks_before(run[i - 1], line, nxt, width):
            prev = paragraphs[-1]
            # A word broken with a hyphen at the line end is re-joined without a space.
            if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and line[:1].islower():
                paragraphs[-1] = prev[:-1] + line
            else:
                paragraphs[-1] = f"{prev} {line}"
        else:
            paragraphs.append(line)
    return paragraphs


def _across_blank_lines(lines: list[str]) -> list[str]:
    """A line opening in lower case after one blank line goes on with the line above it: a Vietnamese paragraph
    never opens in lower case, but a PDF copied out double-spaced ("Trường Đại" / "" / "học Việt Nhật sẽ …") or
    across a page break leaves a blank line inside the sentence. Items ("a) …", "đ. …") open in lower case and
    stand alone; a table's row is never continued."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if out and not lines[i].strip() and i + 1 < len(lines) and _goes_on(out[-1], lines[i + 1].strip()):
            out[-1] = f"{out[-1].rstrip()} {lines[i + 1].strip()}"
            i += 2
            continue
        out.append(lines[i])
        i += 1
    return out


def _goes_on(line: str, after: str) -> bool:
    """Whether `after`, below a blank line, continues `line`."""
    return (
        bool(line.strip())
        and not _RULE.match(line)
        and not TABLE_ROW.match(line)
        and after[:1].isalpha()
        and after[:1].islower()
        and not MARKER.match(after)
    )


def clean_text(text: str) -> Cleaned:
    """Chrome out, markup out, wrapped lines joined, body cut before the signature block."""
    all_lines = [clean_chars(raw) for raw in text.splitlines()]
    # Text copied out of a PDF with its page breaks: the notes at each page's foot, and the page numbers.
    page_ends = {i for i, raw in enumerate(text.splitlines(keepends=True)) if raw.endswith("\x0c")}
    all_lines, notes = pagenotes.split_page_notes(all_lines, page_ends)
    # Each page's running header, number and signature stamp, in text copied out of a PDF.
    # Not kept as header hints: a gazette's issue number ("CÔNG BÁO/Số 286") is no document's number.
    all_lines, _ = pagebreaks.strip_page_furniture(all_lines)
    # A legal-document site's metadata table is the site's record, not the document: kept as header hints.
    site, taken = read_site_table(all_lines)
    lead, raw_lines = furniture.split_lead([line for i, line in enumerate(all_lines) if i not in taken])
    chrome: list[str] = site + [strip_markup(line) for line in lead]
    lines: list[str] = []
    # Year-by-year tables flattened out of a PDF get each year beside its value again.
    for raw in letterhead.unflatten(pair_year_rows(markdown_tables(raw_lines, strip_markup))):
        line = strip_markup(raw)
        if line and (is_chrome(line) or furniture.is_furniture(line)):
            chrome.append(line)
            continue
        if line and _TAIL.match(line) and len(lines) > 5:
            chrome.append(line)
            break
        lines.append(line)
    runs = _runs(_across_blank_lines(lines))
    width = _wrap_width(runs)
    paragraphs: list[str] = []
    for run in runs:
        paragraphs.extend(join_wrapped(run, width) if len(run) > 1 else run)
    cut = _signature_start(paragraphs)
    return Cleaned(paragraphs=paragraphs[:cut], chrome=chrome, footnotes=notes)


def _signature_start(paragraphs: list[str]) -> int:
    """Index where the signature block starts; only searched in the last third, and after an attached
    document's title (the decision's own signature comes before it; ingest/legal.py drops that one)."""
    start = max(len(paragraphs) * 2 // 3, 1, attachment_start(paragraphs) or 0)
    for i in range(start, len(paragraphs)):
        if _SIGNATURE.match(paragraphs[i]):
            return i
    return len(paragraphs)
