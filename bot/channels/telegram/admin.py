"""Admin commands (settings.admin_ids only): /them (upload a document), /xoa <id>, /thongke.

Anyone else gets a refusal and nothing is downloaded, changed or counted. /them also takes a photo
or an image file, and an album of photos (one media_group_id) as one document, pages in message order;
OCR runs in a worker thread, and one message shows the page count as it goes.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import TelegramError

from bot.answer.api import AddOutcome
from bot.answer.models import document_label
from bot.channels.telegram import format as fmt
from bot.channels.telegram import keyboards as kb
from bot.channels.telegram.deps import Ctx, deps
from bot.channels.telegram.handlers import edit_html, send_html
from bot.ops.metrics import METRICS
from ingest.readers.decode import IMAGE_SUFFIXES

log = logging.getLogger(__name__)

ALLOWED_SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".txt", *sorted(IMAGE_SUFFIXES))
ALLOWED_TEXT = "PDF, DOCX, HTML, TXT hoặc ảnh (JPG, PNG, TIFF, WEBP)"
THEM_CAPTION = re.compile(r"^/them(@\w+)?(\s|$)")
ALBUM_WAIT = 1.5  # seconds without a new photo before an album is taken as complete
EDIT_EVERY = 1.0  # seconds between progress edits (Telegram's flood limits)
ALBUMS = "albums"  # bot_data key: media_group_id -> _Album
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
        await send_html(context, chat.id, f"❌ Không nhận tệp “{fmt.esc(name)}”: chỉ nhận {ALLOWED_TEXT}.")
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
        needs_ocr = path.suffix.lower() in IMAGE_SUFFIXES or path.suffix.lower() == ".pdf"
        outcome = await _ingest(context, chat.id, [path], needs_ocr)
    log.info(
        "Admin %s nạp %s: %d văn bản, %d lỗi",
        update.effective_user.id if update.effective_user else None,
        name,
        len(outcome.documents),
        len(outcome.errors),
    )
    await send_html(context, chat.id, fmt.format_add_outcome(outcome) + _ocr_report(outcome))


class _Progress:
    """Edits one status message from the worker thread: "Đang nhận dạng trang 3/12…"."""

    def __init__(self, context: Ctx, chat_id: int, message_id: int | None) -> None:
        self.context, self.chat_id, self.message_id = context, chat_id, message_id
        self.loop = asyncio.get_running_loop()
        self.last = 0.0
        self.pending: list[Any] = []  # edits scheduled from the thread, awaited before the final one

    async def _edit(self, text: str) -> None:
        if self.message_id is None:
            return
        try:
            await self.context.bot.edit_message_text(text, self.chat_id, self.message_id)
        except TelegramError as exc:  # "not modified", flood control: progress is best effort
            log.debug("progress edit failed: %s", exc)

    def __call__(self, done: int, total: int) -> None:  # called from the worker thread
        now = time.monotonic()
        if done < total and now - self.last < EDIT_EVERY:
            return
        self.last = now
        text = (
            f"⏳ Đang nhận dạng trang {min(done + 1, total)}/{total}…"
            if done < total
            else (f"🔎 Đã nhận dạng {total}/{total} trang, đang lập chỉ mục…")
        )
        self.pending.append(asyncio.run_coroutine_threadsafe(self._edit(text), self.loop))

    async def finish(self, text: str) -> None:
        for future in self.pending:  # a late progress edit must not overwrite the final status
            await asyncio.wrap_future(future)
        await self._edit(text)


async def _ingest(context: Ctx, chat_id: int, paths: list[Path], needs_ocr: bool) -> AddOutcome:
    """Add one file (or an album made into one PDF) off the event loop, with a progress message for OCR."""
    message_id = None
    if needs_ocr:
        sent = await context.bot.send_message(chat_id, "⏳ Đang đọc tệp…")
        message_id = sent.message_id
    progress = _Progress(context, chat_id, message_id)
    service = deps(context).service

    def work() -> AddOutcome:
        target = paths[0]
        if len(paths) > 1:
            from ingest.models import IngestError
            from ingest.readers.image import images_to_pdf

            try:
                target = images_to_pdf(paths, paths[0].with_suffix(".pdf"))
            except IngestError as exc:
                return AddOutcome(errors=[str(exc)])
        return service.add_file(target, progress=progress)

    outcome = await asyncio.to_thread(work)
    METRICS.ingested(outcome.documents, len(outcome.errors))
    if message_id is not None:
        await progress.finish("✅ Đã đọc xong." if outcome.documents else "❌ Không nạp được.")
    return outcome


def _ocr_report(outcome: AddOutcome) -> str:
    lines = []
    for doc in outcome.documents:
        if doc.ocr is None:
            continue
        o = doc.ocr
        lines.append(f"🔎 OCR: {len(o.pages)} trang, độ tin cậy trung bình {o.mean_confidence:.0f}%")
        if o.low_pages:
            lines.append(f"⚠ Trang tin cậy thấp: {', '.join(map(str, o.low_pages))} – cần đối chiếu bản gốc")
        lines += [f"• {fmt.esc(w)}" for w in doc.warnings]
    return "\n\n" + "\n".join(lines) if lines else ""


@dataclass
class _Album:
    chat_id: int
    user_id: int | None
    items: list[tuple[int, Any, str]] = field(default_factory=list)  # (message_id, file, suffix)
    wanted: bool = False  # one of its messages carries the /them caption
    last: float = field(default_factory=time.monotonic)


def _media(msg: Any) -> tuple[Any, str] | None:
    """(file to download, suffix) of a photo (largest size) or an image document."""
    if msg.photo:
        return msg.photo[-1], ".jpg"
    if msg.document and Path(msg.document.file_name or "").suffix.lower() in IMAGE_SUFFIXES:
        return msg.document, Path(msg.document.file_name).suffix.lower()
    return None


async def them_media(update: Update, context: Ctx) -> None:
    """A photo or image document: /them alone → one page; in an album → collected, then one document."""
    msg, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if msg is None or chat is None:
        return
    wanted = bool(THEM_CAPTION.match(msg.caption or ""))
    if not msg.media_group_id:
        if not wanted:
            return  # a photo without /them is not for the bot
        if msg.document:
            await them_document(update, context)
            return
        if await _refuse(update, context):
            return
        media = _media(msg)
        if media:
            await _process(context, chat.id, user.id if user else None, [(msg.message_id, *media)], None)
        return
    if not is_admin(context, user.id if user else None):
        if wanted:
            await _refuse(update, context)
        return
    albums: dict[str, _Album] = context.bot_data.setdefault(ALBUMS, {})
    album = albums.get(msg.media_group_id)
    first = album is None
    if album is None:
        album = albums[msg.media_group_id] = _Album(chat.id, user.id if user else None)
    media = _media(msg)
    if media:
        album.items.append((msg.message_id, *media))
    album.wanted |= wanted
    album.last = time.monotonic()
    if not first:
        return
    while time.monotonic() - album.last < ALBUM_WAIT:  # Telegram sends an album as separate messages
        await asyncio.sleep(ALBUM_WAIT / 3)
    albums.pop(msg.media_group_id, None)
    if album.wanted:
        await _process(context, album.chat_id, album.user_id, sorted(album.items), msg.media_group_id)


async def _process(
    context: Ctx, chat_id: int, user_id: int | None, items: list[tuple[int, Any, str]], group: str | None
) -> None:
    total = sum(getattr(f, "file_size", 0) or 0 for _, f, _ in items)
    if total > MAX_DOWNLOAD_BYTES:
        await send_html(context, chat_id, f"❌ Ảnh quá lớn ({total / 2**20:.1f} MB, tối đa 20 MB).")
        return
    await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_DOCUMENT)
    with tempfile.TemporaryDirectory(prefix="nhiemvu-tg-") as tmp:
        paths = []
        stem = f"anh-{group or items[0][0]}"
        try:
            for n, (_, file, suffix) in enumerate(items, 1):
                path = Path(tmp) / (f"{stem}-{n:03d}{suffix}" if len(items) > 1 else f"{stem}{suffix}")
                tg_file = await file.get_file()
                await tg_file.download_to_drive(path)
                paths.append(path)
        except TelegramError as exc:
            log.warning("Không tải được ảnh: %s", exc)
            await send_html(
                context, chat_id, "❌ Không tải được ảnh từ Telegram (ảnh quá lớn hoặc đã hết hạn)."
            )
            return
        if len(paths) > 1:  # the album's PDF is named after the album, not its first page
            first = paths[0].rename(Path(tmp) / f"{stem}{paths[0].suffix}")
            paths[0] = first
        outcome = await _ingest(context, chat_id, paths, True)
    log.info("Admin %s nạp %d ảnh: %d văn bản, %d lỗi", user_id, len(items), len(outcome.documents),
             len(outcome.errors))  # fmt: skip
    await send_html(context, chat_id, fmt.format_add_outcome(outcome) + _ocr_report(outcome))


async def them_command(update: Update, context: Ctx) -> None:
    """/them typed without a file: explain how to upload."""
    if not await _refuse(update, context) and update.effective_chat:
        await send_html(
            context,
            update.effective_chat.id,
            f"Gửi tệp {ALLOWED_TEXT} (tối đa 20 MB), hoặc ảnh chụp các trang (gửi nhiều ảnh một lần: "
            "một văn bản), với chú thích <code>/them</code>.",
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
