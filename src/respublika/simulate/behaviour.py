"""Behaviour models: small protocols with simple defaults; pass your own to the simulation.

Each model gets the simulation's ``numpy.random.Generator`` and must draw from it only (so
runs stay reproducible) and keep no state of its own (the simulation's state is saved and
resumed; a model's is not).

* :class:`Voters` - the parties' national shares drift between elections:
  ``shares' = Dirichlet(drift * shares)`` once a year (a Dirichlet random walk; larger
  ``drift`` = steadier voters).
* :class:`Bills` - bills arrive as a Poisson process (``rate`` a year); each has an
  initiator (weights ``initiators``, restricted to the profile's choices), a budget flag
  (``budget_share``) and a position: near the President's for the President's and the
  Government's bills, near a party's (chosen by seats) for deputies' bills, with spread
  ``bill_spread``, clipped to [-1, 1].
* :class:`Voting` - a chamber votes by blocs: a bloc's line is *yes* when its position is
  within ``tolerance`` of the bill's; each member abstains with probability ``abstain``,
  follows the line with probability ``discipline`` and otherwise votes by distance
  (*yes* with probability ``1 / (1 + exp((distance - tolerance) / scale))``). One
  uniform draw per member and division (numpy's), counted member by member (compiled, a
  loop over 100-odd floats is faster than numpy's calls on arrays that small).
* :class:`Executive` - the President signs when the bill is within ``president_tolerance``
  (the same logistic), else vetoes; stays silent with probability ``president_silence``.
  The Government approves a budget bill by the same rule with ``government_tolerance``
  around the President's position (the President appoints it).
* :class:`Crises` - crises arrive as a Poisson process (``crisis_rate`` a year) and last
  ``Exponential(crisis_days)`` days; in a crisis the President tries to dissolve Parliament
  with probability ``dissolve_chance``, ``Exponential(dissolve_days)`` days in.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Final, Protocol

import numpy as np
from numpy.typing import NDArray

from respublika.simulate.params import SimParams

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class Bloc:
    """Members of a chamber who share a line: a party, or appointees, or a body's delegates."""

    name: str
    seats: int
    position: float
    discipline: float


@dataclass(frozen=True, init=False)
class BillDraft:
    initiator: str
    budget: bool
    position: float

    def __init__(self, initiator: str, budget: bool, position: float) -> None:
        # written out: compiled, a C constructor (see procedure.model)
        object.__setattr__(self, "initiator", initiator)
        object.__setattr__(self, "budget", budget)
        object.__setattr__(self, "position", position)

    def __reduce__(self) -> tuple[Any, ...]:
        return BillDraft, (self.initiator, self.budget, self.position)


class VoterModel(Protocol):
    def drift(self, shares: Floats, rng: np.random.Generator) -> Floats:
        """The shares a year later (non-negative, summing to one)."""
        ...


class BillModel(Protocol):
    def arrivals(self, days: int, rng: np.random.Generator) -> list[int]:
        """Day offsets (0 .. days-1, sorted) of the bills arriving in a year of ``days``."""
        ...

    def draft(self, initiators: Sequence[str], president: float, blocs: Sequence[Bloc],
              rng: np.random.Generator) -> BillDraft:
        """A new bill: initiator (one of ``initiators``), budget flag, position."""
        ...


class VotingModel(Protocol):
    def division(self, blocs: Sequence[Bloc], position: float, rng: np.random.Generator) -> tuple[int, int, int]:
        """``(for, against, abstain)`` of a chamber made of ``blocs`` on a matter at ``position``."""
        ...


class ExecutiveModel(Protocol):
    def silent(self, rng: np.random.Generator) -> bool:
        """Does the President let the deadline pass?"""
        ...

    def signs(self, president: float, position: float, rng: np.random.Generator) -> bool:
        ...

    def approves(self, government: float, position: float, rng: np.random.Generator) -> bool:
        ...


class CrisisModel(Protocol):
    def arrivals(self, days: int, rng: np.random.Generator) -> list[int]:
        ...

    def duration(self, rng: np.random.Generator) -> int:
        """Days until the crisis is declared over."""
        ...

    def dissolution(self, rng: np.random.Generator) -> int | None:
        """Days into the crisis when the President tries to dissolve, or ``None``."""
        ...


