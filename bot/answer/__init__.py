"""Answering: retrieval results → extractive or LLM answer with verified citations."""
