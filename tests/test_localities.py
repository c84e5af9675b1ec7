"""District, commune and ward names → province, from the vietnamadminunits dataset read directly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ingest import localities
from ingest.localities import agreeing, province_of, provinces_of

BEFORE, AFTER = "2023-09-10", "2025-09-10"


def test_the_dataset_is_installed() -> None:
    path = localities.dataset_path()
    assert path is not None and path.name == "dataset.db"


@pytest.mark.parametrize(
    "unit,date,expected",
    [
        ("quận Cầu Giấy", BEFORE, "Hà Nội"),  # a quận of a centrally-run city
        ("QUẬN HẢI CHÂU", BEFORE, "Đà Nẵng"),  # capitals, as printed in a letterhead
        ("huyện Đức Trọng", BEFORE, "Lâm Đồng"),
        ("TP. Nha Trang", BEFORE, "Khánh Hòa"),  # "TP." stands for "thành phố"
        ("Quận 1", None, "Hồ Chí Minh"),  # a numbered district
        ("phường Hạc Thành", AFTER, "Thanh Hóa"),  # a ward created in 2025
        ("đặc khu Phú Quốc", AFTER, "An Giang"),
        ("Tây Nha Trang", AFTER, "Khánh Hòa"),  # a place-date line prints no kind word
        ("Ninh Kieu", None, "Cần Thơ"),  # typed without tone marks: letters alone
    ],
)
def test_a_unit_found_in_one_province(unit: str, date: str | None, expected: str) -> None:
    assert province_of(unit, date) == expected


def test_a_former_district_keeps_its_former_province_until_the_merger() -> None:
    """Provinces are written as ingest/provinces.py keeps them: Yên Bái before July 2025, Lào Cai after."""
    assert provinces_of("huyện Lục Yên", BEFORE) == ("Yên Bái",)
    assert provinces_of("huyện Lục Yên", AFTER) == ("Lào Cai",)
    assert provinces_of("thành phố Thủ Dầu Một", "2024-09-01") == ("Bình Dương",)
    assert provinces_of("phường Thủ Dầu Một", AFTER) == ("Hồ Chí Minh",)
    # Thừa Thiên Huế became the city of Huế on 1 January 2025, before the merger.
    assert provinces_of("huyện Phú Vang", "2024-09-01") == ("Thừa Thiên Huế",)
    assert provinces_of("quận Thuận Hóa", "2025-03-01") == ("Huế",)


def test_a_name_in_several_provinces_gives_every_candidate_and_no_answer() -> None:
    chau_thanh = provinces_of("huyện Châu Thành", BEFORE)
    assert len(chau_thanh) == 10 and {"Tiền Giang", "An Giang", "Hậu Giang"} <= set(chau_thanh)
    assert province_of("huyện Châu Thành", BEFORE) is None
    assert province_of("Phường 1", BEFORE) is None
    assert provinces_of("Phường 01", BEFORE) == provinces_of("phường 1", BEFORE)


def test_the_kind_word_tells_districts_of_the_same_name_apart() -> None:
    assert provinces_of("quận Hoàng Mai", BEFORE) == ("Hà Nội",)
    assert provinces_of("thị xã Hoàng Mai", BEFORE) == ("Nghệ An",)
    assert provinces_of("Hoàng Mai", BEFORE) == ("Hà Nội", "Nghệ An")


def test_units_that_did_not_exist_at_the_date_are_not_found() -> None:
    assert provinces_of("thị trấn Ngã Sáu", BEFORE) == ("Hậu Giang",)
    assert provinces_of("đặc khu Phú Quốc", BEFORE) == ()  # a huyện until July 2025
    # After the merger today's wards answer first: one Đại Lãnh commune is left, in Khánh Hòa.
    assert provinces_of("xã Đại Lãnh", BEFORE) == ("Khánh Hòa", "Quảng Nam")
    assert provinces_of("xã Đại Lãnh", AFTER) == ("Khánh Hòa",)


@pytest.mark.parametrize("unit", ["huyện Hư Cấu", "Hư Cấu", "quận Ninh Kiêu", "", "quận", "|"])
def test_unknown_names_give_nothing(unit: str) -> None:
    """Tone marks, when printed, must match: "Ninh Kiêu" is not "Ninh Kiều"."""
    assert provinces_of(unit, BEFORE) == ()


def test_without_the_dataset_nothing_is_found(tmp_path: Path) -> None:
    assert provinces_of("quận Cầu Giấy", BEFORE, db=tmp_path / "missing.db") == ()


def test_agreeing_picks_the_one_candidate_another_reading_names() -> None:
    candidates = provinces_of("huyện Châu Thành", BEFORE)
    assert agreeing(candidates, {"Tiền Giang", "Hà Nội"}) == "Tiền Giang"
    assert agreeing(candidates, {"Vĩnh Long"}) is None  # successor of both Bến Tre and Trà Vinh
    assert agreeing(candidates, {"Tiền Giang", "An Giang"}) is None
    assert agreeing(("Yên Bái",), {"Lào Cai"}) == "Yên Bái"  # named by its successor


def test_a_lookup_does_not_import_the_package() -> None:
    """The package's __init__ imports its address parser (shapely, geopy): only its data file is read."""
    code = (
        "import sys\n"
        "from ingest import localities\n"
        "assert localities.province_of('quận Cầu Giấy', '2023-09-10') == 'Hà Nội'\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('vietnamadminunits', 'shapely', 'geopy')))\n"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
