"""The faster engine gives the same logs as release v0.1.0 (issue 18).

``data/v010_logs.json`` was generated once from the tag ``v0.1.0`` (``git worktree add
/tmp/v010 v0.1.0``, then the cases below run with ``PYTHONPATH=/tmp/v010/src``): for each
case the SHA-256 of ``json.dumps(result.log(), sort_keys=True)`` (every procedure event and
every simulation record), the sizes of the log and the summary.

The ``kz`` case runs ``data/kz-v0.1.0.toml``, the kz profile as released in v0.1.0 (the
profile itself changes as the real constitution's data grows; the engine must not change
what a given profile does). The seed cases use the shipped seed: a change of the seed's
rules would show here too (then regenerate the fixture from the tag with the new profile).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from respublika.simulate import SimParams, run_simulation

DATA = Path(__file__).parent / "data"
CASES: list[dict[str, Any]] = json.loads((DATA / "v010_logs.json").read_text())


@pytest.mark.parametrize("case", CASES, ids=[f"{c['profile']}-{c['seed']}-{c['years']}y" for c in CASES])
def test_same_log_as_v010(case: dict[str, Any]) -> None:
    profile = str(DATA / case["profile_file"]) if "profile_file" in case else case["profile"]
    r = run_simulation(profile, SimParams.from_dict(case["params"]), seed=case["seed"],
                       years=case["years"], overrides=case.get("overrides"), acts=case.get("acts"))
    log = r.log()
    assert (len(log["events"]), len(log["records"])) == (case["events"], case["records"])
    assert json.loads(json.dumps(r.summary(), default=str)) == case["summary"]
    digest = hashlib.sha256(json.dumps(log, sort_keys=True, default=str).encode()).hexdigest()
    assert digest == case["digest"]
