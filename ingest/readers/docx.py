"""Word .docx: body paragraphs and tables in document order; hidden text never leaves the file.

Walks the XML directly (python-docx objects skip tracked insertions and text boxes) but
uses python-docx to open the package, resolve parts and parse XML safely.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

from ingest.models import IngestError, RawText
from ingest.readers.legacy import Legacy, convert_legacy, syllable_score
from ingest.tables import is_layout, table_lines
from ingest.textnorm import squash

MAX_ENTRIES = 2000
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200  # checked on entries over 1 MB; real documents stay far below
RATIO_MIN_SIZE = 1024 * 1024

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_M_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
_CONTAINERS = {W + t for t in ("hyperlink", "ins", "moveTo", "smartTag", "fldSimple", "customXml", "sdt",
                               "sdtContent", "bdo", "dir")}  # fmt: skip
_XmlEl = Any  # lxml elements (python-docx's oxml classes); lxml ships no type hints


def check_zip(path: Path) -> None:
    """Reject zip bombs before any part is inflated, and zips that are not Word documents."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise IngestError(f"Tệp {name}: tệp nén hỏng, không đọc được ({e}).") from e
    if len(infos) > MAX_ENTRIES:
        raise IngestError(
            f"Tệp {name}: chứa {len(infos)} mục nén (giới hạn {MAX_ENTRIES}) – nghi tệp độc hại, không đọc."
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise IngestError(
            f"Tệp {name}: dung lượng giải nén {total // 2**20} MB vượt giới hạn {MAX_UNCOMPRESSED // 2**20} MB"
            " – nghi “bom nén”, không đọc."
        )
    for i in infos:
        if i.file_size > RATIO_MIN_SIZE and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise IngestError(
                f"Tệp {name}: mục {i.filename} có tỉ lệ nén bất thường – nghi “bom nén”, không đọc."
            )
    if "word/document.xml" not in {i.filename for i in infos}:
        raise IngestError(
            f"Tệp {name}: là tệp nén nhưng không phải văn bản Word (.docx) – định dạng không hỗ trợ."
        )


def _val(el: _XmlEl | None) -> str | None:
    return None if el is None else el.get(W + "val")


def _int(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() and len(text) < 7 else default


def _format_number(n: int, fmt: str) -> str:
    if not 0 < n < 4000:
        return str(n)  # letters and Roman numerals of a hostile "start" value would be huge
    if fmt in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = ""
        for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                              (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):  # fmt: skip
            roman += digits * (n // value)
            n %= value
        return roman.upper() if fmt == "upperRoman" else roman
    return "" if fmt == "none" else f"{n:02d}" if fmt == "decimalZero" else str(n)


class _Numbering:
    """Word's automatic numbering ("I.", "1.", "a)" typed by Word, not in the text): rendered as text."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → level → (format, text, start)
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str | None, dict[int, tuple[str, str, int]]] = {}
        for a in root.findall(W + "abstractNum"):
            abstract[a.get(W + "abstractNumId")] = {
                _int(lvl.get(W + "ilvl"), 0): (
                    _val(lvl.find(W + "numFmt")) or "decimal",
                    _val(lvl.find(W + "lvlText")) or "",
                    _int(_val(lvl.find(W + "start")), 1),
                )
                for lvl in a.findall(W + "lvl")
            }
        for num in root.findall(W + "num"):
            levels = dict(abstract.get(_val(num.find(W + "abstractNumId")), {}))
            for o in num.findall(W + "lvlOverride"):
                ilvl, start = _int(o.get(W + "ilvl"), 0), _val(o.find(W + "startOverride"))
                if start and ilvl in levels:
                    levels[ilvl] = (levels[ilvl][0], levels[ilvl][1], _int(start, 1))
            self.levels[num.get(W + "numId") or ""] = levels

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id, {})
        if ilvl not in levels or not 0 <= ilvl < 9:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        fmt, text, start = levels[ilvl]
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else start
        counts[ilvl + 1 :] = [0] * (8 - ilvl)
        if fmt == "bullet":
            return text if text in ("-", "+", "•", "–") else "-"  # Symbol-font bullets are private-use glyphs

        def level(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            f, _, s = levels.get(k, ("decimal", "", 1))
            return _format_number(counts[k] or s, f)

        return re.sub(r"%([1-9])", level, text)


def _on(el: _XmlEl | None) -> bool | None:
    """Value of an on/off property (<w:vanish/>, <w:vanish w:val="0"/>); None when absent."""
    if el is None:
        return None
    return el.get(W + "val") not in ("0", "false", "off")


def _legacy_of(font: str | None) -> tuple[Legacy, bool] | None:
    """Legacy encoding implied by a font name, and whether it is an all-capitals font (.VnTimeH)."""
    f = (font or "").strip().lower()
    if f.startswith(".vn"):
        return "tcvn3", f.endswith("h")
    if f.startswith("vni"):
        return "vni", False
    return None


class _Walker:
    def __init__(self, document: Any) -> None:
        self.styles: dict[str, _XmlEl] = {}
        self.default_pstyle: str | None = None
        self.default_font: str | None = None
        self.props_cache: dict[str, tuple[bool | None, bool | None, str | None]] = {}
        self.note_order: list[str] = []  # footnote ids in order of reference
        self.legacy: set[str] = set()
        self.numbering = _Numbering(document)
        styles = document.styles.element
        for s in styles.findall(W + "style"):
            sid = s.get(W + "styleId")
            if sid:
                self.styles[sid] = s
                if s.get(W + "type") == "paragraph" and s.get(W + "default") in ("1", "true"):
                    self.default_pstyle = sid
        fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
        if fonts is not None:
            self.default_font = fonts.get(W + "ascii") or fonts.get(W + "hAnsi")

    @staticmethod
    def _own_props(rpr: _XmlEl | None) -> tuple[bool | None, bool | None, str | None]:
        if rpr is None:
            return None, None, None
        hidden = _on(rpr.find(W + "vanish"))
        sz = rpr.find(W + "sz")
        if sz is not None and (sz.get(W + "val") or "").isdigit() and int(sz.get(W + "val")) <= 2:
            hidden = True  # 1 pt text is hidden text too
        white = None
        color = rpr.find(W + "color")
        if color is not None and re.fullmatch(r"[0-9A-Fa-f]{6}", color.get(W + "val") or ""):
            rgb = bytes.fromhex(color.get(W + "val"))
            white = min(rgb) >= 0xF8
        fonts = rpr.find(W + "rFonts")
        font = None if fonts is None else fonts.get(W + "ascii") or fonts.get(W + "hAnsi")
        return hidden, white, font

    def _style_props(self, sid: str) -> tuple[bool | None, bool | None, str | None]:
        if sid not in self.props_cache:
            self.props_cache[sid] = (None, None, None)  # breaks basedOn cycles
            style = self.styles.get(sid)
            props = self._own_props(None if style is None else style.find(W + "rPr"))
            based = None if style is None else style.find(W + "basedOn")
            if based is not None and based.get(W + "val"):
                parent = self._style_props(based.get(W + "val"))
                props = (
                    props[0] if props[0] is not None else parent[0],
                    props[1] if props[1] is not None else parent[1],
                    props[2] or parent[2],
                )
            self.props_cache[sid] = props
        return self.props_cache[sid]

    def run_props(self, rpr: _XmlEl | None, pstyle: str | None) -> tuple[bool, bool, str | None]:
        hidden, white, font = self._own_props(rpr)
        rstyle = None if rpr is None else rpr.find(W + "rStyle")
        for sid in (None if rstyle is None else rstyle.get(W + "val"), pstyle or self.default_pstyle):
            if sid:
                h, w, f = self._style_props(sid)
                hidden = hidden if hidden is not None else h
                white = white if white is not None else w
                font = font or f
        return bool(hidden), bool(white), font or self.default_font

    def blocks(self, parent: _XmlEl, depth: int = 0) -> list[str]:
        """Paragraph texts of a body, table cell, text box or note, in order."""
        out: list[str] = []
        for child in parent:
            if child.tag == W + "p":
                out.extend(self.paragraph(child, depth))
            elif child.tag == W + "tbl":
                out.extend(self.table(child, depth + 1))
            elif child.tag in (W + "sdt", W + "customXml", W + "sdtContent"):
                out.extend(self.blocks(child, depth))
        return out

    def paragraph(self, p: _XmlEl, depth: int) -> list[str]:
        pstyle = _val(p.find(f"{W}pPr/{W}pStyle"))
        segments: list[tuple[str, tuple[Legacy, bool] | None]] = []
        extra: list[str] = []
        self._inline(p, pstyle, segments, extra, depth)
        lines = [line for line in (squash(x) for x in "".join(self._convert(segments)).split("\n")) if line]
        label = self._label(p, pstyle)
        if label and lines:
            lines[0] = f"{label} {lines[0]}"
        return lines + extra

    def _label(self, p: _XmlEl, pstyle: str | None) -> str:
        numpr = p.find(f"{W}pPr/{W}numPr")
        sid, hops = pstyle, 0
        while numpr is None and sid and sid in self.styles and hops < 10:  # numbering set by the style
            numpr = self.styles[sid].find(f"{W}pPr/{W}numPr")
            sid, hops = _val(self.styles[sid].find(W + "basedOn")), hops + 1
        if numpr is None:
            return ""
        num_id = _val(numpr.find(W + "numId"))
        return self.numbering.label(num_id, _int(_val(numpr.find(W + "ilvl")), 0)) if num_id else ""

    def _convert(self, segments: list[tuple[str, tuple[Legacy, bool] | None]]) -> list[str]:
        """Join runs of one legacy font and convert them, unless the text already reads as Unicode."""
        out: list[str] = []
        i = 0
        while i < len(segments):
            key = segments[i][1]
            j = i
            while j < len(segments) and segments[j][1] == key:
                j += 1
            text = "".join(s for s, _ in segments[i:j])
            if key is not None:
                converted = convert_legacy(text, key[0])
                if key[1]:
                    converted = converted.upper()
                before, after = syllable_score(text), syllable_score(converted)
                if after[0] - after[1] >= before[0] - before[1] and converted != text:
                    text = converted
                    self.legacy.add(key[0])
            out.append(text)
            i = j
        return out

    def _inline(self, el: _XmlEl, pstyle: str | None, segs: list[Any], extra: list[str], depth: int) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "r":
                self._run(child, pstyle, segs, extra, depth)
            elif tag in _CONTAINERS:
                self._inline(child, pstyle, segs, extra, depth)
            elif isinstance(tag, str) and tag.endswith(("}oMath", "}oMathPara")):
                segs.append(("".join(t.text or "" for t in child.iter(_M_T)), None))

    def _run(self, r: _XmlEl, pstyle: str | None, segs: list[Any], extra: list[str], depth: int) -> None:
        hidden, white, font = self.run_props(r.find(W + "rPr"), pstyle)
        if hidden or white:
            return  # hidden or white-on-white text must never reach the index
        key = _legacy_of(font)
        for c in r:
            tag = c.tag
            if tag == W + "t":
                segs.append((c.text or "", key))
            elif tag in (W + "tab", W + "ptab"):
                segs.append((" ", None))
            elif tag in (W + "br", W + "cr"):
                segs.append(("\n", None))
            elif tag == W + "noBreakHyphen":
                segs.append(("-", None))
            elif tag == W + "footnoteReference" and c.get(W + "id"):
                self.note_order.append(c.get(W + "id"))
            elif depth < 5:  # drawings, VML, AlternateContent: text boxes, minus the duplicate fallback
                for box in c.iter(W + "txbxContent"):
                    if not any(a.tag == _FALLBACK for a in box.iterancestors()):
                        extra.extend(self.blocks(box, depth + 1))

    def table(self, tbl: _XmlEl, depth: int) -> list[str]:
        if depth > 8:  # absurd nesting: flatten instead of recursing further
            return [squash(" ".join(t.text or "" for t in tbl.iter(W + "t")))]
        grid: list[list[tuple[int, list[str]]]] = []
        for tr in tbl.findall(W + "tr"):
            col, cells = 0, []
            for tc in tr.findall(W + "tc"):
                span_el = tc.find(f"{W}tcPr/{W}gridSpan")
                span = span_el.get(W + "val") if span_el is not None else "1"
                cells.append((col, self.blocks(tc, depth)))
                col += int(span) if (span or "").isdigit() else 1
            grid.append(cells)
        ncols = max((c for row in grid for c, _ in row), default=0) + 1
        rows = []  # cell texts by column position
        for row in grid:
            texts = [""] * ncols
            for col, lines in row:
                texts[col] = " ".join(lines)
            rows.append(texts)
        # A small table of paragraphs is laid out like a letterhead even without its words.
        paragraphs = (
            ncols <= 3 and len(grid) <= 8 and any(len(lines) >= 2 for row in grid for _, lines in row)
        )
        layout = paragraphs or is_layout(rows)
        out: list[str] = []
        if layout:  # letterhead / signature block: left column first, then the right one
            for c in sorted({c for row in grid for c, _ in row}):
                for row in grid:
                    out.extend(line for col, lines in row if col == c for line in lines)
            return out
        if not all(len(lines) <= 1 for row in grid[:1] for _, lines in row):
            for row in grid:  # no header row of one-line cells: a layout of paragraphs, kept line by line
                out.extend(line for _, lines in row for line in lines)
            return out
        return table_lines(rows)  # a data table: each row keeps its columns' headers

    def notes(self, document: Any) -> list[str]:
        found: dict[str, str] = {}
        for rel in document.part.rels.values():
            if rel.is_external or rel.reltype not in (RT.FOOTNOTES, RT.ENDNOTES):
                continue
            root = parse_xml(rel.target_part.blob)
            for note in root:
                if note.get(W + "type") not in (None, "normal"):
                    continue  # separators
                text = " ".join(self.blocks(note))
                if text:
                    found.setdefault(note.get(W + "id") or "", text)
        order = [i for i in dict.fromkeys(self.note_order) if i in found]
        order += [i for i in found if i not in order]
        return [f"{n} {found[i]}" for n, i in enumerate(order, 1)]


def read_docx(path: Path) -> RawText:
    check_zip(path)
    try:
        document = docx.Document(str(path))
        walker = _Walker(document)
        paragraphs = walker.blocks(document.element.body)
        footnotes = walker.notes(document)
    except IngestError:
        raise
    except Exception as e:  # python-docx/lxml raise many types on damaged packages
        raise IngestError(f"Tệp {path.name}: tệp DOCX hỏng, không đọc được ({type(e).__name__}).") from e
    warnings = [
        f"phát hiện mã {'TCVN3' if enc == 'tcvn3' else 'VNI'}, đã chuyển sang Unicode"
        for enc in sorted(walker.legacy)
    ]
    return RawText(
        text="\n\n".join(paragraphs), source=str(path), format="docx", footnotes=footnotes, warnings=warnings
    )
