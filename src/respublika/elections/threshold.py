"""The threshold component: which lists are admitted to the seat distribution.

A list is admitted when its votes are *at least* ``share`` of the base (inclusive: exactly
7.000 % passes a 7 % threshold). The base is the sum of all the lists' votes plus
``base_extra``, votes that count in the base only (e.g. "against all"). The comparison is
``votes * q >= p * base`` for ``share = p/q``, in integers. A list with no votes is never
admitted.

Further optional rules, each off by default:

* ``votes``: an absolute minimum; a list needs at least this many votes (as well as the
  share, when both are set).
* ``alliance_share``: the share an *alliance* (a list of several parties, declared with the
  votes) needs instead of ``share``, e.g. 7 % for coalitions in Slovakia.
* ``district_seats``: an alternative qualification: a list that won at least this many
  district seats (given per list with the votes) is admitted whatever its votes, e.g. "5 %
  or 3 constituency seats" in Germany.

Optional rule ``runner_up`` (off by default): if exactly one list clears the threshold, the
list with the next largest vote is admitted too (equal votes for that place are a tie,
settled by the tie rule). Whatever the law adds on top (correction factors, guaranteed
seats) is not modelled here.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from respublika.elections.explain import Said, decimal, percent
from respublika.elections.inputs import share as read_share
from respublika.elections.inputs import whole_number
from respublika.elections.ties import TieBreaker
from respublika.errors import InputError
from respublika.exact import required_count


@dataclass(frozen=True)
class Admission:
    """Which lists are admitted, against which base and which minimum vote."""

    admitted: tuple[bool, ...]
    base: int
    required: int
    steps: tuple[tuple[str, str], ...]
    runner_up: str | None = None  # the list admitted only by the runner-up rule


@dataclass(frozen=True)
class Threshold:
    """An entry threshold: ``share`` (a Fraction in [0, 1)) of the base, plus options."""

    share: Fraction = Fraction(0)
    base_extra: int = 0
    runner_up: bool = False
    votes: int = 0
    alliance_share: Fraction | None = None
    district_seats: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "share", read_share(self.share))
        object.__setattr__(self, "base_extra", whole_number(self.base_extra, what="base_extra"))
        object.__setattr__(self, "votes", whole_number(self.votes, what="threshold votes"))
        if self.alliance_share is not None:
            object.__setattr__(
                self, "alliance_share", read_share(self.alliance_share, what="alliance threshold")
            )
        if self.district_seats is not None:
            object.__setattr__(
                self,
                "district_seats",
                whole_number(self.district_seats, what="district seats to qualify", minimum=1),
            )
        if not isinstance(self.runner_up, bool):
            raise InputError(f"runner_up must be true or false, got {self.runner_up!r}")

    @classmethod
    def of(
        cls, share: Fraction | str | int = 0, base_extra: int = 0, runner_up: bool = False
    ) -> Threshold:
        """Build from a share written any way :func:`respublika.exact.parse_fraction` reads."""
        return cls(read_share(share), base_extra, runner_up)

    def admit(
        self,
        parties: Sequence[str],
        votes: Sequence[int],
        ties: TieBreaker,
        *,
        alliances: Collection[str] = (),
        district_won: Mapping[str, int] | None = None,
    ) -> Admission:
        """Decide admission for every list; raise if no list can take part.

        ``alliances``: the lists that are alliances (they need ``alliance_share`` if set);
        ``district_won``: district seats won per list (for ``district_seats``).
        """
        base = sum(votes) + self.base_extra
        required = max(required_count(base, self.share), self.votes, 1)
        allied = max(required_count(base, self.alliance_share), self.votes, 1) if self.alliance_share is not None else required
        unknown = [a for a in alliances if a not in parties]
        if unknown:
            raise InputError(f"alliances: {', '.join(map(repr, unknown))} is not a list of the votes")
        need = [allied if p in alliances else required for p in parties]
        admitted = [v >= r for v, r in zip(votes, need, strict=True)]
        steps: list[tuple[str, str]] = []
        if self.votes and not self.share:
            steps.append(("threshold", Said("A list needs at least {votes} votes.", votes=self.votes)))
        if self.share:
            args = {"listed": sum(votes), "base": base, "share": percent(self.share),
                    "fraction": f"{self.share.numerator}/{self.share.denominator}",
                    "product": decimal(self.share * base, 3), "required": required}
            if self.base_extra and self.votes:
                head = Said("Threshold base = {listed} list votes + {extra} counted in the base only = {base}. "
                            "A list needs at least {share} of it ({fraction} × {base} = {product} votes), "
                            "and at least {votes} votes: {required} votes.",
                            extra=self.base_extra, votes=self.votes, **args)
            elif self.base_extra:
                head = Said("Threshold base = {listed} list votes + {extra} counted in the base only = {base}. "
                            "A list needs at least {share} of it ({fraction} × {base} = {product} votes): "
                            "{required} votes.", extra=self.base_extra, **args)
            elif self.votes:
                head = Said("Threshold base = {listed} list votes. A list needs at least {share} of it "
                            "({fraction} × {base} = {product} votes), and at least {votes} votes: "
                            "{required} votes.", votes=self.votes, **args)
            else:
                head = Said("Threshold base = {listed} list votes. A list needs at least {share} of it "
                            "({fraction} × {base} = {product} votes): {required} votes.", **args)
            steps.append(("threshold", head))
            items = [
                Said("{party} {votes} = {share} admitted" if ok else "{party} {votes} = {share} below the threshold",
                     party=p, votes=v, share=percent(Fraction(v, base)))
                if base else Said("{party} {votes} = no votes", party=p, votes=v)
                for p, v, ok in zip(parties, votes, admitted, strict=True)
            ]
            steps.append(("threshold", Said("{lists}.", lists=items)))
        elif not self.votes:
            steps.append(("threshold", Said("No threshold: every list with votes is admitted.")))
        if self.alliance_share is not None and alliances:
            steps.append(
                (
                    "threshold",
                    f"An alliance needs at least {percent(self.alliance_share)} of the base: "
                    f"{allied:,} votes. "
                    + "; ".join(
                        f"{p} (alliance) {v:,}: " + ("admitted" if v >= allied else "below the alliance threshold")
                        for p, v in zip(parties, votes, strict=True) if p in alliances
                    )
                    + ".",
                )
            )
        if self.district_seats is not None:
            won = dict(district_won or {})
            unknown = [p for p in won if p not in parties]
            if unknown:
                raise InputError(f"district seats: {', '.join(map(repr, unknown))} is not a list of the votes")
            qualified = [
                i for i, p in enumerate(parties)
                if not admitted[i] and votes[i] > 0 and won.get(p, 0) >= self.district_seats
            ]
            for i in qualified:
                admitted[i] = True
            steps.append(
                (
                    "threshold",
                    f"Alternatively a list that won at least {self.district_seats} district "
                    f"seat{'s' if self.district_seats != 1 else ''} is admitted: "
                    + (", ".join(f"{parties[i]} ({won[parties[i]]})" for i in qualified) or "none below the threshold")
                    + ".",
                )
            )
        runner: str | None = None
        if self.runner_up and sum(admitted) == 1:
            rest = [i for i, ok in enumerate(admitted) if not ok and votes[i] > 0]
            if rest:
                best = max(votes[i] for i in rest)
                tied = [parties[i] for i in rest if votes[i] == best]
                chosen = ties.choose("runner-up", best, tied, 1)[0]
                admitted[list(parties).index(chosen)] = True
                runner = chosen
                steps.append(
                    (
                        "threshold",
                        f"Only one list clears the threshold; the runner-up {chosen} "
                        f"({best:,} votes) is admitted too.",
                    )
                )
        if not any(admitted):
            if base == self.base_extra:
                raise InputError("no list has any votes; there is nothing to allocate")
            raise InputError(
                f"no list reaches the threshold of {percent(self.share)} "
                f"({required:,} of {base:,} votes); the seats cannot be allocated"
            )
        return Admission(tuple(admitted), base, required, tuple(steps), runner)
