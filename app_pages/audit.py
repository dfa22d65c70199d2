"""审计日志: who signed in, revealed personal data, exported, changed accounts (管理员, 审计)."""

import streamlit as st

from app_pages import _auth
from paicha_geo import labels

_auth.require("audit", labels.NAV_AUDIT)
st.title(labels.NAV_AUDIT)
