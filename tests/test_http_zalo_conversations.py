"""Conversations over the HTTP API (server-issued conversation_id) and on Zalo (one per follower)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bot.channels.http.app import create_app
from bot.channels.zalo.client import ZaloClient
from tests.fake_zalo_api import FakeZaloAPI
from tests.fakes_http_service import FakeService
from tests.test_http_api import call, make_settings
from tests.test_zalo import APP_ID, USER, post_webhook, run, signed, wait_for, zalo_settings

FIRST = "Năm học 2021-2022 An Giang đẩy mạnh chuyển đổi số thế nào?"
FOLLOW = "còn Lào Cai thì sao?"
UNDERSTOOD = "Lào Cai đẩy mạnh chuyển đổi số thế nào?"  # Lào Cai has no 2021-2022 document: year dropped


def test_http_conversation_id_is_issued_and_continued() -> None:
    service = FakeService()
    app = create_app(service, make_settings())
    first = call(app, "POST", "/v1/ask", json={"question": FIRST}).json()
    cid = first["conversation_id"]
    assert first["understood_as"] is None and isinstance(cid, str) and len(cid) >= 20
    second = call(app, "POST", "/v1/ask", json={"question": FOLLOW, "conversation_id": cid}).json()
    assert second["conversation_id"] == cid and second["understood_as"] == UNDERSTOOD
    assert second["answer"].startswith(f"Hiểu là: {UNDERSTOOD}\n")
    assert second["question"] == FOLLOW and service.asked[-1][0] == UNDERSTOOD
    # another client without the id starts its own conversation
    other = call(app, "POST", "/v1/ask", json={"question": FOLLOW}).json()
    assert other["understood_as"] is None and other["conversation_id"] not in (None, cid)


def test_http_unknown_expired_and_forgotten_ids_start_afresh() -> None:
    app = create_app(FakeService(), make_settings(nhiemvu_conversation_minutes=0.002))  # 120 ms
    unknown = call(
        app, "POST", "/v1/ask", json={"question": FOLLOW, "conversation_id": "not-issued-here"}
    ).json()
    assert unknown["understood_as"] is None and unknown["conversation_id"] != "not-issued-here"
    cid = call(app, "POST", "/v1/ask", json={"question": FIRST}).json()["conversation_id"]
    time.sleep(0.3)
    expired = call(app, "POST", "/v1/ask", json={"question": FOLLOW, "conversation_id": cid}).json()
    assert expired["understood_as"] is None and expired["conversation_id"] != cid

    app = create_app(FakeService(), make_settings())
    cid = call(app, "POST", "/v1/ask", json={"question": FIRST}).json()["conversation_id"]
    assert call(app, "DELETE", f"/v1/conversations/{cid}").status_code == 204
    forgotten = call(app, "POST", "/v1/ask", json={"question": FOLLOW, "conversation_id": cid}).json()
    assert forgotten["understood_as"] is None and forgotten["conversation_id"] != cid


def test_http_rejects_malformed_conversation_ids() -> None:
    app = create_app(FakeService(), make_settings())
    for bad in ("../etc", "x" * 65, "a b"):
        r = call(app, "POST", "/v1/ask", json={"question": FIRST, "conversation_id": bad})
        assert r.status_code == 422 and "hội thoại" in r.json()["error"]["message"]


def zalo_event(text: str, msg_id: str, sender: str) -> dict[str, Any]:
    return {
        "app_id": APP_ID,
        "event_name": "user_send_text",
        "sender": {"id": sender},
        "recipient": {"id": "oa-9"},
        "message": {"text": text, "msg_id": msg_id},
        "timestamp": str(int(time.time() * 1000)),
    }


def test_zalo_conversation_per_follower(tmp_path: Path) -> None:
    from tests.fakes_http_service import serve_in_thread

    api = FakeZaloAPI(app_id=APP_ID, secret="oa-secret")
    other = "8400000000000000001"
    with serve_in_thread(api.app) as base:

        async def go() -> None:
            settings = zalo_settings(base, tmp_path)
            client = ZaloClient(settings, backoff_seconds=0.01)
            app = create_app(FakeService(), settings, zalo=client)
            for n, (text, sender) in enumerate([(FIRST, USER), (FOLLOW, USER), (FOLLOW, other)], 1):
                await post_webhook(app, *signed(zalo_event(text, f"m{n}", sender)))
                await wait_for(lambda n=n: len(api.sent) >= n)  # type: ignore[misc]
            await post_webhook(app, *signed(zalo_event("/moi", "m4", USER)))
            await wait_for(lambda: len(api.sent) >= 4)
            await post_webhook(app, *signed(zalo_event(FOLLOW, "m5", USER)))
            await wait_for(lambda: len(api.sent) >= 5)
            await client.aclose()

        run(go)
    mine, theirs = api.texts_for(USER), api.texts_for(other)
    assert "Hiểu là" not in mine[0] and mine[1].startswith(f"Hiểu là: {UNDERSTOOD}")
    assert "Hiểu là" not in theirs[0]  # another follower's message never continues this one
    assert mine[2].startswith("Đã bắt đầu câu hỏi mới") and "Hiểu là" not in mine[3]
