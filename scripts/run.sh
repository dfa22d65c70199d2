#!/usr/bin/env bash
# Set up and open the dashboard. On first start the demo database (常州市) is built.
# Extra arguments go to `streamlit run` (e.g. --server.port 8600).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
# First start: build the demo database (常州市) if there is none yet ($PAICHA_DB or data/).
.venv/bin/python -c "import sys; from paicha_geo.config import db_path; sys.exit(not db_path().exists())" \
  || .venv/bin/paicha-geo demo
exec .venv/bin/python -m streamlit run app.py "$@"
