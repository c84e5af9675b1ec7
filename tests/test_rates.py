"""A rate asked ("bao nhiêu tiền một tín chỉ", "mấy tấn mỗi năm") is stated by a figure per that unit: a passage
that never names the unit states some other figure, and the gate reads it as lacking what was asked."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answer.figures import states_per
from bot.answer.gate import signals
from bot.ranking.retrieval import Hit
from bot.understanding.asks import PEOPLE, per_unit
from bot.understanding.query import understand
from ingest.models import Chunk, Document, DocumentMeta, Section

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("Học phí năm nay bao nhiêu tiền một tín chỉ vậy?", ("tin chi", "tin")),
        ("gia ban dien la bao nhieu dong mot kwh", ("kwh",)),
        ("Giá điện bao nhiêu đồng/kWh?", ("kwh",)),
        ("Mỏ được khai thác bao nhiêu tấn mỗi năm?", ("nam",)),
        ("Mức hỗ trợ bao nhiêu tiền mỗi em?", tuple(sorted(PEOPLE))),
        ("Tuyển bao nhiêu giáo viên?", ()),
        ("Mỗi giáo viên bồi dưỡng bao nhiêu tiết?", ()),  # the unit is said first: a count, not a rate
    ],
)
def test_the_unit_a_rate_is_per(question: str, unit: tuple[str, ...]) -> None:
    assert per_unit(question) == unit


def test_a_passage_states_a_rate_by_naming_its_unit() -> None:
    assert states_per("Mức thu 450.000 đồng/tín chỉ.", ("tin chi", "tin"))
    assert states_per("hỗ trợ 20.000 đồng/trẻ/ngày", tuple(sorted(PEOPLE)))
    assert not states_per("Học phí năm học 2026-2027 là 12.500.000 đồng/năm học.", ("tin chi", "tin"))
    assert not states_per("Thông tin tuyển sinh: 1.200 chỉ tiêu.", ("tin chi",))  # "tin" inside another word


def _hit(text: str) -> Hit:
    meta = DocumentMeta(
        doc_type="Thông báo", doc_number="88/TB-ĐHSP", issuer="Trường Đại học Sư phạm", province="Lâm Đồng",
        issued_date="2026-08-10", school_year="2026-2027", title="Kế hoạch đào tạo năm học 2026-2027",
        source="tb-88.txt",
    )  # fmt: skip
    section = Section("2", "Các khoản thu", text, 1, None, 1)
    doc = Document(id="tb-88", meta=meta, sections=[section], content_hash="tb-88")
    chunk = Chunk("tb-88#1", "tb-88", "2", "Các khoản thu", 1, text, "", "tb-88")
    return Hit(row=0, chunk=chunk, doc=doc, score=1.0, bm25=1.0, dense=0.9, coverage=1.0)


def test_a_fee_per_year_lacks_what_a_fee_per_credit_asks() -> None:
    fee = _hit("Học phí đối với sinh viên đại học chính quy là 14.100.000 đồng/năm học, thu theo hai học kỳ.")
    per_credit = understand("Học phí của trường bao nhiêu tiền một tín chỉ?", TODAY)
    per_year = understand("Học phí của trường bao nhiêu tiền một năm học?", TODAY)
    assert signals(per_credit, fee, [fee], 4)["missing_figure"] == 1.0
    assert signals(per_year, fee, [fee], 4)["missing_figure"] == 0.0
