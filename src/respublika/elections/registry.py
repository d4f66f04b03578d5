"""The registry of seat methods, found by name (``"hare"``, ``"dhondt"``, ...).

New methods are components: anything satisfying :class:`~respublika.elections.base.SeatMethod`
can be added with :func:`register_method` and is then usable by name everywhere the
single-election engine takes a method. (The vectorized engine knows only the built-in four.)
"""

from __future__ import annotations

from respublika.elections.base import SeatMethod
from respublika.elections.highest_averages import DHONDT, SAINTE_LAGUE
from respublika.elections.largest_remainder import DROOP, HARE
from respublika.errors import InputError

_METHODS: dict[str, SeatMethod] = {m.name: m for m in (HARE, DHONDT, SAINTE_LAGUE, DROOP)}


def method_names() -> tuple[str, ...]:
    """The registered method names, built-in ones first."""
    return tuple(_METHODS)


def get_method(method: str | SeatMethod) -> SeatMethod:
    """A registered method by name (case and surrounding spaces ignored), or the method itself."""
    if not isinstance(method, str):
        return method
    found = _METHODS.get(method.strip().lower())
    if found is None:
        raise InputError(f"unknown seat method {method!r}; known: {', '.join(_METHODS)}")
    return found


def register_method(method: SeatMethod) -> None:
    """Make ``method`` available by its name; an existing name is refused."""
    if method.name in _METHODS:
        raise InputError(f"a seat method named {method.name!r} is already registered")
    _METHODS[method.name] = method
