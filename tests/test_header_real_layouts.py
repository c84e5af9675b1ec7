"""Header fields in the layouts real documents come in (issue 16, item 1): every field asserted.

Each fixture is a full document invented for these tests in the layout Nghị định 30/2020/NĐ-CP gives: letterhead,
"Số:" line, place-date line, type line and title, a preamble citing several numbered documents, the body,
"Nơi nhận" and the signature. Names, numbers and dates are invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.models import FIELD_ORIGINS
from ingest.pipeline import parse_document

FIELDS = ("doc_type", "doc_number", "issuer", "province", "issued_date", "school_year", "issuer_level")

BODY = """I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao chất lượng giáo dục toàn diện; bảo đảm các điều kiện dạy và học ở các cấp học trên địa bàn.
2. Yêu cầu
Các cơ sở giáo dục xây dựng kế hoạch cụ thể, phân công rõ người, rõ việc, rõ thời gian hoàn thành.
II. NỘI DUNG
1. Rà soát đội ngũ giáo viên, bố trí đủ giáo viên các môn học theo chương trình giáo dục phổ thông 2018.
2. Tăng cường cơ sở vật chất, thiết bị dạy học tối thiểu; ưu tiên các trường vùng khó khăn.
3. Tổ chức dạy học 2 buổi/ngày ở tiểu học và dạy học tăng cường tiếng Việt cho học sinh dân tộc thiểu số.
III. TỔ CHỨC THỰC HIỆN
1. Các phòng chuyên môn hướng dẫn, kiểm tra việc thực hiện; tổng hợp báo cáo trước ngày 15 tháng 12.
2. Thủ trưởng các đơn vị chịu trách nhiệm triển khai và báo cáo kết quả theo quy định.
Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def _parse(tmp_path: Path, text: str, name: str):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_document(path).meta


def _fields(meta) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {f: getattr(meta, f) for f in FIELDS}


DRAFT_PLAN = (
    """ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ
Số: /KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Trị, ngày      tháng 10 năm 2026
KẾ HOẠCH
Triển khai Thông tư số 22/2021/TT-BGDĐT về đánh giá học sinh trung học
Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;
Căn cứ Thông tư số 22/2021/TT-BGDĐT ngày 20 tháng 7 năm 2021 của Bộ Giáo dục và Đào tạo quy định về đánh giá học sinh trung học cơ sở và học sinh trung học phổ thông;
Thực hiện Quyết định số 1520/QĐ-UBND ngày 02 tháng 8 năm 2026 của Ủy ban nhân dân tỉnh về kế hoạch thời gian năm học;
Theo Công văn số 2104/SGDĐT-GDTrH ngày 28 tháng 8 năm 2026 của Sở Giáo dục và Đào tạo;
Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
"""
    + BODY
    + """TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
"""
)


def test_a_draft_with_a_blank_number_takes_no_cited_number(tmp_path: Path) -> None:
    """ "Số: /KH-UBND": no number (never the Thông tư, Quyết định or Công văn it cites), the type from the code, no
    date (the day is blank) but the school year from the month the draft is written in."""
    m = _parse(tmp_path, DRAFT_PLAN, "quang-tri_ke-hoach-du-thao.txt")
    assert _fields(m) == {
        "doc_type": "Kế hoạch",
        "doc_number": None,
        "issuer": "UBND tỉnh Quảng Trị",
        "province": "Quảng Trị",
        "issued_date": None,
        "school_year": "2026-2027",
        "issuer_level": "tinh",
    }
    assert m.sources["doc_number"].reason == "dự thảo, chưa có số" and m.confident("doc_number")
    assert m.sources["issued_date"].reason and m.sources["issued_date"].origin == "place_date"


