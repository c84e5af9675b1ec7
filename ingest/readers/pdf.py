"""PDF with a text layer, read with pypdf in a child process.

A hostile PDF (reference loops, huge streams) must not hang or exhaust the server, so the
parsing runs in `python -m ingest.readers.pdf FILE` under a time and memory limit and
prints positioned lines as JSON. The layout work (page numbers, running headers,
footnotes, paragraph gaps) is done here in the parent, on plain data.
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ingest.models import IngestError, OcrInfo, RawText
from ingest.readers.ocr import INSTALL_HINT, OcrOptions
from ingest.readers.stamps import fill_stamps, page_stamps
from ingest.readers.textlayer import lost_marks
from ingest.textnorm import fold, squash

PDF_TIMEOUT = 60.0  # seconds
PDF_MEMORY = 1536 * 2**20  # bytes of address space for the child
MIN_PAGE_CHARS = 20  # below this a page has no text layer (a scan)
_ROOT = str(Path(__file__).resolve().parents[2])

_PAGE_NO = re.compile(
    r"(?:[-–]\s*)?\d{1,4}(?:\s*[-–])?|(?:trang|page)\s*\d{1,4}(?:\s*(?:/|of|trên)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4}",
    re.I,
)
_NOTE_MARK = re.compile(r"^(?:\(\d{1,3}\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d{1,3}(?![\d/.,])|\*+)")

Line = list[Any]  # [text, x, y, size]; x, y, size are None when positions are unknown


# ---------------------------------------------------------------- child process
def _page_lines(page: Any) -> list[Line]:
    pieces: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        if text:
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
            pieces.append((text, x, y, float(size or 0) * scale))

    plain = page.extract_text(visitor_text=visit)
    if "".join(p[0] for p in pieces) != plain:  # pypdf changed how it reports: keep the text, lose positions
        return [[t, None, None, None] for t in plain.split("\n")]
    lines: list[Line] = []
    cur: list[tuple[str, float, float, float]] = []
    for text, x, y, size in pieces + [("\n", 0.0, 0.0, 0.0)]:
        for i, part in enumerate(text.split("\n")):
            if i:  # a newline closes the current line
                body = [p for p in cur if p[0].strip()]
                if body:
                    main = max(body, key=lambda p: len(p[0].strip()))
                    lines.append(["".join(p[0] for p in cur), body[0][1], body[0][2], round(main[3], 2)])
                cur = []
            if part:
                cur.append((part, x, y, size))
    return lines


def _quality(pages: list[list[Line]]) -> float:
    from ingest.readers.legacy import syllable_score

    good, bad = syllable_score("\n".join(str(ln[0]) for lines in pages for ln in lines))
    return good / (good + bad) if good + bad else 1.0


def extract(path: str) -> dict[str, Any]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    return {"ok": False, "error": "encrypted"}
            except Exception:
                return {"ok": False, "error": "encrypted"}
        pages, sizes, bad_pages, stamps = [], [], [], []
        for n, page in enumerate(reader.pages, 1):
            try:
                pages.append(_page_lines(page))
            except MemoryError:
                raise
            except Exception:
                pages.append([])
                bad_pages.append(n)
            try:
                stamps.append(page_stamps(page))
            except MemoryError:
                raise
            except Exception:
                stamps.append([])  # an unreadable widget costs its figures, never the page
            box = page.mediabox
            sizes.append([float(box.bottom), float(box.top)])
        if _quality(pages) < 0.85:  # plain mode split syllables: see whether layout mode does better
            try:
                layout = [[[t, None, None, None] for t in p.extract_text(extraction_mode="layout").split("\n")]
                          for p in reader.pages]  # fmt: skip
                if _quality(layout) > _quality(pages) + 0.05:
                    pages = layout
            except MemoryError:
                raise
            except Exception:
                pass  # keep the plain text
        return {"ok": True, "pages": pages, "boxes": sizes, "bad_pages": bad_pages, "stamps": stamps}
    except MemoryError:
        return {"ok": False, "error": "memory"}
    except Exception as e:
        return {"ok": False, "error": "broken", "detail": f"{type(e).__name__}: {e}"[:200]}


def _child_main(path: str) -> None:
    try:
        import resource

        for kind, limit in ((resource.RLIMIT_AS, PDF_MEMORY), (resource.RLIMIT_CPU, int(PDF_TIMEOUT) + 5)):
            hard = resource.getrlimit(kind)[1]
            limit = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
            resource.setrlimit(kind, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass  # no rlimits on this platform: the parent's timeout still applies
    sys.stdout.write(json.dumps(extract(path)))


# ---------------------------------------------------------------- parent process
def _run_child(path: Path, timeout: float) -> dict[str, Any]:
    name = path.name
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (_ROOT, os.environ.get("PYTHONPATH")) if p))
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "ingest.readers.pdf", str(path.resolve())],
            capture_output=True, timeout=timeout, env=env, cwd=_ROOT, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired as e:
        raise IngestError(
            f"Tệp {name}: PDF quá thời gian xử lý ({timeout:g} giây) – tệp hỏng hoặc quá phức tạp."
        ) from e
    try:
        data: dict[str, Any] = json.loads(proc.stdout)
    except ValueError as e:
        raise IngestError(
            f"Tệp {name}: PDF hỏng hoặc quá lớn, không đọc được (mã thoát {proc.returncode})."
        ) from e
    if not data.get("ok"):
        reason = {
            "encrypted": "PDF được đặt mật khẩu, không mở được – hãy gỡ mật khẩu rồi nạp lại.",
            "memory": "PDF vượt giới hạn bộ nhớ khi xử lý, không đọc được.",
        }.get(data.get("error", ""), f"PDF hỏng, không đọc được ({data.get('detail', '')}).")
        raise IngestError(f"Tệp {name}: {reason}")
    return data


def _edge_indexes(lines: list[Line], k: int) -> set[int]:
    """Indexes of the k highest and k lowest lines (by position, else by order)."""
    idx = list(range(len(lines)))
    if all(ln[2] is not None for ln in lines):
        idx.sort(key=lambda i: -lines[i][2])
    return set(idx[:k] + idx[-k:])


def _drop_page_numbers(lines: list[Line], box: list[float]) -> list[Line]:
    edges = _edge_indexes(lines, 2)
    bottom, top = box
    margin = 0.15 * (top - bottom)

    def is_number(i: int) -> bool:
        ln = lines[i]
        if i not in edges or not _PAGE_NO.fullmatch(ln[0]):
            return False
        return ln[2] is None or ln[2] < bottom + margin or ln[2] > top - margin

    return [ln for i, ln in enumerate(lines) if not is_number(i)]


def _drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Headers/footers: edge lines whose text (digits ignored) recurs on most pages."""
    if len(pages) < 2:
        return pages

    def key(text: str) -> str:
        return re.sub(r"\d+", "#", fold(text))

    counts = Counter(k for lines in pages for k in {key(lines[i][0]) for i in _edge_indexes(lines, 3)})
    need = max(2, math.ceil(0.5 * len(pages)))
    out = []
    for lines in pages:
        edges = _edge_indexes(lines, 3)
        out.append([ln for i, ln in enumerate(lines) if not (i in edges and counts[key(ln[0])] >= need)])
    return out


