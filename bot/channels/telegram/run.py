"""Start the Telegram bot: long polling by default, or a webhook behind an HTTPS proxy; or the bot (long
polling) and the HTTP API together in one process and one event loop (`run_telegram_with_api`).

The token never reaches a log: PTB and httpx log request URLs (`…/bot<token>/getUpdates`), so a
filter redacts them on the root handlers and the loggers that emit them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from telegram.error import InvalidToken

from bot.answer.api import AnswerServiceAPI
from bot.channels.telegram.app import ALLOWED_UPDATES, TelegramApp, build_application
from bot.channels.telegram.deps import deps_of
from bot.chatdb import ChatDB
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.channels.http.run import EmbeddedServer
    from bot.channels.zalo.client import ZaloClient

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


REJECTED_TOKEN = (
    "Telegram từ chối TELEGRAM_BOT_TOKEN / Telegram rejected the bot token (check it with @BotFather)"
)


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


def webhook_options(settings: Settings, webhook_url: str) -> dict[str, Any]:
    """The keyword arguments of `Application.run_webhook` / `Updater.start_webhook` for `webhook_url`.

    Telegram posts to `webhook_url` (https, the public side of the proxy) with the secret header; the local
    server listens on TELEGRAM_WEBHOOK_LISTEN:TELEGRAM_WEBHOOK_PORT at the URL's path. Raises
    TelegramConfigError for a URL that is not https or a missing/invalid TELEGRAM_WEBHOOK_SECRET."""
    secret = settings.telegram_webhook_secret.get_secret_value().strip()
    if not urlparse(webhook_url).scheme == "https":
        raise TelegramConfigError("Webhook URL phải là https:// / the webhook URL must be https://")
    if not SECRET_FORMAT.match(secret):
        raise TelegramConfigError(
            "Cần TELEGRAM_WEBHOOK_SECRET (chữ, số, _ và -) khi dùng webhook / "
            "TELEGRAM_WEBHOOK_SECRET ([A-Za-z0-9_-]) is required with a webhook"
        )
    return dict(
        listen=settings.telegram_webhook_listen,
        port=settings.telegram_webhook_port,
        url_path=urlparse(webhook_url).path.lstrip("/"),
        webhook_url=webhook_url,
        secret_token=secret,
        allowed_updates=list(ALLOWED_UPDATES),
    )


def run_telegram(service: AnswerServiceAPI, settings: Settings, webhook_url: str | None = None) -> None:
    """Blocks until stopped (Ctrl+C / SIGTERM). Raises TelegramConfigError for a missing or rejected token."""
    token = check_token(settings.telegram_bot_token.get_secret_value())
    install_token_redaction(token)
    webhook = webhook_options(settings, webhook_url) if webhook_url else None
    chatdb = ChatDB(settings.nhiemvu_db)
    application = build_application(service, settings, chatdb)
    try:
        if webhook is not None:
            log.info("Telegram: webhook %s, nghe tại %s:%s", webhook_url, webhook["listen"], webhook["port"])
            application.run_webhook(**webhook)
        else:
            log.info("Telegram: long polling")
            application.run_polling(allowed_updates=ALLOWED_UPDATES)
    except InvalidToken:
        raise TelegramConfigError(REJECTED_TOKEN) from None
    finally:
        chatdb.close()


async def _call_hook(hook: Callable[[TelegramApp], Awaitable[Any]] | None, application: TelegramApp) -> None:
    if hook is not None:
        await hook(application)


async def run_bot_and_api(
    service: AnswerServiceAPI,
    settings: Settings,
    host: str | None = None,
    port: int | None = None,
    *,
    zalo: ZaloClient | None = None,
    stop: asyncio.Event | None = None,
    on_ready: Callable[[EmbeddedServer], None] | None = None,
) -> None:
    """The bot (long polling) and the HTTP API in the running event loop, as PTB's custom-webhook example
    runs its web server: PTB's lifecycle by hand (initialize, post_init, updater.start_polling, start) and
    uvicorn as a task. Returns after a clean stop once `stop` is set; both share one ChatDB.

    Raises TelegramConfigError for a missing or rejected token or an HTTP port that cannot be opened, and
    RuntimeError if the HTTP server dies on its own (the bot is stopped first)."""
    from bot.channels.http.run import serve_async

    token = check_token(settings.telegram_bot_token.get_secret_value())
    install_token_redaction(token)
    stop = stop if stop is not None else asyncio.Event()
    chatdb = ChatDB(settings.nhiemvu_db)
    application = build_application(service, settings, chatdb)
    server: EmbeddedServer | None = None
    try:
        try:
            await application.initialize()  # getMe: a rejected token fails here, before anything listens
        except InvalidToken:
            raise TelegramConfigError(REJECTED_TOKEN) from None
        await _call_hook(application.post_init, application)

        def log_question(**fields: Any) -> None:  # the web channel's question log, in the shared ChatDB
            chatdb.log_question(**fields)

        try:
            server = await serve_async(
                service,
                settings,
                host,
                port,
                log=log_question,
                zalo=zalo,
                conversations=deps_of(application).conversations,  # one store for every channel
            )
        except OSError as exc:  # the port is taken or the address is wrong
            raise TelegramConfigError(f"Không mở được cổng HTTP / cannot listen for HTTP: {exc}") from None
        assert application.updater is not None
        await application.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
        await application.start()
        log.info("Telegram: long polling; API HTTP tại http://%s:%s", server.config.host, server.config.port)
        if on_ready is not None:
            on_ready(server)
        assert server.task is not None
        stopping = asyncio.create_task(stop.wait(), name="stop-signal")
        try:
            await asyncio.wait({stopping, server.task}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
        if not stop.is_set():
            log.error("Máy chủ HTTP đã dừng bất ngờ; dừng cả bot")
            raise RuntimeError("Máy chủ HTTP đã dừng bất ngờ / the HTTP server stopped unexpectedly")
        log.info("Đang dừng bot và API HTTP…")
    finally:
        # both at once: the bot finishes the answers under way while uvicorn drains its connections
        for failure in await asyncio.gather(
            _stop_bot(application), _stop_server(server), return_exceptions=True
        ):
            if isinstance(failure, BaseException):
                log.error("Lỗi khi dừng", exc_info=failure)
        try:
            await application.shutdown()
            await _call_hook(application.post_shutdown, application)
        finally:
            chatdb.close()


async def _stop_bot(application: TelegramApp) -> None:
    if application.updater is not None and application.updater.running:
        with contextlib.suppress(Exception):  # a dead connection must not keep the process alive
            await application.updater.stop()
    if application.running:
        await application.stop()  # finishes the updates being answered
        await _call_hook(application.post_stop, application)


async def _stop_server(server: EmbeddedServer | None) -> None:
    if server is not None:
        await server.stop()


def run_telegram_with_api(
    service: AnswerServiceAPI,
    settings: Settings,
    host: str | None = None,
    port: int | None = None,
    zalo: ZaloClient | None = None,
) -> None:
    """Blocking: the bot and the HTTP API until SIGINT/SIGTERM, then both stop cleanly."""

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        handled: list[signal.Signals] = []
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, stop.set)
                handled.append(sig)
            except (NotImplementedError, RuntimeError, ValueError):  # Windows / not the main thread
                pass
        try:
            await run_bot_and_api(service, settings, host, port, zalo=zalo, stop=stop)
        finally:
            for sig in handled:
                loop.remove_signal_handler(sig)

    asyncio.run(main())
