"""A question about a named document as a whole gets its subject and main parts, not some passage's quote."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answer.overview import asks_overview
from bot.answer.service import AnswerService
from bot.understanding.query import understand

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("question", "whole"),
    [
        ("CV 5973 nói gì?", True),
        ("Tóm tắt QĐ 16/2026/QĐ-UBND", True),
        ("Công văn 5973/UBND-KT về việc gì vậy ạ?", True),
        ("Nội dung chính của Quyết định 844/QĐ-TTg là gì?", True),
        ("tom tat chi thi 04 giup em voi", True),
        # How many of its parts, whoever issued it.
        ("Chỉ thị 29/CT-TTg của Thủ tướng có mấy nhóm nhiệm vụ?", True),
        ("Công văn 4215 của Bộ GD&ĐT gồm bao nhiêu phần?", True),
        # Whose it is, named as people write a body ("của Bộ Công an", "của Sở Nông nghiệp và Môi trường …").
        ("Thông tư 81/2025 của Bộ Công an quy định gì?", True),
        ("Công văn 6987 của Sở Nông nghiệp và Môi trường Lào Cai nói gì?", True),
        ("Thông tư 81/2025 của Bộ Công an quy định mức đóng thế nào?", False),
        ("Chỉ thị 04 của An Giang giao nhiệm vụ gì cho Sở GD&ĐT?", False),
        ("Thông tư 01/2025/TT-BLĐTBXH có bao nhiêu điều?", True),
        # A reference alone, as a number is pasted to ask what the document is.
        ("04/CT-UBND", True),
        ("Chỉ thị 04 ạ", True),
        ("CV 5973 của UBND tỉnh Lào Cai", True),
        ("Chỉ thị 04 hiệu lực", False),
        ("Chỉ thị 04 tuyển dụng bao nhiêu giáo viên?", False),
        # Something of the document is asked: a passage answers it.
        ("QĐ 16/2026/QĐ-UBND có hiệu lực từ ngày nào?", False),
        ("Chỉ thị 04/CT-UBND nói gì về chuyển đổi số?", False),
        ("Công văn 5973 giao Sở Công Thương những nhiệm vụ gì?", False),
        # One part named by its place: that part is the answer.
        ("Mục I.3 công văn 1500/SGDĐT-GDPT nói gì?", False),
        # No document named.
        ("Năm học này nói gì về chuyển đổi số?", False),
        ("Tóm tắt nhiệm vụ năm học", False),
    ],
)
def test_what_asks_for_the_whole_document(question: str, whole: bool) -> None:
    assert asks_overview(understand(question, TODAY)) is whole


@pytest.mark.parametrize(
    ("question", "whole"),
    [
        ("Đồng Tháp năm học 2021-2022 có bao nhiêu nhiệm vụ?", True),
        ("Chỉ thị của Đồng Tháp nói gì?", True),
        ("Đồng Tháp nói gì về tiêm chủng?", False),
        ("Chỉ thị 12 nói gì?", False),  # named: asks_overview(intent) decides
    ],
)
def test_what_asks_for_the_whole_of_a_scopes_document(question: str, whole: bool) -> None:
    assert asks_overview(understand(question, TODAY), named=False) is whole


def test_a_scope_holding_one_directive_names_it(service: AnswerService) -> None:
    # The sample holds one directive of Lai Châu: asked its number of tasks or what it says, it is summed up.
    for question in ("Lai Châu năm học 2020-2021 có bao nhiêu nhiệm vụ?", "Chỉ thị của Lai Châu nói gì?"):
        answer = service.ask(question)
        assert answer.answer.startswith("Văn bản: Chỉ thị 10/CT-UBND (UBND tỉnh Lai Châu, 11/9/2020)"), (
            question
        )
    # Lào Cai has two letters: no one document is meant.
    assert not service.ask("Lào Cai có bao nhiêu nhiệm vụ?").answer.startswith("Văn bản:")


def test_the_named_directive_is_summed_up_by_its_subject_and_parts(service: AnswerService) -> None:
    answer = service.ask("Chỉ thị 04/CT-UBND nói gì?")
    assert answer.found
    assert answer.answer.startswith("Văn bản: Chỉ thị 04/CT-UBND (UBND tỉnh An Giang, 14/9/2021)")
    assert "về: THỰC HIỆN NHIỆM VỤ NĂM HỌC 2021 - 2022" in answer.answer  # "VỀ VIỆC" not said twice
    assert "1. NHIỆM VỤ, GIẢI PHÁP (mục I)" in answer.answer and "(mục II)" in answer.answer
    assert answer.citations[0].doc_id.startswith("an-giang") and answer.citations[0].section == ""
    # Typed without marks, with the type spelled out and its number short, it is the same document.
    assert service.ask("tom tat chi thi 04 a").answer == answer.answer


def test_a_question_on_one_topic_of_the_named_directive_is_still_quoted(service: AnswerService) -> None:
    answer = service.ask("Chỉ thị 04/CT-UBND nói gì về chuyển đổi số?")
    assert answer.found and "Các phần chính" not in answer.answer and "chuyển đổi số" in answer.answer


def test_a_document_the_library_lacks_or_the_scope_leaves_out_is_said_so(service: AnswerService) -> None:
    missing = service.ask("Chỉ thị 99/CT-UBND nói gì?")
    assert not missing.found and missing.answer.startswith("Chưa có văn bản số 99/CT-UBND trong hệ thống.")
    assert not missing.citations
    elsewhere = service.ask("Chỉ thị 04/CT-UBND nói gì?", "Lào Cai")
    assert not elsewhere.found
    assert elsewhere.answer.startswith(
        "Chỉ thị 04/CT-UBND (UBND tỉnh An Giang, 14/9/2021) không thuộc phạm vi"
    )


def test_how_many_tasks_counts_the_items_of_the_part_headed_by_them(service: AnswerService) -> None:
    answer = service.ask("Chỉ thị 04 có mấy nhiệm vụ trọng tâm?")
    assert answer.found and answer.citations[0].doc_id.startswith("an-giang")
    count = next(line for line in answer.answer.splitlines() if line.startswith("Mục I ("))
    listed = [line for line in answer.answer.splitlines() if line[:1].isdigit()]
    assert count.endswith(f"có {len(listed)} mục:") and len(listed) >= 2
    # The parts themselves, when asked for.
    parts = service.ask("Chỉ thị 04/CT-UBND gồm bao nhiêu phần?")
    assert "Chỉ thị 04/CT-UBND (UBND tỉnh An Giang, 14/9/2021) có 2 phần chính:" in parts.answer


def test_a_scope_alone_lists_its_documents(service: AnswerService) -> None:
    # bot/answer/catalogue.py, through the service: a province named alone lists what the library holds for it.
    answer = service.ask("An Giang")
    assert answer.found and answer.answer.startswith("Các văn bản của An Giang hiện có trong hệ thống (1):")
    assert "1. Chỉ thị 04/CT-UBND (UBND tỉnh An Giang, 14/9/2021)" in answer.answer
