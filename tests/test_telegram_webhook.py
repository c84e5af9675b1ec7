"""The Telegram channel in webhook mode: the real PTB Application behind its own webhook server.

Telegram's side is played by the fake Bot API (it records setWebhook and sendMessage) and by this test,
which POSTs updates to the local webhook as Telegram would, with and without the secret header.
One test drives the lifecycle in-process with the parameters `run_telegram` uses (`webhook_options`);
another runs `run_telegram` itself in a child process and stops it with SIGTERM.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.channels.telegram import TelegramConfigError, build_application
from bot.channels.telegram.run import webhook_options
from bot.chatdb import ChatDB
from bot.settings import Settings
from tests.fake_bot_api import TOKEN, FakeBotAPI
from tests.fakes import free_port
from tests.fakes_service import FakeAnswerService

REPO = Path(__file__).resolve().parent.parent
USER = 1001
SECRET = "hook_Secret-123"
WEBHOOK_URL = "https://nhiemvu.example.vn/tg/hook-abc"  # the public side; the proxy forwards to us
LOCAL_PATH = "/tg/hook-abc"
QUESTION = "chuyển đổi số"  # the fake service cites a section for it
TIMEOUT = 15.0

Scenario = Callable[[FakeBotAPI, FakeAnswerService, str], Awaitable[None]]


def make_settings(api: FakeBotAPI, tmp_path: Path, port: int, **overrides: Any) -> Settings:
    values: dict[str, Any] = dict(
        telegram_bot_token=TOKEN,
        telegram_api_base_url=api.base_url,
        telegram_api_file_url=api.file_url,
        telegram_webhook_secret=SECRET,
        telegram_webhook_listen="127.0.0.1",
        telegram_webhook_port=port,
        nhiemvu_db=tmp_path / "db" / "chat.sqlite3",
        user_questions_per_minute=100,
    )
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def update(api: FakeBotAPI, update_id: int, text: str) -> dict[str, Any]:
    """What Telegram POSTs for a private text message."""
    return {"update_id": update_id, "message": api.message(USER, USER, text)}


async def post(
    client: httpx.AsyncClient, url: str, body: dict[str, Any], secret: str | None
) -> httpx.Response:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    return await client.post(url, json=body, headers=headers)


async def _webhook_session(
    api: FakeBotAPI, service: FakeAnswerService, settings: Settings, scenario: Scenario
) -> None:
    """run_webhook's order by hand: initialize, post_init, updater.start_webhook, start."""
    options = webhook_options(settings, WEBHOOK_URL)
    chatdb = ChatDB(settings.nhiemvu_db)
    app = build_application(service, settings, chatdb)
    await app.initialize()
    try:
        assert app.post_init is not None and app.updater is not None
        await app.post_init(app)
        await app.updater.start_webhook(**options)
        await app.start()
        local = f"http://127.0.0.1:{options['port']}/{options['url_path']}"
        await asyncio.wait_for(scenario(api, service, local), TIMEOUT)
    finally:
        if app.updater and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        chatdb.close()


def test_webhook_options_match_run_telegram_checks(api: FakeBotAPI, tmp_path: Path) -> None:
    settings = make_settings(api, tmp_path, 8443)
    options = webhook_options(settings, WEBHOOK_URL)
    assert options == {
        "listen": "127.0.0.1",
        "port": 8443,
        "url_path": LOCAL_PATH.lstrip("/"),
        "webhook_url": WEBHOOK_URL,
        "secret_token": SECRET,
        "allowed_updates": ["message", "callback_query"],
    }
    with pytest.raises(TelegramConfigError, match="https"):
        webhook_options(settings, "http://nhiemvu.example.vn/tg/hook")
    for bad in ("", "   ", "has space", "dấu", "x" * 257):
        with pytest.raises(TelegramConfigError, match="TELEGRAM_WEBHOOK_SECRET"):
            webhook_options(make_settings(api, tmp_path, 8443, telegram_webhook_secret=bad), WEBHOOK_URL)


