#!/usr/bin/env bash
# Run every benchmark (installs first). Each prints its table of ratios to a named baseline.
# Usage: bash scripts/bench.sh [games|elections|simulate ...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
unset PYTHONDONTWRITEBYTECODE
for name in "${@:-games elections simulate}"; do
  for one in $name; do
    echo "== benchmarks/bench_$one.py"
    .venv/bin/python "benchmarks/bench_$one.py"
  done
done
