"""`nhiemvu backup FILE` / `nhiemvu restore FILE [--force]`: one tar archive of what the service needs.

Archive layout (uncompressed tar; index vectors do not compress and a plain tar keeps restore simple):

    MANIFEST.json                 format, date, embedder, live index version, sha256 + size of every file
    index/CURRENT                 the live version's name
    index/versions/<v>/...        the live version only (older ones are rebuilt from the library if needed)
    index/library/...             every ingested source file
    index/cache/embeddings.sqlite the embedding cache (SQLite online backup), so a rebuild re-embeds nothing
    db/nhiemvu.sqlite3            the chat db (SQLite online backup: consistent while the bot writes)
    zalo/zalo_tokens.json         the Zalo token pair, when there is one

The live version's files are immutable once built, so they are copied byte for byte and checked against the
index's own manifest (the SQLite backup API would rewrite the store's header and break that check). The build
lock is held while the index is read, so an ingest finishing meanwhile cannot switch or delete the version.

Restore extracts into a temporary directory beside each target, verifies every checksum, loads the index and
opens the db, and only then moves them into place: a truncated or altered archive leaves the target untouched.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from index.build import build_lock
from index.snapshot import MANIFEST as INDEX_MANIFEST
from index.snapshot import IndexUnavailable, current_version, load_snapshot, sha256_file

FORMAT = "nhiemvu-backup"
FORMAT_VERSION = 1
MANIFEST = "MANIFEST.json"
DB_NAME = "db/nhiemvu.sqlite3"
ZALO_NAME = "zalo/zalo_tokens.json"
CACHE = "cache/embeddings.sqlite"


class BackupError(Exception):
    """Backup or restore refused; str() is a Vietnamese message for the operator."""


@dataclass
class BackupResult:
    path: Path
    files: int
    bytes: int
    index_version: str | None
    seconds: float


@dataclass
class RestoreResult:
    index_version: str | None
    documents: int
    chunks: int
    files: int
    seconds: float
    replaced: list[str] = field(default_factory=list)


def _sqlite_copy(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite file (WAL or not) with the online backup API."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _stage_index(root: Path, stage: Path) -> str | None:
    """Copy the live version, the library and the cache of `root` into `stage/index`; the version's name."""
    out = stage / "index"
    out.mkdir(parents=True)
    live = current_version(root)
    if live is not None:
        if not live.is_dir():
            raise BackupError(f"Chỉ mục hỏng: CURRENT trỏ tới {live.name} nhưng không có thư mục này.")
        manifest = json.loads((live / INDEX_MANIFEST).read_text(encoding="utf-8"))
        target = out / "versions" / live.name
        shutil.copytree(live, target)
        for rel, digest in manifest.get("checksums", {}).items():
            if not (target / rel).is_file() or sha256_file(target / rel) != digest:
                raise BackupError(
                    f"Chỉ mục đang chạy ({live.name}) hỏng: {rel} không khớp manifest. "
                    "Hãy nạp lại văn bản (nhiemvu ingest) rồi sao lưu."
                )
        (out / "CURRENT").write_text(live.name, encoding="utf-8")
    if (root / "library").is_dir():
        shutil.copytree(root / "library", out / "library", ignore=shutil.ignore_patterns(".*.tmp"))
    if (root / CACHE).is_file():
        (out / "cache").mkdir()
        _sqlite_copy(root / CACHE, out / CACHE)
    return live.name if live is not None else None


def _embedder_of(stage: Path, version: str | None) -> dict[str, Any] | None:
    if version is None:
        return None
    manifest = json.loads(
        (stage / "index" / "versions" / version / INDEX_MANIFEST).read_text(encoding="utf-8")
    )
    return dict(manifest["embedder"])


def _files(stage: Path) -> dict[str, dict[str, Any]]:
    return {
        p.relative_to(stage).as_posix(): {"sha256": sha256_file(p), "size": p.stat().st_size}
        for p in sorted(stage.rglob("*"))
        if p.is_file()
    }


def backup(
    archive: Path, index_dir: Path, db_path: Path, zalo_token_file: Path | None = None
) -> BackupResult:
    """Write `archive` (atomically: a partial file never carries the final name)."""
    started = time.perf_counter()
    archive = archive.resolve()
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".nhiemvu-backup-", dir=archive.parent) as tmp:
        stage = Path(tmp) / "stage"
        stage.mkdir()
        with build_lock(index_dir):  # an ingest finishing now waits: the version we copy stays live
            version = _stage_index(index_dir, stage)
        if db_path.is_file():
            (stage / "db").mkdir()
            _sqlite_copy(db_path, stage / DB_NAME)
        if zalo_token_file is not None and zalo_token_file.is_file():
            (stage / "zalo").mkdir()
            shutil.copyfile(zalo_token_file, stage / ZALO_NAME)
        files = _files(stage)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "index_version": version,
            "embedder": _embedder_of(stage, version),
            "files": files,
        }
        (stage / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        partial = Path(tmp) / "archive.tar"
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
            tar.add(stage / MANIFEST, arcname=MANIFEST)  # first: restore reads it before anything else
            for rel in files:
                tar.add(stage / rel, arcname=rel, recursive=False)
        with partial.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, archive)
    return BackupResult(
        path=archive,
        files=len(files),
        bytes=archive.stat().st_size,
        index_version=version,
        seconds=time.perf_counter() - started,
    )


# -- restore ---------------------------------------------------------------------------------------------


