"""The passages a question is answered from: retrieval, the learned reordering of the first ones, and the
gate's verdict on the best (whether the documents say it)."""

from __future__ import annotations

from bot.answer.focus import focus_compounds, focus_terms, spelled_out
from bot.answer.gate import GATE_WITHIN, Gate, Verdict, signals
from bot.answer.rerank import Reranker
from bot.answer.rerank import features as rerank_features
from bot.answer.scope import Scope
from bot.ranking.retrieval import Hit, Retriever, View
from bot.understanding import ordinals
from bot.understanding.query import QueryIntent
from bot.understanding.shorthand import sentence_case


class Passages:
    def __init__(self, retriever: Retriever, gate: Gate, reorder: Reranker | None = None) -> None:
        """`gate`: whether the documents say it (bot/answer/gate.py). `reorder`: the learned reordering of the first
        passages (bot/answer/rerank.py); None keeps retrieval's."""
        self.retriever = retriever
        self.gate = gate
        self.reorder = reorder

    def _targets(self, view: View, intent: QueryIntent, scope: Scope) -> dict[tuple[str, int], float]:
        """Sections the question names by place ("mục II.3", "nhiệm vụ thứ nhất"), in every document in scope."""
        if intent.ordinal is None:
            return {}
        docs = [d for d in view.docs if scope.doc_ids is None or d.id in scope.doc_ids]
        return {(d.id, o): sure for d in docs for o, sure in ordinals.resolve(intent.ordinal, d).items()}

    @staticmethod
    def _dense_query(view: View, query: str, toneless: bool) -> str | None:
        """What e5 reads, if not the question as typed: its tone marks put back, and a question typed in capitals
        in sentence case (e5 is cased: "HỌC PHÍ NĂM NAY" reads like a heading, not a question)."""
        text = sentence_case(query)
        if toneless and view.tones:
            return view.tones.restore(text)
        return text if text != query else None

    def rank(
        self, view: View, intent: QueryIntent, scope: Scope, k: int = 8
    ) -> tuple[list[Hit], dict[tuple[str, int], float]]:
        """The ranked passages and the sections the question names by place."""
        # multilingual-e5 reads Vietnamese without tone marks poorly (cosines drop by ~0.07): such a question is
        # embedded with its tone marks put back from the library's words (bot/understanding/tones.py), and its
        # words are matched without them. Questions typed with tone marks are matched with them ("lương" is not
        # "lượng").
        toneless = not intent.has_tone_marks
        targets = self._targets(view, intent, scope)
        query = intent.text
        if scope.reviewed_year and intent.year_source == "relative":
            # "Năm học trước …" reviewed by a later directive: its passages name the year, not "năm học trước".
            query = f"{query} (năm học {scope.reviewed_year})"
        own = own_documents(view, scope)
        terms = self.terms(intent)
        plain = focus_terms(intent, expanded=False, marked=not toneless)
        hits = self.retriever.search(
            view,
            query,
            intent.expansions,
            scope.doc_ids,
            scope.prefer_newest,
            k=k,
            focus=terms,
            plain_focus=plain,
            spelled_focus=spelled_out(intent, not toneless, plain),
            marked=not toneless,
            weights=scope.weights,
            targets=targets,
            compounds=focus_compounds(intent, view.writes),
            mention=scope.reviewed_year,
            dense_query=self._dense_query(view, query, toneless),
            newest_among=own,
        )
        # A year only later directives review is found by the passages naming it (retrieval's mention bonus), which
        # the reordering, fitted on questions about a document's own year, does not see.
        if self.reorder is not None and len(hits) > 1 and not hits[0].targeted and not scope.reviewed_year:
            hits = self.reorder.reorder(
                hits,
                rerank_features(intent, hits, len(terms), scope.prefer_newest, own),
            )
        return hits, targets

    def search(
        self, view: View, intent: QueryIntent, scope: Scope, k: int = 8
    ) -> tuple[list[Hit], Verdict, list[bool]]:
        """Hits (the answering one first), whether the best one answers, and whether the gate surely answers from
        each of the first GATE_WITHIN (for naming other provinces whose passages answer as well)."""
        hits, targets = self.rank(view, intent, scope, k)
        if not hits:
            return hits, Verdict.REFUSE, []
        probs = [self.gate.probability(sig) for sig in self.signals(intent, hits, scope)]
        # A part named by its place ("nhiệm vụ thứ nhất của Chỉ thị 04") that the best hit surely is, is the
        # answer even when the question has no other words to match (they are in the parent's heading);
        # a looser reading needs what the gate would accept with a note.
        if hits[0].targeted:
            sure = hits[0].targeted >= 1.0 or len({doc for doc, _ in targets}) == 1
            ok = sure or self.gate.verdict(probs[0]) is not Verdict.REFUSE
            return hits, Verdict.ANSWER if ok else Verdict.REFUSE, self._sure(probs)
        this_year = self._this_years(hits, probs, scope)
        if this_year:
            hits = [hits[this_year], *hits[:this_year], *hits[this_year + 1 :]]
            probs = [probs[this_year], *probs[:this_year], *probs[this_year + 1 :]]
        # Otherwise the best-ranked passage answers or nothing does: preferring a lower one the gate accepts lost
        # right answers and answered out-of-scope questions on the training half (docs/evaluation.md).
        return hits, self.gate.verdict(probs[0]), self._sure(probs)

    def _this_years(self, hits: list[Hit], probs: list[float], scope: Scope) -> int | None:
        """ "Năm nay …": the first of the first passages that is of the year meant and that the gate accepts, when
        an older one ranks first. That year's document says it, so it answers, not last year's (and the answer
        may not claim that no document of the year says it). Only a passage standing as well as the first in
        every other respect (province, issuer: the scope's weights) qualifies."""
        year = scope.relative_year
        if not year or hits[0].doc.meta.school_year == year:
            return None
        standing = scope.weights.get(hits[0].doc.id, 1.0)
        for i, (h, p) in enumerate(zip(hits[1:], probs[1:], strict=False), 1):
            if (
                h.doc.meta.school_year == year
                and scope.weights.get(h.doc.id, 1.0) >= standing
                and self.gate.verdict(p) is not Verdict.REFUSE
            ):
                return i
        return None

    def terms(self, intent: QueryIntent) -> list[str]:
        """The question's content words, less what only selects the document."""
        return focus_terms(intent, marked=intent.has_tone_marks)

    def signals(self, intent: QueryIntent, hits: list[Hit], scope: Scope) -> list[dict[str, float]]:
        """The gate's inputs for the first passages."""
        terms = len(self.terms(intent))
        return [signals(intent, h, hits, terms, scope.weights) for h in hits[:GATE_WITHIN]]

    def _sure(self, probs: list[float]) -> list[bool]:
        return [p >= self.gate.answer_at for p in probs]


def own_documents(view: View, scope: Scope) -> set[str] | None:
    """The documents of the province the question names: that province's series of directives, whose newest is
    not made old by a national text of a later year."""
    return {d.id for d in view.docs if d.meta.province == scope.province} if scope.province else None
