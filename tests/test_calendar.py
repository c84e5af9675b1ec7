"""The calendar end to end: items with citations, scope by province, ICS (parsed by `icalendar`), answers to
calendar questions, the HTTP endpoints over a socket, and Telegram reminders through the real PTB Application
against the fake Bot API with a fake clock (subscribe, sent once, restart, opt-out, two provinces)."""

from __future__ import annotations

import asyncio
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx
import icalendar
import pytest

from bot.answer.scope import Scope
from bot.calendar.answers import calendar_answer, calendar_word, match_topic
from bot.calendar.book import Book, Entry, book_for
from bot.calendar.ics import to_ics
from bot.calendar.milestones import asked_milestone
from bot.calendar.reminders import TZ, ReminderStore
from bot.channels.http.app import create_app
from bot.channels.telegram import build_application
from bot.channels.telegram.app import ALLOWED_UPDATES
from bot.channels.telegram.calendar import DAILY_JOB
from bot.chatdb import ChatDB
from bot.settings import Settings
from ingest.dates import DatedItem
from ingest.models import Document
from ingest.pipeline import parse_document
from tests.fake_bot_api import TOKEN, FakeBotAPI
from tests.fakes import document
from tests.fakes_http_service import FakeService, serve_in_thread
from tests.fakes_service import FakeAnswerService
from tests.test_dates import LETTER

NATIONAL = """BỘ GIÁO DỤC VÀ ĐÀO TẠO
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 4215/BGDĐT-GDPT
Hà Nội, ngày 14 tháng 8 năm 2024
V/v hướng dẫn thực hiện nhiệm vụ giáo dục phổ thông năm học 2024-2025
1. Sở GDĐT báo cáo kế hoạch thực hiện nhiệm vụ năm học về Bộ trước ngày 15/9/2024.
2. Báo cáo sơ kết học kỳ I gửi về Bộ trước ngày 20/01/2025.
"""
AN_GIANG = """ỦY BAN NHÂN DÂN TỈNH AN GIANG
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 2020/SGDĐT-GDTrH
An Giang, ngày 10 tháng 9 năm 2024
V/v báo cáo đầu năm học 2024-2025
1. Các trường nộp danh sách giáo viên cốt cán về Sở trước ngày 28/9/2024.
"""


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> list[Document]:
    folder = tmp_path_factory.mktemp("calendar-docs")
    out = []
    for name, text in (
        ("tuyen-quang_2024-2025_huong-dan.txt", LETTER),
        ("toan-quoc_2024-2025_bgddt.txt", NATIONAL),
        ("an-giang_2024-2025_bao-cao.txt", AN_GIANG),
    ):
        (folder / name).write_text(text, encoding="utf-8")
        out.append(parse_document(folder / name))
    return out


def test_scope_national_counts_for_every_province(docs: list[Document]) -> None:
    book = book_for(docs)
    tq = book.select("Tuyên Quang")
    assert {e.doc.meta.province for e in tq} == {"Tuyên Quang", "toàn quốc"}
    ag = book.select("an giang", start=date(2024, 9, 1), end=date(2024, 9, 30))
    assert [(e.item.date, e.doc.meta.province) for e in ag] == [
        ("2024-09-15", "toàn quốc"),
        ("2024-09-28", "An Giang"),
    ]
    assert [e.item.date for e in book.entries] == sorted(e.item.date for e in book.entries)
    first = ag[-1].to_dict()
    assert first["citation"] == "Công văn 2020/SGDĐT-GDTrH (Sở GD&ĐT An Giang, 10/9/2024), mục 1"
    assert first["school_year"] == "2024-2025" and first["doc_number"] == "2020/SGDĐT-GDTrH"


def test_ics_parses_and_uids_are_stable(docs: list[Document]) -> None:
    entries = book_for(docs).select("Tuyên Quang")
    first = to_ics(entries, now=datetime(2024, 9, 1, tzinfo=TZ))
    # A second run on freshly parsed documents (as after a rebuild) gives the same UIDs.
    again = to_ics(book_for(list(reversed(docs))).select("Tuyên Quang"))
    cal = icalendar.Calendar.from_ical(first)
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(entries) > 10
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["UID"]) for e in icalendar.Calendar.from_ical(again).walk("VEVENT")]
    by_summary = {str(e["SUMMARY"]): e for e in events}
    report = by_summary["Báo cáo số liệu đầu năm về Sở"]
    assert report["DTSTART"].dt == date(2024, 9, 30) and report["DTEND"].dt == date(2024, 10, 1)
    assert "Công văn 1234/SGDĐT-GDPT (Sở GD&ĐT Tuyên Quang, 25/8/2024), mục II.1" in str(
        report["DESCRIPTION"]
    )
    term = next(
        e for e in events if e["DTSTART"].dt == date(2024, 9, 5) and e["DTEND"].dt == date(2025, 1, 12)
    )
    assert str(term["SUMMARY"]) == "Học kỳ I"
    yearly = by_summary["Báo cáo công tác phổ cập giáo dục"]
    assert yearly["RRULE"]["FREQ"] == ["YEARLY"]
    assert all(line.endswith("\r") or not line for line in first.split("\n"))  # CRLF line ends


