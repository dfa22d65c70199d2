"""The page frame every page shares: its stylesheet, the title with the 演示数据 badge, and the
line with the campaign, the as-of day and the deadline."""

from __future__ import annotations

import streamlit as st

from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.render.uploader import uploader_css
from paicha_geo.services import startup

PAGE_CSS = """
<style>
.paicha-demo{display:inline-block;background:#b8860b;color:#fff;font-weight:700;
  padding:2px 10px;border-radius:4px;font-size:0.9rem;letter-spacing:.1em}
.paicha-asof{color:#555;font-size:0.95rem}
div[data-testid="stMetricValue"]{font-size:1.9rem}
/* A table's own CSV button would bypass the audited export (_downloads): hide it. Streamlit
   has no switch for it (streamlit#8402); copying cells still works, and tables hold only what
   the role may see, masked. */
div[data-testid="stElementToolbarButton"]:has(button[aria-label="Download as CSV"]){display:none}
</style>
"""


def stop_if_nothing_below(is_empty: bool) -> None:
    """A region with no sub-regions has no map or breakdown to show: say so, not a blank."""
    if is_empty:
        st.info(labels.NOTHING_BELOW)
        st.stop()


def demo_badge(is_demo: bool) -> None:
    if is_demo:
        st.markdown(
            f'<span class="paicha-demo" title="{labels.DEMO_NOTE}">{labels.DEMO_BADGE}</span>',
            unsafe_allow_html=True,
        )


def page_header(title: str, is_demo: bool, campaign=None, asof=None, extra: str | None = None,
                filters=None, css: str = "") -> None:
    """The stylesheet; the title with the 演示数据 badge; the campaign, as-of day and deadline
    (or `extra`) under it; a note when issue filters are active."""
    uploaders = uploader_css(startup.settings().limits.upload_max_mb)
    st.markdown(f"{PAGE_CSS}<style>{uploaders}</style>{css}", unsafe_allow_html=True)
    head, badge = st.columns([6, 1])
    head.title(escape.markdown(title))
    with badge:
        demo_badge(is_demo)
    if campaign is not None and asof is not None:
        tail = extra or f"{labels.DEADLINE} {campaign.deadline:%Y-%m-%d}"
        st.markdown(f'<div class="paicha-asof">{escape.text(campaign.name)} · {labels.AS_OF} '
                    f"{asof:%Y-%m-%d} · {escape.text(tail)}</div>", unsafe_allow_html=True)
    if filters is not None and not filters.is_empty():
        st.info(labels.FILTER_ACTIVE)
