#!/usr/bin/env bash
# Install Respublika into ./.venv from the hashed lock file (uv; pip is the fallback).
# Usage: bash scripts/install.sh            (idempotent; quiet when nothing changed)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "Respublika needs Python 3.11 (found: $("$PY" --version 2>&1))" >&2
  exit 1
fi
UV=.tools/uv/bin/uv
if [ ! -x "$UV" ]; then
  "$PY" -m pip install --quiet --disable-pip-version-check --target .tools/uv uv >/dev/null 2>&1 || true
fi
if [ -x "$UV" ]; then
  export PYTHONPATH=".tools/uv${PYTHONPATH:+:$PYTHONPATH}"
  [ -x .venv/bin/python ] || "$UV" venv --quiet --python "$PY" .venv
  "$UV" pip sync --quiet --python .venv/bin/python requirements.lock
  "$UV" pip install --quiet --python .venv/bin/python --no-deps -e .
else
  echo "uv unavailable: installing with pip (slower)" >&2
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
fi
