"""排查地图 entry point: page setup, first-start demo database, navigation.

The pages live in app_pages/, not pages/: with a pages/ folder Streamlit's legacy multipage
mode runs pages/*.py directly on a cold deep link (e.g. /compare), skipping this file.
"""

import time

import streamlit as st

from app_pages import _auth, _cache, _errors, _params, _timing, _warmup
from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.services import startup

# No Material icons anywhere: Streamlit fetches them from a font CDN, and we stay offline.
# URL keys every page shares, carried along when moving between pages.
SHARED_KEYS = ("region", "asof", "grp", "part", "item", "src", "status", "unit", "sev", "from",
               "to")

began = time.perf_counter()
st.set_page_config(page_title=labels.APP_TITLE, page_icon="🗺️", layout="wide")
_errors.configure()

pages = [
    st.Page("app_pages/map.py", title=labels.NAV_MAP, default=True, url_path="map"),
    st.Page("app_pages/guarantees.py", title=labels.NAV_GUARANTEES, url_path="guarantees"),
    st.Page("app_pages/crosscheck.py", title=labels.NAV_CROSSCHECK, url_path="crosscheck"),
    st.Page("app_pages/progress.py", title=labels.NAV_PROGRESS, url_path="progress"),
    st.Page("app_pages/compare.py", title=labels.NAV_COMPARE, url_path="compare"),
    st.Page("app_pages/inspect.py", title=labels.NAV_INSPECT, url_path="inspect"),
    st.Page("app_pages/ledger.py", title=labels.NAV_LEDGER, url_path="ledger"),
]
screen = st.Page("app_pages/screen.py", title=labels.NAV_SCREEN, url_path="screen")
on_screen = st.query_params.get("screen") == "1"  # ?screen=1: the large screen, any address
me = None
with _errors.friendly_errors():  # signed in (else the page stops with the way back)
    startup.prepare_static_files()
    _cache.ensure_database()
    me = _auth.viewer()
    _auth.change_password_form()
if me is None:  # the database could not be used: the message is on the page
    st.stop()
extra = [st.Page("app_pages/audit.py", title=labels.NAV_AUDIT, url_path="audit")] * me.may(
    "audit") + [st.Page("app_pages/accounts.py", title=labels.NAV_ACCOUNTS,
                        url_path="accounts")] * me.may("admin")
pages += extra
navigation = st.navigation([screen] if on_screen else [*pages, screen], position="hidden")
# Every value of a key (?grp=a&grp=b), not only the last one.
carried = {k: st.query_params.get_all(k) for k in SHARED_KEYS if k in st.query_params}
if navigation.url_path != "screen":
    with st.sidebar:
        for page in pages:
            st.page_link(page, query_params=carried)
        st.page_link(screen, query_params={k: v for k, v in carried.items() if k == "asof"})
        st.divider()
        _auth.signed_in_box(_cache.region_names(_cache.version()))
    if st.query_params.get("screen") not in (None, "", "1"):
        st.warning(labels.SCREEN_MODE_ONLY_1.format(
            raw=escape.code(st.query_params.get("screen"), _params.RAW_SHOWN)))
# Always one slot, so the page's elements keep their places (and its open tab) once the
# warm-up ends and the notice goes; none on the wall, whose layout fills the screen exactly.
if not on_screen and navigation.url_path != "screen":
    warming_notice = st.empty()
    if _warmup.warming():
        warming_notice.caption(labels.WARMING_UP)
try:
    with _errors.friendly_errors():  # a Chinese message instead of a traceback, details logged
        navigation.run()
finally:
    _timing.record(navigation.url_path, began)
