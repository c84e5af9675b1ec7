"""ConversationService: the AnswerService with memory.  Every channel calls `ask_in` with its conversation.

It reads the conversation's last turn, decides whether the message continues it (followup.py, optionally
an LLM condensation checked against the rules), asks the AnswerService the standalone question, shows
what was understood ("Hiểu là: …") and records the turn.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from bot.answer import citations
from bot.answer.api import AddOutcome, AnswerServiceAPI
from bot.answer.models import Answer, Citation, document_label, where_label
from bot.conversation.followup import Resolution, clean_end, resolve, topic_words
from bot.conversation.state import ConversationStore, Turn, new_conversation_id
from bot.understanding.query import understand
from bot.understanding.smalltalk import read_as_asked, small_talk_reply
from ingest.models import Document, Section
from ingest.provinces import NATIONAL
from ingest.textnorm import clean_chars, fold, squash

log = logging.getLogger(__name__)
UNDERSTOOD = "Hiểu là: "
DETAIL_CHARS = 1500  # "cụ thể hơn": the cited section in full, up to this many characters


class Condenser(Protocol):
    def condense(self, previous: Turn, message: str, rules: Resolution) -> str | None:
        """A standalone rewrite of `message`, or None; the caller checks it keeps the user's words."""
        ...


def doc_label(c: Citation) -> str:
    """How a follow-up names the cited document: "Chỉ thị 04/CT-UBND", else its full label."""
    return f"{c.doc_type} {c.doc_number}" if c.doc_number else document_label(c.meta)


