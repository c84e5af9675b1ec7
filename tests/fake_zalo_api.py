"""A fake Zalo OpenAPI + OAuth server (real socket, run with `serve_in_thread`) that records every call.

Send: POST /v3.0/oa/message/cs (header access_token) → {"error": 0} when the token is current, -216 otherwise.
Refresh: POST /v4/oa/access_token (form refresh_token, app_id, grant_type; header secret_key) → a new pair;
the old access token stops working, as on Zalo. `script` forces the next send replies (status, json body).
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


class FakeZaloAPI:
    def __init__(
        self,
        app_id: str = "app-1",
        secret: str = "oa-secret",
        access_token: str = "tok-0",
        refresh_token: str = "ref-0",
        refresh_delay: float = 0.05,
    ) -> None:
        self.app_id = app_id
        self.secret = secret
        self.access_token = access_token
        self.refresh_token = refresh_token
        self.refresh_delay = refresh_delay  # widen the window in which concurrent senders see "expired"
        self.script: list[tuple[int, dict[str, Any]]] = []
        self.send_calls: list[dict[str, Any]] = []  # every attempt
        self.sent: list[dict[str, Any]] = []  # accepted messages only
        self.refresh_calls: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._generation = 0
        self.app = self._build()

    def texts_for(self, user_id: str) -> list[str]:
        return [m["text"] for m in self.sent if m["user_id"] == user_id]

    def _build(self) -> FastAPI:
        app = FastAPI()

        @app.post("/v3.0/oa/message/cs")
        async def send(request: Request) -> JSONResponse:
            body = await request.json()
            token = request.headers.get("access_token", "")
            with self._lock:
                self.send_calls.append({"token": token, "body": body})
                forced = self.script.pop(0) if self.script else None
            if forced is not None:
                return JSONResponse(forced[1], status_code=forced[0])
            if token != self.access_token:
                return JSONResponse({"error": -216, "message": "Access token is invalid"})
            user_id = body["recipient"]["user_id"]
            with self._lock:
                self.sent.append({"user_id": user_id, "text": body["message"]["text"], "token": token})
                n = len(self.sent)
            return JSONResponse(
                {"error": 0, "message": "Success", "data": {"message_id": f"m{n}", "user_id": user_id}}
            )

        @app.post("/v4/oa/access_token")
        async def refresh(request: Request) -> JSONResponse:
            form = {k: v[0] for k, v in parse_qs((await request.body()).decode()).items()}
            secret = request.headers.get("secret_key", "")
            self.refresh_calls.append({"form": form, "secret_key": secret})
            await asyncio.sleep(self.refresh_delay)
            if (
                secret != self.secret
                or form.get("app_id") != self.app_id
                or form.get("grant_type") != "refresh_token"
                or form.get("refresh_token") != self.refresh_token
            ):
                return JSONResponse(
                    {
                        "error": -14014,
                        "error_name": "Invalid refresh token",
                        "error_description": "Refresh token is invalid",
                    }
                )
            with self._lock:
                self._generation += 1
                self.access_token = f"tok-{self._generation}"
                self.refresh_token = f"ref-{self._generation}"
            return JSONResponse(
                {
                    "access_token": self.access_token,
                    "refresh_token": self.refresh_token,
                    "expires_in": "90000",
                }
            )

        return app
