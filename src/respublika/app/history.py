"""A dated profile's real history, replayed event by event under the version in force.

A history file (``data/<profile>-history.yaml``, shipped; or any file a caller reads) lists
dated events, each of a *kind* the replay knows how to check against the profile as of
that day (see the file's header):

- ``adoption``: a version of the profile records the act (its ``adopted`` date);
- ``version``: the version in force that day is the one named, effective that day;
- ``election``: the body is elected under that version (an election of the profile, or a
  chamber's single-member district tier), with the chamber's size and, for an office, a
  winner's share that clears the majority;
- ``acts``: procedure acts run through the procedure engine in a fresh world;
- ``unmodelled``: an event the model has no rule for (its assumption named).

Each event comes out ``accepted``, ``departure`` (refused, and recorded as a departure
from the texts with a source), ``unmodelled`` or ``refused`` (a model error), with the
version in force, the rule that allowed it (ids and citations) and the reason. Nothing
here knows a profile's ids: bodies, acts and versions come from the file and the profile.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from importlib import resources
from typing import Any

import yaml

from respublika.app import elections as elections_app
from respublika.app.profiles import ProfileRequest, open_profile
from respublika.errors import InputError, RespublikaError
from respublika.exact import format_fraction, parse_fraction
from respublika.procedure import Engine, parse_scenario, run_in_memory
from respublika.profile import Profile, load_profile, shipped_profiles
from respublika.profile.loader import split_ref

KINDS = ("adoption", "version", "election", "acts", "unmodelled")
STATUSES = ("accepted", "departure", "unmodelled", "refused")


def history_file(name: str) -> str | None:
    """The shipped history of profile ``name`` (YAML text), or ``None``."""
    entry = resources.files("respublika.data") / f"{name}-history.yaml"
    return entry.read_text(encoding="utf-8") if entry.is_file() else None


def shipped_histories() -> list[str]:
    """The profiles with a shipped history."""
    folder = resources.files("respublika.data")
    return sorted(e.name.removesuffix("-history.yaml") for e in folder.iterdir() if e.name.endswith("-history.yaml"))


def _day(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def parse_history(text: str) -> dict[str, Any]:
    """The history file's content, checked: ``profile``, ``events`` (each with ``id``,
    ``date``, ``kind``, ``title`` and ``source``), in date order."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"history: not YAML ({exc})") from None
    if not isinstance(data, Mapping) or not isinstance(data.get("events"), list) or not data.get("profile"):
        raise InputError("history: a mapping with 'profile' and a list of 'events'")
    events = []
    seen: set[str] = set()
    last = date.min
    for i, raw in enumerate(data["events"]):
        where = f"events[{i}]"
        if not isinstance(raw, Mapping):
            raise InputError(f"{where}: an event must be a mapping")
        for key in ("id", "date", "kind", "title", "source"):
            if not raw.get(key):
                raise InputError(f"{where}: missing {key!r}")
        if raw["kind"] not in KINDS:
            raise InputError(f"{where}: kind {raw['kind']!r} is not one of {', '.join(KINDS)}")
        if raw["id"] in seen:
            raise InputError(f"{where}: the id {raw['id']!r} is used twice")
        seen.add(str(raw["id"]))
        on = _day(raw["date"], f"{where}.date")
        if on < last:
            raise InputError(f"{where}: {on} is before the previous event ({last}); keep the events in date order")
        last = on
        events.append({**raw, "date": on})
    return {**data, "events": events}


class _Refused(Exception):
    def __init__(self, reason: str, version: str | None = None) -> None:
        super().__init__(reason)
        self.reason, self.version = reason, version


def _load(name: str, on: date | None = None) -> Profile:
    """A profile (as of ``on``); a shipped one is opened once per process and date (a replay
    asks for the same versions dozens of times, and parsing kz.toml costs ~0.1 s)."""
    if name in shipped_profiles():
        if on is not None:  # the same version on many days: open it once, by its first day
            latest = open_profile(ProfileRequest.of(name), files=False)
            starts = [v.effective for v in latest.versions if v.effective <= on]
            on = max(starts) if starts else on
        return open_profile(ProfileRequest.of(name, on.isoformat() if on else None), files=False)
    return load_profile(name) if on is None else load_profile(name, as_of=on)


def _at(name: str, on: date) -> Profile:
    try:
        if not _load(name).versions:
            return _load(name)  # an undated profile holds on every date
        return _load(name, on)
    except RespublikaError as exc:
        raise _Refused(f"no version of the profile is in force on {on}: {exc}") from None


def _check_adoption(name: str, event: Mapping[str, Any]) -> dict[str, Any]:
    latest = _load(name)
    wanted = event.get("version")
    found = [v for v in latest.versions if v.adopted == event["date"] and (wanted is None or v.id == wanted)]
    if not found:
        raise _Refused(f"no version of the profile was adopted on {event['date']}"
                       + (f" as {wanted!r}" if wanted else ""))
    v = found[0]
    return {"version": v.id, "rule": {"id": v.id, "act": v.act, "cites": list(v.cites)},
            "reason": f"adopted on {v.adopted}, in force {v.effective}: {v.act}"}


def _check_version(name: str, event: Mapping[str, Any]) -> dict[str, Any]:
    profile = _at(name, event["date"])
    current = next((v for v in profile.versions if v.id == profile.version), None)
    if profile.version != event["version"] or current is None or current.effective != event["date"]:
        raise _Refused(f"the version in force on {event['date']} is {profile.version!r}"
                       + (f" (effective {current.effective})" if current else "")
                       + f", not {event['version']!r} from that day", profile.version)
    return {"version": profile.version, "rule": {"id": current.id, "act": current.act, "cites": list(current.cites)},
            "reason": current.summary}