def test_webhook_secret_token_in_process(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, local: str) -> None:
        # (3) the webhook was registered with the secret and only the updates the bot handles
        registered = api.calls_of("setWebhook")
        assert len(registered) == 1, registered
        assert registered[0]["url"] == WEBHOOK_URL
        assert registered[0]["secret_token"] == SECRET
        assert registered[0]["allowed_updates"] == ["message", "callback_query"]

        mark = api.mark()
        async with httpx.AsyncClient(timeout=5.0) as client:
            # (2) a wrong or missing secret: 403 before the update reaches any handler
            for n, secret in enumerate((None, "", "wrong_secret", SECRET + "x", SECRET.lower()), 1):
                r = await post(client, local, update(api, n, f"giả mạo {n}"), secret)
                assert r.status_code == 403, (secret, r.status_code)
            # the right secret on the wrong path is not the webhook either
            r = await post(client, local + "-other", update(api, 50, "đường khác"), SECRET)
            assert r.status_code == 404
            # (1) the right secret: accepted, and the bot answers
            r = await post(client, local, update(api, 100, QUESTION), SECRET)
            assert r.status_code == 200
        sent = await api.wait_sent(USER, mark, timeout=TIMEOUT / 2)
        assert "Chuyển đổi số" in sent[0]["text"], sent[0]["text"]
        # the rejected updates never reached the service (they were refused before the queue)
        assert service.asked() == [QUESTION]

    service = FakeAnswerService()
    settings = make_settings(api, tmp_path, free_port())
    asyncio.run(asyncio.wait_for(_webhook_session(api, service, settings, scenario), TIMEOUT + 10))


CHILD = """
import sys
from bot.channels.telegram.run import run_telegram
from bot.settings import Settings
from tests.fakes_service import FakeAnswerService

run_telegram(FakeAnswerService(), Settings(_env_file=None), sys.argv[1])
print("stopped cleanly", flush=True)
"""


def test_run_telegram_webhook_end_to_end(api: FakeBotAPI, tmp_path: Path) -> None:
    """run_telegram itself (run_webhook, signal handling) in a child process, stopped by SIGTERM."""
    port = free_port()
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "TELEGRAM_API_FILE_URL": api.file_url,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_WEBHOOK_LISTEN": "127.0.0.1",
        "TELEGRAM_WEBHOOK_PORT": str(port),
        "NHIEMVU_DB": str(tmp_path / "chat.sqlite3"),
        "USER_QUESTIONS_PER_MINUTE": "100",
        "PYTHONPATH": str(REPO),
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, WEBHOOK_URL],
        cwd=tmp_path,  # no .env from the repo
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    local = f"http://127.0.0.1:{port}{LOCAL_PATH}"
    try:
        deadline = time.monotonic() + TIMEOUT
        while not api.calls_of("setWebhook"):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "run_telegram never called setWebhook"
            time.sleep(0.05)
        registered = api.calls_of("setWebhook")[0]
        assert registered["url"] == WEBHOOK_URL and registered["secret_token"] == SECRET
        assert registered["allowed_updates"] == ["message", "callback_query"]
        assert api.calls_of("setMyCommands"), "post_init ran"

        mark = api.mark()
        with httpx.Client(timeout=5.0) as client:
            body = {"update_id": 1, "message": api.message(USER, USER, "giả mạo")}
            while True:  # setWebhook comes just before the server accepts connections
                try:
                    r = client.post(local, json=body, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"})
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "the webhook server never listened"
                    time.sleep(0.05)
            assert r.status_code == 403
            assert client.post(local, json=body).status_code == 403
            good = {"update_id": 2, "message": api.message(USER, USER, QUESTION)}
            r = client.post(local, json=good, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
            assert r.status_code == 200
        while not api.sent(USER, mark):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "no answer to the webhook update"
            time.sleep(0.05)
        assert len(api.sent(USER, mark)) >= 1
        assert "giả mạo" not in str(api.sent(USER, mark))

        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=TIMEOUT)
        assert proc.returncode == 0, err[-2000:]
        assert "stopped cleanly" in out
        assert TOKEN not in err  # the redaction filter is on in the child too
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=5)
