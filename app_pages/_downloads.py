"""Every download of the dashboard: built only when clicked, and written to the audit log
(who, role, which file) at that moment."""

from __future__ import annotations

import streamlit as st

from app_pages import _auth, _cache
from paicha_geo.services import exports


def button(label: str, build, file_name: str, *, key: str, mime: str | None = None,
           logged: bool = False) -> None:
    """`build`: the bytes, or a function making them (preferred: nothing is built unless
    the file is taken). `logged`: the build writes its own, more precise audit row."""
    data = build if logged else exports.audited(build, _cache.store(), _auth.viewer(),
                                                file_name)
    st.download_button(label, data, file_name, mime=mime, key=key, on_click="ignore")