def _check_election(name: str, event: Mapping[str, Any]) -> dict[str, Any]:
    profile = _at(name, event["date"])
    wanted = str(event["body"])
    institution: str | None = None
    cites: list[str] = []
    rule_id: str | None = None
    try:
        found = elections_app.body(profile, wanted)
        institution, rule_id = found.institution, found.id
        cites = list(profile.elections[found.id].cites)
    except InputError:
        for iid in profile.institutions:
            if iid == wanted and elections_app.district_seats(profile, iid) is not None:
                institution = iid
                sid, _n = elections_app.district_seats(profile, iid)  # type: ignore[misc]
                rule_id = f"{iid}.seats.{sid}"
                cites = list(profile.institutions[iid].seats[sid].cites)
        if institution is None:
            raise _Refused(f"no election of {wanted!r} under version {profile.version}", profile.version) from None
    inst = profile.institutions[institution]
    checks = []
    if event.get("seats") is not None:
        if inst.size != int(event["seats"]):
            raise _Refused(f"the {inst.name} has {inst.size} seats under version {profile.version}, "
                           f"not {event['seats']}", profile.version)
        checks.append(f"{inst.size} seats")
    if event.get("share") is not None:
        share = parse_fraction(event["share"], what="share")
        rule = profile.elections.get(rule_id or "")
        majority = rule.majority if rule is not None and rule.majority is not None else Fraction(1, 2)
        if share <= majority:
            raise _Refused(f"the winner's {format_fraction(share)} does not clear the majority "
                           f"{format_fraction(majority)}: a runoff was due", profile.version)
        checks.append(f"the winner's share {format_fraction(share)} clears {format_fraction(majority)}")
    if inst.first_sitting is not None and event["date"] < inst.first_sitting:
        raise _Refused(f"the {inst.name} is first elected on {inst.first_sitting}", profile.version)
    return {"version": profile.version, "rule": {"id": rule_id, "cites": cites},
            "reason": f"the {inst.name} is elected under version {profile.version}"
                      + (f" ({'; '.join(checks)})" if checks else "")}


def _check_acts(name: str, event: Mapping[str, Any]) -> dict[str, Any]:
    steps = []
    for raw in event.get("steps") or []:
        if not isinstance(raw, Mapping) or "act" not in raw:
            raise InputError(f"event {event['id']!r}: each step is a mapping with 'act'")
        steps.append({"date": event["date"], **raw})
    if not steps:
        raise InputError(f"event {event['id']!r}: an 'acts' event needs steps")
    profile = _at(name, event["date"])
    scenario = parse_scenario({"profile": name, "setup": event.get("setup") or {},
                               "steps": steps})
    run = run_in_memory(scenario, Engine(profile))
    rules: list[str] = []
    cites: list[str] = []
    for outcome in run.steps:
        if not outcome.ok and not outcome.step.expect_error:
            raise _Refused(f"{outcome.step.step.act} refused: {outcome.error}", profile.version)
        if outcome.ok and outcome.step.expect_error:
            raise _Refused(f"{outcome.step.step.act} was accepted, but the event says it was not possible",
                           profile.version)
        for e in outcome.events:
            if e.rule and e.rule not in rules:
                rules.append(e.rule)
            cites += [c for c in e.cites if c not in cites]
    return {"version": profile.version, "rule": {"id": ", ".join(rules), "cites": cites},
            "reason": "; ".join(f"{o.step.step.act}: " + ("refused as expected" if o.step.expect_error else "accepted")
                                for o in run.steps)}


CHECKS = {"adoption": _check_adoption, "version": _check_version, "election": _check_election,
          "acts": _check_acts}


def replay(name: str, text: str | None = None) -> dict[str, Any]:
    """Replay the history of profile ``name`` (the shipped file, or ``text``): every event
    with its status, the version in force, the rule and the reason, and the counts."""
    base, _ = split_ref(name)
    if text is None:
        text = history_file(base)
        if text is None:
            raise InputError(f"profile {base!r} has no shipped history (histories: {', '.join(shipped_histories()) or 'none'})")
    history = parse_history(text)
    if history["profile"] != base:
        raise InputError(f"the history is of profile {history['profile']!r}, not {base!r}")
    out: list[dict[str, Any]] = []
    for event in history["events"]:
        row: dict[str, Any] = {k: event.get(k) for k in ("id", "kind", "title", "source", "reliability", "note")}
        row["date"] = event["date"].isoformat()
        if event["kind"] == "unmodelled":
            try:
                version = _at(base, event["date"]).version
            except _Refused:
                version = None
            row.update(status="unmodelled", version=version, rule={"id": None, "cites": [event.get("assumption")]},
                       reason=f"no rule of the model covers this event ({event.get('assumption')})")
        else:
            try:
                row.update(status="accepted", **CHECKS[event["kind"]](base, event))
            except _Refused as refused:
                departure = event.get("departure")
                row.update(status="departure" if departure else "refused", version=refused.version,
                           rule=None, reason=refused.reason)
                if departure:
                    row["departure"] = dict(departure)
        if event.get("counts"):
            row["counts"] = event["counts"]
        out.append(row)
    counts = {s: sum(1 for r in out if r["status"] == s) for s in STATUSES}
    return {"profile": base, "title": history.get("title", ""), "assumptions": history.get("assumptions", {}),
            "events": out, "counts": counts, "total": len(out)}
