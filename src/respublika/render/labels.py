"""Labels: the words a profile gives its ids (institutions, matter kinds, states, acts,
thresholds), in a language.

A profile carries its own words in every language it ships (``description = {en = ...,
de = ...}``, ``name`` / ``name_<lang>``); these functions choose one, fall back to English
and then to the id itself, so an id the profile does not describe is still shown.
"""

from __future__ import annotations

from respublika.i18n import pick
from respublika.profile.schema import Profile


def _text(texts: dict[str, str], lang: str, fallback: str) -> str:
    return pick(texts, lang) or fallback


def chamber_name(profile: Profile, chamber: str, lang: str = "en") -> str:
    """An institution's name (``name_<lang>`` when the profile gives one, else ``name``)."""
    inst = profile.institutions.get(chamber)
    if inst is None:
        return chamber
    local = getattr(inst, f"name_{lang}", "") if lang != "en" else ""
    return str(local or inst.name)


def threshold_text(profile: Profile, key: str, lang: str = "en") -> str:
    """``two thirds of the total membership``: a threshold's description."""
    rule = profile.thresholds.get(key)
    return key if rule is None else _text(rule.description, lang, key)


def act_text(profile: Profile, act: str, lang: str = "en") -> str:
    """What an act does, in the profile's words."""
    spec = profile.procedure.acts.get(act)
    return act if spec is None else _text(spec.description, lang, act)


def state_text(profile: Profile, kind: str, state: str, lang: str = "en") -> str:
    """What a state of a matter kind means, in the profile's words."""
    spec = profile.procedure.matters[kind].states.get(state) if kind in profile.procedure.matters else None
    return state if spec is None else _text(spec.description, lang, state)


def kind_text(profile: Profile, kind: str, lang: str = "en") -> str:
    """A matter kind's name (``bill`` → ``Bill``)."""
    spec = profile.procedure.matters.get(kind)
    return kind if spec is None else _text(spec.name, lang, kind)


def deadline_description(profile: Profile, event: str, to: str | None, lang: str = "en") -> str:
    """The description of the deadline that fires ``event`` into ``to`` (else ``event``)."""
    for kind in profile.procedure.matters.values():
        for state in kind.states.values():
            d = state.deadline
            if d is not None and d.event == event and d.to == to:
                return _text(d.description, lang, event)
    return event
