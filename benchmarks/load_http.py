"""HTTP load test: N concurrent clients asking varied questions for D seconds against `nhiemvu serve`.

Starts `nhiemvu serve --index DIR --port P` as a subprocess (or uses `--url` of a running server; pass its
`--pid` for memory figures). Each client is its own httpx.AsyncClient (one keep-alive connection, like one
user's browser) and asks, back to back until the deadline, a question from eval/dev.jsonl + eval/extra.jsonl
with a random province / school year (taken from the server's /v1/documents, plus "all" and one the index
does not have); about 1 request in 20 is invalid on purpose and must get 422 (or, under overload, a refusal
with Retry-After).

Run the way users run the bot: the started server gets no NHIEMVU_TODAY (today's date decides the school
year), its own question-log database, and whatever else the environment says (`--env NAME=VALUE` adds
settings, e.g. NHIEMVU_ANSWER_WORKERS or NHIEMVU_QUEUE_MAX_WAIT_SECONDS).

Reported: requests, errors (non-2xx other than the expected 422s, exceptions, and any 503/429 refusal
without a Retry-After of whole seconds), p50/p95/p99 latency, throughput; for the questions: answers/s,
p50/p99/max latency of the answered ones and the share shed (503/429 "busy, retry later"); the library size
(/healthz); the server's CPU seconds per answer (/proc/<pid>/stat: immune to other processes' load, unlike
the wall clock) and its threads with the CPU each used (more busy threads than answer workers means native
thread pools oversubscribing the cores); the 1-minute load average before and after (other jobs on the
machine); and the server's RSS (VmRSS from /proc/<pid>/status, sampled every 5 s): after start-up, after a
short warm-up at full concurrency (the baseline), at the end and the maximum, and the growth from baseline to
end in %. Warm-up requests are not counted in the figures.

Bounded: only http://127.0.0.1 targets; every client stops starting requests at the deadline or once
`--max-requests` requests were made, each request has a timeout, and the whole run has an overall time limit.

Usage: python benchmarks/load_http.py [--index DIR] [--clients 40] [--duration 600] [--out FILE]
           [--max-requests N] [--env NAME=VALUE ...]
       python benchmarks/load_http.py --url http://127.0.0.1:8000 --pid 1234
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "benchmarks" / "out" / "load_http.json"
EVAL_FILES = (REPO / "eval" / "dev.jsonl", REPO / "eval" / "extra.jsonl")
ALLOWED_HOSTS = {"127.0.0.1"}
UNKNOWN_PROVINCE = "Cà Mau"  # not in the sample corpus: the answer must be a refusal, not an error
INVALID_SHARE = 0.05
SHED_STATUSES = (503, 429)  # "busy, retry later": must carry Retry-After


def load_questions() -> list[str]:
    out = []
    for path in EVAL_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["question"])
    return out


def check_target(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme != "http" or parsed.hostname not in ALLOWED_HOSTS or not parsed.port:
        raise SystemExit(f"only http://127.0.0.1:<port> targets are allowed, not {url!r}")
    return url.rstrip("/")


def rss_kib(pid: int | None) -> int | None:
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU time of the process (all its threads) from /proc/<pid>/stat."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def thread_cpu(pid: int | None) -> dict[int, tuple[str, float]]:
    """The process's threads (/proc/<pid>/task/*): thread id -> (name, CPU seconds so far)."""
    out: dict[int, tuple[str, float]] = {}
    if pid is None:
        return out
    tick = os.sysconf("SC_CLK_TCK")
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            name = (task / "comm").read_text().strip()
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            out[int(task.name)] = (name, (int(fields[11]) + int(fields[12])) / tick)
        except (OSError, ValueError, IndexError):
            continue  # a thread that ended meanwhile
    return out


