"""List answers and quotes: items in order with their paths and a pointer to the rest; a heading is never the
whole quote; a figure question quotes the sentence with the figure; "năm nay" lists come from this year's texts."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answer import compose, focus, lists
from bot.answer.extractive import body_score, is_heading, quote, quote_score
from bot.answer.figures import LOOSE, Wanted, has_figure, wanted_statement
from bot.answer.models import Answer
from bot.answer.scope import resolve_scope
from bot.ranking.retrieval import Hit
from bot.understanding.query import understand
from ingest.models import Chunk, Document, DocumentMeta, Section

TODAY = date(2026, 12, 3)


def _doc(
    doc_id: str, sections: list[Section], year: str = "2026-2027", province: str = "Vĩnh Long"
) -> Document:
    meta = DocumentMeta(
        doc_type="Kế hoạch", doc_number=f"{doc_id}/KH-SGDĐT", issuer=f"Sở GD&ĐT {province}", province=province,
        issued_date="2026-09-10", school_year=year, title="Kế hoạch thực hiện nhiệm vụ năm học", source=f"{doc_id}.txt",
    )  # fmt: skip
    return Document(id=doc_id, meta=meta, sections=sections, content_hash=doc_id)


def _hit(doc: Document, ordinal: int) -> Hit:
    s = doc.sections[ordinal]
    chunk = Chunk(f"{doc.id}-{ordinal}", doc.id, s.path, s.title, ordinal, s.text, "", f"h{ordinal}")
    return Hit(row=ordinal, chunk=chunk, doc=doc, score=1.0, bm25=1.0, dense=0.9, coverage=0.9)


def _tasks(n: int) -> Document:
    parts = [
        Section("", "", "Sở GD&ĐT ban hành kế hoạch như sau:"),
        Section("II", "NHIỆM VỤ CỤ THỂ", "II. NHIỆM VỤ CỤ THỂ", 1, None, 1),
    ]
    for i in range(1, n + 1):
        parts.append(
            Section(
                f"II.{i}", f"Nhiệm vụ số {i}", f"{i}. Nhiệm vụ số {i}\nNội dung {i}.", 2, "II", len(parts)
            )
        )
    return _doc("12", parts)


def test_a_list_gives_the_items_in_order_with_their_paths() -> None:
    doc = _tasks(4)
    answer = lists.items_answer("Nhiệm vụ cụ thể gồm những gì?", _hit(doc, 1), doc.sections[1], [])
    assert answer is not None
    lines = answer.answer.splitlines()
    assert lines[1:5] == [f"{i}. Nhiệm vụ số {i} (mục II.{i})" for i in range(1, 5)]
    assert answer.citations[0].section == "II"


def test_a_long_list_ends_with_a_pointer_to_the_rest() -> None:
    doc = _tasks(15)
    answer = lists.items_answer("Nhiệm vụ cụ thể gồm những gì?", _hit(doc, 1), doc.sections[1], [])
    assert answer is not None
    assert f"{lists.MAX_ITEMS}. Nhiệm vụ số {lists.MAX_ITEMS}" in answer.answer
    assert "Nhiệm vụ số 13" not in answer.answer
    assert "… và 3 nội dung khác (xem nguyên văn mục II)." in answer.answer


def test_a_section_without_numbered_parts_lists_the_items_its_text_writes() -> None:
    text = "3. Hồ sơ sổ sách điện tử\nCác trường thực hiện:\n- Sổ điểm điện tử;\n- Học bạ số;\n+ Sổ đầu bài điện tử."
    doc = _doc("7", [Section("", "", "Mở đầu"), Section("3", "Hồ sơ sổ sách điện tử", text, 1, None, 1)])
    answer = lists.items_answer("Hồ sơ sổ sách điện tử gồm những gì?", _hit(doc, 1), doc.sections[1], [])
    assert answer is not None
    assert answer.answer.splitlines()[1:4] == [
        "1. Sổ điểm điện tử;",
        "2. Học bạ số;",
        "3. Sổ đầu bài điện tử.",
    ]


def test_a_letters_addressees_are_not_the_items_it_lists() -> None:
    # "Kính gửi:" and the bodies under it receive the letter: a list read from its opening does not give them.
    text = (
        "Kính gửi:\n- Phòng Giáo dục và Đào tạo các huyện;\n- Các trường trung học phổ thông;\n- Trung tâm GDTX tỉnh.\n"
        "Sở hướng dẫn như sau:\n- Rà soát mạng lưới trường lớp;\n- Bồi dưỡng giáo viên."
    )
    doc = _doc("8", [Section("", "", text)])
    answer = lists.items_answer("Hướng dẫn gồm những gì?", _hit(doc, 0), doc.sections[0], [])
    assert answer is not None
    assert answer.answer.splitlines()[1:3] == ["1. Rà soát mạng lưới trường lớp;", "2. Bồi dưỡng giáo viên."]
    assert "Phòng Giáo dục" not in answer.answer


def test_the_letterhead_is_never_quoted_for_what_a_question_asks() -> None:
    # The place-date line writes the month a question asks about; it says when the letter was signed, not a task.
    text = (
        "Số: 112/KH-THCS\nTây Nha Trang, ngày 20 tháng 9 năm 2025\n"
        "Các tổ chuyên môn nộp kế hoạch tổ trước ngày 30 tháng 9 năm 2025."
    )
    weights = {"thang": 2.0, "9": 2.0, "ke": 1.0, "hoach": 1.0, "tay": 1.0, "nha": 1.0, "trang": 1.0}
    assert quote(text, weights, max_units=1).startswith("Các tổ chuyên môn")
    assert body_score(text, [], weights) == pytest.approx(body_score(text.split("\n", 2)[2], [], weights))


def test_an_item_under_a_heading_item_is_no_item_of_the_lead_in_above() -> None:
    # "- Cách thức đăng ký" (no ":") heads the "+" items after it: the lead-in above it is another list's.
    text = (
        "- Điều kiện để sinh viên đăng ký thực tập gồm:\n+ Đã hoàn thành tối thiểu 14 tín chỉ.\n"
        "+ Hoàn thành nghĩa vụ học phí.\n- Cách thức đăng ký thực tập\n"
        "+ Khoa gửi danh sách sinh viên đủ điều kiện về Phòng Đào tạo."
    )
    weights = {"khoa": 3.0, "gui": 3.0, "danh": 2.0, "sach": 2.0}
    quoted = quote(text, weights, max_units=1)
    assert quoted.startswith("+ Khoa gửi danh sách") and "Điều kiện để" not in quoted
    # Its own siblings still lead back to it.
    assert quote(text, {"hoc": 3.0, "phi": 3.0}, max_units=1).startswith("- Điều kiện để sinh viên")


def test_a_heading_is_never_the_whole_quote() -> None:
    text = "In ấn hồ sơ, sổ sách điện tử\nCác trường không in ấn hồ sơ, sổ sách đã thực hiện điện tử, trừ sổ gọi tên."
    weights = {"in": 1.0, "an": 1.0, "ho": 1.0, "so": 2.0, "sach": 2.0, "dien": 1.0, "tu": 1.0}
    titles = ["In ấn hồ sơ, sổ sách điện tử"]
    assert quote(text, weights).startswith("In ấn hồ sơ")  # what the words alone would pick
    quoted = quote(text, weights, titles=titles)
    assert quoted.startswith("Các trường không in ấn") and not is_heading(quoted, titles)


def test_a_figure_question_quotes_the_sentence_with_the_figure() -> None:
    text = (
        "Nâng cao tỷ lệ học sinh đi học chuyên cần ở vùng khó khăn, học sinh dân tộc thiểu số.\n"
        "Duy trì tỷ lệ học sinh đi học chuyên cần từ 98% trở lên."
    )
    weights = {
        "ty": 1.0,
        "le": 1.0,
        "hoc": 0.2,
        "sinh": 0.2,
        "chuyen": 2.0,
        "can": 2.0,
        "kho": 0.5,
        "khan": 0.5,
    }
    assert quote(text, weights, max_units=1).startswith("Nâng cao")
    assert quote(text, weights, max_units=1, wanted=Wanted(has_figure, LOOSE)).startswith("Duy trì")


def test_this_years_list_comes_from_this_years_documents() -> None:
    old = _doc("old", [Section("", "", "x")], year="2019-2020", province="Yên Bái")
    new = _doc("new", [Section("", "", "x")], year="2026-2027", province="Hà Tĩnh")
    docs = [old, new]
    mentions = {d.id: frozenset[str]() for d in docs}
    listing = resolve_scope(
        understand("Năm học này có những nhiệm vụ trọng tâm gì?", TODAY),
        docs,
        "2026-2027",
        None,
        None,
        mentions,
    )
    assert listing.doc_ids == {"new"}
    # A single fact keeps the older texts in scope (ranked lower): they may say what this year's do not.
    fact = resolve_scope(
        understand("Năm nay dạy bơi thế nào?", TODAY), docs, "2026-2027", None, None, mentions
    )
    assert fact.doc_ids == {"old", "new"} and fact.weights.get("old", 1.0) < 1.0


def test_a_part_named_by_its_heading_lists_its_items_not_the_outline() -> None:
    doc = _doc(
        "5973",
        [
            Section("", "", "UBND tỉnh yêu cầu các sở, ngành thực hiện:"),
            Section("1", "Thanh tra tỉnh", "1. Thanh tra tỉnh\n- Thanh tra việc cấp phép.", 1, None, 1),
            Section(
                "2",
                "Sở Công Thương",
                "2. Sở Công Thương\n- Kiểm tra việc sử dụng vật liệu nổ công nghiệp.\n- Kiểm tra các cơ sở chế biến.",
                1,
                None,
                2,
            ),
        ],
    )
    answer = lists.list_answer(
        "CV 5973 giao Sở Công Thương kiểm tra những nội dung gì?", [_hit(doc, 2)], None, []
    )  # type: ignore[arg-type]
    assert answer is not None and answer.citations[0].section == "2"
    assert (
        "Kiểm tra việc sử dụng vật liệu nổ công nghiệp" in answer.answer
        and "Thanh tra tỉnh" not in answer.answer
    )


def test_the_part_the_question_names_is_listed_even_when_retrieval_put_another_first() -> None:
    doc = _doc(
        "5973",
        [
            Section("", "", "UBND tỉnh yêu cầu các sở, ngành thực hiện:"),
            Section(
                "1",
                "Trách nhiệm chung của các cơ quan, đơn vị",
                "1. Trách nhiệm chung của các cơ quan, đơn vị\n- Đề cao trách nhiệm người đứng đầu.\n"
                "- Thực hiện các nhiệm vụ theo Kế hoạch của Ủy ban nhân dân tỉnh.",
                1,
                None,
                1,
            ),
            Section(
                "2",
                "Sở Công Thương",
                "2. Sở Công Thương\n- Kiểm tra việc sử dụng vật liệu nổ công nghiệp.\n- Kiểm tra các cơ sở chế biến.",
                1,
                None,
                2,
            ),
        ],
    )
    question = "Công văn 5973 giao Sở Công Thương những nhiệm vụ gì?"
    intent = understand(question, TODAY)
    answer = lists.list_answer(question, [_hit(doc, 1)], None, [], focus.focus_terms(intent))  # type: ignore[arg-type]
    assert answer is not None and answer.citations[0].section == "2"
    assert answer.answer.splitlines()[1:3] == [
        "1. Kiểm tra việc sử dụng vật liệu nổ công nghiệp.",
        "2. Kiểm tra các cơ sở chế biến.",
    ]
    # The kind of part asked for ("nhiệm vụ") alone names no part: the outline stays the answer.
    outline = lists.list_answer(
        "Công văn 5973 có những nhiệm vụ gì?",
        [_hit(doc, 1)],
        None,
        [],
        ["nhiệm", "vụ"],  # type: ignore[arg-type]
    )
    assert outline is not None and outline.citations[0].section == ""


def test_the_item_quoted_is_the_one_stating_what_is_asked() -> None:
    # Within the best section, the chunk holding "63.000 kg" answers "bao nhiêu kg", though another names more words.
    sections = [
        Section("Điều 2", "Điều kiện sử dụng", "Điều 2. Điều kiện sử dụng", 1, None, 0),
        Section("Điều 2.1", "", "1. Tổng khối lượng thuốc nổ trong 01 năm: 63.000 kg/năm.", 2, "Điều 2", 1),
        Section(
            "Điều 2.2",
            "",
            "2. Công ty khai thác đá ở xã Phong Hải sử dụng thuốc nổ đúng quy định.",
            2,
            "Điều 2",
            2,
        ),
    ]
    doc = _doc("2507", sections)

    class _View:
        section_rows = {(doc.id, i): [i] for i in range(3)}

        def chunk(self, row: int) -> Chunk:
            return _hit(doc, row).chunk

    intent = understand("Công ty khai thác đá ở xã Phong Hải được dùng bao nhiêu kg thuốc nổ một năm?", TODAY)
    weights = {
        "cong": 1.0,
        "ty": 1.0,
        "khai": 1.0,
        "thac": 1.0,
        "phong": 2.0,
        "hai": 2.0,
        "thuoc": 1.0,
        "no": 1.0,
        "kg": 2.0,
    }
    best = compose._smallest_holder(_hit(doc, 0), _View(), weights, wanted_statement(intent))  # type: ignore[arg-type]
    assert best.chunk.section_path == "Điều 2.1"
    assert compose._smallest_holder(_hit(doc, 0), _View(), weights).chunk.section_path == "Điều 2.2"  # type: ignore[arg-type]


def test_a_word_before_a_punctuation_mark_counts_in_a_quote() -> None:
    # "khoáng sản;" and "ký quỹ." write "san" and "quy", as the question's words are read.
    assert quote_score("Tiền cấp quyền khai thác khoáng sản; ký quỹ.", {"san": 1.0, "quy": 1.0}) == 2.0


def _two_parts(doc_id: str, *parts: tuple[str, str, str]) -> Document:
    """An opening and two Roman parts (heading, first item, second item), each item numbered under its part."""
    sections = [Section("", "", "Mở đầu")]
    for roman, (heading, *items) in zip(("I", "II"), parts, strict=True):
        sections.append(Section(roman, heading, f"{roman}. {heading}", 1, None, len(sections)))
        for i, item in enumerate(items, 1):
            sections.append(Section(f"{roman}.{i}", item, f"{i}. {item}", 2, roman, len(sections)))
    return _doc(doc_id, sections)


def test_a_list_heading_is_read_without_its_punctuation() -> None:
    # "Nhiệm vụ, giải pháp:" holds all four of the question's words ("vụ," and "pháp:" among them), the other
    # heading two: its items are the answer.
    doc = _two_parts(
        "nv",
        ("Giải pháp thực hiện", "Tuyên truyền", "Kiểm tra"),
        ("Nhiệm vụ, giải pháp:", "Dạy học", "Đánh giá"),
    )
    answer = lists.list_answer("Các nhiệm vụ, giải pháp gồm những gì?", [_hit(doc, 0)], None, [])  # type: ignore[arg-type]
    assert answer is not None and answer.citations[0].section == "II"
    assert "Dạy học" in answer.answer and "Tuyên truyền" not in answer.answer


def _listed(doc: Document, question: str, first: int) -> Answer | None:
    """The list answer as the service asks for it: the question's words with the long forms of its short ones."""
    intent = understand(question, TODAY)
    return lists.list_answer(
        question,
        [_hit(doc, first)],
        None,
        [],
        focus.focus_terms(intent),
        intent.expansions,  # type: ignore[arg-type]
    )


