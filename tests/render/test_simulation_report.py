"""The report: every text escaped, figures inline, the reproduction line first."""

from __future__ import annotations

import json
import shlex

from respublika.render import simulation_report as report
from respublika.simulate import Party, SimParams, montecarlo, run_simulation
from respublika.simulate.run import SimulationConfig

EVIL = "<script>alert(1)</script>&"


def test_text_is_escaped_and_the_report_reproduces(tmp_path):
    params = SimParams(rate=10, crisis_rate=0, parties=(Party(EVIL, 0.6, 0.1, 0.9), Party("B", 0.4, -0.3, 0.9)))
    result = run_simulation("seed", params, seed=9, years=2)
    timeline = result.timeline()
    page = report.run_report(timeline, result.profile)
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    html_path, json_path = report.write_report(tmp_path / "out", page, timeline)
    data = json.loads(json_path.read_text("utf-8"))
    assert data["config"]["params"]["parties"][0]["name"] == EVIL
    assert html_path.read_text("utf-8").index("Reproduce") < html_path.read_text("utf-8").index("<svg")
    command = report.command_line(data["config"])
    assert command.startswith("respublika simulate --years 2 --seed 9 --profile seed --rate 10")
    assert "--param crisis_rate=0" in command


def test_the_command_line_reproduces_the_parameters():
    from respublika.app.profiles import ProfileRequest
    from respublika.app.simulation import config as build_config

    params = SimParams(rate=10, crisis_rate=0, parties=(Party("A b", 0.6, 0.1, 0.9), Party("C", 0.4, -0.3, 0.9)),
                       initiators={"deputies": 1.0})
    config = SimulationConfig("seed", {"thresholds.two_thirds.share": "3/5"}, params, 3, 2)
    args = shlex.split(report.command_line(config.to_dict()))
    get = lambda flag: [args[i + 1] for i, a in enumerate(args) if a == flag]  # noqa: E731
    rebuilt = build_config(ProfileRequest.of(get("--profile")[0], None, get("--set")), years=int(get("--years")[0]),
                           seed=int(get("--seed")[0]), rate=float(get("--rate")[0]), params=get("--param"))
    assert rebuilt == config


def test_monte_carlo_report(tmp_path):
    config = SimulationConfig("seed", {}, SimParams(rate=10, crisis_rate=0), 1, 2)
    agg = montecarlo.aggregate(config, montecarlo.run_many(config, 2, workers=1))
    page = report.montecarlo_report(agg, config.load())
    assert page.count("<svg") == 5 and "Monte Carlo: 2 runs" in page
