"""Running a simulation loads no database code (the import rules are in tests/test_layers.py)."""

from __future__ import annotations

import subprocess
import sys


def test_running_a_simulation_loads_no_database_code():
    code = ("import sys; from respublika.simulate import run_simulation; "
            "run_simulation('seed', {'rate': 5}, seed=1, years=1); "
            "print(sorted(m for m in sys.modules if m.startswith(('respublika.store', 'sqlalchemy'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
