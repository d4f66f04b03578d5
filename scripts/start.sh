#!/usr/bin/env bash
# Install Respublika and run its main job.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/respublika show "$@"
