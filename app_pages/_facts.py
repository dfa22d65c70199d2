"""A household's or village's fact versions (核实记录): every value with its 核实日期."""

from __future__ import annotations

import streamlit as st

from paicha_geo import labels
from paicha_geo.render import fact_history


def history(title: str, versions, facts, key: str) -> None:
    st.markdown(f"**{title}**")
    if versions.empty:
        st.caption(labels.FACT_HISTORY_NONE)
        return
    with st.container(key=key):
        st.dataframe(fact_history.table(versions, facts), hide_index=True, width="stretch")
