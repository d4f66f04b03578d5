"""Explanation steps and their citation hook, plus exact decimal display of fractions.

Every result carries an ``explain`` list of :class:`Step`. A step has a ``kind``
(``"threshold"``, ``"quota"``, ``"floors"``, ``"remainders"``, ``"quotients"``,
``"majority"``, ...), a human-readable ``text`` and ``cites``: references the *caller*
passes in (the engine knows no constitution). ``cites`` is either a list, attached to every
step, or a mapping from step kind to list, with ``"*"`` as the fallback for kinds not named:
``{"threshold": ["Election Act art. 97(1)"], "*": ["Constitution art. 51"]}``.

Decimals in texts are produced from fractions by integer arithmetic (:func:`decimal`); they
are for reading only, no decision is ever taken on them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from respublika.errors import InputError

Cites = Sequence[str] | Mapping[str, Sequence[str]] | None
"""What a caller may pass as ``cites``: a list for all steps, or a mapping by step kind."""


class Said(str):
    """A step's English text that also keeps its words apart from its data: ``template`` (a
    message with named fields, the catalogue's msgid) and ``args`` (its values: whole numbers,
    texts such as names or decimals, or lists of :class:`Said` items joined by ``"; "``). It is
    a ``str`` (the English text), so code that joins or compares texts is unchanged; the
    renderer (``render.election_text``) puts the template in the reader's language."""

    template: str
    args: dict[str, Any]

    def __new__(cls, template: str, **args: Any) -> Said:
        made = super().__new__(cls, fill(template, args))
        made.template = template
        made.args = args
        return made

    def __reduce__(self) -> tuple[Any, tuple[str, dict[str, Any]]]:
        return _said, (self.template, self.args)


def _said(template: str, args: dict[str, Any]) -> Said:
    return Said(template, **args)


def fill(template: str, args: Mapping[str, Any], number: Any = None, item: Any = None) -> str:
    """``template`` with ``args`` filled in: whole numbers by ``number`` (English ``1,234``),
    a list item by ``item`` (its English text), lists joined by ``"; "``."""
    number = number or (lambda n: f"{n:,}")
    item = item or str
    shown = {k: ("; ".join(item(x) for x in v) if isinstance(v, list | tuple)
                 else number(v) if isinstance(v, int) and not isinstance(v, bool) else str(v))
             for k, v in args.items()}
    return template.format(**shown)


def said_dict(value: Any) -> Any:
    """A :class:`Said`'s data, JSON-ready: ``{"text", "template", "args"}`` (items likewise)."""
    if isinstance(value, Said):
        return {"text": str(value), "template": value.template,
                "args": {k: said_dict(v) for k, v in value.args.items()}}
    if isinstance(value, list | tuple):
        return [said_dict(v) for v in value]
    return value


@dataclass(frozen=True)
class Step:
    """One human-readable step of a count, with the references that justify it."""

    kind: str
    text: str
    cites: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form: ``{"kind", "text", "cites"}``, and ``template``/``args`` when the
        text was said as a template (for the renderer; ``text`` stays the English)."""
        out: dict[str, object] = {"kind": self.kind, "text": str(self.text), "cites": list(self.cites)}
        if isinstance(self.text, Said):
            out.update(said_dict(self.text))
            out["text"] = str(self.text)
        return out


def check_cites(cites: Cites) -> Cites:
    """Refuse anything but a list of strings or a mapping of kind -> list of strings."""
    if cites is None:
        return None
    if isinstance(cites, Mapping):
        for kind, refs in cites.items():
            if not isinstance(kind, str):
                raise InputError(f"cites: step kind must be text, got {kind!r}")
            _check_refs(refs, f"cites[{kind!r}]")
        return cites
    _check_refs(cites, "cites")
    return cites


def _check_refs(refs: object, what: str) -> None:
    if isinstance(refs, str) or not isinstance(refs, Sequence):
        raise InputError(f"{what}: expected a list of references, got {refs!r}")
    for ref in refs:
        if not isinstance(ref, str):
            raise InputError(f"{what}: each reference must be text, got {ref!r}")


def cites_for(cites: Cites, kind: str) -> tuple[str, ...]:
    """The references attached to a step of ``kind``."""
    if cites is None:
        return ()
    if isinstance(cites, Mapping):
        refs = cites.get(kind, cites.get("*", ()))
        return tuple(refs)
    return tuple(cites)


def all_cites(cites: Cites) -> tuple[str, ...]:
    """Every reference passed, once each, in first-seen order (for the result's ``cites``)."""
    if cites is None:
        return ()
    groups = cites.values() if isinstance(cites, Mapping) else [cites]
    seen: dict[str, None] = {}
    for refs in groups:
        for ref in refs:
            seen.setdefault(ref, None)
    return tuple(seen)


def cite_steps(steps: Sequence[tuple[str, str]], cites: Cites) -> tuple[Step, ...]:
    """Turn ``(kind, text)`` pairs into :class:`Step` objects carrying their references."""
    return tuple(Step(kind, text, cites_for(cites, kind)) for kind, text in steps)


def decimal(value: Fraction, places: int = 3) -> str:
    """``value`` rounded half-up to ``places`` decimals, as text, by integer arithmetic."""
    scale = 10**places
    scaled = value * scale
    negative = scaled < 0
    magnitude = -scaled if negative else scaled
    rounded = (magnitude.numerator * 2 + magnitude.denominator) // (2 * magnitude.denominator)
    whole, frac = divmod(rounded, scale)
    text = f"{whole}.{frac:0{places}d}" if places else str(whole)
    return f"-{text}" if negative and rounded else text


def percent(value: Fraction, places: int = 3) -> str:
    """A share as a percentage for display: ``Fraction(7, 100)`` -> ``"7.000 %"``."""
    return f"{decimal(value * 100, places)} %"


def show(value: Fraction) -> str:
    """A fraction as ``"p/q"`` (or an integer) followed by its decimal, for step texts."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator} (≈ {decimal(value, 4)})"
