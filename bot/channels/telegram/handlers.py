"""Thin Telegram handlers: read the update, call the answer service off the event loop, send formatted HTML.

Messages are sent with parse_mode HTML (set as an application default in app.py), so every string
sent here comes from format.py or is escaped with `esc`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, ReplyParameters, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import BadRequest, NetworkError, TelegramError

from bot.answer.api import InvalidQuestion
from bot.answer.models import Answer
from bot.channels.telegram import format as fmt
from bot.channels.telegram import keyboards as kb
from bot.channels.telegram.deps import Ctx, Deps, deps
from bot.ops import retention
from bot.ops.fifo import BUSY_MESSAGE, Busy
from bot.ops.metrics import METRICS
from ingest.models import Document

log = logging.getLogger(__name__)

ANSWERS = "answers"  # chat_data key: short key -> AnswerContext
MAX_KEPT_ANSWERS = 50  # buttons of older answers say "ask again" instead of growing memory forever
APOLOGY = "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Thầy cô vui lòng thử lại sau ít phút."
RATE_LIMITED = "Thầy cô hỏi hơi nhanh 🙏 Vui lòng đợi khoảng một phút rồi hỏi tiếp."
STALE = "Câu trả lời này đã cũ, thầy cô vui lòng hỏi lại."
NEW_CONVERSATION = "Đã bắt đầu câu hỏi mới. Thầy cô hãy gõ câu hỏi."
CHANNEL = "telegram"
FORGET_ASK = "Xoá mọi câu hỏi, hội thoại và góp ý của thầy cô mà bot đang lưu? Việc này không hoàn tác được."
FORGET_CANCELLED = "Đã huỷ, dữ liệu vẫn giữ nguyên."


def conversation_id(chat_id: int, user_id: int | None) -> str:
    return f"{chat_id}:{user_id if user_id is not None else chat_id}"


@dataclass
class AnswerContext:
    question: str
    answer: Answer
    shown: int = fmt.CITATIONS_SHOWN  # citations already sent
    voters: set[int] = field(default_factory=set)


def _answers(context: Ctx) -> OrderedDict[str, AnswerContext]:
    data: dict[Any, Any] = context.chat_data if context.chat_data is not None else {}
    return data.setdefault(ANSWERS, OrderedDict())  # type: ignore[no-any-return]


def remember_answer(context: Ctx, item: AnswerContext) -> str:
    """Keep the answer for its buttons; the returned short key goes into callback data."""
    store = _answers(context)
    # random, not a counter: buttons from before a restart must not reach newer answers
    key = secrets.token_hex(3)
    while key in store:
        key = secrets.token_hex(3)
    store[key] = item
    while len(store) > MAX_KEPT_ANSWERS:
        store.popitem(last=False)
    return key


async def send_html(
    context: Ctx,
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
) -> None:
    """Send in as many valid-HTML parts as needed; the keyboard goes under the last one."""
    parts = fmt.split_html(text) or ["…"]
    for i, part in enumerate(parts):
        reply = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to and i == 0 else None
        await context.bot.send_message(
            chat_id, part, reply_markup=markup if i == len(parts) - 1 else None, reply_parameters=reply
        )


async def edit_html(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Edit the message under a button; pressing twice ("message is not modified") is not an error."""
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


def is_group(update: Update) -> bool:
    return bool(update.effective_chat and update.effective_chat.type != ChatType.PRIVATE)


# ---------------------------------------------------------------------------------------------
# Questions


def strip_mention(text: str, username: str) -> str:
    return " ".join(re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).split())


async def _keep_typing(context: Ctx, chat_id: int) -> None:
    """Telegram shows "typing…" for ~5 s; repeat while a slow answer is computed."""
    while True:
        await asyncio.sleep(4.5)
        await context.bot.send_chat_action(chat_id, ChatAction.TYPING)