def _logistic(distance: float, tolerance: float, scale: float) -> float:
    """The probability of *yes* at ``distance``: 1/2 at ``tolerance``, steeper for small ``scale``."""
    z = (distance - tolerance) / scale
    return 0.0 if z > 700 else 1.0 / (1.0 + math.exp(z))


def _poisson_days(rate: float, days: int, rng: np.random.Generator) -> list[int]:
    n = int(rng.poisson(rate * days / 365.25)) if rate > 0 else 0
    return sorted(int(d) for d in rng.integers(0, days, size=n)) if n else []


class Voters:
    def __init__(self, params: SimParams) -> None:
        self.concentration = params.drift

    def drift(self, shares: Floats, rng: np.random.Generator) -> Floats:
        if self.concentration <= 0:
            return shares
        alpha = np.maximum(self.concentration * shares, 1e-3)
        return np.asarray(rng.dirichlet(alpha), dtype=np.float64)


class Bills:
    def __init__(self, params: SimParams) -> None:
        self.params = params
        self._cum: dict[tuple[str, ...], list[float]] = {}
        self._seats: dict[tuple[Bloc, ...], tuple[list[Bloc], list[float]]] = {}
        self._seen: dict[int, tuple[Sequence[Bloc], tuple[list[Bloc], list[float]]]] = {}

    def arrivals(self, days: int, rng: np.random.Generator) -> list[int]:
        return _poisson_days(self.params.rate, days, rng)

    def _initiator(self, initiators: Sequence[str], rng: np.random.Generator) -> str:
        key = tuple(initiators)
        if key not in self._cum:
            weights = [max(self.params.initiators.get(i, 0.0), 0.0) for i in initiators]
            if sum(weights) <= 0:
                weights = [1.0] * len(initiators)
            self._cum[key] = list(np.cumsum(weights) / sum(weights))
        return initiators[_pick(self._cum[key], rng)]

    def _by_seats(self, blocs: Sequence[Bloc]) -> tuple[list[Bloc], list[float]]:
        """The blocs with seats and their running seat shares (cached per list of blocs)."""
        hit = self._seen.get(id(blocs))
        if hit is not None and hit[0] is blocs:  # the same list as before: a chamber not changed since
            return hit[1]
        key = tuple(blocs)
        if key not in self._seats:
            parties = [b for b in blocs if b.seats > 0]
            total = sum(b.seats for b in parties) or 1
            running, cum = 0, []
            for b in parties:
                running += b.seats
                cum.append(running / total)
            if len(self._seats) > 64:
                self._seats.clear()
            self._seats[key] = (parties, cum)
        if len(self._seen) > 64:
            self._seen.clear()
        self._seen[id(blocs)] = (blocs, self._seats[key])
        return self._seats[key]

    def draft(self, initiators: Sequence[str], president: float, blocs: Sequence[Bloc],
              rng: np.random.Generator) -> BillDraft:
        p = self.params
        initiator = self._initiator(initiators, rng)
        budget = bool(rng.random() < p.budget_share)
        centre = president
        if initiator in p.party_initiators:
            parties, cum = self._by_seats(blocs)
            if parties:
                centre = parties[_pick(cum, rng)].position
        position = min(1.0, max(-1.0, float(rng.normal(centre, p.bill_spread))))
        return BillDraft(initiator, budget, position)


def _pick(cumulative: Sequence[float], rng: np.random.Generator) -> int:
    """An index drawn with the probabilities whose running sums are ``cumulative``."""
    return min(bisect.bisect_right(cumulative, rng.random()), len(cumulative) - 1)


