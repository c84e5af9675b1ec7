"""OCR benchmark: seconds per page, character accuracy per degradation, peak RSS of the OCR child.

    python benchmarks/ocr_bench.py [--dpi 300 200] [--pages 2] [--ocrmypdf PATH/TO/ocrmypdf]

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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.readers import read_file  # noqa: E402
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dpi", type=int, nargs="+", default=[300, 200])
    ap.add_argument("--pages", type=int, default=2)
    ap.add_argument("--ocrmypdf", default="")
    args = ap.parse_args()
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
