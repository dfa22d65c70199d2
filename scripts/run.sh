#!/usr/bin/env bash
# Set up and open the dashboard. On first start the demo database (常州市) is built.
# Extra arguments go to `streamlit run` (e.g. --server.port 8600).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
# First start: build the demo database (常州市) at the default data/ path when there is none.
# Never over a configured $PAICHA_DB or an existing file (the command refuses and says why).
.venv/bin/paicha-geo demo --first-start
exec .venv/bin/python -m streamlit run serve.py "$@"
