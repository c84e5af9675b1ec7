"""Data tables keep their column headers on every row; layout tables and header-less grids do not change."""

from __future__ import annotations

from ingest.cleanup import clean_text
from ingest.tables import is_layout, table_lines
from ingest.yeartables import pair_year_rows


def test_each_row_carries_its_headers_and_group_rows_stay_whole() -> None:
    rows = [
        ["TT", "Nội dung công việc", "Đơn vị chủ trì", "Thời gian"],
        ["I", "Công tác chuẩn bị năm học", "", ""],
        ["1", "Tựu trường", "Các trường", "Ngày 01/9/2026"],
        ["2", "Tổng kết học kỳ I", "", "Trước 15/01/2027"],
    ]
    assert table_lines(rows) == [
        "I. Công tác chuẩn bị năm học",
        "TT: 1; Nội dung công việc: Tựu trường; Đơn vị chủ trì: Các trường; Thời gian: Ngày 01/9/2026",
        "TT: 2; Nội dung công việc: Tổng kết học kỳ I; Thời gian: Trước 15/01/2027",
    ]


def test_a_first_row_of_figures_or_long_text_is_no_header() -> None:
    figures = [["2016", "2017", "2018"], ["1,28", "1,23", "1,19"]]
    assert table_lines(figures) == ["2016 2017 2018", "1,28 1,23 1,19"]
    prose = [
        ["Tiếp tục đổi mới phương pháp dạy học theo hướng phát huy tính tích cực của học sinh", "x"],
        ["a", "b"],
    ]
    assert table_lines(prose)[0].startswith("Tiếp tục đổi mới")


def test_a_letterhead_table_is_layout() -> None:
    assert is_layout(
        [["ỦY BAN NHÂN DÂN TỈNH AN GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["Số: 04/CT-UBND", ""]]
    )
    assert not is_layout([["Xếp loại", "Điểm"], ["Tốt", "80-89"]])


def test_table_rows_are_content_not_headings() -> None:
    from ingest.sections import parse_sections

    rows = [["Điểm tổng hợp", "Xếp loại"], ["90 - 100", "Hiệu quả rất cao"], ["80 - dưới 90", "Hiệu quả tốt"]]
    paragraphs = ["PHƯƠNG PHÁP XẾP LOẠI", "Bảng xếp loại theo điểm", *table_lines(rows)]
    sections = parse_sections(paragraphs)
    assert not any("Xếp loại:" in s.title for s in sections)
    assert any("Điểm tổng hợp: 80 - dưới 90; Xếp loại: Hiệu quả tốt" in s.text for s in sections)


SAVED_PAGE = """**KẾ HOẠCH**
**Tổ chức tuần sinh hoạt công dân năm học 2026-2027**

| ỦY BAN NHÂN DÂN HUYỆN X | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
|---|---|
| Số: 15/KH-UBND | Độc lập - Tự do - Hạnh phúc |

2. Lịch chi tiết
| **Buổi** | **Nội dung** | Phụ trách |
| :--- | --- | ---: |
| **Ngày 1 – Toàn trường** |||
| Sáng | **Chuyên đề 1:** An toàn giao thông | *Đoàn trường* |
|---|---|---|
| Chiều | Phòng chống đuối nước | Tổ Tư vấn |

| không | phải | bảng |
| một | hai | ba |
"""


def test_a_markdown_table_keeps_its_headers_on_every_row() -> None:
    from ingest.cleanup import clean_text

    paragraphs = clean_text(SAVED_PAGE).paragraphs
    assert "Buổi: Sáng; Nội dung: Chuyên đề 1: An toàn giao thông; Phụ trách: Đoàn trường" in paragraphs
    assert "Buổi: Chiều; Nội dung: Phòng chống đuối nước; Phụ trách: Tổ Tư vấn" in paragraphs
    assert "Ngày 1 – Toàn trường" in paragraphs  # a row spanning the table is a group title
    # The letterhead laid out as a table is left to the letterhead reader; pipe rows without a separator row
    # under the first one are no table.
    assert not any(p.startswith("ỦY BAN NHÂN DÂN HUYỆN X:") for p in paragraphs)
    assert "không phải bảng" in paragraphs


def test_a_flattened_year_table_pairs_each_year_with_its_value() -> None:
    # A circular's coefficient table as text taken out of its PDF: the label's words one a line, the first
    # column's words ("Trước 1995") split over the years' label and the years' line.
    lines = [
        "Bảng 1:",
        "Năm Trước",
        "1995",
        "1995 1996 1997",
        "Mức",
        "điều",
        "chỉnh",
        "5,63",
        "4,78 4,51 4,37",
        "",
        "2. Đối với người lao động ...",
    ]
    assert pair_year_rows(lines) == [
        "Bảng 1:",
        "Năm Trước 1995: Mức điều chỉnh 5,63; Năm 1995: Mức điều chỉnh 4,78; Năm 1996: Mức điều chỉnh 4,51; "
        "Năm 1997: Mức điều chỉnh 4,37.",
        "",
        "2. Đối với người lao động ...",
    ]
    # School years down the page, one a line, and a plan's targets.
    down = ["Năm học", "2025-2026", "2026-2027", "2027-2028", "Tỷ lệ huy động (%)", "85", "90", "95"]
    assert pair_year_rows(down) == [
        "Năm học 2025-2026: Tỷ lệ huy động (%) 85; Năm học 2026-2027: Tỷ lệ huy động (%) 90; "
        "Năm học 2027-2028: Tỷ lệ huy động (%) 95."
    ]


def test_years_without_as_many_values_stay_as_they_are() -> None:
    short = ["Năm", "2016 2017 2018", "Mức điều chỉnh", "1,28 1,23"]  # a value lost: no guess at which
    assert pair_year_rows(short) == short
    prose = ["Giai đoạn", "2021 2022 2023", "là những năm khó khăn của ngành."]
    assert pair_year_rows(prose) == prose
    two = ["Năm", "2025 2026", "Chỉ tiêu", "90 95"]  # two years and two numbers: as often a sentence's pieces
    assert pair_year_rows(two) == two


def test_the_paired_table_reaches_the_cleaned_text() -> None:
    text = "Điều 2. Mức điều chỉnh\nNăm\n2016 2017 2018\nMức\nđiều\nchỉnh\n1,28 1,23 1,19\nĐiều 3. Hiệu lực\n"
    paragraphs = clean_text(text).paragraphs
    assert any("Năm 2017: Mức điều chỉnh 1,23" in p for p in paragraphs)
