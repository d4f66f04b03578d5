"""Party-list proportional representation: a threshold wrapping a seat method.

:class:`PartyListRule` is the composed evaluator (threshold + method); :func:`allocate_seats`
is the one-call form taking plain parameters. Nothing here knows any country's numbers:
seats, method, threshold and its base come from the caller (the profile, for Kazakhstan).

The result, :class:`SeatAllocation`, gives the seats per list in input (registration) order,
the admitted lists, the quota (quota methods) or the last winning quotient (divisor
methods), every tie broken and how, and an ``explain`` list of cited steps.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from respublika.elections.base import SeatMethod
from respublika.elections.explain import Cites, Said, Step, all_cites, check_cites, cite_steps
from respublika.elections.inputs import VoteTable, seat_count, vote_table
from respublika.elections.inputs import share as read_share
from respublika.elections.registry import with_options
from respublika.elections.threshold import Threshold
from respublika.elections.ties import Tie, TieBreaker, TieRuleName
from respublika.exact import format_fraction


@dataclass(frozen=True)
class SeatAllocation:
    """The outcome of one party-list election.

    ``quota`` is the quota of a largest-remainder method and ``None`` for divisor methods;
    ``last_quotient`` is the smallest winning quotient of a divisor method and ``None`` for
    quota methods. ``threshold_base`` is the base the threshold was measured on and
    ``threshold_votes`` the least vote count that cleared it.
    """

    method: str
    total_seats: int
    votes: dict[str, int]
    seats: dict[str, int]
    eligible: tuple[str, ...]
    threshold: Fraction
    threshold_base: int
    threshold_votes: int
    quota: Fraction | None
    last_quotient: Fraction | None
    ties: tuple[Tie, ...]
    explain: tuple[Step, ...]
    cites: tuple[str, ...] = field(default=())

    def seat_list(self) -> list[int]:
        """Seats as a list in input order."""
        return list(self.seats.values())

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form; fractions are ``"p/q"`` strings."""
        return {
            "seats": dict(self.seats),
            "eligible": list(self.eligible),
            "quota": format_fraction(self.quota) if self.quota is not None else None,
            "ties": [t.to_dict() for t in self.ties],
            "explain": [s.to_dict() for s in self.explain],
            "method": self.method,
            "total_seats": self.total_seats,
            "votes": dict(self.votes),
            "threshold": format_fraction(self.threshold),
            "threshold_base": self.threshold_base,
            "threshold_votes": self.threshold_votes,
            "last_quotient": (
                format_fraction(self.last_quotient) if self.last_quotient is not None else None
            ),
            "cites": list(self.cites),
        }


@dataclass(frozen=True)
class PartyListRule:
    """A seat method wrapped by a threshold: the composed party-list evaluator."""

    method: SeatMethod
    threshold: Threshold = field(default_factory=Threshold)
    # A list admitted only by the runner-up rule: its seats are the integer part of
    # ``runner_up_factor`` x its votes / the quota (sum of the admitted votes / seats), at
    # least ``runner_up_min_seats``; the other admitted lists share the rest by the method.
    runner_up_factor: Fraction | None = None
    runner_up_min_seats: int = 0

    def evaluate(
        self,
        votes: VoteTable,
        seats: int,
        *,
        ties: TieRuleName = "order",
        seed: int | None = None,
        cites: Cites = None,
        salt: str = "",
        alliances: Collection[str] = (),
        district_won: Mapping[str, int] | None = None,
    ) -> SeatAllocation:
        """Admit lists by the threshold, then divide ``seats`` among them by the method.

        ``alliances``: the lists that are alliances of parties; ``district_won``: district
        seats won per list (see :class:`~respublika.elections.threshold.Threshold`)."""
        table = vote_table(votes)
        total_seats = seat_count(seats)
        cites = check_cites(cites)
        breaker = TieBreaker(ties, seed, salt)
        parties = [p for p, _ in table]
        counts = [v for _, v in table]
        admission = self.threshold.admit(
            parties, counts, breaker, alliances=alliances, district_won=district_won
        )
        chosen = [i for i, ok in enumerate(admission.admitted) if ok]
        won = dict.fromkeys(parties, 0)
        corrected: list[tuple[str, str]] = []
        runner = admission.runner_up
        if runner is not None and (self.runner_up_factor is not None or self.runner_up_min_seats):
            r = parties.index(runner)
            factor = Fraction(1) if self.runner_up_factor is None else self.runner_up_factor
            first_quota = Fraction(sum(counts[i] for i in chosen), total_seats)
            r_seats = min(total_seats, max(self.runner_up_min_seats, int(factor * counts[r] / first_quota)))
            won[runner] = r_seats
            corrected.append((
                "seats",
                f"The runner-up {runner}: {counts[r]:,} votes / the first quota "
                f"{format_fraction(first_quota)} x {format_fraction(factor)} = "
                f"{format_fraction(factor * counts[r] / first_quota)}; integer part, at least "
                f"{self.runner_up_min_seats}: {r_seats} seat{'s' if r_seats != 1 else ''}.",
            ))
            chosen = [i for i in chosen if i != r]
            total_seats_rest = total_seats - r_seats
        else:
            total_seats_rest = total_seats
        outcome = self.method.apportion(
            [parties[i] for i in chosen], [counts[i] for i in chosen], total_seats_rest, breaker
        )
        for i, n in zip(chosen, outcome.seats, strict=True):
            won[parties[i]] = n
        if runner is not None and corrected:
            chosen = sorted([*chosen, parties.index(runner)])
        summary = Said("Result: {seats}.", seats=", ".join(f"{p} {n}" for p, n in won.items() if n))
        steps = [*admission.steps, *corrected, *outcome.steps, ("result", summary)]
        steps += [("tie", t.describe()) for t in breaker.ties]
        return SeatAllocation(
            method=self.method.name,
            total_seats=total_seats,
            votes=dict(table),
            seats=won,
            eligible=tuple(parties[i] for i in chosen),
            threshold=self.threshold.share,
            threshold_base=admission.base,
            threshold_votes=admission.required,
            quota=outcome.quota,
            last_quotient=outcome.last_quotient,
            ties=tuple(breaker.ties),
            explain=cite_steps(steps, cites),
            cites=all_cites(cites),
        )


