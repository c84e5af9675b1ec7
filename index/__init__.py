"""The search index: embedders, lexical tokens, SQLite store, FAISS + BM25, atomic builds."""
