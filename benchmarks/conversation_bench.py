"""What conversation state costs per answer: ConversationService.ask_in over an answer service that answers
instantly, so the time measured is only load turn + follow-up rules + save turn (SQLite file, WAL).

The turns are those of eval/dialogues.jsonl, each in its own conversation, repeated; the documents (for
"which years does this province have") come from a real index.
Usage: python benchmarks/conversation_bench.py --index DIR [--rounds 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.answer.compose import citation  # noqa: E402
from bot.answer.models import Answer  # noqa: E402
from bot.app import build_service  # noqa: E402
from bot.chatdb import ChatDB  # noqa: E402
from bot.conversation.service import ConversationService  # noqa: E402
from bot.conversation.state import ConversationStore  # noqa: E402
from bot.settings import Settings  # noqa: E402


class InstantAnswers:
    """Documents from the real index; every question answered at once with the same citation."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.max_question_chars = real.max_question_chars
        doc = real.list_documents()[0]
        self.answer = Answer("", True, "“…”", citations=[citation(doc, doc.sections[1], "…", 1.0)])

    def ask(
        self,
        question: str,
        province: Any = None,
        school_year: Any = None,
        within: Any = None,
        intent: Any = None,
    ) -> Answer:
        a = self.answer
        return Answer(question, a.found, a.answer, citations=list(a.citations))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--index", required=True)
    p.add_argument("--rounds", type=int, default=20)
    args = p.parse_args()
    settings = Settings(_env_file=None, nhiemvu_index_dir=Path(args.index), nhiemvu_today=date(2026, 11, 23))  # type: ignore[call-arg]
    answers = InstantAnswers(build_service(settings))
    turns = [
        json.loads(line)
        for line in (REPO / "eval" / "dialogues.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    with tempfile.TemporaryDirectory() as tmp:
        conv = ConversationService(
            answers, ConversationStore(ChatDB(Path(tmp) / "c.sqlite3")), today=settings.today
        )  # type: ignore[arg-type]
        with_state: list[float] = []
        cpu: list[float] = []  # CPU time of this process: less distorted than wall time on a shared machine
        alone: list[float] = []
        for r in range(args.rounds):
            for t in turns:
                started, cpu_started = time.perf_counter(), time.process_time()
                conv.ask_in("bench", f"{r}-{t['conversation']}", t["question"])
                with_state.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
                started = time.perf_counter()
                answers.ask(t["question"])
                alone.append((time.perf_counter() - started) * 1000)
    cost = sorted(with_state)
    out = {
        "turns": len(cost),
        "conversation_ms_p50": round(statistics.median(cost), 3),
        "conversation_ms_p95": round(cost[int(len(cost) * 0.95)], 3),
        "conversation_ms_mean": round(statistics.fmean(cost), 3),
        "conversation_cpu_ms_p50": round(statistics.median(cpu), 3),
        "conversation_cpu_ms_mean": round(statistics.fmean(cpu), 3),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "instant_answer_ms_mean": round(statistics.fmean(alone), 4),
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
