"""Background jobs with progress (a server's forecasts): checked before they start, bounded
in number, and always ending — done, or failed with the error's message.

``Jobs.start(total, work)`` runs ``work(progress)`` in a small thread pool; ``progress(done)``
(or ``progress(done, total)``) updates the count a page polls while the work goes on, so a
job that takes seconds shows its bar filling (forecasts by chunk of draws, Monte Carlo
simulations by run). The queue cleans itself: finished jobs are forgotten after
:data:`KEEP_SECONDS`, and beyond :data:`MAX_JOBS`, oldest first; at most :data:`MAX_RUNNING`
run or wait at once (more are refused, not queued). Any exception ends a job as failed, with
its message.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from respublika.app.values import Unknown
from respublika.errors import InputError

MAX_JOBS = 50
MAX_RUNNING = 4
KEEP_SECONDS = 3600.0
RUNNING, DONE, FAILED = "running", "done", "failed"


@dataclass
class Job:
    id: str
    total: int
    done: int = 0
    status: str = RUNNING
    result: dict[str, Any] | None = None
    error: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    ended: float | None = None
    started: float | None = None
    clock: Callable[[], float] = time.monotonic

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "status", "done", "total", "result", "error", "seconds"}``: ``done`` of
        ``total`` as the work reports it (a page draws its bar from them); ``seconds`` since
        it began (None while it waits)."""
        with self.lock:
            until = self.ended if self.ended is not None else self.clock()
            seconds = None if self.started is None else round(max(0.0, until - self.started), 3)
            return {"id": self.id, "status": self.status, "done": self.done, "total": self.total,
                    "result": self.result, "error": self.error, "seconds": seconds}


class Jobs:
    """Jobs run one at a time, in order; the oldest finished jobs are forgotten."""

    def __init__(self, workers: int = 1, *, max_running: int = MAX_RUNNING, max_jobs: int = MAX_JOBS,
                 keep_seconds: float = KEEP_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="job")
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()
        self.max_running, self.max_jobs, self.keep_seconds, self.clock = max_running, max_jobs, keep_seconds, clock

    def start(self, total: int, work: Callable[[Callable[[int], None]], dict[str, Any]]) -> Job:
        job = Job(uuid.uuid4().hex[:12], total, clock=self.clock)
        with self.lock:
            self._clean()
            running = sum(1 for j in self.jobs.values() if j.status == RUNNING)
            if running >= self.max_running:
                raise InputError("too many jobs are running; try again in a moment")
            finished = [k for k, j in self.jobs.items() if j.status != RUNNING]
            for key in finished[: max(0, len(self.jobs) - self.max_jobs + 1)]:
                del self.jobs[key]
            self.jobs[job.id] = job
        try:
            self.pool.submit(self._run, job, work)
        except RuntimeError as exc:  # the pool is shut down
            self._end(job, error=str(exc) or "the server is stopping")
        return job

    def _clean(self) -> None:
        """Forget finished jobs older than ``keep_seconds`` (the caller holds the lock)."""
        now = self.clock()
        for key in [k for k, j in self.jobs.items() if j.ended is not None and now - j.ended > self.keep_seconds]:
            del self.jobs[key]

    def _end(self, job: Job, *, result: dict[str, Any] | None = None, error: str | None = None) -> None:
        with job.lock:
            job.result, job.error = result, error
            job.status = FAILED if error is not None else DONE
            if error is None:
                job.done = job.total
            job.ended = self.clock()

    def __len__(self) -> int:
        with self.lock:
            self._clean()
            return len(self.jobs)

    def _run(self, job: Job, work: Callable[[Callable[[int], None]], dict[str, Any]]) -> None:
        with job.lock:
            job.started = self.clock()

        def progress(done: int, total: int | None = None) -> None:
            """``done`` units of work so far (never more than the total, never going back);
            a ``total`` corrects the estimate the job started with."""
            with job.lock:
                if total is not None and total > 0:
                    job.total = int(total)
                job.done = max(job.done, min(int(done), job.total))

        try:
            result = work(progress)
        except Exception as exc:
            self._end(job, error=str(exc) or type(exc).__name__)
            return
        self._end(job, result=result)

    def get(self, job_id: str) -> Job:
        with self.lock:
            self._clean()
            job = self.jobs.get(job_id)
        if job is None:
            raise Unknown(f"no job {job_id!r} (it may have been forgotten; start it again)")
        return job
