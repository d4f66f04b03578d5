"""Biproportional apportionment: seats proportional by party *and* by district at once.

Pukelsheim's double proportional divisor method ("doppelter Pukelsheim", the new Zürich
apportionment method used since 2006 for Zürich's city council and cantonal council, and by
other Swiss cantons). Votes are a matrix ``v[district][party]``; every district's number of
seats is given. Two apportionments follow (Pukelsheim, *Proportional Representation*, 2nd ed.
2017, ch. 14-15; Balinski & Demange, *Math. Programming* 45, 1989):

1. **Upper apportionment** (*Oberzuteilung*): the parties' seats in the whole body, by a
   divisor method on each party's total. The total is either the sum of its votes
   (``upper="votes"``) or, where each voter casts as many votes as the district has seats, its
   *voter numbers* (``upper="voters"``): in every district its votes divided by the district's
   seats, rounded to the nearest whole number (halves up), then summed. The body's size is the
   sum of the district seats. A caller may give the party seats instead (``party_seats``).
2. **Lower apportionment** (*Unterzuteilung*): a district divisor ``d[i]`` for every district
   and a party divisor ``p[j]`` for every party such that rounding every ``v[i][j] / (d[i] *
   p[j])`` gives each district its seats and each party its seats. The divisors are found by
   *alternating scaling*: with the party divisors fixed, each district's seats are divided
   among the parties (this fixes ``d[i]``); with the district divisors fixed, each party's
   seats are divided among the districts (this fixes ``p[j]``); and so on until the seats of
   one step fit the other margin too.

The rounding is standard rounding (``"sainte-lague"``, signposts n - 1/2) by default, or
rounding down (``"dhondt"``, signposts n). Each divisor is the number with the fewest
significant decimal digits strictly inside the interval of divisors that give the step's
seats (nearest its middle), so every quotient rounds one way only and the divisors read like
the published ones (e.g. 9 870, 1.07). All arithmetic is exact (``Fraction``); the decimals in
the texts are for reading.

A solution exists exactly when the seats can be placed at all: there is a matrix of whole
numbers with the given district and party sums that is 0 wherever a party has no votes in a
district (Balinski & Demange 1989). That is checked first, by a maximum flow; when it fails,
the error names districts whose seats the parties with votes there cannot fill (or parties
whose seats the districts where they have votes cannot hold). Alternating scaling then runs
at most ``max_iterations`` rounds; exactly equal quotients can make it go round in circles,
which is reported as an error rather than looped on. A tie that decides a seat in a step is
broken by input order and reported.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from respublika.elections.explain import Cites, Step, all_cites, check_cites, cite_steps, decimal
from respublika.elections.inputs import whole_number
from respublika.elections.ties import Tie, TieBreaker
from respublika.errors import InputError
from respublika.exact import format_fraction

RoundingName = Literal["sainte-lague", "dhondt"]
UpperName = Literal["votes", "voters"]
ROUNDINGS: tuple[RoundingName, ...] = ("sainte-lague", "dhondt")
UPPERS: tuple[UpperName, ...] = ("votes", "voters")
MAX_ITERATIONS = 1_000
_HALF = Fraction(1, 2)


class NoSolutionError(InputError):
    """No biproportional apportionment exists (or none was reached within the bound)."""


def _signpost(rounding: RoundingName, n: int) -> Fraction:
    """The quotient from which a weight gets ``n`` seats (n >= 1): n - 1/2 or n."""
    return Fraction(n) - _HALF if rounding == "sainte-lague" else Fraction(n)


def _num(value: Fraction) -> str:
    """A divisor for reading: whole numbers as they are, others to four decimals (``≈`` if cut)."""
    if value.denominator == 1:
        return f"{value.numerator:,}"
    text = decimal(value, 4).rstrip("0").rstrip(".")
    return text if Fraction(text) == value else f"≈{text}"


def _title(rounding: RoundingName) -> str:
    return "standard rounding (Sainte-Laguë)" if rounding == "sainte-lague" else "rounding down (D'Hondt)"


@dataclass(frozen=True)
class _Vector:
    """One divisor apportionment: seats, the open interval of divisors giving them, the divisor."""

    seats: tuple[int, ...]
    low: Fraction
    high: Fraction | None
    divisor: Fraction


def _apportion(
    names: Sequence[str],
    weights: Sequence[Fraction],
    seats: int,
    rounding: RoundingName,
    breaker: TieBreaker,
    where: str,
    simple: bool = True,
) -> _Vector:
    """Divide ``seats`` among ``names`` by the divisor method of ``rounding`` (exact).

    Each next seat goes to the highest ``weight / signpost(held + 1)``; equal quotients at
    the last seat are a tie settled by ``breaker``. The divisors giving these seats are the
    numbers between the largest losing quotient (``low``) and the smallest winning one
    (``high``; none if no seat is given).
    """
    n = len(names)
    held = [0] * n
    quotient = [w / _signpost(rounding, 1) for w in weights]
    last = Fraction(0)
    for _ in range(seats):
        best = max(range(n), key=lambda k: quotient[k])
        last = quotient[best]
        if last <= 0:
            raise NoSolutionError(f"{where}: {seats} seat(s) but no votes to give them to")
        held[best] += 1
        quotient[best] = weights[best] / _signpost(rounding, held[best] + 1)
    if seats:
        above = [
            h - 1 if h and weights[k] / _signpost(rounding, h) == last else h
            for k, h in enumerate(held)
        ]
        at = [k for k in range(n) if weights[k] / _signpost(rounding, above[k] + 1) == last]
        chosen = set(breaker.choose(f"quotient in {where}", last, [names[k] for k in at],
                                    seats - sum(above)))
        held = [a + (1 if k in at and names[k] in chosen else 0) for k, a in enumerate(above)]
    low = max((weights[k] / _signpost(rounding, held[k] + 1) for k in range(n)), default=Fraction(0))
    winning = [weights[k] / _signpost(rounding, held[k]) for k in range(n) if held[k]]
    high = min(winning) if winning else None
    if simple or (high is not None and low >= high):
        divisor = _simple_between(low, high)
    else:
        divisor = (low + high) / 2 if high is not None else (3 * low / 2 if low else Fraction(1))
    return _Vector(tuple(held), low, high, divisor)


def _simple_between(low: Fraction, high: Fraction | None) -> Fraction:
    """The number with the fewest significant decimal digits in ``(low, high)``, nearest the
    middle; ``high`` ``None`` is no upper bound; ``low == high`` (a tie) gives that number."""
    if high is not None and low >= high:
        return high
    if high is None:
        if low <= 0:
            return Fraction(1)
        high = 2 * low
    step = Fraction(1)
    while step <= high:
        step *= 10
    middle = (low + high) / 2
    while True:
        first = low // step + 1
        last = -(-high // step) - 1
        if first <= last:
            return min(max(round(middle / step), first), last) * step
        step /= 10


# ------------------------------------------------------------------------------ feasibility


def _check_feasible(
    districts: Sequence[str],
    parties: Sequence[str],
    votes: Sequence[Sequence[int]],
    rows: Sequence[int],
    cols: Sequence[int],
) -> None:
    """Refuse margins no seat matrix can meet: a maximum flow from the districts' seats to
    the parties' seats along the cells with votes must carry every seat."""
    nd, np_ = len(districts), len(parties)
    source, sink = nd + np_, nd + np_ + 1
    cap: dict[tuple[int, int], int] = {}
    links: list[set[int]] = [set() for _ in range(nd + np_ + 2)]

    def edge(a: int, b: int, c: int) -> None:
        cap[(a, b)] = cap.get((a, b), 0) + c
        cap.setdefault((b, a), 0)
        links[a].add(b)
        links[b].add(a)

    total = sum(rows)
    for i, r in enumerate(rows):
        edge(source, i, r)
        for j in range(np_):
            if votes[i][j] > 0:
                edge(i, nd + j, total)
    for j, c in enumerate(cols):
        edge(nd + j, sink, c)

    def reachable() -> dict[int, int]:
        seen = {source: source}
        queue = deque([source])
        while queue:
            a = queue.popleft()
            for b in links[a]:
                if b not in seen and cap[(a, b)] > 0:
                    seen[b] = a
                    queue.append(b)
        return seen

    flow = 0
    while True:
        back = reachable()
        if sink not in back:
            break
        path = []
        b = sink
        while b != source:
            path.append((back[b], b))
            b = back[b]
        push = min(cap[e] for e in path)
        for a, b in path:
            cap[(a, b)] -= push
            cap[(b, a)] += push
        flow += push
    if flow == total:
        return
    cut = reachable()
    stuck = [districts[i] for i in range(nd) if i in cut]
    short = [parties[j] for j in range(np_) if nd + j in cut]
    need = sum(rows[i] for i in range(nd) if i in cut)
    have = sum(cols[j] for j in range(np_) if nd + j in cut)
    others = [parties[j] for j in range(np_) if nd + j not in cut]
    room = [districts[i] for i in range(nd) if i not in cut]
    text = (
        f"no biproportional apportionment exists: the district(s) {', '.join(stuck)} must fill "
        f"{need} seat(s), but the parties with votes there "
        f"({', '.join(short) if short else 'none'}) have only {have} seat(s) in all"
    )
    if others:
        text += (
            f"; equally, the parties {', '.join(others)} have "
            f"{sum(cols[j] for j in range(np_) if nd + j not in cut)} seat(s) but votes only in "
            f"district(s) with {sum(rows[i] for i in range(nd) if i not in cut)} seat(s)"
            f" ({', '.join(room) if room else 'none'})"
        )
    raise NoSolutionError(text)


