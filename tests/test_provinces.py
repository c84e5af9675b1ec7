"""Province table, free-text matching, merger scope."""

from __future__ import annotations

import pytest

from ingest.provinces import (
    CURRENT_NAMES,
    OLD_NAMES,
    PROVINCES,
    find_provinces,
    get,
    issuer_label,
    scope_of,
)
from ingest.textnorm import fold

ALL_NAMES = sorted(set(OLD_NAMES) | set(CURRENT_NAMES))
PREFIXES = ("", "tỉnh ", "TP. ", "thành phố ", "Tp.")


def test_counts_before_and_after_merger() -> None:
    assert len(OLD_NAMES) == len(set(OLD_NAMES)) == 63
    assert len(CURRENT_NAMES) == len(set(CURRENT_NAMES)) == 34
    assert sorted(p.name for p in PROVINCES if p.current) == sorted(CURRENT_NAMES)
    assert {p.name for p in PROVINCES} == set(ALL_NAMES)
    assert sum(1 for p in PROVINCES if p.merged_into) == 29 + 1  # + Thừa Thiên Huế → Huế


def test_merger_links_are_consistent() -> None:
    by_name = {p.name: p for p in PROVINCES}
    for p in PROVINCES:
        assert p.current == (p.merged_into is None)
        for old in p.merged_from:
            assert by_name[old].merged_into == p.name
        if p.merged_into:
            assert p.name in by_name[p.merged_into].merged_from
    lao_cai, yen_bai = by_name["Lào Cai"], by_name["Yên Bái"]
    assert lao_cai.merged_from == ("Yên Bái",) and lao_cai.current
    assert yen_bai.merged_into == "Lào Cai" and not yen_bai.current
    assert set(by_name["Hồ Chí Minh"].merged_from) == {"Bình Dương", "Bà Rịa - Vũng Tàu"}


def test_kinds() -> None:
    cities = {p.name for p in PROVINCES if p.kind == "thành phố"}
    assert cities == {"Hà Nội", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ", "Huế"}
    assert {p.kind for p in PROVINCES} == {"tỉnh", "thành phố"}


@pytest.mark.parametrize("name", ALL_NAMES)
@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_name_found_with_and_without_tone_marks(name: str, prefix: str) -> None:
    sentence = f"Kế hoạch thực hiện nhiệm vụ năm học của {prefix}{name}, năm 2024."
    expected = [] if name == "Hồ Chí Minh" and not prefix else [name]  # bare: the person
    assert find_provinces(sentence) == expected
    assert find_provinces(fold(sentence)) == expected
    assert find_provinces(sentence.upper()) == expected
    assert get(prefix + name) is not None and get(prefix + name).name == name  # type: ignore[union-attr]
    assert get(fold(prefix + name)).name == name  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("Thanh Hoá", "Thanh Hóa"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("Hoà Bình", "Hòa Bình"),
        ("Đăk Lăk", "Đắk Lắk"),
        ("Dak Lak", "Đắk Lắk"),
        ("Đắc Lắc", "Đắk Lắk"),
        ("Đăk Nông", "Đắk Nông"),
        ("Kontum", "Kon Tum"),
        ("Bắc Cạn", "Bắc Kạn"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("TPHCM", "Hồ Chí Minh"),
        ("TP HCM", "Hồ Chí Minh"),
        ("Sài Gòn", "Hồ Chí Minh"),
        ("HN", "Hà Nội"),
        ("BR-VT", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa–Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("TT Huế", "Thừa Thiên Huế"),
        ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
    ],
)
def test_aliases(spelling: str, name: str) -> None:
    assert find_provinces(f"Sở GD&ĐT {spelling} hướng dẫn") == [name]
    assert get(spelling).name == name  # type: ignore[union-attr]


@pytest.mark.parametrize("word", ["Nam", "Bình", "Hà", "Thái Bình Dương", "Việt Nam", "xyz", ""])
def test_get_unknown(word: str) -> None:
    assert get(word) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Tăng cường công tác giáo dục thể chất, thể thao trường học",
        "Quan tâm học sinh dân tộc thiểu số, học sinh khuyết tật",
        "Giám đốc Sở chủ trì, phối hợp với các sở, ban, ngành",
        "Bình đẳng giới trong giáo dục; bình đẳng cơ hội học tập",
        "Tham gia lại các hoạt động sau dịch",
        "Giữ tấm lòng an nhiên, tình yêu nghề",
        "Giáo dục vì hòa bình và phát triển bền vững",
        "Nâng cao bằng nhiều hình thức phong phú",
        "Hợp tác khu vực Châu Á - Thái Bình Dương",
        "Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ",
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Đội Thiếu niên Tiền phong Hồ Chí Minh, Đoàn TNCS Hồ Chí Minh",
        "nhân giang sơn, Cai Lậy, Định hướng",
        "An, Giang và Hà; Nội dung",  # punctuation breaks a name
    ],
)
def test_no_false_positives(sentence: str) -> None:
    assert find_provinces(sentence) == []


