"""The registry of seat methods: the one place a method's name is bound to its code.

Every seat method is registered here with its name, any aliases, its exact implementation
(a :class:`~respublika.elections.base.SeatMethod`) and, optionally, its vectorized form for
:func:`~respublika.elections.vectorized.allocate_many` and the forecasts. Everything else
asks the registry: :func:`method_names` for the lists offered to users (CLI help, web
forms), :func:`get_method` for the exact engine, :func:`vectorized_form` for the vectorized
one, and the profile validator checks every election's ``method`` against it when a profile
loads. No other module writes a method's name down.

Adding a method: write its :class:`SeatMethod` (a module of its own, or beside its family in
:mod:`.largest_remainder` / :mod:`.highest_averages`), register it below in
``_register_builtins`` (or, from outside the package, call :func:`register_method`), and test
it. A method without a vectorized form still works in ``allocate_many`` and the forecasts:
the draws are then counted one by one by the exact engine (correct, slower).

A vectorized form is an object with ``count(block)`` and ``bound(vmax, parties, seats)``
(see :class:`~respublika.elections.vectorized.VectorForm`). It may be given as the object
or as a ``"module:attribute"`` reference, imported on first use, so that registering the
built-in methods does not load NumPy.

    >>> from respublika.elections.registry import get_method, method_names
    >>> method_names()[:2]
    ('hare', 'dhondt')
    >>> get_method(" Sainte-Lague ").title
    'Sainte-Laguë'
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from respublika.elections.base import SeatMethod
from respublika.errors import InputError

if TYPE_CHECKING:
    from respublika.elections.vectorized import VectorForm


@dataclass
class _Entry:
    method: SeatMethod
    aliases: tuple[str, ...]
    vectorized: VectorForm | str | None


_METHODS: dict[str, _Entry] = {}
_NAMES: dict[str, str] = {}  # every accepted spelling (name or alias) -> the method's name


def _key(name: str) -> str:
    return name.strip().lower()


def method_names() -> tuple[str, ...]:
    """The registered methods' names (without aliases), built-in ones first."""
    return tuple(_METHODS)


def is_method(name: object) -> bool:
    """Whether ``name`` is a registered method's name or alias (case and spaces ignored)."""
    return isinstance(name, str) and _key(name) in _NAMES


def unknown_method(method: object, where: str = "") -> InputError:
    """The error for an unregistered method, listing the known names (``where``: e.g.
    ``" for allocate_many"``)."""
    return InputError(f"unknown seat method {method!r}{where}; known: {', '.join(_METHODS)}")


def canonical_name(method: str) -> str:
    """The registered name of ``method`` (a name or an alias); ``InputError`` if unknown."""
    if not isinstance(method, str) or _key(method) not in _NAMES:
        raise unknown_method(method)
    return _NAMES[_key(method)]


def get_method(method: str | SeatMethod) -> SeatMethod:
    """A registered method by name or alias (case and surrounding spaces ignored), or the
    method itself when one is given."""
    if not isinstance(method, str):
        if callable(getattr(method, "apportion", None)) and isinstance(getattr(method, "name", None), str):
            return method
        raise InputError.of("a seat method is a name ({names}) or an object with a name and "
                            "apportion(), got {got}", names=", ".join(sorted(_METHODS)),
                            got=type(method).__name__)
    return _METHODS[canonical_name(method)].method


def register_method(
    method: SeatMethod,
    *,
    aliases: Iterable[str] = (),
    vectorized: VectorForm | str | None = None,
) -> SeatMethod:
    """Make ``method`` available by its name and ``aliases``; returns it.

    ``vectorized``: its vectorized form (or a ``"module:attribute"`` reference to one), used
    by ``allocate_many``; without one, the draws are counted by the exact engine. A name or
    alias already taken is refused with an ``InputError``.
    """
    name = _key(method.name)
    if not name or name != method.name:
        raise InputError(
            f"a seat method's name must be lower case without surrounding spaces, got {method.name!r}"
        )
    spellings = [name, *(_key(a) for a in aliases)]
    for spelling in spellings:
        if spelling in _NAMES:
            raise InputError(
                f"a seat method named {spelling!r} is already registered"
                + ("" if _NAMES[spelling] == spelling else f" (an alias of {_NAMES[spelling]!r})")
            )
    if len(set(spellings)) != len(spellings):
        raise InputError(f"seat method {name!r}: a name or alias is given twice")
    _METHODS[name] = _Entry(method, tuple(spellings[1:]), vectorized)
    for spelling in spellings:
        _NAMES[spelling] = name
    return method


