"""Monte Carlo forecasts of a party-list election: Dirichlet vote shares, exact seats.

Vote shares are drawn from a Dirichlet distribution centred on the given shares
(``alpha = concentration x shares``: the larger the concentration, the less uncertainty),
turned into whole vote counts of a nominal electorate, and allocated by the vectorized exact
engine in chunks, so memory stays bounded whatever the number of draws (a seat method with
no vectorized form in the registry is counted draw by draw by the exact engine). Results are seat
histograms per party, from which the mean, the 5-95 % range and the probability of
reaching each named threshold (alone, or with a bloc such as the Assembly's seats) follow.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from respublika.elections.inputs import share as read_share
from respublika.elections.registry import canonical_name
from respublika.elections.vectorized import allocate_many
from respublika.errors import InputError

MAX_DRAWS = 10_000_000
ELECTORATE = 10_000_000
OTHERS = "others"


@dataclass(frozen=True)
class ForecastSpec:
    shares: Mapping[str, Fraction]
    seats: int
    method: str
    threshold: Fraction
    runner_up: bool
    chamber_size: int
    targets: Mapping[str, int]
    bloc: int = 0
    bloc_with: str | None = None
    concentration: float = 100.0
    draws: int = 10_000
    seed: int | None = None
    chunk: int = 50_000
    method_options: Mapping[str, Any] = field(default_factory=dict)
    """The method's and threshold's further options (``first_divisor``, ``quota_rounding``,
    ``threshold_votes``), as :func:`~respublika.elections.vectorized.allocate_many` takes them."""


def parse_shares(text: str) -> dict[str, Fraction]:
    """``"A=0.55,B=12%"`` -> exact shares; they may sum to less than 1 (the rest: others,
    small lists whose votes count in the threshold base but win no seats)."""
    shares: dict[str, Fraction] = {}
    for chunk in (c for c in text.split(",") if c.strip()):
        name, sep, value = chunk.rpartition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(f"--shares: {chunk.strip()!r} is not PARTY=SHARE")
        if name in shares:
            raise InputError(f"--shares: party {name!r} is given twice")
        shares[name] = read_share(value.strip(), what=f"share of {name}")
    if not shares:
        raise InputError("--shares: give at least one PARTY=SHARE")
    return shares


def validate(spec: ForecastSpec) -> dict[str, Fraction]:
    canonical_name(spec.method)  # an unknown method is refused before any draw
    shares: dict[str, Fraction] = dict(spec.shares)
    if any(v <= 0 for v in shares.values()):
        raise InputError("every share must be above 0")
    total = sum(shares.values())
    if total > 1:
        raise InputError(f"the shares add up to {float(total):.4f}, more than 1")
    if total < 1:
        if OTHERS in shares:
            raise InputError(f"the shares add up to less than 1 and {OTHERS!r} is taken")
        shares[OTHERS] = Fraction(1) - total
    if not spec.concentration > 0:
        raise InputError(f"--concentration must be above 0, got {spec.concentration}")
    if not 1 <= spec.draws <= MAX_DRAWS:
        raise InputError(f"--draws must be between 1 and {MAX_DRAWS:,}, got {spec.draws}")
    if spec.bloc_with is not None and spec.bloc_with not in spec.shares:
        raise InputError(f"the bloc joins {spec.bloc_with!r}, which is not among the parties")
    return shares


def forecast(spec: ForecastSpec, progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Run the draws; ``progress(n)`` is called after each chunk with the draws done."""
    shares = validate(spec)
    names = list(shares)
    lists = [n for n in names if n != OTHERS]  # "others" are small lists: base votes only
    alpha = np.array([float(shares[n]) for n in names]) * spec.concentration
    rng = np.random.default_rng(spec.seed)
    hist = np.zeros((len(lists), spec.seats + 1), dtype=np.int64)
    done = 0
    while done < spec.draws:
        n = min(spec.chunk, spec.draws - done)
        drawn = rng.dirichlet(alpha, size=n)
        votes = np.rint(drawn * ELECTORATE).astype(np.int64)
        extra = votes[:, len(lists)] if len(lists) < len(names) else 0
        seats = allocate_many(votes[:, : len(lists)], spec.seats, spec.method, spec.threshold,
                              base_extra=extra, runner_up=spec.runner_up, **spec.method_options)
        for j in range(len(lists)):
            hist[j] += np.bincount(seats[:, j], minlength=spec.seats + 1)
        done += n
        if progress is not None:
            progress(done)
    parties: dict[str, Any] = {}
    levels = np.arange(spec.seats + 1)
    for j, name in enumerate(lists):
        counts = hist[j]
        cdf = np.cumsum(counts)
        entry: dict[str, Any] = {
            "share": f"{shares[name].numerator}/{shares[name].denominator}",
            "mean": float((counts * levels).sum() / spec.draws),
            "p5": int(np.searchsorted(cdf, 0.05 * spec.draws)),
            "median": int(np.searchsorted(cdf, 0.5 * spec.draws)),
            "p95": int(np.searchsorted(cdf, 0.95 * spec.draws)),
            "distribution": {int(k): int(c) for k, c in enumerate(counts) if c},
        }
        extra = spec.bloc if name == spec.bloc_with else 0
        for target, need in spec.targets.items():
            entry[f"p_{target}"] = float(counts[max(0, need) :].sum() / spec.draws)
            if extra:
                entry[f"p_{target}_with_bloc"] = float(counts[max(0, need - extra) :].sum() / spec.draws)
        parties[name] = entry
    return {
        "draws": spec.draws,
        "seed": spec.seed,
        "concentration": spec.concentration,
        "seats": spec.seats,
        "chamber_size": spec.chamber_size,
        "method": spec.method,
        "threshold": f"{spec.threshold.numerator}/{spec.threshold.denominator}",
        "targets": dict(spec.targets),
        "bloc": {"seats": spec.bloc, "with": spec.bloc_with},
        "electorate": ELECTORATE,
        "parties": parties,
        "others": None if OTHERS not in shares else {
            "share": f"{shares[OTHERS].numerator}/{shares[OTHERS].denominator}",
            "note": "small lists: their votes count in the threshold base, they win no seats",
        },
    }
