"""What the Telegram handlers share: the dependencies built once in app.py, kept in the Application's bot_data.

Its own module so that handlers, admin and calendar reach them without importing app.py, which imports them.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import ContextTypes

from bot.answer.api import AnswerServiceAPI
from bot.calendar.reminders import Clock, now_in_vietnam
from bot.chatdb import ChatDB
from bot.conversation.service import ConversationService
from bot.ops.fifo import AnswerQueue
from bot.settings import Settings

Ctx = ContextTypes.DEFAULT_TYPE
DEPS = "deps"  # bot_data key holding Deps


class UserRateLimiter:
    """At most `per_minute` questions per user in any rolling 60 s window (0 = unlimited)."""

    def __init__(self, per_minute: int, window: float = 60.0) -> None:
        self.per_minute, self.window = per_minute, window
        self._hits: dict[int, deque[float]] = {}

    def allow(self, user_id: int, now: float | None = None) -> bool:
        if self.per_minute <= 0:
            return True
        now = time.monotonic() if now is None else now
        hits = self._hits.setdefault(user_id, deque())
        while hits and now - hits[0] >= self.window:
            hits.popleft()
        if len(hits) >= self.per_minute:
            return False
        hits.append(now)
        return True

    def prune(self, now: float | None = None) -> None:
        """Forget idle users so memory does not grow with every user ever seen."""
        now = time.monotonic() if now is None else now
        for user_id in [u for u, hits in self._hits.items() if not hits or now - hits[-1] >= self.window]:
            del self._hits[user_id]


@dataclass
class Deps:
    """What handlers need, kept in application.bot_data[DEPS]."""

    service: AnswerServiceAPI
    settings: Settings
    chatdb: ChatDB
    limiter: UserRateLimiter
    conversations: ConversationService
    answers: AnswerQueue
    clock: Clock = field(default=now_in_vietnam)  # what "now" is for /lich and reminders (tests pass a fake)


def deps(context: Ctx) -> Deps:
    return context.bot_data[DEPS]  # type: ignore[no-any-return]


def deps_of(application: Any) -> Deps:
    return application.bot_data[DEPS]  # type: ignore[no-any-return]
