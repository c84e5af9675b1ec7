"""One built index version on disk, verified against its manifest before use.

Layout of the index directory (NHIEMVU_INDEX_DIR):

    CURRENT                  name of the live version (replaced atomically)
    versions/<name>/         manifest.json, store.sqlite, dense.faiss, bm25/
    library/                 copies of every ingested source file
    cache/embeddings.sqlite  embeddings by chunk hash
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index import lexical
from index.store import Store

log = logging.getLogger(__name__)
MANIFEST = "manifest.json"
FORMAT_VERSION = 1


class IndexUnavailable(Exception):
    """No usable index: missing, corrupt, or built with another embedder. Message is Vietnamese."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checksums(version_dir: Path) -> dict[str, str]:
    return {
        str(p.relative_to(version_dir)): sha256_file(p)
        for p in sorted(version_dir.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


def current_version(root: Path) -> Path | None:
    pointer = root / "CURRENT"
    if not pointer.is_file():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    return root / "versions" / name if name else None


@dataclass
class Snapshot:
    path: Path
    manifest: dict[str, Any]
    store: Store
    dense: Any  # faiss.Index
    bm25: Any  # bm25s.BM25
    # Built with older BM25 parameters, so re-indexed in memory when loaded (index.lexical).
    lexical_rebuilt: bool = False

    @property
    def embedder_name(self) -> str:
        return str(self.manifest["embedder"]["name"])

    def dense_scores(
        self, query_vec: np.ndarray, k: int, allowed: np.ndarray | None
    ) -> list[tuple[int, float]]:
        import faiss

        n = self.dense.ntotal
        if n == 0:
            return []
        q = np.asarray(query_vec, dtype=np.float32).reshape(1, -1)
        params = None
        if allowed is not None:
            ids = np.flatnonzero(allowed).astype(np.int64)
            if ids.size == 0:
                return []
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(ids))  # type: ignore[call-arg]
        scores, rows = self.dense.search(q, min(k, n), params=params)
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]

    def lexical_scores(self, tokens: list[str], allowed: np.ndarray | None) -> np.ndarray:
        if not self.store.chunks:
            return np.zeros(0, dtype=np.float32)
        scores = np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        return scores


def load_snapshot(root: Path, embedder_name: str | None = None, version: Path | None = None) -> Snapshot:
    """Load and verify the live version; refuse anything that does not match its manifest."""
    import bm25s
    import faiss

    path = version or current_version(root)
    if path is None or not path.is_dir():
        raise IndexUnavailable(f"Chưa có chỉ mục trong {root}. Hãy chạy: nhiemvu ingest")
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexUnavailable(f"Chỉ mục {path.name} hỏng: không đọc được manifest ({exc}).") from exc
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexUnavailable(f"Chỉ mục {path.name} có định dạng khác ({manifest.get('format_version')}).")
    expected = manifest.get("checksums", {})
    actual = checksums(path)
    if expected != actual:
        bad = sorted(set(expected) ^ set(actual) | {k for k in expected if actual.get(k) != expected[k]})
        raise IndexUnavailable(f"Chỉ mục {path.name} hỏng: tệp không khớp manifest ({', '.join(bad)}).")
    name = manifest["embedder"]["name"]
    if embedder_name is not None and embedder_name != name:
        raise IndexUnavailable(
            f"Chỉ mục được xây bằng bộ nhúng {name!r} nhưng truy vấn dùng {embedder_name!r}: hãy nạp lại (nhiemvu ingest)."
        )
    try:
        store = Store(path / "store.sqlite")
        dense = faiss.read_index(str(path / "dense.faiss"))
        bm25 = bm25s.BM25.load(str(path / "bm25"), show_progress=False) if store.chunks else None
    except Exception as exc:  # noqa: BLE001 - any reader failure means the same thing to the user
        raise IndexUnavailable(f"Chỉ mục {path.name} hỏng: {exc}") from exc
    counts = manifest.get("counts", {})
    if counts.get("chunks") != len(store.chunks) or dense.ntotal != len(store.chunks):
        raise IndexUnavailable(f"Chỉ mục {path.name} hỏng: số đoạn không khớp manifest.")
    rebuilt = False
    if bm25 is not None and not lexical.is_current(bm25):
        rebuilt = True
        # Built before BM25's parameters were refitted: re-indexed in memory from the stored passages (seconds),
        # so an upgrade answers as a fresh build would without a manual re-ingest; the files stay as verified.
        log.warning(
            "Chỉ mục %s dùng BM25 k1=%s, b=%s; dựng lại phần từ vựng trong bộ nhớ (nhiemvu ingest sẽ lưu lại).",
            path.name,
            bm25.k1,
            bm25.b,
        )
        bm25 = lexical.build_bm25([c.search_text for c in store.chunks])
    return Snapshot(
        path=path, manifest=manifest, store=store, dense=dense, bm25=bm25, lexical_rebuilt=rebuilt
    )


def load_best(root: Path, embedder_name: str | None = None) -> Snapshot:
    """The live version if it verifies; else the newest older version that does (a corrupt file never serves)."""
    try:
        return load_snapshot(root, embedder_name)
    except IndexUnavailable as first:
        live = current_version(root)
        versions = root / "versions"
        if live is None or not versions.is_dir() or "bộ nhúng" in str(first):
            raise
        older = sorted(
            (p for p in versions.iterdir() if p.is_dir() and not p.name.startswith(".") and p != live),
            key=lambda p: p.name,
            reverse=True,
        )
        for candidate in older:
            try:
                snapshot = load_snapshot(root, embedder_name, version=candidate)
            except IndexUnavailable:
                continue
            log.warning("%s — đang dùng phiên bản tốt gần nhất %s", first, candidate.name)
            return snapshot
        raise
