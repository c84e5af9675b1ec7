"""A deterministic in-memory AnswerService for channel tests (no index, no models, no mocks).

`ask` cites every section that contains a word (≥ 4 letters, tone marks ignored) of the question.
Magic questions: BOOM raises (a handler error), LONG returns a very long answer, SLOW blocks
until `release_slow` is set (to prove other chats are served meanwhile).
`add_file` really reads a .txt file: first line = title, "Số: …" line = number, paragraphs = sections.
"""

from __future__ import annotations

import hashlib
import re
import threading
from pathlib import Path
from typing import Any

from bot.answer.api import AddOutcome, InvalidQuestion
from bot.answer.citations import citation
from bot.answer.models import Answer, Citation
from ingest.models import Document, DocumentMeta, Section
from ingest.textnorm import fold

BOOM = "boom"
LONG = "dài dòng"
SLOW = "chậm"
SECRET_PATH = "/srv/nhiemvu/secret_module.py"  # must never reach a user


def _doc(doc_id: str, meta: dict[str, Any], sections: list[tuple[str, str, str]]) -> Document:
    secs = [
        Section(path=p, title=t, text=x, level=p.count(".") + (1 if p else 0), ordinal=i)
        for i, (p, t, x) in enumerate(sections)
    ]
    return Document(
        id=doc_id,
        meta=DocumentMeta(source=f"{doc_id}.txt", **meta),
        sections=secs,
        content_hash=hashlib.sha1(doc_id.encode()).hexdigest(),
    )


def sample_documents() -> list[Document]:
    return [
        _doc(
            "ag-04-2021",
            dict(
                doc_type="Chỉ thị",
                doc_number="04/CT-UBND",
                issuer="UBND tỉnh An Giang",
                province="An Giang",
                issued_date="2021-09-14",
                school_year="2021-2022",
                title="Về việc thực hiện nhiệm vụ năm học 2021-2022",
            ),
            [
                ("", "", "Năm học 2021-2022 là năm đầu tiên thực hiện Nghị quyết Đại hội XIII."),
                (
                    "I",
                    "Mục tiêu <chung> & yêu cầu",
                    "I. Mục tiêu <chung> & yêu cầu\nĐẩy mạnh chuyển đổi số trong quản lý & dạy học <b>.",
                ),
                (
                    "I.1",
                    "Chuyển đổi số",
                    "1. Chuyển đổi số\nTriển khai học bạ số và hồ sơ điện tử trong giáo dục.",
                ),
                (
                    "I.2",
                    "Giáo dục đạo đức",
                    "2. Giáo dục đạo đức\nTăng cường giáo dục kỹ năng sống cho học sinh.",
                ),
                (
                    "II",
                    "Tổ chức thực hiện",
                    "II. Tổ chức thực hiện\nSở Giáo dục hướng dẫn các trường triển khai.",
                ),
            ],
        ),
        _doc(
            "lc-1234-2019",
            dict(
                doc_type="Hướng dẫn",
                doc_number="1234/SGDĐT-GDPT",
                issuer="Sở GD&ĐT Lào Cai",
                province="Lào Cai",
                issued_date="2019-09",
                school_year="2019-2020",
                title="Hướng dẫn nhiệm vụ trọng tâm năm học 2019-2020",
            ),
            [
                (
                    "1",
                    "Bán trú",
                    "1. Bán trú\nTổ chức bán trú cho học sinh vùng cao; bảo đảm an toàn giáo dục.",
                ),
                (
                    "2",
                    "Dạy học 2 buổi/ngày",
                    "2. Dạy học 2 buổi/ngày\nDuy trì dạy học 2 buổi/ngày ở tiểu học.",
                ),
            ],
        ),
        _doc(
            "lch-10-2020",
            dict(
                doc_type="Chỉ thị",
                doc_number="10/CT-UBND",
                issuer="UBND tỉnh Lai Châu",
                province="Lai Châu",
                issued_date="2020-10-05",
                school_year="2020-2021",
                title="Về nhiệm vụ năm học 2020-2021",
            ),
            [
                (
                    "I",
                    "Phòng chống dịch",
                    "I. Phòng chống dịch\nThực hiện nghiêm phòng chống dịch trong giáo dục.",
                )
            ],
        ),
    ]


def extra_documents(n: int) -> list[Document]:
    """Filler documents (for /vanban paging)."""
    return [
        _doc(
            f"extra-{i}",
            dict(
                doc_type="Công văn",
                doc_number=f"{100 + i}/SGDĐT-VP",
                issuer="Sở GD&ĐT An Giang",
                province="An Giang",
                issued_date=f"2018-0{1 + i % 9}-01",
                school_year="2018-2019",
                title=f"Công văn bổ sung {i}",
            ),
            [("1", "Nội dung", f"1. Nội dung\nVăn bản bổ sung số {i}.")],
        )
        for i in range(n)
    ]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", fold(text)) if len(w) >= 4}


