"""Run the HTTP app with uvicorn: standalone (`serve`) or inside the CLI's event loop (`serve_async`)."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Callable, Iterator
from typing import Any

import uvicorn

from bot.answer.api import AnswerServiceAPI
from bot.channels.http.app import create_app
from bot.channels.zalo.client import ZaloClient
from bot.conversation.service import ConversationService
from bot.settings import Settings


def _config(
    service: AnswerServiceAPI,
    settings: Settings,
    log: Callable[..., object] | None,
    zalo: ZaloClient | None,
    host: str,
    port: int,
    conversations: ConversationService | None = None,
    purge: Callable[[], object] | None = None,
) -> uvicorn.Config:
    app = create_app(service, settings, log=log, zalo=zalo, conversations=conversations, purge=purge)
    # log_config=None keeps the application's logging setup; proxy headers are trusted from 127.0.0.1 only
    # (uvicorn's default), which is what the API-key "local request" check relies on behind a reverse proxy.
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_config=None,
        proxy_headers=True,
        timeout_graceful_shutdown=5,
        server_header=False,
    )


def serve(
    service: AnswerServiceAPI,
    settings: Settings,
    host: str | None = None,
    port: int | None = None,
    log: Callable[..., object] | None = None,
    zalo: ZaloClient | None = None,
    conversations: ConversationService | None = None,
    purge: Callable[[], object] | None = None,
) -> None:
    """Blocking: serve until SIGINT/SIGTERM."""
    config = _config(
        service,
        settings,
        log,
        zalo,
        host or settings.http_host,
        port or settings.http_port,
        conversations,
        purge,
    )
    uvicorn.Server(config).run()


class EmbeddedServer(uvicorn.Server):
    """A uvicorn server that shares an event loop with other tasks (the Telegram bot).

    It leaves signal handling to its owner (uvicorn would otherwise capture SIGINT and re-raise it after its
    own shutdown) and is stopped with `await server.stop()`."""

    task: asyncio.Task[None] | None = None

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield

    async def stop(self, timeout: float = 10.0) -> None:
        self.should_exit = True
        if self.task is not None:
            with contextlib.suppress(asyncio.CancelledError, asyncio.TimeoutError):
                await asyncio.wait_for(self.task, timeout)


def _bind(host: str, port: int) -> socket.socket:
    """Bind ourselves: uvicorn calls sys.exit() on a busy port, which would kill the whole CLI loop."""
    family, kind, proto, _, addr = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(addr)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


async def serve_async(
    service: AnswerServiceAPI,
    settings: Settings,
    host: str | None = None,
    port: int | None = None,
    log: Callable[..., object] | None = None,
    zalo: ZaloClient | None = None,
    startup_timeout: float = 30.0,
    conversations: ConversationService | None = None,
) -> EmbeddedServer:
    """Start serving in the running loop and return once listening (OSError if the port is taken).

    Stop with `await server.stop()`; `server.task` is the serving task."""
    config = _config(
        service, settings, log, zalo, host or settings.http_host, port or settings.http_port, conversations
    )
    sock = _bind(config.host, config.port)
    server = EmbeddedServer(config)
    server.task = asyncio.create_task(server.serve(sockets=[sock]), name="http-api")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + startup_timeout
    while not server.started:
        if server.task.done():
            sock.close()
            exc: Any = server.task.exception()
            raise RuntimeError("Máy chủ HTTP không khởi động được") from exc
        if loop.time() > deadline:
            await server.stop()
            sock.close()
            raise RuntimeError("Máy chủ HTTP khởi động quá lâu")
        await asyncio.sleep(0.02)
    return server
