"""Fusing lexical and dense results: reciprocal rank fusion or normalised weighted sum."""

from __future__ import annotations

RRF_K = 60


def rrf(rankings: list[dict[int, float]], k: int = RRF_K) -> dict[int, float]:
    """Σ 1/(k + rank) over the result lists a row appears in (rank from 1, by descending score)."""
    fused: dict[int, float] = {}
    for scores in rankings:
        for rank, (row, _) in enumerate(sorted(scores.items(), key=lambda kv: -kv[1]), start=1):
            fused[row] = fused.get(row, 0.0) + 1.0 / (k + rank)
    return fused


def _normalise(scores: dict[int, float]) -> dict[int, float]:
    """Min-max to [0, 1] within the candidate list; a single candidate gets 1."""
    if not scores:
        return {}
    lo, hi = min(scores.values()), max(scores.values())
    if hi - lo < 1e-9:
        return {r: 1.0 for r in scores}
    return {r: (s - lo) / (hi - lo) for r, s in scores.items()}


def weighted(lexical: dict[int, float], dense: dict[int, float], dense_weight: float) -> dict[int, float]:
    """(1-w)·lexical + w·dense, each min-max normalised; a row missing from one list scores 0 there."""
    lex, den = _normalise(lexical), _normalise(dense)
    rows = set(lex) | set(den)
    return {r: (1 - dense_weight) * lex.get(r, 0.0) + dense_weight * den.get(r, 0.0) for r in rows}
