"""Ingestion: files → clean text → header metadata → section tree → chunks."""
