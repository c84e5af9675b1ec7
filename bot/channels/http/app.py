"""The FastAPI application: JSON API under /v1, the web chat page at /, the widget, optionally Zalo's webhook.

Every error is `{"error": {"code", "message"}}` with a Vietnamese message; tracebacks only go to the log.
"""

# No `from __future__ import annotations`: FastAPI reads the (per-app) request model from the signature.
import asyncio
import functools
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, cast

from fastapi import FastAPI
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.answer.api import AnswerServiceAPI, InvalidQuestion
from bot.answer.citations import citation
from bot.answer.models import Answer
from bot.app import build_conversations
from bot.channels.http.calendar import calendar_router
from bot.channels.http.schemas import (
    ERROR_RESPONSES,
    AnswerOut,
    AskRequestBase,
    DocumentDetailOut,
    DocumentOut,
    ErrorOut,
    SectionSourceOut,
    ask_request_model,
    error_json,
    validation_message,
)
from bot.channels.http.security import ApiKeyMiddleware
from bot.channels.zalo.client import ZaloClient
from bot.channels.zalo.webhook import ZaloWebhook
from bot.chatdb import ChatDB
from bot.conversation.service import ConversationService
from bot.ops.fifo import BUSY_MESSAGE, AnswerQueue, Busy
from bot.ops.metrics import CONTENT_TYPE as METRICS_TYPE
from bot.ops.metrics import METRICS, Metrics, open_conversations
from bot.ops.retention import Deleted, forget_user
from bot.settings import Settings
from ingest.models import Document, Section

logger = logging.getLogger(__name__)

PURGE_SECONDS = 24 * 3600
CHANNEL = "http"  # the API and the web page: one conversation per id the server issued
STATIC_DIR = Path(__file__).resolve().parent / "static"
SERVER_ERROR = "Hệ thống đang gặp sự cố, thầy/cô vui lòng thử lại sau ít phút."
NOT_FOUND_DOC = "Không tìm thấy văn bản này (có thể đã bị gỡ khỏi hệ thống)."
# The page loads only its own files; frame-ancestors is open on purpose: the page is meant to be embedded.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'"
)
STATUS_ERRORS = {
    400: ("bad_request", "Yêu cầu không hợp lệ."),
    404: ("not_found", "Không tìm thấy địa chỉ này."),
    405: ("method_not_allowed", "Phương thức HTTP này không được hỗ trợ ở địa chỉ này."),
    413: ("too_large", "Nội dung gửi lên quá lớn."),
}


