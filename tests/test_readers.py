"""File readers: every fixture is built here, in tmp_path; nothing is downloaded."""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
for _p in (str(ROOT), str(ROOT / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import fixtures_make as fx  # noqa: E402

from ingest.models import IngestError  # noqa: E402
from ingest.readers import SUPPORTED_SUFFIXES, read_file  # noqa: E402
from ingest.readers.legacy import convert_legacy, detect_legacy, encode_legacy  # noqa: E402
from ingest.readers.pdf import _drop_page_numbers, _split_notes, read_pdf  # noqa: E402

SENTENCE = (
    "Sở Giáo dục và Đào tạo hướng dẫn thực hiện nhiệm vụ năm học 2021-2022: tiếp tục đổi mới "
    "phương pháp dạy học, kiểm tra đánh giá; bảo đảm an toàn trường học, ưu tiên học sinh vùng khó khăn."
)


def is_nfc(text: str) -> bool:
    return unicodedata.normalize("NFC", text) == text


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p]


def assert_in_order(items: list[str], paras: list[str]) -> None:
    positions = [paras.index(item) for item in items]  # ValueError if one is missing
    assert positions == sorted(positions), positions


# ------------------------------------------------------------------ DOCX
def test_docx_letterhead_order_and_hidden_text(tmp_path: Path) -> None:
    raw = read_file(fx.make_docx(tmp_path / "chi-thi.docx"))
    paras = paragraphs(raw.text)
    assert raw.format == "docx"
    assert paras[:6] == fx.LETTERHEAD_LEFT + fx.LETTERHEAD_RIGHT  # left cell first, then right cell
    # A data table's row keeps its column headers (ingest/tables.py).
    row = "TT: 1; Chỉ tiêu: Trẻ 5 tuổi ra lớp; Tỷ lệ: 99,9%"
    assert_in_order(fx.DOCX_BODY + [row, "KT. CHỦ TỊCH"], paras)
    assert "CANARY" not in raw.text  # hidden, white, hidden-by-style, header and footer
    assert is_nfc(raw.text)


def test_docx_legacy_fonts_are_converted(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph().add_run(encode_legacy("ủy ban nhân dân tỉnh", "tcvn3")).font.name = ".VnTimeH"
    d.add_paragraph().add_run(encode_legacy(SENTENCE, "tcvn3")).font.name = ".VnTime"
    d.add_paragraph().add_run(encode_legacy("Độc lập - Tự do - Hạnh phúc", "vni")).font.name = "VNI-Times"
    d.add_paragraph().add_run("Giáo dục").font.name = ".VnTime"  # Unicode typed in a legacy font: left alone
    d.save(str(tmp_path / "cu.docx"))
    raw = read_file(tmp_path / "cu.docx")
    assert paragraphs(raw.text) == [
        "ỦY BAN NHÂN DÂN TỈNH",
        SENTENCE,
        "Độc lập - Tự do - Hạnh phúc",
        "Giáo dục",
    ]
    assert any("TCVN3" in w for w in raw.warnings) and any("VNI" in w for w in raw.warnings)


def test_docx_numbering_and_footnotes(tmp_path: Path) -> None:
    raw = read_file(fx.make_numbered_docx(tmp_path / "so-tu-dong.docx"))
    assert paragraphs(raw.text) == fx.NUMBERED_TEXT + ["Căn cứ Chỉ thị của Bộ"]
    assert raw.footnotes == [f"1 {fx.DOCX_NOTE}"]  # hidden text in the note is dropped too


# ------------------------------------------------------------------ PDF
def test_pdf_text_layer(tmp_path: Path) -> None:
    raw = read_file(fx.make_pdf(tmp_path / "huong-dan.pdf"))
    flat = " ".join(raw.text.split())
    for para in fx.PDF_PARAGRAPHS + fx.PDF_PAGE2:  # words intact, in order, across wrapped lines
        assert para in flat
    assert flat.index(fx.PDF_PARAGRAPHS[-1]) < flat.index(fx.PDF_PAGE2[0])
    assert is_nfc(raw.text)
    assert fx.PDF_HEADER not in raw.text
    assert not re.search(r"^\s*-?\s*\d+\s*-?\s*$", raw.text, re.M)  # page numbers gone
    assert raw.footnotes == [f"1 {fx.PDF_FOOTNOTE}"]
    assert fx.PDF_FOOTNOTE not in raw.text
    assert f"{fx.PDF_PARAGRAPHS[0]}\n\n" in raw.text  # paragraph gap became a blank line


def test_pdf_page_numbers_and_notes() -> None:
    box = [0.0, 800.0]
    page = [["Trang 3", 100.0, 790.0, 10.0], ["Nội dung", 50.0, 700.0, 12.0], ["35", 50.0, 680.0, 12.0]]
    page += [["Kết thúc", 50.0, 600.0, 12.0], ["1", 50.0, 61.0, 7.0], ["Ghi chú một", 55.0, 60.0, 9.0]]
    page += [["dòng tiếp", 50.0, 50.0, 9.0], ["3/10", 300.0, 20.0, 10.0]]
    kept = _drop_page_numbers(page, box)
    assert [ln[0] for ln in kept] == ["Nội dung", "35", "Kết thúc", "1", "Ghi chú một", "dòng tiếp"]
    body, notes = _split_notes(kept, 12.0)
    assert [ln[0] for ln in body] == ["Nội dung", "35", "Kết thúc"]
    assert notes == ["1 Ghi chú một dòng tiếp"]


def test_pdf_without_text_layer_needs_ocr(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"scan\.pdf.*OCR"):
        read_file(fx.make_scanned_pdf(tmp_path / "scan.pdf"))


def test_pdf_encrypted_and_broken(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=fx.make_pdf(tmp_path / "src.pdf"))
    writer.encrypt("mat-khau", algorithm="RC4-128")
    writer.write(tmp_path / "khoa.pdf")
    with pytest.raises(IngestError, match=r"khoa\.pdf.*mật khẩu"):
        read_file(tmp_path / "khoa.pdf")
    (tmp_path / "hong.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n%%EOF")
    with pytest.raises(IngestError, match=r"hong\.pdf") as err:
        read_file(tmp_path / "hong.pdf")
    assert "Traceback" not in str(err.value)


def test_pdf_time_limit(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="quá thời gian"):
        read_pdf(fx.make_pdf(tmp_path / "cham.pdf"), timeout=0.01)


# ------------------------------------------------------------------ HTML
@pytest.mark.parametrize("plain_classes", [False, True])
def test_html_portal_chrome_removed(tmp_path: Path, plain_classes: bool) -> None:
    raw = read_file(fx.make_html(tmp_path / "tin.html", plain_classes))
    paras = paragraphs(raw.text)
    assert raw.format == "html"
    assert_in_order(fx.HTML_ARTICLE, paras)
    for chrome in fx.HTML_CHROME:
        assert chrome not in raw.text, chrome
    assert (fx.HOTLINE in raw.text) == plain_classes
    assert "Nơi nhận Sở GD&ĐT" in paras and "|" not in raw.text  # table row: cells joined by a space
    assert fx.BANNER in raw.chrome
    assert any("Cổng thông tin" in c for c in raw.chrome)  # the <title>


def test_html_letterhead_cells_stay_apart(tmp_path: Path) -> None:
    page = (
        "<html><body><table><tr><td>ỦY BAN NHÂN DÂN<br>TỈNH LAI CHÂU<br>Số: 10/CT-UBND</td>"
        "<td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p>Lai Châu, ngày 11 tháng 9 năm 2020</p></td></tr></table>"
        "<p>CHỈ THỊ</p></body></html>"
    )
    (tmp_path / "vb.htm").write_text(page, encoding="utf-8")
    assert paragraphs(read_file(tmp_path / "vb.htm").text) == [
        "ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU", "Số: 10/CT-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Lai Châu, ngày 11 tháng 9 năm 2020", "CHỈ THỊ",
    ]  # fmt: skip


def test_html_list_title_keeps_the_text_after_it(tmp_path: Path) -> None:
    news = "".join(
        f"<li><a href='/{i}'>Tin số {i} của cổng thông tin</a> (0{i}/09/2020)</li>" for i in range(1, 4)
    )
    page = (
        "<html><body><div><div>Văn bản mới</div><p>Chủ nhật 22/5/2022</p><p>CHỈ THỊ Về nhiệm vụ năm học</p>"
        "<p>Ngày 11/9/2020, UBND tỉnh ban hành Chỉ thị số 10/CT-UBND.</p><p>Ban biên tập</p>"
        f"<p>print send mail</p><h3>Các tin đã đăng:</h3><ul>{news}</ul></div></body></html>"
    )
    (tmp_path / "phang.html").write_text(page, encoding="utf-8")
    assert paragraphs(read_file(tmp_path / "phang.html").text) == [
        "CHỈ THỊ Về nhiệm vụ năm học",
        "Ngày 11/9/2020, UBND tỉnh ban hành Chỉ thị số 10/CT-UBND.",
        "Ban biên tập",
    ]


# ------------------------------------------------------------------ text and legacy encodings
@pytest.mark.parametrize(("enc", "label"), [("tcvn3", "TCVN3"), ("vni", "VNI")])
def test_legacy_text_file(tmp_path: Path, enc: str, label: str) -> None:
    legacy = encode_legacy(SENTENCE, enc)  # type: ignore[arg-type]
    assert detect_legacy(legacy) == enc and detect_legacy(SENTENCE) is None
    path = tmp_path / f"{enc}.txt"
    path.write_bytes(f"{legacy}\r\n\r\n{legacy}".encode("cp1252"))  # how legacy files are stored
    raw = read_file(path)
    assert raw.text == f"{SENTENCE}\n\n{SENTENCE}"
    assert f"phát hiện mã {label}, đã chuyển sang Unicode" in raw.warnings


def test_legacy_tables_round_trip_every_letter() -> None:
    letters = "".join(
        sorted({c for c in "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"})
    )
    text = " ".join(letters + letters.upper())
    for enc in ("tcvn3", "vni"):
        assert convert_legacy(encode_legacy(text, enc), enc) == text  # type: ignore[arg-type]
    assert convert_legacy("Së Gi¸o dôc vµ §µo t¹o", "tcvn3") == "Sở Giáo dục và Đào tạo"
    assert convert_legacy("Sôû Giaùo duïc vaø Ñaøo taïo", "vni") == "Sở Giáo dục và Đào tạo"


def _cp1258(text: str) -> bytes:
    """cp1258 stores a tone as a combining byte after the base letter (with its circumflex/horn)."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            nfd = unicodedata.normalize("NFD", ch)
            tone = next(c for c in nfd if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", nfd.replace(tone, ""))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return out


def test_text_encodings(tmp_path: Path) -> None:
    cases = {
        "bom.txt": codecs.BOM_UTF8 + SENTENCE.encode("utf-8"),
        "u16.txt": SENTENCE.encode("utf-16"),
        "cp1258.txt": _cp1258(SENTENCE),
        "nfd.md": unicodedata.normalize("NFD", SENTENCE).encode("utf-8"),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        raw = read_file(tmp_path / name)
        assert raw.text == SENTENCE, name
        assert raw.warnings == [], name


def test_corpus_samples_are_read() -> None:
    samples = sorted((ROOT / "corpus" / "sample").glob("*.txt"))
    assert samples
    for path in samples:
        raw = read_file(path)
        assert raw.text.strip() and is_nfc(raw.text), path.name
        assert raw.warnings == [], path.name


# ------------------------------------------------------------------ sniffing and hostile files
def test_content_decides_the_type(tmp_path: Path) -> None:
    docx_named_pdf = tmp_path / "that-ra-la-docx.pdf"
    docx_named_pdf.write_bytes(fx.make_docx(tmp_path / "x.docx").read_bytes())
    assert read_file(docx_named_pdf).format == "docx"
    (tmp_path / "trang.txt").write_text("<!DOCTYPE html><html><body><p>Nội dung</p></body></html>", "utf-8")
    assert read_file(tmp_path / "trang.txt").format == "html"
    png = tmp_path / "anh.pdf"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with pytest.raises(IngestError, match=r"anh\.pdf.*ảnh hỏng"):  # an image is read by OCR now (issue 11)
        read_file(png)
    noise = tmp_path / "rac.txt"
    noise.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(IngestError, match=r"rac\.txt.*không hỗ trợ"):
        read_file(noise)
    (tmp_path / "bang.xlsx").write_text("a,b", "utf-8")
    with pytest.raises(IngestError, match="không hỗ trợ"):
        read_file(tmp_path / "bang.xlsx")
    images = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp"}  # read by OCR since issue 11
    assert {".txt", ".md", ".html", ".htm", ".docx", ".pdf"} | images == SUPPORTED_SUFFIXES


def test_empty_missing_and_oversized(tmp_path: Path) -> None:
    (tmp_path / "rong.txt").write_bytes(b"")
    with pytest.raises(IngestError, match=r"rong\.txt.*rỗng"):
        read_file(tmp_path / "rong.txt")
    with pytest.raises(IngestError, match=r"khong-co\.txt"):
        read_file(tmp_path / "khong-co.txt")
    big = tmp_path / "lon.pdf"
    with big.open("wb") as f:
        f.truncate(21 * 2**20)  # sparse: costs no disk
    with pytest.raises(IngestError, match=r"lon\.pdf.*20 MB"):
        read_file(big)


def test_zip_bombs_and_odd_zips(tmp_path: Path) -> None:
    base = {"[Content_Types].xml": b"<Types/>"}
    bomb = fx.make_zip(tmp_path / "bom.docx", base, ("word/document.xml", 300 * 2**20))
    assert bomb.stat().st_size < 2 * 2**20
    with pytest.raises(IngestError, match=r"bom\.docx.*bom nén"):
        read_file(bomb)
    dense = fx.make_zip(tmp_path / "nen.docx", base, ("word/document.xml", 8 * 2**20))
    with pytest.raises(IngestError, match=r"nen\.docx.*tỉ lệ nén"):
        read_file(dense)
    many = fx.make_zip(tmp_path / "nhieu.docx", {**base, "word/document.xml": b"<w/>"}
                       | {f"word/media/{i}.bin": b"" for i in range(5000)})  # fmt: skip
    with pytest.raises(IngestError, match=r"nhieu\.docx.*5002 mục"):
        read_file(many)
    plain_zip = fx.make_zip(tmp_path / "goi.docx", {"a.txt": b"hello"})
    with pytest.raises(IngestError, match=r"goi\.docx.*không phải văn bản Word"):
        read_file(plain_zip)
    broken = fx.make_zip(tmp_path / "hong.docx", {**base, "word/document.xml": b"<not xml"})
    with pytest.raises(IngestError, match=r"hong\.docx.*hỏng"):
        read_file(broken)
