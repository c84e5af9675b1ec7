"""Personal data kept only as long as needed (Decree 13/2023/NĐ-CP): a retention purge and one person's erasure.

What is kept: the question log (question text, whether it was answered, cited documents), conversations (the
last turns, 30 minutes) and 👍/👎 feedback, each under pseudonymous ids (bot/chatdb.py). The purge deletes
what is older than NHIEMVU_RETENTION_DAYS; `forget_user` deletes everything of one person on one channel.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.chatdb import ChatDB

DAY_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Deleted:
    questions: int = 0
    conversations: int = 0
    feedback: int = 0
    settings: int = 0
    reminders: int = 0  # the private chat's reminder subscription and the reminders sent to it

    @property
    def total(self) -> int:
        return self.questions + self.conversations + self.feedback + self.settings + self.reminders


def notice(days: int) -> str:
    """The one line /start shows: what is kept, for how long, and how to erase it."""
    return (
        f"Bot lưu câu hỏi, hội thoại và góp ý của thầy cô (không lưu tên, mã tài khoản được mã hoá) trong {days} "
        "ngày để cải thiện câu trả lời; gõ /xoadulieu để xoá ngay."
    )


def purge(db: ChatDB, days: int, now: float | None = None) -> Deleted:
    """Delete questions, feedback and conversations older than `days` (now: epoch seconds, for a fake clock)."""
    moment = time.time() if now is None else now
    cutoff = datetime.fromtimestamp(moment, UTC) - timedelta(days=days)
    iso = cutoff.isoformat(timespec="seconds")

    def work(c: sqlite3.Connection) -> Deleted:
        return Deleted(
            questions=c.execute("DELETE FROM questions WHERE created_at < ?", (iso,)).rowcount,
            feedback=c.execute("DELETE FROM feedback WHERE created_at < ?", (iso,)).rowcount,
            conversations=c.execute(
                "DELETE FROM conversations WHERE updated_at < ?", (cutoff.timestamp(),)
            ).rowcount,
        )

    return db.run(work, write=True)


def forget_user(db: ChatDB, channel: str, user_id: int | str) -> Deleted:
    """Everything stored about one person of `channel`: questions, feedback, conversations (in any chat), and
    the settings and reminder subscription of their private chat (whose id is theirs)."""
    key = db.pseudonym(channel, user_id)

    def work(c: sqlite3.Connection) -> Deleted:
        return Deleted(
            questions=c.execute(
                "DELETE FROM questions WHERE channel = ? AND (user_id = ? OR chat_id = ?)",
                (channel, key, key),
            ).rowcount,
            feedback=c.execute(
                "DELETE FROM feedback WHERE channel = ? AND (user_id = ? OR chat_id = ?)", (channel, key, key)
            ).rowcount,
            conversations=c.execute(
                "DELETE FROM conversations WHERE channel = ? AND user_key = ?", (channel, key)
            ).rowcount,
            settings=c.execute(
                "DELETE FROM chat_settings WHERE channel = ? AND chat_id = ?", (channel, key)
            ).rowcount,
            # Reminders go to the chat itself, so its id is kept as given (bot/calendar/reminders.py).
            reminders=sum(
                c.execute(
                    f"DELETE FROM {table} WHERE channel = ? AND chat_id = ?", (channel, str(user_id))
                ).rowcount
                for table in ("reminder_subscriptions", "reminders_sent")
            ),
        )

    return db.run(work, write=True)


def deleted_message(deleted: Deleted) -> str:
    if deleted.total == 0:
        return "Không có dữ liệu nào của thầy cô đang được lưu."
    return (
        f"Đã xoá {deleted.questions} câu hỏi, {deleted.conversations} hội thoại và {deleted.feedback} góp ý "
        "của thầy cô."
    )
