"""Site furniture never reaches the index, and articles that report a directive say so.

Fixtures are written for these tests in the layouts of legal-document sites, portals and
newspapers; the text is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.models import document_label
from ingest.furniture import is_furniture, split_lead
from ingest.pipeline import parse_document

LEGAL_SITE_COPY = """# Chỉ thị về nhiệm vụ năm học 2022-2023 của tỉnh Khánh Hòa
Source: https://vanban.example.vn/chi-thi-khanh-hoa
THƯ VIỆN PHÁP LUẬT
Văn bản liên quan
1. Chỉ thị 05/CT-UBND năm 2021 về nhiệm vụ năm học tỉnh Cà Mau
2. Công văn 1234/SGDĐT-GDTrH năm 2022 hướng dẫn nhiệm vụ năm học
Cập nhật: 10:25 12/09/2023
Cỡ chữ A- A A+
In | Gửi email | Chia sẻ
ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
TỈNH AN GIANG | Độc lập - Tự do - Hạnh phúc |
Số: 11/CT-UBND | An Giang, ngày 11 tháng 9 năm 2023 |

VỀ VIỆC THỰC HIỆN NHIỆM VỤ NĂM HỌC 2023-2024
Bạn đang xem bản rút gọn của văn bản. Vui lòng đăng nhập tài khoản để xem toàn văn.
Tải bản đầy đủ
Năm học 2023-2024, ngành giáo dục tỉnh tiếp tục đổi mới căn bản, toàn diện.
I. Nhiệm vụ chung[1]
Nâng cao chất lượng giáo dục toàn diện.
II. Nhiệm vụ cụ thể()
1. Duy trì sĩ số học sinh.
12/09/2023 10:15 (GMT+7)
2. Phát triển đội ngũ giáo viên.
"""

FURNITURE = [
    "Chỉ thị về nhiệm vụ năm học 2022-2023 của tỉnh Khánh Hòa",
    "Source:",
    "THƯ VIỆN PHÁP LUẬT",
    "Chỉ thị 05/CT-UBND",
    "Cập nhật",
    "Cỡ chữ",
    "Gửi email",
    "bản rút gọn",
    "đăng nhập",
    "Tải bản đầy đủ",
    "GMT+7",
]


def test_legal_site_copy_keeps_only_the_document(tmp_path: Path) -> None:
    path = tmp_path / "copy.md"
    path.write_text(LEGAL_SITE_COPY, encoding="utf-8")
    doc = parse_document(path)
    text = "\n".join(s.text for s in doc.sections) + doc.meta.title
    for junk in FURNITURE:
        assert junk not in text, junk
    m = doc.meta
    # The stray title names Khánh Hòa; the letterhead and the place-date line say An Giang.
    assert (m.province, m.issuer, m.doc_type, m.doc_number) == (
        "An Giang",
        "UBND tỉnh An Giang",
        "Chỉ thị",
        "11/CT-UBND",
    )
    assert m.title.lower() == "về việc thực hiện nhiệm vụ năm học 2023-2024"
    assert [s.path for s in doc.sections] == ["", "I", "II", "II.1", "II.2"]
    # Footnote marks leave headings' titles (the text keeps them, as the page printed it).
    assert [s.title for s in doc.sections[1:3]] == ["Nhiệm vụ chung", "Nhiệm vụ cụ thể"]


@pytest.mark.parametrize(
    "line",
    [
        "Bạn đang xem bản rút gọn của văn bản",
        "Tải bản đầy đủ",
        "Tải văn bản",
        "Vui lòng đăng nhập để xem toàn văn",
        "Source: https://example.vn/a",
        "thuvienphapluat.vn",
        "Cập nhật: 08:12 05/9/2024",
        "05/09/2024 08:12",
        "Cỡ chữ: A- A A+",
        "In | Lưu | Chia sẻ",
        "Văn bản liên quan",
        "Minh Anh · 07/09/2024 19:15 · Giáo dục",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Tải trọng xe đưa đón học sinh phải bảo đảm an toàn.",
        "In ấn tài liệu ôn tập cho học sinh lớp 9.",
        "Cập nhật thông tin học sinh lên cơ sở dữ liệu ngành trước ngày 30/9.",
        "Nguồn kinh phí thực hiện từ ngân sách tỉnh.",
        "Chia sẻ kinh nghiệm dạy học giữa các trường.",
    ],
)
def test_document_sentences_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_related_list_before_an_article_is_dropped() -> None:
    lines = [
        "1. Chỉ thị 10/CT-UBND năm 2020 về nhiệm vụ năm học",
        "2. Kế hoạch 77/KH-SGDĐT năm 2021 về tuyển sinh",
        "Ngành giáo dục triển khai nhiệm vụ năm học mới",
    ]
    lead, rest = split_lead(lines)
    assert rest == lines[2:] and len(lead) == 2
    dashed = [
        "- 1 Kết luận 01-KL/TW năm 2021 về học tập",
        "- 2 Quyết định 2457/QĐ-BGDĐT năm 2023",
        *lines[2:],
    ]
    assert split_lead(dashed)[1] == lines[2:]


NEWS_ARTICLE = """BÁO ĐIỆN TỬ TIN GIÁO DỤC
Thứ Năm, 05/09/2024 08:30 (GMT+7)
Thủ tướng chỉ thị nhiệm vụ năm học 2024-2025
(Tin Giáo dục) - Thủ tướng Chính phủ vừa ký ban hành Chỉ thị số 31/CT-TTg ngày 4/9/2024 về nhiệm vụ trọng tâm năm học 2024-2025 của ngành giáo dục.
Chỉ thị yêu cầu các bộ, ngành và địa phương tập trung thực hiện một số nhiệm vụ sau.
Thứ nhất, bảo đảm đủ giáo viên theo định mức, nhất là ở vùng khó khăn.
Thứ hai, tăng cường cơ sở vật chất, thiết bị dạy học tối thiểu.
"""

PORTAL_ARTICLE = """Khánh Hòa triển khai nhiệm vụ năm học mới
Ngày 10/9/2023, Ủy ban nhân dân tỉnh Khánh Hòa ban hành Kế hoạch số 120/KH-UBND ngày 8/9/2023 về thực hiện nhiệm vụ năm học 2023-2024.
Theo kế hoạch, toàn tỉnh phấn đấu huy động 99% trẻ em 5 tuổi đến trường.
"""

PLAIN_NEWS = """BÁO ĐIỆN TỬ TIN GIÁO DỤC
Học sinh cả nước bước vào năm học mới 2024-2025
Lan Phương · 05/09/2024 08:30 · Thời sự
Sáng nay, hơn 23 triệu học sinh trên cả nước dự lễ khai giảng năm học mới.
Lễ khai giảng gọn nhẹ
Nhiều trường tổ chức lễ khai giảng gọn nhẹ, ý nghĩa.
Học sinh dự lễ chào cờ đầu năm học. Ảnh: Lan Phương
Sau lễ khai giảng, các trường dạy học ngay.
"""


def test_newspaper_article_about_a_prime_minister_directive(tmp_path: Path) -> None:
    path = tmp_path / "bao.txt"
    path.write_text(NEWS_ARTICLE, encoding="utf-8")
    doc = parse_document(path)
    m = doc.meta
    assert (m.doc_type, m.doc_number, m.issuer, m.issued_date, m.province, m.issuer_level) == (
        "Bài viết về Chỉ thị",
        "31/CT-TTg",
        "Thủ tướng Chính phủ",
        "2024-09-04",
        "toàn quốc",
        "bao-chi",  # this text is an article; the issuer is that of the directive it reports
    )
    assert m.school_year == "2024-2025"
    assert all(m.sources[f].origin == "body" for f in ("doc_number", "issuer", "issued_date"))
    assert document_label(m) == "Bài viết về Chỉ thị 31/CT-TTg (Thủ tướng Chính phủ, 4/9/2024)"
    assert [s.path for s in doc.sections] == ["", "Thứ nhất", "Thứ hai"]
    assert "GMT+7" not in "\n".join(s.text for s in doc.sections)


# An article that never says "ban hành", but opens a sentence on the document it summarises.
CITING_ARTICLE = """BÁO ĐIỆN TỬ TIN GIÁO DỤC
Năm học mới: 5 nhóm nhiệm vụ trọng tâm của ngành giáo dục Thái Bình
Theo Kế hoạch số 45/KH-SGDĐT ngày 10/9/2023 của Sở GD&ĐT Thái Bình, năm học 2023-2024 toàn ngành tập trung vào năm nhóm nhiệm vụ.
Thứ nhất, rà soát mạng lưới trường lớp.
Thứ hai, bảo đảm đủ giáo viên.
"""
# Words "theo chỉ thị" inside a sentence cite, they do not say what the article is about.
MENTIONING_NEWS = """BÁO ĐIỆN TỬ TIN GIÁO DỤC
Học sinh Thái Bình dự lễ khai giảng
Sáng nay học sinh dự lễ khai giảng gọn nhẹ theo Chỉ thị số 31/CT-TTg của Thủ tướng Chính phủ.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A portal announcing a provincial plan ("… ban hành Kế hoạch số …").
        (
            PORTAL_ARTICLE,
            ("Bài viết về Kế hoạch", "120/KH-UBND", "UBND tỉnh Khánh Hòa", "Khánh Hòa", "2023-09-08"),
        ),
        # A newspaper summarising a Sở's plan ("Theo Kế hoạch số … của Sở …").
        (
            CITING_ARTICLE,
            ("Bài viết về Kế hoạch", "45/KH-SGDĐT", "Sở GD&ĐT Thái Bình", "Thái Bình", "2023-09-10"),
        ),
        # A news item citing a directive mid-sentence is about an event, not the directive.
        (MENTIONING_NEWS, ("Tin bài", None, None, None, None)),
    ],
    ids=["announced", "summarised", "mentioned"],
)
def test_article_about_a_document(tmp_path: Path, text: str, expected: tuple[str | None, ...]) -> None:
    path = tmp_path / "bai.txt"
    path.write_text(text, encoding="utf-8")
    m = parse_document(path).meta
    assert (
        m.doc_type,
        m.doc_number,
        m.issuer,
        m.province if m.doc_number else None,
        m.issued_date,
    ) == expected
    assert m.issuer_level == "bao-chi"


