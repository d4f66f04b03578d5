#!/usr/bin/env bash
# Install everything and run the whole test suite: ruff, mypy (strict on the core), pytest.
# As root it also installs what the browser and database tests need (Debian's chromium,
# PostgreSQL) and starts a throwaway PostgreSQL server for the tests marked `postgres`.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
  ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need+=(postgresql)
  if [ ${#need[@]} -gt 0 ]; then
    echo "== installing system packages: ${need[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

echo "== installing the locked environment"
RESPUBLIKA_COMPILE=0 bash scripts/install.sh
# The compiled build (scripts/compile.py: about a minute of one core, only when the sources changed)
# goes on in the background, beside the other interpreters' installs and runs; the main run waits for it.
compile_pid=""
compile_log=$(mktemp)
if [ "${RESPUBLIKA_COMPILE:-1}" != 0 ]; then
  ( .venv/bin/python scripts/compile.py --check >/dev/null 2>&1 || .venv/bin/python scripts/compile.py ) \
    >"$compile_log" 2>&1 &
  compile_pid=$!
fi

PGDATA=""
pids=()
cleanup() {
  for pid in "${pids[@]}" $compile_pid; do kill "$pid" 2>/dev/null || true; done
  rm -f "$compile_log"
  if [ -n "$PGDATA" ]; then
    su postgres -c "$PGBIN/pg_ctl -D $PGDATA -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$PGDATA"
  fi
}
trap cleanup EXIT
if [ -z "${RESPUBLIKA_TEST_PG_URL:-}" ] && [ "$(id -u)" = 0 ] && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGPORT=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  PGDATA=$(mktemp -d)
  chown postgres:postgres "$PGDATA"
  su postgres -c "$PGBIN/initdb -D $PGDATA -U postgres -A trust -E UTF8 --no-locale" >/dev/null
  su postgres -c "$PGBIN/pg_ctl -D $PGDATA -w -l $PGDATA/log -o '-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off' start" >/dev/null
  su postgres -c "$PGBIN/createdb -h 127.0.0.1 -p $PGPORT -U postgres test"
  export RESPUBLIKA_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/test"
  echo "== throwaway PostgreSQL on 127.0.0.1:$PGPORT"
fi

# Compiled bytecode is cached (in __pycache__, ignored by git): the suite starts the CLI in
# many subprocesses, and recompiling every import each time would cost minutes.
unset PYTHONDONTWRITEBYTECODE

# The suite again on the newest other interpreter from 3.11 on that this machine has (pyenv keeps
# them here) besides the main run's own: with the main run (.venv, 3.11 here) the two ends of the
# supported range.
# RESPUBLIKA_PYTHONS="/path/a /path/b" names others instead (every one of them runs), "" skips
# this. The browser, PostgreSQL and many-process tests (markers browser, postgres, once) run once,
# in the main run. (Each further interpreter adds about 5 minutes of CPU: CI's 2 cores are full,
# and its time limit is 15 minutes.)
main_version=$(.venv/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')
if [ -z "${RESPUBLIKA_PYTHONS+set}" ]; then
  RESPUBLIKA_PYTHONS=""
  newest=""; newest_v=0
  for py in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.*/bin/python3 $(command -v python3.11 python3.12 python3.13 python3.14 2>/dev/null); do
    [ -x "$py" ] || continue
    v=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)
    [ -n "$v" ] && [ "$v" != "$main_version" ] || continue  # (the main run's own version: tested already)
    key=$(( ${v%%.*} * 100 + ${v#*.} ))
    if [ "$key" -gt "$newest_v" ]; then newest=$py; newest_v=$key; fi
  done
  [ -n "$newest" ] && RESPUBLIKA_PYTHONS=$newest
fi
# They start first and run in the background, beside the lint and the main run (the machine has two
# cores; run one after another the whole would take longer than CI allows), each into its own log.
# They run the engines' and the store's tests (not the adapters' crawls of every page and command,
# the renderings, the application's parity checks, the bad-input sweep, the real constitution's
# data checks and the Dask cluster, which are the same Python on every interpreter and take most
# of the time): RESPUBLIKA_OTHER_TESTS=all runs the whole suite there too.
if [ "${RESPUBLIKA_OTHER_TESTS:-core}" = all ]; then
  other=()
else
  other=(--ignore=tests/cli --ignore=tests/web --ignore=tests/i18n --ignore=tests/badinput --ignore=tests/sweep
         --ignore=tests/app --ignore=tests/render --ignore=tests/kz)
fi
seen=" $main_version "
logs=(); names=()
for py in $RESPUBLIKA_PYTHONS; do
  v=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2]) if sys.version_info >= (3, 11) else None' 2>/dev/null || true)
  [ -n "$v" ] && [ "$v" != None ] || continue
  case "$seen" in *" $v "*) continue ;; esac
  seen+="$v "
  echo "== installing for Python $v ($py)"
  # pure Python there (the main run below tests the compiled build): both paths are tested
  PYTHON="$py" VENV=".venv-$v" RESPUBLIKA_COMPILE=0 bash scripts/install.sh
  log=$(mktemp)
  RESPUBLIKA_PURE=1 ".venv-$v/bin/pytest" -q -m "not browser and not postgres and not once" -p no:cacheprovider "${other[@]}" "$@" >"$log" 2>&1 &
  pids+=($!); logs+=("$log"); names+=("$v")
done
echo "== ruff"
.venv/bin/ruff check src tests benchmarks
echo "== mypy"
.venv/bin/mypy
if [ -n "$compile_pid" ]; then
  wait "$compile_pid" || echo "the compiled build failed: the main run tests pure Python (slower, same results)" >&2
  compile_pid=""
  cat "$compile_log"
fi
echo "== pytest ($(.venv/bin/python --version), two workers; $(.venv/bin/python scripts/compile.py --check 2>&1))"
# pytest-xdist: two workers; tests sharing PostgreSQL, the browser or many processes keep to one
# worker each (tests/conftest.py groups them). RESPUBLIKA_TEST_WORKERS=0 runs in one process.
.venv/bin/pytest -n "${RESPUBLIKA_TEST_WORKERS:-2}" --dist loadgroup "$@"

status=0
for i in "${!pids[@]}"; do
  rc=0; wait "${pids[$i]}" || rc=$?
  echo "== pytest on Python ${names[$i]}: exit $rc"
  tail -n 15 "${logs[$i]}"
  rm -f "${logs[$i]}"
  [ "$rc" = 0 ] || status=$rc
done
exit "$status"
