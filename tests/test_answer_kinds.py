"""What kind of answer a question asks for, and which part of a letter can give it.

- The closing formula after the last item ("Trên đây là …", "Chỉ thị này có hiệu lực …") is a part of its own,
  cited "phần kết", so it never makes the last item look like the answer.
- A number between the words it counts ("trẻ 4 tuổi") is a compound that pins one passage.
- "Bao nhiêu …?" is answered only by a passage stating a figure, "ngày nào?" by one stating a day.

Documents and questions are our own; the service tests use a deterministic fake retriever."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answer import citations, focus, lists
from bot.answer.extractive import folded_weights, marked_weights, query_weights, quote
from bot.answer.figures import (
    asks_addressees,
    asks_effect,
    citing,
    counts,
    has_day,
    has_figure,
    names_addressees,
    sets_day,
    takes_effect,
    wanted_statement,
)
from bot.answer.first import answering_first, formula_first
from bot.answer.gate import other_provinces, signals
from bot.answer.models import Answer, Citation
from bot.answer.scope import names_document
from bot.ranking.rare import compounds
from bot.ranking.retrieval import Hit
from bot.understanding.asks import asks_document, wants_day, wants_number
from bot.understanding.query import understand
from ingest.models import Chunk, Document, DocumentMeta, Section
from ingest.sections import CLOSING_TITLE, parse_sections

TODAY = date(2026, 11, 23)

LETTER = [
    "Sở Giáo dục và Đào tạo hướng dẫn như sau:",
    "I. NHIỆM VỤ CHUNG",
    "Nâng cao chất lượng giáo dục toàn diện.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Các Phòng GD&ĐT xây dựng kế hoạch năm học trên địa bàn.",
    "2. Các trường báo cáo kết quả về Sở trước ngày 25/5/2027.",
]


@pytest.mark.parametrize(
    "closing",
    [
        "Trên đây là hướng dẫn nhiệm vụ năm học 2026-2027, Sở yêu cầu các đơn vị nghiêm túc thực hiện./.",
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị báo cáo về Sở để được hướng dẫn.",
        "Nhận được Công văn này, yêu cầu thủ trưởng các đơn vị triển khai thực hiện.",
        "Chỉ thị này có hiệu lực kể từ ngày ký ban hành./.",
        "Chủ tịch UBND tỉnh yêu cầu Giám đốc các sở, ngành nghiêm túc thực hiện Chỉ thị này./.",
    ],
)
def test_closing_formula_is_its_own_part(closing: str) -> None:
    sections = parse_sections([*LETTER, closing])
    last = sections[-1]
    assert (last.path, last.title, last.text) == ("", CLOSING_TITLE, closing)
    assert sections[-2].path == "II.2" and closing not in sections[-2].text
    cited = Citation(
        doc_id="d", doc_type="Công văn", doc_number="1/SGDĐT", title="", issuer="Sở GD&ĐT X", province="X",
        school_year="2026-2027", issued_date=None, section=last.path, section_title=last.title,
        section_ordinal=last.ordinal, text=closing, score=1.0,
    )  # fmt: skip
    assert cited.label().endswith(", phần kết")
    # The source line says the part once, not "phần kết (Phần kết)".
    assert citations.cited_place(cited) == cited.label()


def test_closing_words_inside_an_item_or_before_any_heading_stay_where_they_are() -> None:
    # The same words as a numbered item are that item; a letter without numbered parts has no closing part.
    numbered = parse_sections([*LETTER, "3. Trong quá trình thực hiện, nếu có vướng mắc, báo cáo về Sở."])
    assert [s.path for s in numbered][-1] == "II.3"
    plain = parse_sections(["Sở hướng dẫn các trường.", "Trên đây là hướng dẫn của Sở./."])
    assert all(s.title != CLOSING_TITLE for s in plain)
    # Words of the closing formula in the middle of the text are not the closing.
    middle = parse_sections(
        [LETTER[0], LETTER[1], "Trên đây là nhiệm vụ chung.", "II. NHIỆM VỤ CỤ THỂ", "1. Dạy học tốt."]
    )
    assert all(s.title != CLOSING_TITLE for s in middle)


def test_a_conclusion_from_everything_above_closes_the_letter_but_not_an_item_it_opens() -> None:
    conclusion = (
        "Từ các nội dung nêu trên, Sở chưa đủ cơ sở công nhận kết quả; đề nghị nhà trường bổ sung hồ sơ."
    )
    sections = parse_sections([*LETTER, conclusion])
    assert (sections[-1].title, sections[-1].text) == (CLOSING_TITLE, conclusion)
    assert conclusion not in sections[-2].text
    # As the first paragraph of the last item it opens that item's own text; ending in a colon, it opens a list.
    opening = "Từ những kết quả kiểm tra trên, Đoàn kiểm tra kiến nghị các trường tăng cường quản lý."
    item = parse_sections([*LETTER, "3. Kiến nghị", opening])
    assert item[-1].path == "II.3" and opening in item[-1].text
    listing = parse_sections([*LETTER, "Từ các nội dung nêu trên, Sở đề nghị các trường:"])
    assert all(s.title != CLOSING_TITLE for s in listing)


def test_a_number_between_words_is_a_compound() -> None:
    grams = {c.gram: c for c in compounds("phổ cập giáo dục mầm non cho trẻ 4 tuổi")}
    assert grams[("tre", "4", "tuoi")].quantity
    # Years and codes (blanked by the callers anyway) and numbers at a clause's edge are not.
    assert not any(c.quantity for c in compounds("năm 2026 tuổi | 4 tuổi"))


@pytest.mark.parametrize(
    ("text", "number", "day"),
    [
        ("Tỷ lệ trường đạt chuẩn là bao nhiêu?", True, False),
        ("ty le truong dat chuan la bao nhieu", True, False),
        ("Mỗi tuần học mấy tiết Tin học?", True, False),
        ("Máy tính bảng được cấp cho ai?", False, False),  # "máy" folds to "may": not "mấy"
        ("Báo cáo gửi về Sở trước ngày nào?", False, True),
        ("bao cao truoc ngay nao", False, True),
        ("Kế hoạch năm học gồm những gì?", False, False),
        # A bare noun phrase asks for the value its head names ...
        ("Học phí mầm non Hà Nội?", True, False),
        ("Tỷ lệ phòng học kiên cố phải đạt?", True, False),
        ("Sĩ số tối đa mỗi lớp tiểu học?", True, False),
        ("hoc phi mam non ha noi", True, False),
        ("Lịch thi tốt nghiệp 2026?", False, True),
        # ... read with its marks ("mục tiêu", "số hóa"), unless a word asks; a deadline may be a span.
        ("Mục tiêu năm học?", False, False),
        ("Số hóa học bạ?", False, False),
        ("Học phí có tăng không?", False, False),
        ("Lịch thi có thay đổi không?", False, False),
        ("Hạn đăng ký phúc khảo?", False, False),
        # Spoken "mấy" before a noun is a plural when another word asks ("ai", "gì", "nào"); before a unit, or after
        # its noun ("lớp mấy"), it still asks a figure.
        ("Mấy nhà xưởng cũ không đạt chuẩn chữa cháy thì ai đi kiểm tra?", False, False),
        ("Mấy công ty khai thác có đền bù gì cho dân không?", False, False),
        ("Trường có mấy lớp?", True, False),
        ("Buổi kiểm tra tổ chức lúc mấy giờ, ngày nào?", True, True),
        ("Học sinh lớp mấy được học tiếng Anh, từ năm nào?", True, False),
    ],
)
def test_what_a_question_asks_for(text: str, number: bool, day: bool) -> None:
    assert (wants_number(text), wants_day(text)) == (number, day)
    intent = understand(text, TODAY)
    assert (intent.wants_number, intent.wants_day) == (number, day)


@pytest.mark.parametrize(
    ("passage", "figure"),
    [
        ("Mỗi trường trồng ít nhất 50 cây xanh.", True),
        ("Tuyển dụng 1.150 giáo viên.", True),
        ("Tổ chức kiểm tra hai lần mỗi học kỳ.", True),
        ("100% trường học có nhà vệ sinh đạt chuẩn.", True),
        # Years, school years, document numbers and item numbers name, they do not count.
        ("a) Thực hiện Chỉ thị 29/CT-TTg trong năm học 2024-2025.", False),
        ("Rà soát định mức số lượng người làm việc năm 2025.", False),
        # A ratio counts; "Thông tư" is no number word ("tư" = four).
        ("Toàn tỉnh có 478/614 trường đạt chuẩn quốc gia.", True),
        ("Thực hiện theo Thông tư hướng dẫn của Bộ.", False),
        # An item's number inside flattened text orders, it does not count.
        ("… theo quy định hiện hành. 2. Giao Sở Công Thương kiểm tra.", False),
    ],
)
def test_figures_in_passages(passage: str, figure: bool) -> None:
    assert has_figure(passage) is figure


@pytest.mark.parametrize(
    ("passage", "day"),
    [
        ("Báo cáo về Sở trước ngày 25/5/2027.", True),
        ("Khai giảng ngày 5 tháng 9.", True),
        # Days of one month listed, the month written once: "24, 25 và 26 tháng 8".
        ("Thời gian tổ chức: 03 ngày: 24, 25 và 26 tháng 8 năm 2026.", True),
        ("Thời hạn hợp đồng là 12 tháng.", False),
        ("Hoàn thành trong năm 2027.", False),
        ("99,4% học sinh tốt nghiệp năm 2024.", False),
    ],
)
def test_days_in_passages(passage: str, day: bool) -> None:
    assert has_day(passage) is day


@pytest.mark.parametrize(
    ("passage", "sets"),
    [
        ("Ngày 02/8/2019, Sở tổ chức Hội nghị triển khai nhiệm vụ năm học.", True),
        ("Thực hiện Quyết định số 1050/QĐ-SCT ngày 06/3/2026 của Giám đốc Sở.", False),
        # The Party's numbers put a hyphen before the code: still a cited document's date.
        ("Quán triệt Kết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư.", False),
    ],
)
def test_days_a_passage_sets_are_not_cited_documents_dates(passage: str, sets: bool) -> None:
    assert sets_day(passage) is sets


# -- the service, over a fake retriever ------------------------------------------------------------


def _doc(doc_id: str, sections: list[Section]) -> Document:
    meta = DocumentMeta(
        doc_type="Công văn", doc_number=f"{doc_id}/SGDĐT", issuer="Sở GD&ĐT Quảng Ninh", province="Quảng Ninh",
        issued_date="2025-09-05", school_year="2025-2026", title="", source=f"{doc_id}.txt",
    )  # fmt: skip
    return Document(id=doc_id, meta=meta, sections=sections, content_hash=doc_id)


def _hit(doc: Document, ordinal: int, coverage: float, score: float) -> Hit:
    s = doc.sections[ordinal]
    chunk = Chunk(f"{doc.id}-{ordinal}", doc.id, s.path, s.title, ordinal, s.text, "", f"h{ordinal}")
    return Hit(row=ordinal, chunk=chunk, doc=doc, score=score, bm25=1.0, dense=0.85, coverage=coverage)


DOC = _doc(
    "1500",
    [
        Section("", "", "V/v hướng dẫn công khai, dân chủ trong trường học năm học 2025-2026"),
        Section("1", "Công khai", "1. Công khai: 100% các đơn vị thực hiện công khai, dân chủ.", 1, None, 1),
        Section("2", "Khác", "2. Khác: đẩy mạnh chuyển đổi số.", 1, None, 2),
    ],
)


@pytest.mark.parametrize(
    ("question", "quoted", "said"),
    [
        ("Mỗi trường trồng bao nhiêu cây xanh?", "Mỗi trường trồng ít nhất 50 cây xanh.", True),
        (
            "Mỗi trường trồng bao nhiêu cây xanh?",
            "a) Các trường trồng cây xanh trong năm học 2025-2026.",
            False,
        ),
        ("Báo cáo gửi về Sở trước ngày nào?", "Các trường báo cáo về Sở trước ngày 25/5/2027.", True),
        ("Báo cáo gửi về Sở trước ngày nào?", "Các trường báo cáo về Sở trong năm 2027.", False),
        ("Trồng cây xanh thế nào?", "Các trường trồng cây xanh.", True),
    ],
)
def test_an_answer_must_say_what_is_asked(question: str, quoted: str, said: bool) -> None:
    answer = Answer(question=question, found=True, answer=f"“{quoted}”\n\nNguồn: Công văn 1500/SGDĐT, mục 1.")
    assert citations.quoted(answer) == quoted
    assert _says(question, quoted) is said


def _says(question: str, passage: str) -> bool:
    """What the gate reads of a passage for a "bao nhiêu"/"ngày nào" question: no missing figure or day."""
    hit = _hit(DOC, 1, 0.5, 1.0)
    hit.chunk = Chunk("p", DOC.id, "1", "Công khai", 1, passage, "", "p")
    sig = signals(understand(question, TODAY), hit, [hit], 3)
    return not (sig["missing_figure"] or sig["missing_day"])


def _province_doc(doc_id: str, province: str) -> Document:
    doc = _doc(
        doc_id, [Section("", "", "x"), Section("1", "Đội ngũ", "1. Nâng chuẩn giáo viên.", 1, None, 1)]
    )
    doc.meta.province = province
    return doc


def test_other_provinces_answering_as_well_are_named() -> None:
    # Look-alike directives: each province writes its own on the same national guidance.
    a, b, c = _province_doc("a", "Điện Biên"), _province_doc("b", "Lai Châu"), _province_doc("c", "toàn quốc")
    close = [_hit(a, 1, 0.8, 1.0), _hit(c, 1, 0.8, 0.95), _hit(b, 1, 0.8, 0.85)]
    assert other_provinces(close, [True, True, True]) == ["Lai Châu"]  # a national text is no other province
    far = [_hit(a, 1, 0.8, 1.0), _hit(b, 1, 0.8, 0.5)]
    assert other_provinces(far, [True, True]) == []
    # Close in rank but not an answer by the gate.
    assert other_provinces(close, [True, True, False]) == []


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("Yên Bái mở bao nhiêu lớp dạy bơi?", ("lop",)),
        ("Quảng Ninh tuyển bao nhiêu giáo viên?", ("giao",)),
        ("Phấn đấu bao nhiêu phần trăm học sinh biết bơi?", ("%", "phan tram")),
        ("Tỉnh bố trí bao nhiêu tiền để mua thiết bị?", ("dong", "ty", "trieu", "nghin", "ngan", "usd")),
        # A rate named before "bao nhiêu" is a percentage; "vào" is no unit.
        ("Tỷ lệ trường đạt chuẩn là bao nhiêu?", ("%", "phan tram")),
        ("Tỷ lệ tăng bao nhiêu vào cuối năm?", ("%", "phan tram")),
        ("Năm nay mục tiêu tỷ lệ bao phủ BHYT phải đạt bao nhiêu % dân số?", ("%", "phan tram")),
        ("Chỉ tiêu huy động trẻ ra lớp là bao nhiêu?", ()),  # nothing named: any figure
        (
            "Mỗi lớp bao nhiêu học sinh theo tỷ lệ quy định?",
            ("hoc",),
        ),  # named after "bao nhiêu": that is counted
        # "máy" (a machine) is no "mấy": the unit is what follows "bao nhiêu".
        ("Nhà máy thủy điện có tổng công suất bao nhiêu MW?", ("mw",)),
        ("Trường có mấy phòng máy?", ("phong",)),
        ("le phi thi lan 2 bao nhieu tien", ("dong", "ty", "trieu", "nghin", "ngan", "usd")),
        # A price as the subject asks for money though no unit follows "bao nhiêu"; a closing particle is no unit.
        ("Phí thẩm định báo cáo ĐTM là bao nhiêu?", ("dong", "ty", "trieu", "nghin", "ngan", "usd")),
        (
            "Cho em hỏi mức thu học phí năm nay là bao nhiêu ạ?",
            ("dong", "ty", "trieu", "nghin", "ngan", "usd"),
        ),
        ("Mức điều chỉnh tiền lương năm 2016 là bao nhiêu ạ?", ()),  # a coefficient: its head is "điều chỉnh"
        ("Học sinh được nghỉ Tết mấy ngày vậy?", ("ngay",)),
        # A score as the subject counts points; "vậy" closes the question and counts nothing.
        ("Điểm chuẩn vào lớp 10 là bao nhiêu vậy?", ("diem",)),
        ("Cho em hỏi điểm sàn năm nay bao nhiêu ạ", ("diem",)),
        ("Học sinh được cộng bao nhiêu điểm ưu tiên?", ("diem",)),
        ("Số điểm trường được cộng là bao nhiêu?", ()),  # its head is "số": no unit read from the subject
        # Money named right before what asks; "mấy năm" counts years, "năm học" and "năm nay" after it do not.
        ("Không có giấy phép thì bị phạt tiền bao nhiêu?", ("dong", "ty", "trieu", "nghin", "ngan", "usd")),
        ("Chủ đầu tư được miễn tiền thuê đất mấy năm?", ("nam",)),
        ("Tỷ lệ chuyên cần là bao nhiêu năm học này?", ("%", "phan tram")),
        ("Có bao nhiêu trường đạt chuẩn mấy năm nay?", ("truong",)),
        # "bao nhiêu một ngày công": a rate per unit; the subject "đơn giá" is a price.
        (
            "Đơn giá nhân công năm 2026 là bao nhiêu một ngày công?",
            ("dong", "ty", "trieu", "nghin", "ngan", "usd"),
        ),
        # The money word with the rest of its compound, before the verb of its change.
        (
            "Từ 1/7/2026 lương cơ sở tăng lên bao nhiêu một tháng?",
            ("dong", "ty", "trieu", "nghin", "ngan", "usd"),
        ),
        # A short form counted is counted in the words documents write too.
        ("Mỗi GV hướng dẫn tối đa bao nhiêu SV?", ("sv", "sinh vien")),
    ],
)
def test_what_a_figure_counts(question: str, unit: tuple[str, ...]) -> None:
    assert understand(question, TODAY).number_unit == unit


@pytest.mark.parametrize(
    ("question", "quoted", "said"),
    [
        ("Tuyển bao nhiêu giáo viên?", "Tuyển dụng 1.150 giáo viên còn thiếu.", True),
        ("Hỗ trợ bao nhiêu gạo mỗi tháng?", "Hỗ trợ gạo 15 kg/tháng cho học sinh bán trú.", True),
        ("Bao nhiêu phần trăm học sinh biết bơi?", "Phấn đấu 90% học sinh biết bơi.", True),
        ("Bố trí bao nhiêu tiền?", "Bố trí 650 tỷ đồng từ ngân sách tỉnh.", True),
        # A month ("9/2026") is no count of days.
        ("Kiểm tra trong mấy ngày?", "Thuốc nổ 840 kg, thời hạn đến hết ngày 9/2026.", False),
        # "ngày" before a figure introduces a date, here one whose number names a month: it counts no days.
        ("Kiểm tra trong mấy ngày?", "Hạn đến hết ngày 9/2026; Anfo 3.185 kg, hạn đến tháng 9/2026.", False),
        ("Kiểm tra trong mấy ngày?", "Thời hạn kiểm tra không quá 10 ngày làm việc.", True),
        ("Có bao nhiêu giáo viên?", "Số giáo viên: 1.150 người.", True),  # other units may come first
        ("Thi lần 2 lệ phí bao nhiêu tiền?", "Sinh viên thi lần 2: 400.000đ", True),
        ("Thi lần 2 lệ phí bao nhiêu tiền?", "Sinh viên thi lần 2 theo khoản 2 điểm d.", False),
        # A figure, but of something else: a near miss on the topic.
        ("Sách giáo khoa giá bao nhiêu tiền một bộ?", "Bồi dưỡng 1.240 giáo viên dạy lớp 1.", False),
        ("Tỉnh có bao nhiêu trường đại học?", "Tuyển dụng 350 giáo viên Tiếng Anh.", False),
        # What the subject measures: points for a score, a percentage for a rate.
        ("Điểm chuẩn vào lớp 10 là bao nhiêu?", "Điểm chuẩn vào lớp 10 Trường THPT A là 18,5 điểm.", True),
        ("Điểm chuẩn vào lớp 10 là bao nhiêu?", "Chuẩn bị điều kiện dạy học lớp 2, lớp 6 và lớp 10.", False),
        ("Tỷ lệ học sinh đi học chuyên cần là bao nhiêu?", "Tỷ lệ học sinh đi học chuyên cần đạt 98%.", True),
        ("Tỷ lệ học sinh đi học chuyên cần là bao nhiêu?", "Duy trì 100 học sinh đi học chuyên cần.", False),
        # A time of day is written "13h30’" as often as "13 giờ 30"; "24/24h" is no time of day.
        ("Kiểm tra lúc mấy giờ?", "Thời gian kiểm tra: 13h30’ ngày 29/4/2026 (Thứ Tư).", True),
        ("Kiểm tra lúc mấy giờ?", "Thời gian kiểm tra: 14 giờ 00 ngày 29/4/2026.", True),
        ("Kiểm tra lúc mấy giờ?", "Tổ chức bảo vệ 24/24h đối với khu vực kho.", False),
        # A measure asked in words is written by its symbol.
        ("Kho phải cách trường tối thiểu bao nhiêu mét?", "Khoảng cách an toàn tối thiểu 300 m.", True),
        ("Đập cao bao nhiêu mét?", "Chiều cao đập lớn nhất 25,5m.", True),
        ("Đập cao bao nhiêu mét?", "Đập bê tông trọng lực, chiều cao lớn nhất (m) theo thiết kế.", False),
        # A unit with a superscript is the unit typed with a digit.
        ("Mỗi người học tối thiểu bao nhiêu m² sàn?", "Ngưỡng tối thiểu 2,8 m2/người học quy đổi.", True),
        ("Mỗi người học tối thiểu bao nhiêu m2 sàn?", "Ngưỡng tối thiểu 2,8 m²/người học quy đổi.", True),
        ("Mỗi người học tối thiểu bao nhiêu m2 sàn?", "Có 2 phòng học cho người học quy đổi.", False),
        # "công ty" and "tỷ lệ" fold to "tỷ" (a billion) and count no money; an item's number counts nothing.
        ("Giá thuốc nổ hiện nay?", "Điều 2. Tổ chức thực hiện 1. Công ty có trách nhiệm bảo quản.", False),
        ("Học phí là bao nhiêu?", "Có 96,1 % trẻ được học 2 buổi/ngày; tỷ lệ huy động tăng.", False),
        ("Học phí là bao nhiêu?", "Mức thu học phí 300.000 đồng/tháng.", True),
    ],
)
def test_the_figure_must_count_what_is_asked(question: str, quoted: str, said: bool) -> None:
    assert _says(question, quoted) is said


@pytest.mark.parametrize(
    ("question", "passage", "wanted"),
    [
        ("Được dùng bao nhiêu kg thuốc nổ một năm?", "Thuốc nổ nhũ tương: 63.000 kg/năm.", True),
        (
            "Được dùng bao nhiêu kg thuốc nổ một năm?",
            "Thực hiện đúng quy định về thuốc nổ công nghiệp.",
            False,
        ),
        ("Phải trả lời trong bao lâu?", "Trả lời bằng văn bản trong thời hạn 10 (mười) ngày làm việc.", True),
        ("Phải trả lời trong bao lâu?", "Trả lời bằng văn bản cho cơ quan chủ trì.", False),
        ("Giấy phép có giá trị đến khi nào?", "Giấy phép có giá trị đến hết ngày 31/12/2027.", True),
        # The date of a document the passage cites is not a date it sets.
        (
            "Kiểm tra từ ngày nào?",
            "Thực hiện Quyết định số 1050/QĐ-SCT ngày 06/3/2026 của Giám đốc Sở.",
            False,
        ),
        ("Kiểm tra từ ngày nào?", "Từ ngày 23/3/2026 đến ngày 27/3/2026, Đoàn tiến hành kiểm tra.", True),
        ("Ai chủ trì kiểm tra?", "Sở Công Thương chủ trì.", None),
        # When a text takes effect: the formula with the text as its subject, not another day near "hiệu lực".
        (
            "Thông tư 12 có hiệu lực từ ngày nào?",
            "1. Thông tư này có hiệu lực thi hành kể từ ngày 01/11/2026.",
            True,
        ),
        ("Quyết định 5 có hiệu lực khi nào?", "Quyết định có hiệu lực sau 10 ngày kể từ ngày ký.", True),
        (
            "Thông tư 12 có hiệu lực từ ngày nào?",
            "Hợp đồng ký trước ngày 01/7/2026 mà còn hiệu lực sau ngày 01/7/2026 được thực hiện đến hết hạn.",
            False,
        ),
        # From when a named text "applies" is its effect, asked in everyday words; a text may say it so.
        ("TT 01/2026 của BTC áp dụng từ ngày nào vậy?", "Thông tư này áp dụng từ năm ngân sách 2026.", True),
        (
            "thong tu 01/2026 ve tien chi ap dung tu ngay nao vay",
            "3. Quyết định áp dụng mức chi của các nhiệm vụ tương tự từ ngày 01/3/2026.",
            False,
        ),
        # How long a licence or a text holds is stated by the same formula, and asked "có giá trị đến khi nào",
        # or "hết hạn khi nào" of a text the question names.
        (
            "Giấy phép có giá trị đến khi nào?",
            "Giấy phép này có giá trị kể từ ngày ký đến hết ngày 05/7/2031.",
            True,
        ),
        ("Giấy phép có giá trị đến khi nào?", "Kiểm tra định kỳ trước ngày 30/6/2026.", False),
        ("Quyết định 12 hết hạn khi nào?", "Quyết định này có hiệu lực đến hết ngày 31/12/2026.", True),
        ("Quyết định 12 hết hạn khi nào?", "Báo cáo gửi về Sở trước ngày 15/12/2026.", False),
        # What a text replaces is stated in one formula too, not by any sentence citing a document.
        (
            "Thông tư điều chỉnh lương năm 2025 thay cho văn bản cũ nào?",
            "2. Thông tư số 20/2023/TT-BLĐTBXH ngày 29/12/2023 hết hiệu lực thi hành kể từ ngày Thông tư này có hiệu lực.",
            True,
        ),
        (
            "QĐ 798 thay thế quyết định nào?",
            "Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 1480/QĐ-TTg ngày 03/7/2025.",
            True,
        ),
        (
            "Thông tư điều chỉnh lương năm 2025 thay cho văn bản cũ nào?",
            "Căn cứ Nghị định số 62/2022/NĐ-CP ngày 12/9/2022 của Chính phủ;",
            False,
        ),
        # What applies is no text: any sentence setting a day may answer.
        ("Mức chi mới áp dụng từ ngày nào?", "Mức chi này áp dụng từ ngày 01/3/2026.", True),
    ],
)
def test_what_a_quoted_sentence_must_state(question: str, passage: str, wanted: bool | None) -> None:
    want = wanted_statement(understand(question, TODAY))
    assert (want(passage) if want is not None else None) is wanted


def test_a_trimmed_quote_keeps_the_figure_that_ends_its_item() -> None:
    # An enumeration whose items end with ";" and carry their figure at their end: the item asked about is quoted
    # through its figure, not cut at the comma before it.
    sentence = (
        "Hội đồng gồm đại diện Sở Tài chính, Sở Nông nghiệp và Môi trường, Sở Xây dựng, Ủy ban nhân dân cấp xã và một số "
        "cơ quan, đơn vị có liên quan khác để chấm điểm với thang điểm 100 cho các tiêu chí: phương án đầu tư xây "
        "dựng hạ tầng kỹ thuật của cụm công nghiệp (tối đa 15 điểm); phương án quản lý, bảo vệ môi trường cụm công "
        "nghiệp (tối đa 15 điểm); năng lực, kinh nghiệm của doanh nghiệp, hợp tác xã (tối đa 30 điểm) và phương án "
        "tài chính đầu tư xây dựng hạ tầng kỹ thuật (tối đa 40 điểm)."
    )
    intent = understand("Tiêu chí năng lực, kinh nghiệm của doanh nghiệp được tối đa mấy điểm?", TODAY)
    terms = focus.focus_terms(intent, marked=True)
    weights = folded_weights(query_weights(terms, {}))
    quoted = quote(sentence, weights, wanted=wanted_statement(intent))
    assert "năng lực, kinh nghiệm của doanh nghiệp, hợp tác xã (tối đa 30 điểm)" in quoted


def test_a_question_typed_with_marks_chooses_its_sentence_by_them() -> None:
    # Folded, "chậm" (late) is "chấm" (graded): the sentence on grading would win on the question's topic words.
    passage = (
        "- Báo cáo thực tập được chấm theo thang điểm 10, làm tròn đến một chữ số thập phân.\n"
        "- Trừ 01 điểm nếu nộp chậm 03 ngày so với hạn nộp báo cáo."
    )
    intent = understand("Nộp báo cáo thực tập chậm thì bị trừ mấy điểm?", TODAY)
    weights = query_weights(focus.focus_terms(intent, marked=True), {})
    wanted = wanted_statement(intent)
    assert quote(passage, marked_weights(weights), max_units=1, wanted=wanted).startswith("- Trừ 01 điểm")
    assert quote(passage, folded_weights(weights), max_units=1, wanted=wanted).startswith(
        "- Báo cáo"
    )  # as before


def test_an_articles_clauses_are_listed_by_their_own_text() -> None:
    # Clauses carry their article's title; the list shows what each says, numbered once.
    title = "Tạm ngưng hiệu lực áp dụng văn bản"
    doc = _doc(
        "15",
        [
            Section("", "", "NGHỊ QUYẾT"),
            Section(
                "Điều 1", title, f"Điều 1. {title}\nTạm ngưng hiệu lực áp dụng các văn bản sau:", 2, None, 1
            ),
            Section("Điều 1.1", title, "1. Nghị định số 46/2026/NĐ-CP về an toàn thực phẩm.", 3, "Điều 1", 2),
            Section(
                "Điều 1.2", title, "2. Nghị quyết số 66.13/2026/NQ-CP về công bố sản phẩm.", 3, "Điều 1", 3
            ),
        ],
    )
    answer = lists.items_answer("Tạm ngưng những văn bản nào?", _hit(doc, 1, 1.0, 1.0), doc.sections[1], [])
    assert answer is not None
    assert "1. Nghị định số 46/2026/NĐ-CP về an toàn thực phẩm. (Điều 1, khoản 1)" in answer.answer
    assert "2. Nghị quyết số 66.13/2026/NQ-CP" in answer.answer and title + " (Điều" not in answer.answer


def test_a_cited_document_is_answered_by_the_item_citing_it_with_its_lead_in() -> None:
    # "TT 03/2019 còn áp dụng không?" of the Thông tư that repeals it: every other word is the title's, so only the
    # number tells the items apart; the item is quoted with the sentence it completes.
    passage = (
        "1. Thông tư này có hiệu lực thi hành kể từ ngày 20 tháng 02 năm 2026.\n"
        "2. Các Thông tư sau hết hiệu lực thi hành kể từ ngày Thông tư này có hiệu lực thi hành:\n"
        "a) Thông tư số 03/2019/TT-BTC ngày 15 tháng 01 năm 2019 của Bộ trưởng Bộ Tài chính;\n"
        "b) Thông tư số 41/2021/TT-BTC ngày 02 tháng 6 năm 2021 của Bộ trưởng Bộ Tài chính.\n"
        "3. Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh về Bộ Tài chính."
    )
    intent = understand("Hiện nay TT 03/2019/TT-BTC còn áp dụng không ạ?", TODAY)
    want = citing([(p, intent.ref_years.get(p)) for _, p in intent.doc_refs])
    assert (
        want is not None
        and want("a) Thông tư số 03/2019/TT-BTC ngày 15 tháng 01")
        and not want("ngày 3/2/2019")
    )
    # With its year, only that year's number: "Luật số 03/2016/QH14" is another document.
    assert not want("Luật số 03/2016/QH14")
    undated = citing([("4215", None)])
    assert undated is not None and undated("Công văn số 4215/BGDĐT-GDTrH") and not undated("ngày 4215/2")
    quoted = quote(passage, {}, wanted=want)
    assert quoted.startswith("2. Các Thông tư sau hết hiệu lực") and "a) Thông tư số 03/2019/TT-BTC" in quoted
    assert "b) Thông tư số 41/2021" not in quoted


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("TT 01/2026/TT-BTC có hiệu lực từ ngày nào?", True),
        ("Thông tư 01 về kinh phí có hiệu lực từ ngày nào?", True),
        ("TT 01/2026 có hiệu lực từ ngày nào?", True),
        # The same number of another year is another document, which this one may cite.
        ("TT 01/2018/TT-BTC còn áp dụng không?", False),
        ("TT 01/2018 còn áp dụng không?", False),
    ],
)
def test_a_number_of_another_year_names_another_document(question: str, named: bool) -> None:
    meta = DocumentMeta(
        doc_type="Thông tư", doc_number="01/2026/TT-BTC", issuer="Bộ Tài chính", province="toàn quốc",
        issued_date="2026-01-05", school_year=None, title="quy định việc quản lý và sử dụng kinh phí", source="tt.txt",
    )  # fmt: skip
    doc = Document(id="tt", meta=meta, sections=[], content_hash="tt")
    assert names_document(understand(question, TODAY), doc) is named


@pytest.mark.parametrize(
    ("question", "doc_type", "number", "named"),
    [
        # A Sở's Hướng dẫn or Kế hoạch is its "công văn"; a Bộ's Công văn "V/v hướng dẫn …" is "Hướng dẫn 4215".
        ("Công văn 1652 của Đắk Lắk hướng dẫn gì?", "Hướng dẫn", "1652/HD-SGDĐT", True),
        ("CV 112 của trường nộp kế hoạch tổ khi nào?", "Kế hoạch", "112/KH-THCS", True),
        ("Hướng dẫn 4215 nói gì về tiếng Anh?", "Công văn", "4215/BGDĐT-GDPT", True),
        # A decision or a directive is no letter; two letter types other than "công văn" stay apart.
        ("Công văn 1652 nói gì?", "Quyết định", "1652/QĐ-UBND", False),
        ("Công văn 18 nói gì?", "Chỉ thị", "18/CT-UBND", False),
        ("Thông báo 1652 nói gì?", "Hướng dẫn", "1652/HD-SGDĐT", False),
    ],
)
def test_a_letter_is_named_as_a_cong_van(question: str, doc_type: str, number: str, named: bool) -> None:
    meta = DocumentMeta(
        doc_type=doc_type, doc_number=number, issuer="Sở GD&ĐT Đắk Lắk", province="Đắk Lắk",
        issued_date="2023-09-05", school_year="2023-2024", title="hướng dẫn thực hiện nhiệm vụ", source="a.txt",
    )  # fmt: skip
    doc = Document(id="a", meta=meta, sections=[], content_hash="a")
    assert names_document(understand(question, TODAY), doc) is named


def test_a_trimmed_quote_is_never_a_bare_topic() -> None:
    # A long run-in sentence whose only words of the question are its opening topic ("Đối với các cơ sở") or that
    # shares none of them: the quote goes on to what is said of the topic, not a fragment of a few words.
    sentence = (
        "Đối với các cơ sở, công trình thuộc phạm vi quản lý, hướng dẫn chủ đầu tư, chủ sở hữu, người quản lý, sử "
        "dụng công trình nghiên cứu, áp dụng đầy đủ các giải pháp kỹ thuật nâng cao an toàn phòng cháy, chữa cháy "
        "phù hợp với từng loại công trình theo quyết định của Bộ; tăng cường công tác kiểm tra, đôn đốc việc tổ "
        "chức thực hiện, bảo đảm hoàn thành việc áp dụng các giải pháp kỹ thuật đối với các công trình thuộc đối "
        "tượng áp dụng chậm nhất đến ngày 01 tháng 7 năm 2028 theo yêu cầu của Bộ Xây dựng."
    )
    for question in ("Các cơ sở phải làm gì?", "Trường học cần chuẩn bị những gì?"):
        terms = focus.focus_terms(understand(question, TODAY), marked=True)
        quoted = quote(sentence, folded_weights(query_weights(terms, {})))
        assert quoted.startswith("Đối với các cơ sở, công trình"), quoted
        assert 200 <= len(quoted) <= 480 + 4, quoted
        assert "áp dụng đầy đủ các giải pháp kỹ thuật" in quoted


def test_a_cell_quoted_alone_comes_with_its_rows_first_line() -> None:
    # A table flattened one cell a line (a PDF's text layer): "Tháng 10/2026" alone does not say what is due then.
    row = "3. Tổ chức hội thi giáo viên dạy giỏi cấp tỉnh.\nSở GDĐT\nCác phòng GDĐT\nHoàn tất trước tháng 10/2026"
    intent = understand("Phải hoàn tất trước tháng mấy?", TODAY)
    weights = folded_weights(query_weights(focus.focus_terms(intent, marked=True), {}))
    quoted = quote(row, weights, wanted=wanted_statement(intent))
    assert quoted.startswith("3. Tổ chức hội thi giáo viên dạy giỏi") and quoted.endswith(
        "Hoàn tất trước tháng 10/2026"
    ), quoted


@pytest.mark.parametrize(
    ("question", "kept", "dropped"),
    [
        ("An Giang chỉ đạo gì về tình trạng lạm thu?", {"lạm", "thu"}, {"chỉ", "đạo"}),
        ("tinh do yeu cau nhung gi ve hoi nhap quoc te", {"hoi", "nhap"}, {"yeu", "cau"}),
        # Not the question's frame: what the passage must say.
        ("Ai chỉ đạo công tác thi tốt nghiệp?", {"chỉ", "đạo", "thi"}, set()),
        ("Các cơ sở không bảo đảm yêu cầu PCCC phải làm gì?", {"yêu", "cầu"}, set()),
        # The issuer named chose the documents, as a province does.
        ("Theo hướng dẫn của Bộ, học kỳ I có bao nhiêu tuần?", {"học", "kỳ", "tuần"}, {"bộ"}),
        ("Năm nay Bộ yêu cầu dạy STEM thế nào?", {"dạy", "stem"}, {"bộ", "yêu", "cầu"}),
    ],
)
def test_the_verb_that_frames_a_question_is_not_a_word_to_find(
    question: str, kept: set[str], dropped: set[str]
) -> None:
    intent = understand(question, TODAY)
    terms = set(focus.focus_terms(intent, marked=intent.has_tone_marks))
    assert kept <= terms and not dropped & terms, terms


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Báo cáo được lập để thực hiện văn bản nào của Bộ?", True),
        ("TB 1894 dựa trên KH kiểm tra số mấy?", True),
        ("Nghị định này được sửa đổi bởi NĐ nào vậy?", True),
        ("Trường được thành lập theo QĐ số mấy, ngày nào?", True),
        ("Kế hoạch có mốc nào?", False),
        ("Kế hoạch có mấy mục tiêu?", False),
        ("Thông báo này gửi cho những công ty nào?", False),
    ],
)
def test_a_question_asking_which_document_asks_no_figure(question: str, asked: bool) -> None:
    assert asks_document(question) is asked
    if asked:  # the number asked names a document: it counts nothing
        assert not wants_number(question)


def test_a_which_document_question_wants_a_passage_citing_one() -> None:
    wanted = wanted_statement(understand("TB 1894 dựa trên KH kiểm tra số mấy?", TODAY))
    assert wanted is not None
    assert wanted("Thực hiện Kế hoạch kiểm tra số 1105/KH-ĐKT ngày 10/3/2026 của Sở Công Thương.")
    # the Party's numbers: a hyphen, then the code
    assert wanted("Gắn với triển khai Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị.")
    assert not wanted("Đoàn kiểm tra làm việc với 03 đơn vị từ ngày 23/3/2026, đạt 478/614 tiêu chí.")


def test_a_sentence_naming_no_document_does_not_say_which_document() -> None:
    # "căn cứ Chỉ thị này" shares the question's verb; the sentence citing the Bộ's directive answers it.
    text = (
        "1. Giám đốc Sở GDĐT căn cứ Chỉ thị này ban hành văn bản hướng dẫn nhiệm vụ năm học.\n"
        "Để triển khai Chỉ thị số 800/CT-BGDĐT ngày 24/8/2021 của Bộ trưởng Bộ Giáo dục và Đào tạo, UBND tỉnh chỉ thị."
    )
    weights = {"can": 3.0, "cu": 3.0, "can cu": 3.0, "chi": 1.0, "thi": 1.0}
    wanted = wanted_statement(understand("Chỉ thị 04 căn cứ vào chỉ thị nào của Bộ GDĐT?", TODAY))
    assert wanted is not None and wanted.required
    assert quote(text, weights, max_units=1).startswith("1. Giám đốc")  # the shared verb alone
    assert quote(text, weights, max_units=1, wanted=wanted).startswith("Để triển khai Chỉ thị số 800")


@pytest.mark.parametrize(
    ("passage", "unit", "counted"),
    [
        ("Kiểm toán nhà nước, định kỳ ba năm, thực hiện kiểm toán quỹ bảo hiểm y tế.", ("nam",), True),
        ("Tổ chức kiểm tra hai lần mỗi học kỳ.", ("lan",), True),
        # "sau" (after) is no "sáu" (six), "đầu tư" no four, "năm" alone no figure
        ("Sau khi kiểm tra, nhà trường báo cáo trong năm.", ("nam",), False),
        ("Đầu tư dự án trường học mới.", ("du",), False),
        # A number after the noun it labels names a grade, a level, a floor: it counts nothing.
        ("Sở tổ chức khảo sát chất lượng lớp 9 môn Toán vào tuần thứ 22.", ("mon",), False),
        ("Thi tuyển sinh lớp 10 gồm 3 môn Toán, Ngữ văn, Tiếng Anh.", ("mon",), True),
        # What is counted may be listed by name: capitalised names joined by commas or "và".
        (
            "Sở tổ chức khảo sát chất lượng lớp 9 môn Toán, Ngữ văn, Tiếng Anh vào tuần thứ 22.",
            ("mon",),
            True,
        ),
        ("Học sinh thi các môn: Toán, Ngữ văn và Tiếng Anh.", ("mon",), True),
        # An exam's subjects are counted by its papers.
        ("Tổ chức thi tuyển sinh vào lớp 10 với 3 bài thi Toán, Ngữ văn, Tiếng Anh.", ("mon",), True),
        # levels in capitals are no names of what is counted
        ("Học sinh các trường THPT, THCS tham gia.", ("truong",), False),
        ("Nhận giấy chứng nhận tại phòng 301 tầng 3 nhà B.", ("phong",), False),
        # A date written in words names a day: its numbers count no "năm".
        ("Căn cứ Quyết định số 270/2006/QĐ-TTg ngày 27 tháng 11 năm 2006 của Thủ tướng.", ("nam",), False),
        ("Định kỳ 03 năm một lần tổ chức đánh giá lại tài sản.", ("nam",), True),
    ],
)
def test_small_numbers_in_words_count_and_labels_do_not(
    passage: str, unit: tuple[str, ...], counted: bool
) -> None:
    assert counts(passage, unit) is counted


def _spending_doc(asked: Section) -> Document:
    """A circular whose article on spending ("quyết định áp dụng mức chi") shares a question's words, and the part
    `asked` that answers it."""
    spending = Section(
        "Điều 4", "Mức chi", "Điều 4. Mức chi\n1. Quyết định áp dụng mức chi tương tự.", 1, None, 1
    )
    return _doc(
        "01", [Section("", "", "Quy định mức chi bảo đảm trật tự an toàn giao thông"), spending, asked]
    )


def test_the_formula_of_effect_is_the_answer_wherever_it_ranks_among_its_documents_passages() -> None:
    # "Thông tư 01 áp dụng từ ngày nào?": its articles on spending ("quyết định áp dụng mức chi") share the words,
    # the article on effect answers; another document's formula does not.
    doc = _spending_doc(
        Section(
            "Điều 6",
            "Hiệu lực",
            "Điều 6. Hiệu lực\n1. Thông tư này có hiệu lực kể từ ngày 20/02/2026.",
            1,
            None,
            2,
        )
    )
    other = _doc(
        "02",
        [
            Section("", "", "Khác"),
            Section("Điều 9", "Hiệu lực", "Quyết định này có hiệu lực từ ngày ký.", 1, None, 1),
        ],
    )
    first, effect, elsewhere = _hit(doc, 1, 0.6, 1.0), _hit(doc, 2, 0.5, 0.9), _hit(other, 1, 0.5, 0.95)
    intent = understand("TT 01/2026 áp dụng từ ngày nào vậy?", TODAY)
    assert asks_effect(intent) and not asks_effect(understand("Mức chi mới áp dụng từ ngày nào?", TODAY))
    assert formula_first([first, elsewhere, effect], takes_effect) == [effect, first, elsewhere]
    assert formula_first([first, elsewhere], takes_effect) == [first, elsewhere]
    # The formula states no day ("sau 10 ngày, kể từ ngày ký"), yet the gate does not count a day missing.
    closing = _doc(
        "04",
        [
            Section("", "", "Chỉ thị"),
            Section(
                "",
                CLOSING_TITLE,
                "Chỉ thị này có hiệu lực sau 10 ngày, kể từ ngày ký ban hành./.",
                1,
                None,
                1,
            ),
        ],
    )
    hit = _hit(closing, 1, 0.5, 1.0)
    asked = understand("Chỉ thị 04 có hiệu lực từ ngày nào?", TODAY)
    assert signals(asked, hit, [hit], 3)["missing_day"] == 0.0
    assert signals(understand("Chỉ thị 04 kiểm tra từ ngày nào?", TODAY), hit, [hit], 3)["missing_day"] == 1.0


def test_whom_a_text_applies_to_is_its_own_part() -> None:
    # "Thông tư 01/2026 áp dụng cho những ai?": the part headed "Đối tượng áp dụng" answers, not a clause on who
    # "quyết định áp dụng mức chi".
    asked = understand("Thông tư 01/2026 của BTC áp dụng cho những ai?", TODAY)
    assert asks_addressees(asked)
    assert not asks_addressees(understand("Mức chi này áp dụng cho những ai?", TODAY))  # no text named
    assert names_addressees("Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng\n1. Phạm vi điều chỉnh")
    assert names_addressees("b) Quy chế này áp dụng đối với các sở, ngành và Ủy ban nhân dân cấp xã.")
    assert not names_addressees("2. Chủ tịch Ủy ban nhân dân tỉnh quyết định áp dụng mức chi tương tự.")
    doc = _spending_doc(
        Section("Điều 1", "Đối tượng áp dụng", "Điều 1. Đối tượng áp dụng\nCơ quan, đơn vị.", 1, None, 2)
    )
    spending, addressees = _hit(doc, 1, 0.6, 1.0), _hit(doc, 2, 0.5, 0.9)
    assert answering_first([spending, addressees], asked) == [addressees, spending]


def test_a_newer_text_says_what_an_older_one_does_only_in_its_series() -> None:
    from bot.answer.scope import same_series

    def meta(issuer: str, province: str, level: str | None = None) -> DocumentMeta:
        return DocumentMeta(
            doc_type="Công văn", doc_number=None, issuer=issuer, province=province, issued_date=None,
            school_year="2025-2026", title="", source="x.txt", issuer_level=level,
        )  # fmt: skip

    so, ubnd = meta("Sở GD&ĐT Hà Nội", "Hà Nội", "so"), meta("UBND thành phố Hà Nội", "Hà Nội", "tinh")
    school = meta("Trường Đại học Ngoại ngữ", "Hà Nội", "truong")
    other_school = meta("Trường Đại học Việt Nhật", "Hà Nội", "truong")
    assert same_series(ubnd, so) and same_series(so, so)  # the province's authorities: one guidance a year
    assert not same_series(other_school, school) and not same_series(ubnd, school)
    assert same_series(meta("Trường Đại học Ngoại ngữ", "Hà Nội", "truong"), school)
