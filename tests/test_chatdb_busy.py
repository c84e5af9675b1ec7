"""ChatDB when another connection holds the write lock: the write waits, then lands; nothing is lost."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.chatdb import ChatDB

HOLD = 1.0  # seconds the other connection keeps its exclusive lock


@pytest.fixture
def db(tmp_path: Path) -> Iterator[ChatDB]:
    chatdb = ChatDB(tmp_path / "chat.sqlite3")
    assert chatdb.schema_version() >= 1  # opens, migrates, switches to WAL
    yield chatdb
    chatdb.close()


def hold_write_lock(path: Path, locked: threading.Event, seconds: float) -> None:
    other = sqlite3.connect(path, isolation_level=None, timeout=1.0)
    try:
        other.execute("BEGIN EXCLUSIVE")
        other.execute(
            "INSERT INTO chat_settings (channel, chat_id, province, updated_at) VALUES ('x', 'other', 'A', 'now')"
        )
        locked.set()
        time.sleep(seconds)
        other.execute("COMMIT")
    finally:
        other.close()


def log(db: ChatDB, n: int) -> int:
    return db.log_question(
        channel="telegram",
        chat_id=777,
        user_id=n,
        question=f"câu hỏi {n}",
        found=True,
        cited_docs=["ag-04-2021"],
        latency_ms=5,
    )


def rows(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT user_id, question FROM questions ORDER BY id").fetchall()
    finally:
        conn.close()


def test_log_question_waits_for_a_held_write_lock_then_writes(db: ChatDB) -> None:
    locked = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(db.path, locked, HOLD), daemon=True)
    holder.start()
    assert locked.wait(5)

    result: dict[str, object] = {}

    def writer() -> None:
        started = time.monotonic()
        try:
            result["id"] = log(db, 1)
        except BaseException as exc:  # reported by the assertions below
            result["error"] = exc
        result["took"] = time.monotonic() - started

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    thread.join(10)
    holder.join(5)
    assert not thread.is_alive() and not holder.is_alive()
    assert "error" not in result, result.get("error")
    assert isinstance(result["id"], int) and result["id"] > 0
    took = result["took"]
    assert isinstance(took, float) and HOLD * 0.7 < took < HOLD + 3, took  # it waited for the lock
    assert rows(db.path) == [(db.pseudonym("telegram", 1), "câu hỏi 1")]
    # the other connection's transaction was committed too: nothing was rolled back or lost
    assert sqlite3.connect(db.path).execute(
        "SELECT province FROM chat_settings WHERE chat_id = 'other'"
    ).fetchone() == ("A",)


def test_reads_go_on_and_many_writers_all_land_while_the_lock_is_held(db: ChatDB) -> None:
    log(db, 0)
    locked = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(db.path, locked, HOLD), daemon=True)
    holder.start()
    assert locked.wait(5)

    # WAL: reading the committed data does not wait for the writer
    started = time.monotonic()
    assert db.stats(channel="telegram")["asked"] == 1
    assert time.monotonic() - started < HOLD / 2

    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            log(db, n)
        except BaseException as exc:
            errors.append(exc)

    writers = [threading.Thread(target=writer, args=(n,), daemon=True) for n in range(1, 9)]
    for t in writers:
        t.start()
    for t in writers:
        t.join(15)
    holder.join(5)
    assert not any(t.is_alive() for t in writers)
    assert errors == []
    assert sorted(u for u, _ in rows(db.path)) == sorted(db.pseudonym("telegram", n) for n in range(9))
    assert db.stats(channel="telegram")["asked"] == 9
