"""Issue 13: background jobs always end, the queue is bounded and cleans itself; numbers typed
as text are bounded in length before they are converted (the CLI's seats)."""

from __future__ import annotations

import threading
import time

import pytest

from respublika.app.jobs import DONE, FAILED, RUNNING, Jobs
from respublika.errors import InputError


def wait(job):
    deadline = time.monotonic() + 20
    while job.to_dict()["status"] == RUNNING and time.monotonic() < deadline:
        time.sleep(0.01)
    return job.to_dict()


def test_any_exception_ends_the_job_as_failed_with_its_message():
    jobs = Jobs()

    def boom(progress):
        raise OverflowError("date value out of range")

    job = jobs.start(1, boom)
    ended = wait(job)
    assert ended["status"] == FAILED and ended["error"] == "date value out of range"
    assert wait(jobs.start(1, lambda p: {"ok": 1}))["status"] == DONE


def test_the_queue_is_bounded_and_refuses_more():
    jobs = Jobs(max_running=2)
    release = threading.Event()
    held = [jobs.start(1, lambda p: (release.wait(10), {})[1]) for _ in range(2)]
    with pytest.raises(InputError, match="too many jobs"):
        jobs.start(1, lambda p: {})
    release.set()
    assert all(wait(j)["status"] == DONE for j in held)
    assert wait(jobs.start(1, lambda p: {}))["status"] == DONE


def test_finished_jobs_are_forgotten_by_age_and_by_number():
    now = [0.0]
    jobs = Jobs(keep_seconds=60, max_jobs=3, clock=lambda: now[0])
    first = jobs.start(1, lambda p: {})
    wait(first)
    assert jobs.get(first.id) is first
    now[0] = 61.0
    with pytest.raises(InputError, match="no job"):
        jobs.get(first.id)
    for _ in range(5):
        wait(jobs.start(1, lambda p: {}))
    assert len(jobs) <= 3


def test_seats_command_refuses_numbers_too_long(respublika, tmp_path):
    votes = tmp_path / "v.csv"
    votes.write_text("A," + "9" * 5000 + "\nB,1\n", "utf-8")
    ran = respublika("seats", str(votes), "--seats", "10")
    assert ran.code != 0 and "more than 18 digits" in ran.out + ran.err and "Traceback" not in ran.err
    as_json = tmp_path / "v.json"
    as_json.write_text('{"A": ' + "9" * 5000 + ', "B": 1}', "utf-8")
    ran = respublika("seats", str(as_json), "--seats", "10")
    assert ran.code != 0 and "more than 18 digits" in ran.out + ran.err and "Traceback" not in ran.err
    votes.write_text("A,100\nB,50\n", "utf-8")
    for threshold in ("9" * 5000, "1/" + "9" * 5000, "0." + "9" * 5000):
        ran = respublika("seats", str(votes), "--seats", "10", "--threshold", threshold)
        assert ran.code != 0 and "too long" in ran.out + ran.err and "Traceback" not in ran.err
