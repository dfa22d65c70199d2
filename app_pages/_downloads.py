"""Every download of the dashboard: built only when clicked, and written to the audit log
(who, role, which file) at that moment."""

from __future__ import annotations

import streamlit as st

from app_pages import _auth, _cache
from paicha_geo.services import exports


def button(label: str, build, file_name: str, *, key: str, mime: str | None = None) -> None:
    """`build`: the bytes, or a function making them (preferred: nothing is built unless
    the file is taken)."""
    st.download_button(label, exports.audited(build, _cache.store(), _auth.viewer(), file_name),
                       file_name, mime=mime, key=key, on_click="ignore")
