"""Score answers on eval/realscans/questions.jsonl, strictly (as `nhiemvu eval`) and OCR-tolerantly.

    python -m bot.cli ask --batch eval/realscans/questions.jsonl --json --today 2026-12-03 \
        --index IDX > /tmp/realscans.answers.jsonl
    python -m bot.cli documents --index IDX --json > /tmp/realscans.docs.json
    python eval/realscans/score.py /tmp/realscans.answers.jsonl /tmp/realscans.docs.json

Evidence phrases are what the page image says; the OCR text may misread them. A citation is a hit when
  strict:  the evidence (NFC, lower case, white space folded) is in the cited passage (`nhiemvu eval`'s rule);
  ocr:     the passage comes from the question's document and holds the evidence at a similarity ≥ 0.8
           (difflib ratio of the evidence against the best window of the passage of the same length);
  doc:     the passage comes from the question's document (whatever part of it).
`answered` = the bot gave an answer (did not refuse); `answer_ok` = every answer_contains is in the answer.
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bot.evaluate import norm  # noqa: E402

QUESTIONS = Path(__file__).with_name("questions.jsonl")
THRESHOLD = 0.8


def similar(evidence: str, text: str) -> float:
    """Best difflib ratio of the evidence against a window of the text of its length (step 1 word)."""
    if evidence in text:
        return 1.0
    words, n = text.split(), len(evidence.split())
    best = 0.0
    for i in range(max(1, len(words) - n + 1)):
        for span in (n - 1, n, n + 1):
            window = " ".join(words[i : i + max(span, 1)])
            best = max(best, difflib.SequenceMatcher(None, evidence, window).ratio())
    return best


def first_hit(citations: list[dict], ok) -> int | None:
    return next((k for k, c in enumerate(citations, 1) if ok(c)), None)


def main(argv: list[str]) -> int:
    answers = [json.loads(line) for line in Path(argv[0]).read_text(encoding="utf-8").splitlines() if line]
    source = {d["id"]: Path(d["source"]).name for d in json.loads(Path(argv[1]).read_text(encoding="utf-8"))}
    questions = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line]
    totals: dict[str, int] = {}
    for q, a in zip(questions, answers, strict=True):
        evidence = [norm(e) for e in q["evidence"]]
        cits = a.get("citations", [])

        def from_doc(c: dict, q: dict = q) -> bool:
            return source.get(c["doc_id"]) == q["doc"]

        def strict(c: dict, ev: list[str] = evidence) -> bool:
            return any(e in norm(c["text"]) for e in ev)

        def ocr(c: dict, ev: list[str] = evidence) -> bool:
            return from_doc(c) and any(similar(e, norm(c["text"])) >= THRESHOLD for e in ev)

        row = {
            "answered": bool(a.get("found")),
            "answer_ok": all(norm(s) in norm(a.get("answer", "")) for s in q["answer_contains"]),
        }
        for name, ok in (("strict", strict), ("ocr", ocr), ("doc", from_doc)):
            k = first_hit(cits, ok)
            row[f"{name}@1"], row[f"{name}@3"] = k == 1, bool(k and k <= 3)
        for key, value in row.items():
            totals[key] = totals.get(key, 0) + int(value)
        got = f"{source.get(cits[0]['doc_id'], '?')[:30]} {cits[0]['section']}" if cits else "—"
        marks = " ".join(k for k, v in row.items() if v)
        print(f"{q['id']} [{q['doc'][:24]} {q['section']}] → {got} | {marks}")
    n = len(questions)
    print(f"\n{n} questions: " + ", ".join(f"{k} {v}/{n} ({v / n:.3f})" for k, v in totals.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
