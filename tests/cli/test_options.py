"""Every command that reads a profile takes the same three options, and they work."""

from __future__ import annotations

import json

import typer

from respublika.cli.main import app


def _commands(group, prefix=()):  # type: ignore[no-untyped-def]
    ctx = type(group).context_class(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if hasattr(command, "list_commands"):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


def test_every_command_with_profile_takes_as_of_and_set():
    reading = []
    for path, command in _commands(typer.main.get_command(app)):
        names = {opt for param in command.params for opt in getattr(param, "opts", [])}
        if "--profile" in names:
            reading.append(" ".join(path))
            missing = {"--as-of", "--set", "-p"} - names
            assert not missing, f"respublika {' '.join(path)} lacks {', '.join(sorted(missing))}"
    # the commands of 0.1 that read a profile are all among them
    assert {"show", "cite", "seats", "elect", "forecast", "power", "simulate", "serve", "scenario run",
            "procedure diagram", "world new", "bill new", "bill act", "republic act"} <= set(reading)


def test_as_of_works_everywhere_it_is_offered(respublika, tmp_path):
    votes = tmp_path / "v.csv"
    votes.write_text("party,votes\nA,930\nB,70\n", "utf-8")
    dated = ["--profile", "kz", "--as-of", "2020-01-01"]
    for args in (["show", "--json"], ["power", "--json"], ["elect", "mazhilis", str(votes), "--json"],
                 ["seats", str(votes), "--json"], ["procedure", "diagram", "--format", "dot"]):
        ran = respublika(*args, *dated)
        assert ran.code == 0, f"{args}: {ran.err}"
    shown = json.loads(respublika("show", "--json", *dated).out)
    assert shown["version"] == json.loads(respublika("show", "--json", "--profile", "kz@2020-01-01").out)["version"]
    power = json.loads(respublika("power", "--json", *dated).out)
    assert power["version"] == shown["version"]
    clash = respublika("show", "--profile", "kz@2012-01-01", "--as-of", "2020-01-01")
    assert clash.code == 2 and "two different dates" in clash.err


def test_set_applies_the_same_way_everywhere(respublika):
    sets = ["--set", "thresholds.two_thirds.share=1/2"]
    shown = json.loads(respublika("show", "--json", *sets).out)
    assert shown["institutions"]["mazhilis"]["thresholds"]["two_thirds"]["required"] == 54
    power = json.loads(respublika("power", "--json", *sets).out)
    assert {r["required"] for r in power["requirements"] if r["chamber"] == "mazhilis"} == {54}
    bad = respublika("power", "--set", "thresholds.nothing")
    assert bad.code == 2 and "KEY=VALUE" in bad.err


def test_elect_senate_in_text_mode(respublika, tmp_path):
    from respublika.profile import load_profile

    units = {u: {"X": 20, "Y": 10} for u in load_profile("seed").units}
    units["astana"] = {"X": 10, "Y": 10, "Z": 10}
    path = tmp_path / "senate.json"
    path.write_text(json.dumps(units), "utf-8")
    ran = respublika("elect", "senate", str(path))
    assert ran.code == 0, ran.err
    assert "Akmola" in ran.out and "X" in ran.out and "runoff" in ran.out  # astana goes to a runoff (units by name)
    assert "Stichwahl" in respublika("elect", "senate", str(path), "--lang", "de").out
    data = json.loads(respublika("elect", "senate", str(path), "--json").out)
    assert data["form"] == "unit_seats" and data["elected"]["akmola"] == "X" and "astana" in data["pending"]


def test_elect_takes_any_elected_body_and_refuses_the_rest(respublika, tmp_path):
    listed = json.loads(respublika("elect", "--list", "--json").out)
    assert [b["id"] for b in listed] == ["president", "mazhilis", "assembly_delegates", "senate", "maslikhat"]
    votes = tmp_path / "v.csv"
    votes.write_text("party,votes\nA,930\nB,70\n", "utf-8")
    assert json.loads(respublika("elect", "Majlis", str(votes), "--json").out)["body"] == "mazhilis"  # an alias
    unknown = respublika("elect", "frob", str(votes))
    assert unknown.code == 2 and "elected bodies: president, mazhilis" in unknown.err
    wrong = respublika("elect", "mazhilis", str(votes), "--class", "2")
    assert wrong.code == 2 and "does not take a seat class" in wrong.err