def allocate_seats(
    votes: VoteTable,
    seats: int,
    method: str | SeatMethod = "hare",
    *,
    threshold: Fraction | str | int = 0,
    base_extra: int = 0,
    runner_up: bool = False,
    ties: TieRuleName = "order",
    seed: int | None = None,
    cites: Cites = None,
    first_divisor: Fraction | str | int | None = None,
    quota_rounding: str | None = None,
    threshold_votes: int = 0,
    alliance_threshold: Fraction | str | int | None = None,
    alliances: Collection[str] = (),
    district_seats: int | None = None,
    district_won: Mapping[str, int] | None = None,
    runner_up_factor: Fraction | str | int | None = None,
    runner_up_min_seats: int | None = None,
) -> SeatAllocation:
    """Allocate ``seats`` among party lists in one call.

    ``votes``: ``{party: votes}`` or ``[(party, votes), ...]`` in registration order.
    ``method``: a registered name or alias (:func:`~respublika.elections.registry.method_names`)
    or a :class:`~respublika.elections.base.SeatMethod`. ``threshold``: a share in [0, 1)
    (``Fraction``, ``"7/100"``, ``"7%"``; 0 = none), inclusive, measured on the sum of the
    list votes plus ``base_extra``. ``runner_up``: admit the next list if only one clears the
    threshold. ``ties``: ``"order"`` (registration order) or ``"lot"`` (needs ``seed``).
    ``cites``: references attached to the explanation steps (see
    :mod:`respublika.elections.explain`).

    Method options: ``first_divisor`` (a divisor method's first divisor, e.g. ``"1.4"``) and
    ``quota_rounding`` (``exact``, ``floor``, ``round``, ``ceil``). Threshold options:
    ``threshold_votes`` (an absolute minimum), ``alliance_threshold`` (the share the lists
    named in ``alliances`` need instead), ``district_seats`` (a list that won at least this
    many district seats, ``district_won[list]``, is admitted whatever its votes).
    ``runner_up_factor`` / ``runner_up_min_seats``: a list admitted only by the runner-up
    rule gets ``max(min, floor(factor x votes / quota))`` seats, the others the rest.
    """
    chosen = with_options(method, first_divisor=first_divisor, quota_rounding=quota_rounding)
    limit = Threshold(
        read_share(threshold), base_extra, runner_up, threshold_votes,
        None if alliance_threshold is None else read_share(alliance_threshold, what="alliance threshold"),
        district_seats,
    )
    factor = None if runner_up_factor is None else read_share(runner_up_factor, what="runner-up factor")
    return PartyListRule(chosen, limit, factor, runner_up_min_seats or 0).evaluate(
        votes, seats, ties=ties, seed=seed, cites=cites, alliances=alliances, district_won=district_won
    )
