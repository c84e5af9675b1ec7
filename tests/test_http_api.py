"""HTTP API: in-process (ASGITransport) and over a real socket; plus schemathesis over the OpenAPI schema."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from bot.channels.http.app import create_app
from bot.channels.http.run import serve_async
from bot.settings import Settings
from tests.fakes import free_port
from tests.fakes_http_service import FakeService, serve_in_thread

ORIGIN = "https://so.example.vn"
REMOTE = ("203.0.113.5", 1234)


def make_settings(**kw: Any) -> Settings:
    return Settings(_env_file=None, **kw)  # type: ignore[call-arg]


def call(
    app: Any, method: str, url: str, client: tuple[str, int] = ("127.0.0.1", 5555), **kw: Any
) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, client=client)
        async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=10) as c:
            return await c.request(method, url, **kw)

    return asyncio.run(go())


def test_ask_found_has_citations_and_labels() -> None:
    r = call(
        create_app(FakeService(), make_settings()), "POST", "/v1/ask", json={"question": "chuyển đổi số"}
    )
    assert r.status_code == 200
    data = r.json()
    assert data["found"] is True and data["question"] == "chuyển đổi số"
    first = data["citations"][0]
    assert first["doc_number"] == "04/CT-UBND" and first["section"] == "I.1"
    assert first["label"] == "Chỉ thị 04/CT-UBND (UBND tỉnh An Giang, 14/9/2021), mục I.1"
    assert set(first) >= {
        "doc_id",
        "doc_type",
        "title",
        "issuer",
        "province",
        "school_year",
        "issued_date",
        "section_title",
        "text",
        "score",
        "section_ordinal",
    }


def test_ask_refused_and_province_passed_to_service() -> None:
    service = FakeService()
    app = create_app(service, make_settings())
    r = call(app, "POST", "/v1/ask", json={"question": "lương hưu tháng này"})
    assert r.status_code == 200 and r.json()["found"] is False and r.json()["citations"] == []
    r = call(app, "POST", "/v1/ask", json={"question": "STEM", "province": "Lào Cai", "school_year": " "})
    assert r.json()["notes"] == ["Tỉnh: Lào Cai"]
    assert service.asked[-1] == ("STEM", "Lào Cai", None)  # blank school year means "latest"


def test_validation_errors_are_vietnamese_json() -> None:
    app = create_app(FakeService(), make_settings(nhiemvu_max_question_chars=1000))
    r = call(app, "POST", "/v1/ask", json={"question": "a" * 1001})
    assert r.status_code == 422
    assert r.json() == {"error": {"code": "validation_error", "message": "Câu hỏi dài quá 1000 ký tự."}}
    r = call(app, "POST", "/v1/ask", json={"question": ""})
    assert r.status_code == 422 and "Câu hỏi" in r.json()["error"]["message"]
    r = call(app, "POST", "/v1/ask", json={})
    assert r.status_code == 422 and "question" in r.json()["error"]["message"]
    r = call(app, "POST", "/v1/ask", json={"question": 5})
    assert r.status_code == 422 and r.json()["error"]["message"] == "Câu hỏi phải là chuỗi ký tự."
    for body, ctype in (
        (b"{not json", "application/json"),
        (b"hello", "text/plain"),
        (b"[1,2]", "application/json"),
    ):
        r = call(app, "POST", "/v1/ask", content=body, headers={"content-type": ctype})
        assert r.status_code in (400, 422) and r.json()["error"]["code"] == "invalid_json", body
    # Lone surrogates parse as JSON but cannot be encoded back: a 422, not a crash.
    r = call(
        app,
        "POST",
        "/v1/ask",
        content=b'{"question": "\\ud800 ab"}',
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 422


def test_invalid_question_from_service_is_422() -> None:
    r = call(create_app(FakeService(), make_settings()), "POST", "/v1/ask", json={"question": "   "})
    assert r.status_code == 422
    assert r.json()["error"] == {
        "code": "invalid_question",
        "message": "Câu hỏi trống, xin nhập nội dung câu hỏi.",
    }


def test_server_error_is_generic_json(caplog: pytest.LogCaptureFixture) -> None:
    service = FakeService()
    service.explode = True
    r = call(create_app(service, make_settings()), "POST", "/v1/ask", json={"question": "chuyển đổi số"})
    assert r.status_code == 500
    assert r.json()["error"]["code"] == "server_error"
    assert "secret" not in r.text and "Traceback" not in r.text
    assert "index.faiss is corrupt" in caplog.text  # logged for the operator


def test_documents_list_detail_section_and_404() -> None:
    app = create_app(FakeService(), make_settings())
    r = call(app, "GET", "/v1/documents")
    assert r.status_code == 200 and [d["id"] for d in r.json()] == ["angiang-2021", "laocai-2022", "bgd-2023"]
    assert "sections" not in r.json()[0]
    r = call(app, "GET", "/v1/documents/laocai-2022")
    assert r.status_code == 200 and [s["path"] for s in r.json()["sections"]] == ["", "II", "III"]
    assert r.json()["sections"][1]["ordinal"] == 1
    r = call(app, "GET", "/v1/documents/angiang-2021/sections/1")
    assert r.status_code == 200 and "Chuyển đổi số" in r.json()["text"]  # subsections included
    for url in ("/v1/documents/khong-co", "/v1/documents/angiang-2021/sections/99"):
        r = call(app, "GET", url)
        assert r.status_code == 404 and r.json()["error"]["code"] == "document_not_found"
    r = call(app, "GET", "/khong-co-trang-nay")
    assert r.status_code == 404 and r.json()["error"]["message"].startswith("Không tìm thấy")


def test_healthz_and_openapi() -> None:
    app = create_app(FakeService(), make_settings())
    r = call(app, "GET", "/healthz")
    assert r.status_code == 200 and r.json()["documents"] == 3 and r.json()["index_loaded"] is True
    schema = call(app, "GET", "/openapi.json").json()
    ask_schema = schema["components"]["schemas"]["AskRequest"]["properties"]["question"]
    assert ask_schema["maxLength"] == 1000 and ask_schema["minLength"] == 1
    assert "AnswerOut" in schema["components"]["schemas"] and "CitationOut" in schema["components"]["schemas"]
    assert call(app, "GET", "/docs").status_code == 200


def test_api_key_required_for_remote_clients_only() -> None:
    app = create_app(FakeService(), make_settings(api_keys="k-one, k-two"))
    r = call(app, "GET", "/v1/documents", client=REMOTE)
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    assert (
        call(app, "GET", "/v1/documents", client=REMOTE, headers={"X-API-Key": "k-wrong"}).status_code == 401
    )
    assert call(app, "GET", "/v1/documents", client=REMOTE, headers={"X-API-Key": "k-two"}).status_code == 200
    r = call(app, "POST", "/v1/ask", client=REMOTE, content=b"not json")  # key checked before the body
    assert r.status_code == 401
    assert call(app, "GET", "/v1/documents").status_code == 200  # local: no key needed
    assert call(app, "GET", "/v1/documents", client=("::1", 1)).status_code == 200
    for url in ("/", "/healthz", "/widget.js", "/static/app.js", "/openapi.json"):
        assert call(app, "GET", url, client=REMOTE).status_code == 200, url
    # The Zalo webhook has its own signature: not mounted here, so 404 (not 401) shows the key check skipped it.
    assert call(app, "POST", "/zalo/webhook", client=REMOTE).status_code == 404
    # Without configured keys everyone may ask.
    assert (
        call(create_app(FakeService(), make_settings()), "GET", "/v1/documents", client=REMOTE).status_code
        == 200
    )


def test_cors_for_allowed_origin_only() -> None:
    app = create_app(FakeService(), make_settings(cors_origins=ORIGIN, api_keys="k"))
    r = call(app, "GET", "/v1/documents", headers={"Origin": ORIGIN})
    assert r.headers["access-control-allow-origin"] == ORIGIN
    r = call(app, "GET", "/v1/documents", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    # A preflight from a remote page carries no key; it must still succeed.
    r = call(
        app,
        "OPTIONS",
        "/v1/ask",
        client=REMOTE,
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-api-key",
        },
    )
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == ORIGIN
    assert "x-api-key" in r.headers["access-control-allow-headers"].lower()


def test_ask_runs_off_the_event_loop_and_is_logged() -> None:
    calls: list[dict[str, Any]] = []
    app = create_app(FakeService(delay=0.4), make_settings(), log=lambda **kw: calls.append(kw))

    async def go() -> tuple[float, float]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t", timeout=10) as c:
            start = time.monotonic()
            slow = asyncio.gather(*(c.post("/v1/ask", json={"question": "STEM"}) for _ in range(3)))
            await asyncio.sleep(0.05)
            health = await c.get("/healthz")
            health_at = time.monotonic() - start
            results = await slow
            assert health.status_code == 200 and all(r.status_code == 200 for r in results)
            return health_at, time.monotonic() - start

    health_at, total = asyncio.run(go())
    assert health_at < 0.3  # the loop kept serving while ask() blocked in threads
    assert total < 1.0  # three 0.4 s asks ran concurrently
    assert (
        len(calls) == 3
        and calls[0]["channel"] == "web"
        and calls[0]["chat_id"] == "web"
        and calls[0]["cited_docs"] == ["laocai-2022"]
    )
    assert calls[0]["found"] is True and calls[0]["latency_ms"] >= 400


def test_failing_question_log_does_not_break_answer() -> None:
    def broken_log(**_: Any) -> None:
        raise RuntimeError("disk full")

    r = call(
        create_app(FakeService(), make_settings(), log=broken_log),
        "POST",
        "/v1/ask",
        json={"question": "STEM"},
    )
    assert r.status_code == 200 and r.json()["found"] is True


def test_over_real_socket() -> None:
    app = create_app(FakeService(), make_settings(cors_origins=ORIGIN))
    with serve_in_thread(app) as base, httpx.Client(base_url=base, timeout=5) as c:
        r = c.post("/v1/ask", json={"question": "chuyển đổi số"}, headers={"Origin": ORIGIN})
        assert r.status_code == 200 and r.json()["found"] is True
        assert r.headers["access-control-allow-origin"] == ORIGIN
        assert c.post("/v1/ask", json={"question": "lương hưu tháng này"}).json()["found"] is False
        assert c.post("/v1/ask", json={"question": "x" * 5000}).status_code == 422
        assert c.post("/v1/ask", json={"question": ""}).status_code == 422
        assert c.get("/v1/documents/bgd-2023").json()["sections"][0]["path"] == "Điều 1"
        assert c.get("/v1/documents/nope").status_code == 404
        assert c.get("/healthz").json()["embedder"] == "fake"
        page = c.get("/")
        assert page.status_code == 200 and 'id="question"' in page.text
        assert "default-src 'self'" in page.headers["content-security-policy"]
        assert "javascript" in c.get("/widget.js").headers["content-type"]


def test_serve_async_shares_the_loop_and_stops() -> None:
    port = free_port()

    async def go() -> None:
        server = await serve_async(FakeService(), make_settings(), host="127.0.0.1", port=port)
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=5) as c:
                assert (await c.get("/healthz")).status_code == 200
            with pytest.raises(OSError):  # the port is taken: an exception, not sys.exit()
                await serve_async(FakeService(), make_settings(), host="127.0.0.1", port=port)
        finally:
            await server.stop()
        assert server.task is not None and server.task.done()

    asyncio.run(asyncio.wait_for(go(), 20))


# --- schemathesis: no generated request (valid or not) may produce a 5xx --------------------------------

_fuzz_app = create_app(FakeService(max_question_chars=300), make_settings(nhiemvu_max_question_chars=300))
schema = schemathesis.openapi.from_asgi("/openapi.json", _fuzz_app)


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_openapi_no_server_error(case: Any) -> None:
    case.call_and_validate(checks=[not_a_server_error])
