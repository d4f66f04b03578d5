"""Markdown pages generated from a profile (rendering): the assumptions, and the specification trace.

``docs/assumptions.md`` and ``docs/spec.md`` are these pages for the seed profile; a test
regenerates them and fails if the files drifted from the profile. Links to the files that
show a choice (``shown_by``: scenario files, tests) are relative to ``docs/``.
"""

from __future__ import annotations

import re

from respublika.profile.query import assumption_summary, cite, implementing, interpreting
from respublika.profile.schema import Profile

DOCS_TO_ROOT = "../"
"""The pages live in ``docs/``; ``shown_by`` paths are relative to the repository root."""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _number(aid: str) -> int:
    return int(aid[1:]) if aid[1:].isdigit() else 0


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as ``-``."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _heading(profile: Profile, aid: str) -> str:
    data = assumption_summary(profile, aid)
    origin = " *(project)*" if data["origin"] == "project" else ""
    return f"{aid}: {data['question']}{origin}"


def _link_assumption(profile: Profile, aid: str) -> str:
    return f"[{aid}](assumptions.md#{anchor(_heading(profile, aid))})"


def _links(paths: list[str]) -> str:
    return ", ".join(f"[`{p.rsplit('/', 1)[-1]}`]({DOCS_TO_ROOT}{p})" for p in paths)


def assumptions_page(profile: Profile) -> str:
    lines = [
        f"# Assumptions of the `{profile.id}` profile",
        "",
        "Where the specification is silent, the profile names an assumption: its default, why",
        "(usually the real constitution, by article), and how to switch it. Nothing silent is",
        "decided in code. A1-A12 come from the specification's list of gaps; assumptions marked",
        "*project* are gaps found while modelling, and readings the text leaves open (an",
        "assumption that *interprets* a sentence chooses between readings of it). Switch an",
        "assumption on the command line with the `--set` options shown, or in a derived profile",
        "(`extends = \"seed\"`). *Shown by* names the scenario files and tests that show a choice",
        "at work; `respublika.games.alternatives` computes what each switch does to the",
        "law-making power indices.",
        "",
        "This page is generated from the profile (`respublika profile docs`); a test keeps it true.",
        "",
    ]
    for aid in sorted(profile.assumptions, key=_number):
        data = cite(profile, aid)
        lines += [f"## {_heading(profile, aid)}", ""]
        if data["interprets"]:
            lines.append(f"- **Interprets:** {', '.join(data['interprets'])}")
        lines += [f"- **Default:** {data['default']}", f"- **Reason:** {data['reason']}"]
        if data["articles"]:
            lines.append(f"- **Articles:** {', '.join(data['articles'])}")
        if data["note"]:
            lines.append(f"- **Note:** {data['note']}")
        if data["shown_by"]:
            lines.append(f"- **Shown by:** {_links(data['shown_by'])}")
        if data["alternatives"]:
            lines.append("- **Alternatives:**")
            for alt in data["alternatives"]:
                shown = f" (shown by {_links(alt['shown_by'])})" if alt["shown_by"] else ""
                lines.append(f"  - `{alt['id']}`: {alt['description']} — `{alt['switch']}`{shown}")
        else:
            lines.append("- **Alternatives:** none offered")
        where = ", ".join(f"`{e['path']}`" for e in data["implemented_by"])
        lines += [f"- **Used by:** {where}", ""]
    return "\n".join(lines)


def _reading(profile: Profile, sid: str) -> str:
    readers = interpreting(profile, sid)
    if not readers:
        return "faithful"
    return "interpreted: " + ", ".join(_link_assumption(profile, aid) for aid in readers)


def _shown_by(profile: Profile, sid: str) -> str:
    """The files that show the sentence: its own, then each interpreting assumption's
    default and alternatives (``default`` / the alternative's id); else the cite command."""
    parts: list[str] = []
    own = profile.sources[sid].shown_by
    if own:
        parts.append(_links(list(own)))
    for aid in interpreting(profile, sid):
        assumption = profile.assumptions[aid]
        choices = [("default", assumption.shown_by), *((f"`{a.id}`", a.shown_by) for a in assumption.alternatives)]
        by_files: dict[tuple[str, ...], list[str]] = {}
        for label, files in choices:
            if files:
                by_files.setdefault(tuple(files), []).append(label)
        for paths, labels in by_files.items():
            parts.append(f"{aid} {', '.join(labels)}: {_links(list(paths))}")
    return "<br>".join(dict.fromkeys(parts)) or f"`respublika cite {sid}`"


def spec_page(profile: Profile) -> str:
    lines = [
        f"# The specification, sentence by sentence, and what implements it (`{profile.id}`)",
        "",
        "Each sentence of the specification (`seed.de.txt`) has a stable ID. The first table says",
        "how the profile reads it: *faithful* (as written; gaps the text leaves are filled by the",
        "assumptions its entries cite), or *interpreted* (the text admits more than one reading;",
        "the assumption named chooses one and offers the others as switches). *Shown by* links",
        "the scenario files and tests that show the reading, and each alternative, at work. The",
        "second table lists every entry of the profile that cites the sentence. Both are",
        "generated by `respublika profile docs` (a test keeps them true); `respublika cite S15`",
        "prints the same from the command line.",
        "",
        "## How each sentence is read",
        "",
        "| ID | Sentence (English rendering) | Reading | Assumptions cited with it | Shown by |",
        "|---|---|---|---|---|",
    ]
    for sid, source in profile.sources.items():
        cited = cite(profile, sid)["assumptions"]
        gaps = ", ".join(cited) or "—"
        lines.append(
            f"| {sid} | {_cell(source.text_en)} | {_reading(profile, sid)} | {gaps} | {_shown_by(profile, sid)} |"
        )
    lines += [
        "",
        "## What implements each sentence",
        "",
        "| ID | Sentence (English rendering) | Implemented by |",
        "|---|---|---|",
    ]
    for sid, source in profile.sources.items():
        entries = implementing(profile, sid)
        where = "<br>".join(f"`{e['path']}`" for e in entries) or "—"
        lines.append(f"| {sid} | {_cell(source.text_en)} | {where} |")
    lines.append("")
    return "\n".join(lines)


def pages(profile: Profile) -> dict[str, str]:
    """The generated documentation pages of a profile, by file name."""
    return {"assumptions.md": assumptions_page(profile), "spec.md": spec_page(profile)}
