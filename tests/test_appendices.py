"""A plan or a công văn in numbered items (I./1./a)) that carries appendices after its signature: each appendix
keeps its own tree ("Phụ lục I » 2"), as a decision's attachments do, and neither the signature block nor an
appendix is read as part of the last item. The fixture is written for this test in the layout Sở plans have
(the text is invented)."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import parse_document
from ingest.sections import parse_sections

PLAN_WITH_APPENDICES = """ỦY BAN NHÂN DÂN TỈNH BẮC KẠN
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 1432/KH-SGDĐT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bắc Kạn, ngày 18 tháng 8 năm 2026
KẾ HOẠCH
Tổ chức hội thi giáo viên dạy giỏi cấp tỉnh năm học 2026-2027
I. MỤC ĐÍCH, YÊU CẦU
1. Phát hiện, tôn vinh giáo viên có năng lực chuyên môn vững vàng.
2. Hội thi được tổ chức nghiêm túc, khách quan, đúng quy chế.
II. NỘI DUNG
1. Thời gian: từ ngày 09/11/2026 đến ngày 13/11/2026.
2. Danh sách giáo viên dự thi của các đơn vị theo Phụ lục I đính kèm.
Phụ lục II: mẫu phiếu đánh giá tiết dạy được gửi kèm qua hệ thống quản lý văn bản.
III. TỔ CHỨC THỰC HIỆN
1. Phòng Giáo dục Trung học chủ trì, tham mưu thành lập Ban Tổ chức hội thi.
2. Các trường THPT gửi danh sách giáo viên dự thi trước ngày 20/10/2026.
Trên đây là Kế hoạch tổ chức hội thi giáo viên dạy giỏi cấp tỉnh năm học 2026-2027, đề nghị các đơn vị thực hiện./.
Nơi nhận:
- Các trường THPT;
- Lưu: VT, GDTrH.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Hoàng Thị Mai
PHỤ LỤC I
SỐ GIÁO VIÊN DỰ THI CỦA CÁC ĐƠN VỊ
(Kèm theo Kế hoạch số 1432/KH-SGDĐT ngày 18/8/2026 của Sở GD&ĐT)
Trường THPT Chợ Đồn
04 giáo viên
Trường THPT Ba Bể
03 giáo viên
PHỤ LỤC II
MẪU PHIẾU ĐÁNH GIÁ TIẾT DẠY
(Kèm theo Kế hoạch số 1432/KH-SGDĐT ngày 18/8/2026 của Sở GD&ĐT)
1. Kế hoạch bài dạy: tối đa 4 điểm.
2. Tổ chức hoạt động học: tối đa 12 điểm.
3. Hoạt động của học sinh: tối đa 4 điểm.
PHÂN CÔNG NHIỆM VỤ BAN TỔ CHỨC HỘI THI
(Kèm theo Kế hoạch số 1432/KH-SGDĐT ngày 18/8/2026 của Sở GD&ĐT)
Nhiệm vụ: Chuẩn bị phòng thi; Người thực hiện: Nguyễn Văn An
"""


def test_appendices_after_the_signature_keep_their_own_trees(tmp_path: Path) -> None:
    path = tmp_path / "bac-kan_2026-2027_kh-hoi-thi-gvdg.txt"
    path.write_text(PLAN_WITH_APPENDICES, encoding="utf-8")
    doc = parse_document(path)
    by_path = {s.path: s for s in doc.sections}
    # The plan's own items are whole and end where the plan does: no signature, no appendix in them.
    last_own = by_path["III.2"].text + "\n" + by_path[""].text
    for later in ("Nơi nhận", "PHÓ GIÁM ĐỐC", "PHỤ LỤC", "Trường THPT Chợ Đồn", "Kế hoạch bài dạy"):
        assert later not in last_own
    # A "Phụ lục" named inside the body is a reference, not an appendix of its own.
    assert "Phụ lục II: mẫu phiếu" in by_path["II.2"].text
    # Each appendix under its name; its numbered items are its own; its table rows are not headings.
    assert by_path["Phụ lục I » "].title == "Số giáo viên dự thi của các đơn vị"
    assert "Trường THPT Ba Bể" in by_path["Phụ lục I » "].text
    assert not any(s.path.startswith("Phụ lục I » Trường") for s in doc.sections)
    assert by_path["Phụ lục II » 2"].text.startswith("2. Tổ chức hoạt động học: tối đa 12 điểm.")
    # An attached text titled only in capitals above its "(Kèm theo …)" line is one too, with that title.
    attached = by_path["Văn bản kèm theo » "]
    assert attached.title.startswith("Phân công nhiệm vụ ban tổ chức hội thi")
    assert "Người thực hiện: Nguyễn Văn An" in attached.text
    assert doc.meta.doc_number == "1432/KH-SGDĐT"


def test_without_a_signature_nothing_is_split() -> None:
    # An excerpt pasted without its signature block: a "PHỤ LỤC" line is kept where it is (nothing proves it is
    # an appendix after the document rather than a part of it).
    paragraphs = [
        "I. Nhiệm vụ chung",
        "1. Nâng cao chất lượng dạy học.",
        "PHỤ LỤC I",
        "Danh sách các trường tham gia.",
    ]
    paths = [s.path for s in parse_sections(paragraphs)]
    assert not any("»" in p for p in paths)


def test_an_appendix_headed_by_the_word_alone() -> None:
    # "Phụ lục" on its own line in mixed case, its title in capitals below it, as many Sở letters print it.
    paragraphs = [
        "I. Nhiệm vụ chung",
        "1. Nâng cao chất lượng dạy học.",
        "2. Báo cáo kết quả trước ngày 15/12/2026.",
        "Nơi nhận:",
        "- Lưu: VT.",
        "KT. GIÁM ĐỐC",
        "Phụ lục",
        "DANH MỤC CÁC TRƯỜNG THAM GIA",
        "1. Trường THCS Kim Đồng",
        "2. Trường THCS Lê Lợi",
    ]
    paths = [s.path for s in parse_sections(paragraphs)]
    assert paths == ["I", "I.1", "I.2", "Phụ lục » ", "Phụ lục » 1", "Phụ lục » 2"]
