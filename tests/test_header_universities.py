"""Header fields of documents issued by universities, member schools, academies and colleges.

Nghị định 30/2020/NĐ-CP: the letterhead's left column names the issuing body, its parent above it ("BỘ GIÁO DỤC
VÀ ĐÀO TẠO" / "TRƯỜNG ĐẠI HỌC …", "ĐẠI HỌC QUỐC GIA HÀ NỘI" / "TRƯỜNG ĐẠI HỌC …"); the lower line issues. The
province is the place-date line's; a city in a university's name is only a hint. A preamble citing a decision
"của Thủ tướng Chính phủ" never makes the Prime Minister the issuer. Every document here is invented (names of
real universities, invented numbers, dates and contents); the OCR ones imitate a scan's text layer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import issuers
from ingest.pipeline import parse_document
from ingest.readings import CONFIDENCE

PREAMBLE = """Căn cứ Luật Giáo dục đại học ngày 18 tháng 6 năm 2012;
Căn cứ Nghị định số 186/2013/NĐ-CP ngày 17 tháng 11 năm 2013 của Chính phủ về đại học quốc gia;
Căn cứ Quyết định số 26/2014/QĐ-TTg ngày 26 tháng 3 năm 2014 của Thủ tướng Chính phủ ban hành Quy chế tổ chức và hoạt động của đại học quốc gia;
Căn cứ Thông tư số 08/2021/TT-BGDĐT ngày 18 tháng 3 năm 2021 của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Quy chế đào tạo trình độ đại học;
Theo đề nghị của Trưởng Ban Đào tạo,
QUYẾT ĐỊNH:
Điều 1. Sửa đổi khoản 2 Điều 7 của Quy chế đào tạo như sau: sinh viên đăng ký tối thiểu 14 tín chỉ mỗi học kỳ chính.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng, Trưởng Ban Đào tạo và thủ trưởng các đơn vị liên quan chịu trách nhiệm thi hành Quyết định này.
Nơi nhận:
- Như Điều 3;
- Lưu: VT, ĐT.
"""


def _meta(tmp_path: Path, text: str, name: str = "van-ban.txt"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_document(path).meta


def _src(meta, name: str) -> tuple[str, float]:  # type: ignore[no-untyped-def]
    s = meta.sources[name]
    return s.origin, s.confidence


def test_national_university_scan_with_garbled_number(tmp_path: Path) -> None:
    """An OCR text layer: letterhead and motto on one row, the handwritten number lost, "Căn cứ … của Thủ tướng"."""
    meta = _meta(
        tmp_path,
        "ĐẠI HỌC QUÓC GIA HÀ NỘI CỌNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM —— Độc lập - Tự do - Hạnh phúc\n"
        "Số: 1 7Ÿ/QĐ-ĐHQGHN Hà Nội, ngày 12 tháng 3 năm 2025\n"
        "QUYÉT ĐỊNH\n"
        "Về việc sửa đổi một số điều của Quy chế đào tạo đại học tại Đại học Quốc gia Hà Nội\n"
        "GIÁM ĐÓC ĐẠI HỌC QUÓC GIA HÀ NỘI\n" + PREAMBLE,
    )
    assert meta.issuer == "Đại học Quốc gia Hà Nội"
    assert meta.issuer_level == "truong"
    assert _src(meta, "issuer") == ("letterhead", CONFIDENCE["letterhead"])
    assert meta.province == "Hà Nội"
    assert _src(meta, "province") == ("place_date", CONFIDENCE["place_date"])
    assert meta.doc_number is None  # never a guess from "1 7Ÿ"
    assert meta.sources["doc_number"].reason == "số trên dòng “Số:” không đọc được"
    assert meta.doc_type == "Quyết định"
    assert meta.issued_date == "2025-03-12"


def test_scan_misread_number_sign_and_day(tmp_path: Path) -> None:
    """ "Só:.⁄6/QĐ-…" (the number line's word misread too) and "ngày O5": the place still read, the day repaired."""
    meta = _meta(
        tmp_path,
        "ĐẠI HỌC QUỐC GIA HÀ NỘI CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "Só:.⁄6/QĐ-ĐHQGHN Hà Nội, ngày O5 tháng 6 năm 2025\n"
        "QUYẾT ĐỊNH\n"
        "Về việc sửa đổi Quy chế tuyển sinh đại học chính quy\n"
        "GIÁM ĐỐC ĐẠI HỌC QUỐC GIA HÀ NỘI\n" + PREAMBLE,
    )
    assert (meta.issuer, meta.province, meta.issuer_level) == ("Đại học Quốc gia Hà Nội", "Hà Nội", "truong")
    assert meta.doc_number is None
    assert meta.issued_date == "2025-06-05"
    assert _src(meta, "issued_date") == ("place_date", CONFIDENCE["ocr_date"])
    assert meta.school_year == "2024-2025"


@pytest.mark.parametrize(
    ("dated", "school_year"),
    [
        # The month misread: no date, and nothing to place the document in a school year by.
        ("Số: 2QĐ-ĐHQGHN Hà Nội, ngày 05 tháng ©_ năm 2025", None),
        # The day filled in by hand at signing came out as letters, "tháng" lost its "h"; the month and year were
        # typed with the form: no date is stated, but the month places the document in its school year.
        ("Số: 2QĐ-ĐHQGHN\nThành phố Hồ Chí Minh, ngày vỗ tưng 6 năm 2026", "2025-2026"),
    ],
)
def test_an_unreadable_handwritten_date_is_no_date(
    tmp_path: Path, dated: str, school_year: str | None
) -> None:
    meta = _meta(
        tmp_path,
        f"ĐẠI HỌC QUỐC GIA HÀ NỘI CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{dated}\n"
        "QUYẾT ĐỊNH\nVề việc ban hành Quy định về học bổng\n" + PREAMBLE,
    )
    assert meta.issued_date is None
    assert meta.sources["issued_date"].reason == "ngày ký trên dòng địa danh không đọc được"
    assert meta.issuer == "Đại học Quốc gia Hà Nội"
    assert meta.school_year == school_year


def test_member_school_under_national_university(tmp_path: Path) -> None:
    meta = _meta(
        tmp_path,
        "ĐẠI HỌC QUỐC GIA HÀ NỘI\nTRƯỜNG ĐẠI HỌC VIỆT NHẬT\nSố: 312/QĐ-ĐHVN\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 20 tháng 10 năm 2025\n"
        "QUYẾT ĐỊNH\nVề việc công nhận sinh viên tốt nghiệp đợt 2 năm 2025\n"
        "HIỆU TRƯỞNG TRƯỜNG ĐẠI HỌC VIỆT NHẬT\n" + PREAMBLE,
    )
    assert meta.issuer == "Trường Đại học Việt Nhật"
    assert (meta.province, meta.issuer_level, meta.doc_number) == ("Hà Nội", "truong", "312/QĐ-ĐHVN")
    assert meta.issued_date == "2025-10-20"


def test_university_under_ministry_placed_by_its_place_date_line(tmp_path: Path) -> None:
    """A city in the school's name is not where it stands: the place-date line wins."""
    meta = _meta(
        tmp_path,
        "BỘ GIÁO DỤC VÀ ĐÀO TẠO\nTRƯỜNG ĐẠI HỌC SƯ PHẠM HÀ NỘI 2\nSố: 77/TB-ĐHSPHN2\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nPhú Thọ, ngày 03 tháng 9 năm 2025\n"
        "THÔNG BÁO\nVề lịch học kỳ I năm học 2025-2026\n"
        "Nhà trường thông báo lịch học kỳ I năm học 2025-2026 đối với sinh viên đại học chính quy như sau:\n"
        "1. Thời gian bắt đầu học kỳ: ngày 08 tháng 9 năm 2025.\n2. Các khoa thông báo đến sinh viên.\n",
    )
    assert meta.issuer == "Trường Đại học Sư Phạm Hà Nội 2"
    assert meta.issuer_level == "truong"
    assert meta.province == "Phú Thọ"
    assert _src(meta, "province") == ("place_date", CONFIDENCE["place_date"])
    assert (meta.doc_type, meta.doc_number, meta.school_year) == ("Thông báo", "77/TB-ĐHSPHN2", "2025-2026")


def test_city_in_university_name_is_only_a_hint(tmp_path: Path) -> None:
    """No place-date line: the name's city is read, below HIGH_CONFIDENCE (it may rank, never exclude)."""
    meta = _meta(
        tmp_path,
        "BỘ GIÁO DỤC VÀ ĐÀO TẠO\nTRƯỜNG ĐẠI HỌC KINH TẾ QUỐC DÂN HÀ NỘI\nSố: 15/HD-ĐHKTQD\n"
        "HƯỚNG DẪN\nVề việc đăng ký học phần học kỳ phụ\n"
        "1. Sinh viên đăng ký trên cổng đào tạo trong thời gian quy định.\n2. Các khoa theo dõi, tổng hợp.\n",
    )
    assert meta.issuer_level == "truong"
    assert meta.province == "Hà Nội"
    assert _src(meta, "province") == ("letterhead", CONFIDENCE["academic_name"])
    assert not meta.confident("province")


def test_regional_university_member_and_hcm_national_university(tmp_path: Path) -> None:
    hue = _meta(
        tmp_path,
        "ĐẠI HỌC HUẾ\nTRƯỜNG ĐẠI HỌC SƯ PHẠM\nSố: 1020/KH-ĐHSP\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHuế, ngày 15 tháng 11 năm 2025\n"
        "KẾ HOẠCH\nTổ chức hội thảo khoa học sinh viên năm học 2025-2026\n"
        "I. MỤC ĐÍCH\n1. Khuyến khích sinh viên nghiên cứu khoa học.\n",
        "hue.txt",
    )
    assert (hue.issuer, hue.province, hue.issuer_level) == ("Trường Đại học Sư Phạm", "Huế", "truong")
    hcm = _meta(
        tmp_path,
        "ĐẠI HỌC QUỐC GIA THÀNH PHỐ HỒ CHÍ MINH\nSố: 845/QĐ-ĐHQG\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Thành phố Hồ Chí Minh, ngày 02 tháng 7 năm 2025\n"
        "QUYẾT ĐỊNH\nVề việc ban hành Quy chế đào tạo trình độ tiến sĩ\n"
        "GIÁM ĐỐC ĐẠI HỌC QUỐC GIA THÀNH PHỐ HỒ CHÍ MINH\n" + PREAMBLE,
        "hcm.txt",
    )
    assert hcm.issuer == "Đại học Quốc gia Thành phố Hồ Chí Minh"
    assert (hcm.province, hcm.issuer_level, hcm.doc_number) == ("Hồ Chí Minh", "truong", "845/QĐ-ĐHQG")


def test_academy_and_college(tmp_path: Path) -> None:
    academy = _meta(
        tmp_path,
        "HỌC VIỆN CHÍNH TRỊ QUỐC GIA HỒ CHÍ MINH\nHỌC VIỆN BÁO CHÍ VÀ TUYÊN TRUYỀN\nSố: 5120/TB-HVBCTT\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 10 tháng 12 năm 2025\n"
        "THÔNG BÁO\nVề việc nghỉ Tết Dương lịch năm 2026\n1. Thời gian nghỉ: 01 ngày.\n",
        "hv.txt",
    )
    assert academy.issuer is not None and academy.issuer.lower() == "học viện báo chí và tuyên truyền"
    assert (academy.province, academy.issuer_level) == ("Hà Nội", "truong")
    college = _meta(
        tmp_path,
        "UBND TỈNH LÀO CAI\nTRƯỜNG CAO ĐẲNG LÀO CAI\nSố: 88/KH-CĐLC\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLào Cai, ngày 04 tháng 8 năm 2025\n"
        "KẾ HOẠCH\nTuyển sinh năm 2025\nI. MỤC ĐÍCH\n1. Tuyển đủ chỉ tiêu được giao.\n",
        "cd.txt",
    )
    assert college.issuer == "Trường Cao đẳng Lào Cai"
    assert (college.province, college.issuer_level) == ("Lào Cai", "truong")
    assert _src(college, "province")[1] >= CONFIDENCE["place_date"]


def test_authority_line_names_the_issuer_when_the_letterhead_is_lost(tmp_path: Path) -> None:
    """The scan lost the letterhead; "GIÁM ĐỐC ĐẠI HỌC QUỐC GIA HÀ NỘI" under the title says who decides."""
    meta = _meta(
        tmp_path,
        "Hà Nội, ngày 21 tháng 4 năm 2025\nQUYẾT ĐỊNH\nVề việc thành lập Hội đồng tuyển sinh sau đại học\n"
        "GIÁM ĐỐC ĐẠI HỌC QUỐC GIA HÀ NỘI\n" + PREAMBLE,
    )
    assert meta.issuer == "Đại học Quốc gia Hà Nội"
    assert _src(meta, "issuer") == ("title", CONFIDENCE["authority"])
    assert (meta.province, meta.issuer_level) == ("Hà Nội", "truong")


def test_preamble_citing_the_prime_minister_is_no_issuer() -> None:
    text = (
        "Căn cứ Quyết định số 26/2014/QĐ-TTg ngày 26 tháng 3 năm 2014 của Thủ tướng Chính phủ ban hành Quy chế;\n"
        "Theo đề nghị của Trưởng Ban Đào tạo."
    )
    assert issuers.from_text(text) is None
    assert issuers.from_text(
        "Thủ tướng Chính phủ vừa ký ban hành Chỉ thị số 31/CT-TTg."
    ) == issuers.IssuerKind("thu-tuong")


def test_letterhead_lower_line_issues() -> None:
    def kind(*lines: str) -> issuers.IssuerKind | None:
        return issuers.from_letterhead(list(lines))

    assert kind("ĐẠI HỌC QUỐC GIA HÀ NỘI") == issuers.IssuerKind("dai-hoc", "Đại học Quốc gia Hà Nội")
    assert kind("ĐẠI HỌC QUỐC GIA HÀ NỘI", "TRƯỜNG ĐẠI HỌC VIỆT NHẬT") == issuers.IssuerKind(
        "truong", "Trường Đại học Việt Nhật"
    )
    assert kind("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "TRƯỜNG ĐẠI HỌC VINH") == issuers.IssuerKind(
        "truong", "Trường Đại học Vinh"
    )
    assert kind("BỘ QUỐC PHÒNG", "HỌC VIỆN KỸ THUẬT QUÂN SỰ") == issuers.IssuerKind(
        "truong", "Học viện Kỹ Thuật Quân Sự"
    )
    assert issuers.LEVELS["dai-hoc"] == "truong"
