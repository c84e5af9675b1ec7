"""Every header field says where it was read and how sure that is; stronger origins win.

Fixtures are written for these tests; their text is invented.
"""

from __future__ import annotations

import json
from pathlib import Path

from ingest.models import FIELD_ORIGINS, HIGH_CONFIDENCE
from ingest.pipeline import parse_document

FIELDS = (
    "doc_type",
    "doc_number",
    "issuer",
    "province",
    "issued_date",
    "school_year",
    "title",
    "issuer_level",
)


def _parse(tmp_path: Path, text: str, name: str = "van-ban.txt"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_document(path)


SO_CA_MAU = """SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 88/SGDĐT-VP
V/v nhiệm vụ năm học 2024-2025
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Cà Mau, ngày 3 tháng 9 năm 2024
Kính gửi: Các đơn vị trực thuộc.
Học tập kinh nghiệm của Bạc Liêu, Sóc Trăng và Kiên Giang, Sở đề nghị các đơn vị:
1. Tham khảo mô hình trường học của Bạc Liêu.
2. Phối hợp với các trường của Bạc Liêu và Sóc Trăng.
"""


def test_place_date_line_outranks_body_mentions(tmp_path: Path) -> None:
    """The letterhead names no province; the place-date line does, and the body's many others lose."""
    m = _parse(tmp_path, SO_CA_MAU, "bac-lieu-cong-van.txt").meta
    assert (m.province, m.issuer, m.issuer_level) == ("Cà Mau", "Sở GD&ĐT Cà Mau", "so")
    assert m.sources["province"].origin == "place_date" and m.confident("province")
    assert m.sources["issuer"].origin == "letterhead" and m.confident("issuer")


def test_every_field_has_an_origin_and_a_confidence(tmp_path: Path) -> None:
    m = _parse(tmp_path, SO_CA_MAU).meta
    for name in FIELDS:
        src = m.sources[name]
        assert src.origin in FIELD_ORIGINS and 0 < src.confidence <= 1, name
    assert m.sources["doc_number"].origin == "number_line"
    assert m.sources["title"].origin == "title"
    assert m.sources["issued_date"].origin == "place_date"


PORTAL_COPY = """Nhiệm vụ năm học 2022-2023
Các trường tiếp tục thực hiện chương trình giáo dục phổ thông 2018.
Tổ chức dạy học 2 buổi/ngày ở tiểu học.
"""


def test_file_name_alone_is_never_confident(tmp_path: Path) -> None:
    m = _parse(tmp_path, PORTAL_COPY, "quang-ninh_2022-2023_nhiem-vu.txt").meta
    assert m.province == "Quảng Ninh"
    assert m.sources["province"].origin == "filename"
    assert m.sources["province"].confidence < HIGH_CONFIDENCE and not m.confident("province")
    assert m.issuer is None and "issuer" not in m.sources


def test_title_naming_a_province_is_weaker_than_the_letterhead(tmp_path: Path) -> None:
    text = """ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN
Số: 19/CT-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Nghệ An, ngày 6 tháng 9 năm 2022
CHỈ THỊ
VỀ HỌC TẬP KINH NGHIỆM CỦA TỈNH HÀ TĨNH TRONG NĂM HỌC 2022-2023
1. Các trường học tập kinh nghiệm.
"""
    m = _parse(tmp_path, text, "ha-tinh.txt").meta
    assert (m.province, m.issuer) == ("Nghệ An", "UBND tỉnh Nghệ An")
    assert m.sources["province"].origin == "letterhead"


def test_ministry_is_national_and_sure(tmp_path: Path) -> None:
    text = """BỘ GIÁO DỤC VÀ ĐÀO TẠO | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 2345/BGDĐT-GDTH | Hà Nội, ngày 7 tháng 6 năm 2021 |
V/v hướng dẫn xây dựng kế hoạch giáo dục năm học 2021-2022
Kính gửi: Các Sở Giáo dục và Đào tạo.
1. Xây dựng kế hoạch giáo dục của nhà trường.
"""
    m = _parse(tmp_path, text).meta
    assert (m.province, m.issuer, m.issuer_level) == ("toàn quốc", "Bộ GD&ĐT", "bo")
    assert m.confident("province") and m.sources["province"].origin == "letterhead"


def test_manifest_overrides_with_full_confidence(tmp_path: Path) -> None:
    from index.library import parse_files

    path = tmp_path / "copy.txt"
    path.write_text(PORTAL_COPY, encoding="utf-8")
    (tmp_path / "manifest.json").write_text(
        json.dumps(
            {"copy.txt": {"province": "Lai Châu", "issuer": "UBND tỉnh Lai Châu", "issuer_level": "tinh"}}
        ),
        encoding="utf-8",
    )
    parsed, errors = parse_files([path], progress=False)
    assert not errors
    m = parsed[0][1].meta
    assert (m.province, m.issuer, m.issuer_level) == ("Lai Châu", "UBND tỉnh Lai Châu", "tinh")
    for name in ("province", "issuer", "issuer_level"):
        assert m.sources[name].origin == "manifest" and m.sources[name].confidence == 1.0
    assert m.sources["school_year"].origin == "body"  # fields the manifest does not name keep theirs
