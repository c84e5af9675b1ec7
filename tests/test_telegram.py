"""The Telegram channel end to end: the real PTB Application polling a fake Bot API over HTTP.

No pytest-asyncio: each test runs its scenario with asyncio.run and hard timeouts, so a bug fails
the test instead of hanging the suite.
"""

from __future__ import annotations

import asyncio
import html
import io
import json
import logging
import random
import re
import sqlite3
import threading
from collections.abc import Awaitable, Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import Application

from bot.answer.models import Answer
from bot.channels.telegram import TelegramConfigError, build_application, run_telegram
from bot.channels.telegram.app import ALLOWED_UPDATES, UserRateLimiter
from bot.channels.telegram.format import CITATIONS_SHOWN, format_answer, split_html, utf16_len
from bot.channels.telegram.run import (
    RedactTokenFilter,
    check_token,
    install_token_redaction,
    redact,
    remove_token_redaction,
)
from bot.chatdb import SCHEMA_VERSION, ChatDB, normalise_question
from bot.settings import Settings
from tests.fake_bot_api import BOT_USERNAME, TOKEN, FakeBotAPI, buttons
from tests.fakes_service import BOOM, LONG, SECRET_PATH, SLOW, FakeAnswerService

ADMIN = 42
USER = 1001
USER2 = 1002
GROUP = -100555
SESSION_TIMEOUT = 25.0

Scenario = Callable[[FakeBotAPI, FakeAnswerService, ChatDB], Awaitable[None]]


# ---------------------------------------------------------------------------------------------
# Harness


def make_settings(api: FakeBotAPI, tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = dict(
        telegram_bot_token=TOKEN,
        telegram_api_base_url=api.base_url,
        telegram_api_file_url=api.file_url,
        nhiemvu_db=tmp_path / "db" / "chat.sqlite3",
        admin_telegram_ids=str(ADMIN),
        user_questions_per_minute=100,
    )
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


async def _session(
    api: FakeBotAPI, service: FakeAnswerService, settings: Settings, scenario: Scenario
) -> None:
    chatdb = ChatDB(settings.nhiemvu_db)
    app = build_application(service, settings, chatdb)
    await app.initialize()
    try:
        assert app.post_init is not None
        await app.post_init(app)  # run_polling would call it; we drive the lifecycle ourselves
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1, allowed_updates=ALLOWED_UPDATES)
        await asyncio.wait_for(scenario(api, service, chatdb), SESSION_TIMEOUT)
    finally:
        if app.updater and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        chatdb.close()


def run_bot(
    api: FakeBotAPI,
    tmp_path: Path,
    scenario: Scenario,
    service: FakeAnswerService | None = None,
    **overrides: Any,
) -> FakeAnswerService:
    service = service or FakeAnswerService()
    settings = make_settings(api, tmp_path, **overrides)
    asyncio.run(asyncio.wait_for(_session(api, service, settings, scenario), SESSION_TIMEOUT + 10))
    return service


async def ask(
    api: FakeBotAPI, text: str, user: int = USER, chat: int | None = None, count: int = 1, **extra: Any
) -> list[dict[str, Any]]:
    mark = api.mark()
    api.text(text, user, chat, **extra)
    return await api.wait_sent(chat or user, mark, count)


async def press(
    api: FakeBotAPI, data: str, user: int = USER, chat: int | None = None, method: str = "answerCallbackQuery"
) -> tuple[int, dict[str, Any]]:
    """Press a button; returns (mark before, the answerCallbackQuery params)."""
    mark = api.mark()
    api.press(data, user, chat or user)
    got = await api.wait_for(lambda: api.calls_of(method, mark), what=f"{method} after {data}")
    return mark, got[0]


