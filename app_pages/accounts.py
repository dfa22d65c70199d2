"""账号管理: add, disable, reset accounts (管理员 only)."""

import streamlit as st

from app_pages import _auth
from paicha_geo import labels

_auth.require("admin", labels.NAV_ACCOUNTS)
st.title(labels.NAV_ACCOUNTS)