def _split_notes(lines: list[Line], body_size: float | None) -> tuple[list[Line], list[str]]:
    """Trailing lines in a smaller font that start with a note marker are footnotes."""
    if not body_size or not lines:
        return lines, []
    start = len(lines)
    while start > 0 and lines[start - 1][3] is not None and lines[start - 1][3] < 0.92 * body_size:
        start -= 1
    first = next((i for i in range(start, len(lines)) if _NOTE_MARK.match(lines[i][0])), None)
    if first is None:
        return lines, []
    notes: list[str] = []
    pending = ""
    for ln in lines[first:]:
        text = ln[0]
        if _NOTE_MARK.fullmatch(text):  # a lone superscript marker, the note text follows
            pending = text
        elif _NOTE_MARK.match(text) or pending or not notes:
            notes.append(f"{pending} {text}".strip())
            pending = ""
        else:
            notes[-1] += " " + text
    return lines[:first], notes


def _mode(values: list[tuple[float, int]]) -> float | None:
    weights: Counter[float] = Counter()
    for v, w in values:
        weights[round(v * 2) / 2] += w
    return weights.most_common(1)[0][0] if weights else None


def _layout(pages: list[list[Line]], body_size: float | None) -> list[str]:
    """Lines as laid out, with a blank line before what starts a paragraph (gap or indent)."""
    steps = [round(a[2] - b[2]) for lines in pages for a, b in zip(lines, lines[1:], strict=False)
             if a[2] is not None and b[2] is not None and a[2] > b[2]]  # fmt: skip
    # The line step is the smallest common one: short paragraphs make gaps outnumber plain steps.
    counts = Counter(steps)
    common = [v for v, c in counts.items() if c >= max(2, 0.1 * len(steps))]
    step = min(common or steps or [0]) or None
    out: list[str] = []
    prev: Line | None = None
    for lines in pages:
        for n, ln in enumerate(lines):
            if not ln[0]:
                out.append("")  # layout mode: empty lines already mark gaps
                continue
            if prev is not None and ln[1] is not None and prev[1] is not None and out and out[-1]:
                gap = prev[2] - ln[2]
                indented = body_size and ln[1] - prev[1] > 0.8 * body_size
                if indented or (n and step and (gap > 1.35 * step or gap < -0.5 * step)):
                    out.append("")
            out.append(ln[0])
            prev = ln
    return out


