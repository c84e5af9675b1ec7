"""Which of the first passages answers, where the question's form says it better than their order.

Retrieval and the learnt reordering rank passages by their words and cosines. Some questions name the passage by
the way documents are written: when a text takes effect, what it replaces and whom it applies to (each text states
them in a formula or a part of its own), and what a body is tasked with (each body has an item of its own that
opens with its name). All look only among the first passages of the first passage's document: which document
answers stays retrieval's choice.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.answer.figures import (
    asks_addressees,
    asks_effect,
    asks_replaced,
    names_addressees,
    replaces,
    takes_effect,
)
from bot.answer.rerank import RERANK_DEPTH
from bot.ranking.retrieval import Hit
from bot.understanding.query import QueryIntent
from bot.understanding.tasked import asks_only_tasks, opens_with, tasked_body


def answering_first(hits: list[Hit], intent: QueryIntent) -> list[Hit]:
    """`hits` with the passage the question's form names first, if one of the first ones is it."""
    if asks_effect(intent):
        hits = formula_first(hits, takes_effect)
    elif asks_replaced(intent):
        hits = formula_first(hits, replaces)
    elif asks_addressees(intent):
        hits = formula_first(hits, names_addressees)
    return tasked_first(hits, intent)


def _first_of_document(hits: list[Hit], holds: Callable[[Hit], bool]) -> list[Hit]:
    """`hits` with the first of the first RERANK_DEPTH that is of the first passage's document and `holds` moved
    to the front; as they are when the first passage holds already, or none does."""
    if not hits or holds(hits[0]):
        return hits
    for i, h in enumerate(hits[1:RERANK_DEPTH], 1):
        if h.doc.id == hits[0].doc.id and holds(h):
            return [h, *hits[:i], *hits[i + 1 :]]
    return hits


def formula_first(hits: list[Hit], states: Callable[[str], bool]) -> list[Hit]:
    """Asked when a text takes effect, what it replaces or whom it applies to: each text says it in one formula
    or part ("Thông tư này có hiệu lực thi hành kể từ ngày …", "… thay thế Quyết định số …"), so the passage of
    the first passage's document that `states` it answers, wherever among the first ones it ranks."""
    return _first_of_document(hits, lambda h: states(h.chunk.text))


def tasked_first(hits: list[Hit], intent: QueryIntent) -> list[Hit]:
    """Asked only what a body is tasked with ("Sở GDĐT có trách nhiệm gì?"): the item of the first passage's
    document that opens with the body's name answers (bot/understanding/tasked.py). A question on a topic beside
    the body ("… trách nhiệm gì về chuyển đổi số?") is left to retrieval."""
    body = tasked_body(intent.folded)
    if body is None:
        return hits
    naming = [*intent.provinces, *(t for t, _ in intent.doc_refs if t), *intent.doc_types]
    if not asks_only_tasks(intent.folded, body, naming):
        return hits
    return _first_of_document(hits, lambda h: opens_with(body, h.doc.sections[h.chunk.section_ordinal].text))