# ------------------------------------------------------------------------------ the result


@dataclass(frozen=True)
class BiproportionalResult:
    """A biproportional apportionment: the seat matrix, both margins and both divisor sets.

    ``seats[district][party]``; ``upper_weights`` are the party totals the upper
    apportionment used (votes or voter numbers; ``None`` when the party seats were given) and
    ``upper_divisor`` its divisor. ``iterations`` counts the scaling steps (a district step or a
    party step each) of the lower apportionment.
    """

    method: RoundingName
    upper: UpperName | None
    districts: tuple[str, ...]
    parties: tuple[str, ...]
    votes: dict[str, dict[str, int]]
    district_seats: dict[str, int]
    party_seats: dict[str, int]
    seats: dict[str, dict[str, int]]
    district_divisors: dict[str, Fraction]
    party_divisors: dict[str, Fraction]
    upper_weights: dict[str, int] | None
    upper_divisor: Fraction | None
    iterations: int
    ties: tuple[Tie, ...]
    explain: tuple[Step, ...]
    cites: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form; divisors are ``"p/q"`` strings. The first four keys are the contract."""
        return {
            "seats": {d: dict(row) for d, row in self.seats.items()},
            "party_seats": dict(self.party_seats),
            "district_divisors": {d: format_fraction(x) for d, x in self.district_divisors.items()},
            "party_divisors": {p: format_fraction(x) for p, x in self.party_divisors.items()},
            "method": self.method,
            "upper": self.upper,
            "district_seats": dict(self.district_seats),
            "upper_weights": dict(self.upper_weights) if self.upper_weights is not None else None,
            "upper_divisor": (
                format_fraction(self.upper_divisor) if self.upper_divisor is not None else None
            ),
            "iterations": self.iterations,
            "ties": [t.to_dict() for t in self.ties],
            "explain": [s.to_dict() for s in self.explain],
            "votes": {d: dict(row) for d, row in self.votes.items()},
            "cites": list(self.cites),
        }


# ------------------------------------------------------------------------------ the method


def _matrix(votes: object) -> tuple[list[str], list[str], list[list[int]]]:
    if not isinstance(votes, Mapping) or not votes:
        raise InputError("votes: expected a non-empty mapping district -> {party: votes}")
    districts: list[str] = []
    parties: list[str] = []
    for district, row in votes.items():
        if not isinstance(district, str) or not district.strip():
            raise InputError(f"votes: a district has no name (got {district!r})")
        if not isinstance(row, Mapping):
            raise InputError(f"votes: district {district!r}: expected a mapping party -> votes")
        districts.append(district)
        for party in row:
            if not isinstance(party, str) or not party.strip():
                raise InputError(f"votes: district {district!r}: a party has no name ({party!r})")
            if party not in parties:
                parties.append(party)
    if not parties:
        raise InputError("votes: no party is named")
    matrix = [
        [whole_number(votes[d].get(p, 0), what=f"votes for {p!r} in {d!r}") for p in parties]
        for d in districts
    ]
    return districts, parties, matrix


def _margin(given: object, names: Sequence[str], what: str, kind: str) -> list[int]:
    if not isinstance(given, Mapping):
        raise InputError(f"{what}: expected a mapping {kind} -> seats")
    unknown = [k for k in given if k not in names]
    if unknown:
        raise InputError(f"{what}: unknown {kind}(s) {', '.join(map(repr, unknown))}; "
                         f"the votes name {', '.join(names)}")
    missing = [k for k in names if k not in given]
    if missing:
        raise InputError(f"{what}: no seats given for {kind}(s) {', '.join(map(repr, missing))}")
    return [whole_number(given[k], what=f"{what} for {k!r}") for k in names]


def _voters(votes: int, seats: int) -> int:
    """Votes divided by the district's seats, rounded to the nearest whole number (halves up)."""
    return (2 * votes + seats) // (2 * seats)


