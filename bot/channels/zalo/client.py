"""Zalo OA OpenAPI client: send customer-service text messages, refreshing the access token when it expires.

Zalo answers HTTP 200 with `{"error": 0, ...}`; a non-zero `error` is a failure. Token refresh is shared by
all concurrent senders (one lock + a generation counter: whoever saw the old generation refreshes once, the
others just retry with the new token). The token pair is persisted atomically in ZALO_TOKEN_FILE.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from pathlib import Path
from typing import Any

import httpx

from bot.settings import Settings

log = logging.getLogger(__name__)

# -216 "access token invalid", -220 / -124 "access token expired": refresh once, then retry the send.
TOKEN_EXPIRED_ERRORS = frozenset({-216, -220, -124})
# -32 "exceed limit request per minute", -100 "unknown error, try again later": worth another attempt.
RETRYABLE_ERRORS = frozenset({-32, -100})


class ZaloClient:
    def __init__(
        self,
        settings: Settings,
        transport: httpx.AsyncBaseTransport | None = None,
        *,
        max_attempts: int = 3,
        backoff_seconds: float = 0.5,
        timeout_seconds: float = 10.0,
    ) -> None:
        self.settings = settings
        self.max_attempts = max_attempts
        self.backoff_seconds = backoff_seconds  # doubled after each failed attempt; tests set it tiny
        self.token_file: Path = settings.zalo_token_file
        self._access_token = settings.zalo_access_token.get_secret_value()
        self._refresh_token = settings.zalo_refresh_token.get_secret_value()
        self._generation = 0  # bumped by every successful refresh
        self._failed_generation: int | None = None  # a refresh of this generation failed: don't hammer OAuth
        self._lock = asyncio.Lock()
        self._http = httpx.AsyncClient(transport=transport, timeout=timeout_seconds)
        self._load_tokens()

    @property
    def configured(self) -> bool:
        return bool(self._access_token or self._refresh_token)

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- tokens -------------------------------------------------------------------------------------------

    def _load_tokens(self) -> None:
        """A stored pair is newer than the .env one (which Zalo invalidates after the first refresh)."""
        try:
            data = json.loads(self.token_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            log.warning(
                "Không đọc được %s (%s); dùng token trong cấu hình", self.token_file, type(exc).__name__
            )
            return
        if isinstance(data, dict) and data.get("access_token") and data.get("refresh_token"):
            self._access_token = str(data["access_token"])
            self._refresh_token = str(data["refresh_token"])

    def _store_tokens(self, expires_in: int | None) -> None:
        """Write tmp + os.replace so a crash never leaves a half-written file (and the refresh token, which
        Zalo rotates, is never lost); 0600 because these are credentials."""
        path = self.token_file
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        payload = {
            "access_token": self._access_token,
            "refresh_token": self._refresh_token,
            "expires_at": int(time.time()) + expires_in if expires_in else None,
        }
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(payload, fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    async def refresh(self, seen_generation: int) -> bool:
        """Refresh unless someone already did since `seen_generation`; True if a newer token is available."""
        async with self._lock:
            if self._generation != seen_generation:
                return True
            if self._failed_generation == seen_generation or not self._refresh_token:
                return False
            url = f"{self.settings.zalo_oauth_base_url.rstrip('/')}/v4/oa/access_token"
            try:
                resp = await self._http.post(
                    url,
                    headers={"secret_key": self.settings.zalo_oa_secret_key.get_secret_value()},
                    data={
                        "refresh_token": self._refresh_token,
                        "app_id": self.settings.zalo_app_id,
                        "grant_type": "refresh_token",
                    },
                )
                data = resp.json() if resp.status_code == 200 else {}
            except (httpx.HTTPError, ValueError) as exc:
                log.error("Zalo: làm mới access token thất bại (%s)", type(exc).__name__)
                self._failed_generation = seen_generation
                return False
            if not isinstance(data, dict) or not data.get("access_token") or not data.get("refresh_token"):
                error = data.get("error") if isinstance(data, dict) else None
                log.error(
                    "Zalo: làm mới access token bị từ chối (HTTP %s, error=%s)", resp.status_code, error
                )
                self._failed_generation = seen_generation
                return False
            self._access_token = str(data["access_token"])
            self._refresh_token = str(data["refresh_token"])
            self._generation += 1
            try:
                expires_in = int(data.get("expires_in") or 0) or None
            except (TypeError, ValueError):
                expires_in = None
            try:
                self._store_tokens(expires_in)
            except OSError as exc:  # keep working with the in-memory pair
                log.error("Zalo: không lưu được token vào %s (%s)", self.token_file, exc.strerror)
            log.info("Zalo: đã làm mới access token")
            return True

    # --- sending ------------------------------------------------------------------------------------------

    async def send_text(self, user_id: str, text: str) -> bool:
        """Send one customer-service text message; True when Zalo accepted it."""
        url = f"{self.settings.zalo_api_base_url.rstrip('/')}/v3.0/oa/message/cs"
        body = {"recipient": {"user_id": user_id}, "message": {"text": text}}
        attempt = 0
        refreshed = False
        while True:
            attempt += 1
            generation, token = self._generation, self._access_token
            reason: str
            try:
                resp = await self._http.post(url, headers={"access_token": token}, json=body)
            except httpx.TransportError as exc:  # connect errors, timeouts, dropped connections
                reason = f"lỗi mạng {type(exc).__name__}"
            else:
                if resp.status_code >= 500:
                    reason = f"HTTP {resp.status_code}"
                elif resp.status_code != 200:
                    log.error("Zalo: gửi tin thất bại, HTTP %s; bỏ qua", resp.status_code)
                    return False
                else:
                    error, message = _zalo_error(resp)
                    if error == 0:
                        return True
                    if error in TOKEN_EXPIRED_ERRORS and not refreshed:
                        refreshed = True
                        attempt -= 1  # the refresh retry does not use up a transient-error attempt
                        if await self.refresh(generation):
                            continue
                        log.error("Zalo: access token hết hạn và không làm mới được (error=%s)", error)
                        return False
                    if error not in RETRYABLE_ERRORS:
                        log.error("Zalo: gửi tin thất bại, error=%s (%s); không thử lại", error, message)
                        return False
                    reason = f"error={error} ({message})"
            if attempt >= self.max_attempts:
                log.error("Zalo: gửi tin thất bại sau %d lần (%s)", attempt, reason)
                return False
            log.warning("Zalo: gửi tin lỗi tạm thời (%s), thử lại lần %d", reason, attempt + 1)
            await asyncio.sleep(self.backoff_seconds * 2 ** (attempt - 1))


def _zalo_error(resp: httpx.Response) -> tuple[int, str]:
    """(error code, message) of a Zalo JSON reply; an unreadable reply counts as a temporary failure."""
    try:
        data: Any = resp.json()
        error = int(data.get("error", 0))
        message = str(data.get("message", ""))[:200]
    except (ValueError, TypeError, AttributeError):
        return -100, "phản hồi không đọc được"
    return error, message
