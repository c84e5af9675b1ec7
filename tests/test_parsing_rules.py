"""General parsing rules on documents other than the samples: other issuers, layouts and numbering."""

from __future__ import annotations

import json
from pathlib import Path

from bot.answer.models import where_label
from bot.understanding.ordinals import find_ordinal, resolve
from ingest.cleanup import clean_text, join_wrapped, strip_markup
from ingest.pipeline import parse_document
from ingest.sections import parse_sections

BO_DOC = """BỘ GIÁO DỤC VÀ ĐÀO TẠO
Số: 4555/BGDĐT-GDPT
V/v hướng dẫn thực hiện nhiệm vụ giáo dục phổ thông năm học 2025-2026
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 05 tháng 8 năm 2025
Kính gửi: Các Sở Giáo dục và Đào tạo.
Căn cứ Chỉ thị về nhiệm vụ năm học 2025-2026, Bộ hướng dẫn như sau:
A. NHIỆM VỤ CHUNG
I. Thực hiện chương trình
1. Dạy học 2 buổi/ngày đạt 100% ở tiểu học.
2. Tổ chức dạy học tiếng Anh từ lớp 1.
a) Tăng cường giáo dục STEM.
b) Đổi mới kiểm tra, đánh giá.
II. Kiểm tra, đánh giá
1. Thực hiện Thông tư 22/2021/TT-BGDĐT.
B. TỔ CHỨC THỰC HIỆN
Các Sở căn cứ hướng dẫn này để triển khai.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
"""

