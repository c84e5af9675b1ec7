"""A deterministic AnswerService for channel tests (no index, no model), plus a uvicorn-in-a-thread helper.

`FakeService` implements `AnswerServiceAPI` over three in-memory documents: `ask` returns a found Answer
citing every section that contains a word of the question (≥ 3 letters), else found=False. The province
and school year it was asked with are echoed in `notes`, so tests can see what a channel sent.
"""

from __future__ import annotations

import copy
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from bot.answer.api import AddOutcome, InvalidQuestion
from bot.answer.citations import citation
from bot.answer.models import Answer, Citation
from bot.understanding.smalltalk import small_talk_reply
from ingest.models import Document, DocumentMeta, Section

REFUSAL = "Không tìm thấy nội dung phù hợp trong các văn bản hiện có."


def _doc(doc_id: str, meta: DocumentMeta, sections: list[tuple[str, str, str]]) -> Document:
    secs = [
        Section(path=p, title=t, text=x, level=p.count(".") + 1 if p else 0, ordinal=i)
        for i, (p, t, x) in enumerate(sections)
    ]
    return Document(id=doc_id, meta=meta, sections=secs, content_hash=doc_id * 2)


DOCUMENTS = [
    _doc(
        "angiang-2021",
        DocumentMeta(
            doc_type="Chỉ thị",
            doc_number="04/CT-UBND",
            issuer="UBND tỉnh An Giang",
            province="An Giang",
            issued_date="2021-09-14",
            school_year="2021-2022",
            title="Về nhiệm vụ trọng tâm năm học 2021-2022",
            source="angiang-2021.pdf",
        ),
        [
            ("", "Phần mở đầu", "Năm học 2021-2022 diễn ra trong bối cảnh dịch bệnh."),
            ("I", "Nhiệm vụ chung", "I. Nhiệm vụ chung\nTiếp tục đổi mới giáo dục."),
            (
                "I.1",
                "Chuyển đổi số",
                "1. Chuyển đổi số\nĐẩy mạnh chuyển đổi số trong dạy học và quản lý; "
                "mỗi giáo viên sử dụng thành thạo học liệu số. " + "Nội dung chi tiết về học liệu số. " * 8,
            ),
            ("I.2", "An toàn trường học", "2. An toàn trường học\nBảo đảm an toàn phòng chống dịch bệnh."),
        ],
    ),
    _doc(
        "laocai-2022",
        DocumentMeta(
            doc_type="Công văn",
            doc_number="1234/SGDĐT-GDPT",
            issuer="Sở GD&ĐT Lào Cai",
            province="Lào Cai",
            issued_date="2022-09-05",
            school_year="2022-2023",
            title="Hướng dẫn nhiệm vụ giáo dục phổ thông năm học 2022-2023",
            source="laocai-2022.docx",
        ),
        [
            ("", "Phần mở đầu", "Sở GD&ĐT hướng dẫn nhiệm vụ năm học."),
            ("II", "Giáo dục STEM", "II. Giáo dục STEM\nTổ chức dạy học STEM ít nhất hai chủ đề mỗi học kỳ."),
            ("III", "Kiểm tra đánh giá", "III. Kiểm tra đánh giá\nThực hiện đánh giá theo Thông tư 22."),
        ],
    ),
    _doc(
        "bgd-2023",
        DocumentMeta(
            doc_type="Quyết định",
            doc_number="2171/QĐ-BGDĐT",
            issuer="Bộ GD&ĐT",
            province=None,
            issued_date="2023-07-31",
            school_year="2023-2024",
            title="Khung kế hoạch thời gian năm học 2023-2024",
            source="bgd-2023.pdf",
        ),
        [
            ("Điều 1", "Điều 1", "Điều 1. Tựu trường sớm nhất vào ngày 23/8/2023; tổng kết trước 31/5/2024."),
        ],
    ),
]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) >= 3 and not w.isdigit()}


