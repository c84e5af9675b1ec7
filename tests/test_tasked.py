"""Whose tasks a question asks for, and the item of the document that opens with that body's name."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answer.first import tasked_first
from bot.understanding.query import understand
from bot.understanding.tasked import asks_only_tasks, opens_with, tasked_body
from ingest.models import Document, Section
from ingest.textnorm import fold
from tests.fakes import document, section_hit

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("question", "body"),
    [
        ("Theo chỉ thị 04 An Giang, Sở GDĐT có trách nhiệm gì?", "so gddt"),
        ("Chỉ thị 04 giao cho các sở, ngành khác trách nhiệm gì?", "cac so, nganh khac"),
        ("Chỉ thị 04 giao UBND các huyện làm gì?", "ubnd cac huyen"),
        ("Kế hoạch giao nhiệm vụ gì cho Sở Công Thương?", "so cong thuong"),
        ("Công an tỉnh có nhiệm vụ gì?", "cong an tinh"),
        # The other verbs by which a directive tasks a body.
        ("An Giang yêu cầu UBND các huyện làm gì?", "ubnd cac huyen"),
        ("UBND tỉnh chỉ đạo Sở GD&ĐT thực hiện những nhiệm vụ gì?", "so gd&dt"),
        # No body: a person's duty, or who is given something.
        ("Giáo viên có trách nhiệm gì?", None),
        ("Mức chi giao cho ai?", None),
    ],
)
def test_the_body_whose_tasks_are_asked(question: str, body: str | None) -> None:
    assert tasked_body(fold(question.lower())) == body


def test_an_item_opens_with_the_body_in_its_short_or_long_form() -> None:
    assert opens_with("so gddt", "1. Giám đốc Sở GDĐT căn cứ Chỉ thị này ban hành văn bản hướng dẫn")
    assert opens_with("so gddt", "1. Giám đốc Sở Giáo dục và Đào tạo căn cứ Chỉ thị này")
    assert opens_with("ubnd cac huyen", "2. Ủy ban nhân dân các huyện, thị xã, thành phố căn cứ …")
    assert opens_with("cac so, nganh khac", "3. Các sở, ban, ngành, đoàn thể có liên quan, tùy theo phạm vi")
    assert not opens_with("so gddt", "3. Các sở, ban, ngành, đoàn thể có liên quan")
    # Named late in the item, the body is not what the item is about.
    late = "8. Tăng cường thanh tra, kiểm tra việc thực hiện chính sách pháp luật về giáo dục; giao Sở GDĐT chủ trì"
    assert not opens_with("so gddt", late)


def test_a_topic_beside_the_body_is_left_to_retrieval() -> None:
    assert asks_only_tasks(
        "theo chi thi 04 an giang, so gddt co trach nhiem gi?", "so gddt", ["An Giang", "Chỉ thị"]
    )
    assert not asks_only_tasks("so gddt co trach nhiem gi ve chuyen doi so?", "so gddt", [])


def _doc() -> Document:
    sections = [
        Section("", "", "Chỉ thị về nhiệm vụ năm học"),
        Section(
            "I.8", "Thanh tra", "8. Tăng cường thanh tra; nâng cao trách nhiệm người đứng đầu.", 2, "I", 1
        ),
        Section(
            "II.1",
            "Giám đốc Sở GDĐT",
            "1. Giám đốc Sở GDĐT căn cứ Chỉ thị này ban hành hướng dẫn.",
            2,
            "II",
            2,
        ),
        Section("II.3", "Các sở, ngành", "3. Các sở, ban, ngành có liên quan hỗ trợ ngành GDĐT.", 2, "II", 3),
    ]
    return document("04", sections, doc_type="Chỉ thị", doc_number="04/CT-UBND", province="An Giang")


def test_the_bodys_own_item_answers_before_a_part_sharing_more_words() -> None:
    doc = _doc()
    first, director, others = section_hit(doc, 1), section_hit(doc, 2), section_hit(doc, 3)
    asked = understand("Theo chỉ thị 04 An Giang, Sở GDĐT có trách nhiệm gì?", TODAY)
    assert tasked_first([first, others, director], asked) == [director, first, others]
    plural = understand("Chỉ thị 04 giao cho các sở, ngành khác trách nhiệm gì?", TODAY)
    assert tasked_first([first, director, others], plural) == [others, first, director]
    topic = understand("Sở GDĐT có trách nhiệm gì về thanh tra?", TODAY)
    assert tasked_first([first, director], topic) == [first, director]


def test_the_verb_that_tasks_the_body_asks_nothing_more() -> None:
    question = fold("An Giang yêu cầu UBND các huyện làm gì?".lower())
    assert asks_only_tasks(question, "ubnd cac huyen", ["An Giang"])
    # A topic of its own still goes to retrieval.
    topic = fold("An Giang yêu cầu UBND các huyện làm gì về phòng học tạm?".lower())
    assert not asks_only_tasks(topic, "ubnd cac huyen", ["An Giang"])
