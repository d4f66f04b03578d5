"""The contract every seat method fulfils, so that methods are interchangeable components.

A seat method divides ``seats`` among lists that are already admitted (the threshold is a
separate component that wraps a method, see :mod:`respublika.elections.threshold`). It gets
the names and votes in registration order, every vote count positive, and a
:class:`~respublika.elections.ties.TieBreaker` to settle ties at the last seat(s). It returns
a :class:`MethodOutcome`: seats in the same order, the quota or the last winning quotient,
and explanation steps as ``(kind, text)`` pairs (citations are attached by the caller).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, Protocol

from respublika.elections.ties import TieBreaker

Family = Literal["quota", "divisor"]


@dataclass(frozen=True)
class MethodOutcome:
    """What a seat method decided.

    ``quota`` is set by quota (largest-remainder) methods and ``None`` for divisor methods;
    ``last_quotient`` is set by divisor methods (the quotient at which the last seat was
    won, i.e. the smallest winning quotient) and ``None`` for quota methods.
    """

    seats: tuple[int, ...]
    quota: Fraction | None
    last_quotient: Fraction | None
    steps: tuple[tuple[str, str], ...]


class SeatMethod(Protocol):
    """A seat method: a name for the registry, a family, and :meth:`apportion`."""

    @property
    def name(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def family(self) -> Family: ...

    def apportion(
        self, parties: Sequence[str], votes: Sequence[int], seats: int, ties: TieBreaker
    ) -> MethodOutcome:
        """Divide ``seats`` (>= 1) among ``parties`` (non-empty, every vote count > 0)."""
        ...