@dataclass
class _Scaling:
    """Where alternating scaling got to: the seats and divisors of its last step."""

    x: list[list[int]]
    district_div: list[Fraction]
    party_div: list[Fraction]
    iterations: int = 0
    history: list[str] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    done: bool = False
    failure: str = ""


def _scale(
    districts: Sequence[str],
    parties: Sequence[str],
    v: Sequence[Sequence[int]],
    rows: Sequence[int],
    cols: Sequence[int],
    method: RoundingName,
    max_iterations: int,
    *,
    simple: bool,
) -> _Scaling:
    """Alternate district steps and party steps until the seats of one fit the other margin.

    ``simple``: each divisor is the shortest number in its interval (else its middle). The
    ties broken in the step that closed are kept; earlier ones decided nothing."""
    nd, np_ = len(districts), len(parties)
    state = _Scaling([[0] * np_ for _ in range(nd)], [Fraction(1)] * nd, [Fraction(1)] * np_)
    x, district_div, party_div = state.x, state.district_div, state.party_div
    seen: dict[tuple[Fraction, ...], int] = {}
    while state.iterations < max_iterations:
        state.iterations += 1
        breaker = TieBreaker("order")
        for i in range(nd):
            out = _apportion(parties, [Fraction(v[i][j]) / party_div[j] for j in range(np_)],
                             rows[i], method, breaker, f"district {districts[i]}", simple)
            x[i] = list(out.seats)
            district_div[i] = out.divisor
        off = [sum(x[i][j] for i in range(nd)) - cols[j] for j in range(np_)]
        state.history.append(f"district step {state.iterations}: parties off by "
                             + (", ".join(f"{parties[j]} {off[j]:+d}" for j in range(np_)
                                          if off[j]) or "nothing"))
        if not any(off):
            state.done, state.ties = True, breaker.ties
            return state
        if state.iterations >= max_iterations:
            break
        state.iterations += 1
        breaker = TieBreaker("order")
        for j in range(np_):
            out = _apportion(districts, [Fraction(v[i][j]) / district_div[i] for i in range(nd)],
                             cols[j], method, breaker, f"party {parties[j]}", simple)
            for i in range(nd):
                x[i][j] = out.seats[i]
            party_div[j] = out.divisor
        off = [sum(x[i]) - rows[i] for i in range(nd)]
        state.history.append(f"party step {state.iterations}: districts off by "
                             + (", ".join(f"{districts[i]} {off[i]:+d}" for i in range(nd)
                                          if off[i]) or "nothing"))
        if not any(off):
            state.done, state.ties = True, breaker.ties
            return state
        key = tuple(party_div)
        if key in seen:
            state.failure = (
                "no unique biproportional apportionment: the alternating scaling repeats "
                f"itself (step {state.iterations} gives the divisors of step {seen[key]}), "
                "which happens when quotients are exactly equal across districts and parties, "
                f"so that rounding cannot decide the seats. Last: {state.history[-1]}"
            )
            return state
        seen[key] = state.iterations
    state.failure = (
        f"the alternating scaling did not reach both the district and the party seats in "
        f"{max_iterations} steps (exactly equal quotients can make it circle; the "
        f"apportionment is then not unique). Last: {state.history[-1]}"
    )
    return state


