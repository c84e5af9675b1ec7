"""Per-chat settings, feedback and the question log in one SQLite file, shared by every channel.

Channel-neutral: Telegram, the HTTP API and Zalo all use it.  Chat and user ids are never stored as such:
each is replaced by its pseudonym, HMAC-SHA256 of "channel:id" under a random key kept in this file's `meta`
table (schema 3).  The key lives with the data on purpose: a backup restores the ability to find a person's
rows for erasure, and there is no extra secret to lose.  It is pseudonymisation, not anonymisation: whoever
holds the file and a known id can test it, so the file stays readable by the service user only.
One connection guarded by a lock: callers run on the event loop and in worker threads.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_UNSET: Any = object()
_LOCK_RETRIES = 3  # busy_timeout already waits 5 s; this covers the rare lock error it still lets through


@dataclass(frozen=True)
class ChatSettings:
    province: str | None = None  # None: every province
    school_year: str | None = None  # None: the newest documents


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def normalise_question(question: str) -> str:
    """Group the same question typed differently: case, spacing and trailing punctuation."""
    text = " ".join(question.lower().split())
    return re.sub(r"[\s?.!…,;:]+$", "", text)


def owner_of(channel: str, conversation_id: str) -> str | None:
    """Whose conversation this is, for erasure: Telegram ids are "chat:user", Zalo's the follower id; the
    HTTP API's random ids belong to nobody known."""
    if channel == "telegram":
        return conversation_id.rpartition(":")[2] or None
    return conversation_id if channel == "zalo" else None


def _pseudonym(key: str, channel: str, raw: object) -> str:
    mac = hmac.new(key.encode(), f"{channel}:{raw}".encode(), hashlib.sha256).hexdigest()
    return f"h{mac[:32]}"


def _pseudonymise(conn: sqlite3.Connection) -> None:
    """Schema 3: replace every stored chat/user id (and conversation id) by its pseudonym, keeping the rows."""
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    key = secrets.token_hex(32)
    conn.execute("INSERT INTO meta (key, value) VALUES ('pseudonym_key', ?)", (key,))

    def nym(channel: str, raw: object) -> str | None:
        return None if raw is None else _pseudonym(key, channel, raw)

    def owner(channel: str, conversation_id: str) -> str | None:
        who = owner_of(channel, conversation_id)
        return None if who is None else _pseudonym(key, channel, who)

    conn.create_function("nv_nym", 2, nym, deterministic=True)
    conn.create_function("nv_owner", 2, owner, deterministic=True)
    for table in ("questions", "feedback"):
        conn.execute(
            f"UPDATE {table} SET chat_id = nv_nym(channel, chat_id), user_id = nv_nym(channel, user_id)"
        )
        conn.execute(f"CREATE INDEX {table}_user ON {table} (channel, user_id)")
    conn.execute("UPDATE chat_settings SET chat_id = nv_nym(channel, chat_id)")
    conn.execute("ALTER TABLE conversations ADD COLUMN user_key TEXT")
    # both right-hand sides read the old row: the owner comes from the raw id
    conn.execute(
        "UPDATE conversations SET user_key = nv_owner(channel, conversation_id),"
        " conversation_id = nv_nym(channel, conversation_id)"
    )
    conn.execute("CREATE INDEX conversations_user ON conversations (channel, user_key)")


