"""Conversation state: the last turns of each conversation, kept in the shared SQLite file (bot/chatdb.py).

A conversation is (channel, conversation id): Telegram "chat:user", Zalo the follower id, the HTTP API a
random id the server issued; it is stored as its pseudonym (ChatDB.pseudonym) with its owner's, so that
one person's conversations can be erased (bot/ops/retention.py).  It expires after `ttl_seconds` of silence; expired rows read as absent
and are deleted on the next write, so state survives a restart but not a long pause.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from bot.chatdb import ChatDB, owner_of

KEEP_TURNS = 4  # enough to resolve "năm trước", "văn bản đó"; older turns never matter
DEFAULT_TTL_SECONDS = 30 * 60


@dataclass
class Turn:
    """One answered message: what was typed, what was understood, the scope used and what was cited."""

    question: str  # as typed
    standalone: str  # the self-contained question actually answered
    province: str | None = None
    school_year: str | None = None
    levels: list[str] = field(default_factory=list)
    doc_numbers: list[str] = field(default_factory=list)  # as written in the standalone question
    doc_ids: list[str] = field(default_factory=list)  # documents the question was restricted to
    issuer: str | None = None  # of the cited document
    cited_doc_id: str | None = None
    cited_doc_label: str | None = None  # "Chỉ thị 04/CT-UBND", for "văn bản đó"
    cited_section: str | None = None
    cited_ordinal: int | None = None
    found: bool = False
    topic: str = ""  # the question's own words without scope and question frame, for "thế còn …"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Turn:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def new_conversation_id() -> str:
    """Unguessable: an id is the only key to a conversation over the HTTP API."""
    return secrets.token_urlsafe(16)


class ConversationStore:
    def __init__(
        self,
        db: ChatDB,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        clock: Callable[[], float] = time.time,
        keep: int = KEEP_TURNS,
    ) -> None:
        self.db, self.ttl, self.clock, self.keep = db, ttl_seconds, clock, keep

    def _fresh_since(self) -> float:
        return self.clock() - self.ttl

    def load(self, channel: str, conversation_id: str) -> list[Turn]:
        """The conversation's turns, oldest first; [] when unknown or expired."""
        key = self.db.pseudonym(channel, conversation_id)
        row = self.db.run(
            lambda c: c.execute(
                "SELECT turns_json FROM conversations WHERE channel = ? AND conversation_id = ?"
                " AND updated_at >= ?",
                (channel, key, self._fresh_since()),
            ).fetchone()
        )
        if row is None:
            return []
        try:
            return [Turn.from_json(t) for t in json.loads(row[0])]
        except (ValueError, TypeError):  # a damaged row is a fresh conversation, not a crash
            return []

    def alive(self, channel: str, conversation_id: str) -> bool:
        return bool(self.load(channel, conversation_id))

    def append(self, channel: str, conversation_id: str, turn: Turn) -> None:
        now = self.clock()
        key = self.db.pseudonym(channel, conversation_id)
        owner = owner_of(channel, conversation_id)
        user_key = None if owner is None else self.db.pseudonym(channel, owner)

        def work(c: sqlite3.Connection) -> None:
            row = c.execute(
                "SELECT turns_json FROM conversations WHERE channel = ? AND conversation_id = ?"
                " AND updated_at >= ?",
                (channel, key, now - self.ttl),
            ).fetchone()
            turns = json.loads(row[0]) if row else []
            turns = [*turns, turn.to_json()][-self.keep :]
            c.execute(
                "INSERT INTO conversations (channel, conversation_id, turns_json, updated_at, user_key)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (channel, conversation_id) DO UPDATE SET"
                " turns_json = excluded.turns_json, updated_at = excluded.updated_at",
                (channel, key, json.dumps(turns, ensure_ascii=False), now, user_key),
            )
            # expired conversations go on the way: the table stays as small as the active users
            c.execute("DELETE FROM conversations WHERE updated_at < ?", (now - self.ttl,))

        self.db.run(work, write=True)

    def clear(self, channel: str, conversation_id: str) -> None:
        key = self.db.pseudonym(channel, conversation_id)
        self.db.run(
            lambda c: c.execute(
                "DELETE FROM conversations WHERE channel = ? AND conversation_id = ?",
                (channel, key),
            ),
            write=True,
        )
