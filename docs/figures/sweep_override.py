"""Make docs/figures/sweep-override.svg: the worked example of docs/simulation.md ("Sweeps").

    python docs/figures/sweep_override.py [--scheduler tcp://HOST:PORT] [--workers W]

Runs the grid docs/figures/sweep-override.yaml (the same as
``respublika sweep docs/figures/sweep-override.yaml --out docs/figures/sweep-override``),
resuming from docs/figures/sweep-override/ if a table is there, and plots the pooled chance
that a veto is overridden (overridden / vetoed) against the largest party's share.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from respublika.render.sweep_plots import pooled, rate_by  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scheduler", default=None)
    parser.add_argument("--workers", default=None)
    args = parser.parse_args()
    out = HERE / "sweep-override"
    command = [str(Path(sys.executable).with_name("respublika")), "sweep", str(HERE / "sweep-override.yaml"),
               "--out", str(out)]
    if args.scheduler:
        command += ["--scheduler", args.scheduler]
    if args.workers:
        command += ["--workers", str(args.workers)]
    subprocess.run(command, check=True)
    frame = pd.read_parquet(out / "sweep.parquet")
    frame["variant"] = frame["profile"] + frame["set"].map(lambda s: " | override by majority" if s else "")
    labels = {"seed": "seed: 2/3 to pass, 2/3 to override",
              "seed | override by majority": "seed, override by a majority",
              "majority": "majority: majority to pass, 2/3 to override",
              "majority | override by majority": "majority, override by a majority"}
    svg = rate_by(frame, "largest_share", "overridden", "vetoed", "variant", labels=labels,
                  xlabel="largest party's share of the vote at the start")
    (HERE / "sweep-override.svg").write_text(svg, encoding="utf-8")
    for group, points in pooled(frame, "largest_share", "overridden", "vetoed", "variant").items():
        print(group, " ".join(f"{p['x']:.2f}:{p['rate']:.2f}(n={p['n']})" for p in points))
    return 0


if __name__ == "__main__":
    sys.exit(main())
