"""Everyday wordings searched beside the administrative ones documents write (bot/understanding/register.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.answer.focus import focus_terms
from bot.answer.service import AnswerService
from bot.app import build_service
from bot.settings import Settings
from bot.understanding import register
from bot.understanding.query import understand, with_library
from ingest.textnorm import fold
from tests.conftest import SampleWith

TODAY = date(2026, 12, 3)


def test_the_shipped_table_loads_and_every_wording_has_a_formal_one() -> None:
    wordings, _ = register.table()
    assert len(wordings) > 200
    assert all(1 <= len(w.formal) <= register.MAX_FORMAL for w in wordings)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("tiền học học phí", "cách nói thường"),  # no tab
        ("tiền học\t", "cách nói thường"),  # no formal wording
        ("tiền học\ta | b | c | d", "tối đa"),  # more than three
        ("tiền học\thọc phí\ntien hoc\tlệ phí", "đã có"),  # the same wording twice (folded)
    ],
)
def test_a_malformed_table_is_refused_with_its_line(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        register.parse(text)


def test_comments_and_blank_lines_are_skipped() -> None:
    wordings = register.parse("# chú thích\n\nbệnh nhân\tngười bệnh\n")
    assert [(w.plain, w.formal) for w in wordings] == [("bệnh nhân", ("người bệnh",))]


def test_the_longest_wording_at_a_place_wins() -> None:
    found = register.matches("học online ở nhà", "hoc online o nha")
    assert [(a, b, w.plain) for a, b, w in found] == [(0, 10, "học online")]


def test_a_word_typed_with_other_marks_is_another_word() -> None:
    # "chậm thì" (late, then) is no "chấm thi" (marking exams); typed without marks, it may be either.
    assert register.matches("nộp chậm thì sao", fold("nộp chậm thì sao")) == []
    assert [w.plain for _, _, w in register.matches("cham thi", "cham thi")] == ["chấm thi"]


def test_everyday_words_are_searched_with_the_formal_ones_the_library_writes() -> None:
    question = "Bệnh nhân có được về nhà cuối tuần không?"
    everything = understand(question, TODAY)
    assert {"người bệnh", "thứ bảy, chủ nhật"} <= set(everything.expansions)
    only = understand(question, TODAY, writes=lambda phrase: phrase == "người bệnh")
    assert only.expansions == ["người bệnh"]
    assert only.plain_spans == [(0, len("Bệnh nhân"))]  # "cuối tuần" stays a word of the question
    assert with_library(everything, (), lambda phrase: False).expansions == []


def test_the_formal_wording_replaces_the_everyday_one_unless_documents_write_both() -> None:
    fee = understand("Tiền học năm nay bao nhiêu?", TODAY)
    assert "học phí" in fee.expansions
    assert "tien" not in focus_terms(fee) and "phi" in focus_terms(fee)  # folded
    # "tối đa" is written by documents too ("tối đa 35 học sinh"): searched beside "không quá", not replaced.
    most = understand("Một lớp tối đa bao nhiêu học sinh?", TODAY)
    assert "không quá" in most.expansions and {"toi", "da"} <= set(focus_terms(most))
    # A licence or certificate states its validity as "có giá trị": searched beside "hiệu lực", which stays.
    valid = understand("Giấy phép 2507 có hiệu lực đến khi nào?", TODAY)
    assert "có giá trị" in valid.expansions and {"hieu", "luc"} <= set(focus_terms(valid))


def test_the_library_decides_which_formal_wordings_it_writes(service: AnswerService) -> None:
    view = service._view()
    assert view.writes("học sinh") and view.writes("giáo viên")
    assert not view.writes("giấy chứng nhận quyền sử dụng đất")
    assert not view.writes("")


# A Sở's notice on boarding pupils' health, written here in the layout of such notices: the rule asked about is
# written in the sector's words ("người bệnh", "thứ bảy, chủ nhật"), and another item shares the question's
# everyday ones ("nhà", "cuối", "nhân").
NOTICE = """SỞ GIÁO DỤC VÀ ĐÀO TẠO
TỈNH LÀO CAI
Số: 215/TB-SGDĐT
Lào Cai, ngày 10 tháng 9 năm 2026
THÔNG BÁO
Về công tác y tế trường học năm học 2026-2027

1. Khám sức khỏe đầu năm
Nhân viên y tế trường học phối hợp với trạm y tế xã tổ chức khám sức khỏe cho học sinh vào cuối tháng 9; kết quả
gửi về nhà cho cha mẹ học sinh.

2. Học sinh bán trú điều trị tại trạm y tế
Người bệnh đang điều trị được ra về gia đình vào thứ bảy, chủ nhật khi nhân viên y tế xác nhận sức khỏe ổn định.

3. Phòng, chống dịch bệnh
Các trường vệ sinh lớp học, nhà ăn, khu nội trú hằng tuần; báo cáo ngay khi có học sinh mắc bệnh truyền nhiễm.
"""


def test_a_question_in_everyday_words_finds_the_rule_written_in_the_sectors(sample_with: SampleWith) -> None:
    service = sample_with("lao-cai_2026-2027_tb-215-y-te-truong-hoc.txt", NOTICE, mode="bm25")
    answer = service.ask("Bệnh nhân bán trú cuối tuần có được về nhà không?")
    assert answer.found and answer.citations[0].section.startswith("2")


def test_a_broken_table_stops_the_start_up(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    broken = tmp_path / "register.tsv"
    broken.write_text("tiền học\n", encoding="utf-8")
    monkeypatch.setattr(register, "TABLE", broken)
    with pytest.raises(ValueError, match="register.tsv:1"):
        build_service(Settings(_env_file=None))  # type: ignore[call-arg]


def test_an_everyday_wording_the_library_writes_stays_a_word_of_the_question() -> None:
    # "dạy bơi" → "phòng, chống đuối nước"; a plan that writes "mở 60 lớp dạy bơi" says it in the question's
    # words, so they are searched beside the formal wording, not replaced by it.
    question = "Quảng Ninh dạy bơi cho học sinh như thế nào?"
    unwritten = understand(question, TODAY, writes=lambda phrase: phrase != "dạy bơi")
    assert "phòng, chống đuối nước" in unwritten.expansions and "boi" not in focus_terms(unwritten)
    written = understand(question, TODAY, writes=lambda phrase: True)
    assert "phòng, chống đuối nước" in written.expansions and "boi" in focus_terms(written)
