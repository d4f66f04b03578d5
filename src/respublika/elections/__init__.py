"""The electoral engine: pure functions, parameters in, explained results out.

Nothing here reads a profile or hard-codes a country's numbers; seats, methods, thresholds
and bases are parameters. Party-list PR (:func:`allocate_seats`, :class:`PartyListRule`),
the vectorized simulator (:func:`allocate_many`), majority elections with runoffs, indirect
Senate elections, elections by an assembly, maslikhats, and the composition of a chamber.
"""

from __future__ import annotations

from respublika.elections.base import MethodOutcome, SeatMethod
from respublika.elections.explain import Cites, Step
from respublika.elections.party_list import PartyListRule, SeatAllocation, allocate_seats
from respublika.elections.registry import get_method, method_names, register_method
from respublika.elections.threshold import Threshold
from respublika.elections.ties import Tie, TieBreaker

__all__ = [
    "Cites",
    "MethodOutcome",
    "PartyListRule",
    "SeatAllocation",
    "SeatMethod",
    "Step",
    "Threshold",
    "Tie",
    "TieBreaker",
    "allocate_seats",
    "get_method",
    "method_names",
    "register_method",
]
