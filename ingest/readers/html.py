"""Pages saved from province/Sở portals: keep the article, drop the portal around it."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ingest.models import RawText
from ingest.readers.text import decode_bytes
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
_META_WORDS = (
    r"print|in|in bài(?: viết)?|in trang|bản in|send mail|gửi email|gửi bài(?: viết)?|gửi cho bạn bè|email"
    r"|chia sẻ|share|tweet|like|facebook|zalo|lưu bài(?: viết)?|quay lại|trở về|trở lại|về đầu trang|lên đầu trang"
    r"|đầu trang|bình luận|phản hồi|đánh giá|click để đánh giá bài viết|xem thêm|bookmark"
)
_META_SEGMENT = re.compile(
    rf"(?:{_WEEKDAY},?\s*(?:ngày\s*)?{_DATE}(?:\s*[-,]?\s*{_TIME})?|{_DATE}(?:\s*[-,]?\s*{_TIME})?|{_TIME}"
    r"|(?:ngày đăng|ngày cập nhật|cập nhật|đăng ngày|ngày xuất bản|thời gian đăng|posted on)\s*:?\s*[\d/.:\s,-]*"
    r"|(?:số\s*)?(?:lượt xem|lượt truy cập|lượt đọc|số lần xem|đã xem|đang truy cập|hôm nay|views?)\s*:?\s*[\d.,]*"
    r"|a\s*-?\s*a\s*a\s*\+?|a-|a\+|cỡ chữ|kích thước chữ|font size|(?:tăng|giảm) tương phản"
    rf"|(?:{_META_WORDS})(?:\s+(?:{_META_WORDS}))*"
    r"|tổng số điểm của bài viết là:?\s*[\d.,]+\s*trong\s*[\d.,]+\s*đánh giá)",
    re.I,
)
_SEPARATORS = re.compile(r"\s*(?:\||•|·|»|›|\s-\s|\s{2,})\s*")
_ISSUERISH = re.compile(r"\b(?:so|uy ban|ubnd|cong thong tin|phong giao duc|bo giao duc|tinh|thanh pho|truong)\b")


def _attr_words(node: LexborNode) -> tuple[set[str], str]:
    raw = " ".join(v or "" for k, v in node.attributes.items() if k in ("id", "class"))
    tokens = {t.lower() for t in re.split(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])", raw) if t}
    return tokens, re.sub(r"[\s_\-]+", "", raw.lower())


def _is_chrome_named(node: LexborNode) -> bool:
    tokens, joined = _attr_words(node)
    if tokens & _STRONG or any(c in joined for c in _COMPOUND):
        return True
    return "header" in tokens and not _CONTENTISH.search(joined)


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


def _link_len(node: LexborNode) -> int:
    return sum(len(_text(a)) for a in node.css("a"))


def _remove(nodes: list[LexborNode]) -> None:
    """Decompose the outermost of `nodes` (touching a node inside a freed subtree would crash)."""
    ids = {n.mem_id for n in nodes}
    for n in nodes:
        p = n.parent
        while p is not None and p.mem_id not in ids:
            p = p.parent
        if p is None:
            n.decompose()


def _is_listish(node: LexborNode) -> bool:
    text = _text(node)
    return not text or _link_len(node) >= 0.5 * len(text) or len(text) - _link_len(node) < 100


def _titled_lists(root: LexborNode) -> list[LexborNode]:
    """"Văn bản mới", "Các tin đã đăng"…: the heading and the link lists after it."""
    out: list[LexborNode] = []
    for t in root.css("h1, h2, h3, h4, h5, h6, p, div, span, strong, b, a, li, td, th, legend, caption"):
        if len(t.text(deep=True)) > 200:
            continue  # cheap test first: most blocks are long
        title = fold(_text(t)).rstrip(": ")
        if title not in _LIST_TITLES:
            continue
        head = t
        while head.parent is not None and head.parent.tag != "body" and _text(head.parent) == _text(t):
            head = head.parent
        out.append(head)
        sib = head.next
        while sib is not None:
            if sib.tag != "-text" and sib.is_element_node:
                if not _is_listish(sib):
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


def _main_container(body: LexborNode) -> LexborNode:
    cands = list(body.css("article, main, [itemprop=articleBody]"))
    cands += [n for n in body.css("[id], [class]") if _CONTENTISH.search(_attr_words(n)[1])]
    scored = [(len(_text(n)) - _link_len(n), n) for n in cands]
    if not scored:
        return body
    best_score, best = max(scored, key=lambda s: s[0])
    if best_score < 200 or best_score < 0.3 * (len(_text(body)) - _link_len(body)):
        return body
    # Prefer a more specific container inside the best one when it holds most of its text.
    for score, n in sorted(scored, key=lambda s: s[0]):
        if score >= 0.8 * best_score and _inside(n, best):
            return n
    return best


def _inside(node: LexborNode, outer: LexborNode) -> bool:
    p: LexborNode | None = node
    while p is not None:
        if p.mem_id == outer.mem_id:
            return True
        p = p.parent
    return False


def _title_before(node: LexborNode) -> str | None:
    """The article title often sits just above the content box (<h1 class="title">)."""
    for _ in range(3):
        sib = node.prev
        for _ in range(6):
            if sib is None:
                break
            if sib.is_element_node and (
                sib.tag in ("h1", "h2", "h3") or "title" in _attr_words(sib)[1]
            ):
                text = _text(sib)
                if 0 < len(text) <= 300 and not _is_meta_line(text):
                    return text
            sib = sib.prev
        if node.parent is None or node.parent.tag == "body":
            break
        node = node.parent
    return None


def _banner_lines(body: LexborNode, total: int) -> list[str]:
    lines: list[str] = []
    for n in body.css("header, [id], [class]"):
        tokens, _ = _attr_words(n)
        if n.tag != "header" and not tokens & {"header", "banner", "logo", "sitename", "brand"}:
            continue
        if len(_text(n)) >= 0.5 * total:
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
    total = len(_text(body)) or 1
    chrome += _banner_lines(body, total)
    # A wrapper holding most of the page (ASP.NET <form>, "has-sidebar" layouts) is never chrome.
    _remove([n for n in body.css("*") if (n.tag in _CHROME_TAGS or _is_chrome_named(n)) and len(_text(n)) < 0.5 * total])
    _remove(_titled_lists(body))
    main = _main_container(body)
    dense = []
    main_len = len(_text(main)) or 1
    for n in main.css("ul, ol, table, div, section"):
        text_len = len(_text(n))
        if len(n.css("a")) >= 3 and _link_len(n) >= 0.7 * text_len and text_len < 0.5 * main_len:
            dense.append(n)
    _remove(dense)
    paragraphs = _paragraphs(main)
    title = _title_before(main) if main.mem_id != body.mem_id else None
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    kept: list[str] = []
    for p in paragraphs:
        if not _is_meta_line(p) and (not kept or kept[-1] != p):
            kept.append(p)
    chrome = list(dict.fromkeys(chrome))[:12]
    return RawText(text="\n\n".join(kept), source=str(path), format="html", chrome=chrome, warnings=warnings)
