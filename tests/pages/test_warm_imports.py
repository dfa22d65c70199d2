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
