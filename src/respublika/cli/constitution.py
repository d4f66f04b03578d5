"""``respublika show``, ``respublika cite`` and ``respublika profile ...``: the profile itself."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from respublika.app import constitution as constitution_app
from respublika.app.profiles import ProfileRequest, profiles
from respublika.cli import options
from respublika.cli.common import cites_text, console, print_json
from respublika.cli.options import AsOf, Json, Lang, ProfileRef, Sets
from respublika.i18n import pick, translator
from respublika.profile.query import FILLED_BY_LABEL

profile_app = typer.Typer(help="Check and list profiles.", no_args_is_help=True)


def _name(entry: dict[str, Any], lang: str) -> str:
    return str(entry.get(f"name_{lang}") or entry["name"])




def _seat_line(seat: dict[str, Any], _: Any) -> str:
    how = _(FILLED_BY_LABEL.get(seat["filled_by"], seat["filled_by"]))
    line = f"{seat['seats']} {_('seats')}: {how} ({seat['id']})"
    if "per_unit" in seat:
        line += f" ({seat['per_unit']} x {seat['units']} {_('units')})"
    if seat.get("by") not in (None, "people", "units") and seat["filled_by"] not in ("membership", "assembly"):
        line += f", {_('appointed by') if seat['filled_by'] == 'appointment' else _('elected by')} {seat['by']}"
    if seat.get("electors"):
        line += f", {_('electors')}: {seat['electors']}"
    if seat.get("term_years"):
        line += f", {_('term')} {seat['term_years']} {_('years')}"
    return line + f" {cites_text(seat['cites'])}"


def render_tree(data: dict[str, Any], lang: str) -> Tree:
    _ = translator(lang)
    state = data["state"]
    root = Tree(
        f"[bold]{state.get(f'name_{lang}') or state['name']}[/] — {_(state['form'])} "
        f"({_('Independence')} {state['independence']}, {_('Constitution')} {state['constitution']}) "
        f"{cites_text(state['cites'])}"
    )
    institutions = data["institutions"]
    for branch, members in data["branches"].items():
        node = root.add(f"[bold cyan]{_(branch)}[/]")
        for iid in members:
            inst = institutions[iid]
            bits = []
            if "size" in inst:
                bits.append(f"{_('size')} {inst['size']}")
            if "bodies" in inst:
                bits.append(f"{inst['bodies']} {_('bodies')}, {_('one per unit')}")
            if "term_years" in inst:
                bits.append(f"{_('term')} {inst['term_years']} {_('years')}")
            if "elected_by" in inst:
                who = _("the people") if inst["elected_by"] == "people" else inst["elected_by"]
                bits.append(f"{_('elected by')} {who}")
            if "appointed_by" in inst:
                bits.append(f"{_('appointed by')} {inst['appointed_by']}")
            if "supervised_by" in inst:
                bits.append(f"{_('supervised by')} {inst['supervised_by']}")
            if "ethnic_groups" in inst:
                bits.append(f"{inst['ethnic_groups']} {_('ethnic groups')}")
            detail = f" — {', '.join(bits)}" if bits else ""
            child = node.add(f"[bold]{_name(inst, lang)}[/]{detail} {cites_text(inst['cites'])}")
            for seat in inst.get("seats", []):
                seat_node = child.add(escape(_seat_line(seat, _)))
                for cls in seat.get("classes", []):
                    seat_node.add(
                        f"{_('class')} {cls['class']}: {cls['seats']} {_('seats')}, "
                        f"{_('renewed every')} {cls['renewed_every_years']} {_('years')}"
                    )
            if inst.get("thresholds"):
                marks = ", ".join(f"{tid} {t['required']}" for tid, t in inst["thresholds"].items())
                child.add(f"{_('thresholds')}: {marks}")
    units = data["units"]
    regions = [u for u in units.values() if u["kind"] == "region"]
    cities = [u for u in units.values() if u["kind"] == "city"]
    unit_node = root.add(f"[bold cyan]{_('Territorial units')}[/] ({len(units)})")
    for label, group in ((_("regions"), regions), (_("cities"), cities)):
        names = ", ".join(u.get(f"name_{lang}") or u["name"] for u in group)
        unit_node.add(f"{label} ({len(group)}): {names}")
    root.add(f"{_('Assumptions in force')}: {', '.join(data['assumptions'])}")
    if data.get("version"):
        root.add(f"{_('Version in force')}: {data['version']} ({_('as of')} {data['as_of']})")
    return root


def show(
    profile: ProfileRef = None,
    set_: Sets = None,
    json_out: Json = False,
    lang: Lang = "en",
    as_of: AsOf = None,
) -> None:
    """The institutions as a tree: sizes, terms, how seats are filled, citations."""
    translator(lang)  # refuse an unknown language before any output
    data = constitution_app.show(options.profile(profile, as_of, set_))
    if json_out:
        print_json(data)
        return
    console.print(render_tree(data, lang))


def cite(
    cite_id: str = typer.Argument(..., help="A sentence (S15), an assumption (A4) or an article."),
    profile: ProfileRef = None,
    set_: Sets = None,
    json_out: Json = False,
    lang: Lang = "en",
    as_of: AsOf = None,
) -> None:
    """What a sentence or assumption says, and every profile entry that implements it."""
    _ = translator(lang)
    data = constitution_app.cite(options.profile(profile, as_of, set_), cite_id)
    if json_out:
        print_json(data)
        return
    if data["type"] == "assumption":
        console.print(f"[bold]{_('Assumption')} {data['id']}[/]: {data['question']}")
        console.print(f"  {_('Default')}: {data['default']}")
        console.print(f"  {_('Reason')}: {data['reason']}")
        if data["articles"]:
            console.print(f"  {_('Articles')}: {', '.join(data['articles'])}")
        if data["alternatives"]:
            console.print(f"  {_('Alternatives')}:")
            for alt in data["alternatives"]:
                console.print(f"    - {alt['id']}: {alt['description']}")
                if alt["switch"]:
                    console.print(f"      {alt['switch']}", markup=False, soft_wrap=True)
        if data.get("note"):
            console.print(f"  {_('Note')}: {data['note']}", markup=False)
    else:
        head = _("Sentence") if data["type"] == "sentence" else _("Article")
        console.print(f"[bold]{head} {data['id']}[/]")
        console.print(f"  de: {data['text_de']}")
        console.print(f"  en: {data['text_en']}")
        if data["asks"]:
            console.print(f"  {_('What it asks of the model')}: {data['asks']}")
        for reading in data.get("readings", []):  # assumptions that choose how to read it
            console.print(f"  {_('Assumption')} {reading['id']}: {reading['question']}", markup=False)
            console.print(f"    {_('Default')}: {reading['default']}", markup=False)
            for alt in reading["alternatives"]:
                console.print(f"    - {alt['id']}: {alt['description']}", markup=False)
                console.print(f"      {alt['switch']}", markup=False, soft_wrap=True)
    console.print(f"  {_('Implemented by')}:")
    if not data["implemented_by"]:
        console.print(f"    {_('nothing in this profile')}")
    for entry in data["implemented_by"]:
        label = f" — {entry['label']}" if entry["label"] else ""
        console.print(f"    {entry['path']}{label} {cites_text(entry['cites'])}", markup=False)


@profile_app.command("check")
def check(
    file: Path = typer.Argument(..., help="A profile file (TOML or JSON), or a shipped profile's name."),
    set_: Sets = None,
    as_of: AsOf = None,
    lang: Lang = "en",
    json_out: Json = False,
) -> None:
    """Validate a profile: exit 0 when it is valid, else print every problem and exit 1."""
    _ = translator(lang)
    result = constitution_app.check(options.request(str(file), as_of, set_))
    if json_out:
        print_json(result)
    elif not result["valid"]:
        console.print(f"[bold red]{_('invalid')}[/]: {file}")
        for problem in result["problems"]:
            console.print(f"  - {problem}", markup=False)
    else:
        console.print(f"[green]{_('valid')}[/]: {file} ({_('Profile')} {result['profile']!r})")
    if not result["valid"]:
        raise typer.Exit(1)


@profile_app.command("list")
def list_profiles(json_out: Json = False) -> None:
    """The profiles shipped with Respublika."""
    rows = [{"id": row["id"], "title": row["title"]} for row in profiles()]
    if json_out:
        print_json(rows)
        return
    table = Table("profile", "title")
    for row in rows:
        table.add_row(row["id"], row["title"])
    console.print(table)


@profile_app.command("diff")
def diff_cmd(
    a: str = typer.Argument(..., help="First profile (name, file, or NAME@DATE)."),
    b: str = typer.Argument(..., help="Second profile (name, file, or NAME@DATE)."),
    json_out: Json = False,
    texts: bool = typer.Option(False, "--texts", help="Also compare sources, assumptions and prose."),
    set_a: Annotated[list[str] | None, typer.Option("--set-a", help="Override a value of A: KEY=VALUE.")] = None,
    set_b: Annotated[list[str] | None, typer.Option("--set-b", help="Override a value of B: KEY=VALUE.")] = None,
) -> None:
    """Every rule that differs between two profiles, with the citations on both sides.

    A dated profile takes a date: ``respublika profile diff seed kz@2012-01-01``."""
    data = constitution_app.diff(ProfileRequest.of(a, None, set_a), ProfileRequest.of(b, None, set_b), texts=texts)
    rows = data["rows"]
    if json_out:
        print_json({**data, "a": a, "b": b})
        return
    if not rows:
        console.print("no differences")
        return
    table = Table("rule", a, b)
    for row in rows:
        left = "—" if row["a"] is None else f"{row['a']} {cites_text(row['cites_a'])}"
        right = "—" if row["b"] is None else f"{row['b']} {cites_text(row['cites_b'])}"
        table.add_row(row["path"], escape(left), escape(right))
    console.print(table)


@profile_app.command("docs")
def docs(
    out: Path = typer.Option(Path("docs"), "--out", help="Folder to write the pages into."),
    profile: ProfileRef = None,
    as_of: AsOf = None,
    set_: Sets = None,
) -> None:
    """Write assumptions.md and spec.md for a profile (the default profile's are in docs/)."""
    from respublika.render.profile_pages import pages as profile_pages

    pages = profile_pages(options.profile(profile, as_of, set_))
    out.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (out / name).write_text(text, encoding="utf-8")
        console.print(f"wrote {out / name}")


def register(app: typer.Typer) -> None:
    app.command("show")(show)
    app.command("cite")(cite)
    app.add_typer(profile_app, name="profile")


__all__ = ["pick", "register"]