@pytest.mark.parametrize(
    "line",
    ["Số: /KH-UBND", "Số:      /KH-UBND", "Số:  …/KH-UBND", "Số: ......./KH-UBND", "Số : /2026/KH-UBND"],
)
def test_every_way_of_leaving_the_number_blank_is_a_draft(tmp_path: Path, line: str) -> None:
    m = _parse(tmp_path, DRAFT_PLAN.replace("Số: /KH-UBND", line), "du-thao.txt")
    assert (m.doc_type, m.doc_number, m.sources["doc_number"].reason) == (
        "Kế hoạch",
        None,
        "dự thảo, chưa có số",
    )


PHONG_GUIDANCE = (
    """UBND HUYỆN CAM LỘ
PHÒNG GIÁO DỤC VÀ ĐÀO TẠO
Số:      /PGDĐT-GDTH
V/v hướng dẫn thực hiện nhiệm vụ giáo dục tiểu học năm học 2026-2027
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Cam Lộ, ngày 12 tháng 9 năm 2024
Kính gửi: Hiệu trưởng các trường tiểu học trên địa bàn huyện.
Thực hiện Hướng dẫn số 1652/HD-SGDĐT ngày 05 tháng 9 năm 2024 của Sở Giáo dục và Đào tạo về thực hiện nhiệm vụ giáo dục tiểu học;
Căn cứ Kế hoạch số 88/KH-UBND ngày 30 tháng 8 năm 2024 của Ủy ban nhân dân huyện;
Phòng Giáo dục và Đào tạo hướng dẫn các trường thực hiện như sau:
"""
    + BODY
    + "TRƯỞNG PHÒNG\n"
)


def test_a_phong_guidance_never_takes_the_so_number_it_quotes(tmp_path: Path) -> None:
    m = _parse(tmp_path, PHONG_GUIDANCE, "pgd-huong-dan.txt")
    assert m.doc_number is None and m.sources["doc_number"].reason == "dự thảo, chưa có số"
    assert m.doc_type == "Công văn"
    assert m.issuer == "Phòng GD&ĐT huyện Cam Lộ" and m.issuer_level == "phong"
    assert (m.issued_date, m.school_year) == ("2024-09-12", "2026-2027")  # the subject line names the year


@pytest.mark.parametrize(
    "line", ["Số: 87 /2026/QĐ-UBND", "Số : 87/2026/QĐ-UBND", "Số:87/ 2026/ QĐ-UBND", "Số: 87/2026/QĐ - UBND"]
)
def test_spaces_inside_the_symbol_are_dropped(tmp_path: Path, line: str) -> None:
    m = _parse(tmp_path, DECISION.replace("Số: 87/2026/QĐ-UBND", line), "qd.txt")
    assert m.doc_number == "87/2026/QĐ-UBND" and m.sources["doc_number"].origin == "number_line"


def test_a_dotted_number_is_read_whole(tmp_path: Path) -> None:
    # The Government's resolutions under the 2025 special mechanism are numbered "66.18/2026/NQ-CP".
    text = DECISION.replace("Số: 87/2026/QĐ-UBND", "Số: 66.18/2026/QĐ-UBND")
    assert _parse(tmp_path, text, "qd.txt").doc_number == "66.18/2026/QĐ-UBND"


def test_a_doubled_slash_is_a_typing_slip(tmp_path: Path) -> None:
    text = DECISION.replace("Số: 87/2026/QĐ-UBND", "Số: 87/2026//QĐ-UBND")
    assert _parse(tmp_path, text, "qd.txt").doc_number == "87/2026/QĐ-UBND"


