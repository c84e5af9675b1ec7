"""Build a new index version beside the live one and switch to it atomically.

A build never touches the live version: it writes `versions/<new>/`, fsyncs it,
then replaces the `CURRENT` pointer with os.replace. A crash at any point leaves
the previous version serving. Builders are serialised with a lock file.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from index.cache import EmbeddingCache
from index.embedders import Embedder
from index.lexical import build_bm25
from index.snapshot import FORMAT_VERSION, MANIFEST, checksums, current_version
from index.store import Store, write_store
from ingest.chunks import chunk_document
from ingest.models import Chunk, Document

KEEP_VERSIONS = 3
HNSW_ABOVE = 200_000  # exact search stays fast below this many chunks (see README benchmarks)


@dataclass
class BuildResult:
    version: Path
    documents: list[Document]
    chunks: int
    embedded: int  # chunks embedded in this build
    reused: int  # chunks whose embedding came from the cache
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".build.lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def live_documents(root: Path) -> list[Document]:
    """Documents of the live version, or none when there is no readable version."""
    version = current_version(root)
    if version is None or not (version / "store.sqlite").is_file():
        return []
    try:
        return list(Store(version / "store.sqlite").documents.values())
    except Exception:  # noqa: BLE001 - an unreadable old store means starting afresh, never a crash
        return []


def _embed(
    chunks: list[Chunk], embedder: Embedder, cache: EmbeddingCache, progress: bool
) -> tuple[np.ndarray, int]:
    hashes = [c.content_hash for c in chunks]
    known = cache.get_many(embedder.name, hashes)
    missing = [c for c in chunks if c.content_hash not in known]
    todo = list({c.content_hash: c for c in missing}.values())
    # Large groups sorted by length: a batching runtime pads little and the bar still moves.
    todo.sort(key=lambda c: len(c.search_text))
    batch = 256
    with tqdm(total=len(todo), desc="Nhúng đoạn văn", unit="đoạn", disable=not progress or not todo) as bar:
        for start in range(0, len(todo), batch):
            part = todo[start : start + batch]
            vectors = embedder.embed_passages([c.search_text for c in part])
            cache.put_many(embedder.name, [(c.content_hash, v) for c, v in zip(part, vectors, strict=True)])
            known.update({c.content_hash: v for c, v in zip(part, vectors, strict=True)})
            bar.update(len(part))
    matrix = np.zeros((len(chunks), embedder.dim), dtype=np.float32)
    for i, c in enumerate(chunks):
        matrix[i] = known[c.content_hash]
    return matrix, len(todo)


def _write_dense(path: Path, vectors: np.ndarray, dim: int) -> str:
    import faiss

    index: Any
    if len(vectors) > HNSW_ABOVE:
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efSearch = 128
        kind = "HNSWFlat"
    else:
        index = faiss.IndexFlatIP(dim)
        kind = "FlatIP"
    if len(vectors):
        index.add(vectors)
    faiss.write_index(index, str(path))
    return kind


def _write_lexical(path: Path, chunks: list[Chunk]) -> None:
    if not chunks:
        path.mkdir()
        return
    build_bm25([c.search_text for c in chunks]).save(str(path), show_progress=False)


def _fsync_tree(path: Path) -> None:
    for p in [*path.rglob("*"), path]:
        fd = os.open(p, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def switch_to(root: Path, version: Path) -> None:
    tmp = root / f"CURRENT.{uuid.uuid4().hex}.tmp"
    tmp.write_text(version.name, encoding="utf-8")
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, root / "CURRENT")
    dir_fd = os.open(root, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _collect_garbage(root: Path, live: Path) -> None:
    versions = sorted(
        (p for p in (root / "versions").iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime
    )
    for old in versions[:-KEEP_VERSIONS]:
        if old != live:
            shutil.rmtree(old, ignore_errors=True)
    for tmp in root.glob("CURRENT.*.tmp"):
        tmp.unlink(missing_ok=True)


def build_version(
    root: Path, documents: list[Document], embedder: Embedder, progress: bool = True
) -> BuildResult:
    """Write `documents` as a new version and make it live. Call under build_lock."""
    started = time.perf_counter()
    chunks = [c for doc in documents for c in chunk_document(doc)]
    cache = EmbeddingCache(root / "cache" / "embeddings.sqlite")
    try:
        vectors, embedded = _embed(chunks, embedder, cache, progress)
    finally:
        cache.close()
    name = time.strftime("v%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    versions = root / "versions"
    versions.mkdir(parents=True, exist_ok=True)
    staging = versions / f".{name}.partial"
    staging.mkdir()
    try:
        write_store(staging / "store.sqlite", documents, chunks)
        dense_kind = _write_dense(staging / "dense.faiss", vectors, embedder.dim)
        _write_lexical(staging / "bm25", chunks)
        manifest = {
            "format_version": FORMAT_VERSION,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "embedder": {"name": embedder.name, "dim": embedder.dim},
            "dense_index": dense_kind,
            "counts": {
                "documents": len(documents),
                "sections": sum(len(d.sections) for d in documents),
                "chunks": len(chunks),
            },
            "sources": {d.id: {"file": d.meta.source, "sha256": d.content_hash} for d in documents},
            "checksums": checksums(staging),
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        _fsync_tree(staging)
        final = versions / name
        os.replace(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    switch_to(root, final)
    _collect_garbage(root, final)
    return BuildResult(
        version=final,
        documents=documents,
        chunks=len(chunks),
        embedded=embedded,
        reused=len(chunks) - embedded,
        seconds=time.perf_counter() - started,
    )
