"""Pages saved from province/Sở portals: keep the article, drop the portal around it."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ingest.models import RawText
from ingest.readers.text import decode_bytes
from ingest.tables import is_layout, table_lines
from ingest.textnorm import fold, squash

_NEVER_TEXT = (
    "script, style, noscript, template, svg, iframe, object, embed, canvas, input, select, "
    "button, textarea, link, meta, map, audio, video, head"
)
_CHROME_TAGS = {"nav", "header", "footer", "aside", "form"}
# id/class words of portal furniture; "header" alone is weak ("news-detail-header" holds the title).
_STRONG = {
    "menu", "nav", "navbar", "navigation", "sidebar", "breadcrumb", "breadcrumbs", "footer", "banner",
    "search", "share", "sharing", "social", "comment", "comments", "rating", "related", "widget",
    "advert", "advertisement", "ads", "quangcao", "counter", "print", "toolbar", "topbar", "popup",
    "modal", "cookie", "weblink", "lienket", "thongke", "tags",
    # legal-document sites and newspapers: paywall boxes, sign-in prompts, bylines, download buttons
    "paywall", "subscribe", "subscription", "login", "signin", "byline", "download", "vanbanlienquan",
}  # fmt: skip
_COMPOUND = ("tinlienquan", "tinkhac", "othernews", "vanbanmoi", "luotxem", "tinmoi", "relatednews",
             "cactindadang", "tincungchuyenmuc", "fontsize", "tinbailienquan")  # fmt: skip
_CONTENTISH = re.compile(
    r"content|detail|noidung|noi-dung|entry|post-?body|article|chitiet|chi-tiet|baiviet|bai-viet|fulltext|body-?text"
)
# Headings of lists that belong to the portal, not to the document (compared folded).
_LIST_TITLES = {
    "van ban moi", "tin lien quan", "cac tin da dang", "tin cung chuyen muc", "cac tin khac", "tin khac",
    "bai tin lien quan", "bai viet lien quan", "tin bai lien quan", "tin moi", "tin moi nhat", "tin doc nhieu",
    "lien ket website", "thong ke truy cap", "luot xem", "luot truy cap", "cac tin moi", "tin xem nhieu",
}  # fmt: skip
_BLOCK = {
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead",
    "tbody", "tfoot", "tr", "td", "th", "caption", "blockquote", "section", "article", "main", "header",
    "footer", "aside", "nav", "pre", "address", "figure", "figcaption", "center", "form", "fieldset",
    "details", "summary", "body", "html",
}  # fmt: skip
_WHITE = re.compile(r"(?<![-a-z])color:(?:#fff\b|#ffffff\b|white\b|rgb\(255,255,255\))")

# One segment of a portal meta line: clock, counters, font-size links, print/share/rating links.
_WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*nhật|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
_TIME = r"\d{1,2}(?::|h)\d{2}(?::\d{2})?(?:\s*[ap]m)?"
_META_ATOM = (
    rf"{_WEEKDAY},?\s*(?:ngày\s*)?{_DATE}(?:\s*[-,]?\s*{_TIME})?|{_DATE}(?:\s*[-,]?\s*{_TIME})?|{_TIME}"
    r"|(?:ngày đăng|ngày cập nhật|cập nhật|đăng ngày|ngày xuất bản|thời gian đăng|posted on)\s*:?\s*[\d/.:\s,-]*"
    r"|(?:số\s*)?(?:lượt xem|lượt truy cập|lượt đọc|số lần xem|đã xem|đang truy cập|hôm nay|views?)\s*:?\s*[\d.,]*"
    r"|a\s*-?\s*a\s*a\s*\+?|a-|a\+|cỡ chữ|kích thước chữ|font size|tăng tương phản|giảm tương phản"
    r"|print|in|in bài(?: viết)?|in trang|bản in|send mail|gửi email|gửi bài(?: viết)?|gửi cho bạn bè|email"
    r"|chia sẻ|share|tweet|like|facebook|zalo|lưu bài(?: viết)?|quay lại|trở về|trở lại|về đầu trang|lên đầu trang"
    r"|đầu trang|bình luận|phản hồi|đánh giá|click để đánh giá bài viết|xem thêm|bookmark"
    r"|tổng số điểm của bài viết là:?\s*[\d.,]+\s*trong\s*[\d.,]+\s*đánh giá"
)
_META_SEGMENT = re.compile(rf"(?:{_META_ATOM})(?:\s+(?:{_META_ATOM}))*", re.I)
_SEPARATORS = re.compile(r"\s*(?:\||•|·|»|›|\s-\s|\s{2,})\s*")
_ISSUERISH = re.compile(
    r"\b(?:so|uy ban|ubnd|cong thong tin|phong giao duc|bo giao duc|tinh|thanh pho|truong)\b"
)


def _attr_words(node: LexborNode) -> tuple[set[str], str]:
    raw = " ".join(v or "" for k, v in node.attributes.items() if k in ("id", "class"))
    tokens = {t.lower() for t in re.split(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])", raw) if t}
    return tokens, re.sub(r"[\s_\-]+", "", raw.lower())


def _is_chrome_named(node: LexborNode) -> bool:
    tokens, joined = _attr_words(node)
    if tokens & _STRONG or any(c in joined for c in _COMPOUND):
        return True
    return "header" in tokens and not _CONTENTISH.search(joined)


def _in_article(node: LexborNode) -> bool:
    """<header>/<footer> of an <article> hold its title and date, not the portal's."""
    if node.tag not in ("header", "footer"):
        return False
    p = node.parent
    while p is not None and p.tag not in ("article", "main"):
        p = p.parent
    return p is not None


