"""ConversationService on the real sample index: follow-ups answered as understood, the "Hiểu là" line,
the cited section in full, expiry, and the optional LLM condensation against the fake OpenAI-compatible server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.answer.llm import OpenAICompatibleClient
from bot.answer.service import AnswerService
from bot.chatdb import ChatDB
from bot.conversation.condense import LLMCondenser, keeps_new_words
from bot.conversation.service import UNDERSTOOD, ConversationService
from bot.conversation.state import ConversationStore
from bot.prompts import PromptError, load_condense_prompt
from bot.settings import Settings
from tests.fake_llm import completion, fake_llm

REPO = Path(__file__).resolve().parent.parent
FIRST = "Năm học 2021-2022 Lào Cai củng cố phổ cập giáo dục ở bao nhiêu xã, phường, thị trấn?"


class Clock:
    now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def conversations(
    service: AnswerService,
    settings: Settings,
    tmp_path: Path,
    clock: Clock | None = None,
    condenser: Any = None,
) -> ConversationService:
    store = ConversationStore(ChatDB(tmp_path / "chat.sqlite3"), ttl_seconds=1800, clock=clock or Clock())
    return ConversationService(service, store, condenser=condenser, today=settings.today)


def test_follow_up_is_answered_as_understood(
    service: AnswerService, settings: Settings, tmp_path: Path
) -> None:
    conv = conversations(service, settings, tmp_path)
    first = conv.ask_in("cli", "a", FIRST)
    assert first.understood_as is None and first.conversation_id == "a"
    assert first.citations[0].section == "5" and "152" in first.answer
    second = conv.ask_in("cli", "a", "Còn năm học 2019-2020 thì sao?")
    expected = "Năm học 2019-2020 Lào Cai củng cố phổ cập giáo dục ở bao nhiêu xã, phường, thị trấn?"
    assert second.understood_as == expected
    assert second.answer.startswith(f"{UNDERSTOOD}{expected}\n“")
    assert second.citations[0].section == "I.5" and "164" in second.answer
    data = second.to_dict()
    assert data["understood_as"] == expected and data["conversation_id"] == "a"
    assert data["question"] == "Còn năm học 2019-2020 thì sao?"
    # another conversation is untouched by the first one
    alone = conv.ask_in("cli", "b", "Còn năm học 2019-2020 thì sao?")
    assert alone.understood_as is None
    # asked politely, a follow-up is still one
    conv.ask_in("cli", "p", FIRST)
    polite = conv.ask_in("cli", "p", "Ad ơi, còn năm học 2019-2020 thì sao?")
    assert polite.understood_as == expected and polite.citations[0].section == "I.5"


def test_a_question_on_what_the_last_passage_writes_asks_about_that_passage(
    service: AnswerService, settings: Settings, tmp_path: Path
) -> None:
    # The passage cited first writes "phổ cập giáo dục mầm non cho trẻ 4 tuổi … trẻ 5 tuổi": a question that names
    # nothing of its own and whose every word that passage writes is about it, in that document.
    conv = conversations(service, settings, tmp_path)
    first = conv.ask_in("cli", "a", FIRST)
    second = conv.ask_in("cli", "a", "Trẻ mấy tuổi được phổ cập giáo dục mầm non?")
    assert second.understood_as is not None and second.understood_as.startswith("Trẻ mấy tuổi")
    assert second.citations[0].doc_id == first.citations[0].doc_id and "4 tuổi" in second.answer
    # Asked afresh, or with words the passage does not write, it is a question of its own.
    assert conv.ask_in("cli", "b", "Trẻ mấy tuổi được phổ cập giáo dục mầm non?").understood_as is None
    conv.ask_in("cli", "c", FIRST)
    assert conv.ask_in("cli", "c", "An Giang dạy học trực tuyến thế nào?").understood_as is None


def test_thanks_between_questions_leaves_the_follow_up_to_the_question_before(
    service: AnswerService, settings: Settings, tmp_path: Path
) -> None:
    from bot.understanding.smalltalk import THANKS_REPLY

    conv = conversations(service, settings, tmp_path)
    conv.ask_in("cli", "a", FIRST)
    thanks = conv.ask_in("cli", "a", "Cảm ơn bot nhé")
    assert thanks.answer == THANKS_REPLY and thanks.understood_as is None and thanks.conversation_id == "a"
    second = conv.ask_in("cli", "a", "Còn năm học 2019-2020 thì sao?")
    assert second.understood_as == (
        "Năm học 2019-2020 Lào Cai củng cố phổ cập giáo dục ở bao nhiêu xã, phường, thị trấn?"
    )


def test_more_detail_quotes_the_cited_section_in_full(
    service: AnswerService, settings: Settings, tmp_path: Path
) -> None:
    conv = conversations(service, settings, tmp_path)
    first = conv.ask_in("cli", "a", "Lào Cai có kế hoạch phổ cập giáo dục mầm non cho trẻ 4 tuổi không?")
    more = conv.ask_in("cli", "a", "cụ thể hơn")
    c = more.citations[0]
    assert (c.doc_id, c.section) == (first.citations[0].doc_id, first.citations[0].section)
    assert "152 xã" in c.text and "trẻ 4 tuổi" in c.text  # the whole section, not one chunk
    assert more.understood_as and more.understood_as.startswith("Mục 5 của")


def test_document_reference_stays_in_the_cited_document(
    service: AnswerService, settings: Settings, tmp_path: Path
) -> None:
    conv = conversations(service, settings, tmp_path)
    conv.ask_in("cli", "a", "Phương châm dạy học khi có dịch COVID-19 của An Giang năm học 2021-2022 là gì?")
    answer = conv.ask_in("cli", "a", "văn bản đó nói gì về chuyển đổi số?")
    assert answer.understood_as == "Chỉ thị 04/CT-UBND nói gì về chuyển đổi số?"
    # Nothing from another document; the gate may refuse this short question (README: short questions).
    assert {c.doc_id for c in answer.citations} <= {"an-giang-2021-2022-chi-thi-04-ct-ubnd"}


def test_expired_conversation_is_not_continued(
    service: AnswerService, settings: Settings, tmp_path: Path
) -> None:
    clock = Clock()
    conv = conversations(service, settings, tmp_path, clock)
    conv.ask_in("cli", "a", FIRST)
    clock.now += 31 * 60
    later = conv.ask_in("cli", "a", "Còn năm học 2019-2020 thì sao?")
    assert later.understood_as is None and not later.answer.startswith(UNDERSTOOD)


def test_ask_without_conversation_is_the_answer_service(
    service: AnswerService, settings: Settings, tmp_path: Path
) -> None:
    conv = conversations(service, settings, tmp_path)
    assert conv.ask(FIRST).to_dict() == service.ask(FIRST).to_dict()


# -- LLM condensation ---------------------------------------------------------------------------------------------


def condenser(base_url: str) -> LLMCondenser:
    client = OpenAICompatibleClient(base_url, "key", "model", timeout=5, retries=0)
    return LLMCondenser(client, load_condense_prompt(REPO / "prompts"))


def test_llm_rewrite_that_keeps_the_new_words_is_used(
    service: AnswerService, settings: Settings, tmp_path: Path
) -> None:
    rewrite = "Lào Cai năm học 2019-2020 củng cố phổ cập giáo dục ở bao nhiêu xã, phường, thị trấn?"
    with fake_llm(lambda body: (200, completion(rewrite), 0.0)) as (url, calls):
        conv = conversations(service, settings, tmp_path, condenser=condenser(url))
        conv.ask_in("cli", "a", FIRST)
        assert calls == []  # a first turn is never sent to the model
        answer = conv.ask_in("cli", "a", "Còn năm học 2019-2020 thì sao?")
    assert answer.understood_as == rewrite and answer.citations[0].section == "I.5"
    prompt = calls[0]["body"]["messages"][1]["content"]
    assert "Còn năm học 2019-2020 thì sao?" in prompt and FIRST in prompt


def test_llm_rewrite_that_drops_the_users_words_is_rejected(
    service: AnswerService, settings: Settings, tmp_path: Path
) -> None:
    # the model "forgets" the new school year and answers about the old one
    with fake_llm(lambda body: (200, completion(FIRST), 0.0)) as (url, calls):
        conv = conversations(service, settings, tmp_path, condenser=condenser(url))
        conv.ask_in("cli", "a", FIRST)
        answer = conv.ask_in("cli", "a", "Còn năm học 2019-2020 thì sao?")
    assert len(calls) == 1
    assert (
        answer.understood_as
        == "Năm học 2019-2020 Lào Cai củng cố phổ cập giáo dục ở bao nhiêu xã, phường, thị trấn?"
    )
    assert answer.citations[0].section == "I.5"


def test_llm_failure_leaves_the_rules(service: AnswerService, settings: Settings, tmp_path: Path) -> None:
    with fake_llm(lambda body: (500, {"error": "down"}, 0.0)) as (url, _):
        conv = conversations(service, settings, tmp_path, condenser=condenser(url))
        conv.ask_in("cli", "a", FIRST)
        answer = conv.ask_in("cli", "a", "thế còn An Giang?")
    assert answer.understood_as and "An Giang" in answer.understood_as


@pytest.mark.parametrize(
    ("rewrite", "message", "new_words", "ok"),
    [
        (
            "Lào Cai năm học 2019 - 2020 phổ cập giáo dục ở bao nhiêu xã?",
            "còn năm học 2019-2020?",
            ["2019-2020"],
            True,
        ),
        ("Lào Cai phổ cập giáo dục ở bao nhiêu xã?", "còn năm học 2019-2020?", ["2019-2020"], False),
        ("Chuyển đổi số ở Lào Cai năm học 2021-2022?", "thế còn chuyển đổi số?", ["chuyển đổi số"], True),
        ("Lào Cai năm học 2021-2022 làm gì?", "thế còn chuyển đổi số?", ["chuyển đổi số"], False),
        ("Chỉ tiêu ở cấp trung học cơ sở?", "còn cấp 2?", ["THCS"], True),
        ("Dạy Tin học lớp 4 từ năm nào?", "còn lớp 3?", ["Tiểu học"], False),  # the number 3 is gone
    ],
)
def test_keeps_new_words(rewrite: str, message: str, new_words: list[str], ok: bool) -> None:
    assert keeps_new_words(rewrite, message, new_words) is ok


def test_condense_prompt_is_validated(tmp_path: Path) -> None:
    assert "{message}" in load_condense_prompt(REPO / "prompts").user
    (tmp_path / "condense.toml").write_text('system = "x"\nuser = "{previous} {message}"\n', encoding="utf-8")
    with pytest.raises(PromptError, match="rules"):
        load_condense_prompt(tmp_path)
    (tmp_path / "condense.toml").write_text('system = "x"\nuser = "{previous} {message} {rules} {extra}"\n')
    with pytest.raises(PromptError, match="extra"):
        load_condense_prompt(tmp_path)


def test_a_question_naming_no_province_continues_in_the_province_it_was_answered_from(
    service: AnswerService, settings: Settings, tmp_path: Path
) -> None:
    # The first answer quotes Lào Cai's letter: "thế còn …" next asks of Lào Cai, as the user saw it.
    conv = conversations(service, settings, tmp_path)
    first = conv.ask_in("cli", "p", "Chỉ tiêu tỷ lệ học sinh đi học chuyên cần là bao nhiêu?")
    assert first.found and first.citations[0].province == "Lào Cai"
    second = conv.ask_in("cli", "p", "thế còn tỷ lệ học sinh bỏ học?")
    assert second.understood_as == "Tỷ lệ học sinh bỏ học ở Lào Cai?"
