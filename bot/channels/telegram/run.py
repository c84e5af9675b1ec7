"""Start the Telegram bot: long polling by default, or a webhook behind an HTTPS proxy.

The token never reaches a log: PTB and httpx log request URLs (`…/bot<token>/getUpdates`), so a
filter redacts them on the root handlers and the loggers that emit them.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlparse

from telegram.error import InvalidToken

from bot.answer.api import AnswerServiceAPI
from bot.channels.telegram.app import ALLOWED_UPDATES, build_application
from bot.chatdb import ChatDB
from bot.settings import Settings

log = logging.getLogger(__name__)

TOKEN_FORMAT = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
SECRET_FORMAT = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as secret_token
_TOKEN_IN_TEXT = re.compile(r"\d+:[A-Za-z0-9_-]{20,}")
_BOT_URL = re.compile(r"bot\d+:[A-Za-z0-9_-]+")
# Loggers whose own records may carry the token (logger filters do not apply to propagated records,
# so handler filters on the root cover everything else).
URL_LOGGERS = (
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "telegram",
    "telegram.Bot",
    "telegram.ext",
    "telegram.ext.ExtBot",
    "telegram.ext.Updater",
    "telegram.ext.Application",
    "telegram.ext.AIORateLimiter",
    "telegram.request.BaseRequest",
    "telegram.request.HTTPXRequest",
)


class TelegramConfigError(RuntimeError):
    """The bot cannot start with this configuration; str() is one line for the CLI (which exits 2)."""


def redact(text: str, token: str | None = None) -> str:
    if token:
        text = text.replace(token, "<redacted>")
    text = _BOT_URL.sub("bot<redacted>", text)
    return _TOKEN_IN_TEXT.sub("<redacted>", text)


class RedactTokenFilter(logging.Filter):
    """Rewrites a record's message (and formatted traceback) with every bot token removed."""

    def __init__(self, token: str | None = None) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message, self.token)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.token)
        return True


def install_token_redaction(token: str | None = None) -> RedactTokenFilter:
    """Attach one filter to the root logger's handlers and to the loggers that log request URLs."""
    flt = RedactTokenFilter(token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(flt)
    for name in URL_LOGGERS:
        logging.getLogger(name).addFilter(flt)
    # httpx logs every request URL at INFO; keep it for debugging only
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        logging.getLogger("httpx").setLevel(logging.WARNING)
    return flt


def remove_token_redaction(flt: RedactTokenFilter) -> None:
    for handler in logging.getLogger().handlers:
        handler.removeFilter(flt)
    for name in URL_LOGGERS:
        logging.getLogger(name).removeFilter(flt)


def check_token(token: str) -> str:
    token = token.strip()
    if not token:
        raise TelegramConfigError(
            "Thiếu TELEGRAM_BOT_TOKEN / TELEGRAM_BOT_TOKEN is not set (get one from @BotFather)"
        )
    if not TOKEN_FORMAT.match(token):
        raise TelegramConfigError(
            "TELEGRAM_BOT_TOKEN sai định dạng / malformed token (expected <digits>:<secret>)"
        )
    return token


def run_telegram(service: AnswerServiceAPI, settings: Settings, webhook_url: str | None = None) -> None:
    """Blocks until stopped (Ctrl+C / SIGTERM). Raises TelegramConfigError for a missing or rejected token."""
    token = check_token(settings.telegram_bot_token.get_secret_value())
    install_token_redaction(token)
    secret = settings.telegram_webhook_secret.get_secret_value().strip()
    if webhook_url:
        if not urlparse(webhook_url).scheme == "https":
            raise TelegramConfigError("Webhook URL phải là https:// / the webhook URL must be https://")
        if not SECRET_FORMAT.match(secret):
            raise TelegramConfigError(
                "Cần TELEGRAM_WEBHOOK_SECRET (chữ, số, _ và -) khi dùng webhook / "
                "TELEGRAM_WEBHOOK_SECRET ([A-Za-z0-9_-]) is required with a webhook"
            )
    chatdb = ChatDB(settings.nhiemvu_db)
    application = build_application(service, settings, chatdb)
    try:
        if webhook_url:
            log.info(
                "Telegram: webhook %s, nghe tại %s:%s",
                webhook_url,
                settings.telegram_webhook_listen,
                settings.telegram_webhook_port,
            )
            application.run_webhook(
                listen=settings.telegram_webhook_listen,
                port=settings.telegram_webhook_port,
                url_path=urlparse(webhook_url).path.lstrip("/"),
                webhook_url=webhook_url,
                secret_token=secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        else:
            log.info("Telegram: long polling")
            application.run_polling(allowed_updates=ALLOWED_UPDATES)
    except InvalidToken:
        raise TelegramConfigError(
            "Telegram từ chối TELEGRAM_BOT_TOKEN / Telegram rejected the bot token (check it with @BotFather)"
        ) from None
    finally:
        chatdb.close()