def _is_hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    if "hidden" in attrs:
        return True
    style = (attrs.get("style") or "").lower().replace(" ", "")
    return (
        "display:none" in style
        or "visibility:hidden" in style
        or bool(re.search(r"font-size:0(?![.\d])", style))
        or bool(_WHITE.search(style))
    )


def _text(node: LexborNode) -> str:
    return squash(node.text(deep=True, separator=" "))


Stats = dict[int, list[int]]  # mem_id → [text length, link text length, links]


def _measure(root: LexborNode) -> Stats:
    """Text and link lengths of every element in one pass (per-node queries are quadratic when nested)."""
    stats: Stats = {}
    order: list[tuple[int, int | None]] = []
    stack: list[tuple[LexborNode, int | None, bool]] = [(root, None, False)]
    while stack:
        node, parent, in_link = stack.pop()
        if node.tag == "-text":
            if parent is not None:
                n = len((node.text(deep=False) or "").strip())
                stats[parent][0] += n
                stats[parent][1] += n if in_link else 0
        elif node.is_element_node:
            mid, is_link = node.mem_id, node.tag == "a"
            stats[mid] = [0, 0, int(is_link)]
            order.append((mid, parent))
            stack.extend((c, mid, in_link or is_link) for c in node.iter(include_text=True))
    for mid, parent in reversed(order):  # children before parents
        if parent is not None:
            for i in range(3):
                stats[parent][i] += stats[mid][i]
    return stats


def _remove(nodes: list[LexborNode]) -> None:
    """Decompose the outermost of `nodes` (touching a node inside a freed subtree would crash)."""
    ids = {n.mem_id for n in nodes}
    covered: dict[int, bool] = {}  # node → it or an ancestor is being removed (memo keeps this linear)
    for n in nodes:
        path, p, hit = [], n.parent, False
        while p is not None:
            if p.mem_id in covered or p.mem_id in ids:
                hit = covered.get(p.mem_id, True)
                break
            path.append(p.mem_id)
            p = p.parent
        covered.update(dict.fromkeys(path, hit))
        if not hit:
            n.decompose()


_COUNTER_TITLES = {"thong ke truy cap", "luot xem", "luot truy cap"}


def _is_listish(node: LexborNode, stats: Stats, counters: bool) -> bool:
    """A link list; after a visitor-counter title, also short lines ("Hôm nay: 345")."""
    text, links, _ = stats.get(node.mem_id, [0, 0, 0])
    if not text or links >= 0.5 * text:
        return True
    return counters and text < 80 and any(c.isdigit() for c in _text(node))


