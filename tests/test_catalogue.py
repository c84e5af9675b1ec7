"""Which documents the library holds for a scope (bot/answer/catalogue.py): the question that asks it, and the list
answered from the scope that bot.answer.scope resolves, on hand-built documents."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answer.catalogue import asks_catalogue, catalogue_answer
from bot.answer.scope import resolve_scope
from bot.understanding.query import understand
from ingest.models import Document, Section
from tests.fakes import document

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("question", "listed"),
    [
        ("Có những văn bản nào của Hà Tĩnh?", True),
        ("co nhung van ban nao cua ha tinh a", True),
        ("Danh sách văn bản năm học 2026-2027", True),
        ("Sở GD&ĐT Hà Tĩnh có những công văn nào?", True),
        ("Hà Tĩnh", True),  # a scope alone, as a first message
        ("Quảng Ninh năm học 2026-2027", True),
        # A topic is asked: a passage answers it, or the gate refuses.
        ("Văn bản nào quy định học phí?", False),
        ("Hà Tĩnh có văn bản nào nói về học bạ số không?", False),
        ("Hà Tĩnh tuyển bao nhiêu giáo viên?", False),
        # A document named: its subject and parts answer (bot/answer/overview.py).
        ("Chỉ thị 18", False),
    ],
)
def test_what_asks_for_the_documents_of_a_scope(question: str, listed: bool) -> None:
    assert asks_catalogue(understand(question, TODAY)) is listed


def _library() -> list[Document]:
    opening = [Section("", "", "Mở đầu")]
    return [
        document("18", opening, doc_type="Chỉ thị", doc_number="18/CT-UBND", issuer="UBND tỉnh Hà Tĩnh",
                 province="Hà Tĩnh", issued_date="2026-08-20", title="Về nhiệm vụ trọng tâm năm học 2026-2027"),
        document("2104", opening, doc_number="2104/SGDĐT-GDTrH", issuer="Sở GD&ĐT Hà Tĩnh", province="Hà Tĩnh",
                 issued_date="2026-08-28", title="Hướng dẫn nhiệm vụ giáo dục trung học năm học 2026-2027"),
        document("905", opening, doc_number="905/SGDĐT-VP", issuer="Sở GD&ĐT Hà Tĩnh", province="Hà Tĩnh",
                 issued_date="2025-09-01", school_year="2025-2026", title="Hướng dẫn năm học 2025-2026"),
        document("4215", opening, doc_number="4215/BGDĐT-GDPT", issuer="Bộ GD&ĐT", province="toàn quốc",
                 issued_date="2026-08-14", title="Hướng dẫn nhiệm vụ giáo dục phổ thông năm học 2026-2027"),
    ]  # fmt: skip


def _ask(question: str) -> str:
    docs = _library()
    intent = understand(question, TODAY)
    scope = resolve_scope(intent, docs, "2026-2027", None, None, {d.id: frozenset() for d in docs})
    return catalogue_answer(question, docs, intent, scope).answer


def test_a_provinces_documents_newest_first_without_the_ministrys() -> None:
    lines = _ask("Có những văn bản nào của Hà Tĩnh?").splitlines()
    assert lines[0] == "Các văn bản của Hà Tĩnh hiện có trong hệ thống (3):"
    assert lines[1].startswith("1. Công văn 2104/SGDĐT-GDTrH (Sở GD&ĐT Hà Tĩnh, 28/8/2026)")
    assert lines[2].startswith("2. Chỉ thị 18/CT-UBND") and lines[3].startswith("3. Công văn 905/SGDĐT-VP")
    assert "4215" not in "\n".join(lines)


def test_this_year_and_the_issuer_narrow_the_list() -> None:
    this_year = _ask("Hà Tĩnh năm nay có những văn bản nào?")
    assert "năm học 2026-2027" in this_year.splitlines()[0] and "905" not in this_year
    so = _ask("Sở GD&ĐT Hà Tĩnh có những công văn nào?")
    assert "2104" in so and "905" in so and "18/CT-UBND" not in so


def test_a_province_without_documents_is_said_so() -> None:
    answer = _ask("Cà Mau")
    assert answer.startswith("Chưa có văn bản nào của Cà Mau trong hệ thống.")
    assert "Bộ GD&ĐT" in answer