def test_news_without_a_reported_document_is_press(tmp_path: Path) -> None:
    path = tmp_path / "tin.txt"
    path.write_text(PLAIN_NEWS, encoding="utf-8")
    doc = parse_document(path)
    m = doc.meta
    assert (m.doc_type, m.doc_number, m.issuer, m.issuer_level) == ("Tin bài", None, None, "bao-chi")
    # The byline is furniture; the photo caption stays in the text but is no heading.
    assert [s.path for s in doc.sections] == ["", "Lễ khai giảng gọn nhẹ"]
    assert "08:30" not in "\n".join(s.text for s in doc.sections)


REPRINT = """Chỉ thị của UBND tỉnh: Về nhiệm vụ chủ yếu năm học 2018-2019 trên địa bàn tỉnh Phú Yên
(PY) Ngày 9-10-2018, UBND tỉnh đã ban hành Chỉ thị số 15/CT-UBND về nhiệm vụ chủ yếu năm học 2018-2019. Báo trân trọng giới thiệu toàn văn Chỉ thị.
Căn cứ Chỉ thị số 2919/CT-BGDĐT ngày 10 tháng 8 năm 2018 của Bộ trưởng Bộ Giáo dục và Đào tạo;
Ủy ban nhân dân tỉnh yêu cầu như sau:
I. Phương hướng chung:
Sở Giáo dục và Đào tạo chủ trì.
II. Nhiệm vụ cụ thể:
1. Huy động trẻ ra lớp.
"""


