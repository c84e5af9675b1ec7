"""Follow-up rules one by one (bot/conversation/followup.py): no index, no model, a previous turn written by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.conversation.followup import Resolution, resolve
from bot.conversation.spans import level_spans, year_spans
from bot.conversation.state import Turn

TODAY = date(2026, 11, 23)

LAO_CAI = Turn(
    question="Năm học 2021-2022 Lào Cai củng cố phổ cập giáo dục ở bao nhiêu xã?",
    standalone="Năm học 2021-2022 Lào Cai củng cố phổ cập giáo dục ở bao nhiêu xã?",
    province="Lào Cai",
    school_year="2021-2022",
    cited_doc_id="lc-2021",
    cited_doc_label="Công văn của Sở GD&ĐT Lào Cai (tháng 9/2021)",
    cited_section="5",
    cited_ordinal=5,
    found=True,
    topic="củng cố phổ cập giáo dục xã",
)
AN_GIANG_DOC = Turn(
    question="Phương châm dạy học khi có dịch của An Giang năm học 2021-2022 là gì?",
    standalone="Phương châm dạy học khi có dịch của An Giang năm học 2021-2022 là gì?",
    province="An Giang",
    school_year="2021-2022",
    cited_doc_id="ag-04",
    cited_doc_label="Chỉ thị 04/CT-UBND",
    cited_section="I.1",
    cited_ordinal=2,
    found=True,
)
PRIMARY = Turn(
    question="Chỉ tiêu hoàn thành chương trình lớp học ở tiểu học năm học 2021-2022?",
    standalone="Chỉ tiêu hoàn thành chương trình lớp học ở tiểu học năm học 2021-2022?",
    school_year="2021-2022",
    levels=["Tiểu học"],
    cited_doc_id="lc-2021",
    cited_doc_label="Công văn của Sở GD&ĐT Lào Cai (tháng 9/2021)",
    cited_section="4",
    cited_ordinal=4,
    found=True,
)
TONELESS = Turn(
    question="lao cai nam hoc 2019-2020 duy tri pho cap giao duc o bao nhieu xa",
    standalone="lao cai nam hoc 2019-2020 duy tri pho cap giao duc o bao nhieu xa",
    province="Lào Cai",
    school_year="2019-2020",
)
REFUSED = Turn(
    question="Lai Châu năm học 2021-2022 có chỉ đạo gì về chuyển đổi số?",
    standalone="Lai Châu năm học 2021-2022 có chỉ đạo gì về chuyển đổi số?",
    province="Lai Châu",
    school_year="2021-2022",
    found=False,
)


def follow(text: str, previous: Turn | None = LAO_CAI, **kw: object) -> Resolution:
    return resolve(text, previous, TODAY, **kw)  # type: ignore[arg-type]


# -- self-contained --------------------------------------------------------------------------------------------


def test_no_previous_turn_is_always_self_contained() -> None:
    r = follow("Còn năm học 2019-2020 thì sao?", None)
    assert r.kind == "self" and r.standalone == "Còn năm học 2019-2020 thì sao?" and not r.rewritten


@pytest.mark.parametrize(
    "text",
    [
        "Sơn La chỉ đạo gì về phòng, chống bạo lực học đường năm học 2019-2020?",  # own topic and scope
        "Môn Tin học và Ngoại ngữ bắt đầu triển khai với lớp 3 từ năm học nào?",  # own topic, no marker
        "Còn An Giang năm học 2021-2022 quan tâm tư vấn tâm lý cho học sinh như thế nào?",  # "còn" + own scope
        "Con em gia đình khó khăn được hỗ trợ những gì?",  # "con" (child) with tone marks elsewhere is not "còn"
        "Chương trình giáo dục mầm non sửa đổi được thực hiện theo thông tư nào?",
    ],
)
def test_self_contained_questions_start_afresh(text: str) -> None:
    r = follow(text)
    assert r.kind == "self" and r.standalone == text and r.doc_ids == []


# -- ellipsis: the last question in a new scope ----------------------------------------------------------------


def test_new_school_year_replaces_the_old_one_in_place() -> None:
    r = follow("Còn năm học 2019-2020 thì sao?")
    assert r.kind == "followup" and r.rewritten
    assert r.standalone == "Năm học 2019-2020 Lào Cai củng cố phổ cập giáo dục ở bao nhiêu xã?"


def test_new_province_replaces_the_old_one_and_the_year_is_carried() -> None:
    r = follow("thế còn An Giang?")
    assert r.standalone == "Năm học 2021-2022 An Giang củng cố phổ cập giáo dục ở bao nhiêu xã?"


def test_carried_year_is_dropped_for_a_province_that_has_no_document_for_it() -> None:
    r = follow("Thế còn Lai Châu?", years_of=lambda province: {"2020-2021"})
    assert r.standalone == "Lai Châu củng cố phổ cập giáo dục ở bao nhiêu xã?"


def test_this_year_said_relatively_is_kept_for_a_province_without_a_document_for_it() -> None:
    # "năm nay" only prefers the year (it never refuses): the other province's newest directive answers it.
    asked = "Hà Tĩnh năm nay tuyển sinh lớp 10 thế nào?"
    previous = Turn(asked, asked, province="Hà Tĩnh", school_year="2026-2027", found=True)
    r = resolve("Còn Nghệ An thì sao?", previous, TODAY, years_of=lambda province: {"2025-2026"})
    assert r.standalone == "Nghệ An năm nay tuyển sinh lớp 10 thế nào?"


def test_province_without_tone_marks() -> None:
    r = follow("con lai chau thi sao")
    assert r.kind == "followup"
    assert r.standalone == "Năm học 2021-2022 Lai Châu củng cố phổ cập giáo dục ở bao nhiêu xã?"


def test_fragment_with_only_a_province_continues() -> None:
    assert follow("An Giang?").standalone.startswith("Năm học 2021-2022 An Giang củng cố")


@pytest.mark.parametrize("text", ["còn cấp THCS?", "con cap 2 thi sao", "thế còn trung học cơ sở?"])
def test_new_level_replaces_the_old_one(text: str) -> None:
    r = follow(text, PRIMARY)
    assert r.standalone == "Chỉ tiêu hoàn thành chương trình lớp học ở THCS năm học 2021-2022?"


def test_previous_year_relative_to_the_conversation() -> None:
    r = follow("năm trước thì sao?")
    assert r.standalone == "Năm học 2020-2021 Lào Cai củng cố phổ cập giáo dục ở bao nhiêu xã?"
    assert follow("còn năm học sau?").standalone.startswith("Năm học 2022-2023 Lào Cai")


def test_toneless_question_stays_toneless() -> None:
    r = follow("con nam hoc 2021-2022", TONELESS)
    assert r.standalone == "Lao cai nam hoc 2021-2022 duy tri pho cap giao duc o bao nhieu xa"


def test_follow_up_after_a_refusal_keeps_its_topic() -> None:
    r = follow("còn năm học 2020-2021?", REFUSED)
    assert r.standalone == "Lai Châu năm học 2020-2021 có chỉ đạo gì về chuyển đổi số?"


# -- ellipsis with a new topic: the scope is carried ------------------------------------------------------------


def test_new_topic_carries_province_and_year() -> None:
    r = follow("thế còn chuyển đổi số?")
    assert r.kind == "followup" and r.topic == "chuyển đổi số"
    assert r.standalone == "Chuyển đổi số ở Lào Cai, năm học 2021-2022?"


def test_new_topic_typed_with_thi_sao() -> None:
    r = follow("còn phong trào học bơi thì sao?")
    assert r.standalone == "Phong trào học bơi ở Lào Cai, năm học 2021-2022?"


def test_exam_words_are_a_topic_not_a_frame() -> None:
    # "thi" (exam) and "hội" (contest) fold like "thì" and "hỏi": compared with tone marks they are content
    r = follow("còn các kỳ thi, hội thi thì sao?")
    assert "kỳ thi, hội thi" in r.standalone and "Lào Cai" in r.standalone


# -- references back ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "văn bản đó có hiệu lực khi nào?",
        "chỉ thị này có hiệu lực khi nào?",
        "Văn bản trên có hiệu lực khi nào?",
        "van ban do co hieu luc khi nao",
    ],
)
def test_document_reference_names_the_cited_document_and_restricts_to_it(text: str) -> None:
    r = follow(text, AN_GIANG_DOC)
    assert r.kind == "followup" and r.doc_ids == ["ag-04"]
    assert "04/CT-UBND" in r.standalone or "04/ct-ubnd" in r.standalone
    assert "hiệu lực" in r.standalone or "hieu luc" in r.standalone


def test_place_reference() -> None:
    r = follow("tỉnh đó có hỗ trợ giáo viên bị ảnh hưởng dịch không?", AN_GIANG_DOC)
    assert r.standalone.startswith("Tỉnh An Giang có hỗ trợ giáo viên") and "2021-2022" in r.standalone


def test_year_reference() -> None:
    r = follow("năm học đó An Giang chỉ đạo gì về lạm thu?")
    assert r.standalone == "Năm học 2021-2022 An Giang chỉ đạo gì về lạm thu?"


def test_section_reference_with_a_topic_searches_in_the_cited_document() -> None:
    r = follow("mục trên có nói về tiếng Anh không?", AN_GIANG_DOC)
    assert r.doc_ids == ["ag-04"] and r.standalone.startswith(
        "Mục I.1 của Chỉ thị 04/CT-UBND có nói về tiếng Anh"
    )


@pytest.mark.parametrize(
    "text",
    [
        "cụ thể hơn",
        "chi tiết hơn",
        "chi tiet hon duoc khong",
        "mục đó nói gì thêm?",
        "nói rõ hơn",
        "nói cụ thể hơn đi nhé",
    ],
)
def test_asking_for_more_shows_the_cited_section(text: str) -> None:
    r = follow(text, AN_GIANG_DOC)
    assert r.kind == "followup" and r.detail and r.standalone == AN_GIANG_DOC.standalone


def test_no_detail_without_a_cited_section() -> None:
    r = follow("cụ thể hơn", REFUSED)
    assert r.kind == "followup" and not r.detail


# -- spans found with bot.understanding.query's own rules ----------------------------------------------------------------------


def test_spans() -> None:
    text = "Năm học 2021 - 2022 trường mầm non, tiểu học và THCS"
    assert [text[a:b] for a, b in year_spans(text)] == ["Năm học 2021 - 2022"]
    assert [text[a:b] for a, b in level_spans(text)] == ["mầm non, tiểu học và THCS"]


def test_new_words_list_what_the_user_typed() -> None:
    r = follow("thế còn An Giang năm học 2019-2020?")
    assert "An Giang" in r.new_words and "2019-2020" in r.new_words


# -- the same question about a sibling ----------------------------------------------------------------------------
TERM = Turn(
    question="Năm nay học kỳ 1 kết thúc khi nào?",
    standalone="Năm nay học kỳ 1 kết thúc khi nào?",
    school_year="2026-2027",
    found=True,
)
EXAM = Turn(
    question="Thi học sinh giỏi lớp 12 tổ chức khi nào?",
    standalone="Thi học sinh giỏi lớp 12 tổ chức khi nào?",
    found=True,
)


@pytest.mark.parametrize(
    ("previous", "text", "expected"),
    [
        (TERM, "Học kỳ 2 thì sao?", "Năm nay học kỳ 2 kết thúc khi nào?"),
        (TERM, "còn học kỳ II?", "Năm nay học kỳ II kết thúc khi nào?"),
        (TERM, "hoc ky 2 thi sao", "Năm nay học kỳ 2 kết thúc khi nào?"),
        (EXAM, "Lớp 9 thì sao ạ?", "Thi học sinh giỏi lớp 9 tổ chức khi nào?"),
    ],
)
def test_a_numbered_sibling_asks_the_last_question_again_about_it(
    previous: Turn, text: str, expected: str
) -> None:
    # "Học kỳ 2" is what "học kỳ 1" was in the last question: the question is asked again with the new number
    # (its predicate, "kết thúc khi nào", is not lost), in the last question's spelling.
    r = resolve(text, previous, TODAY)
    assert r.kind == "followup" and r.standalone == expected


def test_a_grade_the_last_question_does_not_name_is_read_as_its_level() -> None:
    r = resolve("còn lớp 9?", LAO_CAI, TODAY)
    assert r.standalone == "Năm học 2021-2022 Lào Cai củng cố phổ cập giáo dục ở bao nhiêu xã cấp THCS?"


def test_another_document_by_its_number_replaces_the_type_word_too() -> None:
    # "Thông báo 1894/TB-SCT gửi cho ai?" then "Còn kế hoạch 1105 thì sao?": the new reference replaces the old
    # one with its type word, not after it ("Thông báo Kế hoạch 1105 …").
    asked = "Thông báo 1894/TB-SCT gửi cho ai?"
    notice = replace(AN_GIANG_DOC, question=asked, standalone=asked, province=None, school_year=None)
    r = resolve("Còn kế hoạch 1105 thì sao?", notice, TODAY)
    assert r.kind == "followup" and r.standalone == "Kế hoạch 1105 gửi cho ai?"


# -- a property of the last topic ------------------------------------------------------------------------------

NGHE_AN = Turn(
    question="Nghệ An năm nay yêu cầu gì về tuyển dụng giáo viên?",
    standalone="Nghệ An năm nay yêu cầu gì về tuyển dụng giáo viên?",
    province="Nghệ An",
    school_year="2026-2027",
    cited_doc_id="na-21",
    cited_doc_label="Chỉ thị 21/CT-UBND",
    cited_section="2.a",
    cited_ordinal=3,
    found=True,
    topic="tuyển dụng giáo viên",
)


@pytest.mark.parametrize(
    ("text", "standalone"),
    [
        ("hạn chót là khi nào?", "Hạn chót tuyển dụng giáo viên là khi nào ở Nghệ An, năm nay?"),
        ("thế còn kinh phí?", "Kinh phí tuyển dụng giáo viên ở Nghệ An, năm nay?"),
        ("han chot la khi nao", "han chot tuyen dung giao vien la khi nao o nghe an, nam nay?"),
    ],
)
def test_a_property_asked_alone_is_the_last_topics(text: str, standalone: str) -> None:
    # "năm nay" is carried as said: the year it was read as would filter out Nghệ An's newest directive.
    r = follow(text, NGHE_AN)
    assert r.kind == "followup" and r.standalone.lower() == standalone.lower()
    assert r.topic == "tuyển dụng giáo viên"  # the subject stays for the next property asked


def test_a_first_question_keeps_its_topic() -> None:
    r = follow("Nghệ An năm nay yêu cầu gì về tuyển dụng giáo viên?", None)
    assert r.kind == "self" and r.topic == "tuyển dụng giáo viên"


def test_a_property_with_a_subject_of_its_own_starts_afresh() -> None:
    r = follow("Hạn chót nộp hồ sơ thi đua là khi nào?", NGHE_AN)
    assert r.kind == "self"


def test_a_message_naming_only_a_scope_sets_it_for_the_next() -> None:
    # "Hà Tĩnh" (answered with the province's documents), then a question of its own without a province.
    scope_only = Turn(question="Hà Tĩnh", standalone="Hà Tĩnh", province="Hà Tĩnh", found=True)
    r = follow("năm nay yêu cầu gì về chuyển đổi số?", scope_only)
    assert r.kind == "followup" and r.standalone == "Năm nay yêu cầu gì về chuyển đổi số ở Hà Tĩnh?"
    # A province of its own replaces it; after a question with a topic, a new topic starts afresh.
    assert follow("Nghệ An yêu cầu gì về chuyển đổi số?", scope_only).kind == "self"
    assert follow("Năm nay yêu cầu gì về chuyển đổi số?", NGHE_AN).kind == "self"


def test_who_is_responsible_is_asked_of_the_last_topic() -> None:
    r = follow("ai chịu trách nhiệm?", NGHE_AN)
    assert (
        r.kind == "followup"
        and r.standalone == "Ai chịu trách nhiệm tuyển dụng giáo viên ở Nghệ An, năm nay?"
    )


def test_another_province_after_the_ministry_asks_the_provinces_own_text() -> None:
    # "còn Hà Tĩnh và Nghệ An?" after "Bộ yêu cầu …?": the Bộ is dropped, both provinces asked (each answered).
    asked = "Bộ yêu cầu bồi dưỡng giáo viên bao nhiêu tiết?"
    previous = Turn(asked, asked, found=True, topic="bồi dưỡng giáo viên tiết")
    r = follow("còn Hà Tĩnh và Nghệ An?", previous)
    assert (
        r.kind == "followup"
        and r.standalone == "Yêu cầu bồi dưỡng giáo viên bao nhiêu tiết ở Hà Tĩnh và Nghệ An?"
    )
    # Only the Bộ goes, not what it was asked to do: "Bộ yêu cầu gì về …" → "yêu cầu gì về … ở Hà Tĩnh".
    asked = "Bộ yêu cầu gì về bồi dưỡng giáo viên?"
    r = follow("còn Hà Tĩnh thì sao?", Turn(asked, asked, found=True, topic="bồi dưỡng giáo viên"))
    assert r.standalone == "Yêu cầu gì về bồi dưỡng giáo viên ở Hà Tĩnh?"


REPORT = Turn(
    question="còn báo cáo tổng kết năm học gửi Bộ thì hạn chót khi nào?",
    standalone="Báo cáo tổng kết năm học gửi Bộ thì hạn chót khi nào năm học 2026-2027?",
    school_year="2026-2027",
    cited_doc_id="bgd-4215",
    cited_doc_label="Công văn 4215/BGDĐT-GDPT",
    cited_section="III.2",
    cited_ordinal=30,
    found=True,
    topic="báo cáo tổng kết gửi Bộ hạn chót",
)


def test_a_property_asked_of_another_year_is_still_the_last_topics() -> None:
    # "hồi năm học 2017-2018 …": a year of its own, and only a property ("hạn … ngày nào") of the last topic.
    r = follow("hồi năm học 2017-2018 Bộ cho hạn là ngày nào vậy?", REPORT)
    assert r.kind == "followup"
    assert r.standalone == "Hồi năm học 2017-2018 Bộ cho hạn báo cáo tổng kết gửi Bộ là ngày nào?"
    assert r.doc_ids == []  # another year: not the document cited last


STEM = Turn(
    question="thế STEM thì mỗi trường THPT phải tổ chức mấy chủ đề một năm?",
    standalone="Thế STEM thì mỗi trường THPT phải tổ chức mấy chủ đề một năm ở Hà Tĩnh, năm học 2026-2027?",
    province="Hà Tĩnh",
    school_year="2026-2027",
    cited_doc_id="sgd-ht",
    cited_doc_label="Công văn 2104/SGDĐT-GDTrH",
    cited_section="Thứ ba",
    cited_ordinal=3,
    found=True,
    topic="STEM trường tổ chức chủ đề",
)


def test_the_thing_asked_before_is_referred_to_and_the_ministry_is_national() -> None:
    # "cái này": what the last question was about; the Bộ's texts are national, so Hà Tĩnh is not carried.
    r = follow("cái này Bộ quy định thế nào?", STEM)
    assert r.kind == "followup"
    asked = "Thế STEM thì mỗi trường THPT phải tổ chức mấy chủ đề một năm, năm học 2026-2027 theo Bộ?"
    assert r.standalone == asked
    assert follow("còn Bộ thì sao?", STEM).standalone == asked
    # Another Sở keeps the province asked.
    assert "Hà Tĩnh" in follow("còn Sở GD&ĐT thì sao?", STEM).standalone


ENGLISH = Turn(
    question="còn tiếng Anh hệ 10 năm cho lớp 3 thì chỉ tiêu bao nhiêu %?",
    standalone="Tiếng Anh hệ 10 năm cho lớp 3 thì chỉ tiêu bao nhiêu % ở Thái Nguyên, năm học 2016-2017?",
    province="Thái Nguyên",
    school_year="2016-2017",
    cited_doc_id="tn-1420",
    cited_doc_label="Công văn 1420/SGDĐT-VP",
    cited_section="II.2.c",
    cited_ordinal=9,
    found=True,
    topic="tiếng Anh hệ chỉ tiêu",
)


def test_a_target_named_back_in_another_year_is_the_same_target_not_the_cited_section() -> None:
    r = follow("thế năm học 2017-2018 Bộ đặt chỉ tiêu này là bao nhiêu?", ENGLISH)
    assert r.standalone == "Thế năm học 2017-2018 Bộ đặt chỉ tiêu tiếng Anh hệ là bao nhiêu?"
    assert r.doc_ids == []
    # In the same scope, it is still the section cited.
    same = follow("chỉ tiêu này áp dụng cho ai?", ENGLISH)
    assert "Mục II.2.c" in same.standalone and same.doc_ids == ["tn-1420"]


def test_the_last_question_again_in_another_year_carries_the_province() -> None:
    theme = Turn(
        question="Chủ đề năm học 2021-2022 của ngành giáo dục Lào Cai là gì vậy ạ?",
        standalone="Chủ đề năm học 2021-2022 của ngành giáo dục Lào Cai là gì vậy ạ?",
        province="Lào Cai",
        school_year="2021-2022",
        found=True,
        topic="Chủ đề ngành giáo dục",
    )
    r = follow("năm học 2019-2020 thì chủ đề là gì?", theme)
    assert r.kind == "followup" and r.standalone == "Năm học 2019-2020 thì chủ đề là gì ở Lào Cai?"
    # A topic of its own in a year of its own starts afresh.
    assert follow("năm học 2019-2020 tuyển bao nhiêu giáo viên?", theme).kind == "self"


def test_the_thing_named_back_is_put_once() -> None:
    # "cái đó hạn chót khi nào?": "cái đó" is the last topic; the property needs it no second time.
    r = follow("cái đó hạn chót khi nào?", NGHE_AN)
    assert r.standalone == "Tuyển dụng giáo viên hạn chót khi nào ở Nghệ An, năm nay?"


def test_another_group_of_the_same_level_and_the_courtesy_left_behind() -> None:
    enrolled = "Đắk Lắk năm học 2023-2024 huy động trẻ mẫu giáo ra lớp bao nhiêu %?"
    previous = Turn(
        enrolled, enrolled, province="Đắk Lắk", school_year="2023-2024", levels=["Mầm non"], found=True
    )
    # "nhà trẻ" and "mẫu giáo" are both "mầm non": the group typed replaces the one asked before.
    r = follow("còn nhà trẻ?", previous)
    assert r.standalone == "Đắk Lắk năm học 2023-2024 huy động trẻ nhà trẻ ra lớp bao nhiêu %?"
    # "… thì sao ạ": the frame goes and the courtesy after it too.
    team = follow("đội tuyển quốc gia thì sao ạ", NGHE_AN)
    assert team.standalone == "Đội tuyển quốc gia ở Nghệ An, năm nay?"


def test_a_property_of_the_last_topic_named_in_its_words_continues_it() -> None:
    asked = "Năm học này Sở Hà Tĩnh tổ chức thi học sinh giỏi lớp 12 ngày nào?"
    contest = Turn(asked, asked, province="Hà Tĩnh", found=True, topic="tổ chức thi học sinh giỏi")
    r = follow("địa điểm thi ở đâu?", contest)  # "địa điểm": a property; "thi": the last topic's word
    assert r.kind == "followup" and r.standalone == "Địa điểm thi ở đâu ở Hà Tĩnh?"
    assert follow("địa điểm tập huấn ở đâu?", contest).kind == "self"  # a topic of its own


def test_something_similar_elsewhere_is_the_last_question_asked_there() -> None:
    asked = "Quảng Ninh có chỉ tiêu gì về tiếng Trung?"
    previous = Turn(asked, asked, province="Quảng Ninh", found=True, topic="chỉ tiêu tiếng Trung")
    r = follow("Nghệ An có gì tương tự không?", previous)
    assert r.kind == "followup" and r.standalone == "Nghệ An có chỉ tiêu gì về tiếng Trung?"
    assert (
        follow("nghe an co gi tuong tu khong", previous).standalone
        == "Nghệ An có chỉ tiêu gì về tiếng Trung?"
    )


def test_a_fragment_saying_which_of_the_last_questions_noun_asks_it_again_of_those() -> None:
    asked = "Chỉ tiêu huy động trẻ ra lớp là bao nhiêu %?"
    previous = Turn(asked, asked, province="Đắk Lắk", found=True, topic="chỉ tiêu huy động trẻ lớp")
    r = follow("thế còn trẻ 5 tuổi?", previous)
    assert r.standalone == "Chỉ tiêu huy động trẻ 5 tuổi ra lớp là bao nhiêu % ở Đắk Lắk?"
    # Typed without marks, the question is read so throughout.
    assert follow("the con tre 5 tuoi?", previous).standalone == (
        "Chi tieu huy dong tre 5 tuoi ra lop la bao nhieu % o dak lak?"
    )
    r = follow("còn giáo viên tiếng Anh thì sao?", NGHE_AN)  # the opening the last question writes, whole
    assert r.standalone == "Nghệ An năm nay yêu cầu gì về tuyển dụng giáo viên tiếng Anh?"


def test_a_fragment_narrows_only_a_noun_the_last_question_writes_in_its_own_spelling() -> None:
    # "phong trào" folds like "phòng học"; "UBND" stands inside the number "04/CT-UBND": neither is narrowed.
    asked = "Lào Cai năm học 2019-2020 phấn đấu xây dựng bao nhiêu phòng học?"
    r = follow("còn phong trào học bơi thì sao?", Turn(asked, asked, province="Lào Cai", found=True))
    assert r.standalone == "Phong trào học bơi ở Lào Cai?"
    asked = "Theo Chỉ thị 04/CT-UBND, Giám đốc Sở GDĐT An Giang phải làm gì?"
    r = follow("còn UBND các huyện thì sao?", Turn(asked, asked, province="An Giang", found=True))
    assert "04/CT-UBND các huyện" not in r.standalone


def test_such_a_thing_elsewhere_is_the_last_topic_asked_there() -> None:
    asked = "Hà Tĩnh khảo sát chất lượng lớp 9 môn gì?"
    survey = Turn(asked, asked, province="Hà Tĩnh", found=True, topic="khảo sát chất lượng môn")
    r = follow("Nghệ An có khảo sát như vậy không", survey)
    # "như vậy": such a survey; "chất lượng" is the topic's word, not the property "số lượng" asks.
    assert r.kind == "followup" and r.standalone == "Nghệ An có khảo sát chất lượng môn không"
    assert follow("Nghệ An tổ chức như thế nào?", survey).kind == "self"  # "như thế nào" asks how