def _tidy(
    districts: Sequence[str],
    parties: Sequence[str],
    v: Sequence[Sequence[int]],
    rows: Sequence[int],
    cols: Sequence[int],
    method: RoundingName,
    state: _Scaling,
) -> None:
    """Replace mid-interval divisors by short ones that give the same seats: district
    divisors for the party divisors, then party divisors for those; kept only if the seats
    stay the same with no quotient on a boundary."""
    nd, np_ = len(districts), len(parties)
    breaker = TieBreaker("order")
    d_new = [_apportion(parties, [Fraction(v[i][j]) / state.party_div[j] for j in range(np_)],
                        rows[i], method, breaker, "", True) for i in range(nd)]
    p_new = [_apportion(districts, [Fraction(v[i][j]) / d_new[i].divisor for i in range(nd)],
                        cols[j], method, breaker, "", True) for j in range(np_)]
    same = all(d_new[i].seats[j] == state.x[i][j] == p_new[j].seats[i]
               for i in range(nd) for j in range(np_))
    if same and not breaker.ties and all(
        p.high is None or p.low < p.high for p in p_new
    ):
        state.district_div[:] = [d.divisor for d in d_new]
        state.party_div[:] = [p.divisor for p in p_new]


def biproportional(
    votes: Mapping[str, Mapping[str, int]],
    district_seats: Mapping[str, int],
    *,
    method: RoundingName = "sainte-lague",
    upper: UpperName = "votes",
    party_seats: Mapping[str, int] | None = None,
    max_iterations: int = MAX_ITERATIONS,
    cites: Cites = None,
) -> BiproportionalResult:
    """The biproportional apportionment of ``votes`` (district -> party -> votes).

    ``district_seats``: district -> seats (every district of ``votes``, each at least 1).
    ``method``: ``"sainte-lague"`` (standard rounding) or ``"dhondt"`` (rounding down), for
    both apportionments. ``upper``: ``"votes"`` (party totals) or ``"voters"`` (voter numbers,
    see the module text); ignored when ``party_seats`` (party -> seats) is given. A party
    missing from a district's row has 0 votes there. Raises :class:`NoSolutionError` when no
    apportionment exists or none is reached in ``max_iterations`` scaling steps.
    """
    if method not in ROUNDINGS:
        raise InputError(f"method: {method!r} is not one of {', '.join(ROUNDINGS)}")
    if upper not in UPPERS:
        raise InputError(f"upper: {upper!r} is not one of {', '.join(UPPERS)}")
    whole_number(max_iterations, what="max_iterations", minimum=1)
    cites = check_cites(cites)
    districts, parties, v = _matrix(votes)
    rows = _margin(district_seats, districts, "district seats", "district")
    for d, r in zip(districts, rows, strict=True):
        if r < 1:
            raise InputError(f"district seats for {d!r} must be at least 1, got {r}")
    total = sum(rows)
    breaker = TieBreaker("order")
    steps: list[tuple[str, str]] = []
    nd, np_ = len(districts), len(parties)

    upper_weights: dict[str, int] | None = None
    upper_divisor: Fraction | None = None
    if party_seats is not None:
        cols = _margin(party_seats, parties, "party seats", "party")
        if sum(cols) != total:
            raise InputError(f"the party seats add up to {sum(cols)}, the district seats to {total}")
        used: UpperName | None = None
        steps.append(("upper", "Party seats as given: "
                      + ", ".join(f"{p} {c}" for p, c in zip(parties, cols, strict=True)) + "."))
    else:
        used = upper
        if upper == "votes":
            weights = [sum(v[i][j] for i in range(nd)) for j in range(np_)]
            basis = "its votes in all districts"
        else:
            weights = [sum(_voters(v[i][j], rows[i]) for i in range(nd)) for j in range(np_)]
            basis = ("its voter numbers: in each district its votes divided by the district's "
                     "seats, rounded to the nearest whole number, summed")
        upper_weights = dict(zip(parties, weights, strict=True))
        top = _apportion(parties, [Fraction(w) for w in weights], total, method, breaker,
                         "the upper apportionment")
        cols = list(top.seats)
        upper_divisor = top.divisor
        steps.append(("upper", (
            f"Upper apportionment: the {total} seats (the sum of the district seats) are divided "
            f"among the parties by {_title(method)} on each party's total, {basis}. Divisor "
            f"{_num(upper_divisor)}: "
            + "; ".join(f"{p} {w:,} -> {decimal(Fraction(w) / upper_divisor, 3)} -> {c}"
                        for p, w, c in zip(parties, weights, cols, strict=True)) + ".")))

    _check_feasible(districts, parties, v, rows, cols)

    scaled = _scale(districts, parties, v, rows, cols, method, max_iterations, simple=True)
    if scaled.ties:
        # A quotient exactly on a rounding boundary in the step that closed: often only a
        # coincidence of the short divisors. Scale again with mid-interval divisors; if that
        # closes without a tie, the tie decided nothing.
        again = _scale(districts, parties, v, rows, cols, method, max_iterations, simple=False)
        if again.done and not again.ties:
            _tidy(districts, parties, v, rows, cols, method, again)
            again.history[:0] = scaled.history
            again.iterations += scaled.iterations
            scaled = again
    if not scaled.done:
        raise NoSolutionError(scaled.failure)
    x, district_div, party_div = scaled.x, scaled.district_div, scaled.party_div
    iterations, history = scaled.iterations, scaled.history
    breaker.ties.extend(scaled.ties)
    steps.append(("lower", (
        f"Lower apportionment by alternating scaling with {_title(method)}: each district's "
        f"seats divided among the parties (votes / party divisor), then each party's seats "
        f"among the districts (votes / district divisor), until both fit; {iterations} "
        f"step(s): " + "; ".join(history) + ".")))
    steps.append(("divisors", (
        "Divisors: a party's seats in a district are its votes / (district divisor x party "
        "divisor), rounded. District divisors: "
        + ", ".join(f"{d} {_num(q)}" for d, q in zip(districts, district_div, strict=True))
        + ". Party divisors: "
        + ", ".join(f"{p} {_num(q)}" for p, q in zip(parties, party_div, strict=True)) + ".")))
    steps.append(("result", "Result: " + "; ".join(
        f"{d}: " + (", ".join(f"{parties[j]} {x[i][j]}" for j in range(np_) if x[i][j]) or "none")
        for i, d in enumerate(districts)) + "."))
    steps += [("tie", t.describe()) for t in breaker.ties]
    return BiproportionalResult(
        method=method,
        upper=used,
        districts=tuple(districts),
        parties=tuple(parties),
        votes={d: dict(zip(parties, v[i], strict=True)) for i, d in enumerate(districts)},
        district_seats=dict(zip(districts, rows, strict=True)),
        party_seats=dict(zip(parties, cols, strict=True)),
        seats={d: dict(zip(parties, x[i], strict=True)) for i, d in enumerate(districts)},
        district_divisors=dict(zip(districts, district_div, strict=True)),
        party_divisors=dict(zip(parties, party_div, strict=True)),
        upper_weights=upper_weights,
        upper_divisor=upper_divisor,
        iterations=iterations,
        ties=tuple(breaker.ties),
        explain=cite_steps(steps, cites),
        cites=all_cites(cites),
    )
