"""Elections in the simulation: votes drawn from the voters' shares, counted by the
elections engine under the profile's rules (method, threshold, base, ties, seats).

* party-list PR (``direct_pr``): national votes ``Multinomial(turnout, shares)`` counted
  by :func:`~respublika.elections.allocate_seats`;
* local bodies (``seats_per_body``): each unit's shares are ``Dirichlet(regional *
  shares)`` around the national ones, all units counted at once by
  :func:`~respublika.elections.allocate_many`;
* the head of state (``majority_runoff``): a candidate per party with at least
  ``candidate_share``; other parties' voters vote for the nearest candidate; a runoff
  moves the eliminated candidates' voters to the nearer of the two;
* seats per unit elected by electors (``indirect_unit``): the unit's local body's deputies
  vote for their party's candidate (:func:`~respublika.elections.senate_class_election`),
  a runoff as above; directly (``direct``): the unit's voters;
* a body's vote (``assembly``): :func:`~respublika.elections.assembly_election` over
  candidates drawn by its members; the seats form a bloc.

Ties by lot use seeds drawn from the simulation's generator, so runs stay reproducible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from respublika.elections import (
    allocate_many,
    allocate_seats,
    assembly_election,
    majority_runoff,
    senate_class_election,
)
from respublika.elections.majority import MajorityResult
from respublika.elections.profiled import list_options
from respublika.elections.registry import vectorized_names
from respublika.errors import InputError
from respublika.profile.schema import ElectionRule, Profile
from respublika.simulate.params import SimParams

Floats = NDArray[np.float64]


def _seed(rng: np.random.Generator) -> int:
    return int(rng.integers(0, 2**31 - 1))


def ballots(params: SimParams, scale: float = 1.0) -> int:
    return max(1, int(params.electorate * params.turnout * scale))


def national_votes(rng: np.random.Generator, shares: Floats, params: SimParams, scale: float = 1.0) -> list[int]:
    """Votes per party: ``Multinomial(ballots, shares)``."""
    return [int(v) for v in rng.multinomial(ballots(params, scale), shares)]


def party_list(rule: ElectionRule, seats: int, names: Sequence[str], votes: Sequence[int],
               rng: np.random.Generator, against_all: int = 0) -> dict[str, int]:
    """Seats per party under the rule (threshold, method, base, runner-up, ties)."""
    seed = _seed(rng)
    try:
        result = allocate_seats(list(zip(names, votes, strict=True)), seats, seed=seed,
                                **list_options(rule, against_all))
    except InputError:  # no list admitted: nobody is elected
        return {}
    return {p: n for p, n in result.seats.items() if n}


def local_bodies(rule: ElectionRule, units: Sequence[str], shares: Floats, params: SimParams,
                 rng: np.random.Generator, all_units: int, names: Sequence[str]) -> dict[str, dict[str, int]]:
    """Seats per party in each unit's body (``rule.seats_per_body`` each)."""
    seats = rule.seats_per_body or rule.seats or 1
    if not units:
        return {}
    alpha = np.maximum(params.regional * shares, 1e-3) if params.regional > 0 else None
    local = np.vstack([rng.dirichlet(alpha) if alpha is not None else shares for _ in units])
    votes = np.vstack([rng.multinomial(ballots(params, 1 / max(all_units, 1)), row) for row in local])
    out: dict[str, dict[str, int]] = {}
    if rule.ties == "order" and (rule.method or "hare") in vectorized_names():
        try:
            table = allocate_many(votes, seats, rule.method or "hare", threshold=rule.threshold or 0)
        except InputError:
            table = None
        if table is not None:
            for u, row in zip(units, table, strict=True):
                out[u] = {names[j]: int(n) for j, n in enumerate(row) if n}
            return out
    for u, row in zip(units, votes, strict=True):
        out[u] = party_list(rule, seats, names, [int(v) for v in row], rng)
    return out


def _nearest(position: float, candidates: Sequence[str], positions: Mapping[str, float]) -> str:
    return min(candidates, key=lambda c: (abs(positions[c] - position), list(candidates).index(c)))


