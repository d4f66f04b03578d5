"""The law-making game of a profile: who, together, can make a bill law.

A profile declares its law-making games in ``[games.NAME]``: ``paths``, each a list of
procedure rules whose votes must pass (``votes``, rule ids of the matter kind) and the
offices whose assent is needed (``assent``). A coalition wins when it can carry every
requirement of some path. Each chamber vote becomes a weighted leaf with the exact count
the threshold requires of the chamber's total membership; an office is a player of its own.

Players are the chambers' members in groups: by how their seats are filled (the default),
or by party when a composition is given (``blocs=True``: each party votes as one player
with its seats as weight; otherwise its members are interchangeable players).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from respublika.errors import InputError
from respublika.exact import format_fraction, required_count
from respublika.games.analysis import power
from respublika.games.indices import get_index
from respublika.games.spec import All, Any, Formula, Game, Leaf
from respublika.profile.schema import Profile, Rule
from respublika.profile.validate import seat_count

SEP = ":"


@dataclass(frozen=True)
class Requirement:
    """One vote a path needs: ``required`` of ``size`` members of ``chamber``."""

    path: str
    rule: str
    chamber: str
    threshold: str
    share: str
    strict: bool
    of: str
    size: int
    required: int
    cites: tuple[str, ...]


@dataclass(frozen=True)
class Legislature:
    """The game, what each group is (chamber, party, seat kind) and the requirements."""

    game: Game
    requirements: tuple[Requirement, ...]
    assent: Mapping[str, tuple[str, ...]]
    group_chamber: Mapping[str, str]
    group_party: Mapping[str, str]
    group_kind: Mapping[str, str]
    paths: Mapping[str, Formula]
    notes: tuple[str, ...] = field(default=())


def parse_seats(text: str) -> dict[str, int]:
    """``"A=76,B=12"`` -> ``{"A": 76, "B": 12}`` in the given order; names may contain spaces."""
    parties: dict[str, int] = {}
    for chunk in (c for c in text.split(",") if c.strip()):
        if "=" not in chunk:
            raise InputError(f"composition: {chunk.strip()!r} is not NAME=SEATS")
        name, _, seats = chunk.rpartition("=")
        name = name.strip()
        if not name:
            raise InputError(f"composition: {chunk.strip()!r} has no party name")
        if name in parties:
            raise InputError(f"composition: party {name!r} is given twice")
        try:
            parties[name] = int(seats)
        except ValueError:
            raise InputError(
                f"composition: seats of {name!r} must be a whole number, got {seats.strip()!r}"
            ) from None
        if parties[name] < 0:
            raise InputError(f"composition: seats of {name!r} are negative")
    if not parties:
        raise InputError("composition: no parties given (write NAME=SEATS,...)")
    return parties


def _rules(profile: Profile, matter: str) -> dict[str, Rule]:
    return {rule.id: rule for rule in profile.procedure.matters[matter].rules}


def _chamber_groups(
    profile: Profile, chamber: str, parties: Mapping[str, int] | None, blocs: bool
) -> list[tuple[str, int, int, str, str]]:
    """(group, size, weight per member, party, kind) for each group of ``chamber``."""
    inst = profile.institutions[chamber]
    size = inst.size or 0
    if parties is None:
        if not inst.seats:
            return [(chamber, size, 1, "", "members")]
        return [
            (f"{chamber}{SEP}{sid}", seat_count(profile, rule), 1, "", sid)
            for sid, rule in inst.seats.items()
            if seat_count(profile, rule) > 0
        ]
    held = sum(parties.values())
    if held > size:
        raise InputError(f"{chamber}: the parties hold {held} seats, but the chamber has {size}")
    groups = []
    for party, seats in parties.items():
        if seats == 0:
            continue
        name = f"{chamber}{SEP}{party}"
        groups.append((name, 1, seats, party, "bloc") if blocs else (name, seats, 1, party, "party"))
    if held < size:
        groups.append((f"{chamber}{SEP}unaffiliated", size - held, 1, "", "unaffiliated"))
    return groups


def build(
    profile: Profile,
    game_id: str = "lawmaking",
    compositions: Mapping[str, Mapping[str, int]] | None = None,
    blocs: bool = False,
    unions: bool = False,
) -> Legislature:
    """The profile's law-making game ``game_id`` with optional party compositions; with
    ``unions`` (and members as players, not ``blocs``) each party's members, in every
    chamber, form one a-priori union of the game (for the Owen values)."""
    if game_id not in profile.games:
        known = ", ".join(profile.games) or "none"
        raise InputError(f"profile {profile.id!r} declares no game {game_id!r} (games: {known})")
    spec = profile.games[game_id]
    rules = _rules(profile, spec.matter)
    compositions = dict(compositions or {})
    for chamber in compositions:
        if chamber not in profile.institutions or profile.institutions[chamber].kind != "chamber":
            raise InputError(f"composition for {chamber!r}: not a chamber of profile {profile.id!r}")
    chambers: list[str] = []
    offices: list[str] = []
    for path in spec.paths:
        for rid in path.votes:
            vote = rules[rid].vote
            assert vote is not None  # checked when the profile loads
            chambers += [c for c in vote.chambers if c not in chambers]
        offices += [o for o in path.assent if o not in offices]
    groups: dict[str, int] = {}
    weights_of: dict[str, dict[str, int]] = {}
    chamber_of: dict[str, str] = {}
    party_of: dict[str, str] = {}
    kind_of: dict[str, str] = {}
    for office in offices:
        groups[office] = profile.institutions[office].size or 1
        chamber_of[office], party_of[office], kind_of[office] = office, "", "office"
    for chamber in chambers:
        weights_of[chamber] = {}
        for name, size, weight, party, kind in _chamber_groups(
            profile, chamber, compositions.get(chamber), blocs
        ):
            groups[name] = size
            weights_of[chamber][name] = weight
            chamber_of[name], party_of[name], kind_of[name] = chamber, party, kind
    requirements: list[Requirement] = []
    notes: list[str] = []
    formulas: dict[str, Formula] = {}
    for path in spec.paths:
        leaves: list[Formula] = []
        for rid in path.votes:
            rule = rules[rid]
            vote = rule.vote
            assert vote is not None
            threshold = profile.thresholds[vote.threshold]
            for chamber in vote.chambers:
                size = profile.institutions[chamber].size or 0
                need = required_count(size, threshold.share, strict=threshold.strict)
                if threshold.of != "total_membership":
                    notes.append(
                        f"{rid}: the threshold counts {threshold.of.replace('_', ' ')}; "
                        f"the game assumes every member votes, so it is {need} of {size}"
                    )
                requirements.append(Requirement(
                    path.id, rid, chamber, vote.threshold, format_fraction(threshold.share),
                    threshold.strict, threshold.of, size, need,
                    tuple(dict.fromkeys([*rule.cites, *threshold.cites])),
                ))
                leaves.append(Leaf(Fraction(need), weights_of[chamber]))
        for office in path.assent:
            size = groups[office]
            leaves.append(Leaf(Fraction(size), {office: 1}))
        formulas[path.id] = leaves[0] if len(leaves) == 1 else All(*leaves)
    wins = next(iter(formulas.values())) if len(formulas) == 1 else Any(*formulas.values())
    parties: dict[str, list[str]] = {}
    if unions and not blocs:
        for name, party in party_of.items():
            if party and kind_of[name] == "party":
                parties.setdefault(party, []).append(name)
    return Legislature(
        game=Game(groups, wins, list(parties.values())),
        requirements=tuple(requirements),
        assent={p.id: tuple(p.assent) for p in spec.paths},
        group_chamber=chamber_of,
        group_party=party_of,
        group_kind=kind_of,
        paths=formulas,
        notes=tuple(dict.fromkeys(notes)),
    )


def analyze_legislature(leg: Legislature, index: str = "all") -> dict[str, object]:
    """Indices per group, and each index summed per chamber, party and kind of seat (every
    index computed, from the registry in :mod:`.indices`; Coleman's, which are not shares, only
    for a bloc of one member);
    plain findings."""
    report = power(leg.game, index, coalitions=False)
    data = report.to_dict()
    groups = report.groups
    totals: dict[str, dict[str, dict[str, Fraction]]] = {"offices": {}, "chambers": {}, "parties": {}, "kinds": {}}
    keys = [get_index(name).key for name in report.indices]
    shares = {get_index(name).key for name in report.indices if get_index(name).additive}
    members: dict[tuple[str, str], int] = {}
    for name, g in groups.items():
        office = leg.group_kind[name] == "office"
        for section, label in (
            ("offices" if office else "chambers", leg.group_chamber[name]),
            ("parties", leg.group_party[name]),
            ("kinds", "" if office else f"{leg.group_chamber[name]}{SEP}{leg.group_kind[name]}"),
        ):
            if not label:
                continue
            slot = totals[section].setdefault(label, {k: Fraction(0) for k in keys})
            members[section, label] = members.get((section, label), 0) + g.size
            for key in keys:
                slot[key] += Fraction(g.values[key]) * g.size
    for section, values in totals.items():
        # A bloc of one member keeps every index; a larger bloc only the shares (``additive``).
        kept = {label: {k: v for k, v in slot.items() if k in shares or members[section, label] == 1}
                for label, slot in values.items()}
        data[section] = {
            label: {**{k: format_fraction(v) for k, v in slot.items()},
                    **{f"{k}_float": float(v) for k, v in slot.items()}}
            for label, slot in kept.items()
        }
    data["requirements"] = [r.__dict__ | {"cites": list(r.cites)} for r in leg.requirements]
    data["assent"] = {k: list(v) for k, v in leg.assent.items()}
    data["findings"] = findings(leg, report.dummies, report.veto_players)
    data["finding_data"] = finding_data(leg, report.dummies, report.veto_players)
    earlier = data.get("notes")
    data["notes"] = [*(earlier if isinstance(earlier, list) else []), *leg.notes]
    return data


def union_values(leg: Legislature) -> dict[str, dict[str, object]]:
    """The Owen and Banzhaf-Owen values of each party as an a-priori union of its members (a
    game built with ``unions=True``): the members' values summed over the party's groups."""
    found: dict[str, dict[str, Fraction]] = {}
    for index in ("owen", "banzhaf-owen"):
        key = get_index(index).key
        report = power(leg.game, index, coalitions=False)
        for name, g in report.groups.items():
            party = leg.group_party[name]
            if party and leg.group_kind[name] == "party":
                slot = found.setdefault(party, {})
                slot[key] = slot.get(key, Fraction(0)) + Fraction(g.values[key]) * g.size
    return {
        party: {f: v for k, x in slot.items() for f, v in ((k, format_fraction(x)), (f"{k}_float", float(x)))}
        for party, slot in found.items()
    }


def findings(leg: Legislature, dummies: list[str], vetoes: list[str]) -> list[str]:
    """Plain-language statements: dummies, veto players, who can pass or block alone."""
    out: list[str] = []
    for office in (g for g, kind in leg.group_kind.items() if kind == "office"):
        if office in dummies:
            out.append(
                f"The assent of {office} adds no voting power: every coalition that can pass a bill "
                "with it can also pass it without it (a dummy player)."
            )
        if office in vetoes:
            out.append(f"{office} is a veto player: no bill becomes law without it.")
    for group in vetoes:
        if leg.group_kind[group] != "office":
            out.append(f"{group} is a veto player: no bill becomes law without it.")
    parties = sorted({p for p in leg.group_party.values() if p})
    everyone = dict(leg.game.groups)
    for party in parties:
        mine = {g: n for g, n in everyone.items() if leg.group_party[g] == party}
        offices = {g: n for g, n in everyone.items() if leg.group_kind[g] == "office"}
        for path_id, formula in leg.paths.items():
            alone = Game(everyone, formula).wins_with(mine)
            with_offices = Game(everyone, formula).wins_with({**mine, **offices})
            if alone:
                out.append(f"{party} alone can carry the {path_id} path.")
            elif with_offices and offices:
                out.append(f"{party}, with the {', '.join(offices)}, can carry the {path_id} path.")
        rest = {g: n for g, n in everyone.items() if leg.group_party[g] != party}
        if not leg.game.wins_with(rest):
            out.append(f"{party} can block every bill alone: without it no path can be carried.")
    return out


def finding_data(leg: Legislature, dummies: list[str], vetoes: list[str]) -> list[dict[str, object]]:
    """:func:`findings` as data, for a renderer to say in a language: ``{"kind": "dummy" | "veto"
    | "alone" | "with_offices" | "blocks", "who": group or party, "path": path id, "offices": [...]}``."""
    out: list[dict[str, object]] = []
    for office in (g for g, kind in leg.group_kind.items() if kind == "office"):
        if office in dummies:
            out.append({"kind": "dummy", "who": office})
        if office in vetoes:
            out.append({"kind": "veto", "who": office})
    out += [{"kind": "veto", "who": g} for g in vetoes if leg.group_kind[g] != "office"]
    everyone = dict(leg.game.groups)
    for party in sorted({p for p in leg.group_party.values() if p}):
        mine = {g: n for g, n in everyone.items() if leg.group_party[g] == party}
        offices = {g: n for g, n in everyone.items() if leg.group_kind[g] == "office"}
        for path_id, formula in leg.paths.items():
            if Game(everyone, formula).wins_with(mine):
                out.append({"kind": "alone", "who": party, "path": path_id})
            elif offices and Game(everyone, formula).wins_with({**mine, **offices}):
                out.append({"kind": "with_offices", "who": party, "path": path_id, "offices": list(offices)})
        rest = {g: n for g, n in everyone.items() if leg.group_party[g] != party}
        if not leg.game.wins_with(rest):
            out.append({"kind": "blocks", "who": party})
    return out
