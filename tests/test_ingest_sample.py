"""Header fields and section trees of the five sample directives, and what never gets indexed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.pipeline import parse_document
from tests.conftest import SAMPLE

EXPECTED = {
    "lao-cai_2019-2020_huong-dan-nhiem-vu-trong-tam.txt": (
        "Công văn",
        None,
        "Sở GD&ĐT Lào Cai",
        "Lào Cai",
        "2019-2020",
        None,  # "Lào Cai, ngày   tháng 9 năm 2019" under a blank "Số: /…": not yet dated; the month gives the year
    ),
    "son-la_2019-2020_tin-hoi-nghi-trien-khai-nhiem-vu.txt": (
        "Tin bài",
        None,
        "Sở GD&ĐT Sơn La",
        "Sơn La",
        "2019-2020",
        "2019-08-02",
    ),
    "lai-chau_2020-2021_chi-thi-10-ct-ubnd.txt": (
        "Chỉ thị",
        "10/CT-UBND",
        "UBND tỉnh Lai Châu",
        "Lai Châu",
        "2020-2021",
        "2020-09-11",
    ),
    "lao-cai_2021-2022_dang-ky-chi-tieu-thi-dua.txt": (
        "Công văn",
        None,
        "Sở GD&ĐT Lào Cai",
        "Lào Cai",
        "2021-2022",
        None,
    ),
    "an-giang_2021-2022_chi-thi-04-ct-ubnd.txt": (
        "Chỉ thị",
        "04/CT-UBND",
        "UBND tỉnh An Giang",
        "An Giang",
        "2021-2022",
        "2021-09-14",
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_header_fields(name: str) -> None:
    meta = parse_document(SAMPLE / name).meta
    got = (meta.doc_type, meta.doc_number, meta.issuer, meta.province, meta.school_year, meta.issued_date)
    assert got == EXPECTED[name]
    assert meta.source == name
    assert meta.title and len(meta.title) > 10


def _paths(name: str) -> list[str]:
    return [s.path for s in parse_document(SAMPLE / name).sections]


def test_sections_lao_cai_2019() -> None:
    paths = _paths("lao-cai_2019-2020_huong-dan-nhiem-vu-trong-tam.txt")
    expected = [
        "I",
        *[f"I.{i}" for i in range(1, 10)],
        "II",
        *[f"II.{i}" for i in range(1, 6)],
        "III",
        "III.1",
        "III.2",
        "III.3",
    ]
    assert [p for p in paths if p] == expected


def test_sections_an_giang() -> None:
    paths = _paths("an-giang_2021-2022_chi-thi-04-ct-ubnd.txt")
    for p in [
        "I",
        *[f"I.{i}" for i in range(1, 10)],
        "I.3.a",
        "I.3.b",
        "I.3.c",
        "II",
        "II.1",
        "II.2",
        "II.3",
    ]:
        assert p in paths
    assert paths.index("I.3.a") == paths.index("I.3") + 1


def test_sections_son_la_ordinals_keep_repeated_one() -> None:
    paths = _paths("son-la_2019-2020_tin-hoi-nghi-trien-khai-nhiem-vu.txt")
    ordinals = [p for p in paths if p.startswith("Thứ")]
    assert ordinals == [
        "Thứ nhất",
        "Thứ hai",
        "Thứ ba",
        "Thứ tư",
        "Thứ năm",
        "Thứ năm",
        "Thứ sáu",
        "Thứ bẩy",
        "Thứ tám",
    ]


def test_sections_lao_cai_2021() -> None:
    paths = _paths("lao-cai_2021-2022_dang-ky-chi-tieu-thi-dua.txt")
    assert [p for p in paths if p] == [str(i) for i in range(1, 10)]


def test_sections_lai_chau_unnumbered_headings() -> None:
    paths = _paths("lai-chau_2020-2021_chi-thi-10-ct-ubnd.txt")
    for start in [
        "Tiếp tục rà soát, sắp xếp",
        "Nâng cao chất lượng, chuẩn hóa đội ngũ",
        "Hội nhập quốc tế",
        "Phát triển nguồn nhân lực",
        "Một số nhóm giải pháp cơ bản",
        "Đẩy mạnh ứng dụng công nghệ thông tin trong dạy, học và quản lý giáo dục",
    ]:
        assert any(p.startswith(start) for p in paths), start


def test_section_text_keeps_heading_and_body() -> None:
    doc = parse_document(SAMPLE / "son-la_2019-2020_tin-hoi-nghi-trien-khai-nhiem-vu.txt")
    sixth = next(s for s in doc.sections if s.path == "Thứ sáu")
    assert sixth.text.startswith("Thứ sáu, đẩy mạnh công tác xây dựng môi trường giáo dục an toàn")


@pytest.mark.parametrize(
    "name,chrome",
    [
        (
            "son-la_2019-2020_tin-hoi-nghi-trien-khai-nhiem-vu.txt",
            ["Tăng tương phản", "29/05/2020", "Tổng số điểm", "Bài tin liên quan", "Click để đánh giá"],
        ),
        (
            "lai-chau_2020-2021_chi-thi-10-ct-ubnd.txt",
            ["Các tin đã đăng", "Lịch trực nghỉ Tết", "22/5/2022", "print", "Ban biên tập"],
        ),
        ("an-giang_2021-2022_chi-thi-04-ct-ubnd.txt", ["|"]),
        ("lao-cai_2021-2022_dang-ky-chi-tieu-thi-dua.txt", ["**", "Nơi nhận"]),
    ],
)
def test_chrome_and_markup_never_indexed(name: str, chrome: list[str]) -> None:
    doc = parse_document(SAMPLE / name)
    text = "\n".join(s.text for s in doc.sections) + doc.meta.title
    for junk in chrome:
        assert junk not in text


def test_hard_wrapped_lines_rejoined() -> None:
    doc = parse_document(SAMPLE / "an-giang_2021-2022_chi-thi-04-ct-ubnd.txt")
    b = next(s for s in doc.sections if s.path == "I.3.b")
    assert "Tin học, Ngoại ngữ bắt đầu triển khai đối với lớp 3 từ năm học 2022-2023" in b.text


def test_documents_cli_json(sample_index: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "bot.cli", "documents", "--index", str(sample_index), "--json", "--sections"],
        capture_output=True,
        text=True,
        check=True,
    )
    docs = json.loads(out.stdout)
    assert len(docs) == 5
    keys = {
        "id",
        "title",
        "doc_type",
        "doc_number",
        "issuer",
        "province",
        "school_year",
        "issued_date",
        "source",
        "sections",
        "issuer_level",
        "sources",
    }
    assert all(keys <= set(d) for d in docs)
    for d in docs:  # every field says where it was read and how sure the parser is
        assert d["sources"]["province"]["origin"] and 0 < d["sources"]["province"]["confidence"] <= 1
    levels = {d["source"].split("_")[0]: d["issuer_level"] for d in docs}
    assert levels["an-giang"] == "tinh" and levels["son-la"] == "so"
    an_giang = next(d for d in docs if d["doc_number"] == "04/CT-UBND")
    assert any(s["path"] == "I.3.b" and s["title"] and s["text"] for s in an_giang["sections"])
