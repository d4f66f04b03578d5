"""Background jobs with progress (a server's forecasts): checked before they start, bounded
in number, and always ending — done, or failed with the error's message.

``Jobs.start(total, work)`` runs ``work(progress)`` in a small thread pool; ``progress(done)``
updates the count a page polls. Finished jobs beyond :data:`MAX_JOBS` are forgotten, oldest
first; at most :data:`MAX_RUNNING` run or wait at once.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from respublika.app.values import Unknown
from respublika.errors import InputError

MAX_JOBS = 50
MAX_RUNNING = 4
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

    def to_dict(self) -> dict[str, Any]:
        with self.lock:
            return {"id": self.id, "status": self.status, "done": self.done, "total": self.total,
                    "result": self.result, "error": self.error}


class Jobs:
    """Jobs run one at a time, in order; the oldest finished jobs are forgotten."""

    def __init__(self, workers: int = 1) -> None:
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="job")
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()

    def start(self, total: int, work: Callable[[Callable[[int], None]], dict[str, Any]]) -> Job:
        job = Job(uuid.uuid4().hex[:12], total)
        with self.lock:
            running = sum(1 for j in self.jobs.values() if j.status == RUNNING)
            if running >= MAX_RUNNING:
                raise InputError("too many jobs are running; try again in a moment")
            finished = [k for k, j in self.jobs.items() if j.status != RUNNING]
            for key in finished[: max(0, len(self.jobs) - MAX_JOBS + 1)]:
                del self.jobs[key]
            self.jobs[job.id] = job
        self.pool.submit(self._run, job, work)
        return job

    @staticmethod
    def _run(job: Job, work: Callable[[Callable[[int], None]], dict[str, Any]]) -> None:
        def progress(done: int) -> None:
            with job.lock:
                job.done = done

        try:
            result = work(progress)
        except Exception as exc:
            with job.lock:
                job.error, job.status = str(exc) or type(exc).__name__, FAILED
            return
        with job.lock:
            job.result, job.status = result, DONE

    def get(self, job_id: str) -> Job:
        with self.lock:
            job = self.jobs.get(job_id)
        if job is None:
            raise Unknown(f"no job {job_id!r} (it may have been forgotten; start it again)")
        return job
