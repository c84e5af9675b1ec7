"""The lexical index (BM25 over index/tokens.py's tokens) and its parameters.

k1 is BM25's term-frequency saturation, fitted on the training folds by document (docs/evaluation.md, 2026-12-06
fourth round): directives repeat their subject in every part ("nổ mìn", "khoáng sản"), and with bm25s's default
1.5 a passage repeating one question word outranked one writing all of them. b stays at its default.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from index.tokens import tokenize

BM25_K1 = 0.6
BM25_B = 0.75
BM25_METHOD = "lucene"  # bm25s's default; BM25+ and BM25L measured no better (docs/evaluation.md)


def build_bm25(texts: Sequence[str]) -> Any:
    """A bm25s index of `texts` (the chunks' search texts, in row order) with this project's parameters."""
    import bm25s

    bm25 = bm25s.BM25(k1=BM25_K1, b=BM25_B, method=BM25_METHOD)
    bm25.index([tokenize(t) for t in texts], show_progress=False)
    return bm25


def is_current(bm25: Any) -> bool:
    """Whether a loaded index was built with today's parameters (an index built before a refit keeps its own)."""
    return (float(bm25.k1), float(bm25.b), str(bm25.method)) == (BM25_K1, BM25_B, BM25_METHOD)