def test_tone_marks_must_match_in_marked_text() -> None:
    # Text with tone marks: an unmarked or differently marked span is an ordinary phrase ...
    assert find_provinces("Chỉ thị của Lao Cai") == []
    assert find_provinces("tấm lòng an toàn") == []
    # ... unless a prefix makes it a place name,
    assert find_provinces("Chỉ thị của tỉnh Lao Cai") == ["Lào Cai"]
    assert find_provinces("Chỉ thị của UBND tinh lao cai năm 2021") == ["Lào Cai"]
    # ... and text typed without any tone marks matches on letters alone.
    assert find_provinces("chi thi cua lao cai") == ["Lào Cai"]
    assert find_provinces("tam long an toan") == ["Long An"]
    assert find_provinces("Trường THPT ở Long An") == ["Long An"]
    # Old-style tone placement is the same spelling.
    assert find_provinces("Sở GD&ĐT Thanh Hoá và Khánh Hòa") == ["Thanh Hóa", "Khánh Hòa"]


def test_common_word_names_need_capitals_or_prefix() -> None:
    assert find_provinces("Sở GD&ĐT Hòa Bình") == ["Hòa Bình"]
    assert find_provinces("Sở GD&ĐT tỉnh hòa bình") == ["Hòa Bình"]
    assert find_provinces("giữ gìn hòa bình, Tỉnh ủy") == []
    assert find_provinces("kế hoạch của hòa bình năm nay") == ["Hòa Bình"]  # all lower-case: a user
    assert find_provinces("TỈNH CAO BẰNG") == ["Cao Bằng"]


def test_ho_chi_minh_needs_prefix() -> None:
    assert find_provinces("Sở GD&ĐT TP. Hồ Chí Minh") == ["Hồ Chí Minh"]
    assert find_provinces("Sở GD&ĐT Thành phố Hồ Chí Minh") == ["Hồ Chí Minh"]
    assert find_provinces("nhiem vu nam hoc tp ho chi minh") == ["Hồ Chí Minh"]
    assert find_provinces("tư tưởng Hồ Chí Minh ở TP.HCM") == ["Hồ Chí Minh"]
    assert find_provinces("tư tưởng Hồ Chí Minh") == []


def test_longest_match_and_order() -> None:
    assert find_provinces("tỉnh Bà Rịa - Vũng Tàu") == ["Bà Rịa - Vũng Tàu"]
    assert find_provinces("Thừa Thiên Huế") == ["Thừa Thiên Huế"]
    assert find_provinces("thua thien hue") == ["Thừa Thiên Huế"]
    assert find_provinces("thành phố Huế") == ["Huế"]
    assert find_provinces("Hà Tĩnh") == ["Hà Tĩnh"]
    assert find_provinces("Hà Nội và Nam Định") == ["Hà Nội", "Nam Định"]
    assert find_provinces("Bình Định, Quảng Bình") == ["Bình Định", "Quảng Bình"]
    assert find_provinces("Sơn La, Lào Cai rồi Sơn La") == ["Sơn La", "Lào Cai"]
    assert find_provinces("UBND TỈNH AN GIANG\n...\nAn\nGiang, ngày 14") == ["An Giang"]


def test_scope_both_ways() -> None:
    assert scope_of("Lào Cai") == {"Lào Cai", "Yên Bái"}
    assert scope_of("Yên Bái") == {"Yên Bái", "Lào Cai"}
    assert scope_of("yen bai") == {"Yên Bái", "Lào Cai"}
    assert scope_of("Phú Thọ") == {"Phú Thọ", "Vĩnh Phúc", "Hòa Bình"}
    assert scope_of("Hoà Bình") == {"Hòa Bình", "Phú Thọ"}  # siblings are not included
    assert scope_of("TP.HCM") == {"Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"}
    assert scope_of("Huế") == scope_of("Thừa Thiên Huế") == {"Huế", "Thừa Thiên Huế"}
    assert scope_of("Hà Nội") == {"Hà Nội"}
    assert scope_of("Atlantis") == frozenset()


def test_issuer_label() -> None:
    assert issuer_label("an giang") == "tỉnh An Giang"
    assert issuer_label("Hà Nội") == "thành phố Hà Nội"
    assert issuer_label("TPHCM") == "TP. Hồ Chí Minh"
    assert issuer_label("Thừa Thiên Huế") == "tỉnh Thừa Thiên Huế"
    assert issuer_label("Huế") == "thành phố Huế"
    assert issuer_label("Atlantis") == "Atlantis"
