"""A scan's passages are matched on their words without tone marks as well: OCR misreads them."""

from __future__ import annotations

from pathlib import Path

from bot.ranking.retrieval import Retriever, View
from index.library import ingest_paths
from index.snapshot import load_snapshot
from ingest.models import OcrInfo
from tests.fakes import HashEmbedder

# Tesseract's usual slips on a scan: "Đảo tạo" for "Đào tạo", "phỏ thông" for "phổ thông", "thuê" for "thuế".
SCANNED = """SỞ GIÁO DỤC VÀ ĐẢO TẠO
Số: 1906/SGDĐT-CTrTT
V/v tổ chức kỳ thi tốt nghiệp

1. Hiệu trưởng các trường trung học phỏ thông rà soát sức khỏe học sinh dự thi trước ngày 29/7.
2. Các đơn vị báo cáo Sở Giáo dục và Đảo tạo trước 10 giờ ngày 04/8.
"""
TYPED = """SỞ TÀI CHÍNH
Số: 12/STC-QLNS
V/v kinh phí năm học

1. Các trường lập dự toán kinh phí năm học mới.
2. Hiệu trưởng gửi báo cáo về Sở Tài chính.
"""
QUESTION = "Hiệu trưởng trường trung học phổ thông rà soát sức khỏe học sinh dự thi trước ngày nào?"


def _view(tmp_path: Path, ocr: bool) -> View:
    docs = tmp_path / "docs"
    docs.mkdir(parents=True)
    (docs / "scan.txt").write_text(SCANNED, encoding="utf-8")
    (docs / "typed.txt").write_text(TYPED, encoding="utf-8")
    embedder = HashEmbedder()
    ingest_paths(tmp_path / "index", [docs], embedder, progress=False)
    snapshot = load_snapshot(tmp_path / "index", embedder.name)
    if ocr:  # as the reader records a scan: which sections OCR read
        doc = next(d for d in snapshot.store.documents.values() if d.id.startswith("scan"))
        doc.ocr = OcrInfo(
            pages=[1], mean_confidence=80.0, low_pages=[], sections=[s.ordinal for s in doc.sections]
        )
    return View.of(snapshot)


def _scan_hit_coverage(view: View) -> float:
    hits = Retriever(HashEmbedder()).search(view, QUESTION, [], None, False, marked=True)
    return next(h.chunk_coverage for h in hits if h.doc.id.startswith("scan") and "rà soát" in h.chunk.text)


def test_a_scanned_passage_is_matched_without_tone_marks(tmp_path: Path) -> None:
    typed = _view(tmp_path / "a", ocr=False)
    scanned = _view(tmp_path / "b", ocr=True)
    assert not typed.ocr_rows
    assert scanned.ocr_rows and all(scanned.doc_of(r).id.startswith("scan") for r in scanned.ocr_rows)
    # The same text, typed: "phỏ" is not "phổ", and the passage misses a word of the question.
    assert _scan_hit_coverage(typed) < 1.0
    # Read by OCR: the misread tone mark no longer costs the passage the word.
    assert _scan_hit_coverage(scanned) == 1.0
