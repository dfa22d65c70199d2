"""The 三保障 page's household list (a township or a village): names and ID numbers masked
unless the installation allows them; selecting a household shows its issues."""

from __future__ import annotations

import streamlit as st

from app_pages import _cache, _params
from paicha_geo import labels
from paicha_geo.render import escape, guarantee_cards
from paicha_geo.services import startup
from paicha_geo.services.data import Scope


def household_list(version: str, scope: Scope | None, asof, check: str) -> None:
    """`scope` is the township or village listed; None above township level (a hint only)."""
    st.subheader(labels.HOUSEHOLD_LIST)
    if scope is None:
        st.caption(labels.HOUSEHOLD_PICK_TOWN)
        return
    personal = startup.may_see_personal_data()
    only_failing = _params.toggle(st, labels.HOUSEHOLD_ONLY_FAILING, key="gonly")
    people = _cache.household_list(version, scope, asof, personal,
                                   check if only_failing else None)
    st.caption(labels.HOUSEHOLD_LIST_PERSONAL if personal else labels.HOUSEHOLD_LIST_HINT)
    picked = st.dataframe(guarantee_cards.households(people), hide_index=True, width="stretch",
                          height=360, on_select="rerun", selection_mode="single-row",
                          key="households")
    if not (rows := (picked.selection.rows if picked else [])):
        return
    household = people.iloc[rows[0]]["household_id"]
    st.markdown(labels.HOUSEHOLD_ISSUES_OF.format(household=escape.markdown(household)))
    issues = _cache.household_issues(version, scope, household, asof)
    if issues.empty:
        st.caption(labels.HOUSEHOLD_NO_ISSUES)
    else:
        with st.container(key="household-issues"):
            st.table(guarantee_cards.household_issues(issues))
