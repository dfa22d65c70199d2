"""举一反三 on the 数据比对 page: pick an item (URL key `like`, which the issue card's link
sets), see the ranked villages with their reasons and on a map, take the shortlist, or open
the inspection page with those villages chosen."""

from __future__ import annotations

import streamlit as st

from app_pages import _cache, _downloads, _map, _nav, _params, _sidebar
from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.render.region_map import build_region_map
from paicha_geo.services import similar_service

MAP_KEY = "same_problem_map"
PICK_MAX = 30  # villages handed to the inspection page in its URL


def same_problem_section(version: str, snap, resolved, asof) -> None:
    st.subheader(labels.SAME_TITLE)
    st.caption(labels.SAME_INTRO.format(days=similar_service.RECENT_DAYS))
    shorts = snap.checklist.set_index("code")["short"]
    codes = list(shorts.index)
    given = st.query_params.get("like")  # an item code (the issue card's link sets it)
    item = st.selectbox(labels.SAME_PICK_ITEM, codes, key="like-pick",
                        index=codes.index(given) if given in codes else None,
                        format_func=lambda c: f"{c} {shorts[c]}",
                        placeholder=labels.CHOOSE_ONE)
    if given and given not in codes:
        st.warning(labels.SAME_UNKNOWN_ITEM.format(code=escape.code(given, _params.RAW_SHOWN)))
    if item is None:
        return
    st.query_params["like"] = item
    result = _cache.same_problem(version, resolved.scope, asof, item)
    villages = result.villages
    if villages.empty:
        st.info(labels.SAME_NONE)
        return
    per = villages["category"].value_counts()
    st.markdown(labels.SAME_COUNTS.format(**{c: int(per.get(c, 0)) for c in
                                             labels.SAME_CATEGORIES}))
    view = result.view
    rmap = build_region_map(_cache.layers(version), view.child_level, view.children["code"],
                            result.map_metrics(), "same_problem_villages",
                            root_level=resolved.trail[0][2],
                            show_labels=view.child_level != "village")
    _map.show(rmap, MAP_KEY, rmap.legend(labels.SAME_MAP_LEGEND), height=420,
              on_change=_nav.on_click(MAP_KEY, resolved))
    shown = villages[["rank", "place", "category_name", "reason"]]
    names = labels.SAME_COLUMNS
    st.dataframe(shown.rename(columns=names), hide_index=True, width="stretch",
                 height=420, key="same-problem-table", column_config={
                     names["rank"]: st.column_config.Column(width="small"),
                     names["place"]: st.column_config.Column(width="medium"),
                     names["category_name"]: st.column_config.Column(width="small"),
                     names["reason"]: st.column_config.Column(width="large")})
    name = view.region["name"]
    with st.container(horizontal=True):
        _downloads.button(labels.SAME_DOWNLOAD,
                          lambda: similar_service.shortlist_xlsx(snap, result, asof),
                          labels.SAME_FILE.format(region=name, item=item, asof=asof),
                          key="same-problem-xlsx")
        st.page_link("app_pages/inspect.py", label=labels.SAME_TO_INSPECT, query_params={
            "region": view.region["code"], _sidebar.CARRIED_DAY: str(asof),
            "pick": list(villages["code"].head(PICK_MAX))})
