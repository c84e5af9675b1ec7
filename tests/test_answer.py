"""Answering on the real sample index: scope, school years, extractive quotes, refusals, fusion, LLM path."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.answer.api import InvalidQuestion
from bot.answer.extractive import query_weights, quote
from bot.answer.llm import LLMAnswerer, OpenAICompatibleClient, verify
from bot.answer.models import display_title
from bot.answer.scope import Scope, province_note
from bot.answer.service import AnswerService
from bot.prompts import load_prompts
from bot.ranking.fusion import rrf, weighted
from bot.settings import REPO
from ingest.models import DocumentMeta
from tests.fake_llm import completion, fake_llm


def test_rrf_and_weighted_fusion() -> None:
    fused = rrf([{1: 9.0, 2: 5.0}, {2: 0.9, 3: 0.8}])
    assert max(fused, key=lambda r: fused[r]) == 2  # in both lists
    w = weighted({1: 10.0, 2: 0.0}, {1: 0.5, 2: 1.0}, dense_weight=0.25)
    assert w[1] == pytest.approx(0.75) and w[2] == pytest.approx(0.25)


def test_extractive_quote_keeps_numbers_intact() -> None:
    text = (
        "Tập trung tham mưu hoàn thành mục tiêu xây dựng 714 phòng học, 148 nhà ăn bếp theo Kế hoạch số "
        "313/KH-UBND ngày 28/11/2018 của UBND tỉnh. Tiếp tục rà soát cơ sở vật chất."
    )
    out = quote(text, query_weights(["phong", "hoc", "nha", "an", "bep"], {}))
    assert "714 phòng học, 148 nhà ăn bếp" in out and "313/KH-UBND ngày 28/11/2018" in out


def test_answer_cites_document_and_section(service: AnswerService) -> None:
    a = service.ask("Môn Tin học và Ngoại ngữ bắt đầu triển khai với lớp 3 từ năm học nào?", "An Giang")
    assert a.found and a.citations[0].section == "I.3.b"
    assert "2022-2023" in a.answer
    assert "Chỉ thị 04/CT-UBND (UBND tỉnh An Giang, 14/9/2021), mục I.3.b" in a.answer
    assert a.citations[0].school_year == "2021-2022"
    d = a.to_dict()
    # understood_as / conversation_id: set when a follow-up is answered in a conversation (bot/conversation)
    assert set(d) == {
        "question", "found", "answer", "notes", "citations", "understood_as", "conversation_id", "small_talk"
    }  # fmt: skip
    assert d["understood_as"] is None and d["conversation_id"] is None
    assert {
        "doc_id",
        "doc_type",
        "doc_number",
        "title",
        "issuer",
        "province",
        "school_year",
        "issued_date",
        "section",
        "section_title",
        "text",
        "score",
    } <= set(d["citations"][0])


def test_no_tone_marks(service: AnswerService) -> None:
    a = service.ask("an giang phuong cham day hoc khi co dich covid la gi")
    assert a.found and a.citations[0].doc_number == "04/CT-UBND" and a.citations[0].section == "I.1"


def test_refuses_out_of_scope_and_cites_nothing(service: AnswerService) -> None:
    a = service.ask("Giá vàng hôm nay bao nhiêu một chỉ?")
    assert not a.found and a.citations == [] and "không đề cập" in a.answer


def test_a_refusal_names_the_nearest_section_without_quoting_or_citing_it(service: AnswerService) -> None:
    # Asked in other words than the documents', the section that ranked first may still be the one: it is named, with
    # a caveat, so that it can be looked up; the answer stays a refusal with no citation.
    a = service.ask("Giá vàng hôm nay bao nhiêu một chỉ?")
    assert not a.found and a.citations == [] and "Mục gần nhất" not in a.answer
    nearest = [n for n in a.notes if n.startswith("Mục gần nhất tìm được, có thể không liên quan: ")]
    assert len(nearest) == 1 and ", mục " in nearest[0]


def test_a_refusal_by_scope_names_no_section(service: AnswerService) -> None:
    a = service.ask("Năm học 2030-2031 An Giang yêu cầu gì?")
    assert not a.found and not any("Mục gần nhất" in n for n in a.notes)


def test_newest_available_year_is_announced(service: AnswerService) -> None:
    a = service.ask("Năm nay Lào Cai có chỉ tiêu gì về phổ cập giáo dục mầm non?")
    assert a.found and a.citations[0].school_year == "2021-2022"
    assert any("2021-2022" in n and "2026-2027" in n for n in a.notes)


def test_explicit_year_and_province_scope(service: AnswerService) -> None:
    a = service.ask("Lào Cai năm học 2019-2020 củng cố phổ cập giáo dục ở bao nhiêu xã?")
    assert a.found and a.citations[0].school_year == "2019-2020" and "164" in a.answer
    b = service.ask("Chủ đề năm học 2024-2025 của Lào Cai là gì?")
    assert not b.found and "2024-2025" in b.answer


def test_province_chosen_by_user_limits_search(service: AnswerService) -> None:
    a = service.ask("Phương châm dạy học khi có dịch là gì?", province="Lai Châu")
    docs = {d.id: d for d in service.list_documents()}
    # Lai Châu's, or a document whose province was only read from its body (doubtful: kept, ranked lower).
    assert not a.found or all(
        c.province == "Lai Châu" or not docs[c.doc_id].meta.confident("province") for c in a.citations
    )
    assert not a.found or a.citations[0].province == "Lai Châu"
    b = service.ask("Phương châm dạy học khi có dịch là gì?", province="Cà Mau")
    # No Cà Mau directive: surely-placed documents of other provinces are out; one whose province was read
    # only from its body (doubtful) may still answer, and the note says there is no Cà Mau directive.
    if b.found:
        assert all(not docs[c.doc_id].meta.confident("province") for c in b.citations)
        assert any("Cà Mau" in n for n in b.notes)
    else:  # refused by scope (the answer says why) or because the other documents do not say it (the note)
        assert "Cà Mau" in b.answer or any("Cà Mau" in n for n in b.notes)
    d = service.ask("Chủ đề năm học là gì?", province="Cà Mau")
    assert not d.found or all(x.province not in ("An Giang", "Lào Cai") for x in d.citations)


def test_document_number_question(service: AnswerService) -> None:
    a = service.ask("Chỉ thị về nhiệm vụ năm học 2020-2021 của UBND tỉnh Lai Châu có số hiệu là gì?")
    assert a.found and "10/CT-UBND" in a.answer


def test_list_question_lists_section_titles(service: AnswerService) -> None:
    a = service.ask("Các giải pháp chủ yếu năm học 2019-2020 của Sở GD&ĐT Lào Cai gồm những gì?")
    assert a.found and "Đẩy mạnh cải cách hành chính" in a.answer and a.citations[0].section == "II"


@pytest.mark.parametrize("question", ["", "   ", "\u200b\u200b", "😀😀", "?" * 5, "a" * 1001])
def test_bad_questions_rejected_clearly(service: AnswerService, question: str) -> None:
    with pytest.raises(InvalidQuestion):
        service.ask(question)


def test_nfd_and_zero_width_question_answered(service: AnswerService) -> None:
    import unicodedata

    q = unicodedata.normalize("NFD", "Phương châm dạy học khi có dịch COVID-19 của An\u200b Giang là gì?")
    assert service.ask(q).found


# -- LLM path against a fake OpenAI-compatible server on 127.0.0.1 --------------------------------


def _llm_service(service: AnswerService, url: str, timeout: float = 2.0) -> AnswerService:
    client = OpenAICompatibleClient(url, "test-key", "fake-model", timeout=timeout)
    llm = LLMAnswerer(client, load_prompts(REPO / "prompts"))
    return AnswerService(
        service.live, service.retriever, service.embedder, today=lambda: date(2026, 11, 23), llm=llm
    )


Q = "Chương trình giáo dục mầm non sửa đổi được thực hiện theo thông tư nào?"


def test_llm_good_answer_is_used(service: AnswerService) -> None:
    def reply(body: dict[str, Any]) -> tuple[int, Any, float]:
        return 200, completion("Thực hiện theo Thông tư số 51/2020/TT-BGDĐT ngày 31/12/2020 [1]."), 0.0

    with fake_llm(reply) as (url, calls):
        a = _llm_service(service, url).ask(Q)
    assert (
        "Thông tư số 51/2020/TT-BGDĐT ngày 31/12/2020 [1]" in a.answer and a.citations[0].section == "I.3.a"
    )
    assert calls[0]["auth"] == "Bearer test-key" and calls[0]["path"] == "/v1/chat/completions"
    assert "[1]" in calls[0]["body"]["messages"][1]["content"]


@pytest.mark.parametrize(
    "bad",
    [
        "Theo Thông tư 51/2020/TT-BGDĐT [7].",  # marker out of range
        "Theo Thông tư 99/2099/TT-BGDĐT ngày 1/1/2099 [1].",  # invented document number
        "Chỉ tiêu đạt 73,5% [1].",  # invented number
        "Không có căn cứ.",  # no citation at all
    ],
)
def test_llm_unverifiable_answer_falls_back_to_extractive(service: AnswerService, bad: str) -> None:
    with fake_llm(lambda body: (200, completion(bad), 0.0)) as (url, _):
        a = _llm_service(service, url).ask(Q)
    assert a.found and bad not in a.answer and a.answer.startswith("“")


@pytest.mark.parametrize("status,delay", [(500, 0.0), (200, 3.0)])
def test_llm_error_or_timeout_falls_back_with_one_retry(
    service: AnswerService, status: int, delay: float
) -> None:
    with fake_llm(lambda body: (status, completion("x [1]"), delay)) as (url, calls):
        a = _llm_service(service, url, timeout=0.5).ask(Q)
    assert a.found and a.answer.startswith("“") and len(calls) == 2


def test_llm_says_no_answer_gives_refusal(service: AnswerService) -> None:
    with fake_llm(lambda body: (200, completion("KHÔNG_CÓ_THÔNG_TIN"), 0.0)) as (url, _):
        a = _llm_service(service, url).ask(Q)
    assert not a.found and a.citations == []


def test_verify_rejects_canary_leak() -> None:
    assert verify("Mã là CANARY-abc [1]", ["đoạn"], "CANARY-abc") is None
    assert verify("Đạt 99,9% [1]", ["duy trì đạt 99,9% trở lên"], "CANARY-x") == [1]


def test_control_characters_are_removed_then_answered(service: AnswerService) -> None:
    a = service.ask("\x07Phương châm dạy học khi có dịch COVID-19 của An Giang là gì?\x1b\x00")
    assert a.found and "\x07" not in a.question and "\x00" not in a.question


def test_english_question_is_refused_without_citations(service: AnswerService) -> None:
    a = service.ask("What does the ministry say about the salary of foreign lecturers?")
    assert not a.found and a.citations == []


def test_markup_in_question_is_kept_as_text_and_answered(service: AnswerService) -> None:
    a = service.ask("<b>Phương châm</b> dạy học khi có dịch của <script>An Giang</script>?")
    assert a.found and a.citations[0].province == "An Giang" and a.question.startswith("<b>")


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("NHIỆM VỤ CHUNG", "Nhiệm vụ chung"),
        (
            "NHIỆM VỤ CHỦ YẾU NĂM HỌC 2017-2018 CỦA NGÀNH GIÁO DỤC TỈNH BÌNH PHƯỚC",
            "Nhiệm vụ chủ yếu năm học 2017-2018 của ngành giáo dục tỉnh Bình Phước",
        ),
        (
            "LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC, PHONG CÁCH HỒ CHÍ MINH",
            "Làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        ),
        ("GIÁO DỤC THPT VÀ GD&ĐT", "Giáo dục THPT và GD&ĐT"),  # acronyms keep their capitals
        # so do words no Vietnamese syllable could be
        ("ỨNG PHÓ VỚI DỊCH COVID-19 VÀ GIÁO DỤC STEM", "Ứng phó với dịch COVID-19 và giáo dục STEM"),
        ("NGHỊ QUYẾT VỀ KHUYẾN KHÍCH NGƯỜI HỌC QUỐC GIA", "Nghị quyết về khuyến khích người học quốc gia"),
        ("Giáo dục mầm non", "Giáo dục mầm non"),  # written in sentence case already: unchanged
    ],
)
def test_headings_in_capitals_are_cited_as_sentences(title: str, shown: str) -> None:
    assert display_title(title) == shown


def test_a_refusal_dates_the_newest_document_of_the_province_asked(service: AnswerService) -> None:
    # Sơn La's newest text is of 2019-2020; Lai Châu's 2020-2021 says nothing of Sơn La's documents.
    answer = service.ask("Sơn La thu học phí mầm non bao nhiêu tiền một tháng?")
    assert not answer.found
    assert any("mới nhất hiện có là năm học 2019-2020" in n for n in answer.notes), answer.notes


def test_a_list_from_one_provinces_text_says_whose_it_is(service: AnswerService) -> None:
    # Each province lists its own groups of solutions: a question naming none is told whose list it reads.
    answer = service.ask("Có những nhóm giải pháp cơ bản nào?")
    assert answer.found and answer.answer.splitlines()[1].startswith("1. Tiếp tục hoàn thiện thể chế")
    assert any("danh sách trên là của Lai Châu" in n for n in answer.notes), answer.notes
    named = service.ask("Lai Châu có những nhóm giải pháp cơ bản nào?")
    assert not any("chưa nêu tỉnh" in n for n in named.notes)


def test_an_answer_from_another_provinces_text_says_whose_it_is(service: AnswerService) -> None:
    # A portal's copy of Lai Châu's directive has a doubtful province, so it stays in Lào Cai's scope, ranked lower;
    # quoted for Lào Cai, the answer says it is Lai Châu's.
    answer = service.ask("Lào Cai chỉ đạo gì về chuyển đổi số?")
    assert answer.found and answer.citations[0].province == "Lai Châu"
    assert any("văn bản của Lai Châu, không phải của Lào Cai" in n for n in answer.notes), answer.notes
    own = service.ask("An Giang chỉ đạo gì về chuyển đổi số?")
    assert own.found and not any("không phải của" in n for n in own.notes)
    # A province merged into the one asked is its own: Yên Bái's text answers for Lào Cai.
    merged = DocumentMeta(doc_type="Công văn", doc_number=None, issuer="Sở GD&ĐT Yên Bái", province="Yên Bái",
                          issued_date=None, school_year=None, title="", source="a.txt")  # fmt: skip
    assert province_note(Scope(None, False, province="Lào Cai"), merged) is None


def test_the_parts_of_a_part_named_by_its_place(service: AnswerService) -> None:
    # "Mục I.3 … gồm những nội dung gì?" lists I.3's points, not the directive's outline; the document named
    # decides the province, so no note asks for one.
    for question in ("Mục I.3 chỉ thị 04 gồm những nội dung gì?", "Mục I.3 chỉ thị 04 có mấy ý?"):
        answer = service.ask(question)
        assert answer.found and answer.citations[0].section == "I.3", question
        lines = answer.answer.splitlines()
        assert lines[1].startswith("1. Triển khai thực hiện Chương trình Giáo dục mầm non") and lines[
            3
        ].startswith("3.")
        assert not any("chưa nêu tỉnh" in n for n in answer.notes)
