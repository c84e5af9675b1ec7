"""Follow-ups on Telegram through the real PTB Application and the fake Bot API: one conversation per
(chat, user), /moi and the "🔄 Câu hỏi mới" button, expiry, and a restart that keeps the conversation."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.channels.telegram.handlers import NEW_CONVERSATION
from bot.chatdb import ChatDB
from tests.fake_bot_api import FakeBotAPI, buttons
from tests.fakes_service import FakeAnswerService
from tests.test_telegram import GROUP, USER, USER2, ask, press, run_bot

FIRST = "Năm học 2021-2022 An Giang đẩy mạnh chuyển đổi số thế nào?"


def test_private_follow_up_is_understood_and_shown(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        first = (await ask(api, FIRST))[0]
        assert "Hiểu là" not in first["text"]
        assert "🔄 Câu hỏi mới" in buttons(first)
        second = (await ask(api, "còn năm học 2019-2020 thì sao?"))[0]
        assert second["text"].startswith(
            "<i>Hiểu là: Năm học 2019-2020 An Giang đẩy mạnh chuyển đổi số thế nào?</i>"
        )
        third = (await ask(api, "con lao cai thi sao"))[0]
        assert "Hiểu là: Năm học 2019-2020 Lào Cai đẩy mạnh chuyển đổi số thế nào?" in third["text"]

    service = run_bot(api, tmp_path, scenario)
    assert service.asked() == [
        FIRST,
        "Năm học 2019-2020 An Giang đẩy mạnh chuyển đổi số thế nào?",
        "Năm học 2019-2020 Lào Cai đẩy mạnh chuyển đổi số thế nào?",
    ]


def test_group_teachers_interleave_without_crossing(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        await ask(api, f"/hoi {FIRST}", USER, GROUP)
        await ask(api, "/hoi Lai Châu chỉ đạo gì về kho học liệu số năm học 2020-2021?", USER2, GROUP)
        mine = (await ask(api, "/hoi thế còn Lào Cai?", USER, GROUP))[0]
        theirs = (await ask(api, "/hoi còn An Giang thì sao?", USER2, GROUP))[0]
        assert "chuyển đổi số" in mine["text"] and "kho học liệu" not in mine["text"]
        assert "kho học liệu số" in theirs["text"] and "chuyển đổi số" not in theirs["text"]

    service = run_bot(api, tmp_path, scenario)
    asked = service.asked()
    # Lào Cai has no 2021-2022 document: the carried year is dropped rather than refused
    assert asked[2] == "Lào Cai đẩy mạnh chuyển đổi số thế nào?"
    # An Giang has no 2020-2021 document either
    assert asked[3] == "An Giang chỉ đạo gì về kho học liệu số?"


def test_moi_and_the_button_start_afresh(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        await ask(api, FIRST)
        reply = (await ask(api, "/moi"))[0]
        assert reply["text"] == NEW_CONVERSATION
        fresh = (await ask(api, "còn năm học 2019-2020 thì sao?"))[0]
        assert "Hiểu là" not in fresh["text"]
        answered = (await ask(api, FIRST))[0]
        _, pressed = await press(api, buttons(answered)["🔄 Câu hỏi mới"])
        assert pressed["text"] == NEW_CONVERSATION
        again = (await ask(api, "còn năm học 2019-2020 thì sao?"))[0]
        assert "Hiểu là" not in again["text"]

    service = run_bot(api, tmp_path, scenario)
    assert service.asked().count("còn năm học 2019-2020 thì sao?") == 2


def test_moi_in_a_group_clears_only_the_sender(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        await ask(api, f"/hoi {FIRST}", USER, GROUP)
        await ask(api, f"/hoi {FIRST}", USER2, GROUP)
        await ask(api, "/moi", USER2, GROUP)
        mine = (await ask(api, "/hoi còn năm học 2019-2020 thì sao?", USER, GROUP))[0]
        theirs = (await ask(api, "/hoi còn năm học 2019-2020 thì sao?", USER2, GROUP))[0]
        assert "Hiểu là" in mine["text"] and "Hiểu là" not in theirs["text"]

    run_bot(api, tmp_path, scenario)


def test_conversation_expires_after_silence(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        await ask(api, FIRST)
        await asyncio.sleep(0.2)
        later = (await ask(api, "còn năm học 2019-2020 thì sao?"))[0]
        assert "Hiểu là" not in later["text"]

    run_bot(api, tmp_path, scenario, nhiemvu_conversation_minutes=0.001)  # 60 ms


def test_conversation_survives_a_restart(api: FakeBotAPI, tmp_path: Path) -> None:
    async def before(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        await ask(api, FIRST)

    async def after(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        reply = (await ask(api, "còn năm học 2019-2020 thì sao?"))[0]
        assert "Hiểu là: Năm học 2019-2020 An Giang" in reply["text"]

    run_bot(api, tmp_path, before)
    run_bot(api, tmp_path, after)  # a new Application and a new ChatDB on the same file


def test_tinh_and_namhoc_still_apply_under_the_conversation(api: FakeBotAPI, tmp_path: Path) -> None:
    async def scenario(api: FakeBotAPI, service: FakeAnswerService, db: ChatDB) -> None:
        await ask(api, "/tinh Lào Cai")
        await ask(api, "Đẩy mạnh chuyển đổi số thế nào?")
        reply = (await ask(api, "còn năm học 2019-2020 thì sao?"))[0]
        assert "Hiểu là: Đẩy mạnh chuyển đổi số thế nào năm học 2019-2020?" in reply["text"]

    service = run_bot(api, tmp_path, scenario)
    asks = [c for c in service.calls if c[0] == "ask"]
    assert asks[-1] == ("ask", "Đẩy mạnh chuyển đổi số thế nào năm học 2019-2020?", "Lào Cai", None)