def _titled_lists(root: LexborNode, stats: Stats) -> list[LexborNode]:
    """ "Văn bản mới", "Các tin đã đăng"…: the heading and the link lists after it."""
    out: list[LexborNode] = []
    for t in root.css("h1, h2, h3, h4, h5, h6, p, div, span, strong, b, a, li, td, th, legend, caption"):
        size = stats.get(t.mem_id, [0])[0]
        if not size or size > 60 or any(stats.get(c.mem_id, [0])[0] == size for c in t.iter()):
            continue  # long, or a wrapper: its innermost element with the same text is checked instead
        title = fold(_text(t)).rstrip(": ")
        if title not in _LIST_TITLES:
            continue
        head = t
        while head.parent is not None and head.parent.tag != "body" and stats[head.parent.mem_id][0] == size:
            head = head.parent
        out.append(head)
        sib = head.next
        while sib is not None:
            if sib.is_element_node:
                if not _is_listish(sib, stats, title in _COUNTER_TITLES):
                    break
                out.append(sib)
            sib = sib.next
    return out


def _paragraphs(root: LexborNode) -> list[str]:
    """Each block element its own paragraph; a table row of one-line cells is one line."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = squash("".join(buf))
        buf.clear()
        if text:
            out.append(text)

    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:  # iterative: deeply nested pages must not hit the recursion limit
        node, leaving = stack.pop()
        tag = node.tag or ""
        if leaving or tag in ("br", "hr"):
            flush()
        elif tag == "-text":
            buf.append(node.text(deep=False) or "")
        elif not node.is_element_node:
            continue  # comments
        elif tag == "table" and (rows := _data_rows(node)) is not None:
            flush()
            out.extend(table_lines(rows))
        elif tag == "tr" and _simple_row(node):
            flush()
            cells = [_text(c) for c in node.iter() if c.tag in ("td", "th")]
            out.append(" ".join(c for c in cells if c))
        else:
            if tag in _BLOCK:
                flush()
                stack.append((node, True))
            stack.extend((c, False) for c in reversed(list(node.iter(include_text=True))))
    flush()
    return [p for p in out if p]


def _data_rows(table: LexborNode) -> list[list[str]] | None:
    """A data table's cell texts, row by row; None for a layout table (a letterhead, a signature block, rows
    of several paragraphs, a table inside it), which is read element by element."""
    trs = table.css("tr")
    if not trs or table.css("table table") or not all(_simple_row(tr) for tr in trs):
        return None
    rows = [[_text(c) for c in tr.iter() if c.tag in ("td", "th")] for tr in trs]
    return None if is_layout(rows) else rows


def _simple_row(tr: LexborNode) -> bool:
    cells = [c for c in tr.iter() if c.tag in ("td", "th")]
    for c in cells:
        blocks = len(c.css("p, div, li, h1, h2, h3, h4, h5, h6")) + 2 * len(c.css("br, table, ul, ol"))
        if blocks > 1:
            return False  # a letterhead cell: its lines stay separate
    return bool(cells)


def _is_meta_line(line: str) -> bool:
    parts = [p for p in _SEPARATORS.split(line.strip(" |")) if p.strip()]
    return bool(parts) and all(_META_SEGMENT.fullmatch(p.strip(" |:")) for p in parts)


def _candidates(root: LexborNode, stats: Stats) -> list[tuple[int, LexborNode]]:
    """Likely article boxes under root, with their amount of non-link text."""
    found = root.css("article, main, [itemprop=articleBody], [id], [class]")
    return [
        (stats[n.mem_id][0] - stats[n.mem_id][1], n)
        for n in found
        if n.tag in ("article", "main") or "itemprop" in n.attributes or _CONTENTISH.search(_attr_words(n)[1])
    ]


def _main_container(body: LexborNode, stats: Stats) -> LexborNode:
    scored = _candidates(body, stats)
    if not scored:
        return body
    best_score, best = max(scored, key=lambda s: s[0])
    if best_score < 200 or best_score < 0.3 * (stats[body.mem_id][0] - stats[body.mem_id][1]):
        return body
    # Prefer a more specific container inside the best one when it holds most of its text.
    inner = [(score, n) for score, n in _candidates(best, stats) if score >= 0.8 * best_score]
    return min(inner, key=lambda s: s[0])[1] if inner else best


def _title_before(node: LexborNode) -> str | None:
    """The article title often sits just above the content box (<h1 class="title">)."""
    for _ in range(3):
        sib = node.prev
        for _ in range(6):
            if sib is None:
                break
            if sib.is_element_node and (sib.tag in ("h1", "h2", "h3") or "title" in _attr_words(sib)[1]):
                text = _text(sib)
                if 0 < len(text) <= 300 and not _is_meta_line(text):
                    return text
            sib = sib.prev
        if node.parent is None or node.parent.tag == "body":
            break
        node = node.parent
    return None


def _banner_lines(body: LexborNode, stats: Stats) -> list[str]:
    lines: list[str] = []
    for n in body.css("header, [id], [class]"):
        tokens, _ = _attr_words(n)
        if (
            n.tag != "header" and not tokens & {"header", "banner", "logo", "sitename", "brand"}
        ) or _in_article(n):
            continue
        if stats[n.mem_id][0] >= 0.5 * stats[body.mem_id][0] or len(lines) > 20:
            continue
        links = {_text(a) for a in n.css("a")}
        for line in _paragraphs(n):
            if len(line) <= 150 and (line not in links or _ISSUERISH.search(fold(line))):
                lines.append(line)
    return lines


def decode_html(data: bytes) -> tuple[str, list[str]]:
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", data[:4096], re.I)
        if m:
            try:
                return data.decode(m.group(1).decode("ascii")), []
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_bytes(data)


def read_html(path: Path, data: bytes | None = None) -> RawText:
    if data is None:
        data = path.read_bytes()
    html, warnings = decode_html(data)
    tree = LexborHTMLParser(html)
    chrome: list[str] = []
    if tree.head is not None:
        title = tree.head.css_first("title")
        if title is not None and _text(title):
            chrome.append(_text(title))
        site = tree.head.css_first("meta[property='og:site_name']")
        if site is not None and site.attributes.get("content"):
            chrome.append(squash(site.attributes.get("content") or ""))
    body = tree.body
    if body is None:
        return RawText(text="", source=str(path), format="html", chrome=chrome, warnings=warnings)
    _remove(list(body.css(_NEVER_TEXT)))
    _remove([n for n in body.css("*") if _is_hidden(n)])
    stats = _measure(body)
    chrome += _banner_lines(body, stats)
    # A wrapper holding much of the prose (ASP.NET <form>, "print-area" around the article) is kept;
    # menus and link lists hold little prose, so they go whatever their size.
    prose = stats[body.mem_id][0] - stats[body.mem_id][1]
    chromish = [n for n in body.css("*") if n.tag in _CHROME_TAGS or _is_chrome_named(n)]
    _remove(
        [n for n in chromish if stats[n.mem_id][0] - stats[n.mem_id][1] < 0.4 * prose and not _in_article(n)]
    )
    stats = _measure(body)
    _remove(_titled_lists(body, stats))
    stats = _measure(body)
    main = _main_container(body, stats)
    main_len = stats[main.mem_id][0]
    dense = []  # link lists left inside the article box ("Các tin khác" without a heading)
    for n in main.css("ul, ol, table, div, section"):
        text_len, link_len, links = stats[n.mem_id]
        if links >= 3 and link_len >= 0.7 * text_len and text_len < 0.5 * main_len:
            dense.append(n)
    _remove(dense)
    paragraphs = _paragraphs(main)
    heading = _title_before(main) if main.mem_id != body.mem_id else None
    if heading and (not paragraphs or paragraphs[0] != heading):
        paragraphs.insert(0, heading)
    kept: list[str] = []
    for p in paragraphs:
        if not _is_meta_line(p) and (not kept or kept[-1] != p):
            kept.append(p)
    chrome = list(dict.fromkeys(chrome))[:12]
    return RawText(text="\n\n".join(kept), source=str(path), format="html", chrome=chrome, warnings=warnings)