DECISION = """ỦY BAN NHÂN DÂN
TỈNH VĨNH LONG
Số: 87/2026/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Vĩnh Long, ngày 12 tháng 8 năm 2026
QUYẾT ĐỊNH
Ban hành Quy định về dạy thêm, học thêm trên địa bàn tỉnh Vĩnh Long
ỦY BAN NHÂN DÂN TỈNH VĨNH LONG
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Căn cứ Thông tư số 29/2024/TT-BGDĐT ngày 30 tháng 12 năm 2024 của Bộ trưởng Bộ Giáo dục và Đào tạo quy định về dạy thêm, học thêm;
Căn cứ Quyết định số 10/2021/QĐ-UBND ngày 04 tháng 3 năm 2021 của Ủy ban nhân dân tỉnh;
Theo đề nghị của Giám đốc Sở Giáo dục và Đào tạo tại Tờ trình số 1450/TTr-SGDĐT ngày 01 tháng 8 năm 2026.
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy định về dạy thêm, học thêm trên địa bàn tỉnh Vĩnh Long.
Điều 2. Quyết định này có hiệu lực kể từ ngày 25 tháng 8 năm 2026 và thay thế Quyết định số 10/2021/QĐ-UBND.
Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Giáo dục và Đào tạo chịu trách nhiệm thi hành.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
ỦY BAN NHÂN DÂN
TỈNH VĨNH LONG
QUY ĐỊNH
Về dạy thêm, học thêm trên địa bàn tỉnh Vĩnh Long
(Ban hành kèm theo Quyết định số 87/2026/QĐ-UBND ngày 12 tháng 8 năm 2026 của Ủy ban nhân dân tỉnh Vĩnh Long)
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy định này quy định về dạy thêm, học thêm ngoài nhà trường trên địa bàn tỉnh.
Điều 2. Đối tượng áp dụng
Quy định này áp dụng đối với giáo viên, học sinh và tổ chức, cá nhân tổ chức dạy thêm, học thêm.
Chương II
QUY ĐỊNH CỤ THỂ
Điều 3. Đăng ký kinh doanh dịch vụ dạy thêm
Tổ chức, cá nhân tổ chức dạy thêm ngoài nhà trường có thu tiền phải đăng ký kinh doanh theo quy định.
Điều 4. Trách nhiệm của Sở Giáo dục và Đào tạo
Hướng dẫn, kiểm tra việc thực hiện Quy định này; tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 30 tháng 6 hằng năm.
"""


def test_a_decision_with_an_attached_regulation_has_the_decision_header(tmp_path: Path) -> None:
    m = _parse(tmp_path, DECISION, "vinh-long_qd-day-them.txt")
    assert _fields(m) == {
        "doc_type": "Quyết định",
        "doc_number": "87/2026/QĐ-UBND",
        "issuer": "UBND tỉnh Vĩnh Long",
        "province": "Vĩnh Long",
        "issued_date": "2026-08-12",
        "school_year": "2025-2026",  # August 2026: the school year that ends then
        "issuer_level": "tinh",
    }


def test_the_chairman_decides_by_code_or_by_the_authority_line(tmp_path: Path) -> None:
    by_code = DECISION.replace("87/2026/QĐ-UBND", "1207/QĐ-CTUBND").replace(
        "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG\nCăn cứ", "Căn cứ"
    )
    by_line = DECISION.replace("87/2026/QĐ-UBND", "1207/QĐ-UBND").replace(
        "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG\nCăn cứ", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG\nCăn cứ"
    )
    for text, number in ((by_code, "1207/QĐ-CTUBND"), (by_line, "1207/QĐ-UBND")):
        m = _parse(tmp_path, text, "qd-chu-tich.txt")
        assert (m.doc_type, m.doc_number, m.issuer, m.issuer_level) == (
            "Quyết định",
            number,
            "Chủ tịch UBND tỉnh Vĩnh Long",
            "tinh",
        )


def test_a_number_whose_code_names_another_type_is_not_the_documents(tmp_path: Path) -> None:
    text = DRAFT_PLAN.replace("Số: /KH-UBND", "Số: 22/2021/TT-BGDĐT")
    m = _parse(tmp_path, text, "ke-hoach.txt")
    assert (m.doc_type, m.doc_number) == ("Kế hoạch", None)
    assert "Thông tư" in (m.sources["doc_number"].reason or "")


