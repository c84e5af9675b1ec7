"""A document the library does not hold may still be cited by one it does, with its date and issuer ("Căn cứ Thông
tư số … ngày … của Bộ trưởng …"): asked when it was issued, the bot quotes that sentence and says whose it is."""

from __future__ import annotations

from bot.answer.meta import is_meta_question
from bot.answer.service import CITED_ONLY
from tests.conftest import SampleWith

DECISION = """UBND TỈNH LÀO CAI
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 1520/QĐ-SGDĐT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lào Cai, ngày 20 tháng 9 năm 2026

QUYẾT ĐỊNH
Ban hành Quy chế thi chọn học sinh giỏi cấp tỉnh năm học 2026-2027

GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO
Căn cứ Thông tư số 17/2025/TT-BGDĐT ngày 12 tháng 8 năm 2025 của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Quy chế thi chọn học sinh giỏi cấp quốc gia;
Căn cứ Quyết định số 2411/QĐ-UBND ngày 03 tháng 10 năm 2025 của Ủy ban nhân dân tỉnh Lào Cai quy định chức năng, nhiệm vụ của Sở Giáo dục và Đào tạo;
Theo đề nghị của Trưởng phòng Giáo dục Trung học.

QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế thi chọn học sinh giỏi cấp tỉnh năm học 2026-2027.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
"""


def test_a_cited_documents_date_is_quoted_from_the_citing_sentence(sample_with: SampleWith) -> None:
    service = sample_with("lao-cai_2026-2027_qd-1520-hsg.txt", DECISION, mode="bm25")
    answer = service.ask("Thông tư 17/2025/TT-BGDĐT ban hành ngày nào?")
    assert answer.found, answer.answer
    assert "ngày 12 tháng 8 năm 2025" in answer.answer and CITED_ONLY in answer.notes, answer
    assert answer.citations[0].doc_number == "1520/QĐ-SGDĐT"
    signed = service.ask("Quyết định 2411/QĐ-UBND ký ngày nào vậy?")
    assert signed.found and "ngày 03 tháng 10 năm 2025" in signed.answer, signed.answer
    # A number no document holds or cites is still not in the library.
    absent = service.ask("Thông tư 99/2025/TT-BGDĐT ban hành ngày nào?")
    assert not absent.found and "Chưa có văn bản số 99/2025/TT-BGDĐT" in absent.answer, absent.answer


def test_asking_when_a_document_was_signed_asks_its_date() -> None:
    assert is_meta_question("qd sua doi quy che dao tao thac si cua dhqghn ky ngay nao vay")
    assert is_meta_question("Quyết định này ký khi nào?")
    assert is_meta_question("Ngày ký Thông tư 17/2025/TT-BGDĐT?")
    assert not is_meta_question("Quyết định có hiệu lực từ ngày ký không?")
    assert not is_meta_question("Hợp đồng thực tập ký với doanh nghiệp nào?")
    # A licence is granted: of a named one, "cấp ngày nào" asks its date.
    assert is_meta_question("Giấy phép số 2507 cấp ngày nào thế?", named=True)
    assert not is_meta_question("Giấy chứng nhận đăng ký doanh nghiệp cấp ngày nào?", named=True)
