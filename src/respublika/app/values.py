"""Values as people type them (text from a form or a command line, or already typed): whole
numbers, numbers, yes/no. Each bad value is refused with its name; digit strings are bounded
in length before they are converted."""

from __future__ import annotations

from typing import Any

from respublika.errors import InputError

MAX_DIGITS = 18


class Unknown(InputError):
    """Something named that does not exist: a world, a matter, a job, a simulation (the web
    answers 404)."""


def whole(value: Any, name: str, default: int | None = None) -> Any:
    """A whole number; ``None`` or empty text gives ``default``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    if isinstance(value, bool):
        raise InputError(f"{name}: expected a whole number, got {value!r}")
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not text.lstrip("+-").isdigit() or len(text.lstrip("+-")) > MAX_DIGITS:
        raise InputError(f"{name}: expected a whole number, got {text[:40]!r}")
    return int(text)


def number(value: Any, name: str, default: float, *, low: float = 0.0, high: float = 1e6) -> float:
    """A number in ``(low, high]``; ``None`` or empty text gives ``default``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    try:
        result = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{name}: expected a number, got {str(value)[:40]!r}") from None
    if not low < result <= high:
        raise InputError(f"{name}: between {low:g} and {high:,g}, got {value!r}")
    return result


def flag(value: Any, name: str) -> bool:
    """Yes or no: ``true/false``, ``1/0``, ``yes/no``, ``on/off`` (empty: no)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off", ""):
        return False
    raise InputError(f"{name}: expected true or false, got {value!r}")
