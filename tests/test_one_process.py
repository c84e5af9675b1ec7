"""`nhiemvu telegram --with-api`: the PTB bot (long polling) and the HTTP API in one process and one loop.

In a background thread against the fake Bot API with the fake service; then the real CLI in a subprocess
(real sample index) stopped by SIGINT/SIGTERM; then the fast failures (bad token, busy port) with status 2.
Everything has hard timeouts, so a bug fails the test instead of hanging the suite.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from bot.channels.telegram.run import TelegramConfigError, run_bot_and_api
from bot.chatdb import ChatDB
from bot.cli import main
from bot.logsafe import uninstall_secret_redaction
from bot.settings import Settings
from tests.conftest import REPO, TODAY
from tests.fake_bot_api import TOKEN, FakeBotAPI
from tests.fakes import free_port
from tests.fakes_service import SLOW, FakeAnswerService

T = TypeVar("T")
USER = 2001
USER2 = 2002
RUN_TIMEOUT = 60.0


def port_is_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def wait_until(check: Callable[[], T | None], timeout: float, what: str) -> T:
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def make_settings(api: FakeBotAPI, tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = dict(
        telegram_bot_token=TOKEN,
        telegram_api_base_url=api.base_url,
        telegram_api_file_url=api.file_url,
        nhiemvu_db=tmp_path / "chat.sqlite3",
        user_questions_per_minute=100,
        http_host="127.0.0.1",
    )
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


class BackgroundRunner:
    """run_bot_and_api in its own thread and event loop, stopped through its `stop` event."""

    def __init__(self, service: FakeAnswerService, settings: Settings, port: int) -> None:
        self.service, self.settings, self.port = service, settings, port
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.stop_event: asyncio.Event | None = None
        self.thread = threading.Thread(target=self._run, name="bot+api", daemon=True)

    def _run(self) -> None:
        async def go() -> None:
            self.loop, self.stop_event = asyncio.get_running_loop(), asyncio.Event()
            await asyncio.wait_for(
                run_bot_and_api(
                    self.service,
                    self.settings,
                    "127.0.0.1",
                    self.port,
                    stop=self.stop_event,
                    on_ready=lambda _server: self.ready.set(),
                ),
                RUN_TIMEOUT,
            )

        try:
            asyncio.run(go())
        except BaseException as exc:
            self.error = exc
        finally:
            self.ready.set()

    def start(self) -> BackgroundRunner:
        self.thread.start()
        assert self.ready.wait(15), "bot + API did not start"
        if self.error is not None:
            raise self.error
        return self

    def stop(self, timeout: float = 5.0) -> float:
        """Returns how long the clean stop took."""
        started = time.monotonic()
        if self.loop is not None and self.stop_event is not None and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.stop_event.set)
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "bot + API did not stop"
        if self.error is not None:
            raise self.error
        return time.monotonic() - started


def test_bot_and_api_answer_in_one_loop_then_stop_cleanly(api: FakeBotAPI, tmp_path: Path) -> None:
    service = FakeAnswerService()
    port = free_port()
    settings = make_settings(api, tmp_path)
    runner = BackgroundRunner(service, settings, port).start()
    base = f"http://127.0.0.1:{port}"
    try:
        assert api.calls_of("getMe") and api.calls_of("setMyCommands"), "post_init must have run"
        with httpx.Client(base_url=base, timeout=10) as http:
            # Telegram: a private message is answered
            mark = api.mark()
            api.text("Chuyển đổi số năm học này thế nào?", USER)
            sent = wait_until(lambda: api.sent(USER, mark), 10, "the Telegram answer")
            assert "chuyển đổi số" in sent[0]["text"] and sent[0]["parse_mode"] == "HTML"

            # HTTP over the socket
            health = http.get("/healthz")
            assert health.status_code == 200 and health.json() == {"status": "ok", "documents": 3}
            ask = http.post("/v1/ask", json={"question": "Chuyển đổi số năm học này thế nào?"})
            assert ask.status_code == 200, ask.text
            assert ask.json()["found"] is True and ask.json()["citations"][0]["doc_id"] == "ag-04-2021"
            assert http.post("/v1/ask", json={"question": "   "}).status_code == 422

            # One loop, yet neither channel blocks the other: a slow HTTP answer is being computed
            # while a Telegram chat is answered.
            slow: dict[str, httpx.Response] = {}

            def slow_request() -> None:
                with httpx.Client(base_url=base, timeout=15) as c:
                    slow["r"] = c.post("/v1/ask", json={"question": f"{SLOW}: bán trú vùng cao"})

            worker = threading.Thread(target=slow_request, daemon=True)
            worker.start()
            wait_until(lambda: any(SLOW in q for q in service.asked()), 5, "the slow question to start")
            mark = api.mark()
            api.text("Bán trú vùng cao thế nào?", USER2)
            sent = wait_until(lambda: api.sent(USER2, mark), 10, "a Telegram answer during a slow HTTP one")
            assert "bán trú" in sent[0]["text"]
            assert "r" not in slow, "the HTTP answer was meant to be still blocked"
            service.release_slow.set()
            worker.join(10)
            assert slow["r"].status_code == 200 and slow["r"].json()["found"] is True
    finally:
        service.release_slow.set()
        took = runner.stop()
    assert took < 5.0, f"stopping took {took:.1f}s"
    assert port_is_free(port), "the HTTP port must be released"

    # both channels logged into the one shared ChatDB
    db = ChatDB(settings.nhiemvu_db)
    try:
        assert db.stats(channel="telegram")["asked"] == 2
        assert db.stats(channel="web")["asked"] == 2  # the 422 is not an answer
    finally:
        db.close()

    # stopped means stopped: no more polling
    calls = api.mark()
    time.sleep(0.7)
    assert api.mark() == calls


def test_rejected_token_fails_before_listening(api: FakeBotAPI, tmp_path: Path) -> None:
    other = "111111111:AAH-a_well_formed_but_unknown_token_"
    port = free_port()
    settings = make_settings(api, tmp_path, telegram_bot_token=other)
    with pytest.raises(TelegramConfigError, match="từ chối"):
        asyncio.run(asyncio.wait_for(run_bot_and_api(FakeAnswerService(), settings, "127.0.0.1", port), 20))
    assert port_is_free(port)


def test_busy_port_is_a_config_error_and_the_bot_shuts_down(api: FakeBotAPI, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        settings = make_settings(api, tmp_path)
        with pytest.raises(TelegramConfigError, match="HTTP"):
            asyncio.run(
                asyncio.wait_for(run_bot_and_api(FakeAnswerService(), settings, "127.0.0.1", port), 20)
            )
    calls = api.mark()
    time.sleep(0.7)
    assert api.mark() == calls, "the bot must not keep polling after a failed start"


# ---------------------------------------------------------------------------------------------
# The CLI


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.setenv("NHIEMVU_DB", str(tmp_path / "chat.sqlite3"))

    def no_service(*_: Any, **__: Any) -> Any:
        raise AssertionError("the service must not be built when the token is bad")

    monkeypatch.setattr("bot.app.build_service", no_service)
    yield
    uninstall_secret_redaction()


@pytest.mark.parametrize("token", ["", "not-a-token", "123:short"])
@pytest.mark.parametrize("with_api", [False, True])
def test_cli_bad_token_fails_fast_with_status_2(
    cli_env: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    token: str,
    with_api: bool,
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    started = time.monotonic()
    argv = ["telegram", "--index", "/nonexistent/index", *(["--with-api"] if with_api else [])]
    assert main(argv) == 2
    assert time.monotonic() - started < 2
    assert "TELEGRAM_BOT_TOKEN" in capsys.readouterr().err


def test_cli_with_api_refuses_a_webhook(
    cli_env: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    assert main(["telegram", "--with-api", "--webhook", "https://example.vn/hook"]) == 2
    assert "--with-api" in capsys.readouterr().err


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_cli_with_api_real_index_stops_on_signal(
    api: FakeBotAPI, tmp_path: Path, sample_index: Path, sig: signal.Signals
) -> None:
    """The real command, the real index: answers on both channels, then a signal stops it with status 0."""
    port = free_port()
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "TELEGRAM_API_FILE_URL": api.file_url,
        "NHIEMVU_DB": str(tmp_path / "chat.sqlite3"),
        "NHIEMVU_LOG_LEVEL": "DEBUG",  # the most talkative level: the token must still not appear
        "USER_QUESTIONS_PER_MINUTE": "100",
        "PYTHONPATH": str(REPO),
    }
    cmd = [sys.executable, "-m", "bot.cli", "telegram", "--with-api", "--index", str(sample_index)]
    cmd += ["--port", str(port), "--today", TODAY.isoformat()]
    stderr_path = tmp_path / "stderr.log"
    with stderr_path.open("wb") as stderr:
        proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        base = f"http://127.0.0.1:{port}"

        def healthy() -> bool:
            assert proc.poll() is None, stderr_path.read_text(errors="replace")[-3000:]
            try:
                return httpx.get(f"{base}/healthz", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        wait_until(healthy, 60, "the API to listen")
        question = "Chủ đề năm học 2019-2020 của ngành giáo dục Lào Cai là gì?"
        mark = api.mark()
        api.text(question, USER)
        ask = httpx.post(f"{base}/v1/ask", json={"question": question}, timeout=30)
        assert ask.status_code == 200 and "Vì học sinh thân yêu" in ask.json()["answer"]
        sent = wait_until(lambda: api.sent(USER, mark), 30, "the Telegram answer")
        assert "Vì học sinh thân yêu" in sent[0]["text"]

        started = time.monotonic()
        proc.send_signal(sig)
        code = proc.wait(10)
        took = time.monotonic() - started
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
    log = stderr_path.read_text(errors="replace")
    assert code == 0, log[-3000:]
    assert took < 5.0, f"stopping took {took:.1f}s"
    assert port_is_free(port)
    assert "Đang dừng bot và API HTTP" in log and "Traceback" not in log
    assert TOKEN.split(":", 1)[1] not in log, "the bot token leaked into the log"
    assert "getUpdates" in log  # DEBUG really was on: request URLs were logged, redacted
