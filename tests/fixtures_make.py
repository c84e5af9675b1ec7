"""Builders of reader fixtures (DOCX, PDF, HTML, legacy text, hostile zips), all made locally."""

from __future__ import annotations

import zipfile
from pathlib import Path

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

LETTERHEAD_LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG", "Số: 04/CT-UBND"]
LETTERHEAD_RIGHT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "An Giang, ngày 14 tháng 9 năm 2021",
]
DOCX_BODY = [
    "CHỈ THỊ",
    "Về việc thực hiện nhiệm vụ năm học 2021-2022",
    "Năm học 2021-2022 là năm đầu tiên ngành Giáo dục và Đào tạo thực hiện Nghị quyết Đại hội Đảng bộ tỉnh.",
    "I. MỤC TIÊU CHUNG",
    "1. Đối với giáo dục mầm non",
    "a) Duy trì, nâng cao chất lượng phổ cập giáo dục mầm non cho trẻ em 5 tuổi.",
    "b) Bảo đảm an toàn tuyệt đối cho trẻ trong trường học.",
]


def make_docx(path: Path) -> Path:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "CANARY-HEADER"
    d.sections[0].footer.paragraphs[0].text = "CANARY-FOOTER"
    table = d.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (LETTERHEAD_LEFT, LETTERHEAD_RIGHT), strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    hidden_style = d.styles.add_style("AnChu", WD_STYLE_TYPE.CHARACTER)
    hidden_style.font.hidden = True
    for text in DOCX_BODY[:-1]:
        d.add_paragraph(text)
    p = d.add_paragraph(DOCX_BODY[-1][:20])
    p.add_run(" CANARY-HIDDEN ").font.hidden = True
    p.add_run(" CANARY-WHITE ").font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    p.add_run(" CANARY-STYLE ", style="AnChu")
    p.add_run(DOCX_BODY[-1][20:])
    data = d.add_table(rows=2, cols=3)
    for row, values in zip(
        data.rows, (["TT", "Chỉ tiêu", "Tỷ lệ"], ["1", "Trẻ 5 tuổi ra lớp", "99,9%"]), strict=True
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    d.add_paragraph("KT. CHỦ TỊCH")
    d.save(str(path))
    return path


PDF_HEADER = "SỞ GIÁO DỤC VÀ ĐÀO TẠO LÀO CAI – HƯỚNG DẪN NHIỆM VỤ"
PDF_PARAGRAPHS = [
    "I. Nhiệm vụ trọng tâm năm học 2021-2022",
    "1. Tiếp tục đẩy mạnh, thực hiện sáng tạo, hiệu quả việc học tập và làm theo tư tưởng, đạo đức, "
    "phong cách Hồ Chí Minh trong đội ngũ cán bộ, nhà giáo, nhân viên và học sinh.",
    "2. Rà soát, sắp xếp mạng lưới trường, lớp học; bảo đảm đủ giáo viên theo định mức¹.",
    "3. Nâng cao chất lượng giáo dục toàn diện, chú trọng giáo dục đạo đức, lối sống cho học sinh.",
]
PDF_PAGE2 = [
    "II. Giải pháp chủ yếu",
    "1. Đổi mới phương pháp dạy học, kiểm tra đánh giá học sinh theo hướng phát triển phẩm chất, năng lực.",
    "2. Tăng cường ứng dụng công nghệ thông tin và chuyển đổi số trong quản lý, dạy học.",
]
PDF_FOOTNOTE = "Theo Thông tư số 16/2017/TT-BGDĐT của Bộ Giáo dục và Đào tạo."


def make_pdf(path: Path) -> Path:
    from fpdf import FPDF

    class Directive(FPDF):
        def header(self) -> None:
            self.set_font("DejaVu", size=9)
            self.cell(0, 6, PDF_HEADER, align="C")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", size=9)
            self.cell(0, 6, f"- {self.page_no()} -", align="C")

    pdf = Directive()
    pdf.add_font("DejaVu", fname=FONT)
    for n, paragraphs in enumerate((PDF_PARAGRAPHS, PDF_PAGE2)):
        pdf.add_page()
        pdf.set_font("DejaVu", size=12)
        for text in paragraphs:
            pdf.multi_cell(0, 7, text)
            pdf.ln(5)
        if n == 0:
            pdf.set_y(-32)
            pdf.set_font("DejaVu", size=8)
            pdf.multi_cell(0, 4, f"1 {PDF_FOOTNOTE}")
    pdf.output(str(path))
    return path


def make_scanned_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 170, 250, style="F")  # what a scan looks like to a text extractor: no text
    pdf.output(str(path))
    return path


