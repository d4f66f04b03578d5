#!/usr/bin/env bash
# Install Respublika into ./.venv from the hashed lock file (uv; pip is the fallback).
# Usage: bash scripts/install.sh            (idempotent; quiet when nothing changed)
#        PYTHON=python3.13 VENV=.venv-3.13 bash scripts/install.sh   (another interpreter, its own venv)
#        RESPUBLIKA_COMPILE=0 bash scripts/install.sh   (skip the compiled build: pure Python)
# Then it compiles the engine's hot modules with mypyc (scripts/compile.py, about a minute; only when
# the sources changed since the last build). Without a C compiler the package stays pure Python.
# The lock is universal: one file serves every Python from 3.11 on.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=${VENV:-.venv}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))' 2>/dev/null; then
  echo "Respublika needs Python 3.11 or newer (3.11, 3.12 and 3.13 are tested; found: $("$PY" --version 2>&1)). Set PYTHON=/path/to/python3.11 or newer." >&2
  exit 1
fi
UV=.tools/uv/bin/uv
if [ ! -x "$UV" ]; then
  "$PY" -m pip install --quiet --disable-pip-version-check --target .tools/uv uv >/dev/null 2>&1 || true
fi
if [ -x "$UV" ]; then
  export PYTHONPATH=".tools/uv${PYTHONPATH:+:$PYTHONPATH}"
  [ -x "$VENV/bin/python" ] || "$UV" venv --quiet --python "$PY" "$VENV"
  "$UV" pip sync --quiet --python "$VENV/bin/python" requirements.lock
  "$UV" pip install --quiet --python "$VENV/bin/python" --no-deps -e .
else
  echo "uv unavailable: installing with pip (slower)" >&2
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e .
fi
if [ "${RESPUBLIKA_COMPILE:-1}" != 0 ]; then
  "$VENV/bin/python" scripts/compile.py --check >/dev/null 2>&1 || "$VENV/bin/python" scripts/compile.py ||
    echo "the compiled build failed: Respublika runs as pure Python (slower, same results)" >&2
fi
