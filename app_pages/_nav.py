"""Region navigation shared by the pages: the region in the URL, the breadcrumb, map clicks."""

from __future__ import annotations

import streamlit as st

from app_pages import _auth, _cache, _params
from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.services import data, session_service


def viewer_scope() -> data.Scope:
    """The part of the data the signed-in account may see (its region, or everything)."""
    return _auth.viewer().scope


def current_region(snap: data.Snapshot) -> data.Resolved:
    """The region in the URL (`region`); an unknown, malformed or out-of-scope code shows the
    top of the viewer's scope, and says so, repeating what was typed as a code span."""
    raw = st.query_params.get("region")
    resolved = data.resolve_region(snap.regions, raw, viewer_scope())
    if resolved.unknown is not None:
        st.warning(labels.UNKNOWN_REGION.format(code=escape.code(raw, _params.RAW_SHOWN)))
    elif resolved.outside:  # nothing of it: not even its name; the attempt is audited
        session_service.record(_cache.store(), _auth.viewer(), "out_of_scope", raw[:40],
                               "region")
        st.error(labels.OUTSIDE_SCOPE.format(code=escape.code(raw, _params.RAW_SHOWN)))
        st.button(labels.BACK_TO_MY_SCOPE, key="back-to-scope", type="primary",
                  on_click=lambda: st.query_params.pop("region", None))
        st.stop()
    return resolved


def go_to(code: str | None, root: str) -> None:
    """Navigate by changing the URL; Streamlit pushes a history entry, so Back works."""
    if code is None or code == root:
        st.query_params.pop("region", None)
    else:
        st.query_params["region"] = code


def breadcrumb(resolved: data.Resolved) -> None:
    """市 › 区 › 镇 › 村: every crumb but the current one goes back up (only as far up as the
    viewer's region: a district official's trail starts at his district)."""
    scope = viewer_scope()
    trail = [crumb for crumb in resolved.trail if scope.covers(crumb[0])] or resolved.trail
    root = resolved.trail[0][0]
    with st.container(horizontal=True, key="breadcrumb"):
        for i, (code, name, _level) in enumerate(trail):
            if i:
                st.markdown("›")
            st.button(escape.markdown(name), key=f"crumb-{code}", on_click=go_to,
                      args=(code, root), disabled=i == len(trail) - 1, type="tertiary")


def clicked_code(state: dict | None) -> str | None:
    """The region code of the feature the last map click hit (st_folium's returned state)."""
    drawing = (state or {}).get("last_active_drawing") or {}
    return (drawing.get("properties") or {}).get("code")


def on_click(map_key: str, resolved: data.Resolved):
    """A map's on_change callback: a click on a region opens it."""
    def follow() -> None:
        code = clicked_code(st.session_state.get(map_key))
        if code:
            go_to(code, resolved.trail[0][0])
    return follow


def child_picker(snap: data.Snapshot, resolved: data.Resolved, levels: tuple[str, ...],
                 prompt: str) -> None:
    """On a page that works inside one of `levels`, a way there from above (no dead end)."""
    if resolved.region["level"] in levels:
        return
    st.info(prompt)
    child_buttons(snap, resolved)
    st.stop()


def child_buttons(snap: data.Snapshot, resolved: data.Resolved) -> None:
    """The regions one level down from the one on screen, as buttons that open them."""
    children = snap.regions[snap.regions["parent_code"] == resolved.region["code"]]
    if children.empty:
        return
    level = labels.LEVELS.get(children["level"].iloc[0], "")
    names = dict(zip(children["code"], children["name"], strict=True))
    st.caption(labels.REGION_PICK.format(level=level))
    with st.container(horizontal=True, key="child-picker"):
        for code, name in names.items():
            st.button(escape.markdown(name), key=f"pick-{code}", on_click=go_to,
                      args=(code, resolved.trail[0][0]))
