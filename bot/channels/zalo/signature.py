"""Zalo OA webhook signature: X-ZEvent-Signature = "mac=" + sha256_hex(app_id + raw_body + timestamp + secret).

The MAC is over the raw bytes exactly as received: re-serialising the JSON changes it, so callers must pass
the body before parsing. `timestamp` is the event's own `timestamp` field (ms since epoch, as sent).
"""

from __future__ import annotations

import hashlib
import hmac
import time

MAX_AGE_MS = 5 * 60 * 1000  # older events are replays (or a badly skewed clock): refuse them


class SignatureError(Exception):
    """Why a webhook call was refused (for the log; the caller only ever sees 401)."""


def compute_mac(app_id: str, raw_body: bytes, timestamp: str, secret: str) -> str:
    data = app_id.encode("utf-8") + raw_body + timestamp.encode("utf-8") + secret.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def signature_header(app_id: str, raw_body: bytes, timestamp: str, secret: str) -> str:
    return "mac=" + compute_mac(app_id, raw_body, timestamp, secret)


def verify(
    app_id: str,
    secret: str,
    raw_body: bytes,
    header: str | None,
    timestamp: object,
    now_ms: int | None = None,
    max_age_ms: int = MAX_AGE_MS,
) -> None:
    """Raise SignatureError unless the header is a valid, fresh signature of raw_body."""
    if not app_id or not secret:
        raise SignatureError("ZALO_APP_ID / ZALO_OA_SECRET_KEY chưa cấu hình")
    if not header:
        raise SignatureError("thiếu header X-ZEvent-Signature")
    if not header.startswith("mac="):
        raise SignatureError("header X-ZEvent-Signature không có tiền tố mac=")
    if isinstance(timestamp, bool) or not isinstance(timestamp, str | int):
        raise SignatureError("sự kiện không có timestamp")
    ts_text = str(timestamp)
    if not ts_text.isdigit():
        raise SignatureError("timestamp không hợp lệ")
    expected = compute_mac(app_id, raw_body, ts_text, secret)
    # Compare before looking at the age so a forged request learns nothing from timing either way.
    if not hmac.compare_digest(
        header[4:].strip().lower().encode("ascii", "replace"), expected.encode("ascii")
    ):
        raise SignatureError("chữ ký sai")
    now = int(time.time() * 1000) if now_ms is None else now_ms
    if abs(now - int(ts_text)) > max_age_ms:
        raise SignatureError("timestamp quá cũ hoặc ở tương lai")
