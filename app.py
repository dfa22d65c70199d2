"""排查地图 entry point: page setup, first-start demo database, navigation."""

import streamlit as st

from pages._shared import ensure_database
from paicha_geo import labels
from paicha_geo.render.assets import ensure_static_assets

st.set_page_config(page_title=labels.APP_TITLE, page_icon="🗺️", layout="wide")
ensure_static_assets()
ensure_database()

navigation = st.navigation(
    [st.Page("pages/map.py", title=labels.NAV_MAP, icon="🗺️", default=True, url_path="map")]
)
navigation.run()
