"""Read every scan of data/realscans as `nhiemvu ingest` does (OCR, cleanup, header, sections; no embeddings),
timing each file, and save what `documents --json` would show, for eval/check_headers.py --json.

    OMP_NUM_THREADS=1 python eval/realscans/read_times.py [--docs data/realscans] [--out /tmp/realscans.json]

Prints, per file: pages read by OCR, wall seconds, CPU seconds (this process + its OCR children), s/page.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    from ingest.manifest import load_overrides
    from ingest.models import IngestError
    from ingest.pipeline import parse_document
    from ingest.readers import SUPPORTED_SUFFIXES

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", default=str(ROOT / "data" / "realscans"))
    ap.add_argument("--out", default="/tmp/realscans.json")
    args = ap.parse_args(argv)
    folder = Path(args.docs)
    overrides = load_overrides(folder)
    out, pages_all, wall_all, cpu_all = [], 0, 0.0, 0.0
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        t0, c0 = time.perf_counter(), cpu()
        try:
            doc = parse_document(path, overrides.get(path.name))
        except IngestError as e:
            print(f"{path.name}: REFUSED {e}")
            continue
        wall, used = time.perf_counter() - t0, cpu() - c0
        d = doc.as_dict()
        d["reasons"] = {k: v.reason for k, v in doc.meta.sources.items() if v.reason}
        d["seconds"] = {"wall": round(wall, 2), "cpu": round(used, 2)}
        out.append(d)
        ocr = d.get("ocr") or {}
        n = len(ocr.get("pages") or []) or 1
        pages_all, wall_all, cpu_all = pages_all + n, wall_all + wall, cpu_all + used
        print(
            f"{path.name}: {n} page(s), wall {wall:.1f} s, CPU {used:.1f} s, {wall / n:.1f} s/page",
            flush=True,
        )
    print(
        f"total: {pages_all} pages, wall {wall_all:.0f} s ({wall_all / max(pages_all, 1):.2f} s/page), "
        f"CPU {cpu_all:.0f} s ({cpu_all / max(pages_all, 1):.2f} s/page)"
    )
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
