"""Dated items at ingest (ingest/dates.py): what a document sets, never what it cites or what the page prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.datefmt import find_mentions
from ingest.dates import extract
from ingest.pipeline import parse_document

# A Sở's letter whose grounds cite many dated documents, with a page's furniture around it.
LETTER = """Cập nhật: 31/05/2021 10:20
ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG
SỞ GIÁO DỤC VÀ ĐÀO TẠO
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1234/SGDĐT-GDPT
Tuyên Quang, ngày 25 tháng 8 năm 2024
V/v hướng dẫn thực hiện nhiệm vụ năm học 2024-2025
Căn cứ Quyết định số 2045/QĐ-BGDĐT ngày 29/7/2024 của Bộ Giáo dục và Đào tạo ban hành Khung kế hoạch thời gian năm học 2024-2025;
Căn cứ Chỉ thị số 29/CT-TTg ngày 6/9/2024 của Thủ tướng Chính phủ; Kế hoạch số 112/KH-UBND ngày 15 tháng 8 năm 2024 của UBND tỉnh;
Thực hiện Công văn số 4063/BGDĐT-GDPT ngày 01-8-2024 của Bộ Giáo dục và Đào tạo, theo Thông tư số 22/2021/TT-BGDĐT ngày 20.7.2021, Sở Giáo dục và Đào tạo hướng dẫn như sau:
I. KẾ HOẠCH THỜI GIAN NĂM HỌC
1. Tựu trường ngày 29/8/2024; khai giảng ngày 05 tháng 9 năm 2024.
2. Học kỳ I từ ngày 05/9 đến ngày 11/01/2025; học kỳ II từ 13/01/2025 - 24/5/2025.
3. Kết thúc năm học trước ngày 31/5/2025. Ôn tập cuối năm từ 20/5 - 31/5.
II. CHẾ ĐỘ BÁO CÁO
1. Các trường báo cáo số liệu đầu năm về Sở trước ngày 30/9/2024.
2. Phòng GD&ĐT gửi báo cáo sơ kết học kỳ I chậm nhất ngày 15-01-2025; hạn cuối nộp báo cáo tổng kết năm học là ngày 10.6.2025.
3. Báo cáo công tác phổ cập giáo dục hạn cuối ngày 15 tháng 12 hằng năm.
4. Hội thi giáo viên dạy giỏi cấp tỉnh tổ chức vào tháng 3/2025.
5. Các trường gửi danh sách học sinh dự thi trước ngày 30/4.
6. Các trường nộp kế hoạch bồi dưỡng trước ngày 31/02/2025.
III. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính:
Bố trí kinh phí mua sắm thiết bị dạy học, hoàn thành trước ngày 31/12/2024.
Công văn này có hiệu lực kể từ ngày ký.
Ngày 02/8/2024, Sở đã tổ chức Hội nghị tổng kết năm học 2023-2024.
Đến ngày 15/8/2024 toàn tỉnh đã có 98% trường đạt chuẩn.
Minh Anh · 26/08/2024 10:15 · Giáo dục
"""

# (date, end, kind, recurring) of every item the letter sets; nothing else may be listed.
EXPECTED = {
    ("2024-08-29", None, "event", None),
    ("2024-09-05", None, "event", None),
    ("2024-09-05", "2025-01-11", "period", None),
    ("2025-01-13", "2025-05-24", "period", None),
    ("2025-05-31", None, "deadline", None),
    ("2025-05-20", "2025-05-31", "period", None),
    ("2024-09-30", None, "deadline", None),
    ("2025-01-15", None, "deadline", None),
    ("2025-06-10", None, "deadline", None),
    ("2024-12-15", None, "deadline", "yearly"),
    ("2025-03-01", None, "event", None),
    ("2025-04-30", None, "deadline", None),
    ("2024-12-31", None, "deadline", None),
    ("2024-08-25", None, "effective", None),
}
# Dates of documents the letter cites, its own signing date, furniture and history: never items.
NOT_ITEMS = {"2024-07-29", "2024-09-06", "2024-08-15", "2024-08-01", "2021-07-20", "2021-05-31", "2024-08-02"}


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dates") / "tuyen-quang_2024-2025_huong-dan.txt"
    path.write_text(LETTER, encoding="utf-8")
    return path


def test_every_set_date_listed_and_nothing_else(letter: Path) -> None:
    doc = parse_document(letter)
    assert doc.meta.school_year == "2024-2025"
    items, problems = extract(doc)
    got = {(i.date, i.end, i.kind, i.recurring) for i in items}
    assert got == EXPECTED  # recall and precision both 1 on this letter
    assert not {i.date for i in items} & NOT_ITEMS
    assert len(items) == len(got)  # no duplicates
    # 31/02 is reported with its text, never moved to 28/02 or 03/03
    assert [p.reason for p in problems] == ["Ngày không tồn tại: 31/02/2025"]
    assert "nộp kế hoạch bồi dưỡng" in problems[0].text


def test_what_who_and_section(letter: Path) -> None:
    items, _ = extract(parse_document(letter))
    by = {(i.date, i.kind): i for i in items}
    report = by[("2024-09-30", "deadline")]
    assert report.who == "Các trường"
    assert report.what == "Báo cáo số liệu đầu năm về Sở"
    assert report.section == "II.1"
    funds = by[("2024-12-31", "deadline")]
    assert funds.who == "Sở Tài chính"  # the heading's addressee
    assert funds.what.startswith("Bố trí kinh phí mua sắm thiết bị dạy học")
    assert by[("2025-01-15", "deadline")].who == "Phòng GD&ĐT"
    assert by[("2025-06-10", "deadline")].what == "Hạn cuối nộp báo cáo tổng kết năm học"
    assert by[("2025-03-01", "event")].precision == "month"
    # a year not written: confidence lower than the same cue with its year
    assert by[("2025-04-30", "deadline")].confidence < report.confidence
    assert by[("2024-08-29", "event")].what == "Tựu trường"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("trước ngày 15/12/2025", [(15, 12, 2025)]),
        ("hạn 15-12-2025 và 16.12.2025", [(15, 12, 2025), (16, 12, 2025)]),
        ("ngày 5 tháng 9", [(5, 9, None)]),
        ("vào tháng 12/2025", [(None, 12, 2025)]),
        ("có 6/10 phòng học, 2.860 giáo viên, 2 buổi/ngày", []),
        ("Thông tư số 22/2016/TT-BGDĐT", []),
    ],
)
def test_date_forms(text: str, expected: list[tuple[int | None, int, int | None]]) -> None:
    assert [(m.day, m.month, m.year) for m in find_mentions(text)] == expected


def test_range_joins_two_dates() -> None:
    (m,) = find_mentions("học kỳ I từ ngày 01/9 đến ngày 05/9/2025")
    assert m.until is not None and (m.day, m.month, m.until.day, m.until.year) == (1, 9, 5, 2025)


def test_dev_documents_have_no_cited_dates() -> None:
    """Every date the development corpus' grounds cite stays out (docs/calendar.md counts the rest)."""
    repo = Path(__file__).resolve().parent.parent
    doc = parse_document(repo / "corpus" / "dev" / "CV-1652-HD-SGDDT-daklak.docx")
    items, _ = extract(doc)
    assert sorted(i.date for i in items) == [
        "2023-09-30",
        "2023-10-15",
        "2024-01-10",
        "2024-03-01",
        "2024-05-30",
    ]