def _unmarked_pages(
    pages: list[list[Line]], scans: list[int], bad: set[int], ocr: OcrOptions
) -> tuple[list[int], list[str]]:
    """Pages (0-based) whose text layer lost its Vietnamese marks, to be read from their images; and a warning.
    Their text layer is kept when OCR cannot run or the file has more pages to read than OCR takes."""
    from ingest.readers.ocr import tesseract_missing

    lost = [i for i, p in enumerate(pages)
            if i not in scans and i + 1 not in bad and lost_marks(str(ln[0]) for ln in p)]  # fmt: skip
    if not lost:
        return [], []
    listed = ", ".join(str(i + 1) for i in lost)
    if tesseract_missing() or len(scans) + len(lost) > ocr.max_pages:
        return [], [
            f"trang {listed}: lớp chữ có sẵn mất dấu tiếng Việt (OCR cũ), chưa đọc lại được từ ảnh trang"
        ]
    return lost, [f"trang {listed}: lớp chữ có sẵn mất dấu tiếng Việt (OCR cũ), đã đọc lại từ ảnh trang"]


def _ocr_scanned(
    path: Path, pages: list[list[Line]], scans: list[int], ocr: OcrOptions, relayer: set[int] | None = None
) -> tuple[OcrInfo | None, str, list[str], list[tuple[str, float]]]:
    """Replace the scanned pages (0-based `scans`) by their OCR text; (info, OCR text, warnings, number words).
    A page in `relayer` has a text layer of its own (without marks): it is kept where OCR reads nothing."""
    from ingest.readers.ocr import ocr_numbers, run_ocr, summarise, tesseract_missing

    relayer = relayer or set()
    name, every = path.name, len(scans) == len(pages) and not relayer
    missing = tesseract_missing()
    if missing:
        if every:
            raise IngestError(
                f"Tệp {name}: PDF không có lớp văn bản – cần OCR nhưng {missing} ({INSTALL_HINT})."
            )
        listed = ", ".join(str(i + 1) for i in scans)
        return None, "", [f"trang {listed} không có lớp văn bản (ảnh quét) và chưa OCR được: {missing}"], []
    if len(scans) > ocr.max_pages:
        raise IngestError(
            f"Tệp {name}: có {len(scans)} trang ảnh quét, vượt giới hạn {ocr.max_pages} trang nhận dạng "
            "mỗi tệp – hãy tách tệp hoặc gửi bản có lớp văn bản."
        )
    result = run_ocr(path, "pdf", [i + 1 for i in scans], ocr)
    texts, info, warnings = summarise(result, ocr)
    for i in scans:
        if i + 1 in texts or i not in relayer:
            pages[i] = [[line, None, None, None] for line in texts.get(i + 1, "").split("\n")]
    if every and not texts:
        raise IngestError(
            f"Tệp {name}: PDF không có lớp văn bản và OCR không nhận ra chữ trên trang nào ({'; '.join(warnings)})."
        )
    return info, "\n".join(texts.values()), warnings, ocr_numbers(result)


def read_pdf(path: Path, timeout: float = PDF_TIMEOUT, ocr: OcrOptions | None = None) -> RawText:
    data = _run_child(path, timeout)
    # The number and date an e-signature system stamped over the blanks (ingest/readers/stamps.py).
    pages: list[list[Line]] = [
        fill_stamps([[squash(str(ln[0])), *ln[1:]] for ln in p], s)
        for p, s in zip(data["pages"], data["stamps"], strict=True)
    ]
    if not pages:
        raise IngestError(f"Tệp {path.name}: PDF không có trang nào.")
    chars = [sum(len(ln[0].replace(" ", "")) for ln in p) for p in pages]
    warnings = []
    bad = set(data.get("bad_pages", []))
    if bad:
        warnings.append(f"trang {', '.join(map(str, sorted(bad)))} bị lỗi, đã bỏ qua")
    scans = [i for i, c in enumerate(chars) if c < MIN_PAGE_CHARS and i + 1 not in bad]
    ocr = ocr or OcrOptions()
    relayer, more = _unmarked_pages(pages, scans, bad, ocr)
    warnings += more
    info, ocr_text = None, ""
    numbers: list[tuple[str, float]] = []
    if scans or relayer:
        info, ocr_text, more, numbers = _ocr_scanned(path, pages, sorted(scans + relayer), ocr, set(relayer))
        warnings += more
    pages = [_drop_page_numbers([ln for ln in p if ln[0] or ln[1] is None], box)
             for p, box in zip(pages, data["boxes"], strict=True)]  # fmt: skip
    pages = _drop_running_lines(pages)
    body_size = _mode([(ln[3], len(ln[0])) for p in pages for ln in p if ln[3]])
    footnotes: list[str] = []
    for i, p in enumerate(pages):
        pages[i], notes = _split_notes(p, body_size)
        footnotes += notes
    text = "\n".join(_layout(pages, body_size))
    return RawText(
        text=text,
        source=str(path),
        format="pdf",
        footnotes=footnotes,
        warnings=warnings,
        ocr=info,
        ocr_text=ocr_text,
        ocr_numbers=numbers,
    )


if __name__ == "__main__":
    _child_main(sys.argv[1])
