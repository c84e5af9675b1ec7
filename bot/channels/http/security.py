"""API keys for the JSON API: required from non-local clients when API_KEYS is set.

Done as ASGI middleware (not a FastAPI dependency) so the key is checked before the body is parsed and every
route is protected unless listed as exempt here: protection by default, exemption by name.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

API_KEY_HEADER = "X-API-Key"
LOCAL_HOSTS = frozenset({"127.0.0.1", "::1", "::ffff:127.0.0.1"})

# The web page, its static files, health checks, the API description and the Zalo webhook (signed) are public.
EXEMPT_PATHS = frozenset(
    {
        "/",
        "/healthz",
        "/widget.js",
        "/favicon.ico",
        "/zalo/webhook",
        "/openapi.json",
        "/docs",
        "/docs/oauth2-redirect",
    }
)
EXEMPT_PREFIXES = ("/static/",)

UNAUTHORIZED = {"error": {"code": "unauthorized", "message": "Thiếu hoặc sai khoá API (header X-API-Key)."}}


def is_local(client: tuple[str, int] | None) -> bool:
    """True for requests from this machine. Behind a reverse proxy uvicorn puts the X-Forwarded-For address
    here (it trusts the header from 127.0.0.1), so the proxy MUST set X-Forwarded-For."""
    return client is not None and client[0] in LOCAL_HOSTS


def key_matches(provided: bytes, keys: Iterable[str]) -> bool:
    """Constant-time comparison against every key (no early exit that would reveal which key is close)."""
    ok = False
    for key in keys:
        ok |= hmac.compare_digest(provided, key.encode("utf-8"))
    return ok


def is_exempt(path: str) -> bool:
    return path in EXEMPT_PATHS or path.startswith(EXEMPT_PREFIXES)


class ApiKeyMiddleware:
    def __init__(self, app: ASGIApp, keys: list[str]) -> None:
        self.app = app
        self.keys = list(keys)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or not self.keys
            or is_exempt(scope["path"])
            or is_local(scope.get("client"))
        ):
            await self.app(scope, receive, send)
            return
        provided = b""
        for name, value in scope["headers"]:
            if name == b"x-api-key":
                provided = value
        if provided and key_matches(provided, self.keys):
            await self.app(scope, receive, send)
            return
        body = json.dumps(UNAUTHORIZED, ensure_ascii=False).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": 401,
                "headers": [
                    (b"content-type", b"application/json; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    (b"www-authenticate", b"ApiKey"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
