"""A short run of benchmarks/load_http.py: 20 clients for 20 s against `nhiemvu serve` on the sample index.

The same code path as the 10-minute benchmark (subprocess server, warm-up, RSS sampling, report file);
the bounds are generous for CI machines: no errors, every invalid request got 422, p95 under 3 s and
RSS growth under 25 % (the 10 % target applies to the 10-minute run).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.load_http import Plan, Result, benchmark, check_target, percentile, thread_figures


def test_http_load_20_clients_20_seconds(sample_index: Path, tmp_path: Path) -> None:
    out = tmp_path / "load_http.json"
    report = benchmark(index=sample_index, clients=20, duration=20, warmup=3, timeout=20, out=out)
    print(json.dumps({k: v for k, v in report.items() if k not in ("provinces", "school_years")}, indent=1))

    assert json.loads(out.read_text(encoding="utf-8"))["requests"] == report["requests"]
    assert report["started_server"] and report["server_stopped_cleanly"], report.get("server_log_tail")
    assert report["requests"] >= 100, "the server answered far too few requests"
    assert report["errors"] == 0, report["error_samples"]
    assert report["expected_422"] > 0
    assert report["expected_422_got_422"] == report["expected_422"]
    assert report["warmup"]["errors"] == 0
    assert report["answers"] > 0 and report["shed_without_retry_after"] == 0
    assert report["library"]["chunks"] and report["server_cpu_ms_per_answer"]
    assert report["server_threads"]["count"] >= 1
    assert report["latency_ms"]["p95"] < 3000, report["latency_ms"]
    rss = report["rss_mb"]
    assert rss["start"] and rss["end"] and len(rss["samples"]) >= 4  # every 5 s over 20 s
    assert report["rss_growth_pct"] < 25, rss
    # varied traffic: several provinces / years and the refusals for an unknown province all came back 2xx
    assert len(report["provinces"]) >= 4 and len(report["school_years"]) >= 3


def test_only_local_targets_are_accepted() -> None:
    assert check_target("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"
    for url in (
        "http://example.org:80",
        "https://127.0.0.1:8000",
        "http://10.0.0.1:8000",
        "http://127.0.0.1",
    ):
        with pytest.raises(SystemExit):
            check_target(url)


def test_plan_mixes_valid_and_invalid_requests() -> None:
    import random

    plan = Plan(["Câu một?", "Câu hai?"], [None, "Lào Cai"], [None, "2021-2022"], max_question_chars=50)
    picks = [plan.pick(random.Random(i)) for i in range(400)]
    invalid = [p for p in picks if p[2] == 422]
    assert 5 <= len(invalid) <= 40
    assert all(p[0].startswith("invalid:") for p in invalid)
    too_long = [p for p in invalid if p[0] == "invalid:too_long"]
    assert all(len(p[1]["question"]) > 50 for p in too_long)
    assert any(p[0] == "ask" and "province" in p[1] for p in picks)
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5


def test_a_refusal_counts_as_an_error_only_without_retry_after() -> None:
    assert not Result("ask", 503, 0.1, None, retry_after="3").is_error
    assert not Result("ask", 429, 0.1, None, retry_after="1").is_error
    assert Result("ask", 503, 0.1, None).is_error
    assert Result("ask", 503, 0.1, None, retry_after="soon").is_error
    assert Result("ask", 500, 0.1, None, retry_after="3").is_error


def test_thread_figures_count_cpu_used_during_the_run() -> None:
    before = {1: ("python", 10.0), 2: ("python", 0.2)}
    after = {1: ("python", 14.0), 2: ("python", 0.2), 3: ("python", 2.5)}  # thread 3 born during the run
    figures = thread_figures(before, after)
    assert figures == {"count": 3, "busy": 2, "cpu_s": [4.0, 2.5, 0.0]}
