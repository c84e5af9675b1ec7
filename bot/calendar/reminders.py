"""Deadline reminders: who subscribed, which reminders are due, and that each is sent once.

A reminder for a deadline on day D is due from 07:00 (Asia/Ho_Chi_Minh) on D − N days until D begins. The job
that sends them runs every day at 07:00 and once at start, so one missed while the bot was down is sent on start
if the deadline is still ahead. Each (chat, item) is claimed in SQLite before it is sent and the claim is dropped
if sending fails: a restart never sends it twice, and a failed send is tried again on the next run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.answer.models import format_date
from bot.calendar.book import Entry, book_for
from bot.chatdb import ChatDB, ChatSettings
from ingest.models import Document

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SEND_AT = time(7, 0)
Clock = Callable[[], datetime]


def now_in_vietnam() -> datetime:
    return datetime.now(TZ)


class ReminderStore:
    """Subscriptions and sent reminders, in the shared chat database (schema step 3)."""

    def __init__(self, db: ChatDB) -> None:
        self.db = db

    def subscribe(self, channel: str, chat_id: int | str) -> bool:
        """True when the chat was not subscribed before."""

        def work(c: sqlite3.Connection) -> bool:
            cur = c.execute(
                "INSERT OR IGNORE INTO reminder_subscriptions (channel, chat_id, created_at) VALUES (?, ?, ?)",
                (channel, str(chat_id), datetime.now(UTC).isoformat(timespec="seconds")),
            )
            return cur.rowcount == 1

        return self.db.run(work, write=True)

    def unsubscribe(self, channel: str, chat_id: int | str) -> bool:
        def work(c: sqlite3.Connection) -> bool:
            cur = c.execute(
                "DELETE FROM reminder_subscriptions WHERE channel = ? AND chat_id = ?",
                (channel, str(chat_id)),
            )
            return cur.rowcount == 1

        return self.db.run(work, write=True)

    def subscribers(self, channel: str) -> list[str]:
        return self.db.run(
            lambda c: [
                r[0]
                for r in c.execute(
                    "SELECT chat_id FROM reminder_subscriptions WHERE channel = ? ORDER BY chat_id",
                    (channel,),
                )
            ]
        )

    def is_subscribed(self, channel: str, chat_id: int | str) -> bool:
        return str(chat_id) in self.subscribers(channel)

    def claim(self, channel: str, chat_id: int | str, uid: str, due: str) -> bool:
        """Record the reminder as sent; False when it already was (by this run or one before a restart)."""

        def work(c: sqlite3.Connection) -> bool:
            cur = c.execute(
                "INSERT OR IGNORE INTO reminders_sent (channel, chat_id, uid, due, sent_at) VALUES (?, ?, ?, ?, ?)",
                (channel, str(chat_id), uid, due, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            return cur.rowcount == 1

        return self.db.run(work, write=True)

    def release(self, channel: str, chat_id: int | str, uid: str) -> None:
        """Sending failed: forget the claim so that the next run tries again."""
        self.db.run(
            lambda c: c.execute(
                "DELETE FROM reminders_sent WHERE channel = ? AND chat_id = ? AND uid = ?",
                (channel, str(chat_id), uid),
            ),
            write=True,
        )

    def sent(self, channel: str) -> list[tuple[str, str]]:
        """(chat id, item uid) of every reminder sent on a channel, oldest first; for tests and admins."""
        return self.db.run(
            lambda c: [
                (r[0], r[1])
                for r in c.execute(
                    "SELECT chat_id, uid FROM reminders_sent WHERE channel = ? ORDER BY rowid", (channel,)
                )
            ]
        )


@dataclass
class Reminder:
    chat_id: str
    entry: Entry
    days_left: int

    def text(self) -> str:
        item = self.entry.item
        who = f" — {item.who}" if item.who else ""
        left = "ngày mai là hạn" if self.days_left == 1 else f"còn {self.days_left} ngày"
        return (
            f"⏰ Nhắc hạn ({left}, hạn {format_date(item.date)}):\n"
            f"{item.what}{who}\n"
            f"Nguồn: {self.entry.label()}"
        )


def due_entries(entries: list[Entry], now: datetime, days_before: int) -> list[tuple[Entry, int]]:
    """Deadlines whose reminder time (07:00 on D − days_before) has come and whose day D has not."""
    local = now.astimezone(TZ)
    out = []
    for e in entries:
        if e.item.kind != "deadline" or e.item.precision != "day":
            continue
        remind_at = datetime.combine(e.day - timedelta(days=days_before), SEND_AT, TZ)
        if remind_at <= local < datetime.combine(e.day, time(0, 0), TZ):
            out.append((e, (e.day - local.date()).days))
    return out


def due_reminders(
    channel: str,
    documents: list[Document],
    store: ReminderStore,
    chat_settings: Callable[[str], ChatSettings],
    now: datetime,
    days_before: int,
) -> list[Reminder]:
    """Reminders due now for every subscribed chat, in its own scope (province and school year), not yet sent."""
    book = book_for(documents)
    out: list[Reminder] = []
    for chat_id in store.subscribers(channel):
        scope = chat_settings(chat_id)
        entries = book.select(scope.province, scope.school_year, kinds=["deadline"])
        for entry, left in due_entries(entries, now, days_before):
            out.append(Reminder(chat_id, entry, left))
    return out