class Voting:
    """One uniform draw per member and division, the members bloc by bloc.

    A member of a bloc with discipline ``d`` whose line is ``L`` (1 for *yes*) abstains with
    probability ``a`` and otherwise votes *yes* with probability ``d * L + (1 - d) * own``,
    ``own`` the logistic of the distance (the two stages of the module docstring, drawn at
    once: *yes* when ``u < (1 - a) * (d * L + (1 - d) * own)``, abstains when ``u >= 1 - a``).
    """

    def __init__(self, params: SimParams) -> None:
        self.tolerance = params.tolerance
        self.scale = params.scale
        self.abstain = params.abstain
        self._members: dict[tuple[Bloc, ...], tuple[list[int], int]] = {}
        self._seen: dict[int, tuple[Sequence[Bloc], tuple[list[int], int]]] = {}

    def _index(self, blocs: Sequence[Bloc]) -> tuple[list[int], int]:
        """The blocs' seats (none below 0) and their sum (cached per list of blocs)."""
        hit = self._seen.get(id(blocs))
        if hit is not None and hit[0] is blocs:  # the same list as before: a chamber not changed since
            return hit[1]
        key = tuple(blocs)
        if key not in self._members:
            seats = [max(b.seats, 0) for b in blocs]
            if len(self._members) > 256:
                self._members.clear()
            self._members[key] = (seats, sum(seats))
        if len(self._seen) > 64:
            self._seen.clear()
        self._seen[id(blocs)] = (blocs, self._members[key])
        return self._members[key]

    def division(self, blocs: Sequence[Bloc], position: float, rng: np.random.Generator) -> tuple[int, int, int]:
        seats, n = self._index(blocs)
        if n == 0:
            return 0, 0, 0
        a, tol = self.abstain, self.tolerance
        u: list[float] = rng.random(n).tolist()  # one draw per member, the members bloc by bloc
        cut = 1.0 - a
        f = absent = i = 0
        for b, k in zip(blocs, seats, strict=True):
            distance = abs(b.position - position)
            line = 1.0 if distance <= tol else 0.0
            yes = (1.0 - a) * (b.discipline * line + (1.0 - b.discipline) * _logistic(distance, tol, self.scale))
            end = i + k
            while i < end:  # (a loop over floats: compiled, faster than numpy on 100-odd members; no slice)
                x = u[i]
                if x < yes:
                    f += 1
                if x >= cut:
                    absent += 1
                i += 1
        return f, n - f - absent, absent


class Executive:
    def __init__(self, params: SimParams) -> None:
        self.params = params

    def silent(self, rng: np.random.Generator) -> bool:
        return bool(rng.random() < self.params.president_silence)

    def signs(self, president: float, position: float, rng: np.random.Generator) -> bool:
        p = _logistic(abs(president - position), self.params.president_tolerance, self.params.scale)
        return bool(rng.random() < p)

    def approves(self, government: float, position: float, rng: np.random.Generator) -> bool:
        p = _logistic(abs(government - position), self.params.government_tolerance, self.params.scale)
        return bool(rng.random() < p)


class Crises:
    def __init__(self, params: SimParams) -> None:
        self.params = params

    def arrivals(self, days: int, rng: np.random.Generator) -> list[int]:
        return _poisson_days(self.params.crisis_rate, days, rng)

    def duration(self, rng: np.random.Generator) -> int:
        return 1 + int(rng.exponential(self.params.crisis_days))

    def dissolution(self, rng: np.random.Generator) -> int | None:
        if rng.random() >= self.params.dissolve_chance:
            return None
        return 1 + int(rng.exponential(self.params.dissolve_days))


@dataclass(frozen=True)
class Behaviour:
    """The models one simulation uses (any may be replaced by an object with the same methods)."""

    voters: VoterModel
    bills: BillModel
    voting: VotingModel
    executive: ExecutiveModel
    crises: CrisisModel

    @classmethod
    def default(cls, params: SimParams) -> Behaviour:
        return cls(Voters(params), Bills(params), Voting(params), Executive(params), Crises(params))


_SPANS: Final = tuple(timedelta(days=n) for n in range(4096))


def days_of(n: int) -> timedelta:
    """``timedelta(days=n)``, the common spans made once (a run adds thousands a year)."""
    return _SPANS[n] if 0 <= n < 4096 else timedelta(days=n)


def delay(mean_days: float, rng: np.random.Generator, latest: int | None = None) -> int:
    """Whole days until an actor acts: ``1 + Exponential(mean)``, at most ``latest``."""
    days = 1 + int(rng.exponential(mean_days))
    return days if latest is None else max(1, min(days, latest))


def positions_of(blocs: Sequence[Bloc]) -> Mapping[str, float]:
    return {b.name: b.position for b in blocs}