RESOLUTION = """HỘI ĐỒNG NHÂN DÂN
TỈNH ĐỒNG THÁP
Số: 15/2025/NQ-HĐND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đồng Tháp, ngày 10 tháng 7 năm 2025
NGHỊ QUYẾT
Quy định mức thu học phí đối với cơ sở giáo dục công lập năm học 2025 - 2026 trên địa bàn tỉnh Đồng Tháp
HỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG THÁP
KHÓA X, KỲ HỌP THỨ 26
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Căn cứ Nghị định số 81/2021/NĐ-CP ngày 27 tháng 8 năm 2021 của Chính phủ quy định về cơ chế thu, quản lý học phí;
Căn cứ Nghị định số 97/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ sửa đổi, bổ sung Nghị định số 81/2021/NĐ-CP;
Xét Tờ trình số 98/TTr-UBND ngày 20 tháng 6 năm 2025 của Ủy ban nhân dân tỉnh;
QUYẾT NGHỊ:
Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng
1. Nghị quyết này quy định mức thu học phí năm học 2025 - 2026 đối với cơ sở giáo dục mầm non, phổ thông công lập.
2. Đối tượng áp dụng là trẻ em, học sinh và các cơ sở giáo dục công lập trên địa bàn tỉnh.
Điều 2. Mức thu học phí
1. Thành thị: mầm non 300.000 đồng/tháng; trung học cơ sở 300.000 đồng/tháng.
2. Nông thôn: mầm non 100.000 đồng/tháng; trung học cơ sở 100.000 đồng/tháng.
Điều 3. Tổ chức thực hiện
Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.
Nghị quyết này đã được Hội đồng nhân dân tỉnh Đồng Tháp Khóa X, Kỳ họp thứ 26 thông qua ngày 10 tháng 7 năm 2025.
Nơi nhận:
- Ủy ban Thường vụ Quốc hội;
- Lưu: VT.
CHỦ TỊCH
"""


def test_a_resolution_of_the_provincial_council(tmp_path: Path) -> None:
    m = _parse(tmp_path, RESOLUTION, "dong-thap_nq-hoc-phi.txt")
    assert _fields(m) == {
        "doc_type": "Nghị quyết",
        "doc_number": "15/2025/NQ-HĐND",
        "issuer": "HĐND tỉnh Đồng Tháp",
        "province": "Đồng Tháp",
        "issued_date": "2025-07-10",
        "school_year": "2025-2026",
        "issuer_level": "tinh",
    }


# A page saved from a legal-document site as markdown: navigation, the site's metadata table with lone "|"
# lines, the document's own header as a table, "**" broken across lines.
SITE_PAGE = """[Trang chủ](https://van-ban.example/) > [Văn bản](https://van-ban.example/van-ban) > Giáo dục

# Nghị quyết 15/2025/NQ-HĐND quy định mức thu học phí năm học 2025-2026 tỉnh Đồng Tháp

Tóm tắt
Nội dung
Văn bản gốc
Lược đồ
Tải về

|
Số hiệu:
|
15/2025/NQ-HĐND
|
Loại văn bản:
|
Nghị quyết
|
|
Nơi ban hành:
|
Tỉnh Đồng Tháp
|
Người ký:
|
Nguyễn Văn Bình
|
| Ngày ban hành: | 10/07/2025 | | Ngày hiệu lực: | Đã biết |
| Ngày công báo: | Đang cập nhật | | Tình trạng: | Đã biết |

| **HỘI ĐỒNG NHÂN DÂN<br>TỈNH ĐỒNG THÁP**<br>-------- | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc**<br>--------------- |
| --- | --- |
| Số: 15/2025/NQ-HĐND | *Đồng Tháp, ngày 10 tháng 7 năm 2025* |

**NGHỊ
QUYẾT**

**QUY ĐỊNH MỨC THU HỌC PHÍ ĐỐI VỚI CƠ SỞ GIÁO DỤC CÔNG LẬP NĂM HỌC 2025 - 2026 TRÊN ĐỊA BÀN TỈNH ĐỒNG THÁP**

**HỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG THÁP
KHÓA X, KỲ HỌP THỨ 26**

""" + RESOLUTION.split("KHÓA X, KỲ HỌP THỨ 26\n", 1)[1]


