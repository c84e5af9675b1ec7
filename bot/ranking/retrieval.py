"""Hybrid retrieval over one index snapshot: scope filter, BM25 + FAISS, fusion, year preference.

The live snapshot is swapped by reference (see LiveIndex); a search reads
`live.view` once, so every search runs against exactly one index version.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from bot.ranking.fusion import rrf, weighted
from bot.ranking.rare import Compound, Postings, pair_coverage, rare_rows
from bot.ranking.terms import STOP, TermIndex, content_terms
from bot.understanding.abbreviations import Abbr, library_abbrs
from bot.understanding.schoolyear import year_mentions
from bot.understanding.tones import ToneModel
from index.embedders import Embedder
from index.snapshot import IndexUnavailable, Snapshot, load_best
from index.tokens import tokenize
from ingest.abbreviations import library_table
from ingest.legal import is_article_path
from ingest.models import Chunk, Document
from ingest.textnorm import fold

Mode = Literal["hybrid", "bm25", "dense"]
CANDIDATES = 50
YEAR_PENALTY = 0.12  # per school year older than the newest in scope, when the question names no year
TITLE_BONUS = 0.4  # a section whose heading carries the question's words is the section being asked about
RARE_BONUS = 0.5  # a passage holding a compound of the question that (almost) no other passage writes
MENTION_BONUS = 0.3  # a passage naming the school year asked, when only later directives review that year
TARGET_BONUS = 1.0  # a section the question names by its place ("mục II.3", "nhiệm vụ thứ nhất")


@dataclass
class View:
    """A snapshot plus what retrieval derives from it once per load."""

    snapshot: Snapshot
    docs: list[Document]
    row_doc: np.ndarray  # doc index per chunk row
    folded: TermIndex  # words without tone marks, for questions typed without them
    marked: TermIndex  # words with tone marks ("lương" ≠ "lượng"), for questions typed with them
    mentions: dict[str, frozenset[str]]  # years and year spans each document writes, for scoping by year
    section_rows: dict[tuple[str, int], list[int]]  # (doc id, section ordinal) → its chunk rows
    postings: Postings  # rows per syllable bigram, for rare compounds
    abbreviations: tuple[Abbr, ...] = ()  # short forms the documents define ("(TTHTCĐ)"), for questions
    ocr_rows: frozenset[int] = frozenset()  # rows whose text OCR read: their tone marks are not to be trusted
    tones: ToneModel | None = None  # the library's words, for tone marks put back on a question

    @classmethod
    def of(cls, snapshot: Snapshot) -> View:
        docs = list(snapshot.store.documents.values())
        index = {d.id: i for i, d in enumerate(docs)}
        chunks = snapshot.store.chunks
        row_doc = np.array([index[c.doc_id] for c in chunks], dtype=np.int32)
        texts = [c.search_text for c in chunks]
        sections = [(c.doc_id, c.section_ordinal) for c in chunks]
        titles = [c.section_title for c in chunks]
        section_rows: dict[tuple[str, int], list[int]] = {}
        for row, key in enumerate(sections):
            section_rows.setdefault(key, []).append(row)
        return cls(
            snapshot=snapshot,
            docs=docs,
            row_doc=row_doc,
            folded=TermIndex.build(texts, sections, titles, marked=False),
            marked=TermIndex.build(texts, sections, titles, marked=True),
            mentions={d.id: year_mentions(s.text for s in d.sections) for d in docs},
            section_rows=section_rows,
            postings=Postings(snapshot.bm25),
            abbreviations=library_abbrs(library_table(s.text for d in docs for s in d.sections)),
            tones=ToneModel.build(c.text for c in chunks),
            ocr_rows=frozenset(
                row
                for row, (doc_id, ordinal) in enumerate(sections)
                if (ocr := docs[index[doc_id]].ocr) is not None and ordinal in ocr.sections
            ),
        )

    def terms(self, marked: bool) -> TermIndex:
        return self.marked if marked else self.folded

    def chunk(self, row: int) -> Chunk:
        return self.snapshot.store.chunks[row]

    def doc_of(self, row: int) -> Document:
        return self.docs[int(self.row_doc[row])]

    def section_of(self, row: int) -> tuple[str, int]:
        c = self.chunk(row)
        return c.doc_id, c.section_ordinal

    def writes(self, phrase: str) -> bool:
        """Whether the library writes the phrase: a formal wording searched beside an everyday one must be its own."""
        return self.postings.writes(phrase)

    def folded_text(self, row: int) -> str:
        return fold(self.chunk(row).search_text)

    def mask(self, doc_ids: set[str] | None) -> np.ndarray | None:
        if doc_ids is None:
            return None
        allowed = np.array([d.id in doc_ids for d in self.docs], dtype=bool)
        return allowed[self.row_doc] if len(self.row_doc) else np.zeros(0, dtype=bool)


class LiveIndex:
    """Holds the live snapshot; reload() verifies a new version and swaps it in without a restart."""

    def __init__(self, root: Path, embedder_name: str, loader: Callable[..., Snapshot] = load_best) -> None:
        self.root = root
        self.embedder_name = embedder_name
        self._loader = loader
        self._lock = threading.Lock()
        self.view: View | None = None
        self.error: str | None = None

    def reload(self) -> View:
        """Load the newest good version; if none loads, the version already serving keeps serving."""
        with self._lock:
            try:
                view = View.of(self._loader(self.root, self.embedder_name))
            except IndexUnavailable as exc:
                self.error = str(exc)
                if self.view is None:
                    raise
                return self.view
            self.view = view  # one reference swap: searches in flight keep the version they started with
            self.error = None
            return view


@dataclass
class Hit:
    row: int
    chunk: Chunk
    doc: Document
    score: float
    bm25: float
    dense: float
    coverage: float
    targeted: float = (
        0.0  # in a section the question names by its place: how surely (bot.understanding.ordinals.resolve)
    )
    title: float = 0.0  # share of the question's weight in the section's heading
    rare: float = 0.0  # how surely the passage writes a compound of the question that few others do
    chunk_coverage: float = 0.0  # coverage by the chunk alone (coverage counts the whole section)
    unseen: float = 0.0  # share of the question's weight in words no passage of the library writes
    pairs: float = 0.0  # share of the question's syllable pairs the chunk writes (rare.pair_coverage)


class Retriever:
    def __init__(
        self,
        embedder: Embedder,
        mode: Mode = "hybrid",
        fusion: str = "weighted",
        dense_weight: float = 0.5,
        reranker: Any | None = None,
        title_bonus: float = TITLE_BONUS,
    ) -> None:
        self.title_bonus = title_bonus
        self.embedder = embedder
        self.mode = mode
        self.fusion = fusion
        self.dense_weight = dense_weight
        self.reranker = reranker

    def search(
        self,
        view: View,
        query: str,
        extra_terms: list[str],
        doc_ids: set[str] | None,
        prefer_newest: bool,
        k: int = 8,
        focus: list[str] | None = None,
        plain_focus: list[str] | None = None,
        spelled_focus: list[str] | None = None,
        marked: bool = False,
        weights: dict[str, float] | None = None,
        targets: dict[tuple[str, int], float] | None = None,
        compounds: list[Compound] | None = None,
        mention: str | None = None,
        dense_query: str | None = None,
        newest_among: Collection[str] | None = None,
    ) -> list[Hit]:
        """`focus`: the question's content words minus what only picks the document (province, number, year).
        `plain_focus`: the same words without expansions; coverage takes the better of the two, since an
        expansion is an alternative wording and must never make a passage look less relevant.
        `spelled_focus`: the question's words with its short forms read as their long forms ("GV" → "giáo viên"),
        for the same reason.
        `marked`: the focus words keep tone marks (the question was typed with them).
        `weights`: doc id → factor on its scores (bot.answer.scope: doubtful fields, issuers).
        `targets`: (doc id, section ordinal) → how surely the question names it by place; they join the candidates.
        `compounds`: the question's syllable bigrams/trigrams; passages holding a rare one are lifted.
        `mention`: a school year ("2021-2022") whose passages are lifted.
        `dense_query`: what is embedded, if not `query` (a question typed without tone marks, with them put back).
        `newest_among`: the documents whose newest school year the others are older than, when newer is preferred
        (those of the province the question names: a national text of this year does not make the province's own
        newest directive old)."""
        allowed = view.mask(doc_ids)
        if allowed is not None and not allowed.any():
            return []
        bm25: dict[int, float] = {}
        dense: dict[int, float] = {}
        if self.mode != "dense":
            scores = view.snapshot.lexical_scores(tokenize(" ".join([query, *extra_terms])), allowed)
            best_rows = np.argsort(-scores)[:CANDIDATES]
            bm25 = {int(r): float(scores[r]) for r in best_rows if scores[r] > 0}
        qvec = self.embedder.embed_query(dense_query or query) if self.mode != "bm25" else None
        if qvec is not None:
            dense = dict(view.snapshot.dense_scores(qvec, CANDIDATES, allowed))
        if self.mode != "hybrid":
            fused = weighted(bm25, dense, 1.0 if self.mode == "dense" else 0.0)
        elif self.fusion == "rrf":
            fused = rrf([bm25, dense])
        else:
            fused = weighted(bm25, dense, self.dense_weight)
        terms = focus if focus is not None else content_terms(" ".join([query, *extra_terms]), marked)
        words = view.terms(marked)
        peak = max(fused.values(), default=1.0) or 1.0
        rare = (
            rare_rows(compounds, view.postings, view.section_of, view.folded_text, len(view.row_doc))
            if compounds
            else {}
        )
        targeted = {r: sure for key, sure in (targets or {}).items() for r in view.section_rows.get(key, ())}
        for r in [*rare, *targeted]:  # named or rare passages compete even if neither search ranked them
            if allowed is None or allowed[r]:
                fused.setdefault(r, 0.0)
        if self.title_bonus and fused:
            # Not for law articles: "Điều N. Title" is already in the article's own passage and context,
            # and a bonus would count it twice (measured on ALQAC: hit@1 0.877 with it, 0.892 without).
            fused = {
                r: v
                + (0.0 if is_article_path(view.chunk(r).section_path) else self.title_bonus)
                * peak
                * words.coverage(terms, r, "title")
                for r, v in fused.items()
            }
        for r in fused:
            fused[r] += RARE_BONUS * peak * rare.get(r, 0.0)
            fused[r] += TARGET_BONUS * peak * targeted.get(r, 0.0)
            if mention and mention in year_mentions([view.chunk(r).text]):
                fused[r] += MENTION_BONUS * peak
        if prefer_newest and fused:
            fused = _prefer_newest(view, fused, newest_among)
        if weights:
            fused = {r: v * weights.get(view.doc_of(r).id, 1.0) for r, v in fused.items()}
        ranked = sorted(fused.items(), key=lambda kv: -kv[1])[: max(k, 20)]
        unseen = words.unseen(terms)
        pairs = pair_coverage(compounds or [], view.postings, len(view.row_doc), [r for r, _ in ranked])
        # OCR misreads tone marks ("Đảo tạo", "phỏ thông", "thuê" for "thuế"): a scan's passage is matched on its
        # words without them, as well as with.
        folded = [t for t in dict.fromkeys(fold(t) for t in terms) if t not in STOP] if marked else []

        def cover(r: int, where: str = "section") -> float:
            c = words.coverage(terms, r, where)
            return max(c, view.folded.coverage(folded, r, where)) if folded and r in view.ocr_rows else c

        hits = [
            Hit(
                row=r,
                chunk=view.chunk(r),
                doc=view.doc_of(r),
                score=s,
                bm25=bm25.get(r, 0.0),
                dense=dense[r] if r in dense else _cosine(view, qvec, r),
                coverage=max(
                    [cover(r), *(words.coverage(alt, r) for alt in (plain_focus, spelled_focus) if alt)]
                ),
                targeted=targeted.get(r, 0.0),
                title=cover(r, "title"),
                rare=rare.get(r, 0.0),
                chunk_coverage=cover(r, "chunk"),
                unseen=unseen,
                pairs=pairs[r],
            )
            for r, s in ranked
        ]
        if self.reranker is not None and hits:
            hits = self._rerank(query, hits)
        return hits[:k]

    def _rerank(self, query: str, hits: list[Hit]) -> list[Hit]:
        assert self.reranker is not None
        scores = self.reranker.predict([(query, h.chunk.text) for h in hits])
        order = np.argsort(-np.asarray(scores), kind="stable")  # ties keep the fused order
        return [hits[int(i)] for i in order]


def _cosine(view: View, qvec: np.ndarray | None, row: int) -> float:
    if qvec is None:
        return 0.0
    return float(np.dot(view.snapshot.dense.reconstruct(row), qvec))


def _prefer_newest(
    view: View, fused: dict[int, float], among: Collection[str] | None = None
) -> dict[int, float]:
    years = {r: view.doc_of(r).meta.school_year or "" for r in fused}
    own = [y for r, y in years.items() if y and among is not None and view.doc_of(r).id in among]
    newest = max(own or [y for y in years.values() if y], default="")
    if not newest:
        return fused
    top = int(newest[:4])
    out = {}
    for r, s in fused.items():
        y = years[r]
        age = max(0, top - int(y[:4])) if y else 3
        out[r] = s * (1 - YEAR_PENALTY * min(age, 3))
    return out
