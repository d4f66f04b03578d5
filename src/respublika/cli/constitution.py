"""``respublika show``, ``respublika cite`` and ``respublika profile ...``: the profile itself."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from respublika.app import constitution as constitution_app
from respublika.app.profiles import ProfileRequest, profiles
from respublika.cli import options
from respublika.cli.common import cites_text, console, print_json
from respublika.cli.options import AsOf, Json, Lang, ProfileRef, Sets
from respublika.i18n import pick, translator
from respublika.render import constitution_text

profile_app = typer.Typer(help="Check and list profiles.", no_args_is_help=True)


# The tree and the citation lines are rendered in respublika.render.constitution_text.


def show(
    profile: ProfileRef = None,
    set_: Sets = None,
    json_out: Json = False,
    lang: Lang = "en",
    as_of: AsOf = None,
) -> None:
    """The institutions as a tree: sizes, terms, how seats are filled, citations."""
    translator(lang)  # refuse an unknown language before any output
    opened = options.profile(profile, as_of, set_)
    data = constitution_app.show(opened)
    if json_out:
        print_json(data)
        return
    console.print(constitution_text.render_tree(opened, data, lang))


def cite(
    cite_id: str = typer.Argument(..., help="A sentence (S15), an assumption (A4) or an article."),
    profile: ProfileRef = None,
    set_: Sets = None,
    json_out: Json = False,
    lang: Lang = "en",
    as_of: AsOf = None,
) -> None:
    """What a sentence or assumption says, and every profile entry that implements it."""
    translator(lang)  # refuse an unknown language before any output
    opened = options.profile(profile, as_of, set_)
    data = constitution_app.cite(opened, cite_id)
    if json_out:
        print_json(data)
        return
    for line in constitution_text.cite_lines(opened, data, lang):
        console.print(line, markup=False, soft_wrap=line.lstrip().startswith("--set"))


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
    for line in diff_lines(rows, a, b):
        console.print(escape(line), soft_wrap=False, overflow="fold")


def diff_group(path: str) -> tuple[str, str]:
    """``institutions.senate.size`` -> (``institutions.senate``, ``size``): the institution (or
    election, threshold, kind of matter) a changed value belongs to, and the rule's own name."""
    parts = path.split(".")
    cut = 3 if parts[:2] == ["procedure", "matters"] and len(parts) > 3 else 2
    cut = min(cut, len(parts) - 1) or 1
    return ".".join(parts[:cut]), ".".join(parts[cut:]) or parts[-1]


def diff_lines(rows: list[dict[str, Any]], a: str, b: str) -> list[str]:
    """The diff as text that reads at 80 columns: a heading per institution (or section), then
    each rule's name first and the two sides indented below it."""
    lines: list[str] = []
    width = max(len(a), len(b))
    group = None
    for row in sorted(rows, key=lambda r: diff_group(r["path"])):
        head, name = diff_group(row["path"])
        if head != group:
            if lines:
                lines.append("")
            lines.append(f"{head}:")
            group = head
        lines.append(f"  {name}")
        for key, side, value, cites in (("a", a, row["a"], row["cites_a"]), ("b", b, row["b"], row["cites_b"])):
            absent = row["only_in"] is not None and row["only_in"] != key
            shown = "—" if absent else ("(none)" if value is None else str(value))
            if cites and not absent:
                shown += f" {cites_text(cites)}"
            lines.append(f"    {side:<{width}}  {shown}")
    return lines


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
