"""Two-column letterheads flattened in every way converters do it, and the issuer each one names.

The fixtures are written for these tests in the layouts observed on legal-document sites, portals
and converters; their text is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.letterhead import unflatten
from ingest.pipeline import parse_document

BODY = """Năm học 2023-2024 là năm học tiếp tục thực hiện đổi mới chương trình giáo dục phổ thông.
Để hoàn thành tốt nhiệm vụ năm học, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:
I. Phương hướng chung:
Tăng cường kỷ cương, nền nếp trong các cơ sở giáo dục.
II. Nhiệm vụ cụ thể
1. Rà soát mạng lưới trường lớp, bảo đảm đủ chỗ học cho học sinh.
2. Bảo đảm đủ giáo viên theo định mức.
III. Tổ chức thực hiện
Các sở, ngành và địa phương triển khai thực hiện Chỉ thị này.
"""

PIPE_ROWS = (
    """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
TỈNH KHÁNH HÒA | Độc lập - Tự do - Hạnh phúc |
Số: 11/CT-UBND | Khánh Hòa, ngày 11 tháng 9 năm 2023 |

CHỈ THỊ
Về nhiệm vụ trọng tâm năm học 2023-2024
"""
    + BODY
)

ONE_CELL_PER_LINE = (
    """ỦY
BAN NHÂN DÂN
TỈNH KHÁNH HÒA
-------
|
CỘNG
HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
|
Số:
11/CT-UBND
|
Khánh
Hòa, ngày 11 tháng 9 năm 2023
|
CHỈ THỊ
VỀ NHIỆM VỤ TRỌNG TÂM NĂM HỌC 2023-2024
"""
    + BODY
)

MARKDOWN_TABLE = (
    """| ỦY BAN NHÂN DÂN<br>TỈNH KHÁNH HÒA<br>------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc<br>--------------- |
|---|---|
| Số: 11/CT-UBND | Khánh Hòa, ngày 11 tháng 9 năm 2023 |

**CHỈ THỊ**

**Về nhiệm vụ trọng tâm năm học 2023-2024**

"""
    + BODY
)

MARKDOWN_ONE_ROW = (
    """| **ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA** ------- Số: 11/CT-UBND | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc** --------------- Khánh Hòa, ngày 11 tháng 9 năm 2023 |
| --- | --- |

CHỈ THỊ
Về nhiệm vụ trọng tâm năm học 2023-2024
"""
    + BODY
)


# Narrow cells broke every name more than once.
BROKEN_THRICE = (
    """ỦY