def test_a_legal_site_page_reads_the_document_header_and_the_site_table(tmp_path: Path) -> None:
    m = _parse(tmp_path, SITE_PAGE, "nghi-quyet-15-2025-nq-hdnd.md")
    assert _fields(m) == {
        "doc_type": "Nghị quyết",
        "doc_number": "15/2025/NQ-HĐND",
        "issuer": "HĐND tỉnh Đồng Tháp",
        "province": "Đồng Tháp",
        "issued_date": "2025-07-10",
        "school_year": "2025-2026",
        "issuer_level": "tinh",
    }
    # The document's own "Số:" line wins over the site's table.
    assert m.sources["doc_number"].origin == "number_line"


def test_the_site_table_alone_gives_the_fields_the_copy_lacks(tmp_path: Path) -> None:
    """A copy whose own header the site printed as an image: number, type, date and province from the table."""
    table = SITE_PAGE[: SITE_PAGE.index("| **HỘI ĐỒNG")].replace("| 10/07/2025 |", "| 12/08/2026 |")
    table = table.replace("15/2025/NQ-HĐND", "87/2026/QĐ-UBND").replace("Nghị quyết\n", "Quyết định\n")
    table = table.replace("Tỉnh Đồng Tháp", "Ủy ban nhân dân tỉnh Vĩnh Long")
    body = DECISION[DECISION.index("Căn cứ Luật") :]
    m = _parse(tmp_path, table + body, "qd-87-2026.md")
    assert _fields(m) == {
        "doc_type": "Quyết định",
        "doc_number": "87/2026/QĐ-UBND",
        "issuer": "UBND tỉnh Vĩnh Long",
        "province": "Vĩnh Long",
        "issued_date": "2026-08-12",
        "school_year": "2025-2026",
        "issuer_level": "tinh",
    }
    assert m.sources["doc_number"].origin == "site_table" and "site_table" in FIELD_ORIGINS
    assert m.sources["issued_date"].origin == "site_table"


NOTICE = (
    """SỞ GIÁO DỤC VÀ ĐÀO TẠO
TỈNH NINH BÌNH
Số: 412/TB-SGDĐT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Ninh Bình, ngày 3 tháng 10 năm 2025
THÔNG BÁO
Kết luận của Giám đốc Sở tại hội nghị tổng kết năm học
Căn cứ Kế hoạch số 77/KH-UBND ngày 20 tháng 8 năm 2025 của Ủy ban nhân dân tỉnh;
Thực hiện Công văn số 4215/BGDĐT-GDPT ngày 14 tháng 8 năm 2025 của Bộ Giáo dục và Đào tạo;
Sở Giáo dục và Đào tạo thông báo kết luận như sau:
"""
    + BODY
    + "GIÁM ĐỐC\n"
)


def test_a_notice_without_a_school_year_in_its_text_takes_it_from_its_date(tmp_path: Path) -> None:
    m = _parse(tmp_path, NOTICE, "ninh-binh_thong-bao.txt")
    assert _fields(m) == {
        "doc_type": "Thông báo",
        "doc_number": "412/TB-SGDĐT",
        "issuer": "Sở GD&ĐT Ninh Bình",
        "province": "Ninh Bình",
        "issued_date": "2025-10-03",
        "school_year": "2025-2026",
        "issuer_level": "so",
    }
    assert m.sources["school_year"].confidence < 0.8  # read from the date: a guess that only ranks


