"""Labels: the words a profile gives its ids, in a language.

A person never reads an id (``awaiting_government``, ``party_lists``, ``nominate_pm``): every
id they see is shown through :func:`label`, which looks, in this order, at

1. the profile's ``[labels.<lang>.<kind>]`` table (``states`` and ``params`` may be keyed
   ``<matter kind>.<state>`` / ``<act>.<param>`` first, for an id that means different things),
2. the words the profile already gives the entry in that language (an institution's or a
   unit's ``name`` / ``name_<lang>``, a matter kind's ``name``),
3. the message catalogue, for generic words (the English label, translated),
4. a readable form of the id (``awaiting government``): the last resort, which the
   completeness test (``tests/i18n/test_labels_complete.py``) keeps from happening.

A new language is new data: ``[labels.<lang>]`` tables in the profiles and a catalogue under
``i18n/locale/<lang>``; nothing here names a language.

Longer texts (what an act does, what a state means, a threshold in full) come from the
profile's ``description``: :func:`act_text`, :func:`state_text`, :func:`threshold_text`.
"""

from __future__ import annotations

from typing import Any

from respublika.i18n import SOURCE_LANGUAGE, catalogue, pick, translator
from respublika.profile.schema import Profile

KINDS = ("institutions", "seats", "elections", "thresholds", "durations", "acts", "params", "values",
         "matters", "states", "vars", "events", "rules", "outcomes", "games", "paths", "indices", "units")
"""The kinds of id a profile labels (the fields of :class:`respublika.profile.schema.Labels`)."""


def readable(ident: str) -> str:
    """The last resort: ``awaiting_government`` → ``awaiting government``."""
    return ident.replace("_", " ").replace("-", " ").strip()


def own_label(profile: Profile, kind: str, ident: str, lang: str, scope: str | None = None) -> str | None:
    """The profile's own label for ``ident`` in ``lang`` (its labels table, else the entry's
    name in that language), or None: no fallback to another language."""
    table = profile.labels.get(lang)
    if table is not None:
        words: dict[str, str] = getattr(table, kind, {})
        found = (words.get(f"{scope}.{ident}") if scope else None) or words.get(ident)
        if found:
            return found
    if kind == "institutions" and ident in profile.institutions:
        inst = profile.institutions[ident]
        return str((getattr(inst, f"name_{lang}", "") if lang != SOURCE_LANGUAGE else inst.name) or "") or None
    if kind == "units" and ident in profile.units:
        unit = profile.units[ident]
        return str((getattr(unit, f"name_{lang}", "") if lang != SOURCE_LANGUAGE else unit.name) or "") or None
    if kind == "matters" and ident in profile.procedure.matters:
        return profile.procedure.matters[ident].name.get(lang) or None
    return None


def label(profile: Profile, kind: str, ident: Any, lang: str = "en", scope: str | None = None) -> str:
    """The label of the id ``ident`` of ``kind`` (one of :data:`KINDS`) in ``lang``."""
    ident = str(ident)
    found = own_label(profile, kind, ident, lang, scope)
    if found:
        return found
    english = own_label(profile, kind, ident, SOURCE_LANGUAGE, scope) or readable(ident)
    if lang == SOURCE_LANGUAGE:
        return english
    return translator(lang)(english)


def has_label(profile: Profile, kind: str, ident: str, lang: str, scope: str | None = None) -> bool:
    """Whether ``ident`` has a label in ``lang`` that is not a readable id (for the tests)."""
    if own_label(profile, kind, ident, lang, scope):
        return True
    english = own_label(profile, kind, ident, SOURCE_LANGUAGE, scope)
    return lang != SOURCE_LANGUAGE and english is not None and english in catalogue(lang)


def institution_label(profile: Profile, ident: str, lang: str = "en") -> str:
    return label(profile, "institutions", ident, lang)


def chamber_name(profile: Profile, chamber: str, lang: str = "en") -> str:
    """An institution's name in ``lang`` (kept for its callers: :func:`institution_label`)."""
    return institution_label(profile, chamber, lang)


def seat_kind_label(profile: Profile, seat: str, lang: str = "en") -> str:
    """``party_lists`` → ``party lists``."""
    return label(profile, "seats", seat, lang)


def election_label(profile: Profile, election: str, lang: str = "en") -> str:
    return label(profile, "elections", election, lang)


def threshold_label(profile: Profile, threshold: str, lang: str = "en") -> str:
    """``two_thirds`` → ``two thirds`` (short; :func:`threshold_text` says it in full)."""
    return label(profile, "thresholds", threshold, lang)


def duration_label(profile: Profile, duration: str, lang: str = "en") -> str:
    return label(profile, "durations", duration, lang)


def act_label(profile: Profile, act: str, lang: str = "en") -> str:
    """An act's name, as on a button: ``nominate_pm`` → ``Nominate a Prime Minister``."""
    return label(profile, "acts", act, lang)