class FakeAnswerService:
    max_question_chars = 300

    def __init__(self, extra: int = 0) -> None:
        self.documents: dict[str, Document] = {d.id: d for d in sample_documents() + extra_documents(extra)}
        self.calls: list[tuple[Any, ...]] = []  # ("ask", question, province, year), ("add_file", path), …
        self.release_slow = threading.Event()
        self._lock = threading.Lock()

    def _record(self, *call: Any) -> None:
        with self._lock:
            self.calls.append(call)

    def asked(self) -> list[str]:
        return [c[1] for c in self.calls if c[0] == "ask"]

    # -- AnswerServiceAPI -------------------------------------------------------------------

    def ask(
        self,
        question: str,
        province: str | None = None,
        school_year: str | None = None,
        within: Any = None,
        intent: Any = None,
    ) -> Answer:
        self._record("ask", question, province, school_year)
        q = question.strip()
        if not q:
            raise InvalidQuestion("Câu hỏi trống, thầy cô hãy gõ nội dung cần hỏi.")
        if len(q) > self.max_question_chars:
            raise InvalidQuestion(f"Câu hỏi dài quá {self.max_question_chars} ký tự, thầy cô hãy rút gọn.")
        if BOOM in q:
            raise RuntimeError(f"{SECRET_PATH}: index exploded")
        if SLOW in q:
            self.release_slow.wait(10)
        if LONG in q:
            para = "Giáo viên <tổ trưởng> & phó hiệu trưởng cần lập kế hoạch. " * 12
            text = "\n\n".join(f"Đoạn {i}: {para}" for i in range(14))
            cite = self._cite(self.documents["ag-04-2021"], 2)
            return Answer(question=q, found=True, answer=text, notes=["Ghi chú <dài>"], citations=[cite])
        words = _words(q)
        cites = [
            self._cite(doc, sec.ordinal)
            for doc in self.documents.values()
            if province in (None, doc.meta.province) and school_year in (None, doc.meta.school_year)
            for sec in doc.sections
            if words & _words(sec.text)
        ]
        if not cites:
            return Answer(
                question=q,
                found=False,
                answer="Các văn bản đã có không nói về nội dung này.",
                notes=["Có thể văn bản của tỉnh hoặc năm học khác có nội dung này."],
            )
        first = cites[0].text.split("\n", 1)[-1]
        return Answer(
            question=q, found=True, answer=first, notes=["Trích nguyên văn từ văn bản."], citations=cites
        )

    def _cite(self, doc: Document, ordinal: int) -> Citation:
        sec = doc.sections[ordinal]
        return citation(doc, sec, sec.text, 1.0)

    def list_documents(self) -> list[Document]:
        return list(self.documents.values())

    def get_document(self, doc_id: str) -> Document | None:
        return self.documents.get(doc_id)

    def section_source(self, doc_id: str, ordinal: int) -> tuple[Document, Section, str] | None:
        doc = self.documents.get(doc_id)
        if doc is None or not 0 <= ordinal < len(doc.sections):
            return None
        sec = doc.sections[ordinal]
        subs = [s.text for s in doc.sections[ordinal + 1 :] if sec.path and s.path.startswith(sec.path + ".")]
        return doc, sec, "\n".join([sec.text, *subs])

    def add_file(self, path: Path, progress: Any = None) -> AddOutcome:
        self._record("add_file", Path(path))
        path = Path(path)
        if path.suffix.lower() != ".txt":
            return AddOutcome(errors=[f"{path.name}: bản giả chỉ đọc được tệp .txt."])
        lines = path.read_text(encoding="utf-8").strip().splitlines()
        if not lines:
            return AddOutcome(errors=[f"{path.name}: tệp trống."])
        title = lines[0].strip()
        number = next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("Số:")), None)
        paragraphs = [
            p.strip() for p in "\n".join(lines[1:]).split("\n\n") if p.strip() and not p.startswith("Số:")
        ]
        sections = [(str(i + 1), p.split("\n")[0][:60], p) for i, p in enumerate(paragraphs)]
        meta = dict(
            doc_type="Kế hoạch",
            doc_number=number,
            issuer="Sở GD&ĐT An Giang",
            province="An Giang",
            issued_date="2022-09-05",
            school_year="2022-2023",
            title=title,
        )
        doc = _doc("up-" + hashlib.sha1(path.read_bytes()).hexdigest()[:8], meta, sections)
        with self._lock:
            self.documents[doc.id] = doc
        return AddOutcome(documents=[doc])

    def remove_document(self, doc_id: str) -> bool:
        self._record("remove_document", doc_id)
        with self._lock:
            return self.documents.pop(doc_id, None) is not None

    def provinces(self) -> list[str]:
        return sorted({d.meta.province for d in self.documents.values() if d.meta.province})

    def school_years(self) -> list[str]:
        return sorted(
            {d.meta.school_year for d in self.documents.values() if d.meta.school_year}, reverse=True
        )

    def current_school_year(self) -> str:
        return "2021-2022"

    def health(self) -> dict[str, Any]:
        return {"status": "ok", "documents": len(self.documents)}
