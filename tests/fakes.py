"""Deterministic fakes (no mocks): an embedder in the spirit of simonw/llm's EmbedDemo."""

from __future__ import annotations

import hashlib
import socket
import time
from collections.abc import Sequence

import numpy as np

from bot.answer.gate import Gate
from bot.ranking.retrieval import Hit
from ingest.models import Chunk, Document, DocumentMeta, Section
from ingest.textnorm import fold


class HashEmbedder:
    """Bag of folded words hashed into `dim` buckets, L2-normalised. Counts its calls."""

    def __init__(self, dim: int = 64, name: str = "fake:hash-64", delay: float = 0.0) -> None:
        self.dim = dim
        self.name = name
        self.delay = delay
        self.passages_embedded = 0

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for word in fold(text).split():
            v[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if self.delay:
            time.sleep(self.delay * len(texts))
        self.passages_embedded += len(texts)
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vec(text)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# A gate that answers from any passage sharing a word with the question: for tests about faults and the LLM
# path, not about refusing (the fitted gates of bot/answer/gate.json read e5's cosines, not a fake embedder's).
ANSWER_ANY = Gate(("coverage",), (0.0,), (1.0,), (10.0,), 0.0, answer_at=0.5, note_at=0.5)


def document(doc_id: str, sections: list[Section], **meta: str) -> Document:
    """A parsed document for answer-level tests: a Sở's công văn of 2026-2027 unless `meta` says otherwise."""
    fields = {
        "doc_type": "Công văn", "doc_number": f"{doc_id}/SGDĐT", "issuer": "Sở GD&ĐT Quảng Ninh",
        "province": "Quảng Ninh", "issued_date": "2026-09-05", "school_year": "2026-2027", "title": "",
        "source": f"{doc_id}.txt", **meta,
    }  # fmt: skip
    return Document(id=doc_id, meta=DocumentMeta(**fields), sections=sections, content_hash=doc_id)


def section_hit(doc: Document, ordinal: int, score: float = 1.0, coverage: float = 0.5) -> Hit:
    """A retrieval hit on one whole section of `doc`."""
    s = doc.sections[ordinal]
    chunk = Chunk(f"{doc.id}-{ordinal}", doc.id, s.path, s.title, ordinal, s.text, "", f"h{ordinal}")
    return Hit(row=ordinal, chunk=chunk, doc=doc, score=score, bm25=1.0, dense=0.85, coverage=coverage)