def test_a_guidance_with_neither_year_nor_date_has_no_school_year(tmp_path: Path) -> None:
    text = NOTICE.replace("Ninh Bình, ngày 3 tháng 10 năm 2025", "Ninh Bình, ngày    tháng    năm")
    text = text.replace("THÔNG BÁO", "HƯỚNG DẪN").replace("412/TB-SGDĐT", "412/HD-SGDĐT")
    text = text.replace(" năm học", "")
    m = _parse(tmp_path, text, "huong-dan.txt")
    assert (m.doc_type, m.doc_number, m.issued_date, m.school_year) == (
        "Hướng dẫn",
        "412/HD-SGDĐT",
        None,
        None,
    )
    assert m.sources["school_year"].reason


PORTAL_NEWS = """Cổng thông tin điện tử tỉnh Hà Giang
Trang chủ > Tin tức > Giáo dục
UBND tỉnh ban hành Chỉ thị về nhiệm vụ năm học 2025-2026
Thực hiện Chỉ thị số 29/CT-TTg ngày 6/9/2024 của Thủ tướng Chính phủ, UBND tỉnh Hà Giang vừa ban hành Chỉ thị số 11/CT-UBND ngày 15/9/2025 về nhiệm vụ trọng tâm năm học 2025-2026.
Theo đó, Chủ tịch UBND tỉnh yêu cầu ngành giáo dục tập trung rà soát, sắp xếp mạng lưới trường lớp, bảo đảm đủ giáo viên.
Các huyện, thành phố bố trí ngân sách sửa chữa phòng học, nhà vệ sinh trước ngày khai giảng.
Sở Giáo dục và Đào tạo chủ trì hướng dẫn, kiểm tra, tổng hợp kết quả báo cáo UBND tỉnh.
"""


def test_a_provinces_directive_reported_on_its_portal_is_the_provinces(tmp_path: Path) -> None:
    m = _parse(tmp_path, PORTAL_NEWS, "tin-chi-thi.txt")
    assert _fields(m) == {
        "doc_type": "Bài viết về Chỉ thị",
        "doc_number": "11/CT-UBND",
        "issuer": "UBND tỉnh Hà Giang",
        "province": "Hà Giang",
        "issued_date": "2025-09-15",
        "school_year": "2025-2026",
        "issuer_level": "bao-chi",
    }


JOINT = """BỘ CÔNG AN - BỘ QUỐC PHÒNG - BỘ Y TẾ - BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI
Số: 24/HDLN-BCA-BQP-BYT-BLĐTBXH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 25 tháng 6 năm 2026
HƯỚNG DẪN LIÊN NGÀNH
Về việc phối hợp xử lý vi phạm trong trường học
Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;
1. Các đơn vị phối hợp kiểm tra, xử lý vi phạm theo quy định.
"""


def test_joint_issuers_each_keep_their_name(tmp_path: Path) -> None:
    # A hướng dẫn liên ngành: one name per body; "Lao động - Thương binh và Xã hội" stays one ministry.
    m = _parse(tmp_path, JOINT, "hdln.txt")
    assert m.issuer == "Bộ Công an - Bộ Quốc phòng - Bộ Y tế - Bộ LĐ-TB&XH"
    assert m.doc_number == "24/HDLN-BCA-BQP-BYT-BLĐTBXH"


