"""The report: ``report.html`` (figures as inline SVG) and ``report.json`` (the data).

The top of the page gives everything that reproduces the run (profile, overrides, seed,
years, every parameter, and the command line); then a summary, then the figures: seats
over time per chamber, bills per year by outcome, days from introduction to law, how
often each deadline fired, and power over time. Every piece of text from the data is
escaped (:func:`html.escape`); the figures are matplotlib's SVG, which escapes its text.
The pages take ``lang``: headings, summary labels and captions come from the message
catalogue; the command line and the parameters' names stay as the CLI reads them.
"""

from __future__ import annotations

import html
import json
import os
import shlex
import tempfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from respublika.calendar import Duration, add
from respublika.errors import InputError
from respublika.i18n import translator
from respublika.profile import Profile
from respublika.simulate.params import SimParams

STYLE = """body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left;
vertical-align:top}th{background:#f3f3f3}code,pre{background:#f6f6f6;padding:.1em .3em}
pre{white-space:pre-wrap;padding:.6em}figure{margin:1em 0}svg{max-width:100%;height:auto}"""


def check_output_dir(path: str | Path) -> Path:
    """Create ``path`` if needed and make sure a file can be written there (else InputError)."""
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out}: exists and is not a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=out, prefix=".respublika-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise InputError(f"--out {out}: cannot write there ({exc.strerror or exc})") from None
    return out


def command_line(config: Mapping[str, Any], runs: int = 1) -> str:
    """The ``respublika simulate`` command that reproduces ``config``."""
    args = ["respublika", "simulate", "--years", str(config["years"]), "--seed", str(config["seed"]),
            "--profile", str(config["profile"])]
    for key, value in config.get("overrides", {}).items():
        args += ["--set", f"{key}={_toml(value)}"]
    defaults = SimParams().to_dict()
    params = config.get("params", {})
    for key, value in params.items():
        if key == "rate" and value != defaults.get(key):
            args += ["--rate", f"{value:g}"]
        elif key == "start" and value != defaults.get(key):
            args += ["--start", str(value)]
        elif value != defaults.get(key) and key not in ("rate", "start"):
            args += ["--param", f"{key}={json.dumps(value, ensure_ascii=False)}"]
    for role, act in config.get("acts", {}).items():
        args += ["--act", f"{role}={act}"]
    if runs > 1:
        args += ["--runs", str(runs)]
    return " ".join(shlex.quote(a) for a in args)


def _toml(value: Any) -> str:
    """A value as ``--set`` reads it (TOML; text that TOML would misread is quoted)."""
    if isinstance(value, str):
        return json.dumps(value) if any(c in value for c in ' "[]{},=#') or value in ("true", "false") else value
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _table(rows: Mapping[str, Any], code: bool = False) -> str:
    """Rows of a table; ``code``: the keys are names to type (``--param KEY=VALUE``)."""
    body = "".join(f"<tr><th>{f'<code>{_e(k)}</code>' if code else _e(k)}</th><td>{_e(v)}</td></tr>"
                   for k, v in rows.items())
    return f"<table>{body}</table>"