def test_a_list_question_finds_the_part_its_short_forms_name() -> None:
    # "UBND" is the "Ủy ban nhân dân" of a heading: the part the question names by its short form is listed,
    # not the part that shares only the word "nhiệm vụ".
    doc = _two_parts(
        "31",
        ("NHIỆM VỤ CHUNG", "Tuyên truyền", "Kiểm tra"),
        ("ỦY BAN NHÂN DÂN CÁC XÃ", "Bố trí kinh phí", "Chỉ đạo trường học"),
    )
    answer = _listed(doc, "UBND các xã có những nhiệm vụ gì?", 2)
    assert answer is not None and answer.citations[0].section == "II"
    assert "Bố trí kinh phí (mục II.1)" in answer.answer


def test_a_short_forms_syllables_name_no_part_unless_its_whole_long_form_is_written() -> None:
    # "các Sở GDĐT" is "giáo dục và đào tạo": a heading on "Giáo dục STEM và … trí tuệ nhân tạo" shares three of
    # its syllables, not the name. The opening matched best (the guidance as a whole is addressed to the Sở):
    # the part the question's own words name is listed.
    doc = _two_parts(
        "4215",
        ("NHIỆM VỤ CHUNG", "Thực hiện chương trình", "Chuyển đổi số"),
        ("Giáo dục STEM và giáo dục trí tuệ nhân tạo", "Bài học STEM", "Thí điểm trí tuệ nhân tạo"),
    )
    # The opening's first line is the letterhead: it shares the question's words, yet it is no item to quote.
    opening = "BỘ GIÁO DỤC VÀ ĐÀO TẠO\nBộ GDĐT hướng dẫn các Sở GDĐT thực hiện nhiệm vụ năm học như sau:"
    doc.sections[0] = Section("", "", opening)
    answer = _listed(doc, "Bộ giao các Sở GDĐT những nhiệm vụ gì năm nay?", 0)
    assert answer is not None and answer.citations[0].section == "I", answer.answer
    assert "Thực hiện chương trình (mục I.1)" in answer.answer


