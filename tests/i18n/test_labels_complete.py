"""Every id a person can see has a label in every language the project speaks, in every
shipped profile and every one of its versions (``[labels.<lang>.<kind>]``, docs/profile.md)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from respublika.profile import load_profile
from respublika.profile.loader import shipped_profiles
from respublika.profile.schema import Profile
from respublika.render.labels import has_label, label, readable

LANGUAGES = ("en", "de")


def visible_ids(profile: Profile) -> dict[str, set[str]]:
    """kind -> the ids of that kind a person may see (institutions, seats, acts, ...)."""
    ids: dict[str, set[str]] = defaultdict(set)
    ids["institutions"] |= set(profile.institutions)
    for inst in profile.institutions.values():
        ids["seats"] |= set(inst.seats)
    ids["elections"] |= set(profile.elections)
    ids["thresholds"] |= set(profile.thresholds)
    ids["durations"] |= set(profile.durations)
    for name, act in profile.procedure.acts.items():
        ids["acts"].add(name)
        ids["params"] |= set(act.params)
        ids["values"].add(act.actor) if act.actor not in profile.institutions else None
        for param in act.params.values():
            ids["values"] |= set(param.choices)
    ids["vars"] |= set(profile.procedure.republic.vars)
    rules = list(profile.procedure.republic.rules)
    for kind, matter in profile.procedure.matters.items():
        ids["matters"].add(kind)
        ids["states"] |= set(matter.states)
        ids["vars"] |= set(matter.vars)
        ids["events"] |= {s.deadline.event for s in matter.states.values() if s.deadline is not None}
        rules += matter.rules
    for rule in rules:
        ids["rules"].add(rule.id)
        ids["outcomes"] |= {o.id for o in rule.passed + rule.rejected if o.id}
    for game, spec in profile.games.items():
        ids["games"].add(game)
        ids["paths"] |= {p.id for p in spec.paths}
    return ids


def every_version(name: str) -> list[Profile]:
    latest = load_profile(name)
    return [load_profile(name, as_of=v.effective) for v in latest.versions] or [latest]


def profile_ids(name: str) -> dict[str, set[str]]:
    """The visible ids of a shipped profile, over all its versions."""
    ids: dict[str, set[str]] = defaultdict(set)
    for version in every_version(name):
        for kind, found in visible_ids(version).items():
            ids[kind] |= found
    return ids


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", shipped_profiles())
def test_every_visible_id_of_a_shipped_profile_has_a_label(name, lang):
    missing = []
    for version in every_version(name):
        for kind, found in visible_ids(version).items():
            missing += [f"{version.version or name}: {kind}.{i}" for i in sorted(found)
                        if not has_label(version, kind, i, lang)]
    assert sorted(set(missing)) == []


def test_a_missing_label_is_caught_and_falls_back_to_a_readable_id():
    seed = load_profile("seed")
    bare = load_profile("seed", overrides={"labels.de.states": {}})
    assert has_label(seed, "states", "awaiting_government", "de")
    assert not has_label(bare, "states", "awaiting_government", "de")
    assert label(bare, "states", "awaiting_government", "de") == "awaiting the Government's opinion"
    assert label(bare, "states", "no_such_state", "de") == readable("no_such_state") == "no such state"


def test_labels_are_keyed_by_kind_and_refuse_unknown_kinds():
    from respublika.errors import RespublikaError

    with pytest.raises(RespublikaError):
        load_profile("seed", overrides={"labels.de.colours": {"x": "y"}})
