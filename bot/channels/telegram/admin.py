"""Admin commands (settings.admin_ids only): /them (upload a document), /xoa <id>, /thongke.

Anyone else gets a refusal and nothing is downloaded, changed or counted.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
import tempfile
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import TelegramError

from bot.answer.models import document_label
from bot.channels.telegram import format as fmt
from bot.channels.telegram import keyboards as kb
from bot.channels.telegram.handlers import Ctx, deps, edit_html, send_html

log = logging.getLogger(__name__)

ALLOWED_SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".txt")
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # the Bot API's getFile limit for bots
NOT_ADMIN = "⛔ Lệnh này chỉ dành cho quản trị viên của Sở."
PENDING = "pending_delete"  # chat_data key: short key -> document id awaiting confirmation


def is_admin(context: Ctx, user_id: int | None) -> bool:
    return user_id is not None and user_id in deps(context).settings.admin_ids


async def _refuse(update: Update, context: Ctx) -> bool:
    """True (and a refusal sent) when the sender is not an admin."""
    user = update.effective_user
    if is_admin(context, user.id if user else None):
        return False
    log.info("Từ chối lệnh quản trị từ user %s", user.id if user else None)
    if update.effective_chat:
        await send_html(context, update.effective_chat.id, fmt.esc(NOT_ADMIN))
    return True


def _safe_name(name: str) -> str:
    """Keep the original name (the service may show it as the source) without any path in it."""
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._") or "tep"
    return stem[:100] + suffix


async def them_document(update: Update, context: Ctx) -> None:
    """A document with the caption /them: download, ingest off the event loop, report what was read."""
    if await _refuse(update, context):
        return
    msg, chat = update.effective_message, update.effective_chat
    if msg is None or chat is None or msg.document is None:
        return
    doc = msg.document
    name = doc.file_name or "tep"
    if not name.lower().endswith(ALLOWED_SUFFIXES):
        await send_html(
            context, chat.id, f"❌ Không nhận tệp “{fmt.esc(name)}”: chỉ nhận PDF, DOCX, HTML hoặc TXT."
        )
        return
    if doc.file_size and doc.file_size > MAX_DOWNLOAD_BYTES:
        size = doc.file_size / 1024 / 1024
        await send_html(
            context,
            chat.id,
            f"❌ Tệp quá lớn ({size:.1f} MB): bot chỉ tải được tệp tối đa 20 MB. "
            "Hãy nén hoặc tách tệp rồi gửi lại.",
        )
        return
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    with tempfile.TemporaryDirectory(prefix="nhiemvu-tg-") as tmp:
        path = Path(tmp) / _safe_name(name)
        try:
            tg_file = await doc.get_file()
            await tg_file.download_to_drive(path)
        except TelegramError as exc:  # e.g. "file is too big" when the size was unknown, or a network error
            log.warning("Không tải được tệp %s: %s", name, exc)
            await send_html(
                context, chat.id, "❌ Không tải được tệp từ Telegram (tệp quá lớn hoặc đã hết hạn)."
            )
            return
        outcome = await asyncio.to_thread(deps(context).service.add_file, path)
    log.info(
        "Admin %s nạp %s: %d văn bản, %d lỗi",
        update.effective_user.id if update.effective_user else None,
        name,
        len(outcome.documents),
        len(outcome.errors),
    )
    await send_html(context, chat.id, fmt.format_add_outcome(outcome))


async def them_command(update: Update, context: Ctx) -> None:
    """/them typed without a file: explain how to upload."""
    if not await _refuse(update, context) and update.effective_chat:
        await send_html(
            context,
            update.effective_chat.id,
            "Gửi tệp PDF, DOCX, HTML hoặc TXT (tối đa 20 MB) với chú thích <code>/them</code>.",
        )


async def xoa(update: Update, context: Ctx) -> None:
    if await _refuse(update, context) or update.effective_chat is None:
        return
    chat_id, doc_id = update.effective_chat.id, " ".join(context.args or [])
    if not doc_id:
        await send_html(
            context, chat_id, "Cách dùng: <code>/xoa &lt;ID văn bản&gt;</code> (ID xem trong /vanban)."
        )
        return
    doc = deps(context).service.get_document(doc_id)
    if doc is None:
        await send_html(context, chat_id, f"Không có văn bản ID <code>{fmt.esc(doc_id)}</code>.")
        return
    # the id may be longer than callback data allows: keep it here, put a short key in the button
    pending: dict[str, Any] = (
        context.chat_data.setdefault(PENDING, {}) if context.chat_data is not None else {}
    )
    key = secrets.token_hex(4)
    pending[key] = doc_id
    await send_html(
        context,
        chat_id,
        f"Xóa văn bản <b>{fmt.esc(document_label(doc.meta))}</b>"
        f" (ID <code>{fmt.esc(doc_id)}</code>) khỏi chỉ mục?",
        kb.delete_keyboard(key),
    )


async def on_delete(update: Update, context: Ctx) -> None:
    query = update.callback_query
    if query is None or not query.data:
        return
    if not is_admin(context, query.from_user.id):
        await query.answer(NOT_ADMIN, show_alert=True)
        return
    _, key, action = query.data.split(":", 2)
    pending = context.chat_data.get(PENDING, {}) if context.chat_data is not None else {}
    doc_id = pending.pop(key, None)
    if doc_id is None:
        await query.answer("Yêu cầu này đã cũ.")
        return
    await query.answer()
    if action != "ok":
        await edit_html(query, "Đã hủy, không xóa gì.")
        return
    removed = await asyncio.to_thread(deps(context).service.remove_document, doc_id)
    log.info("Admin %s xóa %s: %s", query.from_user.id, doc_id, removed)
    text = "🗑 Đã xóa văn bản" if removed else "Không xóa được văn bản"
    await edit_html(query, f"{text} <code>{fmt.esc(doc_id)}</code>.")


async def thongke(update: Update, context: Ctx) -> None:
    if await _refuse(update, context) or update.effective_chat is None:
        return
    stats = await asyncio.to_thread(deps(context).chatdb.stats, 7)
    await send_html(context, update.effective_chat.id, fmt.format_stats(stats, 7))
