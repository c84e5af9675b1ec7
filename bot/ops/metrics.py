"""Prometheus metrics served at GET /metrics: counts and latencies only — never question text or user ids.

One `Metrics` per process (METRICS), on its own registry so that tests can make fresh ones. Channels call
`answered`, `feedback` and `ingested`; documents, chunks and live conversations are read when scraped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

# Answer latencies on 2 cores: most under a second, a saturated queue up to its bound.
LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0)
CONTENT_TYPE = CONTENT_TYPE_LATEST


class Metrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self.questions = Counter(
            "nhiemvu_questions", "Câu hỏi đã trả lời/từ chối, theo kênh", ["channel", "outcome"], registry=r
        )
        self.latency = Histogram(
            "nhiemvu_answer_seconds", "Thời gian trả lời", ["channel"], buckets=LATENCY_BUCKETS, registry=r
        )
        self.shed = Counter("nhiemvu_shed", "Câu hỏi bị từ chối vì quá tải", ["channel"], registry=r)
        self.feedbacks = Counter("nhiemvu_feedback", "Góp ý 👍/👎", ["vote"], registry=r)
        self.ingests = Counter("nhiemvu_ingests", "Lần nạp văn bản", ["outcome"], registry=r)
        self.ocr_pages = Counter("nhiemvu_ocr_pages", "Trang đã nhận dạng bằng OCR", registry=r)
        self.documents = Gauge("nhiemvu_documents", "Văn bản trong chỉ mục đang phục vụ", registry=r)
        self.chunks = Gauge("nhiemvu_chunks", "Đoạn trong chỉ mục đang phục vụ", registry=r)
        self.conversations = Gauge("nhiemvu_conversations", "Hội thoại đang mở", registry=r)
        for channel in ("telegram", "web", "zalo"):  # zeros from the start: rate() needs a first sample
            for outcome in ("answered", "refused"):
                self.questions.labels(channel, outcome)
        for outcome in ("ok", "failed"):
            self.ingests.labels(outcome)

    def answered(self, channel: str, found: bool, seconds: float) -> None:
        self.questions.labels(channel, "answered" if found else "refused").inc()
        self.latency.labels(channel).observe(seconds)

    def feedback(self, vote: int) -> None:
        self.feedbacks.labels("up" if vote > 0 else "down").inc()

    def ingested(self, documents: list[Any], errors: int) -> None:
        """After an ingest: documents added (with their OCR info, if any) and files that failed."""
        if documents:
            self.ingests.labels("ok").inc()
        if errors:
            self.ingests.labels("failed").inc(errors)
        self.ocr_pages.inc(sum(len(d.ocr.pages) for d in documents if getattr(d, "ocr", None) is not None))

    def watch(
        self, health: Callable[[], dict[str, Any]], live_conversations: Callable[[], int] | None
    ) -> None:
        """Read the index counts (and open conversations) at each scrape, from the serving process."""
        self.documents.set_function(lambda: float(health().get("documents", 0) or 0))
        self.chunks.set_function(lambda: float(health().get("chunks", 0) or 0))
        if live_conversations is not None:
            self.conversations.set_function(lambda: float(live_conversations()))

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


METRICS = Metrics()


def open_conversations(
    db: Any, ttl_seconds: float, clock: Callable[[], float] = time.time
) -> Callable[[], int]:
    """A counter of conversations spoken in within the last `ttl_seconds` (no ids leave the db)."""

    def count() -> int:
        since = clock() - ttl_seconds
        return int(
            db.run(
                lambda c: c.execute(
                    "SELECT COUNT(*) FROM conversations WHERE updated_at >= ?", (since,)
                ).fetchone()[0]
            )
        )

    return count
