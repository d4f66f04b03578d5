"""Semantic checks of a structurally valid profile: arithmetic, references, citations.

:func:`check` returns every problem found (an empty list means the profile is valid);
each message starts with the path of the field and, for arithmetic, shows the sum, e.g.
``institutions.senate.size: 47 != 2 seats x 16 units + 15 appointed = 48``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from respublika.calendar import parse_duration
from respublika.elections.registry import is_method, method_names, with_options
from respublika.errors import InputError
from respublika.profile.schema import Institution, MatterKind, Profile, Rule, SeatRule

PEOPLE = "people"
SPECIAL_FROM = {"new", "any"}


def units_of(profile: Profile, selector: str | None) -> list[str]:
    """Unit ids selected by ``all`` / ``regions`` / ``cities``."""
    if selector is None:
        return []
    kinds = {"all": {"region", "city"}, "regions": {"region"}, "cities": {"city"}}[selector]
    return [uid for uid, unit in profile.units.items() if unit.kind in kinds]


def seat_count(profile: Profile, rule: SeatRule) -> int:
    if rule.per_unit is not None:
        return rule.per_unit * len(units_of(profile, rule.units))
    return rule.count or 0


def _seat_term(profile: Profile, sid: str, rule: SeatRule) -> str:
    if rule.per_unit is not None:
        n = len(units_of(profile, rule.units))
        return f"{rule.per_unit} seats x {n} units"
    return f"{rule.count} {sid.replace('_', ' ')}"


def _check_institution(profile: Profile, iid: str, inst: Institution) -> list[str]:
    problems: list[str] = []
    here = f"institutions.{iid}"
    for ref_name, ref in (
        ("part_of", inst.part_of),
        ("appointed_by", inst.appointed_by),
        ("supervised_by", inst.supervised_by),
    ):
        if ref is not None and ref not in profile.institutions:
            problems.append(f"{here}.{ref_name}: unknown institution {ref!r}")
    if inst.elected_by not in (None, PEOPLE) and inst.elected_by not in profile.institutions:
        problems.append(f"{here}.elected_by: unknown institution {inst.elected_by!r}")
    if inst.election is not None and inst.election not in profile.elections:
        problems.append(f"{here}.election: unknown election {inst.election!r}")
    for sid, rule in inst.seats.items():
        where = f"{here}.seats.{sid}"
        if (rule.count is None) == (rule.per_unit is None):
            problems.append(f"{where}: give exactly one of count or per_unit")
        if rule.per_unit is not None and rule.units is None:
            problems.append(f"{where}.units: per_unit needs units = all | regions | cities")
        if rule.per_unit is not None and rule.classes > 1 and rule.per_unit % rule.classes:
            problems.append(
                f"{where}.classes: {rule.per_unit} seats per unit do not split into {rule.classes} classes"
            )
        if rule.by not in (PEOPLE, "units") and rule.by not in profile.institutions:
            problems.append(f"{where}.by: unknown institution {rule.by!r}")
        if rule.electors is not None and rule.electors not in profile.institutions:
            problems.append(f"{where}.electors: unknown institution {rule.electors!r}")
        if rule.election is not None:
            election = profile.elections.get(rule.election)
            if election is None:
                problems.append(f"{where}.election: unknown election {rule.election!r}")
            elif rule.count is not None and election.seats not in (None, 1) and election.seats != rule.count:
                problems.append(
                    f"{where}.count: {rule.count} != elections.{rule.election}.seats = {election.seats}"
                )
    if inst.seats and inst.size is not None:
        total = sum(seat_count(profile, r) for r in inst.seats.values())
        if total != inst.size:
            terms = " + ".join(_seat_term(profile, sid, r) for sid, r in inst.seats.items())
            problems.append(f"{here}.size: {inst.size} != {terms} = {total}")
    if inst.seats and inst.size is None:
        problems.append(f"{here}.size: a body with seats needs its size")
    return problems


def _check_rule(
    profile: Profile, where: str, rule: Rule, states: set[str], variables: set[str]
) -> list[str]:
    problems: list[str] = []
    act = profile.procedure.acts.get(rule.act)
    if act is None:
        problems.append(f"{where}.act: unknown act {rule.act!r}")
        params: set[str] = set()
    else:
        params = set(act.params)
    for state in rule.from_:
        if state not in states and state not in SPECIAL_FROM:
            problems.append(f"{where}.from: unknown state {state!r}")
    known = params | variables
    for key in rule.when:
        if key not in known:
            problems.append(f"{where}.when.{key}: neither a parameter of {rule.act!r} nor a variable")
    targets = [(f"{where}.to", rule.to, rule.set)]
    for branch in ("passed", "rejected"):
        for i, outcome in enumerate(getattr(rule, branch)):
            targets.append((f"{where}.{branch}[{i}].to", outcome.to, outcome.set))
            for key in outcome.when:
                if key not in variables:
                    problems.append(f"{where}.{branch}[{i}].when.{key}: unknown variable")
    for path, target, assigned in targets:
        if target is not None and target not in states:
            problems.append(f"{path}: unknown state {target!r}")
        for key in assigned:
            if key not in variables:
                problems.append(f"{path.rsplit('.', 1)[0]}.set.{key}: unknown variable")
    if rule.vote is not None:
        vote = rule.vote
        for name in (vote.threshold, vote.unit_threshold, vote.units_share):
            if name is not None and name not in profile.thresholds:
                problems.append(f"{where}.vote: unknown threshold {name!r}")
        for chamber in vote.chambers:
            inst = profile.institutions.get(chamber)
            if vote.kind == "division" and (inst is None or inst.size is None):
                problems.append(f"{where}.vote.chambers: {chamber!r} is not a body with a size")
        if not rule.passed or not rule.rejected:
            problems.append(f"{where}: a vote needs both passed and rejected outcomes")
    for i, req in enumerate(rule.require):
        for key in ("start", "term", "margin"):
            if req.before_end_of and key not in req.before_end_of:
                problems.append(f"{where}.require[{i}].before_end_of: missing {key!r}")
        for key in ("term", "margin"):
            name = req.before_end_of.get(key)
            if name is not None and name not in profile.durations:
                problems.append(f"{where}.require[{i}].before_end_of.{key}: unknown duration {name!r}")
        period = req.after_since.get("period")
        if period is not None and period not in profile.durations:
            problems.append(f"{where}.require[{i}].after_since.period: unknown duration {period!r}")
        kind = req.exists.get("kind")
        if kind is not None and kind not in profile.procedure.matters:
            problems.append(f"{where}.require[{i}].exists.kind: unknown matter kind {kind!r}")
        for chamber in req.chambers_sitting:
            if chamber not in profile.institutions:
                problems.append(f"{where}.require[{i}].chambers_sitting: unknown {chamber!r}")
    schedule = rule.effects.get("schedule")
    if isinstance(schedule, dict) and schedule.get("after") not in profile.durations:
        problems.append(f"{where}.effects.schedule.after: unknown duration {schedule.get('after')!r}")
    for key in ("dissolve", "convene"):
        for chamber in rule.effects.get(key, []):
            if chamber not in profile.institutions:
                problems.append(f"{where}.effects.{key}: unknown institution {chamber!r}")
    return problems


def _check_matter(profile: Profile, mid: str, matter: MatterKind) -> list[str]:
    problems: list[str] = []
    here = f"procedure.matters.{mid}"
    states = set(matter.states)
    variables = set(matter.vars)
    ids = Counter(rule.id for rule in matter.rules)
    for rid, n in ids.items():
        if n > 1:
            problems.append(f"{here}.rules: id {rid!r} is used {n} times")
    if not any("new" in rule.from_ for rule in matter.rules):
        problems.append(f"{here}.rules: no rule creates a {mid} (from = ['new'])")
    for i, rule in enumerate(matter.rules):
        where = f"{here}.rules[{i}]({rule.id})"
        problems += _check_rule(profile, where, rule, states, variables)
        for source in rule.from_:
            spec = matter.states.get(source)
            if spec is not None and spec.final:
                problems.append(f"{where}.from: {source!r} is final; no act may leave it")
    for sid, state_spec in matter.states.items():
        deadline = state_spec.deadline
        if deadline is None:
            continue
        where = f"{here}.states.{sid}.deadline"
        if state_spec.final:
            problems.append(f"{where}: a final state has no deadline")
        if (deadline.after is None) == (deadline.at_var is None):
            problems.append(f"{where}: give exactly one of after or at_var")
        if deadline.after is not None and deadline.after not in profile.durations:
            problems.append(f"{where}.after: unknown duration {deadline.after!r}")
        if deadline.at_var is not None and deadline.at_var not in variables:
            problems.append(f"{where}.at_var: unknown variable {deadline.at_var!r}")
        if deadline.to not in states:
            problems.append(f"{where}.to: unknown state {deadline.to!r}")
        for key in deadline.set:
            if key not in variables:
                problems.append(f"{where}.set.{key}: unknown variable")
    return problems


def _walk_cites(node: Any, path: str, out: list[tuple[str, list[str]]]) -> None:
    if isinstance(node, dict):
        cites = node.get("cites")
        if isinstance(cites, list):
            out.append((path, [str(c) for c in cites]))
        for key, value in node.items():
            if key != "cites":
                _walk_cites(value, f"{path}.{key}" if path else str(key), out)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            label = item.get("id", i) if isinstance(item, dict) else i
            _walk_cites(item, f"{path}[{label}]", out)


def cited_entries(profile: Profile) -> list[tuple[str, list[str]]]:
    """Every entry of the profile that carries ``cites``, with its path."""
    out: list[tuple[str, list[str]]] = []
    _walk_cites(profile.model_dump(by_alias=True, exclude={"sources", "assumptions"}), "", out)
    return out


def _check_games(profile: Profile) -> list[str]:
    problems: list[str] = []
    for gid, game in profile.games.items():
        here = f"games.{gid}"
        matter = profile.procedure.matters.get(game.matter)
        if matter is None:
            problems.append(f"{here}.matter: unknown matter kind {game.matter!r}")
            continue
        rules = {rule.id: rule for rule in matter.rules}
        for path in game.paths:
            for rid in path.votes:
                rule = rules.get(rid)
                if rule is None:
                    problems.append(f"{here}.paths.{path.id}.votes: no rule {rid!r} in procedure.matters.{game.matter}")
                elif rule.vote is None or rule.vote.kind != "division":
                    problems.append(f"{here}.paths.{path.id}.votes: rule {rid!r} is not a chamber vote")
            for office in path.assent:
                inst = profile.institutions.get(office)
                if inst is None:
                    problems.append(f"{here}.paths.{path.id}.assent: unknown institution {office!r}")
                elif inst.kind == "chamber":
                    problems.append(f"{here}.paths.{path.id}.assent: {office!r} is a chamber; list its vote instead")
    return problems


def check(profile: Profile) -> list[str]:
    """Every semantic problem of ``profile``; empty when it is valid."""
    problems: list[str] = []
    if profile.state.constitution <= profile.state.independence:
        problems.append("state.constitution: must come after state.independence")
    names = Counter(unit.name.casefold() for unit in profile.units.values())
    for name, n in names.items():
        if n > 1:
            problems.append(f"units: the name {name!r} is used by {n} units")
    for iid, inst in profile.institutions.items():
        problems += _check_institution(profile, iid, inst)
    aliases = Counter(
        alias
        for iid, inst in profile.institutions.items()
        for alias in {a.casefold() for a in (iid, inst.name, *inst.aliases)}
    )
    for alias, n in aliases.items():
        if n > 1:
            problems.append(f"institutions: the name or alias {alias!r} is used {n} times")
    for tid, threshold in profile.thresholds.items():
        if not 0 < threshold.share <= 1:
            problems.append(f"thresholds.{tid}.share: {threshold.share} is not in (0, 1]")
    for did, duration in profile.durations.items():
        try:
            if not parse_duration(duration.duration).is_positive:
                problems.append(f"durations.{did}.duration: {duration.duration} is not positive")
        except InputError as exc:
            problems.append(f"durations.{did}.duration: {exc}")
    for eid, election in profile.elections.items():
        if election.threshold is not None and not 0 <= election.threshold < 1:
            problems.append(f"elections.{eid}.threshold: {election.threshold} is not in [0, 1)")
        if election.majority is not None and not 0 < election.majority < 1:
            problems.append(f"elections.{eid}.majority: {election.majority} is not in (0, 1)")
        if election.electors is not None and election.electors not in profile.institutions:
            problems.append(f"elections.{eid}.electors: unknown institution {election.electors!r}")
        if election.kind == "party_list_pr" and election.method is None:
            problems.append(f"elections.{eid}.method: party-list PR needs a method")
        if election.method is not None and not is_method(election.method):
            problems.append(
                f"elections.{eid}.method: unknown seat method {election.method!r}; "
                f"known: {', '.join(method_names())}"
            )
        elif election.method is not None and (election.first_divisor is not None or election.quota_rounding):
            try:
                with_options(election.method, first_divisor=election.first_divisor,
                             quota_rounding=election.quota_rounding)
            except InputError as exc:
                problems.append(f"elections.{eid}: {exc}")
        if election.alliance_threshold is not None and not 0 <= election.alliance_threshold < 1:
            problems.append(f"elections.{eid}.alliance_threshold: {election.alliance_threshold} is not in [0, 1)")
    for aid, act in profile.procedure.acts.items():
        for pid, param in act.params.items():
            for key in (param.default_after, param.max_after):
                if key is not None and key not in profile.durations:
                    problems.append(f"procedure.acts.{aid}.params.{pid}: unknown duration {key!r}")
            if param.type == "choice" and not param.choices:
                problems.append(f"procedure.acts.{aid}.params.{pid}.choices: empty")
    for mid, matter in profile.procedure.matters.items():
        problems += _check_matter(profile, mid, matter)
    republic_vars = set(profile.procedure.republic.vars) | {"dissolved"}
    for i, rule in enumerate(profile.procedure.republic.rules):
        where = f"procedure.republic.rules[{i}]({rule.id})"
        problems += _check_rule(profile, where, rule, set(), republic_vars)
        creates = rule.creates
        if creates is not None and creates not in profile.procedure.matters:
            problems.append(f"{where}.creates: unknown matter kind {creates!r}")
    problems += _check_games(profile)
    known = set(profile.sources) | set(profile.assumptions)
    for path, cites in cited_entries(profile):
        for cite in cites:
            if cite not in known:
                problems.append(f"{path}.cites: {cite!r} is neither a source nor an assumption")
    return problems