BAN NHÂN
DÂN
TỈNH KHÁNH
HÒA
-------
|
CỘNG HÒA
XÃ HỘI CHỦ
NGHĨA VIỆT NAM
Độc lập - Tự do -
Hạnh phúc
|
Số: 11/CT-UBND
|
Khánh
Hòa, ngày 11 tháng 9 năm 2023
|
CHỈ THỊ
VỀ NHIỆM VỤ TRỌNG TÂM NĂM HỌC 2023-2024
"""
    + BODY
)


@pytest.mark.parametrize(
    "text",
    [PIPE_ROWS, ONE_CELL_PER_LINE, MARKDOWN_TABLE, MARKDOWN_ONE_ROW, BROKEN_THRICE],
    ids=["pipe", "cells", "md", "md1", "thrice"],
)
def test_every_flattened_letterhead_reads_the_same(tmp_path: Path, text: str) -> None:
    path = tmp_path / "chi-thi.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse_document(path)
    m = doc.meta
    assert (m.doc_type, m.doc_number, m.issuer, m.province, m.issued_date, m.school_year) == (
        "Chỉ thị",
        "11/CT-UBND",
        "UBND tỉnh Khánh Hòa",
        "Khánh Hòa",
        "2023-09-11",
        "2023-2024",
    )
    assert m.issuer_level == "tinh"
    assert m.sources["province"].origin == "letterhead" and m.confident("province")
    assert m.sources["issued_date"].origin == "place_date"
    assert m.title.lower().startswith("về nhiệm vụ trọng tâm năm học 2023-2024")
    # Letterhead lines never become sections; the trailing-colon heading is a heading, without its colon.
    assert [s.path for s in doc.sections] == ["", "I", "II", "II.1", "II.2", "III"]
    assert doc.sections[1].title == "Phương hướng chung"
    preamble = doc.sections[0].text
    assert "Năm học 2023-2024" in preamble and "|" not in preamble


def test_unflatten_puts_each_column_together() -> None:
    lines = PIPE_ROWS.splitlines()[:3]
    out = [line for line in unflatten(lines) if line]
    assert out == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH KHÁNH HÒA",
        "Số: 11/CT-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Khánh Hòa, ngày 11 tháng 9 năm 2023",
    ]


def test_broken_names_are_rejoined_but_type_lines_stay() -> None:
    out = unflatten(["ỦY", "BAN NHÂN DÂN", "An", "Giang, ngày 3 tháng 9 năm 2021", "CHỈ THỊ", "VỀ VIỆC X"])
    assert out == ["ỦY BAN NHÂN DÂN", "An Giang, ngày 3 tháng 9 năm 2021", "CHỈ THỊ", "VỀ VIỆC X"]
    # A fixed name broken twice is rejoined; a complete one does not swallow the next line.
    out = unflatten(["SỞ GIÁO", "DỤC VÀ ĐÀO", "TẠO", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "HUYỆN LỤC YÊN"])
    assert out == ["SỞ GIÁO DỤC VÀ ĐÀO TẠO", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "HUYỆN LỤC YÊN"]


SO_LETTER = """UBND TỈNH BẮC GIANG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
SỞ GIÁO DỤC VÀ ĐÀO TẠO | Độc lập - Tự do - Hạnh phúc |
Số: 1520/SGDĐT-GDTrH V/v hướng dẫn nhiệm vụ giáo dục trung học năm học 2022-2023 | Bắc Giang, ngày 8 tháng 9 năm 2022 |

Kính gửi:
- Các Phòng Giáo dục và Đào tạo;
- Các trường trung học phổ thông.
Căn cứ Chỉ thị của Bộ Giáo dục và Đào tạo về nhiệm vụ năm học 2022-2023;
Thực hiện Kế hoạch của Ủy ban nhân dân tỉnh Bắc Giang, Sở hướng dẫn như sau:
1. Thực hiện chương trình
Dạy học đủ các môn học bắt buộc.
2. Kiểm tra, đánh giá
Đánh giá học sinh theo quy định.
| Nơi nhận: - Như trên; - Lưu: VT. | KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Trần Văn B |
"""

PHONG_LETTER = """ỦY BAN NHÂN DÂN QUẬN HOÀNG MAI
PHÒNG GIÁO DỤC VÀ ĐÀO TẠO
-------
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
|
Số: 845/PGDĐT-THCS
V/v triển khai nhiệm vụ năm học 2021-2022 cấp trung học cơ sở
|
Hoàng Mai, ngày 15 tháng 9 năm 2021
Kính gửi: Hiệu trưởng các trường trung học cơ sở.
Thực hiện hướng dẫn của Sở Giáo dục và Đào tạo Hà Nội, Phòng hướng dẫn như sau:
1. Dạy học theo kế hoạch giáo dục của nhà trường.
2. Tổ chức kiểm tra định kỳ.
"""

TTG_DIRECTIVE = """THỦ TƯỚNG CHÍNH PHỦ
-------
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
|
Số: 31/CT-TTg
|
Hà Nội, ngày 4 tháng 9 năm 2024
|
CHỈ THỊ
VỀ NHIỆM VỤ NĂM HỌC 2024-2025
Năm học 2024-2025 là năm học có ý nghĩa quan trọng.
1. Các bộ, ngành bảo đảm đủ giáo viên.
2. Ủy ban nhân dân các tỉnh, thành phố bố trí ngân sách.
"""

TRUONG_PLAN = """PHÒNG GD&ĐT HUYỆN ĐỨC TRỌNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
TRƯỜNG THCS NGUYỄN DU | Độc lập - Tự do - Hạnh phúc |
Số: 25/KH-THCS | Đức Trọng, ngày 20 tháng 9 năm 2020 |

