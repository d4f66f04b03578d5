"""The vectorized party-list engine: many simulated elections at once, seat for seat exact.

:func:`allocate_many` takes an integer array of shape ``(draws, parties)`` and returns the
seats in an ``int64`` array of the same shape. Row ``i`` is exactly what
:func:`~respublika.elections.party_list.allocate_seats` gives for draw ``i`` with the same
method and threshold and ties broken by registration order (column order).

Exactness. No float is used anywhere. For a threshold ``p/q`` a list is admitted when it
has at least ``ceil(p * base / q)`` votes (base = the draw's total plus ``base_extra``),
computed per draw in integers, and at least one vote.

* Hare: floor = ``votes * seats // total``, remainder = ``votes * seats % total``; all
  remainders of a draw share the denominator ``total``, so comparing them as integers is
  exact. The remaining seats go to the largest remainders, earlier column first on ties
  (``argmax`` returns the first of equal maxima).
* Droop: quota ``total // (seats + 1) + 1`` (an integer), then as Hare.
* D'Hondt / Sainte-Laguë: every list first receives a number of seats that it wins whatever
  the tie rule (D'Hondt: ``votes * seats // total``, the lower quota; Sainte-Laguë: the
  quotients at or above ``total / (2 * seats - lists - 1)``, of which fewer than ``seats``
  exist). The few seats left (at most about one per list) are then awarded one at a time to
  the highest quotient, comparing ``v_i / d_i`` with ``v_j / d_j`` as
  ``v_i * d_j > v_j * d_i``; a later column must be strictly higher to win, which is the
  registration-order tie rule.

Limits. Before computing, the largest intermediate value the method can form is bounded from
the largest vote count, the numbers of seats and lists, ``base_extra`` and the threshold's
numerator and denominator (:func:`working_dtype`). If the bound fits in ``int32`` the count
runs in ``int32`` (twice as fast: Mazhilis-sized elections, 7 million votes and 98 seats,
do); else if it fits in ``int64`` it runs in ``int64`` (votes up to 10**12 per list with
1,000 seats and 100 lists do); otherwise the draws are counted one by one with the exact
single-election engine (correct, but slow). Overflow is therefore impossible, not merely
unlikely. A draw in which no list is admitted raises
:class:`~respublika.errors.InputError` naming the draw.

Memory. Draws are processed in chunks of about ``2**18`` vote counts (``chunk_rows`` rows),
so the working memory is bounded whatever the number of draws; only the input and the
output arrays scale with it.

Methods. Each method's vectorized form is a :class:`VectorForm` (its ``count`` over one
:class:`Block` of draws and a ``bound`` on its intermediate values), bound to the method's
name in :mod:`respublika.elections.registry`; the four above are defined here. A registered
method without a vectorized form (the other divisor methods, ``quota``, the Hagenbach-Bischoff
and Imperiali quotas) is counted draw by draw by the exact engine, as is any method given
with a first divisor, a quota rounding or a threshold in votes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from respublika.elections.inputs import seat_count
from respublika.elections.inputs import share as read_share
from respublika.elections.party_list import allocate_seats
from respublika.elections.registry import (
    canonical_name,
    is_method,
    unknown_method,
    vectorized_form,
    with_options,
)
from respublika.errors import InputError

Ints = NDArray[np.signedinteger[Any]]
Bools = NDArray[np.bool_]
INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1
CHUNK_ELEMENTS = 2**16


@dataclass(frozen=True)
class Block:
    """One chunk of draws as a vectorized form sees it, laid out ``(parties, draws)`` so that
    every per-list operation is contiguous. The threshold has been applied: ``votes`` holds
    the votes of the admitted lists and 0 for the others; ``total`` (the admitted votes) and
    ``lists`` (the admitted lists) are per draw, every ``lists`` at least 1."""

    votes: Ints
    admitted: Bools
    total: Ints
    lists: Ints
    seats: int


@dataclass(frozen=True)
class VectorForm:
    """A seat method's vectorized form: ``count(block)`` gives the seats ``(parties, draws)``
    exactly as the method's exact engine does with ties broken by registration order;
    ``bound(vmax, parties, seats)`` bounds every intermediate value it forms (``vmax``: the
    largest vote count), so that :func:`working_dtype` can rule overflow out."""

    count: Callable[[Block], Ints]
    bound: Callable[[int, int, int], int]


def allocate_many(
    votes: ArrayLike,
    seats: int,
    method: str = "hare",
    threshold: Fraction | str | int = 0,
    *,
    base_extra: int | ArrayLike = 0,
    runner_up: bool = False,
    chunk_rows: int | None = None,
    first_divisor: Fraction | str | int | None = None,
    quota_rounding: str | None = None,
    threshold_votes: int = 0,
) -> NDArray[np.int64]:
    """Seats for every draw: ``votes`` ``(draws, parties)`` -> seats ``(draws, parties)``.

    The result is ``int64`` in Fortran order (each party's column is contiguous, which suits
    per-party statistics; ``np.ascontiguousarray`` gives C order if needed).

    ``method``: a registered method's name (see :mod:`respublika.elections.registry`); one
    without a vectorized form is counted draw by draw by the exact engine. ``threshold``: a
    share in [0, 1) as a ``Fraction`` or text (``"7/100"``); the base is each draw's total
    plus ``base_extra`` (a whole number, or one per draw). ``runner_up``: if exactly one list
    clears the threshold in a draw, the next one is admitted too. Ties: registration order.
    ``chunk_rows``: draws per chunk (default: about ``CHUNK_ELEMENTS`` vote counts).
    ``first_divisor``, ``quota_rounding``, ``threshold_votes``: as for ``allocate_seats``;
    any of them set sends the draws through the exact engine (the vectorized forms are of
    the plain methods).
    """
    total_seats = seat_count(seats)
    name = _method_name(method)
    options: dict[str, Any] = {}
    if first_divisor is not None or quota_rounding is not None or threshold_votes:
        options = {"first_divisor": first_divisor, "quota_rounding": quota_rounding,
                   "threshold_votes": threshold_votes}
        with_options(name, first_divisor=first_divisor, quota_rounding=quota_rounding)  # checked now
    form = None if options else vectorized_form(name)
    share = read_share(threshold)
    if not isinstance(runner_up, bool):
        raise InputError(f"runner_up must be true or false, got {runner_up!r}")
    array, vmax = _vote_array(votes)
    draws, parties = array.shape
    extra, emax = _extra(base_extra, draws)
    rows = _chunk_rows(chunk_rows, parties)
    if not array.size:
        return np.zeros((draws, parties), dtype=np.int64)
    dtype = (
        None
        if vmax is None or form is None
        else working_dtype(vmax, emax, parties, total_seats, share, form.bound)
    )
    if form is None or dtype is None:
        return _exact_rows(array, extra, total_seats, name, share, runner_up, options)
    by_party = np.empty((parties, draws), dtype=np.int64)
    for start in range(0, draws, rows):
        stop = min(start + rows, draws)
        block: Ints = np.ascontiguousarray(array[start:stop].T, dtype=dtype)
        more: int | Ints = extra if isinstance(extra, int) else extra[start:stop].astype(dtype)
        by_party[:, start:stop] = _block(block, more, total_seats, form, share, runner_up, start)
    return by_party.T  # (draws, parties), each party's column contiguous (Fortran order)


def working_dtype(
    vmax: int,
    emax: int,
    parties: int,
    seats: int,
    share: Fraction,
    bound: Callable[[int, int, int], int] | None = None,
) -> type[np.int32] | type[np.int64] | None:
    """The narrowest integer type in which no intermediate value can overflow, or ``None``.

    Bounds, not estimates: list totals <= ``vmax * parties``; threshold ``base * p``; and
    the method's own ``bound(vmax, parties, seats)`` (default: that of the built-in
    methods, :func:`builtin_bound`).
    """
    base = vmax * parties + emax
    largest = max(
        base * max(share.numerator, 1) + share.denominator,
        (bound or builtin_bound)(vmax, parties, seats),
    )
    if largest <= INT32_MAX:
        return np.int32
    if largest <= INT64_MAX:
        return np.int64
    return None


def builtin_bound(vmax: int, parties: int, seats: int) -> int:
    """The bound of the four built-in forms: ``votes * seats`` and ``votes * divisor``
    (divisor <= ``2 * seats + 1``) plus a total; remainder keys ``total * parties``."""
    total = vmax * parties
    return max(
        vmax * (2 * seats + 2) + total,
        2 * total * (parties + 1) + parties,
        2 * seats + parties + 1,
    )


def _method_name(method: object) -> str:
    if not isinstance(method, str) or not is_method(method):
        raise unknown_method(method, " for allocate_many")
    return canonical_name(method)


def _chunk_rows(chunk_rows: int | None, parties: int) -> int:
    if chunk_rows is None:
        return max(1, CHUNK_ELEMENTS // parties)
    if isinstance(chunk_rows, bool) or not isinstance(chunk_rows, int) or chunk_rows < 1:
        raise InputError(f"chunk_rows must be a whole number of at least 1, got {chunk_rows!r}")
    return chunk_rows


def _vote_array(votes: ArrayLike) -> tuple[NDArray[Any], int | None]:
    """The votes as a 2-D array and the largest count (``None``: beyond int64, exact path)."""
    try:
        array = np.asarray(votes)
    except (ValueError, TypeError) as exc:
        raise InputError(f"votes: cannot read as an array (draws, parties): {exc}") from None
    if array.ndim != 2:
        raise InputError(f"votes must be a 2-D array (draws, parties), got shape {array.shape}")
    if array.shape[1] == 0:
        raise InputError("votes: there are no parties (the array has zero columns)")
    kind = array.dtype.kind
    if kind == "O":
        for (i, j), value in np.ndenumerate(array):
            if isinstance(value, bool) or not isinstance(value, int):
                raise InputError(f"votes[{i}, {j}] must be a whole number, got {value!r}")
            if value < 0:
                raise InputError(f"votes[{i}, {j}] must not be negative, got {value}")
        return array, None
    if kind not in "iu":
        raise InputError(f"votes must be whole numbers (an integer array), got dtype {array.dtype}")
    if array.size and kind == "i" and int(array.min()) < 0:
        i, j = np.argwhere(array < 0)[0]
        raise InputError(f"votes[{i}, {j}] must not be negative, got {int(array[i, j])}")
    vmax = int(array.max()) if array.size else 0
    if vmax > INT64_MAX:
        return array.astype(object), None
    return array, vmax


def _extra(base_extra: int | ArrayLike, draws: int) -> tuple[int | NDArray[np.int64], int]:
    """``base_extra`` as one int or one int64 per draw, and its largest value."""
    if isinstance(base_extra, bool):
        raise InputError(f"base_extra must be a whole number, got {base_extra!r}")
    extra = np.asarray(base_extra)
    if extra.dtype.kind not in "iu":
        raise InputError(f"base_extra must be whole numbers, got dtype {extra.dtype}")
    if extra.ndim == 0:
        value = int(extra)
        if value < 0:
            raise InputError("base_extra must not be negative")
        return value, value
    if extra.shape != (draws,):
        raise InputError(
            f"base_extra must be one number or one per draw ({draws}), got shape {extra.shape}"
        )
    if extra.size and int(extra.min()) < 0:
        raise InputError("base_extra must not be negative")
    emax = int(extra.max()) if extra.size else 0
    if emax > INT64_MAX:
        raise InputError(f"base_extra is too large (at most {INT64_MAX})")
    return extra.astype(np.int64), emax


def _exact_rows(
    array: NDArray[Any],
    extra: int | NDArray[np.int64],
    seats: int,
    method: str,
    share: Fraction,
    runner_up: bool,
    options: dict[str, Any] | None = None,
) -> NDArray[np.int64]:
    """The slow exact path: each draw through the single-election engine."""
    draws, parties = array.shape
    out = np.zeros((draws, parties), dtype=np.int64)
    names = [str(j) for j in range(parties)]
    for i in range(draws):
        row = [(names[j], int(array[i, j])) for j in range(parties)]
        try:
            result = allocate_seats(
                row,
                seats,
                method,
                threshold=share,
                base_extra=extra if isinstance(extra, int) else int(extra[i]),
                runner_up=runner_up,
                **(options or {}),
            )
        except InputError as exc:
            raise InputError(f"draw {i}: {exc}") from None
        out[i] = result.seat_list()
    return out


def _block(
    v: Ints,
    extra: int | Ints,
    seats: int,
    form: VectorForm,
    share: Fraction,
    runner_up: bool,
    offset: int,
) -> Ints:
    """One chunk, laid out as (parties, draws): the threshold, then the method's form."""
    dtype = v.dtype
    total = v.sum(axis=0, dtype=dtype)
    if share:
        needed = -((-(total + extra) * share.numerator) // share.denominator)
        admitted = v >= np.maximum(needed, 1)
    else:
        admitted = v > 0
    if runner_up:
        _admit_runner_up(v, admitted)
    count = admitted.sum(axis=0, dtype=dtype)
    if not count.all():
        i = int(np.argmin(count))
        why = "no list has any votes" if total[i] == 0 else "no list reaches the threshold"
        raise InputError(f"draw {offset + i}: {why}; the seats cannot be allocated")
    ve = v * admitted
    return form.count(Block(ve, admitted, ve.sum(axis=0, dtype=dtype), count, seats))


def _hare(b: Block) -> Ints:
    """Fewer seats are left than lists with a positive remainder."""
    product = b.votes * b.seats
    floors = product // b.total
    remainder = product - floors * b.total
    left = b.seats - floors.sum(axis=0, dtype=b.votes.dtype)
    seats: Ints = floors + _top(remainder, None, left)
    return seats


def _droop(b: Block) -> Ints:
    """More seats may be left than lists: each first gets ``left // lists``."""
    quota = b.total // (b.seats + 1) + 1
    floors = b.votes // quota
    remainder = b.votes - floors * quota
    left = b.seats - floors.sum(axis=0, dtype=b.votes.dtype)
    each = left // b.lists
    seats: Ints = floors + b.admitted * each + _top(remainder, b.admitted, left - each * b.lists)
    return seats


def _dhondt(b: Block) -> Ints:
    """The lower quota first, then the rest by highest quotient."""
    return _award_rest(b.votes, b.votes * b.seats // b.total, b.seats, sainte_lague=False)


def _sainte_lague(b: Block) -> Ints:
    """The quotients >= total / m, m = 2 * seats - lists - 1, are all certain winners."""
    m = np.maximum(2 * b.seats - b.lists - 1, 0)
    start = (b.votes * m + b.total) // (2 * b.total)
    return _award_rest(b.votes, start, b.seats, sainte_lague=True)


HARE = VectorForm(_hare, builtin_bound)
DROOP = VectorForm(_droop, builtin_bound)
DHONDT = VectorForm(_dhondt, builtin_bound)
SAINTE_LAGUE = VectorForm(_sainte_lague, builtin_bound)


def _admit_runner_up(v: Ints, admitted: Bools) -> None:
    """Where exactly one list is admitted, admit the next largest (first column on ties)."""
    single = np.flatnonzero(admitted.sum(axis=0) == 1)
    if not single.size:
        return
    rest = np.where(admitted[:, single], -1, v[:, single])
    best = rest.argmax(axis=0)
    has_votes = rest[best, np.arange(single.size)] > 0
    admitted[best[has_votes], single[has_votes]] = True


def _top(remainder: Ints, admitted: Bools | None, places: Ints) -> Bools:
    """True for the ``places`` largest remainders of each draw, earlier column first on ties.

    Each list's key is ``remainder * parties + (parties - 1 - column)``: distinct, ordered by
    remainder, and by registration order among equal remainders. A list wins a place when
    fewer than ``places`` keys beat its own. Lists not admitted get key -1 (``admitted``
    given) and are never reached, because ``places`` is always smaller than the number of
    admitted lists. With Hare no mask is needed: the remainders of a draw sum to
    ``places * total`` and each is below ``total``, so more than ``places`` admitted lists
    have a positive remainder and outrank the zero remainders of the lists not admitted.
    """
    parties = remainder.shape[0]
    order = np.arange(parties - 1, -1, -1, dtype=remainder.dtype)[:, None]
    key = remainder * parties + order
    if admitted is not None:
        key = np.where(admitted, key, -1)
    rank = np.zeros(key.shape, dtype=np.uint8 if parties < 256 else np.int64)
    for j in range(parties):
        rank += key[j] > key
    return rank < places


def _award_rest(ve: Ints, start: Ints, seats: int, *, sainte_lague: bool) -> Ints:
    """Give the seats not yet awarded one by one to the highest quotient, exactly."""
    held = start.copy()
    left = seats - held.sum(axis=0)
    cols = np.flatnonzero(left > 0)
    parties = ve.shape[0]
    while cols.size:
        v = ve[:, cols]
        d = 2 * held[:, cols] + 1 if sainte_lague else held[:, cols] + 1
        best_v, best_d = v[0], d[0]
        best = np.zeros(cols.size, dtype=np.intp)
        for i in range(1, parties):
            better = v[i] * best_d > best_v * d[i]
            best_v = np.where(better, v[i], best_v)
            best_d = np.where(better, d[i], best_d)
            best[better] = i
        held[best, cols] += 1
        left[cols] -= 1
        cols = cols[left[cols] > 0]
    return held