class FakeService:
    """Implements AnswerServiceAPI; `explode=True` makes ask() raise, to test the 500 path."""

    def __init__(self, max_question_chars: int = 1000, delay: float = 0.0) -> None:
        self.max_question_chars = max_question_chars
        self.documents = copy.deepcopy(DOCUMENTS)  # tests mutate sections; never share them
        self.delay = delay  # seconds ask() blocks (to prove channels call it off the event loop)
        self.explode = False
        self.asked: list[tuple[str, str | None, str | None]] = []

    def ask(
        self,
        question: str,
        province: str | None = None,
        school_year: str | None = None,
        within: Any = None,
        intent: Any = None,
    ) -> Answer:
        if not question.strip():
            raise InvalidQuestion("Câu hỏi trống, xin nhập nội dung câu hỏi.")
        if len(question) > self.max_question_chars:
            raise InvalidQuestion(f"Câu hỏi dài quá {self.max_question_chars} ký tự.")
        if not re.search(r"[^\W\d_]", question):
            raise InvalidQuestion("Câu hỏi cần có chữ.")
        if self.explode:
            raise RuntimeError("/secret/path/index.faiss is corrupt")
        if self.delay:
            time.sleep(self.delay)
        self.asked.append((question, province, school_year))
        if (reply := small_talk_reply(question)) is not None:  # as the real service does
            return Answer(question=question, found=False, answer=reply, small_talk=True)
        notes = ([f"Tỉnh: {province}"] if province else []) + (
            [f"Năm học: {school_year}"] if school_year else []
        )
        wanted = _words(question)
        citations: list[Citation] = []
        for doc in self.documents:
            if province and doc.meta.province not in (province, None):
                continue
            for sec in doc.sections:
                overlap = wanted & _words(sec.text)
                if overlap:
                    citations.append(citation(doc, sec, sec.text[:120], float(len(overlap))))
        if not citations:
            return Answer(question=question, found=False, answer=REFUSAL, notes=notes)
        citations.sort(key=lambda c: -c.score)
        citations = citations[:3]
        answer = " ".join(c.text.split("\n")[-1] for c in citations)
        return Answer(question=question, found=True, answer=answer, notes=notes, citations=citations)

    def list_documents(self) -> list[Document]:
        return list(self.documents)

    def get_document(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == doc_id), None)

    def section_source(self, doc_id: str, ordinal: int) -> tuple[Document, Section, str] | None:
        doc = self.get_document(doc_id)
        if doc is None or not 0 <= ordinal < len(doc.sections):
            return None
        sec = doc.sections[ordinal]
        # The section plus its subsections ("I" → "I.1", "I.2"), like the real service.
        texts = [s.text for s in doc.sections if s is sec or (sec.path and s.path.startswith(sec.path + "."))]
        return doc, sec, "\n".join(texts)

    def add_file(self, path: Path, progress: Any = None) -> AddOutcome:
        return AddOutcome(errors=[f"{path.name}: không hỗ trợ trong bản giả lập"])

    def remove_document(self, doc_id: str) -> bool:
        before = len(self.documents)
        self.documents = [d for d in self.documents if d.id != doc_id]
        return len(self.documents) < before

    def provinces(self) -> list[str]:
        return sorted({d.meta.province for d in self.documents if d.meta.province})

    def school_years(self) -> list[str]:
        return sorted({d.meta.school_year for d in self.documents if d.meta.school_year}, reverse=True)

    def current_school_year(self) -> str:
        return "2023-2024"

    def health(self) -> dict[str, Any]:
        return {
            "index_loaded": True,
            "documents": len(self.documents),
            "chunks": sum(len(d.sections) for d in self.documents),
            "embedder": "fake",
            "index_built_at": "2024-01-01T00:00:00+00:00",
        }


@contextmanager
def serve_in_thread(app: Any, timeout: float = 10.0) -> Iterator[str]:
    """Run `app` with uvicorn on 127.0.0.1:<free port> in a thread; yields the base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, log_config=None, access_log=False, lifespan="on", timeout_graceful_shutdown=2
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
        sock.close()
