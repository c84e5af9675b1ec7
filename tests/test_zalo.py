"""Zalo OA channel: webhook signature, dedup, replies through a fake Zalo API on a real socket, token refresh."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import stat
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.answer.models import Answer
from bot.channels.http.app import create_app
from bot.channels.zalo.client import ZaloClient
from bot.channels.zalo.format import answer_messages, format_answer, split_message
from bot.channels.zalo.signature import SignatureError, signature_header, verify
from bot.settings import Settings
from tests.fake_zalo_api import FakeZaloAPI
from tests.fakes_http_service import FakeService, serve_in_thread

APP_ID, SECRET = "app-1", "oa-secret"
USER = "8412345678901234567"


@pytest.fixture
def fake() -> Iterator[tuple[FakeZaloAPI, str]]:
    api = FakeZaloAPI(app_id=APP_ID, secret=SECRET)
    with serve_in_thread(api.app) as base:
        yield api, base


def zalo_settings(base: str, tmp_path: Path, access: str = "tok-0", refresh: str = "ref-0") -> Settings:
    return Settings(
        _env_file=None,
        zalo_app_id=APP_ID,
        zalo_oa_secret_key=SECRET,  # type: ignore[call-arg]
        zalo_access_token=access,
        zalo_refresh_token=refresh,
        zalo_api_base_url=base,
        zalo_oauth_base_url=base,
        zalo_token_file=tmp_path / "zalo" / "tokens.json",
    )


def event(
    text: str = "chuyển đổi số", msg_id: str = "msg-1", name: str = "user_send_text", ts: int | None = None
) -> dict[str, Any]:
    return {
        "app_id": APP_ID,
        "event_name": name,
        "sender": {"id": USER},
        "recipient": {"id": "oa-9"},
        "message": {"text": text, "msg_id": msg_id},
        "timestamp": str(ts if ts is not None else int(time.time() * 1000)),
    }


def signed(ev: dict[str, Any], secret: str = SECRET) -> tuple[bytes, dict[str, str]]:
    raw = json.dumps(ev, ensure_ascii=False).encode()
    return raw, {
        "X-ZEvent-Signature": signature_header(APP_ID, raw, ev["timestamp"], secret),
        "Content-Type": "application/json",
    }


async def wait_for(cond: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def run(coro_fn: Callable[[], Awaitable[None]], timeout: float = 30) -> None:
    async def guarded() -> None:
        await asyncio.wait_for(coro_fn(), timeout)  # type: ignore[arg-type]

    asyncio.run(guarded())


async def post_webhook(app: Any, raw: bytes, headers: dict[str, str]) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t", timeout=5) as c:
        return await c.post("/zalo/webhook", content=raw, headers=headers)


# --- signature ------------------------------------------------------------------------------------------


def test_signature_vectors() -> None:
    now = 1_700_000_000_000
    ev = event(ts=now)
    raw, headers = signed(ev)
    good = headers["X-ZEvent-Signature"]
    verify(APP_ID, SECRET, raw, good, ev["timestamp"], now_ms=now)  # accepted
    flipped = bytearray(raw)
    flipped[10] ^= 0x01
    reserialised = json.dumps(json.loads(raw), ensure_ascii=False, indent=1).encode()
    assert json.loads(reserialised) == json.loads(raw)
    bad_cases: list[tuple[bytes, str | None, object, int]] = [
        (bytes(flipped), good, ev["timestamp"], now),  # one byte of the body changed
        (reserialised, good, ev["timestamp"], now),  # same JSON, different whitespace
        (raw, signature_header(APP_ID, raw, ev["timestamp"], "wrong-secret"), ev["timestamp"], now),
        (raw, good[4:], ev["timestamp"], now),  # missing "mac="
        (raw, None, ev["timestamp"], now),  # missing header
        (raw, good, ev["timestamp"], now + 6 * 60 * 1000),  # 6 minutes old
        (raw, good, str(now + 1), now),  # timestamp not the one signed
    ]
    for body, header, ts, at in bad_cases:
        with pytest.raises(SignatureError):
            verify(APP_ID, SECRET, body, header, ts, now_ms=at)
    with pytest.raises(SignatureError):  # not configured: refuse everything
        verify(APP_ID, "", raw, good, ev["timestamp"], now_ms=now)


def test_webhook_rejects_bad_signatures_before_any_handler(
    fake: tuple[FakeZaloAPI, str], tmp_path: Path
) -> None:
    api, base = fake
    service = FakeService()

    async def go() -> None:
        client = ZaloClient(zalo_settings(base, tmp_path), backoff_seconds=0.01)
        app = create_app(service, zalo_settings(base, tmp_path), zalo=client)
        ev = event()
        raw, headers = signed(ev)
        old = event(ts=int(time.time() * 1000) - 6 * 60 * 1000)
        old_raw, old_headers = signed(old)
        cases = [
            (raw[:-2] + b" }", headers),  # body changed after signing
            (json.dumps(ev, indent=2).encode(), headers),  # re-serialised
            signed(ev, secret="not-the-secret"),
            (raw, {**headers, "X-ZEvent-Signature": headers["X-ZEvent-Signature"][4:]}),
            (raw, {"Content-Type": "application/json"}),
            (old_raw, old_headers),
            (b"not json", headers),
        ]
        for body, hdrs in cases:
            r = await post_webhook(app, body, hdrs)
            assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_signature"
        await asyncio.sleep(0.2)
        assert service.asked == [] and api.send_calls == []
        await client.aclose()

    run(go)


# --- webhook → answer → reply -----------------------------------------------------------------------------


def test_event_answered_with_citation_and_acked_fast(fake: tuple[FakeZaloAPI, str], tmp_path: Path) -> None:
    api, base = fake
    logged: list[dict[str, Any]] = []
    service = FakeService(delay=0.5)  # a slow answer must not delay the acknowledgement

    async def go() -> None:
        settings = zalo_settings(base, tmp_path)
        client = ZaloClient(settings, backoff_seconds=0.01)
        app = create_app(service, settings, zalo=client, log=lambda **kw: logged.append(kw))
        raw, headers = signed(event("Đẩy mạnh chuyển đổi số thế nào?"))
        start = time.monotonic()
        r = await post_webhook(app, raw, headers)
        assert time.monotonic() - start < 0.3
        assert r.status_code == 200 and r.json() == {"ok": True}
        await wait_for(lambda: len(api.sent) == 1 and len(logged) == 1)
        await client.aclose()

    run(go)
    text = api.texts_for(USER)[0]
    assert "Đẩy mạnh chuyển đổi số" in text
    assert "Nguồn: Chỉ thị 04/CT-UBND (UBND tỉnh An Giang, 14/9/2021), mục I.1, năm học 2021-2022" in text
    assert logged[0]["channel"] == "zalo" and logged[0]["user_id"] == USER and logged[0]["found"] is True
    assert logged[0]["cited_docs"] == ["angiang-2021"]


def test_duplicate_msg_id_echo_and_other_events(fake: tuple[FakeZaloAPI, str], tmp_path: Path) -> None:
    api, base = fake
    service = FakeService()

    async def go() -> None:
        settings = zalo_settings(base, tmp_path)
        client = ZaloClient(settings, backoff_seconds=0.01)
        app = create_app(service, settings, zalo=client)
        for ev in (
            event(msg_id="dup"),
            event(msg_id="dup"),  # Zalo redelivery
            event(name="oa_send_text", msg_id="echo-1"),  # our own reply echoed back
            event(name="user_send_image", msg_id="img-1"),
            event(name="follow", msg_id="f-1"),
        ):
            r = await post_webhook(app, *signed(ev))
            assert r.status_code == 200 and r.json() == {"ok": True}
        await wait_for(lambda: len(api.sent) == 1)
        await asyncio.sleep(0.3)  # give a wrongly scheduled second reply time to show up
        await client.aclose()

    run(go)
    assert len(api.sent) == 1 and len(service.asked) == 1


def test_refused_and_invalid_questions_get_a_reply(fake: tuple[FakeZaloAPI, str], tmp_path: Path) -> None:
    api, base = fake

    async def go() -> None:
        settings = zalo_settings(base, tmp_path)
        client = ZaloClient(settings, backoff_seconds=0.01)
        app = create_app(FakeService(), settings, zalo=client)
        await post_webhook(app, *signed(event("lương hưu", msg_id="a")))
        await post_webhook(app, *signed(event("12345", msg_id="b")))
        await wait_for(lambda: len(api.sent) == 2)
        await client.aclose()

    run(go)
    texts = sorted(api.texts_for(USER))
    assert texts == sorted(
        ["Câu hỏi cần có chữ.", "Không tìm thấy nội dung phù hợp trong các văn bản hiện có."]
    )


class LongService(FakeService):
    def ask(
        self,
        question: str,
        province: str | None = None,
        school_year: str | None = None,
        within: Any = None,
        intent: Any = None,
    ) -> Answer:
        base = super().ask("chuyển đổi số")
        sentence = "Các trường tiếp tục triển khai nhiệm vụ chuyển đổi số theo kế hoạch đã được phê duyệt. "
        base.answer = sentence * 60  # ~5,000 characters
        return base


def test_long_answer_split_into_ordered_messages(fake: tuple[FakeZaloAPI, str], tmp_path: Path) -> None:
    api, base = fake

    async def go() -> None:
        settings = zalo_settings(base, tmp_path)
        client = ZaloClient(settings, backoff_seconds=0.01)
        app = create_app(LongService(), settings, zalo=client)
        await post_webhook(app, *signed(event("x y z")))
        await wait_for(lambda: len(api.sent) >= 3)
        await asyncio.sleep(0.1)
        await client.aclose()

    run(go)
    texts = api.texts_for(USER)
    assert len(texts) == 3 and all(len(t) <= 2000 for t in texts)
    assert all(t.endswith(".") for t in texts[:-1])  # cut at sentence ends
    assert texts[-1].splitlines()[-1].startswith("Nguồn: ")


def test_split_message_boundaries() -> None:
    paragraphs = ["Đoạn một. " * 50, "Đoạn hai có câu rất dài " * 10 + ".", "Nguồn: Chỉ thị 04/CT-UBND"]
    parts = split_message("\n\n".join(paragraphs), limit=600)
    assert all(len(p) <= 600 for p in parts)
    assert parts[-1].endswith("Nguồn: Chỉ thị 04/CT-UBND")
    assert " ".join(" ".join(parts).split()) == " ".join(" ".join(paragraphs).split())  # nothing lost
    one_word = "a" * 4500  # no boundary at all: hard cut, still nothing lost
    assert [len(p) for p in split_message(one_word)] == [2000, 2000, 500]
    words = " ".join(["từ"] * 1500)  # no sentence end: cut between words
    assert all(
        not p.startswith(" ") and len(p) <= 2000 and p.split()[-1] == "từ" for p in split_message(words)
    )
    assert split_message("   ") == []
    answer = Answer(question="q", found=False, answer="Không tìm thấy.", notes=["Thử hỏi cách khác."])
    assert answer_messages(answer) == ["Không tìm thấy.\n\nThử hỏi cách khác."]


def test_citation_lines_not_repeated() -> None:
    found = FakeService().ask("chuyển đổi số")
    label = found.citations[0].label()
    text = format_answer(found)
    assert text.count("Nguồn: ") == len({c.label() for c in found.citations})
    # A composed answer that already ends with its source line does not get it twice.
    found.answer = f"Đẩy mạnh chuyển đổi số.\n\nNguồn: {label} (Chuyển đổi số), năm học 2021-2022."
    assert format_answer(found).count(label) == 1


# --- client: token refresh and retries ----------------------------------------------------------------------


def test_expired_token_refreshed_once_for_20_concurrent_replies(
    fake: tuple[FakeZaloAPI, str], tmp_path: Path
) -> None:
    api, base = fake
    api.access_token = "tok-live"  # the configured tok-0 has expired
    settings = zalo_settings(base, tmp_path)
    results: list[bool] = []

    async def go() -> None:
        client = ZaloClient(settings, backoff_seconds=0.01)
        results.extend(await asyncio.gather(*(client.send_text(f"u{i}", f"tin {i}") for i in range(20))))
        await client.aclose()

    run(go)
    assert results == [True] * 20
    assert len(api.refresh_calls) == 1
    call = api.refresh_calls[0]
    assert call["secret_key"] == SECRET
    assert call["form"] == {"refresh_token": "ref-0", "app_id": APP_ID, "grant_type": "refresh_token"}
    assert sorted(m["text"] for m in api.sent) == sorted(f"tin {i}" for i in range(20))
    stored = json.loads(settings.zalo_token_file.read_text())
    assert stored["access_token"] == "tok-1" and stored["refresh_token"] == "ref-1"
    assert stat.S_IMODE(os.stat(settings.zalo_token_file).st_mode) == 0o600
    assert [p.name for p in settings.zalo_token_file.parent.iterdir()] == ["tokens.json"]  # no tmp left

    # A restart loads the stored pair (the .env pair is stale): no further refresh.
    async def again() -> None:
        client = ZaloClient(settings, backoff_seconds=0.01)
        assert await client.send_text("u1", "sau khi khởi động lại")
        await client.aclose()

    run(again)
    assert len(api.refresh_calls) == 1 and api.sent[-1]["token"] == "tok-1"


def test_refresh_rejected_gives_up_without_hammering(
    fake: tuple[FakeZaloAPI, str], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    api, base = fake
    api.access_token, api.refresh_token = "tok-live", "ref-other"
    results: list[bool] = []

    async def go() -> None:
        client = ZaloClient(zalo_settings(base, tmp_path), backoff_seconds=0.01)
        results.extend(await asyncio.gather(*(client.send_text("u", "x") for _ in range(5))))
        await client.aclose()

    with caplog.at_level(logging.INFO):
        run(go)
    assert results == [False] * 5 and len(api.refresh_calls) == 1
    assert SECRET not in caplog.text and "ref-0" not in caplog.text


def test_retryable_errors_then_success(fake: tuple[FakeZaloAPI, str], tmp_path: Path) -> None:
    api, base = fake
    api.script = [(503, {"message": "busy"}), (200, {"error": -32, "message": "Exceed limit request"})]
    ok: list[bool] = []

    async def go() -> None:
        client = ZaloClient(zalo_settings(base, tmp_path), backoff_seconds=0.01)
        ok.append(await client.send_text(USER, "xin chào"))
        await client.aclose()

    run(go)
    assert ok == [True] and len(api.send_calls) == 3 and len(api.sent) == 1


def test_retries_are_bounded(fake: tuple[FakeZaloAPI, str], tmp_path: Path) -> None:
    api, base = fake
    api.script = [(502, {})] * 5
    ok: list[bool] = []

    async def go() -> None:
        client = ZaloClient(zalo_settings(base, tmp_path), backoff_seconds=0.01, max_attempts=3)
        ok.append(await client.send_text(USER, "xin chào"))
        await client.aclose()

    run(go)
    assert ok == [False] and len(api.send_calls) == 3 and api.sent == []


def test_network_error_is_retried_then_given_up(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as s:  # a port nobody listens on: connection refused
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    ok: list[bool] = []

    async def go() -> None:
        client = ZaloClient(zalo_settings(dead, tmp_path), backoff_seconds=0.01, timeout_seconds=2)
        ok.append(await client.send_text(USER, "xin chào"))
        await client.aclose()

    with caplog.at_level(logging.WARNING, logger="bot.channels.zalo"):
        run(go)
    assert ok == [False]
    assert caplog.text.count("thử lại lần") == 2 and "sau 3 lần" in caplog.text


def test_final_error_code_not_retried_and_logged(
    fake: tuple[FakeZaloAPI, str], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    api, base = fake
    api.script = [(200, {"error": -213, "message": "User has not followed OA"})]
    ok: list[bool] = []

    async def go() -> None:
        client = ZaloClient(zalo_settings(base, tmp_path), backoff_seconds=0.01)
        ok.append(await client.send_text(USER, "xin chào"))
        await client.aclose()

    with caplog.at_level(logging.INFO, logger="bot.channels.zalo"):
        run(go)
    assert ok == [False] and len(api.send_calls) == 1
    assert "-213" in caplog.text
    assert "tok-0" not in caplog.text and SECRET not in caplog.text
