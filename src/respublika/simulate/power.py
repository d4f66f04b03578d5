"""Power over time: Shapley–Shubik indices of the parties as blocs in the legislature game.

The game is built from the profile, never from numbers written here. For the matter kind
bills belong to, every single-chamber division is either on the *passage* path or, when
it is taken from the state the ``veto`` act leads to, on the *override* path. Each
chamber's quota is :func:`~respublika.profile.query.threshold_count` of its threshold for
its size. A bloc (a party, the appointees, the Assembly's delegates) is one player whose
weight in each chamber is its seats there; the President is one more player, needed on
the passage path (the signature) but not on the override path::

    wins = any( all(chamber_1 >= q_1, ..., President),   # passage
                all(chamber_1 >= o_1, ...) )              # override

Indices come from :func:`respublika.games.analyze` (exact; the float renderings are kept).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from respublika.games import analyze
from respublika.profile.query import threshold_count
from respublika.profile.schema import Profile
from respublika.simulate.acts import ActNames

PRESIDENT = "President"


def paths(profile: Profile, introduce: str | None = None, veto: str | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """``(passage, override)``: chamber -> threshold id, from the bill kind's divisions (the
    kind the ``introduce`` act creates; the acts are found by their roles unless named)."""
    names = ActNames.declared(profile)
    introduce, veto = introduce or names.introduce, veto or names.veto
    kind = next((k for k in profile.procedure.matters.values()
                 if any(r.act == introduce and "new" in r.from_ for r in k.rules)), None)
    if kind is None:
        return {}, {}
    veto_state = next((r.to for r in kind.rules if r.act == veto and r.to), None)
    passage: dict[str, str] = {}
    override: dict[str, str] = {}
    for rule in kind.rules:
        vote = rule.vote
        if vote is None or vote.kind != "division" or len(vote.chambers) != 1:
            continue
        target = override if veto_state is not None and veto_state in rule.from_ else passage
        target.setdefault(vote.chambers[0], vote.threshold)
    return passage, override


def legislature_spec(profile: Profile, seats: Mapping[str, Mapping[str, int]],
                     president: bool = True) -> dict[str, Any] | None:
    """The game for ``seats`` (chamber -> bloc -> seats), or ``None`` if a chamber is empty."""
    passage, override = paths(profile)
    if not passage:
        return None
    blocs: list[str] = []
    for chamber in [*passage, *override]:
        for bloc, n in seats.get(chamber, {}).items():
            if n > 0 and bloc not in blocs:
                blocs.append(bloc)
    if not blocs:
        return None

    def leaf(chamber: str, threshold: str) -> dict[str, Any]:
        size = profile.institutions[chamber].size or sum(seats.get(chamber, {}).values())
        weights = {b: int(n) for b, n in seats.get(chamber, {}).items() if n > 0}
        return {"quota": threshold_count(profile, threshold, size), "weights": weights or {blocs[0]: 0}}

    groups = {b: 1 for b in blocs}
    path = [leaf(c, t) for c, t in passage.items()]
    if president:
        groups[PRESIDENT] = 1
        path.append({"quota": 1, "weights": {PRESIDENT: 1}})
    rule: dict[str, Any] = {"all": path}
    if override:
        rule = {"any": [rule, {"all": [leaf(c, t) for c, t in override.items()]}]}
    return {"groups": groups, "wins": rule}


class PowerSeries:
    """Shapley–Shubik indices per composition, memoized (compositions repeat)."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.memo: dict[str, dict[str, float]] = {}

    def indices(self, seats: Mapping[str, Mapping[str, int]]) -> dict[str, float]:
        key = repr(sorted((c, sorted(s.items())) for c, s in seats.items()))
        if key not in self.memo:
            spec = legislature_spec(self.profile, seats)
            if spec is None:
                self.memo[key] = {}
            else:
                result = analyze(spec, "shapley-shubik")
                groups: Mapping[str, Any] = result["groups"]  # type: ignore[assignment]
                self.memo[key] = {g: float(v["shapley_shubik_float"]) for g, v in groups.items()}
        return self.memo[key]

    def over_time(self, history: Mapping[str, Iterable[Mapping[str, Any]]]) -> list[dict[str, Any]]:
        """Indices after each change of any chamber: ``[{date, shapley_shubik: {bloc: x}}]``."""
        changes = sorted({(r["date"], c) for c, rows in history.items() for r in rows})
        current: dict[str, dict[str, int]] = {}
        rows = {c: list(v) for c, v in history.items()}
        out: list[dict[str, Any]] = []
        for day in sorted({d for d, _ in changes}):
            for chamber, items in rows.items():
                for r in items:
                    if r["date"] == day:
                        current[chamber] = dict(r["seats"])
            entry = {"date": day, "shapley_shubik": self.indices(current)}
            if out and out[-1]["date"] == day:
                out[-1] = entry
            else:
                out.append(entry)
        return out
