"""Majority elections with a runoff of the two leading candidates.

Used for a directly elected head of state and for senators elected by electors (the
deputies of a local assembly). First round: a candidate with *more than half* of the base
is elected (``2 * votes > base``, integers). The base is configurable:

* by default, the candidates' votes plus ``base_extra`` (e.g. "against all", which counts
  in the base but elects no one);
* or ``electors``: a given number, e.g. all ballots cast or all electors who took part
  (it must be at least the candidates' votes plus ``base_extra``).

Otherwise the two leading candidates go to a runoff. Equal votes for a runoff place are a
tie, settled by the tie rule (registration order or seeded lot) and reported. With a single
candidate who misses the majority there is no winner and no runoff (``"no winner"``).

:func:`runoff` (or :meth:`MajorityResult.runoff`) decides the second round: the candidate
with more votes than the other wins; with ``require_majority`` they must also have more
than half of the runoff base. An exact tie is reported as ``"tied"`` with no winner, unless
a tie rule (``"order"`` or ``"lot"``) is given to break it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from respublika.elections.explain import (
    Cites,
    Said,
    Step,
    all_cites,
    check_cites,
    cite_steps,
    percent,
)
from respublika.elections.inputs import VoteTable, vote_table, whole_number
from respublika.elections.ties import Tie, TieBreaker, TieRuleName
from respublika.errors import InputError
from respublika.exact import required_count

FirstRoundStatus = Literal["elected", "runoff", "no winner"]
RunoffStatus = Literal["elected", "tied", "no winner"]
HALF = Fraction(1, 2)


def _base(votes: list[tuple[str, int]], base_extra: int, electors: int | None) -> tuple[int, Said]:
    extra = whole_number(base_extra, what="base_extra")
    counted = sum(v for _, v in votes) + extra
    if electors is None:
        base, label = counted, (Said("votes for the candidates + {extra} other", extra=extra) if extra
                                else Said("votes for the candidates"))
    else:
        base = whole_number(electors, what="electors")
        label = Said("electors / ballots taking part")
        if base < counted:
            raise InputError(f"electors ({base:,}) is smaller than the votes counted ({counted:,})")
    if base == 0:
        raise InputError("no votes were cast; there is no majority to find")
    return base, label


def _share(votes: int, base: int) -> str:
    return percent(Fraction(votes, base), 2)


@dataclass(frozen=True)
class RunoffResult:
    """The second round: ``winner`` is ``None`` when ``status`` is ``"tied"`` or ``"no winner"``."""

    status: RunoffStatus
    winner: str | None
    votes: dict[str, int]
    base: int
    ties: tuple[Tie, ...]
    explain: tuple[Step, ...]
    cites: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "status": self.status,
            "winner": self.winner,
            "votes": dict(self.votes),
            "base": self.base,
            "ties": [t.to_dict() for t in self.ties],
            "explain": [s.to_dict() for s in self.explain],
            "cites": list(self.cites),
        }


@dataclass(frozen=True)
class MajorityResult:
    """The first round. ``runoff_candidates`` is set (two names) when ``status == "runoff"``."""

    status: FirstRoundStatus
    winner: str | None
    runoff_candidates: tuple[str, ...]
    votes: dict[str, int]
    base: int
    needed: int
    ties: tuple[Tie, ...]
    explain: tuple[Step, ...]
    cites: tuple[str, ...] = ()
    tie_rule: TieRuleName = "order"
    seed: int | None = None
    salt: str = ""

    def runoff(
        self,
        second_round: VoteTable,
        *,
        base_extra: int = 0,
        electors: int | None = None,
        require_majority: bool = False,
        ties: TieRuleName | Literal["none"] = "none",
        cites: Cites = None,
    ) -> RunoffResult:
        """Decide the runoff this first round called for."""
        if self.status != "runoff":
            raise InputError(f"no runoff is needed: the first round's outcome is {self.status!r}")
        return runoff(
            self.runoff_candidates,
            second_round,
            base_extra=base_extra,
            electors=electors,
            require_majority=require_majority,
            ties=ties,
            seed=self.seed,
            salt=self.salt,
            cites=cites if cites is not None else list(self.cites) or None,
        )

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "status": self.status,
            "winner": self.winner,
            "runoff": list(self.runoff_candidates),
            "votes": dict(self.votes),
            "base": self.base,
            "needed": self.needed,
            "ties": [t.to_dict() for t in self.ties],
            "explain": [s.to_dict() for s in self.explain],
            "cites": list(self.cites),
        }


def majority_runoff(
    first_round: VoteTable,
    *,
    base_extra: int = 0,
    electors: int | None = None,
    ties: TieRuleName = "order",
    seed: int | None = None,
    salt: str = "",
    cites: Cites = None,
) -> MajorityResult:
    """First round of a majority election: elected, or which two go to the runoff."""
    table = vote_table(first_round, what="first round")
    cites = check_cites(cites)
    base, label = _base(table, base_extra, electors)
    needed = required_count(base, HALF, strict=True)
    breaker = TieBreaker(ties, seed, salt)
    names = [c for c, _ in table]
    votes = dict(table)
    ranked = sorted(range(len(table)), key=lambda i: (-table[i][1], i))
    steps: list[tuple[str, str]] = [
        (
            "majority",
            Said("Base = {label} = {base}; more than half is {needed} votes. {candidates}.", label=label,
                 base=base, needed=needed,
                 candidates=[Said("{candidate} {votes} ({share})", candidate=names[i], votes=table[i][1],
                                  share=_share(table[i][1], base)) for i in ranked]),
        )
    ]
    leader, top = table[ranked[0]]
    status: FirstRoundStatus
    winner: str | None = None
    pair: tuple[str, ...] = ()
    if top >= needed:
        status, winner = "elected", leader
        steps.append(("majority", Said("{candidate} has more than half ({votes} >= {needed}): elected.",
                                       candidate=leader, votes=top, needed=needed)))
    elif len(table) < 2:
        status = "no winner"
        steps.append(
            ("majority", Said("{candidate}, the only candidate, misses the majority: no one is elected.",
                              candidate=leader))
        )
    else:
        second = table[ranked[1]][1]
        above = [names[i] for i in ranked if table[i][1] > second]
        level = [c for c, v in table if v == second]
        picked = breaker.choose("runoff place", second, level, 2 - len(above))
        pair = tuple(c for c in names if c in above or c in picked)
        status = "runoff"
        steps.append(
            (
                "runoff",
                Said("No candidate has more than half; the two leading candidates, {first} and {second}, "
                     "go to a runoff.", first=pair[0], second=pair[1]),
            )
        )
    steps += [("tie", t.describe()) for t in breaker.ties]
    return MajorityResult(
        status=status,
        winner=winner,
        runoff_candidates=pair,
        votes=votes,
        base=base,
        needed=needed,
        ties=tuple(breaker.ties),
        explain=cite_steps(steps, cites),
        cites=all_cites(cites),
        tie_rule=ties,
        seed=seed,
        salt=salt,
    )


def runoff(
    candidates: Sequence[str],
    second_round: VoteTable,
    *,
    base_extra: int = 0,
    electors: int | None = None,
    require_majority: bool = False,
    ties: TieRuleName | Literal["none"] = "none",
    seed: int | None = None,
    salt: str = "",
    cites: Cites = None,
) -> RunoffResult:
    """Second round between ``candidates`` (two names, in registration order)."""
    pair = list(candidates)
    if len(pair) != 2 or pair[0] == pair[1]:
        raise InputError(f"a runoff needs two different candidates, got {pair!r}")
    table = vote_table(second_round, what="runoff")
    given = [c for c, _ in table]
    if sorted(given) != sorted(pair):
        raise InputError(
            f"runoff votes must be for exactly {pair[0]!r} and {pair[1]!r}, got {given!r}"
        )
    cites = check_cites(cites)
    votes = dict(table)
    base, label = _base(table, base_extra, electors)
    a, b = (votes[c] for c in pair)
    steps: list[tuple[str, str]] = [
        (
            "runoff",
            Said("Runoff: {first} {a} ({a_share}), {second} {b} ({b_share}); base = {label} = {base}.",
                 first=pair[0], a=a, a_share=_share(a, base), second=pair[1], b=b, b_share=_share(b, base),
                 label=label, base=base),
        )
    ]
    breaker = TieBreaker("order" if ties == "none" else ties, seed, salt + "/runoff")
    status: RunoffStatus
    winner: str | None
    if a == b and ties == "none":
        status, winner = "tied", None
        steps.append(("runoff", Said("Exact tie at {votes} votes each: no winner under the rule given.", votes=a)))
    else:
        winner = pair[0] if a > b else pair[1] if b > a else breaker.choose("runoff", a, pair, 1)[0]
        status = "elected"
        steps.append(("runoff", Said("{candidate} has more votes than the other candidate.", candidate=winner)))
        needed = required_count(base, HALF, strict=True)
        if require_majority and votes[winner] < needed:
            status, winner = "no winner", None
            steps.append(
                (
                    "runoff",
                    Said("But more than half of {base} ({needed}) is required: no one is elected.", base=base,
                         needed=needed),
                )
            )
        elif winner is not None:
            steps.append(("runoff", Said("{candidate} is elected.", candidate=winner)))
    steps += [("tie", t.describe()) for t in breaker.ties]
    return RunoffResult(
        status=status,
        winner=winner,
        votes=votes,
        base=base,
        ties=tuple(breaker.ties),
        explain=cite_steps(steps, cites),
        cites=all_cites(cites),
    )