def _scope(province: str | None = None, year: str | None = None) -> Scope:
    return Scope(None, True, province=province, school_year=year)


@pytest.mark.parametrize(
    ("question", "province", "expected"),
    [
        ("Tháng 1/2025 có mốc gì?", "Tuyên Quang", ["5/9/2024", "13/1/2025", "15/1/2025", "20/1/2025"]),
        ("Tuần tới phải nộp gì?", "An Giang", ["28/9/2024"]),
        ("sap toi co han nao", "Tuyên Quang", ["30/9/2024"]),
        ("Hạn nộp báo cáo tổng kết năm học là ngày nào?", "Tuyên Quang", ["10/6/2025"]),
    ],
)
def test_calendar_questions(docs: list[Document], question: str, province: str, expected: list[str]) -> None:
    today = date(2024, 9, 20)
    answer = calendar_answer(question, docs, _scope(province), today)
    assert answer is not None and answer.found
    lines = [ln for ln in answer.answer.splitlines() if ln.startswith("•")]
    assert [ln[2:].split(" ", 1)[0] for ln in lines] == expected
    assert all("Nguồn: " in ln for ln in lines)  # each item cited
    assert answer.citations and all(c.doc_id for c in answer.citations)


def test_a_named_events_dates_are_not_the_months_milestones(docs: list[Document]) -> None:
    today = date(2024, 9, 20)
    # January 2025 has milestones, but none is this exam: the usual answer decides, not the month's list.
    exam = "Lịch thi chứng chỉ tiếng Anh VNU-TESTS đợt tháng 1/2025 tại Trường Đại học Ngoại ngữ"
    assert calendar_answer(exam, docs, _scope("Tuyên Quang"), today) is None
    # A milestone the question names is listed alone.
    answer = calendar_answer(
        "Tháng 1/2025 có hạn nộp báo cáo sơ kết học kỳ I gửi về Bộ không?", docs, _scope(), today
    )
    assert answer is not None and answer.found
    assert [ln[2:].split(" ", 1)[0] for ln in answer.answer.splitlines() if ln.startswith("•")] == [
        "20/1/2025"
    ]


def test_year_timetable_and_fall_through(docs: list[Document]) -> None:
    today = date(2024, 9, 20)
    answer = calendar_answer(
        "Lịch năm học 2024-2025 của Tuyên Quang gồm những mốc nào?",
        docs,
        _scope("Tuyên Quang", "2024-2025"),
        today,
    )
    assert answer is not None and answer.answer.startswith("Lịch năm học 2024-2025 (Tuyên Quang")
    assert "Tựu trường" in answer.answer and "An Giang" not in answer.answer
    empty = calendar_answer("Tháng 7/2025 có mốc gì?", docs, _scope("An Giang"), today)
    assert empty is not None and not empty.found and not empty.citations
    for other in (
        "Lịch sử địa phương dạy thế nào?",
        "Chủ đề năm học là gì?",
        "Hạn nộp hồ sơ tuyển sinh đại học là ngày nào?",
    ):
        assert calendar_answer(other, docs, _scope("Tuyên Quang"), today) is None
    assert calendar_word("lịch") == (True, None) and calendar_word("Lich an giang") == (True, "An Giang")
    assert calendar_word("lịch sử") == (False, None)