async def answer_question(update: Update, context: Ctx, question: str) -> None:
    d, msg, chat, user = deps(context), update.effective_message, update.effective_chat, update.effective_user
    if msg is None or chat is None:
        return
    reply_to = msg.message_id if is_group(update) else None
    if not question.strip():
        await send_html(
            context, chat.id, "Thầy cô hãy gõ câu hỏi, ví dụ:\n" + fmt.esc(fmt.EXAMPLES[0]), None, reply_to
        )
        return
    if user and not d.limiter.allow(user.id):
        await send_html(context, chat.id, fmt.esc(RATE_LIMITED), None, reply_to)
        return
    # "typing…" is a courtesy: a network error on it must not cost the teacher the answer.
    with contextlib.suppress(TelegramError):
        await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
    scope = d.chatdb.get_chat_settings(chat.id)
    typing = asyncio.create_task(_keep_typing(context, chat.id))
    started = time.perf_counter()
    try:
        # CPU-bound: the FIFO queue's threads keep the event loop free and serve chats in arrival order
        # one conversation per (chat, user): in a group, a follow-up never continues another teacher's question
        answer = await d.answers.run(
            functools.partial(
                d.conversations.ask_in,
                CHANNEL,
                conversation_id(chat.id, user.id if user else None),
                question,
                scope.province,
                scope.school_year,
            )
        )
    except Busy:
        METRICS.shed.labels(CHANNEL).inc()
        await send_html(context, chat.id, fmt.esc(BUSY_MESSAGE), None, reply_to)
        return
    except InvalidQuestion as exc:
        await send_html(context, chat.id, fmt.esc(str(exc)), None, reply_to)
        return
    finally:
        typing.cancel()
    latency_ms = int((time.perf_counter() - started) * 1000)
    METRICS.answered(CHANNEL, answer.found, latency_ms / 1000)
    await asyncio.to_thread(
        d.chatdb.log_question,
        channel="telegram",
        chat_id=chat.id,
        user_id=user.id if user else None,
        question=question,
        found=answer.found,
        cited_docs=[c.doc_id for c in answer.citations],
        latency_ms=latency_ms,
    )
    key = remember_answer(context, AnswerContext(question, answer))
    markup = (
        None if answer.small_talk else kb.answer_keyboard(key) if answer.found else kb.refusal_keyboard(key)
    )
    await send_html(
        context, chat.id, fmt.format_answer(answer, scope.province, scope.school_year), markup, reply_to
    )


async def on_private_text(update: Update, context: Ctx) -> None:
    if update.effective_message and update.effective_message.text:
        await answer_question(update, context, update.effective_message.text)


async def on_group_text(update: Update, context: Ctx) -> None:
    msg = update.effective_message
    if msg and msg.text:
        await answer_question(update, context, strip_mention(msg.text, context.bot.username))


async def hoi(update: Update, context: Ctx) -> None:
    await answer_question(update, context, " ".join(context.args or []))


# ---------------------------------------------------------------------------------------------
# Buttons under an answer


async def on_answer_button(update: Update, context: Ctx) -> None:
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None or not query.data:
        return
    _, key, action = query.data.split(":", 2)
    item = _answers(context).get(key)
    if item is None:
        await query.answer(STALE)
        return
    d, cites = deps(context), item.answer.citations
    if action == "src":
        found = None
        if cites:
            found = await asyncio.to_thread(
                d.service.section_source, cites[0].doc_id, cites[0].section_ordinal
            )
        if found is None:
            await query.answer("Không tìm thấy nguyên văn của mục này.")
            return
        await query.answer()
        await send_html(context, chat.id, fmt.format_source(*found))
    elif action == "more":
        batch = cites[item.shown : item.shown + fmt.CITATIONS_SHOWN]
        if not batch:
            await query.answer("Không còn nguồn nào khác.")
            return
        await query.answer()
        await send_html(context, chat.id, fmt.format_more_sources(batch, item.shown))
        item.shown += len(batch)
    elif action in ("up", "down"):
        if query.from_user.id in item.voters:
            await query.answer("Thầy cô đã đánh giá câu trả lời này rồi.")
            return
        item.voters.add(query.from_user.id)
        METRICS.feedback(1 if action == "up" else -1)
        await asyncio.to_thread(
            d.chatdb.add_feedback,
            chat_id=chat.id,
            user_id=query.from_user.id,
            question=item.question,
            answer=item.answer.answer,
            citations=[c.to_dict() for c in cites],
            vote=1 if action == "up" else -1,
        )
        await query.answer("Cảm ơn thầy cô đã góp ý!")


