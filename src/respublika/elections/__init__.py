"""The electoral engine: pure functions, parameters in, explained results out.

Nothing here reads a profile or hard-codes a country's numbers; seats, methods, thresholds
and bases are parameters. Modules, one concept each:

* :mod:`.party_list` - party-list PR: :func:`allocate_seats`, :class:`PartyListRule`
  (a :class:`Threshold` from :mod:`.threshold` wrapping a seat method);
* :mod:`.registry` - the seat methods by name, the one place a method is declared
  (:func:`register_method`, :func:`method_names`, :func:`get_method`); the built-in ones
  are in :mod:`.largest_remainder` and :mod:`.highest_averages`;
* :mod:`.vectorized` - :func:`allocate_many`, the same count for many simulated draws;
* :mod:`.majority` - :func:`majority_runoff` and :func:`runoff`;
* :mod:`.senate` - :func:`senate_class_election`, one majority election per unit;
* :mod:`.plurality` - :func:`assembly_election`, :func:`plurality_election`;
* :mod:`.maslikhat` - :func:`maslikhat_election`, list tier and/or districts;
* :mod:`.composition` - :class:`Seat`, :class:`Composition` and builders from results;
* :mod:`.ties`, :mod:`.explain`, :mod:`.inputs`, :mod:`.votes_text` - tie rules, cited
  explanation steps, input checks, reading vote tables from CSV/JSON text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from respublika.elections.base import MethodOutcome, SeatMethod
from respublika.elections.composition import (
    FILLED_BY,
    Composition,
    Seat,
    appointed_seats,
    plurality_seats,
    pr_seats,
    unit_seats,
)
from respublika.elections.explain import Cites, Step
from respublika.elections.majority import MajorityResult, RunoffResult, majority_runoff, runoff
from respublika.elections.maslikhat import MaslikhatResult, maslikhat_election
from respublika.elections.party_list import PartyListRule, SeatAllocation, allocate_seats
from respublika.elections.plurality import PluralityResult, assembly_election, plurality_election
from respublika.elections.registry import (
    get_method,
    method_names,
    register_method,
    unregister_method,
    vectorized_names,
)
from respublika.elections.senate import SenateClassResult, senate_class_election
from respublika.elections.threshold import Threshold
from respublika.elections.ties import Tie, TieBreaker
from respublika.elections.votes_text import parse_votes

if TYPE_CHECKING:  # typed as usual; at run time loaded on first use (below)
    from respublika.elections.vectorized import allocate_many

    VECTOR_METHODS: tuple[str, ...]


def __getattr__(name: str) -> object:
    """``allocate_many`` loads NumPy: imported on first use. ``VECTOR_METHODS`` (kept for
    callers of earlier versions) is :func:`vectorized_names` at the time of asking."""
    if name == "allocate_many":
        from respublika.elections import vectorized

        return vectorized.allocate_many
    if name == "VECTOR_METHODS":
        return vectorized_names()
    raise AttributeError(f"module 'respublika.elections' has no attribute {name!r}")


__all__ = [
    "FILLED_BY",
    "VECTOR_METHODS",
    "Cites",
    "Composition",
    "MajorityResult",
    "MaslikhatResult",
    "MethodOutcome",
    "PartyListRule",
    "PluralityResult",
    "RunoffResult",
    "Seat",
    "SeatAllocation",
    "SeatMethod",
    "SenateClassResult",
    "Step",
    "Threshold",
    "Tie",
    "TieBreaker",
    "allocate_many",
    "allocate_seats",
    "appointed_seats",
    "assembly_election",
    "get_method",
    "majority_runoff",
    "maslikhat_election",
    "method_names",
    "parse_votes",
    "plurality_election",
    "plurality_seats",
    "pr_seats",
    "register_method",
    "runoff",
    "senate_class_election",
    "unit_seats",
    "unregister_method",
    "vectorized_names",
]
