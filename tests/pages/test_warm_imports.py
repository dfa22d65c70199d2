"""The warm-up imports what pages need, in a thread without a script run: it must not import
a module that declares a Streamlit component (then never registered, so the map's iframe
would answer 404)."""

from __future__ import annotations

import subprocess
import sys


def test_the_warm_up_imports_no_component():
    code = ("import sys; from app_pages import _warmup; _warmup._import_pages(); "
            "print(sorted(m for m in sys.modules if m.startswith(('streamlit_folium', "
            "'app_pages.')) and m != 'app_pages._warmup'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=300)
    assert out.stdout.strip() == "[]"


def test_a_served_app_does_not_carry_what_only_rare_actions_need():
    """scikit-learn (import suggestions), the demo builder's scipy, matplotlib (map
    pictures) and GDAL (boundary uploads) load when used, not with the pages: ~110 MB of a
    server that never uses them."""
    code = ("import sys; from app_pages import _warmup; _warmup._import_pages(); "
            "import paicha_geo.services.startup, paicha_geo.services.gatekeeper, "
            "paicha_geo.services.crosscheck_service, paicha_geo.services.issue_grid; "
            "print(sorted(m for m in ('sklearn', 'scipy.stats', 'scipy.ndimage', "
            "'matplotlib', 'pyogrio') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=300)
    assert out.stdout.strip() == "[]"
