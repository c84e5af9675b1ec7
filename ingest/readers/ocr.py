"""Vietnamese OCR of scanned pages with Tesseract (`tesseract-ocr-vie`) through pytesseract.

Scans come from outside (portals, copiers, phones), so decoding and recognition run in a child
process, `python -m ingest.readers.ocr`, under a memory limit, with a time limit per page. The child
prints one JSON line per page (text, mean word confidence, status) as soon as the page is done, so the
parent can show progress and a slow page costs only its own time limit: it is skipped and reported.

Why pytesseract on rendered pages and not ocrmypdf: see README ("OCR"). In short, the same Tesseract
does the recognition either way; rendering with pypdfium2 and calling `image_to_data` gives per-word
confidences and per-page time limits directly, and needs no ghostscript/qpdf.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.models import IngestError, OcrInfo
from ingest.readers.photo import STEPS

LANG = "vie"
RENDER_DPI = 300  # a page drawn without a text layer and without an image (vector glyphs): rendered at this
# A scanned page is rendered at the resolution of the image it carries: upsampling a 150 or 200 dpi scan to 300
# dpi blurs its strokes and Tesseract reads it worse (docs/ocr.md). Clamped to this range: below, a scan is too
# coarse to read as it is; above, more pixels cost time and read worse (a 400 dpi scan rendered at 300: 0.9995
# of the characters instead of 0.995, a quarter less CPU; docs/ocr.md).
MIN_NATIVE_DPI = 150
MAX_NATIVE_DPI = 300
# An image covering less of the page than this is a logo or a stamp on a drawn page, not the page's scan.
SCAN_COVER = 0.2
MAX_RENDER_PIXELS = 16_000_000  # a page rendered larger than this (A3 at 300 dpi is 17 MP) is scaled down
OCR_MEMORY = 1536 * 2**20  # bytes of address space for the child (and the tesseract it starts)
# A page whose words Tesseract is on average less sure of than this is flagged for checking.
LOW_CONFIDENCE = 70.0
# Below this the "text" is noise (a photo that is not a page, a smudge): the page is left out.
UNREADABLE_BELOW = 40.0
# Below this, the page is tried upside down as well (a page fed in the wrong way round reads as noise).
RETRY_ROTATED_BELOW = 60.0
INSTALL_HINT = (
    "cài Tesseract với gói tiếng Việt: `sudo apt-get install tesseract-ocr tesseract-ocr-vie` "
    "(scripts/setup.sh tự cài khi chạy với quyền root)"
)
_ROOT = str(Path(__file__).resolve().parents[2])

ProgressFn = Callable[[int, int], None]  # (pages done, pages in all)


@dataclass
class OcrOptions:
    """Limits of one OCR run; Settings (bot/settings.py) provides them, these defaults are the same."""

    max_pages: int = 60
    page_timeout: float = 30.0
    low_confidence: float = LOW_CONFIDENCE
    progress: ProgressFn | None = None
    # Render every PDF page at this dpi instead of its image's own (benchmarks compare with the old fixed 300).
    dpi: int | None = None
    # Preprocessing steps allowed (ingest/readers/photo.py; each still runs only where measured as needed).
    steps: tuple[str, ...] = STEPS


@dataclass
class OcrPage:
    number: int  # 1-based page number in the file
    text: str  # lines; a blank line between Tesseract's paragraphs
    confidence: float  # mean word confidence 0–100 (0 when no word was found)
    status: str = "ok"  # ok | empty | timeout | error
    rotated: bool = False  # read upside down
    dpi: int = 0  # resolution the page was read at (PDF pages; 0 for an image file, read as it is)
    numbers: list[tuple[str, float]] = field(default_factory=list)  # number_words() of the page
    prepared: list[str] = field(default_factory=list)  # preprocessing steps the page needed (photo.prepare)


@dataclass
class OcrResult:
    pages: list[OcrPage] = field(default_factory=list)


def tesseract_missing() -> str | None:
    """None when Tesseract with the Vietnamese model can be used, else what is missing (Vietnamese)."""
    try:
        import pytesseract
    except ImportError:
        return "thiếu gói Python pytesseract (pip install pytesseract)"
    if shutil.which("tesseract") is None:
        return "chưa cài Tesseract"
    try:
        langs = pytesseract.get_languages(config="")
    except Exception:  # noqa: BLE001 - a broken install reads as "missing"
        return "Tesseract không chạy được"
    if LANG not in langs:
        return "Tesseract chưa có gói tiếng Việt (tesseract-ocr-vie)"
    return None


# ---------------------------------------------------------------- recognition (child process)
_NUMBER_WORD = re.compile(r"\w{0,6}\d\w{0,5}\s*/")  # "12/CT-UBND", "8O/QĐ-UBND", "Số:299/UBND"
_NUMBER_HEAD = re.compile(r"^\W*\w{0,6}\d\w{0,5}\W*$")  # "12", "299" before a separate "/CT-UBND"
_DIGITS_ONLY = re.compile(r"^[\d/.\-]+$")  # "/", "2026/", "-": a piece of the number, not of its code


def number_words(data: dict[str, list[Any]]) -> list[tuple[str, float]]:
    """Words that hold a document number ("12/CT-UBND"), with Tesseract's confidence in its digits, in reading order.

    A number Tesseract split ("12" "/CT-UBND", "12" "/" "CT-UBND") is joined, with the lowest confidence of the
    pieces that hold only its digits and separators: the header needs to know how sure the digits are (a number
    filled in by hand in the blank of "Số: …/QĐ-UBND"), while the code after them is printed on the form, and
    Tesseract is often unsure of its capitals with marks ("/QĐ-SCT" at 65 beside "1050" at 93).
    """
    words = [(str(w or "").strip(), float(c)) for w, c in zip(data["text"], data["conf"], strict=False)]
    words = [(w, c) for w, c in words if w and c >= 0]
    out: list[tuple[str, float]] = []
    i = 0
    while i < len(words):
        text, conf = words[i]
        j = i + 1
        if _NUMBER_HEAD.match(text) and j < len(words) and words[j][0].startswith("/"):
            while j < len(words) and (words[j][0].startswith(("/", "-")) or text.endswith(("/", "-"))):
                piece, piece_conf = words[j]
                text += piece
                if _DIGITS_ONLY.match(piece):
                    conf = min(conf, piece_conf)
                j += 1
        if _NUMBER_WORD.search(text):
            out.append((text, conf))
        i = j
    return out


def _lines(data: dict[str, list[Any]]) -> tuple[str, float, int]:
    """(text, mean word confidence, word count) from pytesseract's image_to_data dict."""
    out: list[str] = []
    words: list[str] = []
    confs: list[float] = []
    key_prev: tuple[int, int, int] | None = None
    for i, word in enumerate(data["text"]):
        conf = float(data["conf"][i])
        word = (word or "").strip()
        if conf < 0 or not word:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if key_prev is None or key != key_prev:
            if words:
                out.append(" ".join(words))
            if key_prev is not None and key[:2] != key_prev[:2]:
                out.append("")  # a new paragraph
            words = []
            key_prev = key
        words.append(word)
        confs.append(conf)
    if words:
        out.append(" ".join(words))
    mean = sum(confs) / len(confs) if confs else 0.0
    return "\n".join(out), mean, len(confs)


