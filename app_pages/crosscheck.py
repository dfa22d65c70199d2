"""数据比对: closures the households' and weak villages' own data contradict (销号存疑),
failures with no issue (漏报线索), and 举一反三 for one checklist item."""

import streamlit as st

from app_pages import _cache, _layout, _map, _nav, _params, _sidebar
from app_pages._crosscheck_lines import lines_section
from app_pages._same_problem import same_problem_section
from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.render.maps import LEGEND_CSS
from paicha_geo.render.region_map import build_region_map

MAP_KEY = "crosscheck_map"
version = _cache.version()
snap = _cache.snapshot(version)
asof = _sidebar.asof_input(snap.campaign)
kind = _params.radio(st.sidebar, labels.CROSS_MAP_KIND, list(labels.CROSS_KINDS), key="ck",
                     format_func=labels.CROSS_KINDS.get)
resolved = _nav.current_region(snap)
_nav.breadcrumb(resolved)
result = _cache.crosscheck_view(version, resolved.scope, asof)
view = result.view
_layout.page_header(f"{view.region['name']} · {labels.CROSS_TITLE}", view.is_demo,
                    snap.campaign, asof, css=LEGEND_CSS)
_layout.stop_if_nothing_below(view.is_empty)
st.caption(labels.CROSS_INTRO.format(asof=asof))

counts = result.counts.reset_index().rename(columns={"index": "check"})
counts["check"] = counts["check"].map(labels.CROSS_CHECKS)
map_col, count_col = st.columns([3, 2])
with count_col:
    st.dataframe(counts.rename(columns=labels.CROSS_COUNT_COLUMNS), hide_index=True,
                 width="stretch", key="crosscheck-counts")
    for key, help_text in labels.CROSS_KIND_HELP.items():
        st.caption(f"{labels.CROSS_KINDS[key]}：{escape.markdown(help_text)}")
metric = f"crosscheck_{kind}"
rmap = build_region_map(_cache.layers(version), view.child_level, view.children["code"],
                        result.map_metrics(kind), metric, root_level=resolved.trail[0][2],
                        selected=resolved.selected_village,
                        show_labels=view.child_level != "village")
with map_col:
    _map.show(rmap, MAP_KEY, rmap.legend(labels.CROSS_MAP_LEGEND.format(
        kind=labels.CROSS_KINDS[kind])), height=420, on_change=_nav.on_click(MAP_KEY, resolved))

for tab, key in zip(st.tabs([labels.CROSS_KINDS[k] for k in labels.CROSS_KINDS]),
                    labels.CROSS_KINDS, strict=True):
    with tab:
        lines_section(version, resolved.scope, asof, result, key)

st.divider()
same_problem_section(version, snap, resolved, asof)