def _transfer(votes: Mapping[str, int], pair: Sequence[str], positions: Mapping[str, float]) -> dict[str, int]:
    """Second round: each first-round candidate's voters go to the nearer of ``pair``."""
    second = dict.fromkeys(pair, 0)
    for name, n in votes.items():
        target = name if name in pair else _nearest(positions[name], pair, positions)
        second[target] += n
    return second


def _majority(rule: ElectionRule, table: dict[str, int], positions: Mapping[str, float],
              rng: np.random.Generator, extra: int = 0, electors: int | None = None,
              ) -> tuple[str | None, MajorityResult, dict[str, int] | None]:
    first = majority_runoff(table, base_extra=extra, electors=electors, ties=rule.ties, seed=_seed(rng))
    if first.status != "runoff" or rule.runoff == "none":
        return first.winner, first, None
    second = _transfer(table, first.runoff_candidates, positions)
    result = first.runoff(second, base_extra=extra if electors is None else 0, electors=electors,
                          ties=rule.ties)
    return result.winner, first, second


def head_of_state(rule: ElectionRule, names: Sequence[str], shares: Floats, positions: Mapping[str, float],
                  params: SimParams, rng: np.random.Generator) -> tuple[str | None, dict[str, Any]]:
    """The winner (a party's candidate) and a JSON-ready summary of the count."""
    total = ballots(params)
    against = int(rng.binomial(total, params.against_all))
    votes = dict(zip(names, (int(v) for v in rng.multinomial(total - against, shares)), strict=True))
    ranked = sorted(names, key=lambda n: -votes[n])
    standing = [n for n in names if votes[n] >= params.candidate_share * total] or ranked[:1]
    if len(standing) < 2 and len(ranked) > 1:
        standing = [n for n in names if n in ranked[:2]]
    table = dict.fromkeys(standing, 0)
    for name, n in votes.items():
        table[name if name in table else _nearest(positions[name], standing, positions)] += n
    base = rule.majority_base
    extra = against if base in (None, "valid_including_against_all") else 0
    electors = total if base in ("all_ballots_cast", "electors") else None
    winner, first, second = _majority(rule, table, positions, rng, extra, electors)
    return winner, {"first_round": first.votes, "against_all": against, "status": first.status,
                    "runoff": second, "winner": winner}


def unit_seats(rule: ElectionRule, units: Sequence[str], seats_per_unit: int,
               tables: Mapping[str, dict[str, int]], positions: Mapping[str, float],
               rng: np.random.Generator, by_electors: bool) -> dict[str, dict[str, int]]:
    """Seats per party in each unit; ``tables[unit]`` are the votes (or electors) per party."""
    out: dict[str, dict[str, int]] = {}
    for unit in units:
        table = {p: n for p, n in tables.get(unit, {}).items() if n > 0}
        if not table:
            out[unit] = {}
            continue
        if seats_per_unit == 1:
            electors = sum(table.values()) if by_electors and rule.majority_base == "electors" else None
            if by_electors:
                first = senate_class_election({unit: table}, electors=None if electors is None else {unit: electors},
                                              ties=rule.ties, seed=_seed(rng))
                pending = first.pending
                if pending and rule.runoff != "none":
                    second = {unit: _transfer(table, pending[unit], positions)}
                    first = first.with_runoffs(second, electors=None if electors is None else {unit: electors},
                                               ties=rule.ties)
                winner = first.elected.get(unit)
            else:
                winner, _, _ = _majority(rule, table, positions, rng)
            out[unit] = {winner: 1} if winner else {}
        else:
            out[unit] = party_list(rule, seats_per_unit, list(table), list(table.values()), rng)
    return out


def body_vote(rule: ElectionRule, seats: int, electors: int, params: SimParams,
              rng: np.random.Generator) -> int:
    """A body (e.g. the Assembly) elects ``seats`` members over candidates; returns how many
    were elected (its seats form a bloc)."""
    candidates = max(params.assembly_candidates, seats)
    votes = rng.multinomial(max(electors, 1), rng.dirichlet(np.ones(candidates)))
    table = {f"candidate {i + 1}": int(v) for i, v in enumerate(votes)}
    result = assembly_election(table, seats, seed=_seed(rng), ties=rule.ties)
    return len(result.elected)


def profile_election(profile: Profile, election: str | None) -> ElectionRule | None:
    return profile.elections.get(election or "")