def recognise(image: Any, number: int, timeout: float) -> OcrPage:
    """OCR one page image (greyscale); an upside-down page is read the right way round when that reads better."""
    import tempfile
    import time

    import pytesseract

    deadline = time.monotonic() + timeout

    numbers: list[tuple[str, float]] = []

    def run(img: Any) -> tuple[str, float, int]:
        left = deadline - time.monotonic()
        if left <= 0.5:
            raise TimeoutError
        # Handed over as an uncompressed PGM: given the image, pytesseract writes a PNG, whose compression
        # costs about a quarter of Tesseract's own time on a 300 dpi page (docs/ocr.md).
        with tempfile.NamedTemporaryFile(prefix="nhiemvu-ocr-", suffix=".pgm") as f:
            img.save(f.name, "PPM")
            data = pytesseract.image_to_data(
                f.name, lang=LANG, config="--psm 3", output_type=pytesseract.Output.DICT, timeout=left
            )
        numbers[:] = number_words(data)
        return _lines(data)

    gray = image.convert("L")
    try:
        text, conf, n = run(gray)
        rotated = False
        if conf < RETRY_ROTATED_BELOW:
            try:
                first = list(numbers)
                text2, conf2, n2 = run(gray.rotate(180))
                if n2 and conf2 > conf + 10:
                    text, conf, n, rotated = text2, conf2, n2, True
                else:
                    numbers[:] = first
            except (RuntimeError, TimeoutError):
                pass  # keep the first reading
    except (RuntimeError, TimeoutError) as e:
        if isinstance(e, TimeoutError) or "timeout" in str(e).lower():
            return OcrPage(number, "", 0.0, "timeout")
        return OcrPage(number, "", 0.0, "error")
    return OcrPage(number, text, round(conf, 1), "ok" if n else "empty", rotated, numbers=numbers)


