"""Abbreviations: definitions documents write, the sector's common short forms, and questions read with both."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding.abbreviations import library_abbrs
from bot.understanding.query import understand, with_library
from ingest.abbreviations import definitions, library_table

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("Củng cố Trung tâm học tập cộng đồng (TTHTCĐ) ở các xã.", "TTHTCĐ", "trung tâm học tập cộng đồng"),
        ("Sở Giáo dục và Đào tạo (GD&ĐT) chủ trì.", "GD&ĐT", "giáo dục và đào tạo"),
        (
            "quản lý vật liệu nổ công nghiệp (sau đây gọi tắt là VLNCN) trên địa bàn",
            "VLNCN",
            "vật liệu nổ công nghiệp",
        ),
        ("bồi dưỡng học sinh giỏi (viết tắt là HSG) cấp tỉnh", "HSG", "học sinh giỏi"),
        ("kiểm định chất lượng giáo dục (“KĐCLGD”)", "KĐCLGD", "kiểm định chất lượng giáo dục"),
    ],
)
def test_a_definition_is_the_short_form_spelled_by_the_initials_before_it(
    text: str, short: str, long: str
) -> None:
    assert definitions(text) == {short: long}


@pytest.mark.parametrize(
    "text",
    [
        "Ban hành kèm theo Quyết định này (Phụ lục 1).",  # no short form
        "Các trường nộp báo cáo (KH) trước ngày 30/9.",  # "KH" is not spelled by "báo cáo"
        "theo mẫu số 02 (Mẫu 02) kèm theo",
        "(Kèm theo Kế hoạch số 12/KH-UBND)",
    ],
)
def test_a_parenthesis_that_spells_nothing_is_no_definition(text: str) -> None:
    assert definitions(text) == {}


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        (
            "4. Tổng chi phí sở hữu (TCO) là toàn bộ chi phí trong vòng đời tài sản.",
            "TCO",
            "tổng chi phí sở hữu",
        ),
        ("a) Tổng sản phẩm trên địa bàn (GRDP) là giá trị sản phẩm.", "GRDP", "tổng sản phẩm trên địa bàn"),
    ],
)
def test_a_definition_item_takes_a_short_form_its_initials_do_not_spell(
    text: str, short: str, long: str
) -> None:
    # "Giải thích từ ngữ": the item's term is everything up to the parenthesis, so a foreign short form counts.
    assert definitions(text) == {short: long}


@pytest.mark.parametrize(
    "text",
    [
        "Trong quy định này, tổng chi phí sở hữu (TCO) là toàn bộ chi phí.",  # the term's start is unknown
        "4. Tổng chi phí sở hữu (TCO) được tính hằng năm.",  # used, not defined
        "2. Kế hoạch năm 2026 (KH) là văn bản.",  # not a term: it holds a year
    ],
)
def test_a_short_form_its_initials_do_not_spell_needs_a_definition_item(text: str) -> None:
    assert definitions(text) == {}


def test_documents_that_disagree_give_the_form_most_of_them_write() -> None:
    table = library_table(
        [
            "Ban đại diện cha mẹ học sinh (BĐD) trường.",
            "Ban đại diện cha mẹ học sinh … Ban đại diện (BĐD) lớp.",
            "Ban đại diện (BĐD) khối.",
        ]
    )
    assert table == {"BĐD": "ban đại diện"}


def test_a_question_with_a_short_form_the_library_defines_searches_the_long_form_too() -> None:
    library = library_abbrs({"TTHTCĐ": "trung tâm học tập cộng đồng"})
    plain = understand("Năm nay TTHTCĐ phải làm gì?", TODAY)
    assert "trung tâm học tập cộng đồng" not in plain.expansions
    read = with_library(plain, library)
    assert "trung tâm học tập cộng đồng" in read.expansions
    assert read.abbreviations == ["TTHTCĐ = trung tâm học tập cộng đồng"]
    # Typed in lower case and without tone marks it is read too; the long form asked gets the short one.
    assert "trung tâm học tập cộng đồng" in understand("nam nay tthtcd lam gi", TODAY, library).expansions
    assert "TTHTCĐ" in understand("Trung tâm học tập cộng đồng cần làm gì?", TODAY, library).expansions


@pytest.mark.parametrize(
    ("question", "expansion"),
    [
        ("QĐ 87 quy định gì về học phí?", "quyết định"),
        ("NQ của HĐND về học phí năm nay?", "nghị quyết"),
        ("GV phải dạy bao nhiêu tiết?", "giáo viên"),
        ("Lịch SHCM của tổ thế nào?", "sinh hoạt chuyên môn"),
        ("Cty CP Miền Bắc được nổ mìn mấy giờ?", "công ty"),
        ("Cty CP Miền Bắc được nổ mìn mấy giờ?", "cổ phần"),
        ("Chưa có bằng ThS thì dự tuyển NCS thế nào?", "nghiên cứu sinh"),
        ("Tốt nghiệp ĐH loại gì thì được dự tuyển?", "đại học"),
        ("Lịch thi HK II của trường TH thế nào?", "học kỳ"),
        ("Lịch thi HK II của trường TH thế nào?", "tiểu học"),
        ("hkii ket thuc ngay nao", "học kỳ"),
        ("GV MN dạy mấy tiết một tuần?", "mầm non"),
        ("TTCM phải duyệt KHBD thế nào?", "kế hoạch bài dạy"),
        ("Kỳ thi TN THPT năm nay tổ chức khi nào?", "tốt nghiệp"),
        ("GDQP&AN lớp 10 học bao nhiêu tiết?", "giáo dục quốc phòng và an ninh"),
        ("Trường đạt CQG mức độ 2 cần gì?", "chuẩn quốc gia"),
        ("CT 10 Lai Châu giao Sở GD làm gì?", "sở giáo dục và đào tạo"),
        ("Phòng GD có trách nhiệm gì?", "phòng giáo dục và đào tạo"),
        ("SGD Hà Tĩnh yêu cầu gì về kiểm tra?", "sở giáo dục và đào tạo"),
        ("BC của UBND tỉnh về khoáng sản năm 2025 nêu gì?", "báo cáo"),
        ("TTr của SCT đề nghị gì?", "tờ trình"),
    ],
)
def test_the_sectors_common_short_forms_are_read(question: str, expansion: str) -> None:
    intent = understand(question, TODAY)
    assert expansion in intent.expansions
    assert any(a.endswith(f"= {expansion}") for a in intent.abbreviations)


def test_the_full_name_is_not_read_as_its_short_form() -> None:
    # "Sở GD&ĐT" is read by "GD&ĐT"; "Sở GD" only when nothing follows it.
    intent = understand("Sở GD&ĐT Hà Tĩnh yêu cầu gì?", TODAY)
    assert not any(a.startswith("Sở GD ") for a in intent.abbreviations)


def test_codes_inside_document_numbers_are_not_read() -> None:
    intent = understand("Chỉ thị 04/CT-UBND nói gì về chuyển đổi số?", TODAY)
    assert intent.abbreviations == [] and "ủy ban nhân dân" not in intent.expansions
    # A Phòng's code ("…-GDTH") names a division, not a school level; "TN" alone is not "tốt nghiệp".
    assert understand("Công văn 123/SGDĐT-GDTH nói gì?", TODAY).abbreviations == []
    assert "tốt nghiệp" not in understand("TN của trường năm nay thế nào?", TODAY).expansions


def test_forms_only_people_type_are_not_added_to_questions_that_spell_them_out() -> None:
    # Directives write "năm học", "tổ trưởng chuyên môn": adding "NH" or "TTCM" to such a question would only
    # search for words no document writes.
    intent = understand("Năm học này tổ trưởng chuyên môn phải làm gì?", TODAY)
    assert not {"NH", "TTCM"} & set(intent.expansions)
    # A library that defines the form itself ("cơ sở giáo dục (CSGD)") adds it, once.
    library = library_abbrs({"CSGD": "cơ sở giáo dục"})
    assert "CSGD" in understand("Cơ sở giáo dục phải làm gì?", TODAY, library).expansions
    assert understand("CSGD phải làm gì?", TODAY, library).abbreviations == ["CSGD = cơ sở giáo dục"]


def test_two_letter_forms_only_in_capitals() -> None:
    # "qd" typed in lower case may be anything; capitals are the short form.
    assert "quyết định" not in understand("qd la gi", TODAY).expansions
    # "gv", "hs" have no vowel, so are no Vietnamese word: in chat they are the people the sector names.
    assert understand("Ha Tinh tuyen dung bn gv", TODAY).abbreviations == ["gv = giáo viên"]
    assert "học sinh" in understand("hs thcs co dc dung dt ko", TODAY).expansions
    assert understand("sv dang ky thuc tap can dieu kien gi", TODAY).abbreviations == ["sv = sinh viên"]


def test_a_type_code_means_the_same_whatever_a_document_defines() -> None:
    # A report that writes "British Council (BC)" does not make "BC của UBND tỉnh" a council.
    library = library_abbrs({"BC": "british council", "TTHTCĐ": "trung tâm học tập cộng đồng"})
    read = understand(
        "BC của UBND tỉnh về khoáng sản năm 2025 được lập để thực hiện văn bản nào?", TODAY, library
    )
    assert "báo cáo" in read.expansions and "british council" not in read.expansions, read.abbreviations