# Each step moves the schema from version i to i + 1; never edit a released step, append a new one.
# A string is a SQL script; a function runs inside the step's transaction.
_MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
    """
    CREATE TABLE chat_settings (
        channel TEXT NOT NULL DEFAULT 'telegram',
        chat_id TEXT NOT NULL,
        province TEXT,
        school_year TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (channel, chat_id)
    );
    CREATE TABLE feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        channel TEXT NOT NULL DEFAULT 'telegram',
        chat_id TEXT NOT NULL,
        user_id TEXT,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        citations_json TEXT NOT NULL,
        vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        created_at TEXT NOT NULL
    );
    CREATE TABLE questions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        channel TEXT NOT NULL,
        chat_id TEXT NOT NULL,
        user_id TEXT,
        question TEXT NOT NULL,
        found INTEGER NOT NULL,
        cited_docs_json TEXT NOT NULL,
        latency_ms INTEGER NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX questions_created ON questions (created_at);
    CREATE INDEX feedback_created ON feedback (created_at);
    """,
    # 2: conversation state (bot/conversation/state.py): the last turns of each conversation, as JSON.
    """
    CREATE TABLE conversations (
        channel TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        turns_json TEXT NOT NULL,
        updated_at REAL NOT NULL,
        PRIMARY KEY (channel, conversation_id)
    );
    CREATE INDEX conversations_updated ON conversations (updated_at);
    """,
    # 3: pseudonymous ids (see the module docstring); conversations remember their owner for erasure.
    _pseudonymise,
    # 4: deadline reminders (bot/calendar/reminders.py): who asked for them, and each reminder sent (once).
    # The chat id stays as Telegram gives it: it is where reminders go (erased by /xoadulieu and /nhac tat).
    """
    CREATE TABLE reminder_subscriptions (
        channel TEXT NOT NULL,
        chat_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (channel, chat_id)
    );
    CREATE TABLE reminders_sent (
        channel TEXT NOT NULL,
        chat_id TEXT NOT NULL,
        uid TEXT NOT NULL,
        due TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        PRIMARY KEY (channel, chat_id, uid)
    );
    """,
]
SCHEMA_VERSION = len(_MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to SCHEMA_VERSION, one transaction per step; returns the final version."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise RuntimeError(f"database schema {version} is newer than this program ({SCHEMA_VERSION})")
    for step in range(version, SCHEMA_VERSION):
        migration = _MIGRATIONS[step]
        if isinstance(migration, str):
            # executescript commits first; wrap the step and the version bump in one explicit transaction
            conn.executescript(f"BEGIN;\n{migration}\nPRAGMA user_version = {step + 1};\nCOMMIT;")
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            migration(conn)
            conn.execute(f"PRAGMA user_version = {step + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION


class ChatDB:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._key = ""

    @classmethod
    def from_settings(cls, settings: Any) -> ChatDB:
        return cls(settings.nhiemvu_db)

    # -- plumbing ---------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        """Open lazily so that importing or building an app never touches the disk."""
        if self._conn is None:
            if str(self.path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=5.0)
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA journal_mode = WAL")
            # WAL + NORMAL: commits do not wait for fsync (the database stays consistent; a power cut may lose
            # the last moments of chat state, never corrupt it). Conversation turns are written on every answer.
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
            self._key = str(conn.execute("SELECT value FROM meta WHERE key = 'pseudonym_key'").fetchone()[0])
            self._conn = conn
        return self._conn

    def pseudonym(self, channel: str, raw: int | str) -> str:
        """What is stored instead of a chat, user or conversation id of `channel`."""
        with self._lock:
            self._connect()
            return _pseudonym(self._key, channel, raw)

    def _nym(self, channel: str, raw: int | str | None) -> str | None:
        return None if raw is None else self.pseudonym(channel, raw)

    def _run(self, work: Callable[[sqlite3.Connection], T], *, write: bool = False) -> T:
        for attempt in range(_LOCK_RETRIES + 1):
            with self._lock:
                try:
                    conn = self._connect()
                    if not write:
                        return work(conn)
                    # IMMEDIATE takes the write lock up front: a read-then-write cannot interleave
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        result = work(conn)
                        conn.execute("COMMIT")
                    except BaseException:
                        if conn.in_transaction:
                            conn.execute("ROLLBACK")
                        raise
                    return result
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) or attempt == _LOCK_RETRIES:
                        raise
            time.sleep(0.05 * (2**attempt))  # outside the lock, so other threads can go on
        raise AssertionError("unreachable")

    def run(self, work: Callable[[sqlite3.Connection], T], *, write: bool = False) -> T:
        """Run `work` on the connection (in an IMMEDIATE transaction when `write`): for stores sharing this file."""
        return self._run(work, write=write)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def schema_version(self) -> int:
        return self._run(lambda c: int(c.execute("PRAGMA user_version").fetchone()[0]))

    # -- chat settings ----------------------------------------------------------------------

    def get_chat_settings(self, chat_id: int | str, *, channel: str = "telegram") -> ChatSettings:
        key = self.pseudonym(channel, chat_id)
        row = self._run(
            lambda c: c.execute(
                "SELECT province, school_year FROM chat_settings WHERE channel = ? AND chat_id = ?",
                (channel, key),
            ).fetchone()
        )
        return ChatSettings(row[0], row[1]) if row else ChatSettings()

    def set_chat_settings(
        self,
        chat_id: int | str,
        *,
        province: str | None = _UNSET,
        school_year: str | None = _UNSET,
        channel: str = "telegram",
    ) -> ChatSettings:
        """Change only what is passed; None means "all provinces" / "the newest school year"."""
        key = self.pseudonym(channel, chat_id)

        def work(c: sqlite3.Connection) -> ChatSettings:
            row = c.execute(
                "SELECT province, school_year FROM chat_settings WHERE channel = ? AND chat_id = ?",
                (channel, key),
            ).fetchone()
            old = ChatSettings(row[0], row[1]) if row else ChatSettings()
            new = ChatSettings(
                old.province if province is _UNSET else province,
                old.school_year if school_year is _UNSET else school_year,
            )
            c.execute(
                "INSERT INTO chat_settings (channel, chat_id, province, school_year, updated_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel, chat_id) DO UPDATE SET"
                " province = excluded.province, school_year = excluded.school_year,"
                " updated_at = excluded.updated_at",
                (channel, key, new.province, new.school_year, _now()),
            )
            return new

        return self._run(work, write=True)

    # -- question log and feedback ----------------------------------------------------------

    def log_question(
        self,
        *,
        channel: str,
        chat_id: int | str,
        user_id: int | str | None,
        question: str,
        found: bool,
        cited_docs: Iterable[str] = (),
        latency_ms: int = 0,
    ) -> int:
        params = (
            channel,
            self.pseudonym(channel, chat_id),
            self._nym(channel, user_id),
            question,
            int(found),
            json.dumps(list(dict.fromkeys(cited_docs)), ensure_ascii=False),
            int(latency_ms),
            _now(),
        )
        return self._run(
            lambda c: int(
                c.execute(
                    "INSERT INTO questions (channel, chat_id, user_id, question, found, cited_docs_json,"
                    " latency_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    params,
                ).lastrowid
                or 0
            ),
            write=True,
        )

    def add_feedback(
        self,
        *,
        chat_id: int | str,
        user_id: int | str | None,
        question: str,
        answer: str,
        citations: list[dict[str, Any]] | list[str],
        vote: int,
        channel: str = "telegram",
    ) -> int:
        if vote not in (-1, 1):
            raise ValueError("vote must be +1 or -1")
        params = (
            channel,
            self.pseudonym(channel, chat_id),
            self._nym(channel, user_id),
            question,
            answer,
            json.dumps(citations, ensure_ascii=False),
            vote,
            _now(),
        )
        return self._run(
            lambda c: int(
                c.execute(
                    "INSERT INTO feedback (channel, chat_id, user_id, question, answer, citations_json, vote,"
                    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    params,
                ).lastrowid
                or 0
            ),
            write=True,
        )

    def feedback(self, limit: int = 100) -> list[dict[str, Any]]:
        """Newest first; for admins and tests."""

        def work(c: sqlite3.Connection) -> list[dict[str, Any]]:
            cur = c.execute("SELECT * FROM feedback ORDER BY id DESC LIMIT ?", (limit,))
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

        return self._run(work)

    def stats(self, days: int = 7, *, channel: str | None = None, top: int = 10) -> dict[str, Any]:
        """Counts over the last `days` days; top_unanswered: [(normalised question, count)], most asked first."""
        since = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="seconds")
        where, args = "created_at >= ?", [since]
        if channel:
            where, args = where + " AND channel = ?", [since, channel]

        def work(c: sqlite3.Connection) -> dict[str, Any]:
            asked, refused = c.execute(
                f"SELECT COUNT(*), COALESCE(SUM(found = 0), 0) FROM questions WHERE {where}", args
            ).fetchone()
            up, down = c.execute(
                f"SELECT COALESCE(SUM(vote = 1), 0), COALESCE(SUM(vote = -1), 0) FROM feedback WHERE {where}",
                args,
            ).fetchone()
            counts: dict[str, int] = {}
            for (question,) in c.execute(f"SELECT question FROM questions WHERE {where} AND found = 0", args):
                key = normalise_question(question)
                counts[key] = counts.get(key, 0) + 1
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
            return {
                "asked": int(asked),
                "refused": int(refused),
                "up": int(up),
                "down": int(down),
                "top_unanswered": ranked,
            }

        return self._run(work)
