"""The signer's office and name, read from the signature block in the layouts copies and conversions give it."""

from __future__ import annotations

import pytest

from bot.answer.meta import is_meta_question, signs_described
from bot.answer.service import AnswerService
from ingest.signer import Signer, read_signer, signature_block
from tests.fakes import document

TWO_COLUMNS = """Trên đây là chỉ đạo của UBND tỉnh.
Nơi nhận:                                               KT. CHỦ TỊCH
- Như trên;
- Bộ Giáo dục và Đào tạo (để báo cáo);                  PHÓ CHỦ TỊCH
- Lưu: VT, VX.



                                                        Nguyễn Thành Sinh
"""


@pytest.mark.parametrize(
    ("lines", "signer"),
    [
        # The two columns kept apart by spaces, the name alone at the end.
        (signature_block(TWO_COLUMNS), Signer("Phó Chủ tịch", "Nguyễn Thành Sinh")),
        # Flattened: the name's column closes a recipient's line.
        (
            ["Nơi nhận: TM. ỦY BAN NHÂN DÂN", "- Văn phòng Chính phủ;", "- Bộ Công Thương; KT. CHỦ TỊCH",
             "- Bộ Tư pháp; PHÓ CHỦ TỊCH", "- Lưu: VT, KT.", "- Các BQL dự án tỉnh, Khu vực; Nguyễn Thế Phước"],
            Signer("Phó Chủ tịch", "Nguyễn Thế Phước"),
        ),
        # A web page's table: the whole block in one cell.
        (
            ["| Nơi nhận: - Bộ GD&ĐT (b/c); - Lưu: VT, VX. | TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Văn Khải |"],
            Signer("Phó Chủ tịch", "Trần Văn Khải"),
        ),
        # A Sở's letter: the office alone; a name followed by the signer's other title.
        (["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "GIÁM ĐỐC", "Hà Thị Lan"], Signer("Giám đốc", "Hà Thị Lan")),
        (
            ["Nơi nhận:", "- Giám đốc Sở (để báo cáo);", "TRƯỞNG ĐOÀN", "Hoàng Văn Thuân", "PHÓ GIÁM ĐỐC"],
            Signer("Trưởng đoàn", "Hoàng Văn Thuân"),
        ),
        (["Nơi nhận:", "CHÁNH VĂN PHÒNG", "Đỗ Minh Châu"], Signer("Chánh Văn phòng", "Đỗ Minh Châu")),
        # "KT. CHỦ TỊCH" names whom the signer acts for, not the signer's office; a place is no name.
        (["Nơi nhận:", "- Sở GD&ĐT Hà Nội;", "KT. CHỦ TỊCH"], None),
        (["Nơi nhận:", "- Như trên;", "- Lưu: VT."], None),
    ],
)  # fmt: skip
def test_the_signer_in_each_layout(lines: list[str], signer: Signer | None) -> None:
    assert read_signer(lines) == signer


def test_the_block_starts_at_the_recipients_list() -> None:
    assert signature_block("Nội dung.\nKhông có nơi nhận ở đây.") == []
    assert signature_block(TWO_COLUMNS)[0].startswith("Nơi nhận:")


def test_a_law_as_the_gazette_prints_it_has_no_recipients_but_its_office_line() -> None:
    # The letterhead's "THỦ TƯỚNG CHÍNH PHỦ" is not the signature; the office line alone after the text is.
    law = ["QUỐC HỘI", "Luật số: 51/2024/QH15", *(f"Điều {i}. Nội dung." for i in range(1, 16))]
    law += [
        "Luật này được Quốc hội thông qua ngày 27 tháng 11 năm 2024.",
        "",
        "CHỦ TỊCH QUỐC HỘI",
        "",
        "Trần Thanh Mẫn",
    ]
    assert read_signer(signature_block("\n".join(law))) == Signer("Chủ tịch Quốc hội", "Trần Thanh Mẫn")
    decision = ["THỦ TƯỚNG CHÍNH PHỦ", "Số: 844/QĐ-TTg", *(f"Điều {i}. Nội dung." for i in range(1, 16))]
    decision += ["KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "", "Phạm Thị Thanh Trà", "KẾ HOẠCH"]
    assert read_signer(signature_block("\n".join(decision))) == Signer("Phó Thủ tướng", "Phạm Thị Thanh Trà")


def test_who_signed_a_named_document_is_answered_from_its_header(service: AnswerService) -> None:
    answer = service.ask("Ai ký Chỉ thị 04/CT-UBND vậy?")
    assert answer.found
    assert "người ký: Phó Chủ tịch Lê Văn Phước" in answer.answer
    assert answer.citations[0].doc_id.startswith("an-giang")
    # A document whose block gives no name says so, rather than guess one.
    news = service.ask("Bài viết về hội nghị triển khai nhiệm vụ năm học của Sơn La do ai ký?")
    assert news.found and "Không đọc được người ký trong văn bản." in news.answer


@pytest.mark.parametrize(
    ("question", "named", "about_the_document"),
    [
        ("Ai ký QĐ 16/2026/QĐ-UBND?", True, True),
        ("Văn bản này do ai ký vậy?", False, True),
        ("Chỉ thị về nhiệm vụ năm học của Hà Tĩnh do ai ký?", False, True),
        # Who signs what the text regulates is a question for its passages.
        ("Ai ký quyết định trúng tuyển và công nhận sinh viên?", False, False),
        ("Người kỹ thuật phải làm gì?", False, False),
    ],
)
def test_a_signer_question_is_about_the_document_only_when_it_names_nothing_else(
    question: str, named: bool, about_the_document: bool
) -> None:
    assert is_meta_question(question, named) is about_the_document


def test_a_document_described_by_its_type_and_title_is_the_one_whose_signer_is_asked(
    service: AnswerService,
) -> None:
    answer = service.ask("Ai ký chỉ thị thực hiện nhiệm vụ năm học ứng phó với dịch COVID-19 của An Giang?")
    assert answer.found and "người ký: Phó Chủ tịch Lê Văn Phước" in answer.answer
    assert answer.citations[0].doc_id.startswith("an-giang")


@pytest.mark.parametrize(
    ("question", "described"),
    [
        ("Ai ký kế hoạch sinh hoạt công dân của trường Đốc Binh Kiều?", True),
        ("ai ky ke hoach to chuc sinh hoat cong dan dau nam vay", True),
        # A kind of document the text rules on, not this one.
        ("Ai ký quyết định trúng tuyển nghiên cứu sinh?", False),
        ("Ai ký kế hoạch giáo dục của tổ chuyên môn?", False),
    ],
)
def test_a_signer_question_describes_a_document_by_its_title_words(question: str, described: bool) -> None:
    title = "Tổ chức sinh hoạt công dân đầu năm học 2026 - 2027"
    doc = document("kh", [], doc_type="Kế hoạch", issuer="Trường THPT Đốc Binh Kiều", title=title)
    assert signs_described(question, doc) is described