def thread_figures(
    before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]]
) -> dict[str, Any]:
    """Threads at the end, and the CPU seconds each used during the run, busiest first (threads born during
    the run count from zero). Many busy threads on 2 cores mean thread pools oversubscribing the CPU."""
    used = sorted(
        ((cpu - before.get(tid, (name, 0.0))[1], name) for tid, (name, cpu) in after.items()), reverse=True
    )
    return {
        "count": len(after),
        "busy": sum(1 for cpu, _ in used if cpu >= 0.5),  # threads that used at least 0.5 CPU s
        "cpu_s": [round(max(0.0, cpu), 2) for cpu, _ in used[:12]],
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ---------------------------------------------------------------------------------------------
# The server under test


class Server:
    """`nhiemvu serve` in a subprocess on 127.0.0.1, with its own question-log database and log file."""

    def __init__(
        self,
        index: Path,
        port: int | None = None,
        log_level: str = "WARNING",
        env: dict[str, str] | None = None,
    ) -> None:
        self.index, self.port = Path(index), port or free_port()
        self.extra_env = dict(env or {})
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_level = log_level
        self.proc: subprocess.Popen[bytes] | None = None
        self._tmp = tempfile.TemporaryDirectory(prefix="load-http-")
        self.log_path = Path(self._tmp.name) / "server.log"

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def start(self, timeout: float = 90.0) -> Server:
        env = {
            **{k: v for k, v in os.environ.items() if k != "NHIEMVU_TODAY"},  # as users run it: today's date
            "NHIEMVU_TODAY": "",  # and not one from a .env file either
            "NHIEMVU_DB": str(Path(self._tmp.name) / "questions.sqlite3"),  # never the real question log
            "NHIEMVU_LOG_LEVEL": self.log_level,  # INFO would log every request (uvicorn.access)
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
            **self.extra_env,
        }
        cmd = [sys.executable, "-m", "bot.cli", "serve", "--index", str(self.index)]
        cmd += ["--host", "127.0.0.1", "--port", str(self.port)]
        with self.log_path.open("wb") as log:
            self.proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not answer /healthz within {timeout:.0f}s:\n{self.log_tail()}")

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self) -> int | None:
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        return self.proc.returncode

    def close(self) -> None:
        self.stop()
        self._tmp.cleanup()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------------------------------------
# Requests