def _damaged(detail: str) -> BackupError:
    return BackupError(f"Tệp sao lưu bị hỏng hoặc không đầy đủ ({detail}); không khôi phục gì cả.")


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and bool(path.parts)


def _extract(archive: Path, into: Path) -> dict[str, Any]:
    """Extract regular files only, then check the manifest's list and every checksum; returns the manifest."""
    try:
        with tarfile.open(archive, "r:") as tar:
            members = tar.getmembers()  # reads to the end: a truncated tar fails here
            for m in members:
                if not m.isfile() or not _safe_name(m.name):
                    raise _damaged(f"mục lạ trong tệp: {m.name!r}")
            tar.extractall(into, members=members, filter="data")
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise _damaged(str(exc) or type(exc).__name__) from exc
    try:
        manifest = json.loads((into / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _damaged("không đọc được MANIFEST.json") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("Đây không phải tệp sao lưu của nhiemvu (thiếu MANIFEST.json đúng định dạng).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Tệp sao lưu có định dạng {manifest.get('format_version')}, chương trình này không đọc được."
        )
    expected: dict[str, dict[str, Any]] = manifest.get("files", {})
    present = {p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file()} - {MANIFEST}
    missing, extra = sorted(set(expected) - present), sorted(present - set(expected))
    if missing or extra:
        raise _damaged(f"thiếu {', '.join(missing[:5]) or '-'}; thừa {', '.join(extra[:5]) or '-'}")
    bad = [rel for rel, info in expected.items() if sha256_file(into / rel) != info.get("sha256")]
    if bad:
        raise _damaged(f"sai mã kiểm tra: {', '.join(sorted(bad)[:5])}")
    return manifest


def has_data(index_dir: Path, db_path: Path) -> list[str]:
    """What restore would overwrite."""
    found = []
    if index_dir.is_dir() and any(index_dir.iterdir()):
        found.append(str(index_dir))
    if db_path.exists():
        found.append(str(db_path))
    return found


def _check_db(path: Path) -> None:
    from bot.chatdb import SCHEMA_VERSION

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise _damaged("cơ sở dữ liệu hội thoại không toàn vẹn")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise _damaged(f"cơ sở dữ liệu hội thoại: {exc}") from exc
    finally:
        conn.close()
    if version > SCHEMA_VERSION:
        raise BackupError(
            f"Cơ sở dữ liệu trong tệp sao lưu mới hơn chương trình (lược đồ {version} > {SCHEMA_VERSION}): "
            "hãy cập nhật nhiemvu trước khi khôi phục."
        )


@contextlib.contextmanager
def _scratch_beside(target: Path) -> Iterator[Path]:
    """A temporary directory on the target's filesystem, so the final moves are renames."""
    target.parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f".{target.name}.restore-", dir=target.parent))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _swap_dir(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


def _swap_file(new: Path, target: Path) -> None:
    # A WAL left by the old db would be replayed into the restored one: it goes first.
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(new, target)


def restore(
    archive: Path,
    index_dir: Path,
    db_path: Path,
    zalo_token_file: Path | None = None,
    *,
    force: bool = False,
    embedder_name: str | None = None,
) -> RestoreResult:
    """Verify everything, then move it into place; `embedder_name` (the configured one) must match the index."""
    started = time.perf_counter()
    if not archive.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {archive}.")
    existing = has_data(index_dir, db_path)
    if existing and not force:
        raise BackupError(
            f"Đã có dữ liệu tại {', '.join(existing)}: không ghi đè. Dừng dịch vụ rồi chạy lại với --force "
            "nếu thật sự muốn thay bằng bản sao lưu."
        )
    index_dir, db_path = index_dir.resolve(), db_path.resolve()
    with _scratch_beside(index_dir) as scratch:
        manifest = _extract(archive, scratch)
        staged_index = scratch / "index"
        version = manifest.get("index_version")
        documents = chunks = 0
        if version:
            try:
                snapshot = load_snapshot(staged_index, embedder_name)
            except IndexUnavailable as exc:
                raise BackupError(f"Không khôi phục: {exc}") from exc
            documents, chunks = len(snapshot.store.documents), len(snapshot.store.chunks)
        staged_db = scratch / DB_NAME
        if staged_db.is_file():
            _check_db(staged_db)
        replaced: list[str] = []
        # Everything is verified: from here on only renames (and one copy when the db is on another disk).
        if staged_index.is_dir():
            _swap_dir(staged_index, index_dir)
            replaced.append(str(index_dir))
        if staged_db.is_file():
            db_path.parent.mkdir(parents=True, exist_ok=True)
            beside = db_path.with_name(f".{db_path.name}.{uuid.uuid4().hex[:8]}.tmp")
            shutil.copyfile(staged_db, beside)
            _swap_file(beside, db_path)
            replaced.append(str(db_path))
        staged_zalo = scratch / ZALO_NAME
        if staged_zalo.is_file() and zalo_token_file is not None:
            zalo_token_file.parent.mkdir(parents=True, exist_ok=True)
            beside = zalo_token_file.with_name(f".{zalo_token_file.name}.tmp")
            shutil.copyfile(staged_zalo, beside)
            os.replace(beside, zalo_token_file)
            replaced.append(str(zalo_token_file))
    return RestoreResult(
        index_version=version,
        documents=documents,
        chunks=chunks,
        files=len(manifest["files"]),
        seconds=time.perf_counter() - started,
        replaced=replaced,
    )
