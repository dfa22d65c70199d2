#!/usr/bin/env bash
# Set up everything the tests need on a fresh machine (venv, package, Chromium, CJK fonts),
# then lint and run the whole suite with pytest on two workers (PAICHA_TEST_WORKERS).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'

# Chromium and CJK fonts for the browser tests; PostgreSQL 15 with PostGIS for the store tests
# on a server (tests/pg_server.py starts its own in a temporary folder: initdb, pg_ctl).
if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/opentype/noto ] \
   || ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 \
   || ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium fonts-noto-cjk \
    postgresql-15 postgresql-15-postgis-3
fi
# Here the PostgreSQL tests must run: a missing server fails them instead of skipping them.
export PAICHA_REQUIRE_PG=1

.venv/bin/python -m ruff check .
# Two workers, a test module each at a time (module fixtures such as a writable app stay in
# one process): the browser tests spend much of their time waiting on a server and Chromium.
exec .venv/bin/python -m pytest -n "${PAICHA_TEST_WORKERS:-2}" --dist loadfile "$@"