# ---------------------------------------------------------------------------------------------
# Commands and per-chat settings


async def start(update: Update, context: Ctx) -> None:
    d, chat = deps(context), update.effective_chat
    if chat:
        scope = d.chatdb.get_chat_settings(chat.id)
        text = fmt.format_start(scope.province, scope.school_year, d.service.current_school_year())
        text += "\n\n<i>" + fmt.esc(retention.notice(d.settings.nhiemvu_retention_days)) + "</i>"
        await send_html(context, chat.id, text)


async def xoadulieu(update: Update, context: Ctx) -> None:
    """/xoadulieu: ask for confirmation; the button erases the data of whoever presses it."""
    chat = update.effective_chat
    if chat is None:
        return
    reply_to = update.effective_message.message_id if update.effective_message and is_group(update) else None
    await send_html(context, chat.id, fmt.esc(FORGET_ASK), kb.forget_keyboard(), reply_to)


async def on_forget(update: Update, context: Ctx) -> None:
    d, query = deps(context), update.callback_query
    if query is None or not query.data:
        return
    if query.data != kb.FORGET_OK:
        await query.answer()
        await edit_html(query, fmt.esc(FORGET_CANCELLED))
        return
    deleted = await asyncio.to_thread(retention.forget_user, d.chatdb, CHANNEL, query.from_user.id)
    if not is_group(update):  # answers kept in memory for their buttons hold the questions too
        _answers(context).clear()
    await query.answer("Đã xoá.")
    await edit_html(query, fmt.esc(retention.deleted_message(deleted)))


async def purge_job(context: Ctx) -> None:
    """Daily: delete what is older than NHIEMVU_RETENTION_DAYS."""
    d = deps(context)
    deleted = await asyncio.to_thread(retention.purge, d.chatdb, d.settings.nhiemvu_retention_days)
    log.info("Xoá dữ liệu quá hạn: %s", deleted)


async def help_cmd(update: Update, context: Ctx) -> None:
    if update.effective_chat:
        await send_html(context, update.effective_chat.id, fmt.HELP_TEXT)


async def moi(update: Update, context: Ctx) -> None:
    """/moi: forget this teacher's conversation in this chat (others in a group keep theirs)."""
    d, chat, user = deps(context), update.effective_chat, update.effective_user
    if chat is None:
        return
    await asyncio.to_thread(
        d.conversations.reset, CHANNEL, conversation_id(chat.id, user.id if user else None)
    )
    reply_to = update.effective_message.message_id if update.effective_message and is_group(update) else None
    await send_html(context, chat.id, fmt.esc(NEW_CONVERSATION), None, reply_to)


async def on_new_conversation(update: Update, context: Ctx) -> None:
    """The "🔄 Câu hỏi mới" button: clears the conversation of whoever pressed it."""
    d, query, chat = deps(context), update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    await asyncio.to_thread(d.conversations.reset, CHANNEL, conversation_id(chat.id, query.from_user.id))
    await query.answer(NEW_CONVERSATION)


def _save(d: Deps, chat_id: int, kind: str, value: str | None) -> None:
    if kind == kb.PROVINCE:
        d.chatdb.set_chat_settings(chat_id, province=value)
    else:
        d.chatdb.set_chat_settings(chat_id, school_year=value)


