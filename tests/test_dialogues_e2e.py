"""End to end: `nhiemvu eval` on the development dialogues (eval/dialogues.jsonl) meets the conversation targets,
and `nhiemvu ask --batch` continues lines that share a `conversation` key."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO
from tests.test_eval_e2e import _eval, run_cli


def test_dialogue_targets(sample_index: Path) -> None:
    report = _eval(sample_index, REPO / "eval" / "dialogues.jsonl")
    turns = report["by_turn"]
    assert len({r["id"].rsplit("-t", 1)[0] for r in report["rows"]}) >= 40
    follow = turns["followup"]
    assert follow["n"] >= 40 and follow["hit1"] >= 0.90 and follow["section_ok"] >= 0.85
    assert follow["refusal_acc"] >= 0.95
    for kind in ("self", "topic_change"):  # self-contained turns: no worse than asked alone
        for metric in ("hit1", "section_ok", "refusal_acc", "answer_acc"):
            assert turns[kind][metric] >= turns[f"{kind} (alone)"][metric]
    assert report["wrong_carry_overs"] == []


def test_ask_batch_conversation_key(sample_index: Path, tmp_path: Path) -> None:
    lines = [
        {
            "question": "Năm học 2021-2022 Lào Cai củng cố phổ cập giáo dục ở bao nhiêu xã, phường, thị trấn?",
            "conversation": "a",
        },
        {"question": "Còn năm học 2019-2020 thì sao?"},  # no key: stands alone
        {"question": "Còn năm học 2019-2020 thì sao?", "conversation": "b"},  # another conversation
        {"question": "Còn năm học 2019-2020 thì sao?", "conversation": "a"},
    ]
    batch = tmp_path / "d.jsonl"
    batch.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in lines), encoding="utf-8")
    stdout = run_cli("ask", "--batch", str(batch), "--index", str(sample_index), "--today", "2026-11-23")
    answers = [json.loads(line) for line in stdout.splitlines()]
    assert [a["understood_as"] for a in answers[:3]] == [None, None, None]
    assert answers[3]["understood_as"] == (
        "Năm học 2019-2020 Lào Cai củng cố phổ cập giáo dục ở bao nhiêu xã, phường, thị trấn?"
    )
    assert answers[3]["conversation_id"] == "a" and answers[3]["citations"][0]["section"] == "I.5"
