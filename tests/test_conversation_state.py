"""Conversation state in the shared SQLite file: turns kept, expiry, restart, migration from schema 1."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.chatdb import _MIGRATIONS, SCHEMA_VERSION, ChatDB
from bot.conversation.state import ConversationStore, Turn, new_conversation_id


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def turn(n: int) -> Turn:
    return Turn(question=f"q{n}", standalone=f"câu hỏi {n}", province="Lào Cai", school_year="2021-2022")


def test_turns_are_kept_in_order_and_only_the_last_few(tmp_path: Path) -> None:
    store = ConversationStore(ChatDB(tmp_path / "c.sqlite3"), keep=3)
    for n in range(5):
        store.append("telegram", "1:2", turn(n))
    assert [t.question for t in store.load("telegram", "1:2")] == ["q2", "q3", "q4"]
    assert (
        store.load("telegram", "1:3") == [] and store.load("zalo", "1:2") == []
    )  # other user, other channel


def test_expiry_after_silence_and_clear(tmp_path: Path) -> None:
    clock = Clock()
    store = ConversationStore(ChatDB(tmp_path / "c.sqlite3"), ttl_seconds=1800, clock=clock)
    store.append("http", "abc", turn(1))
    clock.now += 1799
    assert store.alive("http", "abc")
    store.append("http", "abc", turn(2))  # speaking again restarts the 30 minutes
    clock.now += 1799
    assert [t.question for t in store.load("http", "abc")] == ["q1", "q2"]
    clock.now += 2
    assert store.load("http", "abc") == [] and not store.alive("http", "abc")
    store.append("http", "abc", turn(3))  # an expired conversation starts afresh under the same key
    assert [t.question for t in store.load("http", "abc")] == ["q3"]
    store.clear("http", "abc")
    assert store.load("http", "abc") == []


def test_expired_rows_are_deleted_on_the_next_write(tmp_path: Path) -> None:
    clock = Clock()
    db = ChatDB(tmp_path / "c.sqlite3")
    store = ConversationStore(db, ttl_seconds=60, clock=clock)
    store.append("telegram", "old", turn(1))
    clock.now += 61
    store.append("telegram", "new", turn(2))
    rows = db.run(lambda c: c.execute("SELECT conversation_id FROM conversations").fetchall())
    assert rows == [(db.pseudonym("telegram", "new"),)]  # stored under its pseudonym


def test_state_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    db = ChatDB(path)
    ConversationStore(db).append("zalo", "u1", turn(1))
    db.close()
    again = ConversationStore(ChatDB(path))
    [kept] = again.load("zalo", "u1")
    assert kept == turn(1)


def test_damaged_row_reads_as_a_fresh_conversation(tmp_path: Path) -> None:
    db = ChatDB(tmp_path / "c.sqlite3")
    store = ConversationStore(db)
    store.append("http", "x", turn(1))
    db.run(lambda c: c.execute("UPDATE conversations SET turns_json = 'not json'"), write=True)
    assert store.load("http", "x") == []


def test_migration_from_schema_1_keeps_existing_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(_MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
    conn.execute(
        "INSERT INTO chat_settings (channel, chat_id, province, school_year, updated_at)"
        " VALUES ('telegram', '5', 'An Giang', NULL, 'x')"
    )
    conn.commit()
    conn.close()
    db = ChatDB(path)
    assert db.schema_version() == SCHEMA_VERSION == 4  # 3: pseudonymous ids, 4: reminders
    assert db.get_chat_settings(5).province == "An Giang"
    ConversationStore(db).append("telegram", "5:5", turn(1))
    assert ConversationStore(db).alive("telegram", "5:5")


def test_ids_are_unguessable() -> None:
    ids = {new_conversation_id() for _ in range(100)}
    assert len(ids) == 100 and all(len(i) >= 20 for i in ids)
