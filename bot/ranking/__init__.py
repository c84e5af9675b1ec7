"""Ranking: hybrid BM25 + dense search, fusion, and the bonuses that order sections for a question."""