def test_newspaper_reprint_dates_the_directive_not_its_grounds(tmp_path: Path) -> None:
    """The date opening the announcement is the directive's; a "Căn cứ …" date belongs to another document."""
    path = tmp_path / "bao.txt"
    path.write_text(REPRINT, encoding="utf-8")
    doc = parse_document(path)
    m = doc.meta
    assert (m.doc_type, m.doc_number, m.issuer, m.issued_date, m.issuer_level) == (
        "Bài viết về Chỉ thị",
        "15/CT-UBND",
        "UBND tỉnh Phú Yên",
        "2018-10-09",
        "bao-chi",
    )
    assert not m.confident("issuer")  # the province is read from the text, not from a letterhead
    assert m.title.startswith("Chỉ thị của UBND tỉnh: Về nhiệm vụ chủ yếu")
    assert [s.path for s in doc.sections] == ["", "I", "II", "II.1"]
    assert doc.sections[1].title == "Phương hướng chung"


LEGAL_SITE_HTML = """<!doctype html><html><head><meta charset="utf-8">
<title>Chỉ thị 05/CT-UBND năm 2021 tỉnh Cà Mau - Cơ sở dữ liệu văn bản</title></head><body>
<div class="site-banner">CƠ SỞ DỮ LIỆU VĂN BẢN</div>
<div class="login">Đăng nhập | Đăng ký</div>
<div class="content-detail">
<h1>Chỉ thị 05/CT-UBND năm 2021 nhiệm vụ năm học tỉnh Cà Mau</h1>
<p class="byline">Cập nhật: 08:15 10/09/2021</p>
<div class="paywall">Bạn đang xem bản rút gọn. Hãy đăng nhập để xem toàn văn.</div>
<table><tr><td><p>ỦY BAN NHÂN DÂN</p><p>TỈNH SÓC TRĂNG</p><p>-------</p></td>
<td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p>Độc lập - Tự do - Hạnh phúc</p></td></tr>
<tr><td>Số: 07/CT-UBND</td><td>Sóc Trăng, ngày 6 tháng 9 năm 2021</td></tr></table>
<p>CHỈ THỊ</p><p>Về nhiệm vụ năm học 2021-2022</p>
<p>Năm học 2021-2022 diễn ra trong bối cảnh dịch bệnh.</p>
<p>1. Tổ chức dạy học linh hoạt.</p><p>2. Bảo đảm an toàn trường học.</p>
<p>Tải bản đầy đủ</p>
</div></body></html>"""


def test_legal_site_html_page(tmp_path: Path) -> None:
    """A saved page whose title names another document: the letterhead decides, the furniture goes."""
    path = tmp_path / "page.html"
    path.write_text(LEGAL_SITE_HTML, encoding="utf-8")
    doc = parse_document(path)
    m = doc.meta
    assert (m.doc_type, m.doc_number, m.issuer, m.province, m.issued_date) == (
        "Chỉ thị",
        "07/CT-UBND",
        "UBND tỉnh Sóc Trăng",
        "Sóc Trăng",
        "2021-09-06",
    )
    text = "\n".join(s.text for s in doc.sections)
    for junk in ("Cà Mau", "rút gọn", "Đăng nhập", "08:15", "Tải bản đầy đủ", "CƠ SỞ DỮ LIỆU"):
        assert junk not in text, junk
    assert [s.path for s in doc.sections] == ["", "1", "2"]
