"""Typing slips mended from the library's own words (bot/understanding/typos.py)."""

from __future__ import annotations

import pytest

from bot.answer.service import AnswerService
from bot.understanding.tones import ToneModel
from bot.understanding.typos import mended
from ingest.syllables import well_formed

LIBRARY = ToneModel.build(
    [
        "Sở Tài chính bố trí kinh phí cho công tác bảo vệ khoáng sản chưa khai thác.",
        "Hằng năm báo cáo kết quả thực hiện về Sở trước ngày 15/12; kinh phí do ngân sách tỉnh bảo đảm.",
        "Công ty khai thác đá tại thôn Toòng Già phải lập hạng mục phòng cháy; kết quả kiểm tra gửi về Sở.",
        "Đi qua lại khu vực nổ mìn bị cấm. Kinh phí kiểm tra, kết quả kiểm tra, hạng mục kiểm tra.",
        "Thực hiện kiểm tra, thực hiện báo cáo; khai thác mỏ đá; hạng mục phụ.",
        "Cha mẹ học sinh phối hợp; báo cáo quá hạn.",
    ]
)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        # No Vietnamese syllable is shaped so: any one slip.
        ("Ai bố trí kinnh phí?", "Ai bố trí kinh phí?"),
        ("Báo cáo kết quả thựcc hiện", "Báo cáo kết quả thực hiện"),
        ("Công ty khai thcá đá ở đâu?", "Công ty khai thác đá ở đâu?"),
        # A well-formed syllable the library does not write: only a mark or a regional spelling.
        ("Báo cáo kết quã thực hiện", "Báo cáo kết quả thực hiện"),
        ("Lập hạng mụt phòng cháy", "Lập hạng mục phòng cháy"),
        # Typed without marks: compared without them.
        ("ai bo tri kinnh phi", "ai bo tri kinh phi"),
        # A plain word the library does not write, a name, a code: as typed.
        ("Xe quay lại khu vực nổ mìn", "Xe quay lại khu vực nổ mìn"),
        ("Thôn Toòng Giàa ở đâu", "Thôn Toòng Giàa ở đâu"),
        ("Kết quả VLNCNN", "Kết quả VLNCNN"),
        # One slip from a library word that stands beside none of its neighbours there: as typed.
        ("Giá bóng đá", "Giá bóng đá"),
        # A library word where it never stands, for its regional twin that stands there often ...
        ("Đoàn kiểm cha hạng mục", "Đoàn kiểm tra hạng mục"),
        # ... but not for a twin by a mark alone: both are common words ("nói"/"nội").
        ("Báo cáo kết quá kiểm tra", "Báo cáo kết quá kiểm tra"),
    ],
)
def test_a_slip_is_read_as_the_library_word_one_slip_away(typed: str, read: str) -> None:
    assert mended(typed, LIBRARY, marked=any(ord(c) > 127 for c in typed)) == read


@pytest.mark.parametrize("word", ["kinnh", "hiuệ", "đăg", "đưc", "điể", "ngàày", "thcá"])
def test_slips_are_not_shaped_as_syllables(word: str) -> None:
    assert not well_formed(word)


@pytest.mark.parametrize(
    "word", ["được", "học", "quay", "chích", "những", "mía", "ăn", "yêu", "khuya", "quyển"]
)
def test_syllables_are_shaped_as_syllables(word: str) -> None:
    assert well_formed(word)


def test_a_stop_syllable_without_marks_is_well_formed_in_a_question_typed_without_them() -> None:
    assert well_formed("hoc", toned=False) and not well_formed("hoc")


def test_a_question_with_a_slip_is_answered_as_the_one_without(service: AnswerService) -> None:
    right = service.ask("Chỉ tiêu tỷ lệ học sinh đi học chuyên cần là bao nhiêu?")
    slipped = service.ask("Chỉ tiêu tỷ lệ học sinh đi học chuyênn cần là bao nhiêu?")
    assert slipped.found and slipped.answer.split("\n")[0] == right.answer.split("\n")[0]
    # What was mended is shown, so a wrong reading is seen at once.
    assert slipped.understood_as == "Chỉ tiêu tỷ lệ học sinh đi học chuyên cần là bao nhiêu?"
    assert right.understood_as is None
