"""Personal data: pseudonymous ids, the schema-3 migration, the retention purge (fake clock), /start's notice and
/xoadulieu through the real PTB Application and the fake Bot API."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bot.calendar.reminders import ReminderStore
from bot.channels.telegram.app import PURGE_SECONDS, build_application
from bot.channels.telegram.handlers import FORGET_ASK, FORGET_CANCELLED
from bot.chatdb import _MIGRATIONS, SCHEMA_VERSION, ChatDB
from bot.conversation.state import ConversationStore, Turn
from bot.ops.retention import DAY_SECONDS, forget_user, notice, purge
from tests.fake_bot_api import FakeBotAPI, buttons
from tests.fakes_service import FakeAnswerService
from tests.test_telegram import GROUP, USER, USER2, ask, make_settings, press, run_bot

QUESTION = "Nhiệm vụ chuyển đổi số là gì?"


def _turn() -> Turn:
    return Turn(question="q", standalone="q")


def _counts(db: ChatDB) -> tuple[int, int, int]:
    return db.run(
        lambda c: tuple(
            c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("questions", "conversations", "feedback")
        )
    )  # type: ignore[return-value]


def test_ids_are_never_stored_in_clear(tmp_path: Path) -> None:
    db = ChatDB(tmp_path / "c.sqlite3")
    db.log_question(channel="telegram", chat_id=987654321, user_id=987654321, question="q", found=True)
    db.add_feedback(chat_id=987654321, user_id=987654321, question="q", answer="a", citations=[], vote=1)
    db.set_chat_settings(987654321, province="An Giang")
    ConversationStore(db).append("telegram", "987654321:987654321", _turn())
    ConversationStore(db).append("zalo", "zalo-follower-42", _turn())
    db.close()
    raw = (tmp_path / "c.sqlite3").read_bytes()  # closing checkpointed the WAL into the file
    assert b"987654321" not in raw and b"zalo-follower-42" not in raw
    again = ChatDB(tmp_path / "c.sqlite3")  # the key is in the file: the same pseudonyms after a restart
    assert again.get_chat_settings(987654321).province == "An Giang"
    assert again.pseudonym("telegram", 1) != again.pseudonym("zalo", 1)
    assert again.pseudonym("telegram", 1) != ChatDB(tmp_path / "other.sqlite3").pseudonym("telegram", 1)


def test_migration_from_schema_2_pseudonymises_and_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript("\n".join(str(m) for m in _MIGRATIONS[:2]) + "\nPRAGMA user_version = 2;")
    conn.execute("INSERT INTO chat_settings VALUES ('telegram', '55', 'Lào Cai', NULL, 'x')")
    conn.execute(
        "INSERT INTO questions (channel, chat_id, user_id, question, found, cited_docs_json, latency_ms, created_at)"
        " VALUES ('telegram', '-100', '55', 'Câu cũ?', 0, '[]', 3, '2026-01-01T00:00:00+00:00')"
    )
    conn.execute(
        "INSERT INTO feedback (channel, chat_id, user_id, question, answer, citations_json, vote, created_at)"
        " VALUES ('telegram', '55', '55', 'Câu cũ?', 'Đáp', '[]', 1, '2026-01-01T00:00:00+00:00')"
    )
    conn.execute(f"INSERT INTO conversations VALUES ('telegram', '-100:55', '[]', {time.time()})")
    conn.commit()
    conn.close()
    db = ChatDB(path)
    assert db.schema_version() == SCHEMA_VERSION == 4
    assert db.get_chat_settings(55).province == "Lào Cai"
    assert _counts(db) == (1, 1, 1)
    assert db.stats(days=100_000)["top_unanswered"] == [("câu cũ", 1)]
    assert ConversationStore(db).load("telegram", "-100:55") == []  # the row's turns were empty, still found:
    assert db.run(lambda c: c.execute("SELECT user_key FROM conversations").fetchone()[0]) == db.pseudonym(
        "telegram", "55"
    )
    ReminderStore(db).subscribe("telegram", 55)  # the private chat's reminders go too
    ReminderStore(db).subscribe("telegram", 56)
    deleted = forget_user(db, "telegram", 55)  # the group question and conversation are found by the user
    assert (deleted.questions, deleted.conversations, deleted.feedback, deleted.settings) == (1, 1, 1, 1)
    assert deleted.reminders == 1 and ReminderStore(db).subscribers("telegram") == ["56"]


def test_purge_with_a_fake_clock(tmp_path: Path) -> None:
    db = ChatDB(tmp_path / "c.sqlite3")
    now = time.time()
    clock = [now]
    store = ConversationStore(db, ttl_seconds=10**9, clock=lambda: clock[0])
    db.log_question(channel="zalo", chat_id="u", user_id="u", question="q", found=True)
    db.add_feedback(chat_id=1, user_id=1, question="q", answer="a", citations=[], vote=-1)
    store.append("zalo", "u", _turn())
    assert purge(db, 180, now=now + 179 * DAY_SECONDS).total == 0
    assert _counts(db) == (1, 1, 1)
    deleted = purge(db, 180, now=now + 181 * DAY_SECONDS)
    assert (deleted.questions, deleted.conversations, deleted.feedback) == (1, 1, 1)
    assert _counts(db) == (0, 0, 0)


def test_start_says_what_is_kept(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        text = (await ask(api, "/start"))[0]["text"]
        assert notice(90) in text and "/xoadulieu" in text

    run_bot(api, tmp_path, scenario, nhiemvu_retention_days=90)


def test_xoadulieu_asks_then_erases_only_the_presser(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        keys = buttons((await ask(api, QUESTION))[0])
        await press(api, keys["👍"])
        await ask(api, f"/hoi {QUESTION}", USER, GROUP)
        await ask(api, f"/hoi {QUESTION}", USER2, GROUP)
        assert _counts(db) == (3, 3, 1)

        confirm = (await ask(api, "/xoadulieu"))[0]
        assert confirm["text"] == FORGET_ASK
        choice = buttons(confirm)
        mark, _ = await press(api, choice["Huỷ"])
        edited = await api.wait_for(lambda: api.calls_of("editMessageText", mark))
        assert edited[0]["text"] == FORGET_CANCELLED and _counts(db) == (3, 3, 1)

        mark, answered = await press(api, choice["🗑 Xoá dữ liệu của tôi"])
        edited = await api.wait_for(lambda: api.calls_of("editMessageText", mark))
        assert edited[0]["text"] == "Đã xoá 2 câu hỏi, 2 hội thoại và 1 góp ý của thầy cô."
        assert _counts(db) == (1, 1, 0)  # USER2's question in the group stays
        mark, _ = await press(api, choice["🗑 Xoá dữ liệu của tôi"])
        edited = await api.wait_for(lambda: api.calls_of("editMessageText", mark))
        assert edited[0]["text"] == "Không có dữ liệu nào của thầy cô đang được lưu."
        follow = (await ask(api, "còn năm học 2019-2020 thì sao?"))[0]
        assert "Hiểu là" not in follow["text"]  # the conversation is gone too

    run_bot(api, tmp_path, scenario)


def test_purge_job_is_scheduled_daily(api: FakeBotAPI, tmp_path: Path) -> None:
    app = build_application(FakeAnswerService(), make_settings(api, tmp_path), ChatDB(":memory:"))
    assert app.job_queue is not None
    intervals = {
        job.name: job.trigger.interval.total_seconds()
        for job in app.job_queue.scheduler.get_jobs()
        if hasattr(job.trigger, "interval")  # the reminders run at a time of day (a cron trigger)
    }
    assert intervals.get("purge_job") == PURGE_SECONDS


def test_zalo_follower_erases_with_confirmation(tmp_path: Path) -> None:
    from bot.app import build_conversations
    from bot.channels.http.app import create_app
    from bot.channels.zalo.client import ZaloClient
    from bot.channels.zalo.webhook import FORGET_ASK
    from tests.fake_zalo_api import FakeZaloAPI
    from tests.fakes_http_service import FakeService, serve_in_thread
    from tests.test_http_zalo_conversations import FIRST, zalo_event
    from tests.test_zalo import APP_ID, USER, post_webhook, run, signed, wait_for, zalo_settings

    api = FakeZaloAPI(app_id=APP_ID, secret="oa-secret")
    db = ChatDB(tmp_path / "chat.sqlite3")
    with serve_in_thread(api.app) as base:

        async def go() -> None:
            settings = zalo_settings(base, tmp_path)
            client = ZaloClient(settings, backoff_seconds=0.01)
            service = FakeService()
            app = create_app(
                service,
                settings,
                log=db.log_question,
                zalo=client,
                conversations=build_conversations(settings, service, db),
            )
            steps = [FIRST, "xác nhận xoá", "Xoá dữ liệu", "xac nhan xoa"]
            for n, text in enumerate(steps, 1):
                await post_webhook(app, *signed(zalo_event(text, f"m{n}", USER)))
                await wait_for(lambda n=n: len(api.sent) >= n)  # type: ignore[misc]
                if n == 1:
                    await wait_for(lambda: _counts(db)[0] == 1)
            await client.aclose()

        run(go)
    replies = api.texts_for(USER)
    assert "trước" in replies[1]  # a confirmation without the request erases nothing
    assert replies[2] == FORGET_ASK
    assert replies[3] == "Đã xoá 1 câu hỏi, 1 hội thoại và 0 góp ý của thầy cô."
    assert _counts(db) == (0, 0, 0)


def test_http_delete_conversation_leaves_nothing_of_it(tmp_path: Path) -> None:
    from bot.app import build_conversations
    from bot.channels.http.app import create_app
    from tests.fakes_http_service import FakeService
    from tests.test_http_api import call
    from tests.test_http_api import make_settings as http_settings

    db = ChatDB(tmp_path / "chat.sqlite3")
    settings, service = http_settings(), FakeService()
    app = create_app(service, settings, conversations=build_conversations(settings, service, db))
    cid = call(app, "POST", "/v1/ask", json={"question": QUESTION}).json()["conversation_id"]
    assert _counts(db) == (0, 1, 0)  # the web log is not tied to a conversation (no log callable here)
    assert call(app, "DELETE", f"/v1/conversations/{cid}").status_code == 204
    assert _counts(db) == (0, 0, 0)


def test_http_process_runs_the_purge_in_the_background() -> None:
    import asyncio

    from bot.channels.http.app import _daily

    runs: list[float] = []

    async def go() -> None:
        task = asyncio.create_task(_daily(lambda: runs.append(time.monotonic()), period=0.05))
        await asyncio.sleep(0.3)
        task.cancel()

    asyncio.run(go())
    assert len(runs) >= 3
