"""Independent runs on Dask: a local cluster on this machine's cores, or an existing one.

:func:`map_runs` applies a module-level function to a list of payloads and returns the
results in the payloads' order, whatever the number of workers or the order they finish
in. Each payload carries everything its run needs (the seed included), so a run's result
depends only on its payload: the same on one process, on a local cluster and on a cluster
of many machines.

- ``scheduler="tcp://HOST:PORT"``: a ``dask.distributed.Client`` on that scheduler (the
  workers must have ``respublika`` installed, the same version);
- else ``workers=1`` (or one payload): a plain loop in this process (no Dask at all);
- else a ``LocalCluster`` of ``workers`` processes (default: every core), one thread each,
  started for the call and closed after it.

This module starts no cluster at import and does no I/O of its own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_runs(fn: Callable[[T], R], payloads: Sequence[T], *, workers: int | None = None,
             scheduler: str | None = None, progress: Callable[[int, int, R], None] | None = None) -> list[R]:
    """``[fn(p) for p in payloads]``, in that order, on Dask (see the module docstring).

    ``progress(done, index, result)`` is called in this process as each result arrives."""
    n = len(payloads)
    if n == 0:
        return []
    if scheduler is None and ((workers or os.cpu_count() or 1) == 1 or n == 1):
        out: list[R] = []
        for i, p in enumerate(payloads):
            out.append(fn(p))
            if progress is not None:
                progress(i + 1, i, out[-1])
        return out
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=min(workers or os.cpu_count() or 1, n),  # type: ignore[no-untyped-call]
                               threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40)
        client = Client(cluster)  # type: ignore[no-untyped-call]
    else:
        client = Client(scheduler, timeout="30s")  # type: ignore[no-untyped-call]
    try:
        futures = client.map(fn, list(payloads), pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        results: dict[int, R] = {}
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            i = index[future.key]
            results[i] = future.result()
            if progress is not None:
                progress(len(results), i, results[i])
            future.release()
        return [results[i] for i in range(n)]
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()
