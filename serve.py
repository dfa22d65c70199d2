"""Start the dashboard behind the sign-in gate: `streamlit run serve.py` (scripts/run.sh).

The pages are app.py's; this launcher puts the sign-in routes and the gate (an ASGI
middleware that sees every page, file, download and the websocket) in front of them.
Running app.py directly would skip the gate; the scripts and tests always start this file.
"""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from app_pages import _warmup
from paicha_geo.web import Gate, routes

app = st.App(str(Path(__file__).resolve().parent / "app.py"), routes=routes(),
             middleware=[Middleware(Gate)])
_warmup.start()  # the first figures are computed before the first visitor asks
