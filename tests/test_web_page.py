"""The web chat page in a real headless Chromium (Debian's /usr/bin/chromium) against uvicorn on a socket."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from bot.channels.http.app import create_app
from bot.settings import Settings
from tests.fakes_http_service import FakeService, serve_in_thread

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = Path(os.environ.get("WEB_PAGE_SCREENSHOT", "/tmp/web_page.png"))

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)", allow_module_level=True)
playwright_sync = pytest.importorskip("playwright.sync_api", reason="pip install playwright")


@pytest.fixture(scope="module")
def browser() -> Any:
    with playwright_sync.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True, timeout=30_000)
        yield b
        b.close()


def test_chat_page_end_to_end(browser: Any) -> None:
    service = FakeService()
    app = create_app(service, Settings(_env_file=None))  # type: ignore[call-arg]
    with serve_in_thread(app) as base:
        page = browser.new_page(viewport={"width": 412, "height": 915}, is_mobile=True)  # a phone
        page.set_default_timeout(10_000)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        requests: list[dict[str, Any]] = []
        page.on(
            "request",
            lambda req: (
                requests.append(json.loads(req.post_data or "{}")) if req.url.endswith("/v1/ask") else None
            ),
        )
        page.goto(base + "/")
        assert page.title() == "Hỏi đáp nhiệm vụ năm học"

        # Selectors are filled from /v1/documents. (Awaited from outside the page: a string predicate polled inside
        # it is evaluated with eval, which the page's own CSP rightly forbids when the first check comes too early.)
        playwright_sync.expect(page.locator("#province option")).to_have_count(3)
        assert page.locator("#province option").all_text_contents() == ["Tất cả", "An Giang", "Lào Cai"]
        assert page.locator("#school-year option").all_text_contents() == [
            "Mới nhất",
            "2023-2024",
            "2022-2023",
            "2021-2022",
        ]
        assert page.locator("#examples .chip").count() == 3

        # A cited answer.
        page.fill("#question", "Đẩy mạnh chuyển đổi số thế nào?")
        page.click("#ask")
        answer = page.locator(".answer").first
        answer.wait_for()
        assert "Đẩy mạnh chuyển đổi số" in answer.locator(".answer-text").inner_text()
        citation = answer.locator(".citation").first
        assert "Chỉ thị 04/CT-UBND (UBND tỉnh An Giang, 14/9/2021), mục I.1" in citation.inner_text()
        assert "Năm học 2021-2022" in citation.inner_text()
        assert "Chuyển đổi số" in citation.locator(".citation-meta").inner_text()

        # Expand the source: the section's full text replaces the short passage.
        full = service.section_source("angiang-2021", 2)
        assert full is not None and len(full[2]) > 200
        citation.locator("details summary").click()
        citation.locator(".source-text.full").wait_for()
        assert citation.locator(".source-text").inner_text().strip() == full[2].strip()
        page.screenshot(path=str(SCREENSHOT), full_page=True)

        # Province selector travels with the question.
        page.select_option("#province", "Lào Cai")
        page.fill("#question", "STEM bao nhiêu chủ đề")
        page.click("#ask")
        page.locator(".answer").nth(1).wait_for()
        # (the conversation id issued with the first answer travels too: see test_two_turns_then_new_question)
        assert requests[-1] == {
            "question": "STEM bao nhiêu chủ đề",
            "province": "Lào Cai",
            "conversation_id": requests[0].get("conversation_id") or requests[-1]["conversation_id"],
        }
        assert "Tỉnh: Lào Cai" in page.locator(".answer").nth(1).inner_text()

        # Nothing found: a clear refusal, not an empty answer.
        page.fill("#question", "lương hưu tháng này")
        page.keyboard.press("Enter")
        refusal = page.locator(".refusal").first
        refusal.wait_for()
        assert "Không tìm thấy" in refusal.inner_text()
        assert page.locator(".answer").count() == 2

        # Example chips ask directly.
        chip = page.locator("#examples .chip").nth(0)
        chip_text = chip.inner_text().strip()
        chip.click()
        page.locator(".answer").nth(2).wait_for()
        assert requests[-1]["question"] == chip_text

        # A failing request shows an error message.
        service.explode = True
        page.fill("#question", "chuyển đổi số")
        page.click("#ask")
        page.locator(".error").first.wait_for()
        assert "sự cố" in page.locator(".error").first.inner_text()
        service.explode = False
        page.screenshot(path=str(SCREENSHOT.with_name("web_page_full.png")), full_page=True)
        assert [e for e in errors if "500" not in e] == []  # only the deliberate 500 is logged

        # Document text is never parsed as HTML.
        service.documents[0].sections[2].text = "<img src=x onerror=alert(1)> chuyển đổi số"
        page.select_option("#province", "")
        page.fill("#question", "chuyển đổi số")
        page.click("#ask")
        page.locator(".answer").nth(3).wait_for()
        assert page.locator(".answer img").count() == 0
        assert "<img src=x" in page.locator(".answer").nth(3).inner_text()
        page.close()


def test_embed_mode_and_widget(browser: Any) -> None:
    app = create_app(FakeService(), Settings(_env_file=None))  # type: ignore[call-arg]
    with serve_in_thread(app) as base:
        page = browser.new_page()
        page.set_default_timeout(10_000)
        page.goto(base + "/?embed=1")
        assert "embed" in (page.get_attribute("body", "class") or "")
        # A host page using the one-line snippet.
        page.set_content(
            f'<html><body><p>Cổng thông tin Sở</p><script src="{base}/widget.js" defer></script>'
            "</body></html>"
        )
        button = page.locator("button[aria-controls='nhiemvu-chat-panel']")
        button.wait_for()
        button.click()
        frame = page.locator("#nhiemvu-chat-panel iframe")
        assert frame.get_attribute("src") == base + "/?embed=1"
        inner = page.frame_locator("#nhiemvu-chat-panel iframe")
        inner.locator("#question").fill("STEM")
        inner.locator("#ask").click()
        inner.locator(".answer").first.wait_for()
        page.screenshot(path=str(SCREENSHOT.with_name("web_widget.png")))
        page.close()


def test_two_turns_then_new_question(browser: Any) -> None:
    """One conversation per browser session: the follow-up is shown as understood; "Câu hỏi mới" forgets it."""
    service = FakeService()
    app = create_app(service, Settings(_env_file=None))  # type: ignore[call-arg]
    with serve_in_thread(app) as base:
        page = browser.new_page()
        page.set_default_timeout(10_000)
        requests: list[tuple[str, str, dict[str, Any]]] = []
        page.on(
            "request",
            lambda req: (
                requests.append((req.method, req.url, json.loads(req.post_data or "{}")))
                if "/v1/ask" in req.url or "/v1/conversations/" in req.url
                else None
            ),
        )
        page.goto(base + "/")
        assert page.locator("#new-conversation").is_hidden()

        def ask(question: str, n: int) -> Any:
            page.fill("#question", question)
            page.click("#ask")
            answer = page.locator(".exchange").nth(n).locator(".answer, .refusal").first
            answer.wait_for()
            return answer

        greeting = ask("Xin chào", 0)
        # A greeting's reply is a plain bubble: no refusal, no hint to change the province.
        assert (
            greeting.get_attribute("class") == "bubble answer" and "Xin chào thầy cô" in greeting.inner_text()
        )
        page.click("#new-conversation")
        playwright_sync.expect(page.locator("#new-conversation")).to_be_hidden()
        requests.clear()
        first = ask("Năm học 2021-2022 An Giang đẩy mạnh chuyển đổi số thế nào?", 1)
        assert first.locator(".understood-as").count() == 0
        assert page.locator("#new-conversation").is_visible()
        second = ask("còn Lào Cai thì sao?", 2)
        assert (
            second.locator(".understood-as").inner_text()
            == "Hiểu là: Lào Cai đẩy mạnh chuyển đổi số thế nào?"
        )
        cid = requests[1][2]["conversation_id"]
        assert "conversation_id" not in requests[0][2] and cid

        page.reload()  # the same browser session keeps its conversation
        third = ask("năm học 2023-2024 thì sao?", 0)
        assert requests[2][2]["conversation_id"] == cid
        assert "2023-2024" in third.locator(".understood-as").inner_text()

        page.click("#new-conversation")
        playwright_sync.expect(page.locator("#new-conversation")).to_be_hidden()
        assert page.locator(".conversation-break").count() == 1
        fourth = ask("còn Lào Cai thì sao?", 1)
        assert fourth.locator(".understood-as").count() == 0
        methods = [(m, u.rsplit("/", 1)[-1]) for m, u, _ in requests]
        assert ("DELETE", cid) in methods
        assert "conversation_id" not in requests[-1][2]
        page.close()
