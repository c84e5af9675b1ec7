"""Build the python-telegram-bot Application: dependencies, handlers, filters, rate limits, commands."""

from __future__ import annotations

from typing import Any

from telegram import BotCommand, LinkPreviewOptions, Message, MessageEntity, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    filters,
)

from bot.answer.api import AnswerServiceAPI
from bot.app import build_conversations
from bot.calendar.reminders import Clock, now_in_vietnam
from bot.channels.telegram import admin
from bot.channels.telegram import calendar as cal
from bot.channels.telegram import handlers as h
from bot.channels.telegram.deps import DEPS, Ctx, Deps, UserRateLimiter, deps
from bot.chatdb import ChatDB
from bot.settings import Settings

# Shown in Telegram's "/" menu. Admin commands stay out of it: teachers should not see them.
COMMANDS = [
    ("hoi", "Hỏi về nhiệm vụ năm học"),
    ("tinh", "Chọn tỉnh"),
    ("namhoc", "Chọn năm học"),
    ("vanban", "Các văn bản đã có"),
    ("lich", "Các mốc 30 ngày tới (/lich nam: cả năm học)"),
    ("nhac", "Nhắc hạn lúc 7 giờ sáng (/nhac tat: tắt)"),
    ("moi", "Bắt đầu câu hỏi mới"),
    ("xoadulieu", "Xoá dữ liệu của tôi"),
    ("start", "Giới thiệu và câu hỏi mẫu"),
    ("help", "Hướng dẫn sử dụng"),
]
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
CONCURRENT_UPDATES = 16  # answers are computed in threads; other chats are served meanwhile
PRUNE_SECONDS = 600
PURGE_SECONDS = 24 * 3600  # retention purge: daily, first a minute after start

TelegramApp = Application[Any, Any, Any, Any, Any, Any]


class AddressedToBot(filters.MessageFilter):
    """A group message that mentions @this_bot or replies to one of its messages.

    A filter object (not a Mention filter built up front) because the username is known only after getMe.
    """

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        replied = message.reply_to_message
        if replied and replied.from_user and replied.from_user.id == bot.id:
            return True
        mention = f"@{bot.username}".lower()
        return any(t.lower() == mention for t in message.parse_entities([MessageEntity.MENTION]).values())


async def post_init(application: TelegramApp) -> None:
    await application.bot.set_my_commands([BotCommand(name, text) for name, text in COMMANDS])


async def _prune(context: Ctx) -> None:
    deps(context).limiter.prune()


def register_handlers(application: TelegramApp) -> None:
    new_message = filters.UpdateType.MESSAGE  # edited messages are not new questions
    for name, callback in [
        ("start", h.start),
        ("help", h.help_cmd),
        ("hoi", h.hoi),
        ("tinh", h.tinh),
        ("namhoc", h.namhoc),
        ("vanban", h.vanban),
        ("moi", h.moi),
        ("xoadulieu", h.xoadulieu),
        ("lich", cal.lich),
        ("nhac", cal.nhac),
        ("them", admin.them_command),
        ("xoa", admin.xoa),
        ("thongke", admin.thongke),
    ]:
        application.add_handler(CommandHandler(name, callback, filters=new_message))
    # Photos and image files (also albums, whose caption is on one message only): admin.them_media decides.
    application.add_handler(
        MessageHandler(new_message & (filters.PHOTO | filters.Document.IMAGE), admin.them_media)
    )
    application.add_handler(
        MessageHandler(
            new_message & filters.Document.ALL & filters.CaptionRegex(r"^/them(@\w+)?(\s|$)"),
            admin.them_document,
        )
    )
    # Private chat: every plain text is a question.
    application.add_handler(
        MessageHandler(
            new_message & filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, h.on_private_text
        )
    )
    # Groups: only when addressed (mention or reply to the bot); everything else is ignored.
    application.add_handler(
        MessageHandler(
            new_message
            & filters.ChatType.GROUPS
            & filters.TEXT
            & ~filters.COMMAND
            & (filters.Entity(MessageEntity.MENTION) | filters.REPLY)
            & AddressedToBot(),
            h.on_group_text,
        )
    )
    application.add_handler(
        CallbackQueryHandler(h.on_answer_button, pattern=r"^a:[0-9a-f]+:(src|more|up|down)$")
    )
    application.add_handler(CallbackQueryHandler(h.on_choice, pattern=r"^(set:|p:|p#|y:)"))
    application.add_handler(CallbackQueryHandler(h.on_page, pattern=r"^d:"))
    application.add_handler(CallbackQueryHandler(h.on_new_conversation, pattern=r"^new$"))
    application.add_handler(CallbackQueryHandler(h.on_forget, pattern=r"^forget:(ok|no)$"))
    application.add_handler(CallbackQueryHandler(admin.on_delete, pattern=r"^x:[0-9a-f]+:(ok|no)$"))
    application.add_error_handler(h.on_error)


def build_application(
    service: AnswerServiceAPI, settings: Settings, chatdb: ChatDB, clock: Clock | None = None
) -> TelegramApp:
    application = (
        Application.builder()
        .token(settings.telegram_bot_token.get_secret_value().strip())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_file_url)
        # Telegram's flood limits: requests are spaced, and a RetryAfter waits and retries (max twice)
        .rate_limiter(AIORateLimiter(max_retries=2))
        .defaults(
            Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True))
        )
        .concurrent_updates(CONCURRENT_UPDATES)
        .post_init(post_init)
        .build()
    )
    limiter = UserRateLimiter(settings.user_questions_per_minute)
    conversations = build_conversations(settings, service, chatdb)
    application.bot_data[DEPS] = Deps(
        service, settings, chatdb, limiter, conversations, settings.answer_queue(), clock or _clock(settings)
    )
    register_handlers(application)
    if application.job_queue is not None:
        application.job_queue.run_repeating(_prune, interval=PRUNE_SECONDS, first=PRUNE_SECONDS)
        application.job_queue.run_repeating(h.purge_job, interval=PURGE_SECONDS, first=60)
        cal.schedule_reminders(application)
    return application


def _clock(settings: Settings) -> Clock:
    """Vietnam's time now; NHIEMVU_TODAY (demos) fixes the day and keeps the hour."""
    if settings.nhiemvu_today is None:
        return now_in_vietnam
    day = settings.nhiemvu_today
    return lambda: now_in_vietnam().replace(year=day.year, month=day.month, day=day.day)
