"""A small real Bot API server on 127.0.0.1 for end-to-end tests of the Telegram channel.

Serves `/bot<token>/<method>` and `/file/bot<token>/<path>` over HTTP in a background thread,
records every call (method + decoded params), queues updates for getUpdates (long polling with a
short wait), can answer 429 with retry_after once for a chosen method, and builds the updates a
test needs (private text, group text with/without mention, reply to the bot, button press, document).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar
from urllib.parse import parse_qs, unquote, urlparse

T = TypeVar("T")

TOKEN = "123456789:AAH-test_token_for_fake_bot_api_x"
BOT_ID = 123456789
BOT_USERNAME = "nhiemvu_test_bot"
JSON_PARAMS = {
    "reply_markup",
    "reply_parameters",
    "link_preview_options",
    "commands",
    "allowed_updates",
    "scope",
}
INT_PARAMS = {"chat_id", "message_id", "offset", "timeout", "limit", "user_id"}
MAX_POLL_WAIT = 0.5  # seconds a getUpdates call is held open when nothing is queued


class _Server(ThreadingHTTPServer):
    # PTB sends up to 16 requests at once; the default listen backlog of 5 drops connections under load.
    request_queue_size = 128


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    status: int


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeBotAPI:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.commands: list[dict[str, Any]] = []
        self.files: dict[str, tuple[str, bytes]] = {}  # file_id -> (file_path, content)
        self.downloads: list[str] = []
        self._updates: list[dict[str, Any]] = []
        self._edited: dict[tuple[int, int], tuple[str, str]] = {}
        self._fail_once: dict[str, int] = {}
        self._cond = threading.Condition()
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(5000)
        self._closing = False
        self.bot_user = {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Nhiệm vụ",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self._server = _Server(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> FakeBotAPI:
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- test controls ----------------------------------------------------------------------

    def fail_once(self, method: str, retry_after: int = 1) -> None:
        """The next call of `method` gets 429 Too Many Requests with this retry_after."""
        with self._cond:
            self._fail_once[method] = retry_after

    def push(self, update: dict[str, Any]) -> int:
        with self._cond:
            update["update_id"] = next(self._ids)
            self._updates.append(update)
            self._cond.notify_all()
        return int(update["update_id"])

    def mark(self) -> int:
        with self._cond:
            return len(self.calls)

    def calls_of(self, method: str, since: int = 0, ok_only: bool = True) -> list[dict[str, Any]]:
        with self._cond:
            return [
                c.params
                for c in self.calls[since:]
                if c.method == method and (c.status == 200 or not ok_only)
            ]

    def sent(self, chat_id: int | None = None, since: int = 0) -> list[dict[str, Any]]:
        """Successful sendMessage params (optionally for one chat)."""
        return [
            p for p in self.calls_of("sendMessage", since) if chat_id is None or p.get("chat_id") == chat_id
        ]

    async def wait_for(
        self, check: Callable[[], T | None], timeout: float = 5.0, what: str = "condition"
    ) -> T:
        deadline = time.monotonic() + timeout
        while True:
            result = check()
            if result:
                return result
            if time.monotonic() > deadline:
                methods = [(c.method, c.status) for c in self.calls[-15:]]
                raise AssertionError(f"timed out waiting for {what}; last calls: {methods}")
            await asyncio.sleep(0.02)

    async def wait_sent(
        self, chat_id: int, since: int, count: int = 1, timeout: float = 5.0
    ) -> list[dict[str, Any]]:
        return await self.wait_for(
            lambda: (lambda s: s if len(s) >= count else None)(self.sent(chat_id, since)),
            timeout,
            f"{count} message(s) to chat {chat_id}",
        )

    # -- update builders --------------------------------------------------------------------

    @staticmethod
    def user(user_id: int, name: str = "Cô Lan") -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": name, "language_code": "vi"}

    @staticmethod
    def chat(chat_id: int) -> dict[str, Any]:
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": "Cô Lan"}
        return {"id": chat_id, "type": "supergroup", "title": "Tổ chuyên môn"}

    def message(self, chat_id: int, user_id: int, text: str | None = None, **extra: Any) -> dict[str, Any]:
        msg: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self.chat(chat_id),
            "from": self.user(user_id),
            **extra,
        }
        if text is not None:
            msg["text"] = text
            entities = list(extra.get("entities", []))
            if text.startswith("/"):  # what Telegram adds: CommandHandler needs it
                entities.insert(0, {"type": "bot_command", "offset": 0, "length": utf16(text.split()[0])})
            if entities:
                msg["entities"] = entities
        return msg

    def text(self, text: str, user_id: int, chat_id: int | None = None, **extra: Any) -> int:
        return self.push({"message": self.message(chat_id or user_id, user_id, text, **extra)})

    def group_text(
        self,
        text: str,
        user_id: int,
        chat_id: int,
        mention: bool = False,
        reply_to: dict[str, Any] | None = None,
    ) -> int:
        extra: dict[str, Any] = {}
        if mention:
            at = f"@{BOT_USERNAME}"
            start = text.index(at)
            extra["entities"] = [{"type": "mention", "offset": utf16(text[:start]), "length": utf16(at)}]
        if reply_to is not None:
            extra["reply_to_message"] = reply_to
        return self.text(text, user_id, chat_id, **extra)

    def bot_message(self, chat_id: int, text: str = "…", message_id: int | None = None) -> dict[str, Any]:
        return {
            "message_id": message_id or next(self._message_ids),
            "date": int(time.time()),
            "chat": self.chat(chat_id),
            "from": self.bot_user,
            "text": text,
        }

    def press(self, data: str, user_id: int, chat_id: int, message_id: int | None = None) -> int:
        query = {
            "id": f"cq{next(self._ids)}",
            "from": self.user(user_id),
            "chat_instance": "ci",
            "message": self.bot_message(chat_id, message_id=message_id),
            "data": data,
        }
        return self.push({"callback_query": query})

    def document(
        self,
        user_id: int,
        file_name: str,
        content: bytes,
        caption: str = "/them",
        file_size: int | None = None,
        chat_id: int | None = None,
    ) -> int:
        file_id = f"file{next(self._ids)}"
        with self._cond:
            self.files[file_id] = (f"documents/{file_name}", content)
        doc = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": file_name,
            "mime_type": "text/plain",
            "file_size": len(content) if file_size is None else file_size,
        }
        return self.push(
            {"message": self.message(chat_id or user_id, user_id, None, document=doc, caption=caption)}
        )

    def photo(
        self,
        user_id: int,
        content: bytes,
        caption: str | None = "/them",
        media_group_id: str | None = None,
        chat_id: int | None = None,
    ) -> int:
        """A compressed photo (PhotoSize list, largest last), alone or as one message of an album."""
        file_id = f"photo{next(self._ids)}"
        with self._cond:
            self.files[file_id] = (f"photos/{file_id}.jpg", content)
        sizes = [
            {"file_id": f"{file_id}s", "file_unique_id": f"u{file_id}s", "width": 90, "height": 128, "file_size": 900},
            {"file_id": file_id, "file_unique_id": f"u{file_id}", "width": 1240, "height": 1754,
             "file_size": len(content)},
        ]  # fmt: skip
        with self._cond:
            self.files[f"{file_id}s"] = (f"photos/{file_id}s.jpg", b"")
        extra: dict[str, Any] = {"photo": sizes}
        if caption is not None:
            extra["caption"] = caption
        if media_group_id is not None:
            extra["media_group_id"] = media_group_id
        return self.push({"message": self.message(chat_id or user_id, user_id, None, **extra)})

    # -- HTTP -------------------------------------------------------------------------------

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                path = unquote(urlparse(self.path).path)
                prefix = f"/file/bot{api.token}/"
                if path.startswith(prefix):
                    wanted = path[len(prefix) :]
                    with api._cond:
                        content = next((c for p, c in api.files.values() if p == wanted), None)
                        api.downloads.append(wanted)
                    if content is not None:
                        return self._send(200, content, "application/octet-stream")
                    return self._send(404, b"not found", "text/plain")
                self._dispatch(path, {})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                kind = self.headers.get("Content-Type", "")
                if "json" in kind:
                    params = json.loads(body or b"{}")
                else:
                    params = {k: v[-1] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()}
                    for key in list(params):
                        if key in JSON_PARAMS:
                            params[key] = json.loads(params[key])
                        elif key in INT_PARAMS:
                            params[key] = int(params[key])
                self._dispatch(urlparse(self.path).path, params)

            def _dispatch(self, path: str, params: dict[str, Any]) -> None:
                prefix = "/bot"
                token, _, method = (
                    path[len(prefix) :].partition("/") if path.startswith(prefix) else ("", "", "")
                )
                if token != api.token:
                    return self._json(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
                status, payload = api._call(method, params)
                self._json(status, payload)

            def _json(self, status: int, payload: Any) -> None:
                self._send(status, json.dumps(payload).encode(), "application/json")

            def _send(self, status: int, body: bytes, kind: str) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client gave up on a long poll; nothing to do
                    pass

        return Handler

    def _call(self, method: str, params: dict[str, Any]) -> tuple[int, Any]:
        with self._cond:
            retry_after = self._fail_once.pop(method, None)
        handler = getattr(self, f"_m_{method}", None)
        status, payload = self._answer(method, params, retry_after, handler)
        if method != "getUpdates":  # polls would drown the interesting calls
            with self._cond:
                self.calls.append(Call(method, params, status))
        return status, payload

    @staticmethod
    def _answer(
        method: str, params: dict[str, Any], retry_after: int | None, handler: Any
    ) -> tuple[int, Any]:
        if retry_after:
            return 429, {
                "ok": False,
                "error_code": 429,
                "description": f"Too Many Requests: retry after {retry_after}",
                "parameters": {"retry_after": retry_after},
            }
        if handler is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
        result = handler(params)
        if isinstance(result, tuple):
            return result
        return 200, {"ok": True, "result": result}

    # -- Bot API methods ----------------------------------------------------------------------

    def _m_getMe(self, p: dict[str, Any]) -> Any:
        return self.bot_user

    def _m_getUpdates(self, p: dict[str, Any]) -> Any:
        offset = int(p.get("offset") or 0)
        deadline = time.monotonic() + min(float(p.get("timeout") or 0), MAX_POLL_WAIT)
        with self._cond:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._closing and time.monotonic() < deadline:
                self._cond.wait(max(0.0, deadline - time.monotonic()))
            return list(self._updates)

    def _m_deleteWebhook(self, p: dict[str, Any]) -> Any:
        return True

    def _m_setWebhook(self, p: dict[str, Any]) -> Any:
        return True

    def _m_setMyCommands(self, p: dict[str, Any]) -> Any:
        self.commands = list(p.get("commands") or [])
        return True

    def _m_getMyCommands(self, p: dict[str, Any]) -> Any:
        return self.commands

    def _m_sendChatAction(self, p: dict[str, Any]) -> Any:
        return True

    def _m_answerCallbackQuery(self, p: dict[str, Any]) -> Any:
        return True

    def _m_sendMessage(self, p: dict[str, Any]) -> Any:
        if not str(p.get("text", "")).strip():
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: message text is empty"}
        msg = self.bot_message(int(p["chat_id"]), str(p["text"]))
        if "reply_markup" in p:
            msg["reply_markup"] = p["reply_markup"]
        return msg

    def _m_editMessageText(self, p: dict[str, Any]) -> Any:
        key = (int(p["chat_id"]), int(p["message_id"]))
        content = (str(p["text"]), json.dumps(p.get("reply_markup"), sort_keys=True))
        with self._cond:
            if self._edited.get(key) == content:  # what Telegram says when an edit changes nothing
                return 400, {
                    "ok": False,
                    "error_code": 400,
                    "description": "Bad Request: message is not modified",
                }
            self._edited[key] = content
        msg = self.bot_message(int(p["chat_id"]), str(p["text"]), int(p["message_id"]))
        if "reply_markup" in p:
            msg["reply_markup"] = p["reply_markup"]
        return msg

    def _m_editMessageReplyMarkup(self, p: dict[str, Any]) -> Any:
        return self.bot_message(int(p["chat_id"]), message_id=int(p["message_id"]))

    def _m_getFile(self, p: dict[str, Any]) -> Any:
        file_id = str(p.get("file_id"))
        if file_id not in self.files:
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: invalid file_id"}
        path, content = self.files[file_id]
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(content),
            "file_path": path,
        }


def buttons(params: dict[str, Any]) -> dict[str, str]:
    """{button text: callback_data} of a recorded sendMessage/editMessageText."""
    markup = params.get("reply_markup") or {}
    return {b["text"]: b.get("callback_data", "") for row in markup.get("inline_keyboard", []) for b in row}