def _params_rows(params: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in params.items():
        if key == "parties":
            for p in value:
                out[f"party {p['name']}"] = (f"share {p['share']}, position {p['position']}, "
                                             f"discipline {p['discipline']}")
        else:
            out[key] = json.dumps(value) if isinstance(value, dict) else value
    return out


def _page(title: str, config: Mapping[str, Any], profile: Profile, summary: Mapping[str, Any],
          figures: list[tuple[str, str]], runs: int, lang: str = "en") -> str:
    _ = translator(lang)
    head = {_("profile"): f"{config['profile']} — {profile.title}",
            _("overrides"): json.dumps(config.get("overrides", {})),
            _("seed"): config["seed"] if runs == 1 else f"{config['seed']} .. {config['seed'] + runs - 1}",
            _("years"): config["years"], _("runs"): runs}
    parts = [
        f"<!doctype html><html lang=\"{_e(lang)}\"><head><meta charset=\"utf-8\">",
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f"<h2>{_e(_('Reproduce'))}</h2>", f"<pre>{_e(command_line(config, runs))}</pre>", _table(head),
        f"<details><summary>{_e(_('Parameters'))}</summary>", _table(_params_rows(config.get("params", {})), code=True),
        "</details>",
        f"<h2>{_e(_('Summary'))}</h2>", _table(summary),
    ]
    for caption, image in figures:
        parts.append(f"<h2>{_e(caption)}</h2><figure>{image}</figure>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _end(config: Mapping[str, Any]) -> date:
    start = date.fromisoformat(config["params"]["start"])
    return add(start, Duration(years=int(config["years"])))


def _named(profile: Profile, key: str, lang: str) -> str:
    """A deadline's event, a timer or an act of the simulation's log, by its label."""
    from respublika.render.labels import act_label, event_label, has_label

    if has_label(profile, "events", key, lang) or key not in profile.procedure.acts:
        return event_label(profile, key, lang)
    return act_label(profile, key, lang)


def run_report(timeline: Mapping[str, Any], profile: Profile, lang: str = "en") -> str:
    """The HTML page of one run (``timeline`` as :meth:`SimulationResult.timeline` gives it)."""
    _ = translator(lang)
    from respublika.render import (
        simulation_plots as plots,  # matplotlib loads only when a report is drawn
    )

    config = timeline["config"]
    parties = [p["name"] for p in config["params"]["parties"]]
    end = _end(config)
    sizes = {c: profile.institutions[c].size or 0 for c in timeline["seats"] if c in profile.institutions}
    bills = timeline["bills"]
    days = timeline["days_to_law"]
    summary: dict[str, Any] = {_(k): sum(bills[k]) for k in ("introduced", "passed", "failed", "vetoed",
                                                              "overridden")}
    summary.update({
        _("median days to law"): days[len(days) // 2] if days else "-",
        _("became law by"): ", ".join(f"{_named(profile, k, lang)} {v}"
                                      for k, v in timeline["became_law_by"].items()) or "-",
        _("dissolutions"): len(timeline["dissolutions"]),
        _("Republic acts"): ", ".join(f"{_named(profile, k, lang)} {v}" for k, v in timeline["republic"].items()) or "-",
        _("refused acts"): ", ".join(f"{v}× {_named(profile, k, lang)}" for k, v in timeline["refusals"].items()) or "-",
        _("presidents (party, from)"): ", ".join(f"{p['party']} {p['date']}" for p in timeline["presidents"]) or "-",
        _("events in the log"): timeline["events"],
    })
    figures = [
        (_("Seats over time"), plots.seats_over_time(timeline["seats"], parties, end, sizes, lang=lang)),
        (_("Bills per year"), plots.bills_per_year(bills, lang=lang)),
        (_("Days from introduction to law"), plots.days_to_law(days=days, lang=lang)),
        (_("Deadlines fired"), plots.bars({_named(profile, k, lang): v
                                           for k, v in {**timeline["deadlines"], **timeline["timers"]}.items()},
                                          "deadlines and timers",
                                          "times fired", lang=lang)),
        (_("Power over time (Shapley–Shubik, parties as blocs)"),
         plots.power_over_time(timeline["power"], parties, end, lang=lang)),
    ]
    name = timeline.get("name")
    title = (_("Simulation {name}").format(name=name) if name
             else _("Simulation, seed {seed}").format(seed=config["seed"]))
    return _page(title, config, profile, summary, figures, 1, lang)


def montecarlo_report(agg: Mapping[str, Any], profile: Profile, lang: str = "en") -> str:
    """The HTML page of many runs (``agg`` as :func:`montecarlo.aggregate` gives it)."""
    _ = translator(lang)
    from respublika.render import simulation_plots as plots

    config = agg["config"]
    parties = [p["name"] for p in config["params"]["parties"]]
    end = _end(config)
    summary: dict[str, Any] = {_("{what} per run (mean)").format(what=_(k)): v for k, v in agg["totals_per_run"].items()}
    summary.update({
        _("dissolutions per run (mean)"): agg["dissolutions"]["mean"],
        _("runs with a dissolution"): agg["dissolutions"]["runs_with_any"],
        _("crises per run (mean)"): agg["crises"],
        _("refused acts"): ", ".join(f"{v}× {k}" for k, v in agg["refusals"].items()) or "-",
        _("events in all logs"): agg["events"],
    })
    figures = [
        (_("Mean seats at each anniversary"), plots.mean_seats(agg["samples"], agg["seats"], parties, end, lang=lang)),
        (_("Bills per year (mean, 5–95 % band)"), plots.bills_per_year(agg["bills"], bands=True, lang=lang)),
        (_("Days from introduction to law (all runs)"),
         plots.days_to_law(counts=agg["days_to_law"]["counts"], bin_days=agg["days_to_law"]["bin_days"], lang=lang)),
        (_("Deadlines fired per run (mean)"),
         plots.bars({_named(profile, k, lang): v for k, v in agg["deadlines"].items()}, "deadlines",
                    "mean times fired per run", lang=lang)),
        (_("Mean power at each anniversary (Shapley–Shubik)"),
         plots.mean_power(agg["samples"], agg["power"], parties, end, lang=lang)),
    ]
    return _page(_("Monte Carlo: {runs} runs").format(runs=agg["runs"]), config, profile, summary, figures,
                 agg["runs"], lang)


def write_report(out: str | Path, page: str, data: Mapping[str, Any]) -> tuple[Path, Path]:
    """Write ``report.html`` and ``report.json`` into ``out``."""
    folder = check_output_dir(out)
    html_path, json_path = folder / "report.html", folder / "report.json"
    html_path.write_text(page, encoding="utf-8")
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    return html_path, json_path


SUMMARY_WORDS = {
    "seed": "seed", "years": "years", "introduced": "introduced", "passed": "passed", "failed": "failed",
    "vetoed": "vetoed", "overridden": "overridden", "median_days_to_law": "median days to law",
    "dissolutions": "dissolutions", "crises": "crises", "refusals": "refused acts", "events": "events in the log",
    "steps": "steps",
}
"""The words for the keys of a run's summary (the JSON keeps the keys)."""


def summary_word(key: str, lang: str = "en") -> str:
    """A summary key in words (``median_days_to_law`` → "median days to law")."""
    return translator(lang)(SUMMARY_WORDS.get(key, key.replace("_", " ")))


def run_summary_lines(profile: Profile, name: str, years: int, start: Any, summary: Mapping[str, Any],
                      lang: str = "en") -> tuple[str, list[tuple[str, str]]]:
    """``respublika simulate``: the title and (label, value) rows of one run's summary; the
    deadlines that fired by their events' labels."""
    from respublika.i18n import format_day, format_number
    from respublika.render.labels import event_label

    _ = translator(lang)
    title = _("Simulation {name}: {years} years from {start}").format(
        name=name, years=years, start=format_day(start, lang))
    rows = [(summary_word(k, lang), format_number(v, lang) if isinstance(v, int) else str(v))
            for k, v in summary.items() if k not in ("name", "deadlines")]
    rows += [(_("deadline: {event}").format(event=event_label(profile, k, lang)), format_number(v, lang))
             for k, v in summary.get("deadlines", {}).items()]
    return title, rows


def montecarlo_summary_lines(profile: Profile, agg: Mapping[str, Any], years: int, seed: int,
                             lang: str = "en") -> tuple[str, list[tuple[str, str]]]:
    """``respublika simulate --runs N``: the title and (label, value) rows of the means per run."""
    from respublika.render.labels import event_label

    _ = translator(lang)
    runs = agg["runs"]
    title = _("{runs} runs of {years} years (seeds {first}..{last})").format(
        runs=runs, years=years, first=seed, last=seed + runs - 1)
    rows = [(_("{what} per run").format(what=summary_word(k, lang)), str(v)) for k, v in agg["totals_per_run"].items()]
    rows.append((_("{what} per run").format(what=summary_word("dissolutions", lang)), str(agg["dissolutions"]["mean"])))
    rows.append((_("{what} per run").format(what=summary_word("crises", lang)), str(agg["crises"])))
    rows += [(_("deadline: {event}").format(event=event_label(profile, k, lang)), str(v))
             for k, v in agg["deadlines"].items()]
    return title, rows
