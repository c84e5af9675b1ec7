"""Ingest benchmark on the sample corpus: cold ingest, unchanged re-ingest, chunks, index size, peak memory.

Each run is a separate `nhiemvu ingest` process, so peak RSS is that process's own.
Usage: python benchmarks/ingest_bench.py [--out benchmarks/out/ingest.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


# Runs the CLI in a child that reports its own peak RSS (RUSAGE_CHILDREN would mix the two runs).
_CHILD = (
    "import resource, runpy, sys\n"
    "sys.argv = ['nhiemvu', 'ingest', '--index', sys.argv[1], '--quiet']\n"
    "try:\n    runpy.run_module('bot.cli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
    "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
    "print('PEAK_KB', hwm, file=sys.stderr)\n"
)


def run_ingest(index: Path) -> tuple[float, float, str]:
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(index)], capture_output=True, text=True, check=True, cwd=REPO
    )
    seconds = time.perf_counter() - started
    peak_kb = next(int(line.split()[1]) for line in out.stderr.splitlines() if line.startswith("PEAK_KB"))
    return seconds, peak_kb / 1024, out.stdout


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "out" / "ingest.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        cold, cold_rss, stdout = run_ingest(index)
        warm, warm_rss, _ = run_ingest(index)
        version = index / "versions" / (index / "CURRENT").read_text().strip()
        manifest = json.loads((version / "manifest.json").read_text())
        result = {
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "cold_ingest_s": round(cold, 2),
            "unchanged_reingest_s": round(warm, 2),
            "documents": manifest["counts"]["documents"],
            "chunks": manifest["counts"]["chunks"],
            "index_version_mb": round(dir_size(version) / 1e6, 2),
            "embedding_cache_mb": round(dir_size(index / "cache") / 1e6, 2),
            "peak_rss_mb_cold": round(cold_rss, 1),
            "peak_rss_mb_reingest": round(warm_rss, 1),
        }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))
    print(stdout)


if __name__ == "__main__":
    main()
