"""The web gate: the sign-in routes and the ASGI middleware in front of every request.

`serve.py` mounts both on Streamlit's `st.App`. Nothing here imports Streamlit.
"""

from paicha_geo.web.gate import Gate
from paicha_geo.web.routes import routes

__all__ = ["Gate", "routes"]