def param_label(profile: Profile, act: str | None, param: str, lang: str = "en") -> str:
    """An act parameter's name (``budget_impact`` → ``affects the budget``)."""
    return label(profile, "params", param, lang, scope=act)


def value_label(profile: Profile, value: Any, lang: str = "en") -> str:
    """A parameter's value: a choice (``deputies``), yes/no, a number or a text as it is."""
    if isinstance(value, bool):
        return translator(lang)("yes" if value else "no")
    if isinstance(value, str) and value in _choices(profile):
        return label(profile, "values", value, lang)
    if isinstance(value, str) and value in profile.institutions:
        return institution_label(profile, value, lang)
    return str(value)


def _choices(profile: Profile) -> set[str]:
    return {c for act in profile.procedure.acts.values() for p in act.params.values() for c in p.choices}


def matter_label(profile: Profile, kind: str, lang: str = "en") -> str:
    """A matter kind's name (``bill`` → ``Bill``)."""
    return label(profile, "matters", kind, lang)


def state_label(profile: Profile, kind: str | None, state: str, lang: str = "en") -> str:
    """``awaiting_government`` → ``awaiting the Government's opinion``."""
    return label(profile, "states", state, lang, scope=kind)


def var_label(profile: Profile, var: str, lang: str = "en") -> str:
    return label(profile, "vars", var, lang)


def event_label(profile: Profile, event: str, lang: str = "en") -> str:
    return label(profile, "events", event, lang)


def rule_label(profile: Profile, rule: str, lang: str = "en") -> str:
    return label(profile, "rules", rule, lang)


def outcome_label(profile: Profile, outcome: str, lang: str = "en") -> str:
    return label(profile, "outcomes", outcome, lang)


def game_label(profile: Profile, game: str, lang: str = "en") -> str:
    return label(profile, "games", game, lang)


def path_label(profile: Profile, path: str, lang: str = "en") -> str:
    return label(profile, "paths", path, lang)


def unit_label(profile: Profile, unit: str, lang: str = "en") -> str:
    return label(profile, "units", unit, lang)


def index_label(profile: Profile | None, index: str, lang: str = "en") -> str:
    """A power index's name: the profile's label, else the registry's title, translated."""
    if profile is not None:
        found = own_label(profile, "indices", index, lang)
        if found:
            return found
    from respublika.games.indices import get_index

    try:
        title = get_index(index).title
    except Exception:  # an unknown name: shown readable
        title = readable(index)
    return translator(lang)(title)


def _text(texts: dict[str, str], lang: str, fallback: str) -> str:
    return pick(texts, lang) or fallback


def threshold_text(profile: Profile, key: str, lang: str = "en") -> str:
    """``two thirds of the total membership``: a threshold's description."""
    rule = profile.thresholds.get(key)
    return threshold_label(profile, key, lang) if rule is None or not rule.description else _text(
        rule.description, lang, key)


def act_text(profile: Profile, act: str, lang: str = "en") -> str:
    """What an act does, in the profile's words (its label when it has no description)."""
    spec = profile.procedure.acts.get(act)
    return act_label(profile, act, lang) if spec is None or not spec.description else _text(
        spec.description, lang, act)


def act_summary(profile: Profile, act: str, lang: str = "en") -> str:
    """One line on what the act does and who may take it: ``Veto a law … — by the President``."""
    spec = profile.procedure.acts.get(act)
    if spec is None:
        return act_label(profile, act, lang)
    who = translator(lang)("taken by {actor}").format(actor=actor_label(profile, spec.actor, lang))
    return f"{act_text(profile, act, lang)} — {who}"


def actor_label(profile: Profile, actor: str, lang: str = "en") -> str:
    """Who takes an act: an institution, or a generic actor (``people``, ``initiator``)."""
    if actor in profile.institutions:
        return institution_label(profile, actor, lang)
    return label(profile, "values", actor, lang)


def state_text(profile: Profile, kind: str, state: str, lang: str = "en") -> str:
    """What a state of a matter kind means, in the profile's words."""
    spec = profile.procedure.matters[kind].states.get(state) if kind in profile.procedure.matters else None
    return state_label(profile, kind, state, lang) if spec is None or not spec.description else _text(
        spec.description, lang, state)


def kind_text(profile: Profile, kind: str, lang: str = "en") -> str:
    """A matter kind's name (``bill`` → ``Bill``)."""
    return matter_label(profile, kind, lang)


def deadline_description(profile: Profile, event: str, to: str | None, lang: str = "en") -> str:
    """The description of the deadline that fires ``event`` into ``to`` (else its label)."""
    for kind in profile.procedure.matters.values():
        for state in kind.states.values():
            d = state.deadline
            if d is not None and d.event == event and d.to == to:
                return _text(d.description, lang, event_label(profile, event, lang))
    return event_label(profile, event, lang)
