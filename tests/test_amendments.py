"""Amending texts ("Sửa đổi, bổ sung khoản 2 Điều 5 như sau: “2. …”"): the numbered lines they quote are the
amended text's, not clauses of the amending article, also when a scan lost the closing mark; a stray mark quotes
nothing. The fixtures are written for these tests in the layout of a Thông tư that amends a Quy chế (the text is
invented)."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import parse_document
from ingest.sections import parse_sections

AMENDING_DECISION = """BỘ GIÁO DỤC VÀ ĐÀO TẠO
Số: 31/2026/TT-BGDĐT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 15 tháng 9 năm 2026
THÔNG TƯ
Sửa đổi, bổ sung một số điều của Quy chế thi chọn học sinh giỏi cấp quốc gia
Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;
Điều 1. Sửa đổi, bổ sung một số điều của Quy chế thi chọn học sinh giỏi cấp quốc gia
1. Sửa đổi, bổ sung khoản 2 Điều 5 như sau:
“2. Mỗi đơn vị dự thi được đăng ký không quá 10 thí sinh cho mỗi môn thi.
3. Thí sinh phải là học sinh lớp 11 hoặc lớp 12 tại thời điểm đăng ký.”
2. Bỏ điểm c khoản 4 Điều 7.
3. Sửa đổi, bổ sung Điều 12 như sau:
“Điều 12. Chấm thi
1. Bài thi được chấm hai vòng độc lập.
2. Điểm bài thi là điểm trung bình của hai vòng chấm.
Điều 2. Hiệu lực thi hành
Thông tư này có hiệu lực kể từ ngày 01 tháng 11 năm 2026.
"""


def test_the_text_an_amendment_puts_in_place_is_not_its_clauses(tmp_path: Path) -> None:
    path = tmp_path / "toan-quoc_2026_tt-31-2026-tt-bgddt-sua-doi.txt"
    path.write_text(AMENDING_DECISION, encoding="utf-8")
    paths = {s.path: s for s in parse_document(path).sections}
    # The amending article's own clauses are 1, 2, 3; the quoted "2." and "3." belong to its clause 1.
    assert [p for p in paths if p.startswith("Điều 1.")] == ["Điều 1.1", "Điều 1.2", "Điều 1.3"]
    assert "lớp 11 hoặc lớp 12" in paths["Điều 1.1"].text
    assert paths["Điều 1.2"].text.startswith("2. Bỏ điểm c")
    # A closing mark lost (as on a scan): the quotation still ends at the amending text's next article.
    assert "Điều 12. Chấm thi" in paths["Điều 1.3"].text and "hai vòng chấm" in paths["Điều 1.3"].text
    assert paths["Điều 2"].title == "Hiệu lực thi hành"


def test_a_stray_quotation_mark_opens_no_quotation() -> None:
    # A scan's speck read as "“" beside a form's motto quotes nothing: the clauses after it stay clauses.
    paragraphs = [
        "Điều 1. Phạm vi điều chỉnh",
        "—“ Độc lập - Tự do - Hạnh phúc",
        "1. Quy định này áp dụng đối với các trường trung học phổ thông.",
        "2. Các trường tư thục thực hiện như trường công lập.",
        "Điều 2. Hiệu lực",
        "Quy định có hiệu lực từ ngày ký.",
    ]
    paths = [s.path for s in parse_sections(paragraphs)]
    assert "Điều 1.1" in paths and "Điều 1.2" in paths


def test_a_quoted_item_after_a_quotation_closed_early_stays_quoted() -> None:
    # A scan put a closing mark after the first quoted item; the next item ends with the real one. It closes a
    # quotation it never opened, so it was quoted too: not a clause of the amending article.
    paragraphs = [
        "Điều 1. Sửa đổi, bổ sung một số điều của Quy chế đào tạo",
        "5. Sửa đổi, bổ sung khoản 3 và khoản 4 Điều 19 như sau:",
        "“3. Thời gian đào tạo chuẩn từ 03 năm đến 04 năm do đơn vị đào tạo quyết định.”",
        "4. Nghiên cứu sinh được hoàn thành sớm hoặc chậm không quá 01 năm so với kế hoạch.”",
        "6. Bỏ khoản 5 Điều 19.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    ]
    sections = {s.path: s for s in parse_sections(paragraphs)}
    assert [p for p in sections if p.startswith("Điều 1.")] == ["Điều 1.5", "Điều 1.6"]
    assert "chậm không quá 01 năm" in sections["Điều 1.5"].text


def test_a_clause_writing_a_whole_article_is_titled_by_that_article(tmp_path: Path) -> None:
    # Every clause of "Điều 1. Sửa đổi, bổ sung một số điều …" shares that title; one that writes a whole article
    # ("“Điều 12. Chấm thi") is about that article, and a question about "chấm thi" should find it by its title.
    path = tmp_path / "toan-quoc_2026_tt-31-2026-tt-bgddt-sua-doi.txt"
    path.write_text(AMENDING_DECISION, encoding="utf-8")
    paths = {s.path: s for s in parse_document(path).sections}
    assert paths["Điều 1.3"].title == "Sửa đổi, bổ sung Điều 12: Chấm thi"
    # A clause amending part of an article (its quoted text has no title) keeps the article's.
    assert paths["Điều 1.1"].title == paths["Điều 1"].title == paths["Điều 1.2"].title
    # The quoted article on the clause's own line, after its colon.
    inline = ["Điều 1. Sửa đổi, bổ sung một số điều", "2. Bổ sung Điều 7a như sau: “Điều 7a. Học bổng", "Nội dung.”",
              "Điều 2. Hiệu lực thi hành", "Có hiệu lực từ ngày ký."]  # fmt: skip
    assert {s.path: s.title for s in parse_sections(inline)}["Điều 1.2"] == "Bổ sung Điều 7a: Học bổng"