def test_a_listed_item_keeps_the_items_under_it() -> None:
    # "-" then "+": the outer items are numbered, the inner ones shown under the item that leads into them.
    text = (
        "6. Đăng ký thực tập\n- Điều kiện để sinh viên đăng ký thực tập gồm:\n+ Đã hoàn thành 14 tín chỉ.\n"
        "+ Hoàn thành nghĩa vụ học phí.\n- Cách thức đăng ký thực tập\n+ Đăng ký trên hệ thống theo học kỳ."
    )
    doc = _doc("8", [Section("", "", "Mở đầu"), Section("6", "Đăng ký thực tập", text, 1, None, 1)])
    answer = lists.items_answer(
        "Đăng ký thực tập cần những điều kiện nào?", _hit(doc, 1), doc.sections[1], []
    )
    assert answer is not None
    assert answer.answer.splitlines()[1:6] == [
        "1. Điều kiện để sinh viên đăng ký thực tập gồm:",
        "   + Đã hoàn thành 14 tín chỉ.",
        "   + Hoàn thành nghĩa vụ học phí.",
        "2. Cách thức đăng ký thực tập",
        "   + Đăng ký trên hệ thống theo học kỳ.",
    ]


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Chỉ thị 04 có những nhiệm vụ trọng tâm gì?", True),
        ("Năm nay các giải pháp chủ yếu là gì?", True),
        # The part noun inside the document's name ("Hướng dẫn nhiệm vụ trọng tâm …") asks for no parts.
        ("Hướng dẫn nhiệm vụ trọng tâm năm học 2019-2020 của Sở yêu cầu những đơn vị nào triển khai?", False),
        ("Kế hoạch thực hiện nhiệm vụ năm học gửi những ai?", False),
        ("Kế hoạch nhiệm vụ năm học có những nhiệm vụ gì?", True),
        # Typed with marks, "chi tiêu" (spending) is no "chỉ tiêu" (target); without them it may be.
        ("Kinh phí được chi tiêu cho những việc gì?", False),
        ("cac chi tieu nam nay la gi", True),
    ],
)
def test_parts_are_asked_for_by_the_question_not_by_the_documents_name(question: str, asked: bool) -> None:
    assert lists.asks_for_parts(question) is asked


def test_an_item_is_named_in_the_spelling_the_question_was_typed_in() -> None:
    # "giao nhiệm vụ cho những cơ quan nào" folds to words of "quản lý … giáo dục": typed with marks, the question
    # does not name that item, so the bodies tasked are listed, not the item quoted.
    item = Section(
        "II.4.a", "", "a) Chịu trách nhiệm quản lý nhà nước về giáo dục trên địa bàn.", 3, "II.4", 9
    )
    asked = ["giao", "nhiệm", "vụ", "cơ", "quan"]
    assert not lists._names_the_item(asked, item, marked=True)
    assert lists._names_the_item(["giao", "nhiem", "vu", "co", "quan"], item)  # typed without marks: it may