SO_DOC = """UBND TỈNH CÀ MAU
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 1234/SGDĐT-GDTrH
Cà Mau, ngày 20 tháng 9 năm 2024
KẾ HOẠCH
Thực hiện nhiệm vụ năm học 2024-2025
I. MỤC TIÊU
Nâng cao chất lượng giáo dục toàn diện.
II. NHIỆM VỤ
1. Duy trì sĩ số học sinh đạt 99%.
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ministry_document_header_and_letter_parts(tmp_path: Path) -> None:
    doc = parse_document(_write(tmp_path, "cv-4555.txt", BO_DOC))
    m = doc.meta
    assert (m.doc_type, m.doc_number, m.issuer, m.province) == (
        "Công văn",
        "4555/BGDĐT-GDPT",
        "Bộ GD&ĐT",
        "toàn quốc",  # a national issuer's document applies to every province
    )
    assert m.issued_date == "2025-08-05" and m.school_year == "2025-2026"
    assert m.title.startswith("Hướng dẫn thực hiện nhiệm vụ giáo dục phổ thông")
    paths = [s.path for s in doc.sections]
    assert paths[1:] == ["A", "A.I", "A.I.1", "A.I.2", "A.I.2.a", "A.I.2.b", "A.II", "A.II.1", "B"]
    assert all("Nơi nhận" not in s.text and "THỨ TRƯỞNG" not in s.text for s in doc.sections)


def test_department_plan_with_letterhead(tmp_path: Path) -> None:
    m = parse_document(_write(tmp_path, "kh.txt", SO_DOC)).meta
    assert (m.doc_type, m.doc_number, m.issuer, m.province) == (
        "Kế hoạch",
        "1234/SGDĐT-GDTrH",
        "Sở GD&ĐT Cà Mau",
        "Cà Mau",
    )
    assert (m.issued_date, m.school_year) == ("2024-09-20", "2024-2025")


def test_blank_number_is_never_invented(tmp_path: Path) -> None:
    text = SO_DOC.replace("Số: 1234/SGDĐT-GDTrH", "Số:      /SGDĐT-GDTrH")
    assert parse_document(_write(tmp_path, "kh.txt", text)).meta.doc_number is None


def test_manifest_overrides_header(tmp_path: Path) -> None:
    path = _write(tmp_path, "kh.txt", SO_DOC)
    (tmp_path / "manifest.json").write_text(
        json.dumps({"kh.txt": {"school_year": "2025-2026", "doc_number": "9/KH-X"}})
    )
    from index.library import parse_files

    parsed, errors = parse_files([path], progress=False)
    assert not errors
    assert parsed[0][1].meta.school_year == "2025-2026" and parsed[0][1].meta.doc_number == "9/KH-X"


def test_markup_and_pipes_removed() -> None:
    assert strip_markup("| **Chủ đề** năm học | 2021-2022 |") == "Chủ đề năm học 2021-2022"
    assert strip_markup("## I. *Nhiệm vụ* chung") == "I. Nhiệm vụ chung"


def test_hard_wrap_join_keeps_paragraphs_and_headings() -> None:
    run = [
        "1. Tăng cường công tác giáo dục chính trị, tư tưởng cho học sinh và đội ngũ",
        "giáo viên các cấp học",
        "Dịch COVID-19",
        "đang đặt ra nhiều khó khăn cho ngành giáo dục trong năm học mới",
        "này và cần có giải pháp linh hoạt.",
        "a) Dạy học trực tuyến.",
    ]
    paras = join_wrapped(run, width=80)
    assert paras == [
        "1. Tăng cường công tác giáo dục chính trị, tư tưởng cho học sinh và đội ngũ giáo viên các cấp học",
        "Dịch COVID-19 đang đặt ra nhiều khó khăn cho ngành giáo dục trong năm học mới này và cần có giải pháp linh hoạt.",
        "a) Dạy học trực tuyến.",
    ]


def test_a_sentence_split_by_a_blank_line_is_one_paragraph() -> None:
    # A PDF copied out double-spaced: every wrapped line is followed by a blank one. A line opening in lower case
    # goes on with the line above; a new paragraph, an item ("a) …") or a figure opens on its own.
    text = "\n\n".join(
        [
            "- Sau khi hoàn thành thẩm định chứng chỉ, Trường Đại",
            "học Sư phạm sẽ thông báo danh sách sinh viên được công nhận",
            "trước ngày 31/12/2026.",
            "Trường hợp kết quả thẩm định không đạt, sinh viên thực hiện theo Mục 2.",
            "a) Nộp bản sao chứng chỉ;",
            "b) Nộp đơn đề nghị.",
        ]
    )
    assert clean_text(text).paragraphs == [
        "- Sau khi hoàn thành thẩm định chứng chỉ, Trường Đại học Sư phạm sẽ thông báo danh sách sinh viên được "
        "công nhận trước ngày 31/12/2026.",
        "Trường hợp kết quả thẩm định không đạt, sinh viên thực hiện theo Mục 2.",
        "a) Nộp bản sao chứng chỉ;",
        "b) Nộp đơn đề nghị.",
    ]


def test_portal_chrome_cut_from_plain_text() -> None:
    text = "Thứ Hai, 22/5/2022\nA- A A+\nNội dung chính của bài viết.\nĐoạn hai.\nĐoạn ba.\nĐoạn bốn.\nĐoạn năm.\nĐoạn sáu.\nTin liên quan\n• Tin khác (01/01/2020)"
    cleaned = clean_text(text)
    assert cleaned.paragraphs[0] == "Nội dung chính của bài viết."
    assert not any("Tin khác" in p or "22/5/2022" in p for p in cleaned.paragraphs)


def test_letter_parts_after_h_are_not_roman_numerals() -> None:
    paras = [
        "A. Phần một",
        "nội dung",
        "B. Phần hai",
        "nội dung",
        "C. Phần ba",
        "nội dung",
        "D. Phần bốn",
        "x",
    ]
    assert [s.path for s in parse_sections(paras)] == ["A", "B", "C", "D"]


# Numbering with dashes and slashes, as many provincial letters and Party documents still write it, hard-wrapped.
OLD_STYLE = """UBND TỈNH HÒA BÌNH
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 215/SGDĐT-GDTrH
Hòa Bình, ngày 12 tháng 9 năm 2018
V/v hướng dẫn nhiệm vụ năm học 2018-2019
Sở Giáo dục và Đào tạo hướng dẫn các đơn vị thực hiện nhiệm vụ năm học
2018-2019 như sau:
I- NHIỆM VỤ CHUNG
Nâng cao chất lượng giáo dục toàn diện, chú trọng giáo dục đạo đức cho
học sinh.
II- NHIỆM VỤ CỤ THỂ
1- Giáo dục mầm non
a- Huy động 98% trẻ mẫu giáo ra lớp; duy trì phổ cập giáo dục mầm non
cho trẻ 5 tuổi.
b/ Giảm tỷ lệ trẻ suy dinh dưỡng xuống dưới 6%.
2/ Giáo dục tiểu học
Dạy học 2 buổi/ngày cho 85% học sinh; 2-3 trường thí điểm mô hình mới.
III – TỔ CHỨC THỰC HIỆN
Các Phòng GD&ĐT báo cáo kết quả về Sở trước ngày 20/12/2018.
"""


def test_numbering_with_dashes_and_slashes(tmp_path: Path) -> None:
    path = tmp_path / "hoa-binh_2018-2019_so-huong-dan.txt"
    path.write_text(OLD_STYLE, encoding="utf-8")
    doc = parse_document(path)
    assert [s.path for s in doc.sections] == ["", "I", "II", "II.1", "II.1.a", "II.1.b", "II.2", "III"]
    by_path = {s.path: s for s in doc.sections}
    assert by_path["II.1.a"].text.endswith("cho trẻ 5 tuổi.")  # the wrapped line joined, not a new part
    assert "2-3 trường thí điểm" in by_path["II.2"].text  # a range inside a sentence is no marker
    assert by_path["III"].title == "TỔ CHỨC THỰC HIỆN"
    assert doc.meta.doc_number == "215/SGDĐT-GDTrH" and doc.meta.province == "Hòa Bình"


# A report-and-plan letter: each "PHẦN" restarts the numbering, so the part is in every path.
REPORT_AND_PLAN = """UBND HUYỆN LỤC YÊN
PHÒNG GIÁO DỤC VÀ ĐÀO TẠO
Số: 310/BC-PGDĐT
Lục Yên, ngày 15 tháng 8 năm 2024
BÁO CÁO
Tổng kết năm học 2023-2024 và phương hướng, nhiệm vụ năm học 2024-2025
PHẦN I. KẾT QUẢ NĂM HỌC 2023-2024
I. Quy mô trường lớp
1. Toàn huyện có 62 trường, giảm 3 trường do sáp nhập.
II. Chất lượng giáo dục
1. Tỷ lệ học sinh hoàn thành chương trình tiểu học đạt 99,6%.
Phần thứ hai
PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM HỌC 2024-2025
I. Nhiệm vụ chung
Nâng cao chất lượng giáo dục toàn diện.
II. Nhiệm vụ cụ thể
1. Sáp nhập thêm 2 điểm trường lẻ vào trường chính.
"""


def test_parts_of_a_report_and_plan_keep_their_numbering_apart(tmp_path: Path) -> None:
    path = tmp_path / "luc-yen_2024-2025_bao-cao.txt"
    path.write_text(REPORT_AND_PLAN, encoding="utf-8")
    doc = parse_document(path)
    paths = [s.path for s in doc.sections]
    assert paths == [
        "", "Phần I", "Phần I.I", "Phần I.I.1", "Phần I.II", "Phần I.II.1",
        "Phần thứ hai", "Phần thứ hai.I", "Phần thứ hai.II", "Phần thứ hai.II.1",
    ]  # fmt: skip
    plan = doc.sections[paths.index("Phần thứ hai")]
    assert plan.title == "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM HỌC 2024-2025"  # the title printed under "Phần thứ hai"
    item = doc.sections[paths.index("Phần thứ hai.II.1")]
    assert where_label(item.path, item.title) == "Phần thứ hai, mục II.1"
    # "phần II" in a question is the letter's second part, not a "II." inside one of them.
    ref = find_ordinal("Phần II của báo cáo nói gì?")
    assert ref is not None and ref.path == "II"
    assert resolve(ref, doc) == {paths.index("Phần thứ hai"): 1.0}


def test_roman_parts_resolve_from_questions(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.txt"
    path.write_text(REPORT_AND_PLAN.replace("Phần thứ hai\n", "PHẦN II.\n"), encoding="utf-8")
    doc = parse_document(path)
    paths = [s.path for s in doc.sections]
    assert "Phần II.II.1" in paths
    ref = find_ordinal("Phần II của báo cáo nói gì?")
    assert ref is not None and resolve(ref, doc) == {paths.index("Phần II"): 1.0}


def test_decimal_items_nest_under_the_item_their_number_extends() -> None:
    # A report on each company in turn: "1.2." belongs to "1." (its company), not beside it; the path is unchanged.
    paragraphs = [
        "Thực hiện Kế hoạch kiểm tra, Đoàn kiểm tra báo cáo như sau:",
        "I. KẾT QUẢ KIỂM TRA",
        "1. Đối với Công ty cổ phần A",
        "1.1. Hồ sơ pháp lý liên quan",
        "a) Gói thầu số 13",
        "b) Gói thầu số 14",
        "1.2. Kiểm tra kho",
        "Tồn kho 840kg.",
        "2. Đối với Công ty TNHH B",
        "2.1. Kiểm tra kho",
        "Tồn kho 650kg.",
        "II. KIẾN NGHỊ",
        "1. Kết luận chung",
        "Các đơn vị chấp hành tốt.",
    ]
    got = [(s.path, s.parent, s.level) for s in parse_sections(paragraphs)]
    assert got == [
        ("", None, 0),
        ("I", None, 1),
        ("I.1", "I", 2),
        ("I.1.1", "I.1", 3),
        ("I.1.1.a", "I.1.1", 4),
        ("I.1.1.b", "I.1.1", 4),
        ("I.1.2", "I.1", 3),
        ("I.2", "I", 2),
        ("I.2.1", "I.2", 3),
        ("II", None, 1),
        ("II.1", "II", 2),
    ]


def test_a_list_counted_inside_an_item_is_its_text() -> None:
    # A notice's item lists the programmes it applies to, counted from 1 (one lost in a flattened table), then the
    # notice's own count goes on: the programmes are the item's text, not parts beside it with the same numbers.
    paragraphs = [
        "1. Yêu cầu về chứng chỉ ngoại ngữ: nộp 01 bản sao công chứng.",
        "2. Sinh viên khóa 2025 nộp chứng chỉ hợp lệ trước ngày 13/10/2025 thì được công nhận điểm:",
        "1. Nhật Bản học Bậc 3 Tiếng Anh B1 2. Kỹ thuật xây dựng Bậc 3",
        "3. Khoa học máy tính Bậc 4",
        "4. Công nghệ thực phẩm Bậc 3",
        "- Thời gian nộp: từ 9:00 ngày 15/9/2025 đến 16:00 ngày 13/10/2025.",
        "3. Sinh viên nộp sau ngày 13/10/2025 được xét ở học kỳ sau.",
        "4. Một số lưu ý khác.",
    ]
    sections = parse_sections(paragraphs)
    assert [s.path for s in sections] == ["1", "2", "3", "4"]
    assert "Thời gian nộp" in sections[1].text and "Khoa học máy tính" in sections[1].text
    # A count that restarts and is never continued stays as the document numbers it.
    restarted = ["1. Mục đích.", "2. Yêu cầu:", "1. Một việc.", "2. Hai việc."]
    assert [s.path for s in parse_sections(restarted)] == ["1", "2", "1", "2"]


def test_a_collection_heading_of_a_portal_copy_heads_the_headings_after_it() -> None:
    # A portal's copy loses "III." and "1." "2." alike: the heading naming a collection, with no text of its own,
    # heads the headings that follow it up to the next collection; a heading with its own text heads nothing.
    paragraphs = [
        "Nâng cao chất lượng đội ngũ giáo viên",
        "Rà soát, bố trí đủ giáo viên theo định mức.",
        "Một số giải pháp chủ yếu",
        "Hoàn thiện thể chế về giáo dục",
        "Tăng cường nguồn lực đầu tư",
        "Ưu tiên ngân sách cho trường học vùng khó khăn.",
        "Các nhiệm vụ khác",
        "Thực hiện chế độ báo cáo định kỳ.",
        "Đẩy mạnh truyền thông giáo dục",
        "Đăng tin trên cổng thông tin.",
    ]
    sections = parse_sections(paragraphs)
    by_title = {s.title: s for s in sections}
    assert by_title["Hoàn thiện thể chế về giáo dục"].parent == "Một số giải pháp chủ yếu"
    assert by_title["Tăng cường nguồn lực đầu tư"].parent == "Một số giải pháp chủ yếu"
    assert by_title["Tăng cường nguồn lực đầu tư"].level == 2
    # A collection heading with text of its own is one part; the headings after it stand beside it.
    assert by_title["Đẩy mạnh truyền thông giáo dục"].parent is None
    assert by_title["Các nhiệm vụ khác"].parent is None
    assert by_title["Nâng cao chất lượng đội ngũ giáo viên"].parent is None
