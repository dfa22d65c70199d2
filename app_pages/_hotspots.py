"""The 两不愁三保障 page's hot-spot section: pick a guarantee or a checklist item, see where
villages with it cluster (Gi*), explained in one paragraph, on a map and as a list."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages import _cache, _map, _params
from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.render.region_map import build_region_map
from paicha_geo.services import hotspot_service
from paicha_geo.services.data import Scope

MAP_KEY = "hotspot_map"


def _subject_name(subject: str, shorts) -> str:
    kind, key = subject.split(":", 1)
    if kind == "g":
        return labels.HOTSPOT_SUBJECT_G.format(name=labels.CHECK_NAMES[key])
    return labels.HOTSPOT_SUBJECT_I.format(code=key, short=shorts.get(key, ""))


def hotspot_section(version: str, scope: Scope, region_name: str, asof: dt.date,
                    check: str, root_level: str) -> None:
    """The section for the villages of `scope`, opening on the page's guarantee `check`."""
    snap = _cache.snapshot(version)
    shorts = snap.checklist.set_index("code")["short"].to_dict()
    choices = hotspot_service.subjects(snap)
    st.subheader(labels.HOTSPOT_TITLE)
    st.caption(labels.HOTSPOT_EXPLAIN.format(perm=hotspot_service.PERMUTATIONS))
    default = f"g:{check}" if f"g:{check}" in choices else choices[0]
    subject = _params.selectbox(st, labels.HOTSPOT_PICK, choices, key="hs",
                                format_func=lambda s: _subject_name(s, shorts),
                                index=choices.index(default))
    found = _cache.hot_spots(version, scope, asof, subject)
    if found.too_few or found.too_many:
        st.info(labels.HOTSPOT_TOO_FEW.format(n=found.villages,
                                              minimum=hotspot_service.MIN_VILLAGES)
                if found.too_few else
                labels.HOTSPOT_TOO_MANY.format(n=found.villages,
                                               maximum=hotspot_service.MAX_VILLAGES))
        return
    counts = found.counts
    st.markdown(labels.HOTSPOT_COUNTS.format(
        region=escape.markdown(region_name), n=len(found.table), hot99=counts["hot99"],
        hot95=counts["hot95"], cold=counts["cold95"] + counts["cold99"]))
    metrics = _cache.hotspot_map_metrics(version, scope, asof, subject)
    rmap = build_region_map(_cache.layers(version), "village", metrics.index, metrics,
                            "hotspot", root_level=root_level, show_labels=False)
    map_col, list_col = st.columns([3, 2])
    with map_col:
        _map.show(rmap, MAP_KEY, rmap.legend(labels.HOTSPOT_LEGEND.format(
            subject=_subject_name(subject, shorts))), height=480)
    significant = found.table[~found.table["class"].isin(["ns", "island"])]
    with list_col:
        if significant.empty:
            st.info(labels.HOTSPOT_NONE)
        else:
            shown = significant[list(labels.HOTSPOT_COLUMNS)].assign(
                **{"class": significant["class"].map(labels.HOTSPOT_CLASSES)})
            st.dataframe(shown.rename(columns=labels.HOTSPOT_COLUMNS), hide_index=True,
                         width="stretch", height=480, column_config={
                             labels.HOTSPOT_COLUMNS["value"]:
                                 st.column_config.NumberColumn(format="%.1f"),
                             labels.HOTSPOT_COLUMNS["z"]:
                                 st.column_config.NumberColumn(format="%.2f"),
                             labels.HOTSPOT_COLUMNS["p"]:
                                 st.column_config.NumberColumn(format="%.4f")})
