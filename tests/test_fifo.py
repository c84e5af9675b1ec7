"""The FIFO answer queue: arrival order under saturation, and a full queue refused at once with 503 +
Retry-After over a real socket (a deterministic slow service: it answers only when released)."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import pytest

from bot.channels.http.app import create_app
from bot.ops.fifo import BUSY_MESSAGE, AnswerQueue, Busy
from tests.fakes_http_service import FakeService, serve_in_thread
from tests.test_http_api import make_settings


def test_jobs_are_served_in_arrival_order() -> None:
    fifo = AnswerQueue(workers=2, max_wait=1e9)
    gate = threading.Event()
    done: list[int] = []
    blockers = [fifo.submit(gate.wait) for _ in range(2)]  # both workers busy: everything else queues
    futures = [fifo.submit(lambda i=i: done.append(i)) for i in range(50)]  # type: ignore[misc]
    gate.set()
    for f in [*blockers, *futures]:
        f.result(5)
    # two workers take jobs strictly in queue order; each takes the next one only after finishing its own
    assert sorted(done) == list(range(50))
    assert all(abs(done.index(i) - i) <= 1 for i in range(50)), done
    one = AnswerQueue(workers=1, max_wait=1e9)
    order: list[int] = []
    gate2 = threading.Event()
    first = one.submit(gate2.wait)
    rest = [one.submit(lambda i=i: order.append(i)) for i in range(50)]  # type: ignore[misc]
    gate2.set()
    first.result(5)
    for f in rest:
        f.result(5)
    assert order == list(range(50))


def test_expected_wait_bounds_the_queue_and_a_failure_reaches_the_caller() -> None:
    fifo = AnswerQueue(workers=1, max_wait=2.0, initial_service=1.0)
    gate = threading.Event()
    held = [fifo.submit(gate.wait) for _ in range(3)]  # waits 0, 1 and 2 s: all within 2 s
    with pytest.raises(Busy) as busy:
        fifo.submit(lambda: None)  # would wait 3 s
    assert busy.value.retry_after == 3 and str(busy.value) == BUSY_MESSAGE
    gate.set()
    for f in held:
        f.result(5)
    failing = fifo.submit(lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        failing.result(5)
    assert fifo.submit(lambda: 42).result(5) == 42  # the worker survived


class SlowService(FakeService):
    """Answers only once `release` is set: the queue's state is then known exactly."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def ask(self, question: str, *args: Any, **kwargs: Any) -> Any:
        assert self.release.wait(10)
        return super().ask(question, *args, **kwargs)


def test_full_queue_answers_503_with_retry_after() -> None:
    service = SlowService()
    fifo = AnswerQueue(workers=1, max_wait=1.0, initial_service=1.0)
    app = create_app(service, make_settings(), answers=fifo)
    results: dict[int, httpx.Response] = {}
    with serve_in_thread(app) as base:

        def ask(n: int) -> None:
            results[n] = httpx.post(f"{base}/v1/ask", json={"question": f"chuyển đổi số {n}?"}, timeout=20)

        waiting = [threading.Thread(target=ask, args=(n,)) for n in (1, 2)]
        for n, t in enumerate(waiting):
            t.start()
            deadline = time.monotonic() + 5
            while fifo.expected_wait() < n + 1 and time.monotonic() < deadline:  # admitted in this order
                time.sleep(0.01)
        assert fifo.expected_wait() == 2.0
        refused = httpx.post(f"{base}/v1/ask", json={"question": "chuyển đổi số?"}, timeout=5)
        service.release.set()
        for t in waiting:
            t.join(20)
    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == "2"
    assert refused.json() == {"error": {"code": "busy", "message": BUSY_MESSAGE}}
    assert results[1].status_code == results[2].status_code == 200
