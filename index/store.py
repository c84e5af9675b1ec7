"""SQLite store of one index version: documents, sections, chunks (row i = vector i)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from pathlib import Path

from ingest.models import Chunk, Document, DocumentMeta, OcrInfo, Section

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY, meta TEXT NOT NULL, content_hash TEXT NOT NULL,
  footnotes TEXT NOT NULL DEFAULT '[]', warnings TEXT NOT NULL DEFAULT '[]', position INTEGER NOT NULL,
  ocr TEXT
);
CREATE TABLE IF NOT EXISTS sections (
  doc_id TEXT NOT NULL, ordinal INTEGER NOT NULL, path TEXT NOT NULL, title TEXT NOT NULL,
  text TEXT NOT NULL, level INTEGER NOT NULL, parent TEXT, PRIMARY KEY (doc_id, ordinal)
);
CREATE TABLE IF NOT EXISTS chunks (
  row INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL, section_path TEXT NOT NULL,
  section_title TEXT NOT NULL, section_ordinal INTEGER NOT NULL, text TEXT NOT NULL, context TEXT NOT NULL,
  content_hash TEXT NOT NULL
);
"""


def connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
    # Read from several threads (answers are computed off the event loop); the data never changes after build.
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def write_store(path: Path, documents: list[Document], chunks: list[Chunk]) -> None:
    conn = connect(path)
    try:
        with conn:
            conn.executescript(_SCHEMA)
            conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            for pos, doc in enumerate(documents):
                conn.execute(
                    "INSERT INTO documents VALUES (?,?,?,?,?,?,?)",
                    (
                        doc.id,
                        json.dumps(asdict(doc.meta), ensure_ascii=False),
                        doc.content_hash,
                        json.dumps(doc.footnotes, ensure_ascii=False),
                        json.dumps(doc.warnings, ensure_ascii=False),
                        pos,
                        json.dumps(asdict(doc.ocr)) if doc.ocr else None,
                    ),
                )
                conn.executemany(
                    "INSERT INTO sections VALUES (?,?,?,?,?,?,?)",
                    [(doc.id, s.ordinal, s.path, s.title, s.text, s.level, s.parent) for s in doc.sections],
                )
            conn.executemany(
                "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?)",
                [
                    (
                        i,
                        c.id,
                        c.doc_id,
                        c.section_path,
                        c.section_title,
                        c.section_ordinal,
                        c.text,
                        c.context,
                        c.content_hash,
                    )
                    for i, c in enumerate(chunks)
                ],
            )
    finally:
        conn.close()


class Store:
    """Read access to a built store; documents and chunk metadata are cached in memory."""

    def __init__(self, path: Path) -> None:
        self._conn = connect(path, readonly=True)
        version = self._conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if version is None or int(version[0]) != SCHEMA_VERSION:
            raise ValueError(f"lược đồ cơ sở dữ liệu chỉ mục không khớp (cần {SCHEMA_VERSION})")
        self.documents: dict[str, Document] = {}
        for row in self._conn.execute("SELECT * FROM documents ORDER BY position"):
            self.documents[row["id"]] = Document(
                id=row["id"],
                meta=DocumentMeta(**json.loads(row["meta"])),
                sections=[],
                content_hash=row["content_hash"],
                footnotes=json.loads(row["footnotes"]),
                warnings=json.loads(row["warnings"]),
                # Stores written before OCR existed have no `ocr` column: their documents had no OCR.
                ocr=OcrInfo(**json.loads(ocr)) if (ocr := dict(row).get("ocr")) else None,
            )
        for row in self._conn.execute("SELECT * FROM sections ORDER BY doc_id, ordinal"):
            self.documents[row["doc_id"]].sections.append(
                Section(
                    path=row["path"],
                    title=row["title"],
                    text=row["text"],
                    level=row["level"],
                    parent=row["parent"],
                    ordinal=row["ordinal"],
                )
            )
        self.chunks: list[Chunk] = [
            Chunk(
                id=r["id"],
                doc_id=r["doc_id"],
                section_path=r["section_path"],
                section_title=r["section_title"],
                section_ordinal=r["section_ordinal"],
                text=r["text"],
                context=r["context"],
                content_hash=r["content_hash"],
            )
            for r in self._conn.execute("SELECT * FROM chunks ORDER BY row")
        ]
        self._conn.close()
