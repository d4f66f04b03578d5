#!/usr/bin/env bash
# Install Respublika and run its main job: the web app on SQLite (./respublika.db), with
# the seed profile and the example bills, at http://127.0.0.1:8000/ (pass --port, --host,
# --db, --profile to change it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/respublika serve "$@"