@pytest.mark.parametrize(
    ("question", "province", "expected"),
    [
        # No document writes "năm học bắt đầu": the days that start it do (tựu trường, khai giảng, học kỳ I).
        ("Năm học 2024-2025 bắt đầu ngày nào?", "Tuyên Quang", ["29/8/2024", "5/9/2024", "5/9/2024"]),
        ("nam hoc ket thuc khi nao vay", "Tuyên Quang", ["13/1/2025", "31/5/2025"]),
        ("Học kỳ II bắt đầu từ ngày nào?", "Tuyên Quang", ["13/1/2025"]),
        ("Bao giờ kết thúc HK1 ạ?", "Tuyên Quang", ["5/9/2024"]),
        ("Khai giảng ngày nào?", None, ["5/9/2024"]),
    ],
)
def test_school_year_milestones_asked_by_name(
    docs: list[Document], question: str, province: str | None, expected: list[str]
) -> None:
    answer = calendar_answer(question, docs, _scope(province), date(2024, 9, 20))
    assert answer is not None and answer.found
    lines = [ln for ln in answer.answer.splitlines() if ln.startswith("•")]
    assert [ln[2:].split(" ", 1)[0] for ln in lines] == expected
    assert all("Nguồn: Công văn 1234/SGDĐT-GDPT" in ln for ln in lines)
    # A question naming no province is told whose timetable it reads.
    assert any("mốc trên là của Tuyên Quang" in n for n in answer.notes) is (province is None)


def test_a_milestone_no_document_of_the_year_states(docs: list[Document]) -> None:
    later = date(
        2026, 11, 23
    )  # the current school year is 2026-2027; the library's newest timetable is 2024-2025
    answer = calendar_answer("Ngày tựu trường năm nay là ngày nào?", docs, _scope("Tuyên Quang"), later)
    assert answer is not None and answer.found and "29/8/2024" in answer.answer
    assert any(n.startswith("Chưa có văn bản năm học 2026-2027 nêu mốc tựu trường") for n in answer.notes)
    # A year the question names, which no document dates: the usual answer decides; so does a question that asks
    # how, not when.
    named = _scope("Tuyên Quang", "2025-2026")
    assert calendar_answer("Năm học 2025-2026 khai giảng ngày nào?", docs, named, later) is None
    assert calendar_answer("Lễ khai giảng tổ chức thế nào?", docs, _scope("Tuyên Quang"), later) is None


def test_a_milestone_the_documents_in_scope_never_date_is_said_so(
    docs: list[Document], tmp_path: Path
) -> None:
    # Sơn La's news item names the opening without its day; An Giang's letter does not name it at all.
    news = tmp_path / "son-la_2024-2025_tin.txt"
    news.write_text(
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH SƠN LA\nSơn La, ngày 02 tháng 8 năm 2024\nHội nghị triển khai nhiệm vụ năm học "
        "2024-2025\nCác trường chuẩn bị tốt các điều kiện để khai giảng năm học 2024-2025; hoàn thành bồi dưỡng hè "
        "trước ngày 25/8/2024.\n",
        encoding="utf-8",
    )
    library = [*docs, parse_document(news)]
    today = date(2024, 9, 20)
    for province in ("Sơn La", "An Giang"):
        own = {d.id for d in library if d.meta.province == province}
        scope = Scope(own, True, province=province, school_year="2024-2025")
        answer = calendar_answer(f"Năm học 2024-2025 {province} khai giảng ngày nào?", library, scope, today)
        assert answer is not None and not answer.found and not answer.citations, province
        assert answer.answer.endswith("hiện có không nêu ngày khai giảng."), province
    # Tuyên Quang's letter dates it: listed, whatever the scope's document set.
    own = {d.id for d in library if d.meta.province == "Tuyên Quang"}
    scope = Scope(own, True, province="Tuyên Quang", school_year="2024-2025")
    dated = calendar_answer("Năm học 2024-2025 Tuyên Quang khai giảng ngày nào?", library, scope, today)
    assert dated is not None and dated.found and "5/9/2024" in dated.answer
    # No year asked: the current one is meant, and with no earlier year's timetable it is said so all the same.
    own = {d.id for d in library if d.meta.province == "Sơn La"}
    meant = calendar_answer(
        "Sơn La khai giảng ngày nào?", library, Scope(own, True, province="Sơn La"), today
    )
    assert meant is not None and not meant.found
    assert (
        meant.answer
        == "Các văn bản năm học 2024-2025 (Sơn La và văn bản của Bộ, Chính phủ) hiện có không nêu ngày khai giảng."
    )


class _DocsService(FakeService):
    def __init__(self, docs: list[Document]) -> None:
        super().__init__()
        self._docs = docs

    def list_documents(self) -> list[Document]:
        return list(self._docs)


