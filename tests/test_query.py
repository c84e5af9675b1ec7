"""School years and question understanding."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understanding.query import understand
from bot.understanding.schoolyear import (
    current_school_year,
    parse_school_years,
    relative_school_year,
    tone_spans,
)

TODAY = date(2026, 11, 23)
SUMMER = date(2026, 7, 15)
SPRING = date(2027, 3, 1)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2026, 11, 23), "2026-2027"),
        (date(2026, 8, 31), "2025-2026"),
        (date(2026, 9, 1), "2026-2027"),
        (date(2027, 1, 1), "2026-2027"),
        (date(2026, 12, 31), "2026-2027"),
    ],
)
def test_current_school_year(day: date, year: str) -> None:
    assert current_school_year(day) == year


@pytest.mark.parametrize(
    "text",
    [
        "năm học 2021-2022",
        "năm học 2021 - 2022",
        "năm học 2021–2022",
        "NĂM HỌC 2021 -\n2022 TRÊN ĐỊA BÀN",
        "năm học 2021/2022",
        "năm học 21-22",
        "năm học 2021-22",
        "NH 2021-2022",
        "nam hoc 21 - 22",
        "kế hoạch 2021-2022",
        "năm học 2021",  # a lone year after "năm học" is the year the school year starts
    ],
)
def test_school_year_spellings(text: str) -> None:
    assert parse_school_years(text) == ["2021-2022"]


@pytest.mark.parametrize(
    "text",
    [
        "giai đoạn 2021-2025",
        "ngày 24/8/2021",
        "Chỉ thị 04/2021/CT-UBND",
        "lớp 21-22",  # two-digit pairs only after "năm học"/"NH"
        "năm 2021",
        "năm học 2021-2023",
    ],
)
def test_not_school_years(text: str) -> None:
    assert parse_school_years(text) == []


def test_several_school_years_in_order() -> None:
    text = "Tổng kết năm học 2018-2019, triển khai năm học 2019 - 2020; so với 2018/2019"
    assert parse_school_years(text) == ["2018-2019", "2019-2020"]
    assert parse_school_years("năm học 1999-00") == ["1999-2000"]


@pytest.mark.parametrize(
    ("text", "today", "year"),
    [
        ("năm nay", TODAY, "2026-2027"),
        ("nam nay", TODAY, "2026-2027"),
        ("Năm học này Lào Cai làm gì?", TODAY, "2026-2027"),
        ("năm học hiện tại", SUMMER, "2025-2026"),
        ("năm học tới", TODAY, "2027-2028"),
        ("nam hoc sau", TODAY, "2027-2028"),
        ("năm học kế tiếp", SPRING, "2027-2028"),
        ("năm ngoái", TODAY, "2025-2026"),
        ("nam ngoai", TODAY, "2025-2026"),
        ("năm trước", TODAY, "2025-2026"),
        ("năm học trước", SPRING, "2025-2026"),
        ("năm học vừa qua", TODAY, "2025-2026"),
        ("năm học mới", TODAY, "2026-2027"),
        ("năm học mới", SPRING, "2026-2027"),
        ("năm học mới", SUMMER, "2026-2027"),  # in summer: the coming year
        ("năm học mới", date(2026, 5, 31), "2025-2026"),
        ("Chỉ thị 04 năm nay", TODAY, "2026-2027"),
        ("Nhưng năm nay thì sao?", TODAY, "2026-2027"),
    ],
)
def test_relative_school_year(text: str, today: date, year: str) -> None:
    assert relative_school_year(text, today) == year


@pytest.mark.parametrize(
    "text",
    ["3 năm trước", "các năm trước", "những năm tới", "nằm trước cổng trường", "năm 2024", "nam hoc"],
)
def test_no_relative_school_year(text: str) -> None:
    assert relative_school_year(text, TODAY) is None


def test_tone_spans() -> None:
    assert tone_spans(r"\bnăm\s+nay\b", "Năm nay và nam nay") == [(0, 7), (11, 18)]
    assert tone_spans(r"\bnăm\s+nay\b", "nằm nay") == []
    # A lookahead written with tone marks excludes the words typed without them as well.
    pattern = r"\bubnd\b(?!\s+(?:huyện|xã))"
    assert tone_spans(pattern, "UBND tỉnh") == tone_spans(pattern, "ubnd tinh") == [(0, 4)]
    assert tone_spans(pattern, "UBND xã Tân Lập") == tone_spans(pattern, "ubnd xa Tan Lap") == []
    assert tone_spans(pattern, "ubnd huyen") == []


def test_text_cleaning() -> None:
    q = understand("  Lào\u200b Cai\u00a0 năm học\n2021-2022 ?", TODAY)
    assert q.text == "Lào Cai năm học 2021-2022 ?"
    assert q.folded == "lao cai nam hoc 2021-2022 ?"
    assert q.has_tone_marks
    assert not understand("lao cai nam hoc 2021-2022", TODAY).has_tone_marks


def test_provinces_and_year() -> None:
    q = understand("Lào Cai năm học 2021-2022 có bao nhiêu trường chuẩn quốc gia?", TODAY)
    assert q.provinces == ["Lào Cai"]
    assert (q.school_year, q.year_source) == ("2021-2022", "explicit")
    q = understand("lao cai nam nay co nhiem vu gi", TODAY)
    assert q.provinces == ["Lào Cai"]
    assert (q.school_year, q.year_source) == ("2026-2027", "relative")
    q = understand("Mức lương cơ sở của giáo viên năm 2024 là bao nhiêu?", TODAY)
    assert (q.school_year, q.year_source, q.provinces) == (None, "none", [])
    # An explicit year wins over a relative phrase.
    q = understand("So với năm trước, năm học 2019-2020 Sơn La và Lai Châu làm gì?", TODAY)
    assert (q.school_year, q.year_source) == ("2019-2020", "explicit")
    assert q.provinces == ["Sơn La", "Lai Châu"]


@pytest.mark.parametrize(
    ("question", "provinces"),
    [
        # A phone marks some words and not others: a name typed wholly without marks is still the name.
        ("năm học 2026 - 2027 ha tinh thi hsg ngày nào", ["Hà Tĩnh"]),
        ("Năm nay dong thap khai giảng ngày nào?", ["Đồng Tháp"]),
        # One unmarked word is an ordinary word ("an toàn"), and an English term no place.
        ("Giữ tấm lòng an toàn khi dạy STEM thế nào?", []),
    ],
)
def test_a_province_typed_without_marks_in_a_marked_question(question: str, provinces: list[str]) -> None:
    assert understand(question, TODAY).provinces == provinces


def test_doc_numbers() -> None:
    q = understand(
        "Công văn 4555/BGDĐT-GDPT, Chỉ thị số 04/CT-UBND và Thông tư 32/2020/TT-BGDĐT, ngày 24/8/2021", TODAY
    )
    assert q.doc_numbers == ["4555/BGDĐT-GDPT", "04/CT-UBND", "32/2020/TT-BGDĐT"]
    assert q.doc_refs == [("Công văn", "4555"), ("Chỉ thị", "04"), ("Thông tư", "32")]
    assert q.doc_types == ["Công văn", "Chỉ thị", "Thông tư"]


def test_doc_numbers_infer_type_from_code() -> None:
    q = understand("2268/CT-BGDĐT, 15/KH-UBND, 123/SGDĐT-GDTrH, 202/2025/QH15, 1/lớp", TODAY)
    assert q.doc_numbers == ["2268/CT-BGDĐT", "15/KH-UBND", "123/SGDĐT-GDTrH", "202/2025/QH15"]
    assert q.doc_refs == [("Chỉ thị", "2268"), ("Kế hoạch", "15"), ("Công văn", "123"), (None, "202")]
    q = understand("so 04/ct-ubnd", TODAY)
    assert q.doc_numbers == ["04/ct-ubnd"] and q.doc_refs == [("Chỉ thị", "04")]


def test_a_licence_is_named_by_its_number() -> None:
    # "Giấy phép 2507 hết hạn khi nào?": the licence asked about, as a document is named by type and number.
    assert understand("Giấy phép 2507 hết hạn khi nào?", TODAY).doc_refs == [("Giấy phép", "2507")]
    assert understand("giay phep so 2507 cap cho ai", TODAY).doc_refs == [("Giấy phép", "2507")]
    # The word alone names no document.
    assert understand("Hồ sơ xin giấy phép khai thác gồm những gì?", TODAY).doc_refs == []


def test_a_document_cited_by_type_and_subject_then_number() -> None:
    # As texts cite one another: "Kế hoạch kiểm tra số 1105", "Giấy phép sử dụng vật liệu nổ … số 2507".
    assert understand("Kế hoạch kiểm tra số 1105 gồm những đơn vị nào?", TODAY).doc_refs == [
        ("Kế hoạch", "1105")
    ]
    q = understand("Giấy phép xài vật liệu nổ số 2507 của tỉnh Lào Cai cấp ngày nào thế?", TODAY)
    assert q.doc_refs == [("Giấy phép", "2507")]
    # "số lượng", a figure after a word that is no type: no document named.
    assert understand("Chỉ thị về số lượng 20 giáo viên", TODAY).doc_refs == []
    assert understand("Năm nay tuyển số 200 giáo viên đúng không?", TODAY).doc_refs == []


def test_a_number_pasted_with_spaces_in_its_symbol_is_one_number() -> None:
    q = understand("QĐ 105/2009 / QĐ - TTg và Quyết định số 87 /2026/QĐ-UBND quy định gì?", TODAY)
    assert q.doc_numbers == ["105/2009/QĐ-TTg", "87/2026/QĐ-UBND"]
    assert understand("CV 4215 / BGDĐT - GDPT nói gì?", TODAY).doc_numbers == ["4215/BGDĐT-GDPT"]
    # Without a year or a hyphened code, a ratio or a class.
    assert understand("Tỷ lệ 30 / GV, lớp 10 / 2 là gì?", TODAY).doc_numbers == []


def test_a_dotted_number_is_one_number() -> None:
    # The Government's resolutions under the 2025 special mechanism: "Nghị quyết 66.18/2026/NQ-CP".
    q = understand("Nghị quyết 66.18/2026/NQ-CP cắt giảm thủ tục nào?", TODAY)
    assert q.doc_numbers == ["66.18/2026/NQ-CP"] and q.doc_refs == [("Nghị quyết", "66.18")]
    assert understand("NQ 66.18 quy định gì?", TODAY).doc_refs == [("Nghị quyết", "66.18")]
    assert understand("Theo Chỉ thị 04. Tỉnh yêu cầu gì?", TODAY).doc_refs == [("Chỉ thị", "04")]


@pytest.mark.parametrize(
    ("question", "refs"),
    [
        ("chỉ thị 04 của An Giang", [("Chỉ thị", "04")]),
        ("chi thi so 04", [("Chỉ thị", "04")]),
        ("CT 04 năm 2021", [("Chỉ thị", "04")]),
        ("CT số: 04", [("Chỉ thị", "04")]),
        ("cong van 4555", [("Công văn", "4555")]),
        ("Quyết định 1234 và nghi dinh 116", [("Quyết định", "1234"), ("Nghị định", "116")]),
        ("văn bản số 123", [(None, "123")]),
        ("kế hoạch 2021-2022", []),
        ("hướng dẫn học sinh lớp 3", []),
        ("Thông tư nào quy định?", []),
    ],
)
def test_doc_refs(question: str, refs: list[tuple[str | None, str]]) -> None:
    assert understand(question, TODAY).doc_refs == refs


def test_doc_types() -> None:
    q = understand("Chương trình mầm non sửa đổi thực hiện theo thông tư nào?", TODAY)
    assert q.doc_types == ["Thông tư"]
    q = understand("Theo nghi dinh nao va ke hoach nao?", TODAY)
    assert q.doc_types == ["Nghị định", "Kế hoạch"]
    assert understand("Lào Cai có phổ cập giáo dục mầm non không?", TODAY).doc_types == []


@pytest.mark.parametrize(
    ("question", "levels"),
    [
        ("Giáo dục mầm non ở An Giang", ["Mầm non"]),
        ("trẻ mẫu giáo 5 tuổi", ["Mầm non"]),
        ("tỷ lệ trẻ MN ra lớp", ["Mầm non"]),
        ("học sinh tiểu học và THCS", ["Tiểu học", "THCS"]),
        ("trường TH&THCS", ["Tiểu học", "THCS"]),
        ("trung hoc co so, trung hoc pho thong", ["THCS", "THPT"]),
        ("học sinh cấp 2 và cấp III", ["THCS", "THPT"]),
        ("trung tâm GDTX và giáo dục thường xuyên", ["GDTX"]),
        ("giáo dục trung học", ["THCS", "THPT"]),
        ("Tin học lớp 3", ["Tiểu học"]),
        ("học sinh lớp 10", ["THPT"]),
        ("Môn Tin học, tình hình thực hiện", []),  # "th" in lower case is not a level
        ("Phòng GD&ĐT cấp huyện", []),
    ],
)
def test_levels(question: str, levels: list[str]) -> None:
    assert understand(question, TODAY).levels == levels


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Sở GD&ĐT Sơn La", ["giáo dục và đào tạo"]),
        ("Sở GDĐT, Phòng GD-ĐT", ["giáo dục và đào tạo"]),
        ("so GDDT", ["giáo dục và đào tạo"]),
        ("ứng dụng CNTT và CĐS", ["công nghệ thông tin", "chuyển đổi số"]),
        ("ung dung cntt, cds", ["công nghệ thông tin", "chuyển đổi số"]),
        ("HS và GV", ["học sinh", "giáo viên"]),
        (
            "hs va gv",
            ["học sinh", "giáo viên"],
        ),  # no vowel, no Vietnamese word: chat types them in lower case
        ("qd va kh", []),  # other two-letter forms are upper-case only
        ("CBQL, PCGD, XMC", ["cán bộ quản lý", "phổ cập giáo dục", "xóa mù chữ"]),
        ("TTHC và CSVC", ["thủ tục hành chính", "cơ sở vật chất"]),
        ("UBND tỉnh, SGK, GDPT 2018", ["ủy ban nhân dân", "sách giáo khoa", "giáo dục phổ thông"]),
        ("chuyển đổi số trong giáo dục và đào tạo", ["CĐS", "GD&ĐT", "GDĐT"]),
        ("xoá mù chữ cho học sinh", ["XMC", "HS"]),
        ("ủy ban nhân dân tỉnh", ["UBND"]),
        ("CĐS là chuyển đổi số", []),  # both forms already present
        ("THIS HSG", ["học sinh giỏi"]),  # whole tokens: "HS" inside "HSG" is not read
        # Everyday wordings: folded when typed without marks; a word typed with other marks is another word.
        ("Chấm thi học kỳ thế nào?", ["kiểm tra, đánh giá"]),
        ("cham thi hoc ky the nao", ["kiểm tra, đánh giá"]),
        ("Nộp báo cáo chậm thì bị trừ mấy điểm?", []),  # "chậm thì" (late then) is no "chấm thi"
        ("Thầy cô được tập huấn gì?", ["giáo viên"]),
        ("Thầy co được tập huấn gì?", ["giáo viên"]),  # a word typed without its marks still reads
        ("Số hoá học bạ thế nào?", ["chuyển đổi số"]),
    ],
)
def test_expansions(question: str, expected: list[str]) -> None:
    assert understand(question, TODAY).expansions == expected


@pytest.mark.parametrize(
    "question",
    [
        "Các nhiệm vụ trọng tâm năm học 2021-2022 của Lào Cai là gì?",
        "Những nhiệm vụ nào được giao cho Phòng GD&ĐT?",
        "Liệt kê các chỉ tiêu năm học",
        "Giải pháp gồm những gì?",
        "Có mấy nhiệm vụ trọng tâm?",
        "An Giang yêu cầu xây dựng ngân hàng câu hỏi cho những môn nào?",
        "cac nhiem vu trong tam nam nay",
        "liet ke giai phap",
        "co may nhiem vu",
        "bao gom nhung gi",
        "Chỉ thị 18 giao Sở GD những việc gì?",
        "Trước khi khai thác doanh nghiệp phải làm những công việc nào?",
    ],
)
def test_wants_list(question: str) -> None:
    assert understand(question, TODAY).wants_list


@pytest.mark.parametrize(
    "question",
    [
        "Nhiệm vụ trọng tâm năm học 2021-2022 là gì?",
        "Các Phòng GD&ĐT phải làm gì để tổ chức thực hiện?",
        "Đến hết năm học Lào Cai có bao nhiêu trường chuẩn quốc gia?",
        "Các trường mầm non có phải dạy STEAM không?",
        "Nhưng giải pháp nào hiệu quả?",  # "nhưng" (but), not "những"
        "Tỷ lệ đơn vị phải công khai các hoạt động nhà trường là bao nhiêu?",
        # a day or a time asked about the parts: the statement that sets it, not a list
        "Trường đã áp dụng các nội dung của quy định mới chưa, từ ngày nào?",
        "Các nhiệm vụ chuyển đổi số phải hoàn thành khi nào?",
        "Sinh hoạt đầu năm tổ chức vào những ngày nào?",
        "Các giải pháp thực hiện trong bao lâu?",
        "Việc gì phải hoàn thành trước ngày 30/9?",
    ],
)
def test_not_wants_list(question: str) -> None:
    assert not understand(question, TODAY).wants_list
