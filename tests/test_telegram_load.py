"""Telegram under load: the real PTB Application polling the fake Bot API, 200 private questions from 50 chats.

Every question carries a token; the service (the fake one, slowed down by a few ms per call) puts the
token into its answer, so each sendMessage can be traced back to exactly one update: none lost, none
duplicated, each in the right chat. A second run gets a 429 (retry_after=1) on sendMessage mid-run.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.answer.models import Answer
from bot.channels.telegram import build_application
from bot.channels.telegram.app import ALLOWED_UPDATES
from bot.chatdb import ChatDB
from bot.settings import Settings
from tests.fake_bot_api import TOKEN, FakeBotAPI
from tests.fakes_service import FakeAnswerService

CHATS = 50
PER_CHAT = 4
BATCH = 20  # updates queued at once; several getUpdates calls serve the whole run
DELAY = 0.02  # seconds per service call
TIMEOUT = 60.0
FIRST_CHAT = 3001
TOKEN_RE = re.compile(r"\bQTOK-(\d+)-(\d+)\b")
QUESTIONS = [
    "Chuyển đổi số năm học này thế nào?",
    "Bán trú vùng cao cần gì?",
    "Dạy học 2 buổi/ngày ở tiểu học?",
    "Phòng chống dịch trong trường học?",
    "Giáo dục đạo đức, kỹ năng sống?",
    "Câu hỏi không có trong văn bản nào cả",
]


class EchoingSlowService(FakeAnswerService):
    """The fake service, `DELAY` slower per call, with the question's token put in front of the answer."""

    def __init__(self, delay: float) -> None:
        super().__init__()
        self.delay = delay

    def ask(
        self,
        question: str,
        province: str | None = None,
        school_year: str | None = None,
        within: Any = None,
        intent: Any = None,
    ) -> Answer:
        time.sleep(self.delay)
        answer = super().ask(question, province, school_year)
        token = TOKEN_RE.search(question)
        return replace(answer, answer=f"{token.group(0) if token else '?'} {answer.answer}")


def settings_for(api: FakeBotAPI, tmp_path: Path) -> Settings:
    values: dict[str, Any] = dict(
        telegram_bot_token=TOKEN,
        telegram_api_base_url=api.base_url,
        telegram_api_file_url=api.file_url,
        nhiemvu_db=tmp_path / "chat.sqlite3",
        user_questions_per_minute=1000,
    )
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def updates() -> list[tuple[int, str]]:
    """(chat id, question with token), chats interleaved the way real traffic would be."""
    out = []
    for n in range(PER_CHAT):
        for c in range(CHATS):
            chat = FIRST_CHAT + c
            out.append((chat, f"{QUESTIONS[(c + n) % len(QUESTIONS)]} QTOK-{chat}-{n}"))
    return out


async def drive(api: FakeBotAPI, service: EchoingSlowService, db: ChatDB, fail_after: int | None) -> None:
    mark = api.mark()
    planned = updates()

    def answers() -> list[dict[str, Any]]:
        return [p for p in api.sent(since=mark) if FIRST_CHAT <= int(p["chat_id"]) < FIRST_CHAT + CHATS]

    for start in range(0, len(planned), BATCH):
        for chat, text in planned[start : start + BATCH]:
            api.text(text, chat)
        await asyncio.sleep(0.05)
        if fail_after is not None and len(answers()) >= fail_after:
            api.fail_once("sendMessage", retry_after=1)
            fail_after = None
    if fail_after is not None:  # the answers were slower than the batches: inject the 429 now
        await api.wait_for(lambda: len(answers()) >= fail_after, TIMEOUT, f"{fail_after} answers")
        api.fail_once("sendMessage", retry_after=1)

    await api.wait_for(lambda: len(answers()) >= len(planned), TIMEOUT, f"{len(planned)} answers")
    await asyncio.sleep(1.0)  # anything duplicated or late would show up now

    sent = answers()
    asked = Counter(text.rsplit(" ", 1)[1] for _, text in planned)
    got: Counter[str] = Counter()
    for params in sent:
        tokens = TOKEN_RE.findall(params["text"])
        assert len(tokens) == 1, params["text"][:200]
        chat, n = tokens[0]
        assert int(chat) == int(params["chat_id"]), f"answer for chat {chat} went to {params['chat_id']}"
        got[f"QTOK-{chat}-{n}"] += 1
    assert len(sent) == len(planned) == CHATS * PER_CHAT
    assert got == asked  # every update exactly one answer: none lost, none duplicated
    assert all(count == 1 for count in got.values())
    per_chat = Counter(int(p["chat_id"]) for p in sent)
    assert set(per_chat.values()) == {PER_CHAT} and len(per_chat) == CHATS

    # the service was asked once per update (no update handled twice), and every question was logged
    assert sorted(TOKEN_RE.search(q).group(0) for q in service.asked()) == sorted(asked)  # type: ignore[union-attr]
    assert db.stats(channel="telegram")["asked"] == len(planned)


def run(api: FakeBotAPI, tmp_path: Path, fail_after: int | None = None) -> tuple[EchoingSlowService, float]:
    service = EchoingSlowService(DELAY)
    settings = settings_for(api, tmp_path)

    async def session() -> None:
        db = ChatDB(settings.nhiemvu_db)
        app = build_application(service, settings, db)
        await app.initialize()
        try:
            await app.start()
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0.0, timeout=1, allowed_updates=ALLOWED_UPDATES)
            await drive(api, service, db, fail_after)
        finally:
            if app.updater and app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
            await app.shutdown()
            db.close()

    started = time.monotonic()
    asyncio.run(asyncio.wait_for(session(), TIMEOUT + 15))
    return service, time.monotonic() - started


def test_200_updates_from_50_chats_each_answered_exactly_once(api: FakeBotAPI, tmp_path: Path) -> None:
    _, took = run(api, tmp_path)
    failures = [c for c in api.calls if c.status != 200]
    assert failures == [], failures[:5]
    assert took < TIMEOUT


def test_a_429_mid_run_still_gives_exactly_one_answer_per_update(api: FakeBotAPI, tmp_path: Path) -> None:
    _, took = run(api, tmp_path, fail_after=60)
    limited = [c for c in api.calls if c.status == 429]
    assert len(limited) == 1 and limited[0].method == "sendMessage"  # the 429 really happened, once
    assert [c for c in api.calls if c.status not in (200, 429)] == []
    assert took < TIMEOUT