def test_http_calendar_endpoints_over_socket(docs: list[Document]) -> None:
    app = create_app(_DocsService(docs), Settings(_env_file=None))  # type: ignore[call-arg]
    with serve_in_thread(app) as base, httpx.Client(base_url=base, timeout=5) as c:
        r = c.get("/v1/calendar", params={"province": "An Giang", "from": "2024-09-01", "to": "2024-09-30"})
        assert r.status_code == 200
        assert [(i["date"], i["kind"], i["province"]) for i in r.json()] == [
            ("2024-09-15", "deadline", "toàn quốc"),
            ("2024-09-28", "deadline", "An Giang"),
        ]
        keys = set(r.json()[0])
        assert {"date", "end", "kind", "what", "who", "doc_id", "doc_number", "section", "province"} <= keys
        assert {"school_year", "recurring"} <= keys
        assert c.get("/v1/calendar", params={"school_year": "2024"}).status_code == 422
        assert c.get("/v1/calendar", params={"from": "31/02/2024"}).status_code == 422
        ics = c.get("/v1/calendar.ics", params={"province": "Tuyên Quang", "school_year": "2024-2025"})
        assert ics.headers["content-type"].startswith("text/calendar")
        assert len(list(icalendar.Calendar.from_ical(ics.text).walk("VEVENT"))) > 10
        assert 'id="show-calendar"' in c.get("/").text


# ---------------------------------------------------------------------------------------------
# Reminders through the real PTB Application


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


TQ_CHAT, AG_CHAT = 1001, 1002


def _settings(api: FakeBotAPI, db: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        telegram_bot_token=TOKEN,
        telegram_api_base_url=api.base_url,
        telegram_api_file_url=api.file_url,
        nhiemvu_db=db,
        user_questions_per_minute=100,
    )


async def _session(
    api: FakeBotAPI, service: Any, settings: Settings, clock: FakeClock, scenario: Any
) -> None:
    chatdb = ChatDB(settings.nhiemvu_db)
    app = build_application(service, settings, chatdb, clock=clock)
    await app.initialize()
    try:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1, allowed_updates=ALLOWED_UPDATES)
        await asyncio.wait_for(scenario(app, chatdb), 25)
    finally:
        if app.updater and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        chatdb.close()


async def _command(api: FakeBotAPI, text: str, chat: int) -> str:
    mark = api.mark()
    api.text(text, chat)
    return str((await api.wait_sent(chat, mark))[0]["text"])


async def _run_daily(app: Any) -> None:
    (job,) = app.job_queue.get_jobs_by_name(DAILY_JOB)
    await job.run(app)


def test_reminders_sent_once_survive_restart_and_stop(
    api: FakeBotAPI, tmp_path: Path, docs: list[Document]
) -> None:
    service = FakeAnswerService()
    service.documents = {d.id: d for d in docs}
    settings = _settings(api, tmp_path / "chat.sqlite3")
    clock = FakeClock(datetime(2024, 9, 26, 6, 0, tzinfo=TZ))

    async def first(app: Any, chatdb: ChatDB) -> None:
        chatdb.set_chat_settings(TQ_CHAT, province="Tuyên Quang")
        chatdb.set_chat_settings(AG_CHAT, province="An Giang")
        assert "Đã bật nhắc hạn (Tuyên Quang" in await _command(api, "/nhac", TQ_CHAT)
        assert "Đã bật nhắc hạn (An Giang" in await _command(api, "/nhac", AG_CHAT)
        (daily,) = app.job_queue.get_jobs_by_name(DAILY_JOB)
        assert (daily.next_t.astimezone(TZ).hour, daily.next_t.astimezone(TZ).minute) == (7, 0)
        mark = api.mark()
        await _run_daily(app)  # 26/9 06:00: An Giang's 28/9 deadline has been due since 25/9 07:00
        (sent,) = await api.wait_sent(AG_CHAT, mark)
        assert "còn 2 ngày, hạn 28/9/2024" in sent["text"]
        assert "Nộp danh sách giáo viên cốt cán về Sở" in sent["text"]
        assert "Nguồn: Công văn 2020/SGDĐT-GDTrH (Sở GD&amp;ĐT An Giang, 10/9/2024), mục 1" in sent["text"]
        await _run_daily(app)  # again: nothing new
        await asyncio.sleep(0.3)
        assert len(api.sent(AG_CHAT, mark)) == 1 and not api.sent(TQ_CHAT, mark)
        lich = await _command(api, "/lich", TQ_CHAT)
        assert "30/9/2024 (hạn): Báo cáo số liệu đầu năm về Sở — Các trường" in lich

    asyncio.run(_session(api, service, settings, clock, first))

    # Down at 07:00 on 27/9, when Tuyên Quang's reminder for 30/9 fell due: sent once on start.
    clock.now = datetime(2024, 9, 27, 8, 0, tzinfo=TZ)
    restart = api.mark()

    async def second(app: Any, chatdb: ChatDB) -> None:
        (sent,) = await api.wait_sent(TQ_CHAT, restart, timeout=8)
        assert "còn 3 ngày, hạn 30/9/2024" in sent["text"] and "Tuyên Quang" in sent["text"]
        await _run_daily(app)
        await asyncio.sleep(0.3)
        assert len(api.sent(TQ_CHAT)) == 3  # /nhac, /lich, the reminder: no second reminder
        assert sum("Nhắc hạn" in p["text"] for p in api.sent(AG_CHAT)) == 1
        assert "Đã tắt nhắc hạn" in await _command(api, "/nhac tat", TQ_CHAT)
        clock.now = datetime(2024, 12, 28, 7, 30, tzinfo=TZ)  # Tuyên Quang's 31/12 deadline is due now
        mark = api.mark()
        await _run_daily(app)
        await asyncio.sleep(0.3)
        assert not api.sent(TQ_CHAT, mark)  # unsubscribed
        store = ReminderStore(chatdb)
        assert store.subscribers("telegram") == [str(AG_CHAT)]
        assert len(store.sent("telegram")) == 2

    asyncio.run(_session(api, service, settings, clock, second))