def unregister_method(name: str) -> None:
    """Remove a registered method and its aliases (for tests and plug-ins that unload)."""
    entry = _METHODS.pop(canonical_name(name))
    for spelling in (entry.method.name, *entry.aliases):
        del _NAMES[spelling]


def aliases_of(method: str) -> tuple[str, ...]:
    """The aliases of a registered method."""
    return _METHODS[canonical_name(method)].aliases


def vectorized_names() -> tuple[str, ...]:
    """The registered methods that have a vectorized form."""
    return tuple(name for name, entry in _METHODS.items() if entry.vectorized is not None)


def vectorized_form(method: str) -> VectorForm | None:
    """The vectorized form of a registered method, or ``None`` when it has none (the exact
    engine then counts each draw). A ``"module:attribute"`` reference is imported here."""
    entry = _METHODS[canonical_name(method)]
    form = entry.vectorized
    if isinstance(form, str):
        module, _, attribute = form.partition(":")
        form = getattr(importlib.import_module(module), attribute)
        entry.vectorized = form
    return form


def with_options(
    method: str | SeatMethod,
    *,
    first_divisor: object = None,
    quota_rounding: str | None = None,
) -> SeatMethod:
    """``method`` with its options: ``first_divisor`` (a divisor method's ``d(0)``, e.g.
    ``"1.4"`` for the modified Sainte-Laguë) and ``quota_rounding`` (``exact``, ``floor``,
    ``round`` or ``ceil``, for a largest-remainder quota). ``None`` leaves an option unset;
    an option the method does not have is refused."""
    found = get_method(method)
    if first_divisor is not None:
        modify = getattr(found, "with_first_divisor", None)
        if modify is None:
            raise InputError(
                f"seat method {found.name!r} takes no first divisor (divisor methods such as "
                "sainte-lague and dhondt do)"
            )
        found = modify(first_divisor)
    if quota_rounding is not None:
        modify = getattr(found, "with_rounding", None)
        if modify is None:
            raise InputError(
                f"seat method {found.name!r} takes no quota rounding (largest-remainder methods "
                "such as hare and hagenbach-bischoff do)"
            )
        found = modify(quota_rounding)
    return found


def _register_builtins() -> None:
    """The built-in methods, in the order they are offered."""
    from respublika.elections.highest_averages import (
        ADAMS,
        DANISH,
        DEAN,
        DHONDT,
        HUNTINGTON_HILL,
        IMPERIALI,
        SAINTE_LAGUE,
    )
    from respublika.elections.largest_remainder import (
        DROOP,
        HAGENBACH_BISCHOFF,
        HARE,
        IMPERIALI_QUOTA,
    )
    from respublika.elections.quota_method import QUOTA

    forms = "respublika.elections.vectorized"
    register_method(HARE, vectorized=f"{forms}:HARE")
    register_method(DHONDT, vectorized=f"{forms}:DHONDT")
    register_method(SAINTE_LAGUE, vectorized=f"{forms}:SAINTE_LAGUE")
    register_method(DROOP, vectorized=f"{forms}:DROOP")
    register_method(HUNTINGTON_HILL, aliases=("hill", "equal-proportions"))
    register_method(ADAMS)
    register_method(DEAN)
    register_method(DANISH)
    register_method(IMPERIALI)
    register_method(QUOTA, aliases=("balinski-young",))
    register_method(HAGENBACH_BISCHOFF)
    register_method(IMPERIALI_QUOTA)


_register_builtins()
