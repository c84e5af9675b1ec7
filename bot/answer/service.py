"""AnswerService: the one object every channel calls. Question → scope → retrieval → answer."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Collection
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from bot.answer.api import AddOutcome, InvalidQuestion
from bot.answer.catalogue import asks_catalogue, catalogue_answer
from bot.answer.citations import quoted
from bot.answer.compose import extractive_answer, refusal
from bot.answer.figures import Wanted, citing, reviewing, wanted_statement
from bot.answer.first import answering_first
from bot.answer.focus import beside_title, focus_terms
from bot.answer.gate import UNSURE_NOTE, Gate, Verdict, load_gates, other_provinces
from bot.answer.lists import list_answer, parts_of_place
from bot.answer.meta import is_meta_question, meta_answer, signs_described
from bot.answer.models import Answer, document_label
from bot.answer.overview import asks_overview, overview_answer
from bot.answer.passages import Passages
from bot.answer.rerank import Reranker
from bot.answer.scope import Scope, issuer_note, names_document, province_note, resolve_scope, same_series
from bot.answer.several import each_province
from bot.calendar.answers import calendar_answer
from bot.ranking.retrieval import Hit, LiveIndex, Retriever, View
from bot.understanding import ordinals
from bot.understanding.query import QueryIntent, understand, with_library
from bot.understanding.schoolyear import current_school_year
from bot.understanding.smalltalk import read_as_asked, small_talk_reply
from bot.understanding.typos import mended
from index.embedders import Embedder
from index.library import ingest_paths, remove_documents
from index.snapshot import IndexUnavailable
from ingest.models import Document, Section
from ingest.provinces import NATIONAL
from ingest.readers.ocr import OcrOptions, ProgressFn
from ingest.sections import subtree_text
from ingest.textnorm import clean_chars, fold, has_tone_marks, squash

log = logging.getLogger(__name__)


_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,40}>")
# Bare words the library always marks that make a marked question one typed partly without marks.
SLIP_WORDS = 2
PROVINCE_LIST_NOTE = (
    "Câu hỏi chưa nêu tỉnh/thành phố: danh sách trên là của {}; hãy nêu tỉnh để có danh sách đúng địa phương."
)
OCR_NOTE = "Trích từ bản quét; đối chiếu văn bản gốc khi cần."
CITED_ONLY = (
    "Văn bản được hỏi chưa có trong hệ thống; đoạn trích trên là của văn bản khác có dẫn chiếu văn bản đó."
)


def _named_refs(intent: QueryIntent) -> Wanted | None:
    """The sentences citing a document the question names by number ("TT 01/2018", "QĐ 1883/QĐ-UBND")."""
    return citing([(p, intent.ref_years.get(p)) for _, p in intent.doc_refs])


# The verbs of a subject line that implements another document: "V/v triển khai thực hiện Quyết định số 1074/…",
# "Kế hoạch thực hiện Chỉ thị số 04/…", "Hướng dẫn thi hành Nghị định …".
_IMPLEMENTS = re.compile(r"\b(?:trien khai|thuc hien|thi hanh|huong dan)\b")


def implementers(intent: QueryIntent, docs: list[Document]) -> list[Document]:
    """Documents whose subject line implements the one the question names, when the question asks of a document
    implementing it ("CV triển khai QĐ 1074", "kế hoạch thực hiện Chỉ thị 04") and not of that one."""
    refs = _named_refs(intent)
    if refs is None or not _IMPLEMENTS.search(fold(intent.text).lower()):
        return []
    return [
        d
        for d in docs
        if d.meta.title and _IMPLEMENTS.search(fold(d.meta.title).lower()) and refs(d.meta.title)
    ]


def _from_ocr(view: View, doc_id: str, ordinal: int) -> bool:
    doc = view.snapshot.store.documents.get(doc_id)
    return doc is not None and doc.ocr is not None and ordinal in doc.ocr.sections


def quotes_scan(view: View, answer: Answer) -> bool:
    """The passage quoted (the first citation) was read by OCR; the others are only pointed to."""
    first = answer.citations[0] if answer.found and answer.citations else None
    return first is not None and _from_ocr(view, first.doc_id, first.section_ordinal)


class AnswerService:
    def __init__(
        self,
        live: LiveIndex,
        retriever: Retriever,
        embedder: Embedder,
        today: Callable[[], date] = date.today,
        llm: Any | None = None,
        max_question_chars: int = 1000,
        ocr: OcrOptions | None = None,
        gate: Gate | None = None,
        reorder: Reranker | None = None,
    ) -> None:
        """`gate`: whether the documents say it (bot/answer/gate.py; default: the one for multilingual-e5's cosines).
        `reorder`: the learned reordering of the first passages (bot/answer/rerank.py); None keeps retrieval's."""
        self.live = live
        self.retriever = retriever
        self.embedder = embedder
        self.today = today
        self.llm = llm
        self.max_question_chars = max_question_chars
        self.ocr = ocr or OcrOptions()
        self.passages = Passages(retriever, gate or load_gates()["dense"], reorder)
        self._write_lock = threading.Lock()

    # -- questions -----------------------------------------------------------------
    def _clean(self, question: str) -> str:
        text = squash(clean_chars(question or ""))
        if not text:
            raise InvalidQuestion("Bạn chưa nhập câu hỏi. Hãy gõ một câu hỏi về nhiệm vụ năm học.")
        if len(text) > self.max_question_chars:
            raise InvalidQuestion(f"Câu hỏi dài quá {self.max_question_chars} ký tự. Hãy hỏi ngắn gọn hơn.")
        if not any(ch.isalpha() for ch in text):
            raise InvalidQuestion("Câu hỏi cần có chữ. Ví dụ: “Chủ đề năm học của tỉnh là gì?”")
        return text

    def _view(self) -> View:
        if self.live.view is None:
            self.live.reload()
        assert self.live.view is not None
        return self.live.view

    def current_school_year(self) -> str:
        return current_school_year(self.today())

    def ask(
        self,
        question: str,
        province: str | None = None,
        school_year: str | None = None,
        within: Collection[str] | None = None,
        intent: QueryIntent | None = None,
    ) -> Answer:
        """`within`: only these documents (a follow-up about "văn bản đó"), unless the question's scope excludes them.
        `intent`: the question already parsed (bot/conversation), so it is not parsed twice."""
        asked = self._clean(question)
        if (reply := small_talk_reply(asked)) is not None:
            return Answer(question=question, found=False, answer=reply, small_talk=True)
        text, view, intent, scope = self._understood(question, province, school_year, intent)
        if len(intent.provinces) >= 2 and not (intent.doc_refs or intent.doc_numbers):
            # "Hà Tĩnh và Nghệ An tuyển bao nhiêu giáo viên?": each province's own text answers for it.
            return each_province(text, intent.provinces, lambda q, p: self.ask(q, p, school_year, within))
        # Calendar-shaped questions ("Tháng 1/2025 có mốc gì?") are answered from the dated items; others fall through.
        if (dated := calendar_answer(text, view.docs, scope, self.today())) is not None:
            return dated
        if within and not scope.refusal:
            narrowed = set(within) & (
                scope.doc_ids if scope.doc_ids is not None else {d.id for d in view.docs}
            )
            if narrowed:
                scope.doc_ids, scope.prefer_newest = narrowed, False
        answer = self._answer(text, view, intent, scope)
        cited = view.snapshot.store.documents.get(answer.citations[0].doc_id) if answer.citations else None
        note = None if scope.school_year else self._year_note(answer, scope, view, cited)
        if note and not any("mới nhất hiện có" in n for n in answer.notes):
            answer.notes = [*answer.notes, note]
        if answer.found and cited is not None and (whose := issuer_note(intent, cited.meta)):
            answer.notes = [*answer.notes, whose]
        if answer.found and cited is not None and (where := province_note(scope, cited.meta)):
            answer.notes = [*answer.notes, where]
        if (intent.abbreviations or text != asked) and not scope.refusal:
            # A short form read as its long form, or a slip mended, is said, so a wrong reading is seen at once.
            short = f" ({'; '.join(intent.abbreviations)})" if intent.abbreviations else ""
            answer.understood_as = f"{text}{short}"
        if quotes_scan(view, answer):
            answer.notes = [*answer.notes, OCR_NOTE]
        return answer

    def _understood(
        self,
        question: str,
        province: str | None,
        school_year: str | None,
        intent: QueryIntent | None = None,
    ) -> tuple[str, View, QueryIntent, Scope]:
        """The cleaned question, the index version it is answered from, what it asks, and its scope."""
        text = self._clean(question)
        view = self._view()
        if view.tones:
            # "kinnh phí", "kết quã": words no document writes, read as the library's word one slip away.
            text = mended(text, view.tones, marked=has_tone_marks(text))
        # Markup pasted from a web page ("<b>…</b>") is kept in the question shown, not read as words.
        plain = squash(_TAG.sub(" ", text)) or text
        # "Cho em hỏi …", "… em cảm ơn ạ", "bn", "Em là giáo viên mới. …": what is asked.
        plain = read_as_asked(plain)
        if intent is None or intent.text != plain:
            intent = understand(plain, self.today(), view.abbreviations, view.writes)
        else:
            intent = with_library(intent, view.abbreviations, view.writes)
        if intent.has_tone_marks and view.tones and len(view.tones.slips(intent.text)) >= SLIP_WORDS:
            # Typed partly without marks ("năm học này hoc sinh lop 9 thi vao 10 may mon"): matched as a question
            # typed without them, or its bare words would miss the marked ones they stand for.
            intent = replace(intent, has_tone_marks=False)
        scope = resolve_scope(
            intent, view.docs, self.current_school_year(), province, school_year, view.mentions
        )
        return text, view, intent, scope

    def _year_note(self, answer: Answer, scope: Scope, view: View, cited: Document | None) -> str | None:
        """Which school year the source is for, against the current one and the newest in scope."""
        current = self.current_school_year()
        docs = [d for d in view.docs if scope.doc_ids is None or d.id in scope.doc_ids]
        if answer.found and answer.citations:
            source = answer.citations[0]
            same_issuer = [
                d.meta.school_year
                for d in docs
                if d.meta.school_year and cited is not None and same_series(d.meta, cited.meta)
            ]
            newest = max(same_issuer, default=source.school_year)
            if source.school_year and newest and source.school_year < newest:
                return (
                    f"Nguồn là văn bản năm học {source.school_year}; văn bản mới hơn (năm học {newest}) "
                    "không đề cập nội dung này."
                )
            if source.school_year and source.school_year < current:
                return (
                    f"Văn bản mới nhất hiện có là năm học {source.school_year} (năm học hiện tại: {current})."
                )
            return None
        # Of the province asked, when it has documents: another province's newer text says nothing of its own.
        own = [d for d in docs if scope.province and d.meta.province == scope.province] or docs
        newest = max((d.meta.school_year for d in own if d.meta.school_year), default=None)
        if newest and newest < current:
            return f"Văn bản mới nhất hiện có là năm học {newest} (năm học hiện tại: {current})."
        return None

    def ranking(
        self, question: str, k: int = 10, province: str | None = None, school_year: str | None = None
    ) -> list[dict[str, str]]:
        """The retrieval ranking behind an answer: up to k distinct sections, best first (for benchmarks)."""
        _, view, intent, scope = self._understood(question, province, school_year)
        if scope.refusal:
            return []
        out: list[dict[str, str]] = []
        hits, *_ = self.passages.search(view, intent, scope, k=4 * k)
        for h in hits:
            item = {"doc_id": h.doc.id, "section": h.chunk.section_path}
            if item not in out:
                out.append(item)
        return out[:k]

    def examine(
        self, question: str, province: str | None = None, school_year: str | None = None
    ) -> tuple[QueryIntent, Scope, list[Hit]]:
        """What an answer is decided on: the question understood, its scope and the ranked passages
        (eval/fit_answer_models.py fits the gate and the reranker on these)."""
        _, view, intent, scope = self._understood(question, province, school_year)
        return intent, scope, ([] if scope.refusal else self.passages.rank(view, intent, scope)[0])

    def _named_document(self, text: str, view: View, intent: QueryIntent, scope: Scope, meta: bool) -> Answer:
        """ "CV 5973 nói gì?": the named document's subject and main parts; with `meta` ("Ai ký QĐ 16/2026?"):
        its header. The newest of several documents the question may name."""

        def in_scope(d: Document) -> bool:
            return scope.doc_ids is None or d.id in scope.doc_ids

        everywhere = [d for d in view.docs if names_document(intent, d)]
        named = [d for d in everywhere if in_scope(d)]
        implementing = [] if everywhere else implementers(intent, [d for d in view.docs if in_scope(d)])
        if implementing:
            # "Công văn triển khai QĐ 1074 ban hành ngày nào?": the library has not QĐ 1074 but the letter whose
            # subject line implements it ("V/v triển khai thực hiện Quyết định số 1074/QĐ-BXD …"): that is the
            # document asked about.
            named = implementing
        if not named:
            # Nothing else was asked: a search would only quote some other document.
            asked = ", ".join(
                [f"văn bản số {n}" for n in intent.doc_numbers]
                or [f"{t or 'văn bản'} số {n}" for t, n in intent.doc_refs]
            )
            elsewhere = [document_label(d.meta) for d in everywhere]
            reason = (
                f"{'; '.join(elsewhere[:3])} không thuộc phạm vi đang chọn (tỉnh/thành phố, năm học)."
                if elsewhere
                else f"Chưa có {asked} trong hệ thống."
            )
            return refusal(text, reason, [])
        named.sort(key=lambda d: (d.meta.issued_date or "", d.meta.school_year or ""), reverse=True)
        notes = list(scope.notes)
        if len(named) > 1:
            others = "; ".join(document_label(d.meta) for d in named[1:4])
            notes.append(
                f"Cũng mang số này: {others}. Hãy nêu tỉnh hoặc số hiệu đầy đủ để chọn văn bản khác."
            )
        if meta:
            return meta_answer(text, named[0], notes)
        return overview_answer(text, named[0], notes)

    def _answer(self, text: str, view: View, intent: QueryIntent, scope: Scope) -> Answer:
        if scope.refusal:
            return refusal(text, scope.refusal, scope.notes)
        if asks_catalogue(intent):
            return catalogue_answer(text, view.docs, intent, scope)
        named = bool(intent.doc_numbers or intent.doc_refs)
        if not named and scope.province and asks_overview(intent, named=False):
            # "Đồng Tháp năm học 2021-2022 có bao nhiêu nhiệm vụ?": a scope that holds one document names it.
            own = [
                d
                for d in view.docs
                if (scope.doc_ids is None or d.id in scope.doc_ids) and d.meta.province == scope.province
            ]
            own = [d for d in own if d.meta.doc_type in intent.doc_types] if intent.doc_types else own
            if len(own) == 1:  # "Chỉ thị của Đồng Tháp nói gì?": its one directive, beside a school's plan
                return overview_answer(text, own[0], list(scope.notes))
        meta = named and is_meta_question(text, named=True)
        if meta or asks_overview(intent):
            answer = self._named_document(text, view, intent, scope, meta)
            if answer.found or not meta or any(names_document(intent, d) for d in view.docs):
                return answer
            # Not in the library, yet another document may cite it with its date and issuer ("Căn cứ Thông tư
            # số 08/2022/TT-BGDĐT ngày 06/6/2022 của …"): that sentence answers, said to be another's.
            cited = self._searched(text, view, intent, scope, cited_only=True)
            refs = _named_refs(intent)
            if cited.found and refs is not None and refs(quoted(cited)):
                cited.notes = [*cited.notes, CITED_ONLY]
                return cited
            return answer
        return self._searched(text, view, intent, scope)

    def _searched(
        self, text: str, view: View, intent: QueryIntent, scope: Scope, cited_only: bool = False
    ) -> Answer:
        """The answer from the passages retrieval ranks. `cited_only`: the document asked about is not in the
        library, so the sentence citing it is quoted, not the header of the document found."""
        hits, verdict, sure = self.passages.search(view, intent, scope)
        refs = _named_refs(intent)
        if cited_only and refs is not None:
            # The question's one word is the number: the passages writing it, not the gate, say whether it is cited.
            hits = sorted(
                hits, key=lambda h: not refs(h.chunk.text)
            )  # stable: citing ones first, in rank order
            verdict = Verdict.ANSWER if hits and refs(hits[0].chunk.text) else Verdict.REFUSE
        if verdict is Verdict.REFUSE:
            return refusal(text, None, scope.notes, nearest=hits[0] if hits else None)
        hits = answering_first(hits, intent)
        notes = list(scope.notes)
        source_year = hits[0].doc.meta.school_year
        if scope.relative_year and source_year and source_year != scope.relative_year:
            notes.append(
                f"Chưa có văn bản năm học {scope.relative_year}; đoạn trên là phần nhìn lại năm học đó "
                f"trong văn bản năm học {source_year}."
                if scope.reviewed_year == scope.relative_year
                else f"Chưa có văn bản năm học {scope.relative_year} nói về nội dung này; "
                f"nguồn là văn bản năm học {source_year}, mới nhất hiện có."
            )
        others = other_provinces(hits, sure) if scope.province is None else []
        if others:
            notes.append(
                f"Câu hỏi chưa nêu tỉnh/thành phố: nguồn trên là văn bản của {hits[0].doc.meta.province}; "
                f"văn bản của {', '.join(others)} cũng nói về nội dung này. Hãy nêu tỉnh để có câu trả lời đúng địa phương."
            )
        if not cited_only and (is_meta_question(text) or signs_described(text, hits[0].doc)):
            return meta_answer(text, hits[0].doc, notes, hits[0].score)
        top = hits[0]
        named_place = intent.ordinal is not None and ordinals.resolve(intent.ordinal, top.doc).get(
            top.chunk.section_ordinal
        )
        # "Mục I.3 chỉ thị 04 gồm những ý nào?": the items of the part named, not the document's outline.
        if named_place and (placed := parts_of_place(text, top, notes)) is not None:
            return placed
        if intent.wants_list:
            marked = focus_terms(intent, marked=True) if intent.has_tone_marks else None
            listed = list_answer(text, hits, view, notes, focus_terms(intent), intent.expansions, marked)
            if listed:
                where = listed.citations[0].province if listed.citations else None
                named = intent.doc_refs or intent.doc_numbers  # the document named decides the province
                if scope.province is None and not others and not named and where and where != NATIONAL:
                    # "Năm học này có những nhiệm vụ trọng tâm gì?": each province lists its own.
                    listed.notes = [*listed.notes, PROVINCE_LIST_NOTE.format(where)]
                return listed
        whole = intent.ordinal is not None and intent.ordinal.whole
        own = names_document(intent, hits[0].doc)
        wanted = (
            (refs if cited_only else None)
            or wanted_statement(intent)
            or reviewing(scope.reviewed_year)
            or (None if own else refs)
        )
        focus = self.passages.terms(intent)
        if own:
            focus = beside_title(focus, hits[0].doc.meta.title or "", intent.has_tone_marks)
        answer = extractive_answer(text, hits, view, notes, focus, whole, wanted, intent.has_tone_marks)
        if verdict is Verdict.UNSURE:
            answer.notes = [*answer.notes, UNSURE_NOTE]
        if self.llm is not None:
            return self.llm.answer(text, answer)
        return answer

    # -- documents -----------------------------------------------------------------
    def list_documents(self) -> list[Document]:
        return list(self._view().docs)

    def get_document(self, doc_id: str) -> Document | None:
        return self._view().snapshot.store.documents.get(doc_id)

    def section_source(self, doc_id: str, ordinal: int) -> tuple[Document, Section, str] | None:
        doc = self.get_document(doc_id)
        if doc is None or not 0 <= ordinal < len(doc.sections):
            return None
        return doc, doc.sections[ordinal], subtree_text(doc.sections, ordinal)

    def provinces(self) -> list[str]:
        return sorted(
            {d.meta.province for d in self.list_documents() if d.meta.province not in (None, NATIONAL)}
        )

    def school_years(self) -> list[str]:
        return sorted({d.meta.school_year for d in self.list_documents() if d.meta.school_year}, reverse=True)

    def add_file(self, path: Path, progress: ProgressFn | None = None) -> AddOutcome:
        """Ingest one file; any failure (unreadable file, disk full) leaves the serving index as it was.

        `progress(done, total)` is called after each page read by OCR (from this thread)."""
        with self._write_lock:
            try:
                outcome = ingest_paths(
                    self.live.root,
                    [path],
                    self.embedder,
                    progress=False,
                    ocr=replace(self.ocr, progress=progress),
                )
            except OSError as exc:
                log.error("index build failed: %s", exc)
                return AddOutcome(
                    errors=[f"Không ghi được chỉ mục mới ({exc.strerror or exc}); chỉ mục cũ vẫn hoạt động."]
                )
            if outcome.build is not None:
                view = self.live.reload()
                if self.live.error or view.snapshot.path != outcome.build.version:
                    return AddOutcome(
                        errors=[f"Chỉ mục mới không dùng được ({self.live.error}); chỉ mục cũ vẫn hoạt động."]
                    )
        return AddOutcome(
            documents=outcome.added if outcome.build else [], errors=[e for _, e in outcome.errors]
        )

    def remove_document(self, doc_id: str) -> bool:
        with self._write_lock:
            result = remove_documents(self.live.root, [doc_id], self.embedder)
            if result is not None:
                self.live.reload()
        return result is not None

    def health(self) -> dict[str, Any]:
        try:
            view = self._view()
        except IndexUnavailable as exc:
            return {"index_loaded": False, "error": str(exc)}
        m = view.snapshot.manifest
        return {
            "index_loaded": True,
            "documents": m["counts"]["documents"],
            "chunks": m["counts"]["chunks"],
            "embedder": m["embedder"]["name"],
            "index_built_at": m["built_at"],
            "version": view.snapshot.path.name,
            "current_school_year": self.current_school_year(),
        }