def test_cli_calendar_json_and_ics(
    sample_index: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    assert main(["calendar", "--index", str(sample_index), "--province", "An Giang", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    # The sample's only set date: Chỉ thị 04 takes effect 10 days after signing (14/9/2021).
    assert [(i["date"], i["kind"], i["doc_number"], i["section"]) for i in items] == [
        ("2021-09-24", "effective", "04/CT-UBND", "")
    ]
    ics = tmp_path / "lich.ics"
    assert main(["calendar", "--index", str(sample_index), "--ics", str(ics)]) == 0
    first = [str(e["UID"]) for e in icalendar.Calendar.from_ical(ics.read_text()).walk("VEVENT")]
    assert main(["calendar", "--index", str(sample_index), "--ics", str(ics)]) == 0
    assert first == [str(e["UID"]) for e in icalendar.Calendar.from_ical(ics.read_text()).walk("VEVENT")]
    assert main(["calendar", "--index", str(sample_index), "--from", "14/9/2021"]) == 2


def test_a_follow_ups_own_words_name_the_milestone_before_what_it_carries() -> None:
    # The conversation carries the previous turn's topic in brackets; the question's own milestone is asked.
    asked = asked_milestone("Thế kết thúc năm học khi nào (khai giảng ngày)?")
    assert asked is not None and asked.name == "kết thúc năm học"
    carried = asked_milestone("Còn Quảng Ninh thì sao (khai giảng ngày nào)?")
    assert carried is not None and carried.name == "khai giảng"


def test_a_period_of_years_is_no_milestone_of_a_month_inside_it() -> None:
    # "Thời gian hiệu lực 27/5/2025 – 26/5/2031" spans January 2027; the first term, ending in it, is a milestone.
    doc = document("826", [])

    def entry(day: str, end: str, what: str) -> Entry:
        item = DatedItem("826", day, end, "period", what, None, "", "", 0)
        return Entry(item, doc, "2026-2027")

    book = Book(
        [
            entry("2025-05-27", "2031-05-26", "Thời gian hiệu lực"),
            entry("2026-09-07", "2027-01-15", "Học kỳ I"),
        ],
        [],
    )
    january = book.select(start=date(2027, 1, 1), end=date(2027, 1, 31))
    assert [e.item.what for e in january] == ["Học kỳ I"]
    # It is one of the year it starts or ends in.
    assert [e.item.what for e in book.select(start=date(2025, 5, 1), end=date(2025, 5, 31))] == [
        "Thời gian hiệu lực"
    ]


def test_a_deadline_is_matched_by_the_questions_two_syllable_words() -> None:
    # "Tổng hợp báo cáo kết quả" shares the syllables of "báo cáo tổng kết", not its words.
    doc = document("2104", [])

    def entry(what: str) -> Entry:
        return Entry(
            DatedItem("2104", "2027-05-31", None, "deadline", what, None, "", "", 0), doc, "2026-2027"
        )

    entries = [entry("Tổng hợp báo cáo kết quả về Sở GDĐT"), entry("Báo cáo tổng kết năm học")]
    topic = {"bao", "cao", "tong", "ket"}
    found = match_topic(entries, topic, asked="Hạn nộp báo cáo tổng kết năm học là khi nào?")
    assert [e.item.what for e in found] == ["Báo cáo tổng kết năm học"]
    # Without the question's words in order, both share its syllables alike.
    assert len(match_topic(entries, topic)) == 2
