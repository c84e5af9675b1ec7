"""A FIFO queue in front of the answer path: served in arrival order, bounded by its expected wait.

Answers are CPU-bound; a thread pool (or a lock) lets any waiter win, so under saturation one request can
starve for a minute while later ones are served. Here `workers` threads take jobs from one FIFO queue, and a
request is refused at once (Busy, with a retry delay) when the wait it would face — jobs ahead of it times the
moving average of the service time, divided by the workers — exceeds `max_wait`.
"""

from __future__ import annotations

import asyncio
import math
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")
BUSY_MESSAGE = "Hệ thống đang bận, thầy cô vui lòng hỏi lại sau ít phút."


class Busy(Exception):
    """The queue is full; `retry_after` is whole seconds until it has likely drained."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(BUSY_MESSAGE)
        self.retry_after = retry_after


class AnswerQueue:
    def __init__(
        self,
        workers: int = 1,
        max_wait: float = 8.0,
        initial_service: float = 0.3,
        smoothing: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.workers, self.max_wait, self.smoothing, self.clock = workers, max_wait, smoothing, clock
        self.service_time = initial_service  # moving average, seconds
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]] | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._waiting = 0  # queued or being served
        self._threads = [
            threading.Thread(target=self._run, name=f"answer-{i}", daemon=True) for i in range(workers)
        ]
        for t in self._threads:
            t.start()

    def expected_wait(self) -> float:
        with self._lock:
            return self._waiting * self.service_time / self.workers

    def submit(self, work: Callable[[], T]) -> Future[T]:
        """Queue `work` behind everything submitted before; raises Busy when the wait would be too long."""
        future: Future[T] = Future()
        with self._lock:
            wait = self._waiting * self.service_time / self.workers
            if self._waiting >= self.workers and wait > self.max_wait:
                raise Busy(max(1, math.ceil(wait)))
            self._waiting += 1
        self._jobs.put((work, future))
        return future

    async def run(self, work: Callable[[], T]) -> T:
        """From the event loop: wait (without blocking the loop) for `work` to be served in its turn."""
        return await asyncio.wrap_future(self.submit(work))

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            work, future = job
            started, ran = self.clock(), future.set_running_or_notify_cancel()
            try:
                if ran:
                    future.set_result(work())
            except BaseException as exc:  # noqa: BLE001 - handed to the waiter
                future.set_exception(exc)
            finally:
                took = self.clock() - started
                with self._lock:
                    self._waiting -= 1
                    if ran:  # a cancelled job says nothing about the service time
                        self.service_time += self.smoothing * (took - self.service_time)

    def close(self) -> None:
        for _ in self._threads:
            self._jobs.put(None)
