"""Composition root: the one place that builds the embedder, index, retriever, LLM client and AnswerService."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from bot.answer.api import AnswerServiceAPI
from bot.answer.gate import load_gates
from bot.answer.rerank import load_rerankers
from bot.answer.service import AnswerService
from bot.chatdb import ChatDB
from bot.conversation.service import ConversationService
from bot.conversation.state import ConversationStore
from bot.ranking.retrieval import LiveIndex, Mode, Retriever
from bot.settings import Settings
from bot.understanding import register
from index.embedders import Embedder, is_e5, make_embedder

log = logging.getLogger(__name__)


def build_embedder(settings: Settings, batch: bool = False) -> Embedder:
    """`batch` for ingestion jobs, where all cores go to embedding; serving keeps one thread per query."""
    threads = settings.nhiemvu_ingest_threads if batch else settings.nhiemvu_embed_threads
    bulk = settings.nhiemvu_ingest_bulk_from if batch and settings.nhiemvu_ingest_bulk_from > 0 else None
    return make_embedder(settings.nhiemvu_embedder, threads=threads, bulk_from=bulk)


def build_reranker(settings: Settings) -> Any | None:
    if not settings.nhiemvu_reranker:
        return None
    from sentence_transformers import CrossEncoder  # heavy import only when configured

    return CrossEncoder(settings.nhiemvu_reranker, device="cpu")


def _llm_client(settings: Settings) -> Any:
    """One OpenAI-compatible client configuration for answers and follow-up condensation."""
    from bot.answer.llm import OpenAICompatibleClient

    return OpenAICompatibleClient(
        settings.llm_base_url,
        settings.llm_api_key.get_secret_value(),
        settings.llm_model,
        timeout=settings.llm_timeout_seconds,
    )


def build_llm(settings: Settings) -> Any | None:
    if not settings.llm_configured:
        return None
    from bot.answer.llm import LLMAnswerer
    from bot.prompts import load_prompts

    return LLMAnswerer(_llm_client(settings), load_prompts(settings.nhiemvu_prompts_dir))


def build_condenser(settings: Settings) -> Any | None:
    """With an LLM configured, follow-ups may be rewritten by it (checked against the rules, see condense.py)."""
    if not settings.llm_configured:
        return None
    from bot.conversation.condense import LLMCondenser
    from bot.prompts import load_condense_prompt

    return LLMCondenser(_llm_client(settings), load_condense_prompt(settings.nhiemvu_prompts_dir))


def build_conversations(
    settings: Settings,
    service: AnswerServiceAPI,
    db: ChatDB | None = None,
    condenser: Any | None = None,
) -> ConversationService:
    """Conversations in the shared SQLite file (`db`, default NHIEMVU_DB); a ConversationService passes through."""
    if isinstance(service, ConversationService):
        return service
    store = ConversationStore(
        db if db is not None else ChatDB(settings.nhiemvu_db),
        ttl_seconds=settings.nhiemvu_conversation_minutes * 60,
    )
    return ConversationService(
        service,
        store,
        condenser=condenser if condenser is not None else build_condenser(settings),
        today=settings.today,
    )


def build_service(
    settings: Settings,
    index_dir: Path | None = None,
    embedder: Embedder | None = None,
    mode: Mode = "hybrid",
    fusion: str = "weighted",
    llm: Any | None = None,
) -> AnswerService:
    register.table()  # the table of everyday wordings is data: a broken line stops the start-up, not a question
    embedder = embedder or build_embedder(settings)
    live = LiveIndex(index_dir or settings.nhiemvu_index_dir, embedder.name)
    retriever = Retriever(embedder, mode=mode, fusion=fusion, reranker=build_reranker(settings))
    # The learned models' dense signals are multilingual-e5's cosines: another embedder gets the lexical ones.
    scale = "dense" if is_e5(embedder.name) and mode != "bm25" else "lexical"
    return AnswerService(
        live,
        retriever,
        embedder,
        today=settings.today,
        llm=llm if llm is not None else build_llm(settings),
        max_question_chars=settings.nhiemvu_max_question_chars,
        ocr=settings.ocr_options(),
        gate=load_gates()[scale],
        reorder=load_rerankers()[scale],
    )
