"""POST /zalo/webhook: verify the signature, acknowledge at once, answer in a background task.

Zalo expects a 200 within a short time and redelivers otherwise, so the handler only verifies, de-duplicates
and schedules; the (CPU-bound) answer runs in a thread and is sent through ZaloClient afterwards.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from bot.answer.api import AnswerServiceAPI, InvalidQuestion
from bot.calendar.answers import calendar_word, upcoming_text
from bot.channels.zalo.client import ZaloClient
from bot.channels.zalo.format import answer_messages, split_message
from bot.channels.zalo.signature import SignatureError, verify
from bot.conversation.service import ConversationService
from bot.ops.fifo import BUSY_MESSAGE, AnswerQueue, Busy
from bot.ops.metrics import METRICS
from bot.ops.retention import Deleted, deleted_message
from bot.settings import Settings
from ingest.textnorm import fold

log = logging.getLogger(__name__)

SORRY = (
    "Xin lỗi thầy/cô, hệ thống đang gặp sự cố nên chưa trả lời được. Thầy/cô vui lòng hỏi lại sau ít phút."
)
CHANNEL = "zalo"
NEW_WORDS = {"moi", "cau hoi moi", "hoi moi"}  # "/moi", "Câu hỏi mới": forget the conversation
NEW_CONVERSATION = "Đã bắt đầu câu hỏi mới. Thầy/cô hãy gõ câu hỏi."
# Erasure, with confirmation (Zalo has no buttons for an OA text chat): "xoá dữ liệu", then "xác nhận xoá".
FORGET_WORDS = {"xoa du lieu", "xoadulieu"}
CONFIRM_WORDS = {"xac nhan xoa"}
CONFIRM_SECONDS = 600
FORGET_ASK = (
    "Thầy/cô muốn xoá mọi câu hỏi, hội thoại và góp ý đã lưu? Gửi “xác nhận xoá” trong 10 phút để xoá "
    "(không hoàn tác được)."
)
UNAUTHORIZED = {"error": {"code": "invalid_signature", "message": "Chữ ký sự kiện Zalo không hợp lệ."}}


class SeenIds:
    """A bounded LRU set: Zalo redelivers events it thinks were lost; remember the recent msg_ids."""

    def __init__(self, capacity: int = 2048) -> None:
        self.capacity = capacity
        self._ids: OrderedDict[str, None] = OrderedDict()

    def add(self, key: str) -> bool:
        """False if already seen (and refresh its position)."""
        if key in self._ids:
            self._ids.move_to_end(key)
            return False
        self._ids[key] = None
        if len(self._ids) > self.capacity:
            self._ids.popitem(last=False)
        return True


class ZaloWebhook:
    def __init__(
        self,
        service: AnswerServiceAPI,
        settings: Settings,
        client: ZaloClient,
        log_question: Callable[..., object] | None = None,
        conversations: ConversationService | None = None,
        forget: Callable[[str], Deleted] | None = None,
        answers: AnswerQueue | None = None,
    ) -> None:
        self.service = service
        self.answers = answers  # the process's FIFO queue; None: a worker thread each
        self.forget = forget  # erases one follower's data (bot/ops/retention.py)
        self._forget_asked: dict[str, float] = {}
        # one conversation per follower id; without a ConversationService each message stands alone
        self.conversations = conversations
        self.settings = settings
        self.client = client
        self.log_question = log_question
        self.seen = SeenIds()
        self.tasks: set[asyncio.Task[None]] = set()  # strong refs: the loop only keeps weak ones
        self.router = APIRouter()
        self.router.add_api_route("/zalo/webhook", self.receive, methods=["POST"], include_in_schema=False)

    async def receive(self, request: Request) -> JSONResponse:
        raw = await request.body()
        try:
            event = json.loads(raw)
        except ValueError:
            event = None
        try:
            timestamp = event.get("timestamp") if isinstance(event, dict) else None
            verify(
                self.settings.zalo_app_id,
                self.settings.zalo_oa_secret_key.get_secret_value(),
                raw,
                request.headers.get("x-zevent-signature"),
                timestamp,
            )
        except SignatureError as exc:
            log.warning("Zalo webhook: từ chối sự kiện (%s)", exc)
            return JSONResponse(UNAUTHORIZED, status_code=401)
        if isinstance(event, dict):  # always true here: verify() needed the event's timestamp
            self.dispatch(event)
        return JSONResponse({"ok": True})

    def dispatch(self, event: dict[str, Any]) -> None:
        name = str(event.get("event_name", ""))
        if name.startswith("oa_send_"):  # our own replies echoed back
            return
        message = event.get("message") if isinstance(event.get("message"), dict) else {}
        msg_id = message.get("msg_id") if isinstance(message, dict) else None
        if msg_id is not None and not self.seen.add(str(msg_id)):
            log.info("Zalo webhook: bỏ qua sự kiện lặp lại")
            return
        if name != "user_send_text":
            return
        sender = event.get("sender")
        user_id = sender.get("id") if isinstance(sender, dict) else None
        text = message.get("text") if isinstance(message, dict) else None
        if not user_id or not isinstance(text, str):
            return
        task = asyncio.create_task(self.answer(str(user_id), text))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def answer(self, user_id: str, text: str) -> None:
        started = time.monotonic()
        cited: list[str] = []
        if self.forget is not None and await self._erasure(user_id, fold(" ".join(text.split())).lstrip("/")):
            return
        if self.conversations is not None and fold(" ".join(text.split())).lstrip("/") in NEW_WORDS:
            await anyio.to_thread.run_sync(self.conversations.reset, CHANNEL, user_id)
            await self.client.send_text(user_id, NEW_CONVERSATION)
            return
        asked, province = calendar_word(text)
        if asked:  # "lịch" or "lịch An Giang": the next 30 days of the calendar
            docs = await anyio.to_thread.run_sync(self.service.list_documents)
            body = await anyio.to_thread.run_sync(upcoming_text, docs, province, self.settings.today())
            for part in split_message(body):
                if not await self.client.send_text(user_id, part):
                    break
            return
        try:
            if self.conversations is not None:
                work = functools.partial(self.conversations.ask_in, CHANNEL, user_id, text, None, None)
            else:
                work = functools.partial(self.service.ask, text)
            if self.answers is not None:
                result = await self.answers.run(work)
            else:
                result = await anyio.to_thread.run_sync(work)
        except Busy:  # the event was acknowledged already; the follower gets the short "busy" note
            METRICS.shed.labels(CHANNEL).inc()
            messages, found = [BUSY_MESSAGE], False
        except InvalidQuestion as exc:
            messages = split_message(str(exc))
            found = False
        except Exception:
            log.exception("Zalo: lỗi khi trả lời câu hỏi")
            messages, found = [SORRY], False
        else:
            messages = answer_messages(result)
            found, cited = result.found, list(dict.fromkeys(c.doc_id for c in result.citations))
        latency_ms = int((time.monotonic() - started) * 1000)
        METRICS.answered(CHANNEL, found, latency_ms / 1000)
        for part in messages:
            if not await self.client.send_text(user_id, part):
                break  # the rest would arrive without its beginning
        if self.log_question is not None:
            try:
                await anyio.to_thread.run_sync(
                    functools.partial(
                        self.log_question,
                        channel="zalo",
                        chat_id=user_id,
                        user_id=user_id,
                        question=text,
                        found=found,
                        cited_docs=cited,
                        latency_ms=latency_ms,
                    )
                )
            except Exception:
                log.exception("Zalo: không ghi được nhật ký câu hỏi")

    async def _erasure(self, user_id: str, words: str) -> bool:
        """True when the message was about erasing the follower's data (and has been handled)."""
        assert self.forget is not None
        if words in FORGET_WORDS:
            self._forget_asked[user_id] = time.monotonic()
            await self.client.send_text(user_id, FORGET_ASK)
            return True
        asked = self._forget_asked.pop(user_id, None)
        if words not in CONFIRM_WORDS:
            return False
        if asked is None or time.monotonic() - asked > CONFIRM_SECONDS:
            await self.client.send_text(user_id, "Muốn xoá dữ liệu, thầy/cô hãy gửi “xoá dữ liệu” trước.")
            return True
        deleted = await anyio.to_thread.run_sync(self.forget, user_id)
        await self.client.send_text(user_id, deleted_message(deleted))
        return True

    async def drain(self, timeout: float = 5.0) -> None:
        """At shutdown: let replies in flight finish (briefly), then cancel the rest."""
        pending = list(self.tasks)
        if not pending:
            return
        _, still = await asyncio.wait(pending, timeout=timeout)
        for task in still:
            task.cancel()
