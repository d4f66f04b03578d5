"""No profile's ids in the adapters: ``cli/`` and ``web/`` name no institution, seat kind,
election, threshold, duration, act, kind of matter, state, parameter, game or profile of any
shipped profile (any version). They get every such name from the profile, through the
application layer. The seat aliases of 0.1 (``--mazhilis``, ``--senate``) are declared once,
in ``respublika.app.power``, and the adapters generate their options from there."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from respublika.profile import load_profile, shipped_profiles

SRC = Path(__file__).resolve().parents[2] / "src" / "respublika"
ADAPTERS = [SRC / "cli", SRC / "web"]
ALLOWED = {
    "bill": "the command group of 0.1 for every matter's acts (respublika bill VERB ID)",
    "seed": "a random generator's seed (--seed), not the profile",
    "veto": "the games engine's report key: whether a group has a veto",
    "elected": "the elections engine's result key: who was elected",
    "body": "the application layer's result key: which elected body",
    "units": "a referendum's table, a parameter the procedure engine reads by name",
    "electorate": "a referendum's electorate, read by the procedure engine by name",
    "turnout": "a referendum's turnout, read by the procedure engine by name",
}
"""Words that are ids of some shipped profile but mean the engine's own thing where the
adapters write them. The schema's field names and literal values, and the procedure
engine's vote parameters, are the engine's words too (:func:`vocabulary`)."""


def vocabulary() -> set[str]:
    """The engine's own words: the schema's field names and literals, the vote parameters."""
    import typing

    from pydantic import BaseModel

    from respublika.app.jobs import DONE, FAILED, RUNNING
    from respublika.app.worlds import CHAMBER
    from respublika.procedure.params import COUNT_KEYS
    from respublika.profile import schema

    words = {*COUNT_KEYS, CHAMBER, RUNNING, DONE, FAILED}
    for model in vars(schema).values():
        if isinstance(model, type) and issubclass(model, BaseModel) and model is not BaseModel:
            for name, field in model.model_fields.items():
                words.add(field.alias or name)
                words.add(name)
                for arg in (field.annotation, *typing.get_args(field.annotation)):
                    if typing.get_origin(arg) is typing.Literal:
                        words |= {str(v) for v in typing.get_args(arg)}
    return words


def profile_ids() -> set[str]:
    ids: set[str] = set(shipped_profiles())
    for name in shipped_profiles():
        base = load_profile(name)
        versions = [v.effective.isoformat() for v in base.versions] or [None]
        for when in versions:
            p = load_profile(name, as_of=when) if when else base
            ids |= set(p.institutions) | set(p.elections) | set(p.thresholds) | set(p.durations)
            ids |= set(p.procedure.acts) | set(p.procedure.matters) | set(p.games)
            for inst in p.institutions.values():
                ids |= set(inst.seats)
            for act in p.procedure.acts.values():
                ids |= set(act.params)
            for kind in p.procedure.matters.values():
                ids |= set(kind.states)
    return ids - set(ALLOWED) - vocabulary()


def _python_strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
                  and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            out.append((node.lineno, node.value))
    return out


TEMPLATE_STRING = re.compile(r"""(?:["'])([A-Za-z_][A-Za-z0-9_-]*)(?:["'])""")


def _template_strings(path: Path) -> list[tuple[int, str]]:
    out = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        out += [(number, m.group(1)) for m in TEMPLATE_STRING.finditer(line)]
    return out


def found_ids() -> list[str]:
    ids = profile_ids()
    hits = []
    for folder in ADAPTERS:
        for path in sorted(folder.rglob("*")):
            if path.suffix == ".py":
                strings = _python_strings(path)
            elif path.suffix in (".html", ".js", ".css"):
                strings = _template_strings(path)
            else:
                continue
            for line, text in strings:
                words = {text, text.removeprefix("--")}  # an option named after an id (--mazhilis)
                words |= {w.replace("-", "_") for w in words}  # a verb made of one (nominate-pm)
                if words & ids:
                    hits.append(f"{path.relative_to(SRC)}:{line}: {text!r}")
    return hits


def test_no_profile_id_in_cli_or_web():
    hits = found_ids()
    assert not hits, "profile ids in adapter code (take them from the profile):\n" + "\n".join(hits)


def test_the_scan_finds_an_id_when_there_is_one(tmp_path, monkeypatch):
    fake = tmp_path / "cli"
    fake.mkdir()
    (fake / "x.py").write_text('CHAMBER = "mazhilis"\nHELP = "the Mazhilis votes"\n', "utf-8")
    monkeypatch.setattr("tests.app.test_no_profile_ids_in_adapters.ADAPTERS", [fake])
    monkeypatch.setattr("tests.app.test_no_profile_ids_in_adapters.SRC", tmp_path)
    assert found_ids() == ["cli/x.py:1: 'mazhilis'"]
