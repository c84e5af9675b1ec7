"""GET /metrics over a real socket, parsed with Prometheus' own text parser: counts by channel, latency
histogram, index sizes, conversations, feedback, ingests and OCR pages — and no question text or user id."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import httpx
from prometheus_client.parser import text_string_to_metric_families

from bot.app import build_conversations
from bot.channels.http.app import create_app
from bot.chatdb import ChatDB
from bot.ops.metrics import Metrics
from tests.fakes_http_service import FakeService, serve_in_thread
from tests.test_http_api import make_settings

SECRET_QUESTION = "Câu hỏi riêng tư của cô Lan về chuyển đổi số?"


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def test_metrics_scraped_and_parsed(tmp_path: Path) -> None:
    metrics = Metrics()
    settings, service = make_settings(), FakeService()
    db = ChatDB(tmp_path / "chat.sqlite3")
    app = create_app(
        service, settings, conversations=build_conversations(settings, service, db), metrics=metrics
    )
    metrics.feedback(1)
    metrics.feedback(-1)
    ocr_doc = SimpleNamespace(ocr=SimpleNamespace(pages=[1, 2, 3]))
    metrics.ingested([ocr_doc, SimpleNamespace(ocr=None)], errors=1)
    metrics.answered("telegram", False, 0.2)
    with serve_in_thread(app) as base, httpx.Client(base_url=base) as client:
        assert client.post("/v1/ask", json={"question": SECRET_QUESTION}).status_code == 200
        assert client.post("/v1/ask", json={"question": "quy định về đồng phục"}).status_code == 200
        response = client.get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    text = response.text
    got = _samples(text)
    assert got[("nhiemvu_questions_total", (("channel", "web"), ("outcome", "answered")))] == 1
    assert got[("nhiemvu_questions_total", (("channel", "web"), ("outcome", "refused")))] == 1
    assert got[("nhiemvu_questions_total", (("channel", "telegram"), ("outcome", "refused")))] == 1
    assert got[("nhiemvu_questions_total", (("channel", "zalo"), ("outcome", "answered")))] == 0
    assert got[("nhiemvu_answer_seconds_count", (("channel", "web"),))] == 2
    assert got[("nhiemvu_answer_seconds_bucket", (("channel", "telegram"), ("le", "0.25")))] == 1
    assert got[("nhiemvu_documents", ())] == len(service.list_documents()) > 0
    assert got[("nhiemvu_chunks", ())] == service.health()["chunks"]
    assert got[("nhiemvu_conversations", ())] == 2
    assert got[("nhiemvu_feedback_total", (("vote", "up"),))] == 1
    assert got[("nhiemvu_feedback_total", (("vote", "down"),))] == 1
    assert got[("nhiemvu_ingests_total", (("outcome", "ok"),))] == 1
    assert got[("nhiemvu_ingests_total", (("outcome", "failed"),))] == 1
    assert got[("nhiemvu_ocr_pages_total", ())] == 3
    assert (
        "riêng tư" not in text
        and "chuyển đổi số" not in text
        and "conversation" not in text.replace("nhiemvu_conversations", "")
    )