KẾ HOẠCH
Thực hiện nhiệm vụ năm học 2020-2021
I. Mục tiêu
Nâng cao chất lượng dạy học của tỉnh Lâm Đồng.
"""


@pytest.mark.parametrize(
    "text,expected",
    [
        (SO_LETTER, ("Công văn", "1520/SGDĐT-GDTrH", "Sở GD&ĐT Bắc Giang", "Bắc Giang", "so")),
        (PHONG_LETTER, ("Công văn", "845/PGDĐT-THCS", "Phòng GD&ĐT quận Hoàng Mai", "Hà Nội", "phong")),
        (TTG_DIRECTIVE, ("Chỉ thị", "31/CT-TTg", "Thủ tướng Chính phủ", "toàn quốc", "chinh-phu")),
        (TRUONG_PLAN, ("Kế hoạch", "25/KH-THCS", "Trường THCS Nguyễn Du", "Lâm Đồng", "truong")),
    ],
    ids=["so", "phong", "thu-tuong", "truong"],
)
def test_issuer_and_level_from_the_left_column(tmp_path: Path, text: str, expected: tuple[str, ...]) -> None:
    path = tmp_path / "van-ban.txt"
    path.write_text(text, encoding="utf-8")
    m = parse_document(path).meta
    assert (m.doc_type, m.doc_number, m.issuer, m.province, m.issuer_level) == expected
    assert m.sources["issuer_level"].origin == "letterhead"


def test_letter_parts_never_become_sections(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    path.write_text(SO_LETTER, encoding="utf-8")
    doc = parse_document(path)
    assert [s.path for s in doc.sections] == ["", "1", "2"]
    preamble = doc.sections[0].text
    # "Kính gửi", "Căn cứ …" and "Thực hiện …" stay in the preamble, searchable.
    assert "Kính gửi" in preamble and "Căn cứ Chỉ thị" in preamble and "Thực hiện Kế hoạch" in preamble
    text = "\n".join(s.text for s in doc.sections)
    assert "Nơi nhận" not in text and "GIÁM ĐỐC" not in text
    assert doc.meta.title.startswith("Hướng dẫn nhiệm vụ giáo dục trung học")


def test_district_office_province_comes_from_its_district(tmp_path: Path) -> None:
    """The letterhead of a Phòng names its district, not the province: the district's one province is
    read from the administrative-units dataset, just below a province the letterhead names itself."""
    path = tmp_path / "cv.txt"
    path.write_text(PHONG_LETTER, encoding="utf-8")
    m = parse_document(path).meta
    assert m.province == "Hà Nội"
    assert m.sources["province"].origin == "letterhead" and m.confident("province")
    assert m.sources["province"].confidence < m.sources["issuer_level"].confidence
    assert m.confident("issuer_level")


SPACE_COLUMNS = """UBND XÃ ĐẠI LÃNH                         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TRƯỜNG TIỂU HỌC ĐẠI LÃNH                      Độc lập - Tự do - Hạnh phúc

   Số: 40/KH-THĐL                          Đại Lãnh, ngày 22 tháng 9 năm 2025

KẾ HOẠCH
Thực hiện nhiệm vụ năm học 2025-2026
1. Duy trì sĩ số học sinh.
2. Tổ chức dạy học 2 buổi/ngày ở tỉnh Khánh Hòa.
"""

CONTINUATION_ROWS = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
TỈNH BÀ RỊA - | Độc lập - Tự do - Hạnh phúc |
VŨNG TÀU | |
------- | --------------- |
Số: 07/CT-UBND | Bà Rịa - Vũng Tàu, ngày 1 tháng 9 năm 2023 |
CHỈ THỊ
Về nhiệm vụ năm học 2023-2024
1. Huy động trẻ ra lớp.
"""