HTML_ARTICLE = [
    "Chỉ thị về nhiệm vụ và giải pháp năm học 2020 - 2021",
    "Ngày 11/9/2020, UBND tỉnh ban hành Chỉ thị số 10/CT-UBND về nhiệm vụ và giải pháp năm học 2020 - 2021.",
    "1. Tiếp tục rà soát, sắp xếp, nâng cao hiệu quả hoạt động của mạng lưới cơ sở giáo dục.",
    "a) Thực hiện rà soát, sắp xếp, tổ chức lại các cơ sở giáo dục mầm non, phổ thông theo kế hoạch của tỉnh.",
    "2. Nâng cao chất lượng đội ngũ nhà giáo và cán bộ quản lý giáo dục.",
    "Thứ năm, đẩy mạnh công tác xây dựng môi trường giáo dục an toàn, lành mạnh, thân thiện.",
]
HTML_CHROME = [
    "Trang chủ", "Giới thiệu", "Tìm kiếm", "var tracker", ".menu{color:red}", "Văn bản mới",
    "Quyết định về việc phê duyệt quy hoạch", "Các tin đã đăng", "Thành lập Tổ kiểm tra công tác",
    "Bản quyền thuộc", "Lượt xem", "Chủ nhật 22/5/2022", "Đánh giá", "CANARY", "Thống kê truy cập",
    "Hôm nay: 345", "A- A A+", "send mail", "Văn bản chỉ đạo điều hành", "Ý kiến bạn đọc",
]  # fmt: skip
HOTLINE = "Đường dây nóng"  # plain sidebar text: only choosing the article box leaves it out
BANNER = "CỔNG THÔNG TIN ĐIỆN TỬ SỞ GIÁO DỤC VÀ ĐÀO TẠO SƠN LA"


def make_html(path: Path, plain_classes: bool = False) -> Path:
    """A portal page; with plain_classes the article box has no telling class (fallback path)."""
    article = "".join(f"<p>{t}</p>" for t in HTML_ARTICLE[1:3])
    article += (
        f'<div><span style="font-weight:bold">{HTML_ARTICLE[3][:30]}</span>{HTML_ARTICLE[3][30:]}</div>'
    )
    article += f"<p>{HTML_ARTICLE[4]}</p><p>&nbsp;</p><p>{HTML_ARTICLE[5]}</p>"
    page = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Chỉ thị năm học 2020-2021 - Cổng thông tin điện tử tỉnh</title>