async def _choose(update: Update, context: Ctx, kind: str, typed: str | None) -> None:
    """/tinh and /namhoc: save what was typed if it is known, otherwise show the keyboard."""
    d, chat = deps(context), update.effective_chat
    if chat is None:
        return
    options = d.service.provinces() if kind == kb.PROVINCE else d.service.school_years()
    typed = " ".join(context.args or []) if typed is None else typed
    if typed:
        found, value = kb.match_typed(kind, typed, options)
        if found:
            _save(d, chat.id, kind, value)
            await send_html(context, chat.id, fmt.format_chosen(kind == kb.PROVINCE, value))
            return
        await send_html(
            context, chat.id, f"Chưa có văn bản cho “{fmt.esc(typed)}”. Hãy chọn trong danh sách:"
        )
    scope = d.chatdb.get_chat_settings(chat.id)
    if kind == kb.PROVINCE:
        await send_html(context, chat.id, "Chọn tỉnh:", kb.provinces_keyboard(options, scope.province))
    else:
        await send_html(context, chat.id, "Chọn năm học:", kb.years_keyboard(options, scope.school_year))


async def tinh(update: Update, context: Ctx, typed: str | None = None) -> None:
    await _choose(update, context, kb.PROVINCE, typed)


async def namhoc(update: Update, context: Ctx, typed: str | None = None) -> None:
    await _choose(update, context, kb.YEAR, typed)


async def on_choice(update: Update, context: Ctx) -> None:
    """Buttons from /tinh, /namhoc and a refusal (see keyboards.py for the data format)."""
    d, query, chat = deps(context), update.callback_query, update.effective_chat
    if query is None or chat is None or not query.data:
        return
    if query.data.startswith("set:"):  # from a refusal: show the keyboard
        await query.answer()
        await _choose(update, context, kb.PROVINCE if query.data == "set:tinh" else kb.YEAR, "")
        return
    kind = kb.PROVINCE if query.data.startswith("p") else kb.YEAR
    options = d.service.provinces() if kind == kb.PROVINCE else d.service.school_years()
    found, value = kb.parse_choice(query.data, options)
    if not found:
        await query.answer("Lựa chọn này không còn trong danh sách.")
        return
    _save(d, chat.id, kind, value)
    await query.answer("Đã lưu.")
    await edit_html(query, fmt.format_chosen(kind == kb.PROVINCE, value) + " Thầy cô hãy hỏi lại.")


def _sorted_documents(d: Deps) -> list[Document]:
    # newest school year first, then newest document: what teachers look for
    return sorted(
        d.service.list_documents(),
        key=lambda x: (x.meta.school_year or "", x.meta.issued_date or ""),
        reverse=True,
    )


async def vanban(update: Update, context: Ctx) -> None:
    if update.effective_chat:
        text, page, pages = fmt.format_documents_page(_sorted_documents(deps(context)), 0)
        await send_html(context, update.effective_chat.id, text, kb.pages_keyboard(page, pages))


async def on_page(update: Update, context: Ctx) -> None:
    query = update.callback_query
    if query is None or not query.data:
        return
    wanted = int(query.data[2:]) if query.data[2:].isdigit() else 0
    text, page, pages = fmt.format_documents_page(_sorted_documents(deps(context)), wanted)
    await query.answer()
    await edit_html(query, text, kb.pages_keyboard(page, pages))


async def on_error(update: object, context: Ctx) -> None:
    """Log with the update id (never the user's view of it) and apologise; the bot keeps serving."""
    update_id = update.update_id if isinstance(update, Update) else None
    if update is None and isinstance(context.error, NetworkError):  # polling hiccup; PTB retries by itself
        log.warning("Lỗi mạng khi nhận update: %s", context.error)
        return
    log.error("Lỗi khi xử lý update %s: %s", update_id, type(context.error).__name__, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.callback_query:
        with contextlib.suppress(TelegramError):  # stop the spinner; fails if the handler already answered
            await update.callback_query.answer()
    try:
        await context.bot.send_message(update.effective_chat.id, fmt.esc(APOLOGY))
    except TelegramError as exc:  # the apology itself failed (blocked bot, network): log, don't loop
        log.warning("Không gửi được lời xin lỗi cho update %s: %s", update_id, exc)
