"""Deterministic fakes (no mocks): an embedder in the spirit of simonw/llm's EmbedDemo."""

from __future__ import annotations

import hashlib
import socket
import time
from collections.abc import Sequence

import numpy as np

from bot.answer.gate import Gate
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