<style>.menu{{color:red}}</style><script>var tracker = 1;</script></head>
<body><form id="form1" action="/">
<div id="header"><div class="banner"><h1>{BANNER}</h1></div>
<ul class="main-menu"><li><a href="/">Trang chủ</a></li><li><a href="/gt">Giới thiệu</a></li></ul>
<div class="search-box"><input name="q"> <a href="/s">Tìm kiếm</a></div></div>
<div class="clock">Chủ nhật 22/5/2022</div>
<div class="layout"><div class="col-left">
<div class="box"><div class="box-title"><span>Văn bản mới</span></div>
<div class="box-body"><ul><li><a href="/1">Quyết định về việc phê duyệt quy hoạch</a></li>
<li><a href="/2">Kế hoạch tuyển sinh năm học mới</a></li></ul></div></div></div>
<div class="col-main"><div class="tools">A- A A+ | Tăng tương phản Giảm tương phản</div>
<h1 class="news-title">{HTML_ARTICLE[0]}</h1><div class="date">Chủ nhật 22/5/2022</div>
<div class="news-content"><div class="breadcrumb"><a href="/">Trang chủ</a> »
<a href="/vb">Văn bản chỉ đạo điều hành</a></div>{article}
<div style="display:none">CANARY hidden promo</div><p hidden>CANARY attribute</p>
<p style="color:#ffffff">CANARY white</p>
<table><tr><td>Nơi nhận</td><td>Sở GD&amp;ĐT</td></tr></table>
<p>Lượt xem: 1234</p><p>print   send mail</p>
<h3>Các tin đã đăng</h3><ul><li><a href="/a">Thành lập Tổ kiểm tra công tác cải cách hành chính</a> (03/09/2020)</li>
<li><a href="/b">Văn phòng UBND tỉnh ban hành Quy định công tác thi đua</a> (11/08/2020)</li>
<li><a href="/c">Công điện đẩy mạnh phòng chống dịch COVID-19</a> (19/02/2020)</li></ul>
<div class="comment-form">Ý kiến bạn đọc <span>Họ và tên</span> <span>Nội dung</span></div></div>
<div class="rating">Đánh giá: <a>1</a><a>2</a><a>3</a></div></div></div>
<div class="col-right"><div>Đường dây nóng của Sở: 0212 3852 xxx, tiếp nhận phản ánh của phụ huynh</div></div>
<div class="thongke"><b>Thống kê truy cập</b><div>Hôm nay: 345</div></div>
<div id="footer">Bản quyền thuộc Sở Giáo dục và Đào tạo</div></form></body></html>"""
    if plain_classes:
        page = page.replace('class="news-content"', 'class="khung"').replace('class="news-title"', "")
    path.write_text(page, encoding="utf-8")
    return path


def make_zip(path: Path, entries: dict[str, bytes], zeros: tuple[str, int] | None = None) -> Path:
    """A zip with the given entries, plus optionally one entry streamed full of zeros (a bomb)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        if zeros:
            chunk = bytes(1 << 20)
            with zf.open(zeros[0], "w", force_zip64=True) as f:
                for _ in range(zeros[1] >> 20):
                    f.write(chunk)
    return path


NUMBERED = [
    ("MỤC TIÊU", 0),
    ("Mầm non", 1),
    ("Duy trì", 2),
    ("Bảo đảm", 2),
    ("Phổ thông", 1),
    ("GIẢI PHÁP", 0),
]
NUMBERED_TEXT = ["I. MỤC TIÊU", "1. Mầm non", "a) Duy trì", "b) Bảo đảm", "2. Phổ thông", "II. GIẢI PHÁP"]
DOCX_NOTE = "Chỉ thị số 666/CT-BGDĐT ngày 24/8/2020 của Bộ trưởng Bộ Giáo dục và Đào tạo."
_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def make_numbered_docx(path: Path) -> Path:
    """Word automatic numbering (I. / 1. / a)) and a footnote, as Word writes them."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate([("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")])
    )
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {_W_NS} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {_W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for text, level in NUMBERED:
        p = d.add_paragraph(text)
        numpr = f'<w:numPr {_W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
        p._p.get_or_add_pPr().append(parse_xml(numpr))
    ref = d.add_paragraph("Căn cứ Chỉ thị của Bộ")
    ref._p.append(parse_xml(f'<w:r {_W_NS}><w:footnoteReference w:id="1"/></w:r>'))
    d.save(str(path))
    # python-docx cannot add footnotes: patch the part, its relationship and content type in.
    notes = (
        f'<w:footnotes {_W_NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        f'</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>{DOCX_NOTE}</w:t></w:r></w:p>'
        f"<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>CANARY-NOTE</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    rel = (
        '<Relationship Id="rIdNotes" Target="footnotes.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"/></Relationships>'
    )
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", rel.encode()
    )
    override = (
        '<Override PartName="/word/footnotes.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>'
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", override.encode())
    parts["word/footnotes.xml"] = notes.encode()
    return make_zip(path, parts)
