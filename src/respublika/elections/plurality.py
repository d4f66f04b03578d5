"""Plurality elections: the ``seats`` candidates with the most votes win.

Two uses: an electoral body voting over candidates for several seats at once
(:func:`assembly_election`, e.g. an assembly electing members of a chamber), and a
single-member district (:func:`plurality_election` with ``seats=1``).

Rules, all parameters: candidates are ranked by votes; the top ``seats`` win; candidates
with equal votes straddling the last winning place are a tie, broken by seeded lot by
default (``ties="lot"``, ``seed``) or by registration order (``ties="order"``), and
reported. A candidate with no votes is never elected; seats left over are reported as
``vacant``.
"""

from __future__ import annotations

from dataclasses import dataclass

from respublika.elections.explain import Cites, Said, Step, all_cites, check_cites, cite_steps
from respublika.elections.inputs import VoteTable, seat_count, vote_table
from respublika.elections.ties import Tie, TieBreaker, TieRuleName


@dataclass(frozen=True)
class PluralityResult:
    """``elected`` in ranking order (most votes first); ``vacant`` seats found no candidate."""

    seats: int
    elected: tuple[str, ...]
    vacant: int
    votes: dict[str, int]
    ties: tuple[Tie, ...]
    explain: tuple[Step, ...]
    cites: tuple[str, ...] = ()

    @property
    def winner(self) -> str | None:
        """The first elected candidate (the winner of a single-seat election), if any."""
        return self.elected[0] if self.elected else None

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "seats": self.seats,
            "elected": list(self.elected),
            "vacant": self.vacant,
            "votes": dict(self.votes),
            "ties": [t.to_dict() for t in self.ties],
            "explain": [s.to_dict() for s in self.explain],
            "cites": list(self.cites),
        }


def plurality_election(
    votes: VoteTable,
    seats: int = 1,
    *,
    ties: TieRuleName = "lot",
    seed: int | None = None,
    salt: str = "",
    cites: Cites = None,
    body: str = "Voters",
) -> PluralityResult:
    """The ``seats`` candidates with the most votes win; ties for the last place by the tie rule."""
    table = vote_table(votes, what="candidates")
    places = seat_count(seats)
    cites = check_cites(cites)
    breaker = TieBreaker(ties, seed, salt)
    names = [c for c, _ in table]
    ranked = sorted(range(len(table)), key=lambda i: (-table[i][1], i))
    candidates = [i for i in ranked if table[i][1] > 0]
    steps: list[tuple[str, str]] = [
        (
            "ranking",
            Said("{body} fill {places} seats by most votes. Ranking: {ranking}." if places != 1
                 else "{body} fill {places} seat by most votes. Ranking: {ranking}.", body=body, places=places,
                 ranking=[Said("{candidate} {votes}", candidate=names[i], votes=table[i][1]) for i in ranked]),
        )
    ]
    if len(candidates) <= places:
        chosen = [names[i] for i in candidates]
    else:
        cutoff = table[candidates[places - 1]][1]
        above = [names[i] for i in candidates if table[i][1] > cutoff]
        level = [c for c, v in table if v == cutoff]
        won = breaker.choose("last seat", cutoff, level, places - len(above))
        chosen = above + [names[i] for i in ranked if names[i] in won]
    vacant = places - len(chosen)
    steps.append(("elected", Said("Elected: {names}.", names=", ".join(chosen)) if chosen
                  else Said("Elected: no one.")))
    if vacant:
        steps.append(
            (
                "elected",
                Said("{vacant} seats left vacant: no other candidate has votes." if vacant != 1
                     else "{vacant} seat left vacant: no other candidate has votes.", vacant=vacant),
            )
        )
    steps += [("tie", t.describe()) for t in breaker.ties]
    return PluralityResult(
        seats=places,
        elected=tuple(chosen),
        vacant=vacant,
        votes=dict(table),
        ties=tuple(breaker.ties),
        explain=cite_steps(steps, cites),
        cites=all_cites(cites),
    )


def assembly_election(
    votes: VoteTable,
    seats: int,
    seed: int | None = None,
    *,
    ties: TieRuleName = "lot",
    cites: Cites = None,
) -> PluralityResult:
    """An electoral body (its members' votes per candidate) elects ``seats`` members.

    The top ``seats`` candidates win; a tie for the last seat(s) is decided by lot with
    ``seed`` (a lot without a seed is refused) and reported.
    """
    return plurality_election(
        votes,
        seats,
        ties=ties,
        seed=seed,
        salt="assembly",
        cites=cites,
        body="The assembly's members",
    )
