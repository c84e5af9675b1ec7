"""Telegram's calendar: /lich (the next 30 days, or /lich nam for the school year), /nhac (deadline reminders at
07:00 Asia/Ho_Chi_Minh, /nhac tat to stop) and the JobQueue jobs that send them (daily, and once at start)."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.calendar.answers import SOON_DAYS, entries_text
from bot.calendar.book import book_for
from bot.calendar.reminders import SEND_AT, TZ, ReminderStore, due_reminders
from bot.channels.telegram import format as fmt
from bot.channels.telegram.deps import Ctx, deps, deps_of
from bot.channels.telegram.handlers import CHANNEL, send_html
from bot.understanding.schoolyear import current_school_year
from ingest.textnorm import fold

log = logging.getLogger(__name__)

DAILY_JOB = "nhac-hang-ngay"
START_JOB = "nhac-khi-khoi-dong"
START_DELAY = 1.0  # seconds after start: the bot is polling by then
OFF_WORDS = {"tat", "off", "huy", "dung", "ngung"}
YEAR_WORDS = {"nam", "namhoc", "nam hoc", "ca nam"}


def _scope_text(province: str | None) -> str:
    return f" ({province} và văn bản của Bộ, Chính phủ)" if province else " (mọi tỉnh; chọn tỉnh bằng /tinh)"


async def lich(update: Update, context: Ctx) -> None:
    """/lich: what is due in the next 30 days for the chat's province and year; /lich nam: the whole year."""
    d, chat = deps(context), update.effective_chat
    if chat is None:
        return
    scope = d.chatdb.get_chat_settings(chat.id)
    today = d.clock().date()
    docs = await asyncio.to_thread(d.service.list_documents)
    book = await asyncio.to_thread(book_for, docs)
    where = _scope_text(scope.province)
    if fold(" ".join(context.args or [])) in YEAR_WORDS:
        year = scope.school_year or current_school_year(today)
        found = book.select(scope.province, year)
        heading = f"Lịch năm học {year}{where}:"
        empty = f"Các văn bản hiện có không đặt mốc nào cho năm học {year}{where}."
    else:
        found = book.select(scope.province, scope.school_year, today, today + timedelta(days=SOON_DAYS))
        heading = f"Các mốc trong {SOON_DAYS} ngày tới{where}:"
        empty = f"Không có mốc nào trong {SOON_DAYS} ngày tới{where}. Xem cả năm học: /lich nam"
    text = entries_text(found, heading) if found else empty
    await send_html(context, chat.id, fmt.esc(text))


async def nhac(update: Update, context: Ctx) -> None:
    """/nhac: remind this chat of each deadline in its scope; /nhac tat: stop."""
    d, chat = deps(context), update.effective_chat
    if chat is None:
        return
    store = ReminderStore(d.chatdb)
    if fold(" ".join(context.args or [])) in OFF_WORDS:
        await asyncio.to_thread(store.unsubscribe, CHANNEL, chat.id)
        await send_html(context, chat.id, fmt.esc("Đã tắt nhắc hạn. Bật lại: /nhac"))
        return
    await asyncio.to_thread(store.subscribe, CHANNEL, chat.id)
    scope = d.chatdb.get_chat_settings(chat.id)
    days = d.settings.nhiemvu_reminder_days
    text = (
        f"Đã bật nhắc hạn{_scope_text(scope.province)}: tin nhắn lúc {SEND_AT:%H:%M} sáng, {days} ngày trước "
        "mỗi hạn trong văn bản, kèm nguồn. Tắt: /nhac tat"
    )
    await send_html(context, chat.id, fmt.esc(text))


async def send_due_reminders(context: Ctx) -> int:
    """The job: send every reminder due now, once; returns how many were sent."""
    d = deps_of(context.application)
    store = ReminderStore(d.chatdb)
    docs = await asyncio.to_thread(d.service.list_documents)
    due = await asyncio.to_thread(
        due_reminders,
        CHANNEL,
        docs,
        store,
        d.chatdb.get_chat_settings,
        d.clock(),
        d.settings.nhiemvu_reminder_days,
    )
    sent = 0
    for reminder in due:
        uid = reminder.entry.uid()
        if not await asyncio.to_thread(store.claim, CHANNEL, reminder.chat_id, uid, reminder.entry.item.date):
            continue  # already sent, by an earlier run or before a restart
        try:
            await send_html(context, int(reminder.chat_id), fmt.esc(reminder.text()))
            sent += 1
        except Forbidden:  # the bot was blocked or removed from the group: stop reminding that chat
            await asyncio.to_thread(store.unsubscribe, CHANNEL, reminder.chat_id)
        except TelegramError as exc:  # network or flood: try again on the next run
            log.warning("Không gửi được lời nhắc tới %s: %s", reminder.chat_id, exc)
            await asyncio.to_thread(store.release, CHANNEL, reminder.chat_id, uid)
    return sent


async def _job(context: Ctx) -> None:
    await send_due_reminders(context)


def schedule_reminders(application: object) -> None:
    """Daily at 07:00 Asia/Ho_Chi_Minh, and once right after start (reminders missed while down)."""
    job_queue = getattr(application, "job_queue", None)
    if job_queue is None:
        return
    job_queue.run_daily(_job, time=SEND_AT.replace(tzinfo=TZ), name=DAILY_JOB)
    job_queue.run_once(_job, when=START_DELAY, name=START_JOB)