@dataclass
class Plan:
    questions: list[str]
    provinces: list[str | None]
    years: list[str | None]
    max_question_chars: int = 1000

    def pick(self, rng: random.Random) -> tuple[str, Any, int | None]:
        """(kind, JSON body or raw bytes, the status it must get: 422, or None for any 2xx)."""
        if rng.random() < INVALID_SHARE:
            question = rng.choice(self.questions)
            invalid: list[tuple[str, Any]] = [
                ("empty", {"question": ""}),
                ("blank", {"question": "   \n "}),
                ("too_long", {"question": "Chuyển đổi số? " * (self.max_question_chars // 10 + 5)}),
                ("province_too_long", {"question": question, "province": "T" * 101}),
                ("missing_question", {"province": "Lào Cai"}),
                ("not_json", b'{"question": '),
            ]
            kind, bad = rng.choice(invalid)
            return f"invalid:{kind}", bad, 422
        body: dict[str, Any] = {"question": rng.choice(self.questions)}
        province, year = rng.choice(self.provinces), rng.choice(self.years)
        if province is not None:
            body["province"] = province
        if year is not None:
            body["school_year"] = year
        return "ask", body, None


def make_plan(url: str, questions: list[str]) -> Plan:
    docs = httpx.get(f"{url}/v1/documents", timeout=30).raise_for_status().json()
    provinces = sorted({d["province"] for d in docs if d.get("province")})
    years = sorted({d["school_year"] for d in docs if d.get("school_year")})
    max_chars = 1000
    try:
        schema = httpx.get(f"{url}/openapi.json", timeout=30).json()
        max_chars = int(schema["components"]["schemas"]["AskRequest"]["properties"]["question"]["maxLength"])
    except (httpx.HTTPError, KeyError, ValueError, TypeError):
        pass
    return Plan(questions, [None, None, *provinces, UNKNOWN_PROVINCE], [None, None, *years], max_chars)


@dataclass
class Result:
    kind: str
    status: int | None  # None: an exception
    seconds: float
    expected: int | None
    error: str = ""
    retry_after: str | None = None  # the Retry-After header of a 503/429

    @property
    def shed(self) -> bool:
        return self.status in SHED_STATUSES

    @property
    def is_error(self) -> bool:
        if self.status is None:
            return True
        if self.shed:  # a refusal under overload (of any request) is allowed, but only with a Retry-After
            return not (self.retry_after or "").strip().isdigit()
        if self.expected is not None:
            return self.status != self.expected
        return not 200 <= self.status < 300


@dataclass
class Phase:
    results: list[Result] = field(default_factory=list)
    elapsed: float = 0.0


async def client_loop(
    url: str,
    plan: Plan,
    rng: random.Random,
    deadline: float,
    timeout: float,
    out: list[Result],
    max_requests: int | None = None,
) -> None:
    loop = asyncio.get_running_loop()
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as client:
        while loop.time() < deadline and (max_requests is None or len(out) < max_requests):
            kind, body, expected = plan.pick(rng)
            started = time.perf_counter()
            try:
                if isinstance(body, bytes):
                    headers = {"Content-Type": "application/json"}
                    response = await client.post("/v1/ask", content=body, headers=headers)
                else:
                    response = await client.post("/v1/ask", json=body)
                if kind == "ask" and response.status_code == 200 and "answer" not in response.json():
                    raise ValueError("200 without an answer")
                retry = response.headers.get("Retry-After")
                seconds = time.perf_counter() - started
                out.append(Result(kind, response.status_code, seconds, expected, retry_after=retry))
            except Exception as exc:  # counted as an error, the client goes on
                out.append(
                    Result(
                        kind, None, time.perf_counter() - started, expected, f"{type(exc).__name__}: {exc}"
                    )
                )


async def run_phase(
    url: str,
    plan: Plan,
    clients: int,
    seconds: float,
    timeout: float,
    seed: int,
    max_requests: int | None = None,
) -> Phase:
    loop = asyncio.get_running_loop()
    started = loop.time()
    deadline = started + seconds
    results: list[Result] = []
    tasks = [
        asyncio.create_task(
            client_loop(url, plan, random.Random(seed * 1000 + i), deadline, timeout, results, max_requests)
        )
        for i in range(clients)
    ]
    try:  # every request is bounded by `timeout`, so this is only a safety net
        await asyncio.wait_for(asyncio.gather(*tasks), seconds + timeout + 10)
    finally:
        for task in tasks:
            task.cancel()
    return Phase(results, loop.time() - started)


async def sample_rss(
    pid: int | None, every: float, samples: list[tuple[float, int]], stop: asyncio.Event
) -> None:
    start = time.monotonic()
    while True:
        value = rss_kib(pid)
        if value is not None:
            samples.append((round(time.monotonic() - start, 1), value))
        try:
            await asyncio.wait_for(stop.wait(), every)
            return
        except TimeoutError:
            pass


# ---------------------------------------------------------------------------------------------
# Figures


def percentile(sorted_values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not sorted_values:
        return float("nan")
    pos = (len(sorted_values) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (pos - low)


def latency_ms(results: list[Result]) -> dict[str, float]:
    values = sorted(r.seconds * 1000 for r in results)
    if not values:
        return {}
    return {
        "p50": round(percentile(values, 50), 1),
        "p95": round(percentile(values, 95), 1),
        "p99": round(percentile(values, 99), 1),
        "max": round(values[-1], 1),
        "mean": round(sum(values) / len(values), 1),
    }


def summarize(phase: Phase, warmup: Phase, rss: dict[str, Any], opts: dict[str, Any]) -> dict[str, Any]:
    results = phase.results
    answered = [r for r in results if r.status is not None]
    asked = [r for r in results if r.kind == "ask"]
    answers = [r for r in asked if r.status == 200]
    shed = [r for r in results if r.shed]
    cpu = rss.pop("server_cpu_s", None)
    invalid = [r for r in results if r.expected == 422]
    errors = [r for r in results if r.is_error]
    samples = Counter(f"{r.kind} -> {r.status if r.status is not None else r.error}" for r in errors)
    return {
        **opts,
        "elapsed_s": round(phase.elapsed, 1),
        "requests": len(results),
        "ok_2xx": sum(1 for r in results if r.status is not None and 200 <= r.status < 300),
        "expected_422": len(invalid),
        "expected_422_got_422": sum(1 for r in invalid if r.status == 422 or r.shed),
        "errors": len(errors),
        "exceptions": sum(1 for r in results if r.status is None),
        "error_samples": dict(samples.most_common(10)),
        "status_counts": {str(k): v for k, v in sorted(Counter(r.status for r in answered).items())},
        "latency_ms": latency_ms(answered),
        "ask_latency_ms": latency_ms([r for r in answered if r.kind == "ask" and r.status == 200]),
        "throughput_rps": round(len(answered) / phase.elapsed, 1) if phase.elapsed else 0.0,
        # Questions (valid requests): answered ones, their throughput and latency, and the share refused.
        "questions": len(asked),
        "answers": len(answers),
        "answers_per_s": round(len(answers) / phase.elapsed, 2) if phase.elapsed else 0.0,
        "answer_latency_ms": latency_ms(answers),
        "shed": len(shed),
        "shed_share": round(len(shed) / len(asked), 4) if asked else 0.0,
        "shed_without_retry_after": sum(1 for r in shed if not (r.retry_after or "").strip().isdigit()),
        "retry_after_s": sorted({int(r.retry_after) for r in shed if (r.retry_after or "").isdigit()}),
        "server_cpu_s": cpu,
        "server_cpu_ms_per_answer": round(1000 * cpu / len(answers), 1) if cpu and answers else None,
        "warmup": {"requests": len(warmup.results), "errors": sum(1 for r in warmup.results if r.is_error)},
        **rss,
    }


def rss_figures(
    boot: int | None, start: int | None, end: int | None, samples: list[tuple[float, int]]
) -> dict[str, Any]:
    def mb(kib: int | None) -> float | None:
        return None if kib is None else round(kib / 1024, 1)

    peak = max([v for _, v in samples] + [v for v in (start, end) if v is not None], default=None)
    growth = None if not start or end is None else round((end - start) / start * 100, 1)
    return {
        "rss_mb": {
            "boot": mb(boot),
            "start": mb(start),
            "end": mb(end),
            "max": mb(peak),
            "samples": [[t, mb(v)] for t, v in samples],
        },
        "rss_growth_pct": growth,
    }


async def measure(
    url: str,
    plan: Plan,
    clients: int,
    duration: float,
    warmup: float,
    timeout: float,
    pid: int | None,
    sample_every: float,
    seed: int,
    max_requests: int | None = None,
) -> tuple[Phase, Phase, dict[str, Any]]:
    boot = rss_kib(pid)
    warm = await run_phase(url, plan, clients, warmup, timeout, seed + 7919) if warmup > 0 else Phase()
    start = rss_kib(pid)
    samples: list[tuple[float, int]] = []
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_rss(pid, sample_every, samples, stop))
    cpu_before, threads_before = cpu_seconds(pid), thread_cpu(pid)
    try:
        phase = await run_phase(url, plan, clients, duration, timeout, seed, max_requests)
    finally:
        stop.set()
        await sampler
    cpu_after, threads_after = cpu_seconds(pid), thread_cpu(pid)
    end = rss_kib(pid)
    figures = rss_figures(boot, start, end, samples)
    if cpu_before is not None and cpu_after is not None:
        figures["server_cpu_s"] = round(cpu_after - cpu_before, 2)
    if threads_after:
        figures["server_threads"] = thread_figures(threads_before, threads_after)
    return phase, warm, figures


def benchmark(
    *,
    index: Path | None = None,
    url: str | None = None,
    pid: int | None = None,
    port: int | None = None,
    clients: int = 40,
    duration: float = 600.0,
    warmup: float | None = None,
    timeout: float = 30.0,
    sample_every: float = 5.0,
    seed: int = 1,
    out: Path | None = DEFAULT_OUT,
    max_requests: int | None = None,
    server_env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Run the load (starting a server on `index` unless `url` is given); returns the report, writes `out`."""
    if clients < 1 or duration <= 0:
        raise SystemExit("--clients must be >= 1 and --duration > 0")
    warmup = min(30.0, max(2.0, duration * 0.05)) if warmup is None else warmup
    questions = load_questions()
    server: Server | None = None
    try:
        if url is None:
            if index is None:
                raise SystemExit("give --index DIR (a server is started on it) or --url of a running server")
            server = Server(index, port, env=server_env).start()
            url, pid = server.url, server.pid
        url = check_target(url)
        plan = make_plan(url, questions)
        health = httpx.get(f"{url}/healthz", timeout=30).json()
        load_before = os.getloadavg()
        phase, warm, rss = asyncio.run(
            measure(url, plan, clients, duration, warmup, timeout, pid, sample_every, seed, max_requests)
        )
        load_after = os.getloadavg()
        opts = {
            "target": url,
            "started_server": server is not None,
            "server_pid": pid,
            "index": str(index) if index else None,
            "clients": clients,
            "duration_s": duration,
            "warmup_s": warmup,
            "request_timeout_s": timeout,
            "max_requests": max_requests,
            "server_env": server_env or {},
            "library": {k: health.get(k) for k in ("documents", "chunks", "version", "current_school_year")},
            # Other processes on the machine: 1-minute load average before and after the measured run.
            "load_avg_1m": [round(load_before[0], 2), round(load_after[0], 2)],
            "question_pool": len(questions),
            "provinces": plan.provinces,
            "school_years": plan.years,
            "cpus": os.cpu_count(),
        }
        report = summarize(phase, warm, rss, opts)
        if server is not None:
            code = server.stop()
            # uvicorn re-raises SIGTERM once it has shut down gracefully: -15 is its clean exit
            report["server_exit_code"] = code
            report["server_stopped_cleanly"] = code in (
                0,
                -signal.SIGTERM,
            ) and "Traceback" not in server.log_tail(10**6)
            if not report["server_stopped_cleanly"]:
                report["server_log_tail"] = server.log_tail()
    finally:
        if server is not None:
            server.close()
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return report


def print_table(report: dict[str, Any]) -> None:
    lat, rss, alat = report["latency_ms"], report["rss_mb"], report["answer_latency_ms"]
    th = report.get("server_threads")
    threads = f"{th['count']} ({th['busy']} busy), CPU s each: {th['cpu_s']}" if th else "n/a"

    def num(value: Any, unit: str = "") -> str:
        return "n/a" if value is None else f"{value}{unit}"

    rows = [
        ("target", f"{report['target']} ({report['clients']} clients, {report['duration_s']:g} s)"),
        (
            "requests",
            f"{report['requests']} ({report['ok_2xx']} 2xx, {report['expected_422_got_422']}/"
            f"{report['expected_422']} expected 422)",
        ),
        ("errors", f"{report['errors']} ({report['exceptions']} exceptions) {report['error_samples'] or ''}"),
        (
            "latency p50/p95/p99",
            f"{lat.get('p50')} / {lat.get('p95')} / {lat.get('p99')} ms (max {lat.get('max')})",
        ),
        ("throughput", f"{report['throughput_rps']} req/s"),
        (
            "library",
            f"{report['library'].get('chunks')} chunks, {report['library'].get('documents')} documents",
        ),
        (
            "answers",
            f"{report['answers']} of {report['questions']} questions, {report['answers_per_s']} answers/s",
        ),
        (
            "answer latency p50/p99/max",
            f"{alat.get('p50')} / {alat.get('p99')} / {alat.get('max')} ms",
        ),
        (
            "shed (503/429)",
            f"{report['shed']} ({100 * report['shed_share']:.1f} %), "
            f"{report['shed_without_retry_after']} without Retry-After, Retry-After {report['retry_after_s']}",
        ),
        ("server CPU per answer", num(report["server_cpu_ms_per_answer"], " ms")),
        ("server threads", threads),
        ("load average (1 min) before/after", " / ".join(map(str, report["load_avg_1m"]))),
        (
            "server RSS start/end/max",
            f"{num(rss['start'])} / {num(rss['end'])} / {num(rss['max'])} MB (boot {num(rss['boot'])} MB)",
        ),
        ("RSS growth", num(report["rss_growth_pct"], " %")),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--index", type=Path, help="index directory: start `nhiemvu serve --index DIR` on it")
    p.add_argument("--url", help="a running server instead (http://127.0.0.1:PORT only)")
    p.add_argument("--pid", type=int, help="with --url: the server's pid, for memory figures")
    p.add_argument("--port", type=int, help="port for the started server (default: a free one)")
    p.add_argument("--clients", type=int, default=40)
    p.add_argument("--duration", type=float, default=600.0, help="seconds of measured load")
    p.add_argument(
        "--warmup", type=float, help="seconds of unmeasured load first (default 5%% of duration, 2-30)"
    )
    p.add_argument("--timeout", type=float, default=30.0, help="per-request timeout in seconds")
    p.add_argument("--sample-every", type=float, default=5.0, help="RSS sampling period in seconds")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p.add_argument("--max-requests", type=int, help="stop after this many measured requests (all clients)")
    p.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="setting for the started server, e.g. NHIEMVU_ANSWER_WORKERS=1 (repeatable)",
    )
    args = p.parse_args(argv)
    server_env = dict(item.split("=", 1) for item in args.env)
    if args.url is None and args.index is None:
        from bot.settings import Settings

        args.index = Settings().nhiemvu_index_dir
    report = benchmark(
        index=args.index,
        url=args.url,
        pid=args.pid,
        port=args.port,
        clients=args.clients,
        duration=args.duration,
        warmup=args.warmup,
        timeout=args.timeout,
        sample_every=args.sample_every,
        seed=args.seed,
        out=args.out,
        max_requests=args.max_requests,
        server_env=server_env,
    )
    print_table(report)
    print(f"-> {args.out}")
    ok = report["errors"] == 0 and report["expected_422_got_422"] == report["expected_422"]
    return 0 if ok and report["shed_without_retry_after"] == 0 else 1


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