class ServerErrorMiddleware:
    """Turn any unhandled exception into a JSON 500 without re-raising (Starlette's own would re-raise)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            logger.exception("Lỗi không xử lý được: %s %s", scope.get("method"), scope.get("path"))
            if started:  # too late for a clean error; the server closes the connection
                return
            await JSONResponse(error_json("server_error", SERVER_ERROR), status_code=500)(
                scope, receive, send
            )


async def _daily(work: Callable[[], object], period: float = PURGE_SECONDS) -> None:
    """Run `work` in a thread now and then every `period` seconds; a failure is logged, the loop goes on."""
    while True:
        try:
            await run_in_threadpool(work)
        except Exception:
            logger.exception("Lỗi khi xoá dữ liệu quá hạn")
        await asyncio.sleep(period)


def answer_payload(answer: Answer) -> dict[str, Any]:
    """Answer.to_dict() plus a ready-made citation label (the page and widgets should not re-implement it)."""
    out = answer.to_dict()
    for cdict, cited in zip(out["citations"], answer.citations, strict=True):
        cdict["label"] = cited.label()
    return out


def section_label(doc: Document, section: Section) -> str:
    return citation(doc, section, "", 0.0).label()


def _blank_to_none(value: str | None) -> str | None:
    stripped = value.strip() if value else ""
    return stripped or None


def create_app(
    service: AnswerServiceAPI,
    settings: Settings,
    log: Callable[..., object] | None = None,
    zalo: ZaloClient | None = None,
    conversations: ConversationService | None = None,
    purge: Callable[[], object] | None = None,
    metrics: Metrics = METRICS,
    answers: AnswerQueue | None = None,
) -> FastAPI:
    """`conversations`: shared with other channels in one process; by default kept in memory (tests, embedding).
    `purge`: the retention purge, run once a day in the background (None when another process runs it)."""
    if conversations is None:
        conversations = build_conversations(settings, service, ChatDB(":memory:"))
    chats = conversations
    fifo = answers if answers is not None else settings.answer_queue()
    metrics.watch(service.health, open_conversations(chats.store.db, chats.store.ttl))

    def forget_follower(user_id: str) -> Deleted:
        return forget_user(chats.store.db, "zalo", user_id)

    webhook = (
        ZaloWebhook(service, settings, zalo, log, chats, forget_follower, fifo) if zalo is not None else None
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        daily = asyncio.create_task(_daily(purge)) if purge is not None else None
        yield
        if daily is not None:
            daily.cancel()
        if webhook is not None:
            await webhook.drain()

    app = FastAPI(
        title="Hỏi đáp nhiệm vụ năm học",
        version="1.0",
        description="Trả lời câu hỏi của thầy cô về văn bản hướng dẫn nhiệm vụ năm học, "
        "kèm số văn bản và mục. Khoá API: header X-API-Key (khi máy chủ yêu cầu).",
        lifespan=lifespan,
        redoc_url=None,
    )
    # Last added = outermost: CORS sees everything (so 401/500 carry CORS headers, preflights never need a key).
    app.add_middleware(ApiKeyMiddleware, keys=settings.api_key_list)
    app.add_middleware(ServerErrorMiddleware)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origin_list,
        allow_credentials=False,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Content-Type", "X-API-Key"],
        max_age=600,
    )

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        code, message = validation_message(list(exc.errors()))
        return JSONResponse(error_json(code, message), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        default = ("error", "Yêu cầu không thực hiện được.")
        code, message = STATUS_ERRORS.get(exc.status_code, default)
        if exc.status_code == 404 and exc.detail == NOT_FOUND_DOC:
            code, message = "document_not_found", NOT_FOUND_DOC
        return JSONResponse(error_json(code, message), status_code=exc.status_code, headers=exc.headers)

    AskRequest = ask_request_model(settings.nhiemvu_max_question_chars)  # noqa: N806

    def ask_and_log(
        question: str, province: str | None, school_year: str | None, conversation_id: str | None
    ) -> Answer:
        started = time.monotonic()
        # An id is only ever continued if this server issued it and it is alive; anything else starts afresh
        # under a new random id, so a client can never reach someone else's conversation by guessing.
        if not conversation_id or not chats.alive(CHANNEL, conversation_id):
            conversation_id = chats.new_id()
        answer = chats.ask_in(CHANNEL, conversation_id, question, province, school_year)
        metrics.answered("web", answer.found, time.monotonic() - started)
        if log is not None:
            try:  # the question log must never cost the teacher the answer
                log(
                    channel="web",
                    chat_id="web",  # no chat on the web: one bucket (ChatDB needs a value)
                    user_id=None,
                    question=question,
                    found=answer.found,
                    cited_docs=list(dict.fromkeys(c.doc_id for c in answer.citations)),
                    latency_ms=int((time.monotonic() - started) * 1000),
                )
            except Exception:
                logger.exception("Không ghi được nhật ký câu hỏi")
        return answer

    @app.post(
        "/v1/ask",
        response_model=AnswerOut,
        responses=ERROR_RESPONSES,
        tags=["hỏi đáp"],
        summary="Đặt câu hỏi",
    )
    async def ask(body: AskRequest) -> Any:  # type: ignore[valid-type]
        req = cast(AskRequestBase, body)
        work = functools.partial(
            ask_and_log,
            req.question,
            _blank_to_none(req.province),
            _blank_to_none(req.school_year),
            req.conversation_id,
        )
        try:  # in arrival order, in the queue's threads: retrieval is CPU-bound and must not stall the loop
            answer = await fifo.run(work)
        except Busy as busy:
            metrics.shed.labels("web").inc()
            return JSONResponse(
                error_json("busy", BUSY_MESSAGE),
                status_code=503,
                headers={"Retry-After": str(busy.retry_after)},
            )
        except InvalidQuestion as exc:
            return JSONResponse(error_json("invalid_question", str(exc)), status_code=422)
        return answer_payload(answer)

    @app.delete(
        "/v1/conversations/{conversation_id}",
        status_code=204,
        responses=ERROR_RESPONSES,
        tags=["hỏi đáp"],
        summary="Bắt đầu câu hỏi mới (quên cuộc hội thoại)",
    )
    async def forget(
        conversation_id: str = PathParam(max_length=64, pattern=r"^[A-Za-z0-9_-]+$"),
    ) -> Response:
        await run_in_threadpool(chats.reset, CHANNEL, conversation_id)
        return Response(status_code=204)

    @app.get(
        "/v1/documents",
        response_model=list[DocumentOut],
        responses=ERROR_RESPONSES,
        tags=["văn bản"],
        summary="Danh sách văn bản",
    )
    async def documents() -> Any:
        docs = await run_in_threadpool(service.list_documents)
        return [d.as_dict() for d in docs]

    not_found: dict[int | str, dict[str, Any]] = {
        404: {"model": ErrorOut, "description": "Không có văn bản/mục này"}
    }

    @app.get(
        "/v1/documents/{doc_id}",
        response_model=DocumentDetailOut,
        responses={**ERROR_RESPONSES, **not_found},
        tags=["văn bản"],
        summary="Một văn bản, kèm các mục",
    )
    async def document(doc_id: str = PathParam(max_length=200)) -> Any:
        doc = await run_in_threadpool(service.get_document, doc_id)
        if doc is None:
            raise StarletteHTTPException(404, NOT_FOUND_DOC)
        out = doc.as_dict(with_sections=True)
        for sdict, sec in zip(out["sections"], doc.sections, strict=True):
            sdict["ordinal"] = sec.ordinal
        return out

    @app.get(
        "/v1/documents/{doc_id}/sections/{ordinal}",
        response_model=SectionSourceOut,
        responses={**ERROR_RESPONSES, **not_found},
        tags=["văn bản"],
        summary="Toàn văn một mục (nguồn)",
    )
    async def section(
        doc_id: str = PathParam(max_length=200), ordinal: int = PathParam(ge=0, le=1_000_000)
    ) -> Any:
        found = await run_in_threadpool(service.section_source, doc_id, ordinal)
        if found is None:
            raise StarletteHTTPException(404, NOT_FOUND_DOC)
        doc, sec, text = found
        return {
            "doc_id": doc.id,
            "ordinal": sec.ordinal,
            "path": sec.path,
            "title": sec.title,
            "label": section_label(doc, sec),
            "text": text,
        }

    @app.get("/healthz", response_model=dict[str, Any], tags=["vận hành"], summary="Tình trạng chỉ mục")
    async def healthz() -> Any:
        # Round-trip through JSON so odd values (datetimes, paths) become strings instead of a 500.
        return json.loads(json.dumps(await run_in_threadpool(service.health), default=str))

    @app.get("/metrics", include_in_schema=False)
    async def prometheus() -> Response:
        body = await run_in_threadpool(metrics.exposition)
        return Response(body, media_type=METRICS_TYPE)

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(
            STATIC_DIR / "index.html",
            media_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-cache"},
        )

    @app.get("/widget.js", include_in_schema=False)
    async def widget() -> FileResponse:
        return FileResponse(
            STATIC_DIR / "widget.js",
            media_type="application/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=3600"},
        )

    app.include_router(calendar_router(service))
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    if webhook is not None:
        app.include_router(webhook.router)
        app.state.zalo_webhook = webhook
    return app
