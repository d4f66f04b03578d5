"""Compile the engine's hot modules with mypyc into .accel/<interpreter>/ (issue 18).

Usage: .venv/bin/python scripts/compile.py [--check]

The same Python source becomes C extensions (``respublika._accel.MODULES``); the package
uses them only while its sources are unchanged (``respublika._accel``). Needs a C compiler,
mypy (mypyc) and setuptools, all in the test lock. Exit 0 when built (or, with ``--check``,
when a current build exists), 1 otherwise; the package works without it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))
os.environ["RESPUBLIKA_PURE"] = "1"  # read the sources, not an older build

from respublika import _accel  # noqa: E402

SETUP = """
import sys
from setuptools import setup
from mypyc.build import mypycify
setup(name="respublika-accel", ext_modules=mypycify(sys.argv.pop(1).split(","), opt_level="3"))
"""


def main() -> int:
    out = _accel.build_dir()
    if "--check" in sys.argv:
        _accel.status.cache_clear()
        os.environ.pop("RESPUBLIKA_PURE")
        used, why = _accel.status()
        print(why)
        return 0 if used else 1
    if shutil.which(os.environ.get("CC", "cc")) is None and shutil.which("gcc") is None:
        print("no C compiler: the package stays pure Python", file=sys.stderr)
        return 1
    digest, stats = _accel.source_digest(), _accel.source_stats()
    paths = [str(Path(*m.split(".")).with_suffix(".py")) for m in _accel.MODULES]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="respublika-accel-") as tmp:
        work = Path(tmp)
        (work / "setup.py").write_text(SETUP, encoding="utf-8")
        src = work / "src"  # a copy: the checkout gets no generated C and no extension beside a source
        shutil.copytree(SRC / "respublika", src / "respublika", ignore=shutil.ignore_patterns("__pycache__"))
        staged = work / "lib"
        cmd = [sys.executable, str(work / "setup.py"), ",".join(paths), "build_ext",
               "--build-lib", str(staged), "--build-temp", str(work / "temp")]
        env = {**os.environ, "MYPYPATH": str(src)}
        done = subprocess.run(cmd, cwd=src, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stdout[-4000:], done.stderr[-4000:], sep="\n", file=sys.stderr)
            print("mypyc failed: the package stays pure Python", file=sys.stderr)
            return 1
        if out.exists():
            shutil.rmtree(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(staged, out)
    stamp = {"sources": digest, "stats": stats, "modules": list(_accel.MODULES), "python": sys.version}
    (out / "stamp.json").write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    print(f"compiled {len(paths)} modules into {out} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
