"""`nhiemvu eval`: the scoring of ../shared/eval/README.md over a JSONL question file."""

from __future__ import annotations

import json
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from bot.answer.api import AnswerServiceAPI, InvalidQuestion
from bot.answer.models import Answer


def norm(text: str) -> str:
    """NFC, lower-case, no '*', white space folded: how the evaluation compares text."""
    return " ".join(unicodedata.normalize("NFC", text).lower().replace("*", "").split())


def _bare(path: str) -> str:
    """A legal path as eval/realdocs writes it: "Quy chế » Điều 6.1.d" → "6.1.d" (article.clause.point)."""
    path = norm(path).rstrip(".").rpartition(" » ")[2]
    return path.removeprefix("điều ")


def _section_ok(got: str, want: str) -> bool:
    g, w = norm(got).rstrip("."), norm(want).rstrip(".")
    if _bare(g) == _bare(w):
        return True
    if len(w) > 30 or len(g) > 30:
        return g[:30] == w[:30]
    return g == w


def score_item(item: dict[str, Any], answer: Answer) -> dict[str, Any]:
    evidence = [norm(e) for e in item.get("evidence", [])]
    texts = [norm(c.text) for c in answer.citations]
    hit_at = (
        next((k for k, t in enumerate(texts, 1) if any(e in t for e in evidence)), None) if evidence else None
    )
    refuse = item.get("kind") == "refuse"
    row: dict[str, Any] = {
        "id": item.get("id"),
        "kind": item.get("kind", "?"),
        "refusal_ok": answer.found == (not refuse),
        "answer_ok": all(norm(s) in norm(answer.answer) for s in item.get("answer_contains", [])),
        "hit1": hit_at == 1 if evidence else None,
        "hit3": bool(hit_at and hit_at <= 3) if evidence else None,
        "hit5": bool(hit_at and hit_at <= 5) if evidence else None,
        "section_ok": None,
    }
    if item.get("section"):
        row["section_ok"] = bool(answer.citations) and _section_ok(
            answer.citations[0].section, item["section"]
        )
    return row


def _mean(values: list[bool]) -> float | None:
    return sum(values) / len(values) if values else None


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    def block(rs: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "n": len(rs),
            **{
                m: _mean([r[m] for r in rs if r[m] is not None])
                for m in ("hit1", "hit3", "hit5", "section_ok")
            },
            "refusal_acc": _mean([r["refusal_ok"] for r in rs]),
            "answer_acc": _mean([r["answer_ok"] for r in rs]),
        }

    kinds: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        kinds[r["kind"]].append(r)
    return {"overall": block(rows), "by_kind": {k: block(v) for k, v in sorted(kinds.items())}}


def _ask(service: AnswerServiceAPI, item: dict[str, Any], conversations: Any | None) -> Answer:
    try:
        if conversations is not None and item.get("conversation") is not None:
            return conversations.ask_in(  # type: ignore[no-any-return]
                "eval",
                str(item["conversation"]),
                item["question"],
                item.get("province"),
                item.get("school_year"),
            )
        return service.ask(item["question"], item.get("province"), item.get("school_year"))
    except InvalidQuestion as exc:
        return Answer(question=item["question"], found=False, answer=str(exc))


def evaluate(service: AnswerServiceAPI, path: Path, conversations: Any | None = None) -> dict[str, Any]:
    """Lines with a `conversation` key are turns of that conversation, in file order (needs `conversations`,
    a ConversationService); they are scored per turn and summarised by `turn_kind` too."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows, latencies = [], []
    for item in items:
        started = time.perf_counter()
        answer = _ask(service, item, conversations)
        latencies.append((time.perf_counter() - started) * 1000)
        row = score_item(item, answer)
        row["got_section"] = answer.citations[0].section if answer.citations else None
        row["got_doc"] = answer.citations[0].doc_id if answer.citations else None
        row["question"] = item["question"]
        if item.get("conversation") is not None:
            row["turn_kind"] = item.get("turn_kind", "self")
            row["understood_as"] = answer.understood_as
            if row["turn_kind"] != "followup":  # the same question asked alone, for comparison
                row["alone"] = score_item(item, _ask(service, item, None))
        rows.append(row)
    report = summarise(rows)
    turns = [r for r in rows if "turn_kind" in r]
    if turns:
        by_turn: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in turns:
            by_turn[r["turn_kind"]].append(r)
            if "alone" in r:
                by_turn[f"{r['turn_kind']} (alone)"].append(r["alone"])
        report["by_turn"] = {k: summarise(v)["overall"] for k, v in sorted(by_turn.items())}
        # a topic change rewritten as a follow-up carried the old scope into a question that did not ask for it
        report["wrong_carry_overs"] = [
            r["id"]
            for r in turns
            if r["turn_kind"] == "topic_change"
            and r["understood_as"] is not None
            and not r["understood_as"].startswith(r["question"])  # short forms read are no carry-over
        ]
    lat = sorted(latencies)
    report["latency_ms"] = {
        "p50": lat[len(lat) // 2] if lat else 0.0,
        "p95": lat[min(len(lat) - 1, int(len(lat) * 0.95))] if lat else 0.0,
    }
    report["rows"] = rows
    return report


def print_report(report: dict[str, Any], json_out: bool = False) -> None:
    if json_out:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return

    def fmt(v: float | None) -> str:
        return "  -  " if v is None else f"{v:.3f}"

    print(
        f"{'kind':<14}{'n':>4}  {'hit@1':>6}{'hit@3':>7}{'hit@5':>7}{'section':>9}{'refusal':>9}{'answer':>8}"
    )
    for name, b in [("overall", report["overall"]), *report["by_kind"].items()]:
        print(
            f"{name:<14}{b['n']:>4}  {fmt(b['hit1']):>6}{fmt(b['hit3']):>7}{fmt(b['hit5']):>7}"
            f"{fmt(b['section_ok']):>9}{fmt(b['refusal_acc']):>9}{fmt(b['answer_acc']):>8}"
        )
    if "by_turn" in report:
        print("per turn:")
        for name, b in report["by_turn"].items():
            print(
                f"  {name:<20}{b['n']:>4}  {fmt(b['hit1']):>6}{fmt(b['hit3']):>7}{fmt(b['hit5']):>7}"
                f"{fmt(b['section_ok']):>9}{fmt(b['refusal_acc']):>9}{fmt(b['answer_acc']):>8}"
            )
        wrong = report["wrong_carry_overs"]
        print(
            f"wrong carry-overs on topic changes: {len(wrong)}" + (f" ({', '.join(wrong)})" if wrong else "")
        )
    lat = report["latency_ms"]
    print(f"latency p50 {lat['p50']:.1f} ms, p95 {lat['p95']:.1f} ms")
    failed = [
        r
        for r in report["rows"]
        if r["hit1"] is False or r["section_ok"] is False or not r["refusal_ok"] or not r["answer_ok"]
    ]
    for r in failed:
        print(
            f"  ✗ {r['id']} ({r['kind']}): hit1={r['hit1']} section={r['section_ok']} got={r['got_doc']}:{r['got_section']!r} "
            f"refusal_ok={r['refusal_ok']} answer_ok={r['answer_ok']}"
            + (f" understood_as={r['understood_as']!r}" if r.get("turn_kind") else "")
        )