class TagChecker(HTMLParser):
    """Checks that tags balance and collects the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(part: str) -> str:
    """Assert `part` is balanced Telegram HTML with no broken entity; return its visible text."""
    checker = TagChecker()
    checker.feed(part)
    checker.close()
    assert not checker.errors, (checker.errors, part[:200])
    assert not checker.stack, (checker.stack, part[-200:])
    for m in re.finditer(r"&", part):
        assert re.match(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);", part[m.start() :]), part[
            m.start() : m.start() + 12
        ]
    assert "<" not in re.sub(r"<[^<>]*>", "", part), "a raw < outside a tag"
    return "".join(checker.text)


# ---------------------------------------------------------------------------------------------
# Commands


def test_start_help_and_commands_menu(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        commands = api.calls_of("setMyCommands")
        assert commands, "post_init must set the command menu"
        names = {c["command"]: c["description"] for c in commands[0]["commands"]}
        assert {"start", "help", "hoi", "tinh", "namhoc", "vanban"} <= set(names)
        assert names["hoi"] == "Hỏi về nhiệm vụ năm học"
        assert "thongke" not in names  # admin commands stay out of the public menu

        db.set_chat_settings(USER, province="An Giang")
        start = (await ask(api, "/start"))[0]
        assert start["parse_mode"] == "HTML"
        assert "nhiệm vụ năm học" in start["text"]
        assert start["text"].count("\n• ") == 3  # three example questions
        assert "<b>An Giang</b>" in start["text"] and "2021-2022" in start["text"]

        help_text = (await ask(api, "/help"))[0]["text"]
        assert "/hoi &lt;câu hỏi&gt;" in help_text and "/tinh" in help_text
        assert service.asked() == []  # commands are not questions

    run_bot(api, tmp_path, scenario)


def test_tinh_keyboard_button_and_typed(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        sent = (await ask(api, "/tinh"))[0]
        keys = buttons(sent)
        assert {"An Giang", "Lào Cai", "Lai Châu", "✅ Tất cả"} <= set(keys)
        mark, answered = await press(api, keys["An Giang"])
        assert answered["text"] == "Đã lưu."
        await api.wait_for(lambda: api.calls_of("editMessageText", mark), what="edit after choice")
        assert db.get_chat_settings(USER).province == "An Giang"

        await ask(api, "tìm về chuyển đổi số")
        assert service.calls[-1] == ("ask", "tìm về chuyển đổi số", "An Giang", None)

        typed = (await ask(api, "/tinh lai chau"))[0]["text"]
        assert "Lai Châu" in typed and db.get_chat_settings(USER).province == "Lai Châu"
        unknown = await ask(api, "/tinh Hà Giang", count=2)
        assert "Hà Giang" in unknown[0]["text"] and buttons(unknown[1])
        assert db.get_chat_settings(USER).province == "Lai Châu"

        await press(api, buttons(sent)["✅ Tất cả"])
        await api.wait_for(lambda: db.get_chat_settings(USER).province is None, what="province reset")

    run_bot(api, tmp_path, scenario)


def test_namhoc_keyboard_and_typed(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        keys = buttons((await ask(api, "/namhoc"))[0])
        assert {"2021-2022", "2020-2021", "2019-2020", "✅ Mới nhất"} <= set(keys)
        await press(api, keys["2019-2020"])
        await api.wait_for(lambda: db.get_chat_settings(USER).school_year == "2019-2020", what="year saved")
        await ask(api, "bán trú vùng cao")
        assert service.calls[-1][3] == "2019-2020"
        assert "2020-2021" in (await ask(api, "/namhoc 2020"))[0]["text"]
        assert db.get_chat_settings(USER).school_year == "2020-2021"
        await press(api, keys["✅ Mới nhất"])
        await api.wait_for(lambda: db.get_chat_settings(USER).school_year is None, what="year reset")

    run_bot(api, tmp_path, scenario)


def test_vanban_paged_with_buttons(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        first = (await ask(api, "/vanban"))[0]
        assert "trang 1/2" in first["text"] and first["text"].count("ID: <code>") == 5
        assert "Chỉ thị 04/CT-UBND" in first["text"] and "Cơ quan: UBND tỉnh An Giang" in first["text"]
        assert set(buttons(first)) == {"▶"}
        mark, _ = await press(api, buttons(first)["▶"])
        edit = (await api.wait_for(lambda: api.calls_of("editMessageText", mark), what="page 2"))[0]
        assert "trang 2/2" in edit["text"] and edit["text"].count("ID: <code>") == 3
        assert set(buttons(edit)) == {"◀"}
        # pressing the same page twice: Telegram answers "message is not modified", not worth an apology
        mark = api.mark()
        api.press("d:1", USER, USER, message_id=777)
        await api.wait_for(lambda: len(api.calls_of("editMessageText", mark, ok_only=False)) >= 1)
        api.press("d:1", USER, USER, message_id=777)
        await api.wait_for(lambda: len(api.calls_of("editMessageText", mark, ok_only=False)) >= 2)
        await asyncio.sleep(0.2)
        assert len(api.calls_of("editMessageText", mark)) == 1  # the second edit was refused by "Telegram"
        assert api.sent(USER, mark) == []  # no apology

    run_bot(api, tmp_path, scenario, service=FakeAnswerService(extra=5))


# ---------------------------------------------------------------------------------------------
# Questions and answer buttons


def test_question_answered_with_escaped_citation(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        mark = api.mark()
        msg = (await ask(api, "Nhiệm vụ chuyển đổi số là gì?"))[0]
        assert api.calls_of("sendChatAction", mark)[0]["action"] == "typing"
        assert msg["parse_mode"] == "HTML"
        text = msg["text"]
        assert "<b>Nguồn:</b>" in text
        assert "Chỉ thị 04/CT-UBND (UBND tỉnh An Giang, 14/9/2021), mục I" in text
        assert "“Mục tiêu &lt;chung&gt; &amp; yêu cầu”" in text and "năm học 2021-2022" in text
        assert "dạy học &lt;b&gt;." in text and "<i>Trích nguyên văn từ văn bản.</i>" in text
        check_html(text)
        assert set(buttons(msg)) == {"📄 Nguyên văn", "📚 Nguồn khác", "👍", "👎", "🔄 Câu hỏi mới"}
        assert all(len(d.encode()) <= 64 for d in buttons(msg).values())
        row = (
            sqlite3.connect(db.path)
            .execute("SELECT channel, chat_id, found, cited_docs_json FROM questions")
            .fetchone()
        )
        assert row == ("telegram", db.pseudonym("telegram", USER), 1, json.dumps(["ag-04-2021"]))

    run_bot(api, tmp_path, scenario)


def test_source_and_more_sources_buttons(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        msg = (await ask(api, "giáo dục"))[0]  # five sections match: three shown, two more
        assert msg["text"].count("\n• ") == CITATIONS_SHOWN
        keys = buttons(msg)

        mark, _ = await press(api, keys["📄 Nguyên văn"])
        source = (await api.wait_sent(USER, mark))[0]["text"]
        assert source.startswith("📄 <b>Chỉ thị 04/CT-UBND")
        assert "mục I.1" in source and "Triển khai học bạ số" in source

        mark, _ = await press(api, keys["📚 Nguồn khác"])
        more = (await api.wait_sent(USER, mark))[0]["text"]
        assert "Nguồn khác (4–5)" in more and "1234/SGDĐT-GDPT" in more and "10/CT-UBND" in more
        check_html(more)
        mark, answered = await press(api, keys["📚 Nguồn khác"])
        assert answered["text"] == "Không còn nguồn nào khác."
        await asyncio.sleep(0.2)
        assert api.sent(USER, mark) == []

    run_bot(api, tmp_path, scenario)


def test_feedback_stored_in_sqlite(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        keys = buttons((await ask(api, "chuyển đổi số"))[0])
        _, answered = await press(api, keys["👍"])
        assert answered["text"].startswith("Cảm ơn")
        _, again = await press(api, keys["👎"])
        assert "đã đánh giá" in again["text"]
        _, stale = await press(api, "a:ff:up")
        assert "cũ" in stale["text"]

    service = run_bot(api, tmp_path, scenario)
    rows = (
        sqlite3.connect(tmp_path / "db" / "chat.sqlite3")
        .execute("SELECT chat_id, user_id, question, vote, citations_json FROM feedback")
        .fetchall()
    )
    assert len(rows) == 1
    chat_id, user_id, question, vote, cites = rows[0]
    nym = ChatDB(tmp_path / "db" / "chat.sqlite3").pseudonym("telegram", USER)  # ids are stored hashed
    assert (chat_id, user_id, question, vote) == (nym, nym, "chuyển đổi số", 1)
    assert json.loads(cites)[0]["doc_number"] == "04/CT-UBND"
    assert service.asked() == ["chuyển đổi số"]


def test_refusal_offers_province_and_year(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        msg = (await ask(api, "quy định về đồng phục"))[0]
        assert "Chưa tìm thấy" in msg["text"] and "/tinh" in msg["text"]
        keys = buttons(msg)
        assert keys["📍 Đổi tỉnh"] == "set:tinh" and keys["📅 Đổi năm học"] == "set:nam"
        mark, _ = await press(api, "set:tinh")
        assert "An Giang" in buttons((await api.wait_sent(USER, mark))[0])
        invalid = (await ask(api, "x" * 400))[0]["text"]
        assert invalid == "Câu hỏi dài quá 300 ký tự, thầy cô hãy rút gọn."

    run_bot(api, tmp_path, scenario)


def test_long_answer_split_into_valid_html_parts(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        mark = api.mark()
        api.text(f"câu trả lời {LONG}", USER)
        parts = await api.wait_for(
            lambda: (lambda s: s if s and buttons(s[-1]) else None)(api.sent(USER, mark)),
            what="all parts of the long answer",
        )
        assert len(parts) >= 3
        visible = ""
        for p in parts:
            assert p["parse_mode"] == "HTML" and utf16_len(p["text"]) <= 4096
            visible += check_html(p["text"])
        assert [bool(buttons(p)) for p in parts] == [False] * (len(parts) - 1) + [True]
        assert visible.count("Giáo viên <tổ trưởng> & phó hiệu trưởng") == 14 * 12
        assert "Ghi chú <dài>" in visible

    run_bot(api, tmp_path, scenario)


def test_group_mention_reply_and_hoi(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        mark = api.mark()
        api.group_text("chuyển đổi số thế nào?", USER, GROUP)  # not addressed: ignored
        api.group_text("@someone_else chuyển đổi số?", USER, GROUP)  # another user's mention: ignored
        await asyncio.sleep(0.3)
        mention_id = api.group_text(f"@{BOT_USERNAME} chuyển đổi số thế nào?", USER, GROUP, mention=True)
        answer = (await api.wait_sent(GROUP, mark))[0]
        assert "04/CT-UBND" in answer["text"]
        assert answer["reply_parameters"]["message_id"] > 0  # quotes the question in a busy group
        assert mention_id
        assert service.asked() == ["chuyển đổi số thế nào?"]  # mention stripped, ignored ones never asked

        mark = api.mark()
        api.group_text("còn bán trú vùng cao?", USER2, GROUP, reply_to=api.bot_message(GROUP))
        await api.wait_sent(GROUP, mark)
        api.group_text("trả lời người khác", USER2, GROUP, reply_to=api.message(GROUP, USER, "hi"))
        await ask(api, "/hoi phòng chống dịch", USER2, GROUP)
        await ask(api, f"/hoi@{BOT_USERNAME} học bạ số", USER2, GROUP)
        assert service.asked()[1:] == ["còn bán trú vùng cao?", "phòng chống dịch", "học bạ số"]

    run_bot(api, tmp_path, scenario)


def test_slow_answer_does_not_block_other_chats(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        mark = api.mark()
        api.text(f"câu hỏi {SLOW} về chuyển đổi số", USER)
        await api.wait_for(lambda: SLOW in " ".join(service.asked()), what="slow question started")
        await ask(api, "bán trú vùng cao", USER2)  # answered while the first one is still computing
        assert api.sent(USER, mark) == []
        service.release_slow.set()
        await api.wait_sent(USER, mark)

    run_bot(api, tmp_path, scenario)


def test_per_user_limit(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        mark = api.mark()
        for q in ("chuyển đổi số", "bán trú", "phòng chống dịch"):
            api.text(q, USER)
        sent = await api.wait_sent(USER, mark, 3)
        assert sum("hỏi hơi nhanh" in m["text"] for m in sent) == 1
        assert len(service.asked()) == 2  # the refused question is never computed
        await ask(api, "học bạ số", USER2)  # another user is not limited
        assert len(service.asked()) == 3

    run_bot(api, tmp_path, scenario, user_questions_per_minute=2)


def test_rate_limiter_unit() -> None:
    limiter = UserRateLimiter(2)
    assert limiter.allow(1, 0.0) and limiter.allow(1, 10.0)
    assert not limiter.allow(1, 59.0)
    assert limiter.allow(1, 60.0)  # the first hit left the rolling window
    assert limiter.allow(2, 59.0)
    limiter.prune(200.0)
    assert limiter._hits == {}
    assert UserRateLimiter(0).allow(1)


@pytest.mark.filterwarnings(
    "ignore::telegram.warnings.PTBDeprecationWarning"
)  # PTB's own RetryAfter internals
def test_retry_after_delivers_exactly_once(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        mark = api.mark()
        api.fail_once("sendMessage", retry_after=1)
        api.text("chuyển đổi số", USER)
        await api.wait_sent(USER, mark, timeout=8)
        await asyncio.sleep(1.3)  # time for a wrong duplicate to show up
        attempts = api.calls_of("sendMessage", mark, ok_only=False)
        assert len(attempts) == 2  # the 429 and the retry
        assert len(api.sent(USER, mark)) == 1
        assert attempts[0]["text"] == attempts[1]["text"]

    run_bot(api, tmp_path, scenario)


def test_handler_error_apologises_and_keeps_serving(
    api: FakeBotAPI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        apology = (await ask(api, f"{BOOM} chuyển đổi số"))[0]["text"]
        assert apology.startswith("Xin lỗi")
        assert SECRET_PATH not in apology and "Traceback" not in apology and "RuntimeError" not in apology
        assert "04/CT-UBND" in (await ask(api, "chuyển đổi số"))[0]["text"]

    with caplog.at_level(logging.ERROR, logger="bot.channels.telegram.handlers"):
        run_bot(api, tmp_path, scenario)
    errors = [
        r for r in caplog.records if r.name == "bot.channels.telegram.handlers" and r.levelno == logging.ERROR
    ]
    assert len(errors) == 1 and errors[0].exc_info and re.search(r"update \d+", errors[0].getMessage())


# ---------------------------------------------------------------------------------------------
# Admin


def test_admin_upload_then_answers_from_new_document(api: FakeBotAPI, tmp_path: Path) -> None:
    content = (
        "Kế hoạch thư viện xanh trong trường học\nSố: 99/KH-SGDĐT\n\nXây dựng thư viện xanh ở mọi trường.\n"
    )

    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        mark = api.mark()
        api.document(ADMIN, "ke-hoach <moi>.txt", content.encode())
        reply = (await api.wait_sent(ADMIN, mark, timeout=8))[0]["text"]
        assert "Đã nạp" in reply and "99/KH-SGDĐT" in reply and "Năm học: 2022-2023" in reply
        assert "Số mục: 1" in reply and "Các mục đầu: 1" in reply
        assert api.calls_of("getFile", mark) and api.downloads
        uploaded = service.calls[-1][1]
        assert uploaded.suffix == ".txt" and not uploaded.exists()  # temp file cleaned up
        answer = (await ask(api, "thư viện xanh là gì?", USER))[0]["text"]
        assert "Kế hoạch 99/KH-SGDĐT" in answer

        too_big = (
            await api.wait_sent(ADMIN, api.mark())
            if api.document(ADMIN, "lon.pdf", b"%PDF", file_size=25 * 1024 * 1024)
            else []
        )[0]["text"]
        assert "quá lớn" in too_big and len(api.calls_of("getFile")) == 1  # never downloaded
        # images are taken since OCR (issue 11); a GIF is not
        bad = (await api.wait_sent(ADMIN, api.mark()) if api.document(ADMIN, "anh.gif", b"x") else [])[0]
        assert "chỉ nhận PDF, DOCX, HTML, TXT hoặc ảnh" in bad["text"]

    service = run_bot(api, tmp_path, scenario)
    assert len([c for c in service.calls if c[0] == "add_file"]) == 1


def test_non_admin_is_refused_and_nothing_changes(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        before = set(service.documents)
        mark = api.mark()
        api.document(USER, "ke-hoach.txt", b"Tieu de\n\nNoi dung thu vien xanh.\n")
        assert "chỉ dành cho quản trị viên" in (await api.wait_sent(USER, mark))[0]["text"]
        assert "quản trị viên" in (await ask(api, "/xoa ag-04-2021"))[0]["text"]
        assert "quản trị viên" in (await ask(api, "/thongke"))[0]["text"]
        assert "quản trị viên" in (await ask(api, "/them"))[0]["text"]
        _, answered = await press(api, "x:abcd:ok")
        assert answered.get("show_alert") in (True, "true")
        assert set(service.documents) == before
        assert not api.calls_of("getFile") and not api.downloads
        assert [c for c in service.calls if c[0] in ("add_file", "remove_document")] == []

    run_bot(api, tmp_path, scenario)


def test_admin_delete_with_confirmation_and_stats(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        confirm = (await ask(api, "/xoa lc-1234-2019", ADMIN))[0]
        assert "Hướng dẫn 1234/SGDĐT-GDPT" in confirm["text"]
        keys = buttons(confirm)
        assert set(keys) == {"🗑 Xóa", "Hủy"}
        _, refused = await press(api, keys["🗑 Xóa"], USER, ADMIN)  # someone else presses the admin's button
        assert refused.get("show_alert") in (True, "true") and "lc-1234-2019" in service.documents
        mark, _ = await press(api, keys["🗑 Xóa"], ADMIN)
        edit = (await api.wait_for(lambda: api.calls_of("editMessageText", mark), what="deleted"))[0]
        assert "Đã xóa" in edit["text"] and "lc-1234-2019" not in service.documents
        _, stale = await press(api, keys["Hủy"], ADMIN)
        assert "cũ" in stale["text"]

        cancel = buttons((await ask(api, "/xoa ag-04-2021", ADMIN))[0])
        mark, _ = await press(api, cancel["Hủy"], ADMIN)
        await api.wait_for(lambda: api.calls_of("editMessageText", mark), what="cancelled")
        assert "ag-04-2021" in service.documents
        assert "Không có văn bản" in (await ask(api, "/xoa khong-co", ADMIN))[0]["text"]

        for q in ("đồng phục?", "Đồng  phục", "chuyển đổi số"):
            await ask(api, q)
        await press(api, buttons(api.sent(USER)[-1])["👎"])
        stats = (await ask(api, "/thongke", ADMIN))[0]["text"]
        assert "Câu hỏi: 3" in stats and "Không tìm thấy: 2" in stats and "👍 0 · 👎 1" in stats
        assert "2× đồng phục" in stats

    run_bot(api, tmp_path, scenario)


# ---------------------------------------------------------------------------------------------
# Start-up: token checks and redaction


def test_invalid_token_raises_config_error(api: FakeBotAPI, tmp_path: Path) -> None:
    service = FakeAnswerService()
    for bad in ("", "abc", "123:short", "12x:AAAAAAAAAAAAAAAAAAAAAAAAAAAA"):
        with pytest.raises(TelegramConfigError) as err:
            run_telegram(service, make_settings(api, tmp_path, telegram_bot_token=bad))
        assert "\n" not in str(err.value) and "TELEGRAM_BOT_TOKEN" in str(err.value)
    assert check_token(f" {TOKEN} ") == TOKEN
    assert api.calls == []  # rejected before any request

    with pytest.raises(TelegramConfigError, match="webhook"):
        run_telegram(service, make_settings(api, tmp_path), webhook_url="https://example.org/tg")

    # well-formed but rejected by the server (401 on getMe): InvalidToken becomes the same error
    asyncio.set_event_loop(asyncio.new_event_loop())
    try:
        rejected = make_settings(api, tmp_path, telegram_bot_token="987654:ZZZZZZZZZZZZZZZZZZZZZZZZZZZZ")
        with pytest.raises(TelegramConfigError, match="rejected"):
            run_telegram(service, rejected)
    finally:
        asyncio.set_event_loop(None)


def test_token_redaction_filter() -> None:
    token = "123456789:AAH-abcdefghijklmnopqrstuvwxyz_12"
    assert (
        redact(f"POST https://api.telegram.org/bot{token}/getMe")
        == "POST https://api.telegram.org/bot<redacted>/getMe"
    )
    assert token not in redact(f"token={token}")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactTokenFilter(token))
    logger = logging.getLogger("httpx")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        logger.info(
            'HTTP Request: POST %s "HTTP/1.1 200 OK"', f"https://api.telegram.org/bot{token}/getUpdates"
        )
        try:
            raise ValueError(f"failed https://api.telegram.org/bot{token}/sendMessage")
        except ValueError:
            logger.exception("request failed")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    out = stream.getvalue()
    assert token not in out and "AAH-abc" not in out
    assert out.count("bot<redacted>") == 2  # the message and the exception's message


def test_redaction_on_a_real_session_at_debug(api: FakeBotAPI, tmp_path: Path) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    old_level = root.level
    root.setLevel(logging.DEBUG)
    flt = install_token_redaction(TOKEN)
    httpx_level = logging.getLogger("httpx").level
    logging.getLogger("httpx").setLevel(logging.DEBUG)

    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        await ask(api, "chuyển đổi số")

    try:
        run_bot(api, tmp_path, scenario)
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        logging.getLogger("httpx").setLevel(httpx_level)
        remove_token_redaction(flt)
    out = stream.getvalue()
    assert "sendMessage" in out and "bot<redacted>" in out  # the URLs were logged …
    assert TOKEN not in out and TOKEN.split(":")[1] not in out  # … without the token


# ---------------------------------------------------------------------------------------------
# Pure functions: splitting and formatting


def _visible(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^<>]*>", "", html_text))


WORDS = ["giáo", "dục", "năm", "học", "chuyển", "đổi", "số", "trường", "x&y", "a<b", "😀", "Đẩy", "mạnh"]


def _random_html(rng: random.Random, n_words: int, max_word: int = 12, links: bool = True) -> str:
    out: list[str] = []
    open_tags: list[str] = []
    for _ in range(n_words):
        r = rng.random()
        free = [t for t in ("b", "i", "u", "code") if t not in open_tags]
        if r < 0.05 and len(open_tags) < 2:
            tag = rng.choice(free)
            out.append(f"<{tag}>")
            open_tags.append(tag)
        elif r < 0.09 and open_tags:
            out.append(f"</{open_tags.pop()}>")
        elif r < 0.11 and len(open_tags) < 2 and links and "a" not in open_tags:
            out.append('<a href="https://example.org/?a=1&amp;b=2">')
            open_tags.append("a")
        word = rng.choice(WORDS) if rng.random() < 0.8 else "w" * rng.randint(1, max_word)
        out.append(html.escape(word, quote=False))
        out.append(rng.choice([" ", " ", " ", ". ", "\n", "\n\n", "! "]))
    out.extend(f"</{t}>" for t in reversed(open_tags))
    return "".join(out)


@pytest.mark.parametrize("limit", [40, 97, 300, 4096])
def test_split_html_properties(limit: int) -> None:
    rng = random.Random(limit)
    for _ in range(60 if limit < 4096 else 8):
        # links only where a reopened <a href=…> leaves room for text (split_html's precondition)
        text = _random_html(rng, rng.randint(5, 4000 if limit == 4096 else 400), links=limit >= 200)
        parts = split_html(text, limit)
        assert parts or not _visible(text).strip()
        words: list[str] = []
        for part in parts:
            assert utf16_len(part) <= limit, (limit, part)
            words += check_html(part).split()
        # nothing lost, nothing added, and no word cut in two (each part holds whole words);
        # white space at a cut may go: Telegram trims every message anyway
        assert words == _visible(text).split()


def test_split_html_prefers_paragraph_then_sentence() -> None:
    para = "Câu một dài. Câu hai cũng dài. " * 3
    text = f"{para}\n\n{para}\n\n{para}"
    parts = split_html(text, len(para) * 2 + 5)
    assert [p.strip() for p in parts] == [f"{para}\n\n{para}".strip(), para.strip()]
    parts = split_html("Một câu ngắn. Một câu nữa ở đây mà dài hơn", 30)
    assert parts[0] == "Một câu ngắn. "


def test_split_html_reopens_tags_and_keeps_entities() -> None:
    text = "<b>" + "đậm &amp; rõ " * 30 + "</b>"
    parts = split_html(text, 64)
    assert len(parts) > 3
    for part in parts:
        assert part.startswith("<b>") and part.endswith("</b>") and utf16_len(part) <= 64
        check_html(part)
    nested = split_html('<a href="https://x.org/">liên kết <i>' + "rất dài " * 20 + "</i></a> hết", 60)
    assert all(p.startswith('<a href="https://x.org/">') for p in nested[:-1])
    assert (
        _visible("".join(nested)).split() == _visible("liên kết <i>" + "rất dài " * 20 + "</i> hết").split()
    )


def test_split_html_long_word_and_emoji() -> None:
    parts = split_html("x" * 100, 30)
    assert "".join(parts) == "x" * 100 and all(len(p) <= 30 for p in parts)
    emoji = "😀 " * 40  # two UTF-16 units each
    assert all(utf16_len(p) <= 21 for p in split_html(emoji, 21))
    assert split_html("   ") == [] and split_html("ngắn") == ["ngắn"]


def test_format_answer_escapes_everything() -> None:
    service = FakeAnswerService()
    answer = service.ask("chuyển đổi số")
    answer.answer = "<script>alert(1)</script> & co"
    answer.notes = ["<b>note</b>"]
    text = format_answer(answer)
    assert "<script>" not in text and "&lt;script&gt;" in text and "<i>&lt;b&gt;note&lt;/b&gt;</i>" in text
    check_html(text)
    refusal = format_answer(Answer("q", False, "Không có <gì>", notes=[]), "An Giang", None)
    assert "Không có &lt;gì&gt;" in refusal and "<b>An Giang</b>" in refusal and "Nguồn" not in refusal
    # A greeting's reply is no refusal: no "not found" line, no advice to change the province.
    chat = format_answer(Answer("Xin chào", False, "Xin chào <thầy cô>!", small_talk=True), "An Giang", None)
    assert chat == "Xin chào &lt;thầy cô&gt;!"


# ---------------------------------------------------------------------------------------------
# chatdb


def test_chatdb_schema_settings_and_stats(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "chat.sqlite3"
    db = ChatDB(path)
    assert not path.exists()  # created on first use
    assert db.get_chat_settings(1) == db.get_chat_settings("1")
    assert path.exists() and db.schema_version() == SCHEMA_VERSION
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.set_chat_settings(1, province="An Giang")
    db.set_chat_settings(1, school_year="2021-2022")
    assert (
        db.get_chat_settings(1).province == "An Giang" and db.get_chat_settings(1).school_year == "2021-2022"
    )
    db.set_chat_settings(1, province=None)
    assert db.get_chat_settings(1).province is None and db.get_chat_settings(1).school_year == "2021-2022"
    assert db.get_chat_settings(1, channel="zalo").school_year is None  # channels do not collide

    def worker(n: int) -> None:
        for i in range(20):
            db.log_question(
                channel="telegram",
                chat_id=n,
                user_id=n,
                question=f"Câu {i % 2}?",
                found=i % 2 == 0,
                cited_docs=["d"],
                latency_ms=5,
            )

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    db.add_feedback(chat_id=1, user_id=1, question="q", answer="a", citations=[], vote=-1)
    with pytest.raises(ValueError):
        db.add_feedback(chat_id=1, user_id=1, question="q", answer="a", citations=[], vote=0)
    stats = db.stats(7)
    assert stats == {"asked": 80, "refused": 40, "up": 0, "down": 1, "top_unanswered": [("câu 1", 40)]}
    db.close()
    assert ChatDB(path).schema_version() == SCHEMA_VERSION  # reopening does not migrate again
    assert normalise_question("  Đồng   phục?? ") == "đồng phục"


def test_build_application_uses_base_urls(api: FakeBotAPI, tmp_path: Path) -> None:
    app = build_application(FakeAnswerService(), make_settings(api, tmp_path), ChatDB(tmp_path / "x.sqlite3"))
    assert isinstance(app, Application)
    assert app.bot.base_url == f"{api.base_url}{TOKEN}"
    assert app.bot.base_file_url == f"{api.file_url}{TOKEN}"
    assert app.bot.rate_limiter is not None
    assert app.job_queue is not None and app.job_queue.jobs()  # the limiter prune job
