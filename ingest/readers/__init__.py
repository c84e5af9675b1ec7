"""File readers: any supported file → RawText (plain NFC text, one paragraph per line).

    from ingest.readers import read_file, SUPPORTED_SUFFIXES
    raw = read_file(path)  # IngestError with a Vietnamese message naming the file

Scanned PDF pages and images are read by OCR (ingest/readers/ocr.py) under the limits in OcrOptions.

The type is decided by content first (a DOCX named .pdf is read as DOCX), then by suffix.
Readers are imported lazily: the PDF child process should not load selectolax or lxml.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ingest.letterhead import mark_columns
from ingest.models import IngestError, RawText
from ingest.readers.decode import IMAGE_SUFFIXES, is_image
from ingest.readers.legacy import convert_legacy, detect_legacy
from ingest.readers.ocr import OcrOptions
from ingest.textnorm import clean_chars

__all__ = ["MAX_FILE_BYTES", "SUPPORTED_SUFFIXES", "read_file"]

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".docx", ".pdf"}) | IMAGE_SUFFIXES
MAX_FILE_BYTES = 20 * 1024 * 1024

# Formats we recognise only to refuse them with a useful message.
_MAGIC = [
    (b"GIF8", "ảnh GIF – hãy lưu lại thành PNG hoặc JPEG"),
    (b"\xd0\xcf\x11\xe0", "tệp Office cũ (.doc/.xls) hoặc tệp Word có mật khẩu – hãy lưu lại thành .docx"),
    (b"{\\rtf", "tệp RTF – hãy lưu lại thành .docx"),
    (b"Rar!", "tệp nén RAR"),
    (b"7z\xbc\xaf", "tệp nén 7z"),
    (b"\x1f\x8b", "tệp nén gzip"),
]
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)[\s>]", re.I | re.S
)


def _looks_binary(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 0x20 and b not in b"\t\n\r\f\x1a")
    return controls > 0.01 * len(head)


def _looks_html(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    head = head.removeprefix(codecs.BOM_UTF8)
    return bool(_HTML_START.match(head)) or b"<html" in head[:2048].lower()


def _sniff(path: Path, head: bytes) -> str:
    name, suffix = path.name, path.suffix.lower()
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        from ingest.readers.docx import check_zip

        check_zip(path)  # raises for zip bombs and zips that are not .docx
        return "docx"
    if is_image(head):
        return "image"
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise IngestError(f"Tệp {name}: là {what}, định dạng không hỗ trợ.")
    if _looks_binary(head):
        raise IngestError(f"Tệp {name}: dữ liệu nhị phân không đọc được – định dạng không hỗ trợ.")
    if _looks_html(head) or suffix in (".html", ".htm"):
        return "html"
    if suffix in SUPPORTED_SUFFIXES:
        return "text"  # .txt/.md, or a text file misnamed .pdf/.docx
    raise IngestError(
        f"Tệp {name}: định dạng không hỗ trợ (chỉ nhận {', '.join(sorted(SUPPORTED_SUFFIXES))})."
    )


PAGE_BREAK = "\x0c"  # a form feed: text copied out of a PDF keeps each page break (ingest/pagenotes.py)


def _tidy(text: str) -> str:
    """clean_chars per line, trimmed, at most one blank line in a row, none at the ends; a page break (form feed)
    kept as a line of its own."""
    out: list[str] = []
    for raw in text.split("\n"):
        for n, piece in enumerate(raw.split(PAGE_BREAK)):
            if n:
                out.append(PAGE_BREAK)
            line = clean_chars(mark_columns(piece)).strip()
            if line or (out and out[-1]):
                out.append(line)
    return "\n".join(out).strip("\n" + PAGE_BREAK)


def _finish(raw: RawText, name: str) -> RawText:
    enc = detect_legacy("\n".join([raw.text, *raw.footnotes]))
    if enc:
        # Before clean_chars: TCVN3 spells "ư" with the soft hyphen that cleaning removes.
        raw.text = convert_legacy(raw.text, enc)
        raw.footnotes = [convert_legacy(f, enc) for f in raw.footnotes]
        raw.chrome = [convert_legacy(c, enc) for c in raw.chrome]
        raw.warnings.append(f"phát hiện mã {'TCVN3' if enc == 'tcvn3' else 'VNI'}, đã chuyển sang Unicode")
    raw.text = _tidy(raw.text)
    raw.footnotes = [f for f in (_tidy(f).replace("\n", " ") for f in raw.footnotes) if f]
    raw.chrome = list(dict.fromkeys(c for c in (_tidy(c).replace("\n", " ") for c in raw.chrome) if c))
    if not raw.text:
        raise IngestError(f"Tệp {name}: không có nội dung văn bản.")
    return raw


def read_file(path: Path, ocr: OcrOptions | None = None) -> RawText:
    """Read a .txt/.md/.html/.htm/.docx/.pdf or image file into RawText; IngestError if it cannot be used."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise IngestError(f"Tệp {name}: không phải tệp thông thường.")
        if size == 0:
            raise IngestError(f"Tệp {name}: tệp rỗng.")
        if size > MAX_FILE_BYTES:
            raise IngestError(
                f"Tệp {name}: dung lượng {size / 2**20:.1f} MB vượt giới hạn {MAX_FILE_BYTES // 2**20} MB."
            )
        with path.open("rb") as f:
            head = f.read(8192)
        kind = _sniff(path, head)
        if kind == "pdf":
            from ingest.readers.pdf import read_pdf

            raw = read_pdf(path, ocr=ocr)
        elif kind == "image":
            from ingest.readers.image import read_image

            raw = read_image(path, ocr)
        elif kind == "docx":
            from ingest.readers.docx import read_docx

            raw = read_docx(path)
        elif kind == "html":
            from ingest.readers.html import read_html

            raw = read_html(path)
        else:
            from ingest.readers.text import read_text

            raw = read_text(path)
            if path.suffix.lower() in (".pdf", ".docx"):
                raw.warnings.append(f"nội dung là văn bản thuần dù tên tệp có đuôi {path.suffix}")
    except FileNotFoundError as e:
        raise IngestError(f"Tệp {name}: không tìm thấy tệp.") from e
    except OSError as e:
        raise IngestError(f"Tệp {name}: không mở được ({e.strerror or e}).") from e
    except RecursionError as e:
        raise IngestError(f"Tệp {name}: cấu trúc lồng quá sâu, không đọc được.") from e
    return _finish(raw, name)