class ConversationService:
    def __init__(
        self,
        answers: AnswerServiceAPI,
        store: ConversationStore,
        condenser: Condenser | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.answers = answers
        self.store = store
        self.condenser = condenser
        self.today = today
        self.max_question_chars = answers.max_question_chars

    # -- conversations -----------------------------------------------------------------------------
    def new_id(self) -> str:
        return new_conversation_id()

    def alive(self, channel: str, conversation_id: str) -> bool:
        return self.store.alive(channel, conversation_id)

    def reset(self, channel: str, conversation_id: str) -> None:
        self.store.clear(channel, conversation_id)

    def _years_of(self, province: str) -> set[str]:
        return {
            d.meta.school_year
            for d in self.answers.list_documents()
            if d.meta.school_year and d.meta.province in (province, None)
        }

    def understand(self, channel: str, conversation_id: str, question: str) -> tuple[Resolution, Turn | None]:
        turns = self.store.load(channel, conversation_id)
        previous = turns[-1] if turns else None
        # "Ad ơi, thế còn Lai Châu?": the follow-up is what is asked, without the courtesy around it.
        text = read_as_asked(squash(clean_chars(question or "")))
        rules = resolve(text, previous, self.today(), self._years_of)
        if previous is not None and rules.kind == "self":
            rules = self._about_the_last_passage(rules, previous) or rules
        if previous is None or rules.kind != "followup" or self.condenser is None:
            return rules, previous
        try:
            rewrite = self.condenser.condense(previous, text, rules)
        except Exception:  # the LLM is optional: any failure leaves the rules' reading
            log.warning("condensation failed; rules decide", exc_info=True)
            rewrite = None
        if rewrite:
            from bot.conversation.condense import keeps_new_words

            if keeps_new_words(rewrite, text, rules.new_words):
                rewritten = replace(
                    rules, standalone=rewrite, rewritten=rewrite != text, detail=False, intent=None
                )
                return rewritten, previous
            log.info("condensation dropped the user's words; rules decide")
        return rules, previous

    def ask_in(
        self,
        channel: str,
        conversation_id: str,
        question: str,
        province: str | None = None,
        school_year: str | None = None,
    ) -> Answer:
        """Blocking, like AnswerService.ask; raises InvalidQuestion for empty or overlong questions."""
        text = squash(clean_chars(question or ""))
        if not text or len(text) > self.max_question_chars or not any(ch.isalpha() for ch in text):
            return self.answers.ask(
                question, province, school_year
            )  # raises InvalidQuestion with its message
        # "Cảm ơn bot": not a follow-up of the last question, and no turn is kept.
        if small_talk_reply(text) is not None:
            reply = self.answers.ask(text, province, school_year)
            reply.conversation_id = conversation_id
            return reply
        rules, previous = self.understand(channel, conversation_id, text)
        answer = None
        if rules.detail and previous is not None:
            answer = self._detail(previous, rules.standalone)
        if answer is None:
            if rules.intent is None:  # parsed once here, reused by the AnswerService and for the turn record
                rules.intent = understand(rules.standalone, self.today())
            answer = self.answers.ask(
                rules.standalone, province, school_year, within=rules.doc_ids or None, intent=rules.intent
            )
        answer.question = text
        if rules.kind == "followup" and rules.rewritten:
            answer.understood_as = answer.understood_as or rules.standalone
        if answer.understood_as:  # a rewritten follow-up, or short forms read as their long forms
            answer.answer = f"{UNDERSTOOD}{answer.understood_as}\n{answer.answer}"
        answer.conversation_id = conversation_id
        self.store.append(channel, conversation_id, self._turn(text, rules, answer))
        return answer

    def _about_the_last_passage(self, rules: Resolution, previous: Turn) -> Resolution | None:
        """ "thời lượng bao nhiêu tiết?" right after a passage on AI lessons that states "thời lượng 35 tiết/năm
        học": a question naming nothing of its own (no province, year or document) whose every word the last
        cited passage writes asks about that passage's topic, in that document. None otherwise."""
        intent = rules.intent
        words = rules.topic.split()
        if (
            intent is None
            or not words
            or not previous.found
            or previous.cited_doc_id is None
            or previous.cited_ordinal is None
            or intent.provinces
            or intent.doc_refs
            or intent.doc_numbers
            or intent.year_source == "explicit"
        ):
            return None
        found = self.answers.section_source(previous.cited_doc_id, previous.cited_ordinal)
        if found is None:
            return None
        written = set(re.findall(r"\w+", fold(found[2]).lower()))
        if not all(fold(w).lower() in written for w in words):
            return None
        topic = previous.topic or " ".join(
            topic_words(previous.standalone, understand(previous.standalone, self.today()))
        )
        if not topic:
            return None
        asked = clean_end(rules.standalone)
        return replace(
            rules,
            kind="followup",
            standalone=f"{asked[:1].upper()}{asked[1:]} ({topic})?",
            rewritten=True,
            doc_ids=[previous.cited_doc_id],
            intent=None,
        )

    def _turn(self, text: str, rules: Resolution, answer: Answer) -> Turn:
        intent = rules.intent or understand(rules.standalone, self.today())
        turn = Turn(
            question=text,
            standalone=rules.standalone,
            province=intent.provinces[0] if intent.provinces else None,
            school_year=intent.school_year,
            levels=intent.levels,
            doc_numbers=intent.doc_numbers,
            doc_ids=rules.doc_ids,
            found=answer.found,
            topic=rules.topic,
        )
        if answer.citations:
            c = answer.citations[0]
            turn.cited_doc_id, turn.cited_doc_label, turn.issuer = c.doc_id, doc_label(c), c.issuer
            turn.cited_section, turn.cited_ordinal = c.section or c.section_title, c.section_ordinal
            if turn.province is None and answer.found and c.province not in (None, NATIONAL):
                # A question naming no province was answered from one: "thế còn trẻ 5 tuổi?" next asks of it.
                turn.province = c.province
        return turn

    def _detail(self, previous: Turn, standalone: str) -> Answer | None:
        """The last cited section in full: what "cụ thể hơn", "mục đó nói gì thêm" ask for."""
        if previous.cited_doc_id is None or previous.cited_ordinal is None:
            return None
        found = self.answers.section_source(previous.cited_doc_id, previous.cited_ordinal)
        if found is None:
            return None
        doc, section, full = found
        body = full if len(full) <= DETAIL_CHARS else full[:DETAIL_CHARS].rsplit(" ", 1)[0] + " …"
        c = citations.citation(doc, section, body, 1.0)
        where = where_label(c.section, c.section_title)
        asked = f"{where[:1].upper()}{where[1:]} của {doc_label(c)} nói cụ thể những gì?"
        text = f"“{body}”\n\n{citations.source_line(c)}"
        return Answer(question=standalone, found=True, answer=text, citations=[c], understood_as=asked)

    # -- the rest of AnswerServiceAPI, unchanged -----------------------------------------------------
    def ask(
        self,
        question: str,
        province: str | None = None,
        school_year: str | None = None,
        within: Any | None = None,
        intent: Any | None = None,
    ) -> Answer:
        """One question on its own (no conversation), exactly as the AnswerService answers it."""
        return self.answers.ask(question, province, school_year, within=within, intent=intent)

    def list_documents(self) -> list[Document]:
        return self.answers.list_documents()

    def get_document(self, doc_id: str) -> Document | None:
        return self.answers.get_document(doc_id)

    def section_source(self, doc_id: str, ordinal: int) -> tuple[Document, Section, str] | None:
        return self.answers.section_source(doc_id, ordinal)

    def add_file(self, path: Path) -> AddOutcome:
        return self.answers.add_file(path)

    def remove_document(self, doc_id: str) -> bool:
        return self.answers.remove_document(doc_id)

    def provinces(self) -> list[str]:
        return self.answers.provinces()

    def school_years(self) -> list[str]:
        return self.answers.school_years()

    def current_school_year(self) -> str:
        return self.answers.current_school_year()

    def health(self) -> dict[str, Any]:
        return self.answers.health()