def native_dpi(page: Any) -> int | None:
    """The resolution of the scan a PDF page carries (its largest image: pixels over the inches it covers),
    clamped to MIN_NATIVE_DPI–MAX_NATIVE_DPI; None when no image covers a good part of the page."""
    import pypdfium2.raw as pdfium_c

    w, h = page.get_size()
    best: tuple[float, float] | None = None  # (area in points², dpi)
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
        left, bottom, right, top = obj.get_bounds()
        area = max(0.0, right - left) * max(0.0, top - bottom)
        px_w, px_h = obj.get_px_size()
        if area <= 0 or px_w <= 0 or px_h <= 0:
            continue
        dpi = (px_w * px_h / (area / 72 / 72)) ** 0.5  # by area: the same for an image turned 90°
        if best is None or area > best[0]:
            best = (area, dpi)
    if best is None or best[0] < SCAN_COVER * w * h:
        return None
    return round(min(MAX_NATIVE_DPI, max(MIN_NATIVE_DPI, best[1])))


def _pdf_pages(path: str, numbers: list[int], fixed_dpi: int | None = None) -> Any:
    """Yield (number, PIL image, dpi) for the 1-based page numbers, each rendered at its scan's own resolution
    (RENDER_DPI for a page without one, `fixed_dpi` when given), capped at MAX_RENDER_PIXELS."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        for n in numbers:
            page = pdf[n - 1]
            w, h = page.get_size()
            dpi = fixed_dpi or native_dpi(page) or RENDER_DPI
            scale = dpi / 72
            if w * h * scale * scale > MAX_RENDER_PIXELS:
                scale = (MAX_RENDER_PIXELS / (w * h)) ** 0.5
            yield n, page.render(scale=scale, grayscale=True).to_pil(), round(scale * 72)
            page.close()
    finally:
        pdf.close()


def _emit(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _child_main(argv: list[str]) -> None:
    kind, path, timeout = argv[0], argv[1], float(argv[2])
    numbers = [int(n) for n in argv[3].split(",")] if len(argv) > 3 and argv[3] else [1]
    fixed_dpi = int(argv[4]) if len(argv) > 4 and argv[4] else None
    steps = tuple(s for s in argv[5].split(",") if s) if len(argv) > 5 else ()
    try:
        import resource

        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        limit = OCR_MEMORY if hard == resource.RLIM_INFINITY else min(OCR_MEMORY, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass  # no rlimits here: the parent's deadline still applies
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one core per page; the other serves users
    try:
        if kind == "image":
            from ingest.readers.decode import load_image

            pages: Any = [(1, load_image(Path(path)), 0)]
        else:
            pages = _pdf_pages(path, numbers, fixed_dpi)
        from ingest.readers.photo import prepare

        for n, img, dpi in pages:
            ready, prepared = prepare(img, steps)
            page = recognise(ready, n, timeout)
            _emit({"page": n, "text": page.text, "confidence": page.confidence,
                   "status": page.status, "rotated": page.rotated, "dpi": dpi,
                   "numbers": page.numbers, "prepared": prepared})  # fmt: skip
    except IngestError as e:
        _emit({"error": "input", "message": str(e)})
    except MemoryError:
        _emit({"error": "memory"})
    except Exception as e:  # noqa: BLE001 - reported to the parent as a broken file
        _emit({"error": "broken", "detail": f"{type(e).__name__}: {e}"[:200]})
    _emit({"done": True})


# ---------------------------------------------------------------- repairs of OCR debris
# Only repairs that cannot change a value: a misread "Số" label, spaces inside a document symbol. Digits are
# never guessed: a date with a misread digit does not match the header's date pattern and stays null. A heading
# marker misread ("l." for "I.") is repaired by the section parser, only where its siblings prove it
# (ingest/markers.py).
_SO_LINE = re.compile(r"^\s*S[ốôoóòỏõọồổỗộ06]\s*[:;.,]?\s*(?=\d)", re.M)
_SO_ALONE = re.compile(r"^(\s*S[ốôoóòỏõọồổỗộ06]\s*[:;.,]?)\s*\n+\s*(?=\d{1,5}\s*/)", re.M)
_SYMBOL = re.compile(r"\b(\d{1,5})\s*/\s*((?:\d{4}\s*/\s*)?[A-ZĐ]{1,8}(?:\s*-\s*[A-ZĐ&]{1,10}){0,3})\b")
# Specks read as marks: separate tokens of only such characters at a line's start or end. A lone "-" or
# "+" opening a line is a list bullet and stays.
_SPECKS = "-_|¬~`'\".,:;•°=»«"
_LEAD_DEBRIS = re.compile(rf"^(?:(?![-+–]\s)[{re.escape(_SPECKS)}]+\s+)+", re.M)
_TAIL_DEBRIS = re.compile(rf"(?:\s+[{re.escape(_SPECKS)}]+)+$", re.M)
# A speck stuck to a letter item ("_b) Tổ chức"): unrepaired, the line is not seen as an item and is joined to the
# paragraph before it. Not "-": "-a)" may be a bullet (ingest/markers.py decides that one).
_ITEM_SPECK = re.compile(r"^[_.,'`~]{1,2}(?=[a-zđ]\)\s)", re.M)


# Tesseract's Vietnamese model reads "Đ" now and then as the Icelandic "Ð" (U+00D0), which no Vietnamese word
# holds, or as both at once ("QĐÐ-SCT"): one letter, so a symbol is read whole ("1050/QĐ-SCT", not "1050/QĐ").
_ETH_TWICE = re.compile("ĐÐ|ÐĐ|đð|ðđ")
_ETH = str.maketrans("Ðð", "Đđ")


# A hyphen between figures ("28 - 2 - 2003", "2019-2020") is read now and then as "—", "–" or "~", and a spaced
# one between words ("Tự do ~ Hạnh phúc") as "~", which no Vietnamese official text writes: read as the hyphen,
# the date and the words match what the page prints.
_DASH_IN_FIGURES = re.compile(r"(?<=\d)([ \t]*)[—–~]([ \t]*)(?=\d)")
_SPACED_TILDE = re.compile(r"(?<=\S)[ \t]+~[ \t]+(?=\S)")


def repair(text: str) -> str:
    text = _DASH_IN_FIGURES.sub(r"\1-\2", text)
    text = _SPACED_TILDE.sub(" - ", text)
    text = _ETH_TWICE.sub(lambda m: m[0][0].translate(_ETH), text).translate(_ETH)
    text = _LEAD_DEBRIS.sub("", text)
    text = _TAIL_DEBRIS.sub("", text)
    text = _ITEM_SPECK.sub("", text)
    text = _SO_ALONE.sub(lambda m: "Số: ", text)
    text = _SO_LINE.sub("Số: ", text)
    return _SYMBOL.sub(lambda m: m[1] + "/" + re.sub(r"\s+", "", m[2]), text)


# ---------------------------------------------------------------- parent side
def run_ocr(path: Path, kind: str, numbers: list[int], options: OcrOptions) -> OcrResult:
    """OCR pages `numbers` of a PDF (kind "pdf") or a single image (kind "image") in the sandboxed child.

    Raises IngestError when Tesseract is missing, the input is refused, or the child fails as a whole.
    """
    name = path.name
    missing = tesseract_missing()
    if missing:
        raise IngestError(f"Tệp {name}: cần OCR nhưng {missing} – {INSTALL_HINT}.")
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(p for p in (_ROOT, os.environ.get("PYTHONPATH")) if p),
        OMP_THREAD_LIMIT="1",
    )
    cmd = [sys.executable, "-m", "ingest.readers.ocr", kind, str(path.resolve()), str(options.page_timeout),
           ",".join(map(str, numbers)), str(options.dpi or ""), ",".join(options.steps)]  # fmt: skip
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=_ROOT,
        text=True,
        encoding="utf-8",
    )
    # Each page has its own limit inside the child; this deadline only catches a child that hangs elsewhere.
    budget = (options.page_timeout * 2 + 5) * len(numbers) + 30
    timer = threading.Timer(budget, proc.kill)
    timer.start()
    result = OcrResult()
    if options.progress:
        options.progress(0, len(numbers))
    error: dict[str, Any] | None = None
    done = False
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            if "page" in msg:
                result.pages.append(
                    OcrPage(
                        msg["page"],
                        msg["text"],
                        msg["confidence"],
                        msg["status"],
                        msg["rotated"],
                        msg.get("dpi", 0),
                        [(str(w), float(c)) for w, c in msg.get("numbers", [])],
                        list(msg.get("prepared", [])),
                    )  # fmt: skip
                )
                if options.progress:
                    options.progress(len(result.pages), len(numbers))
            elif "error" in msg:
                error = msg
            elif msg.get("done"):
                done = True
        proc.wait()
    finally:
        timer.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if error:
        if error["error"] == "input":
            raise IngestError(error["message"])
        if error["error"] == "memory":
            raise IngestError(f"Tệp {name}: ảnh quét vượt giới hạn bộ nhớ khi nhận dạng, không đọc được.")
        raise IngestError(f"Tệp {name}: không nhận dạng được ảnh quét ({error.get('detail', '')}).")
    if not done:
        raise IngestError(
            f"Tệp {name}: nhận dạng ảnh quét bị dừng (quá thời gian hoặc vượt giới hạn bộ nhớ), không đọc được."
        )
    return result


if __name__ == "__main__":
    _child_main(sys.argv[1:])


def summarise(result: OcrResult, options: OcrOptions) -> tuple[dict[int, str], OcrInfo, list[str]]:
    """Text per page read, the OcrInfo to keep with the document, and warnings (Vietnamese) for the admin."""
    texts: dict[int, str] = {}
    warnings: list[str] = []
    for p in result.pages:
        letters = sum(ch.isalpha() for ch in p.text)
        if p.status == "ok" and (p.confidence < UNREADABLE_BELOW or letters < 20):
            p.status = "unreadable"
    read = [p for p in result.pages if p.status == "ok"]
    for p in read:
        texts[p.number] = repair(p.text)
    skipped = [p.number for p in result.pages if p.status in ("timeout", "error")]
    empty = [p.number for p in result.pages if p.status == "empty"]
    unreadable = [p.number for p in result.pages if p.status == "unreadable"]
    rotated = [p.number for p in read if p.rotated]
    low = [p.number for p in read if p.confidence < options.low_confidence]
    if skipped:
        warnings.append(f"trang {_pages(skipped)} nhận dạng quá thời gian hoặc lỗi, đã bỏ qua")
    if empty:
        warnings.append(f"trang {_pages(empty)} không có chữ (trang trắng?)")
    if unreadable:
        warnings.append(
            f"trang {_pages(unreadable)} không nhận ra chữ (không phải trang văn bản hoặc quá mờ)"
        )
    if rotated:
        warnings.append(f"trang {_pages(rotated)} bị ngược, đã xoay lại để nhận dạng")
    if low:
        warnings.append(
            f"trang {_pages(low)} nhận dạng với độ tin cậy thấp (dưới {options.low_confidence:g}%), "
            "cần đối chiếu bản gốc"
        )
    mean = round(sum(p.confidence for p in read) / len(read), 1) if read else 0.0
    info = OcrInfo(
        pages=[p.number for p in read],
        mean_confidence=mean,
        low_pages=low,
        confidences=[p.confidence for p in read],
        skipped=skipped,
        prepared=[p.prepared for p in read],
    )
    return texts, info, warnings


def ocr_numbers(result: OcrResult) -> list[tuple[str, float]]:
    """The number words (number_words) of the pages read, in page order."""
    return [w for p in sorted(result.pages, key=lambda p: p.number) if p.status == "ok" for w in p.numbers]


def _pages(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers))