def test_a_joint_code_wrapped_in_its_column_is_read_whole(tmp_path: Path) -> None:
    # The long code wraps after a hyphen; the PDF's font gave three of its capitals as Cyrillic look-alikes.
    text = JOINT.replace(
        "Số: 24/HDLN-BCA-BQP-BYT-BLĐTBXH", "Số: 24 /HDLN-BCA-BQP-\nBYT-\u0412\u0421\u0422-BLĐTBXH"
    )
    assert _parse(tmp_path, text, "hdln.txt").doc_number == "24/HDLN-BCA-BQP-BYT-BCT-BLĐTBXH"
    # A line of words after a number is no part of it.
    draft = JOINT.replace(
        "Số: 24/HDLN-BCA-BQP-BYT-BLĐTBXH", "Số: 24/HDLN-BCA-\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    assert _parse(tmp_path, draft, "hdln2.txt").doc_number == "24/HDLN-BCA"


# A consolidated text (VBHN): the type line and title of the text it reprints, no number at the top; the number
# and date in the authentication block after the last article (the two columns of its table flattened).
CONSOLIDATED = """BỘ GIÁO DỤC VÀ ĐÀO TẠO
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
THÔNG TƯ LIÊN TỊCH
Hướng dẫn chế độ hỗ trợ học sinh bán trú ở xã, thôn đặc biệt khó khăn
Thông tư liên tịch số 31/2019/TTLT-BGDĐT-BTC ngày 16 tháng 6 năm 2019 của Bộ trưởng Bộ Giáo dục và Đào tạo, Bộ trưởng Bộ Tài chính, có hiệu lực kể từ ngày 01 tháng 8 năm 2019, được sửa đổi, bổ sung bởi:
Thông tư số 08/2023/TT-BGDĐT ngày 29 tháng 8 năm 2023 của Bộ trưởng Bộ Giáo dục và Đào tạo, có hiệu lực kể từ ngày 12 tháng 10 năm 2023.
Điều 1. Phạm vi điều chỉnh
Thông tư liên tịch này hướng dẫn chế độ hỗ trợ tiền ăn, tiền nhà ở cho học sinh bán trú.
Điều 2. Mức hỗ trợ
Mỗi học sinh bán trú được hỗ trợ tiền ăn mỗi tháng bằng 40% mức lương cơ sở, hưởng không quá 9 tháng một năm học.
Điều 3. Hiệu lực thi hành
Thông tư liên tịch này có hiệu lực kể từ ngày 01 tháng 8 năm 2019.
BỘ GIÁO DỤC VÀ ĐÀO TẠO
Số: 17/VBHN-BGDĐT
XÁC THỰC VĂN BẢN HỢP NHẤT
Hà Nội, ngày 12 tháng 4 năm 2024
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Văn An
"""


def test_a_consolidated_text_is_numbered_and_dated_at_its_end(tmp_path: Path) -> None:
    meta = _parse(tmp_path, CONSOLIDATED, "vbhn.txt")
    assert _fields(meta) == {
        "doc_type": "Văn bản hợp nhất",
        "doc_number": "17/VBHN-BGDĐT",
        "issuer": "Bộ GD&ĐT",
        "province": "toàn quốc",
        "issued_date": "2024-04-12",
        "school_year": None,  # a standing regulation, as the text it consolidates
        "issuer_level": "bo",
    }
    assert meta.title.startswith("Hướng dẫn chế độ hỗ trợ học sinh bán trú")


def test_a_joint_circular_is_a_thong_tu_titled_after_its_type_line(tmp_path: Path) -> None:
    # The same text before consolidation: its own number line, no authentication block.
    text = CONSOLIDATED.replace(
        "Độc lập - Tự do - Hạnh phúc\n",
        "Độc lập - Tự do - Hạnh phúc\nSố: 31/2019/TTLT-BGDĐT-BTC\nHà Nội, ngày 16 tháng 6 năm 2019\n",
    )
    text = text[: text.index("BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 17/VBHN")]
    meta = _parse(tmp_path, text, "ttlt.txt")
    assert (meta.doc_type, meta.doc_number, meta.issued_date) == (
        "Thông tư",
        "31/2019/TTLT-BGDĐT-BTC",
        "2019-06-16",
    )
    assert meta.title.startswith("Hướng dẫn chế độ hỗ trợ học sinh bán trú")


def test_a_text_about_consolidating_is_no_consolidated_text(tmp_path: Path) -> None:
    text = DRAFT_PLAN.replace(
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
        "Văn phòng thực hiện việc xác thực văn bản hợp nhất theo quy định.\nSố: 17/VBHN-BGDĐT là văn bản hợp nhất đã xác thực.\nỦy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
    )
    meta = _parse(tmp_path, text, "kh.txt")
    assert meta.doc_type == "Kế hoạch" and meta.doc_number is None