SAME_LINE_NUMBER = """UBND TỈNH THÁI NGUYÊN
SỞ GIÁO DỤC VÀ
ĐÀO TẠO
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1420/SGDĐT-VP Thái Nguyên, ngày 26 tháng 8 năm 2016
V/v hướng dẫn nhiệm vụ năm học 2016-2017
1. Giáo dục mầm non.
"""


@pytest.mark.parametrize(
    "text,expected",
    [
        (SPACE_COLUMNS, ("Kế hoạch", "40/KH-THĐL", "Trường Tiểu học Đại Lãnh", "truong", "2025-09-22")),
        (CONTINUATION_ROWS, ("Chỉ thị", "07/CT-UBND", "UBND tỉnh Bà Rịa - Vũng Tàu", "tinh", "2023-09-01")),
        (SAME_LINE_NUMBER, ("Công văn", "1420/SGDĐT-VP", "Sở GD&ĐT Thái Nguyên", "so", "2016-08-26")),
    ],
    ids=["spaces", "continuation-row", "number-and-place"],
)
def test_more_flattenings(tmp_path: Path, text: str, expected: tuple[str, ...]) -> None:
    path = tmp_path / "van-ban.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse_document(path)
    m = doc.meta
    assert (m.doc_type, m.doc_number, m.issuer, m.issuer_level, m.issued_date) == expected
    assert m.sources["issuer_level"].origin == "letterhead"
    assert [s.path for s in doc.sections][1:] == ["1", "2"][: len(doc.sections) - 1]
    assert all("CỘNG HÒA" not in s.text for s in doc.sections[1:])


UNNUMBERED = """ỦY BAN NHÂN DÂN
TỈNH SƠN LA
Số: 12/CT-UBND
Sơn La, ngày 5 tháng 9 năm 2020
CHỈ THỊ
Về nhiệm vụ năm học 2020-2021
Kính gửi: Các sở, ban, ngành
Căn cứ Luật Giáo dục năm 2019
Thực hiện Chỉ thị của Bộ Giáo dục và Đào tạo về nhiệm vụ năm học
Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố thực hiện tốt các nhiệm vụ sau:
CHỈ THỊ:
Nâng cao chất lượng đội ngũ giáo viên
Tiếp tục bồi dưỡng giáo viên theo chuẩn nghề nghiệp; rà soát, sắp xếp đội ngũ giáo viên các cấp học bảo đảm đủ về số lượng, đồng bộ về cơ cấu.
Đẩy mạnh chuyển đổi số trong nhà trường
Triển khai học bạ số ở tất cả các trường tiểu học, trung học cơ sở và trung học phổ thông; kết nối cơ sở dữ liệu ngành với cơ sở dữ liệu dân cư.
Nơi nhận:
- Như trên;
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
"""


def test_unnumbered_headings_never_take_letter_parts(tmp_path: Path) -> None:
    """Without numbering, short unpunctuated lines are headings; the letter's own lines never are."""
    path = tmp_path / "ct.txt"
    path.write_text(UNNUMBERED, encoding="utf-8")
    doc = parse_document(path)
    assert [s.path for s in doc.sections] == [
        "",
        "Nâng cao chất lượng đội ngũ giáo viên",
        "Đẩy mạnh chuyển đổi số trong nhà trường",
    ]
    preamble = doc.sections[0].text
    assert "Căn cứ Luật Giáo dục" in preamble and "Thực hiện Chỉ thị" in preamble and "CHỈ THỊ:" in preamble
    assert "Nơi nhận" not in "\n".join(s.text for s in doc.sections)
    assert (doc.meta.doc_type, doc.meta.title) == ("Chỉ thị", "Về nhiệm vụ năm học 2020-2021")
