"""What a visitor sees when a page fails: a Chinese message, never a traceback or a path.

The details go to the server log (Python logging, logger "paicha_geo.app") under a short
reference the message repeats. Streamlit's own control flow (st.rerun, st.stop,
st.switch_page) raises ScriptControlException, a BaseException, so it passes untouched.
Development mode (PAICHA_DEV=1) shows the full details in the browser as well.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Iterator

import streamlit as st
from streamlit.errors import FragmentHandledException

from paicha_geo import labels
from paicha_geo.services.startup import StoreBusyError, dev_mode

log = logging.getLogger("paicha_geo.app")
if not log.handlers:  # the server's console is its log; Streamlit leaves the root logger bare
    _console = logging.StreamHandler()
    _console.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(_console)
    log.setLevel(logging.INFO)


def configure() -> None:
    """Error details in the browser only in development; .streamlit/config.toml says "none"
    too, this holds when the app is started from elsewhere."""
    wanted = "full" if dev_mode() else "none"
    if st.get_option("client.showErrorDetails") != wanted:
        st.set_option("client.showErrorDetails", wanted)


@contextlib.contextmanager
def friendly_errors() -> Iterator[None]:
    """Run a page (or a fragment) so that any failure ends in a Chinese message."""
    try:
        yield
    except FragmentHandledException:
        raise  # a fragment's error Streamlit has already shown
    except StoreBusyError as exc:
        # Not cached by st.cache_resource (it raised), so the next run tries again.
        log.warning("database busy: %s (%s)", labels.say(exc), exc.__cause__)  # DuckDB: holder
        st.error(labels.DB_BUSY_PAGE)
        st.button(labels.DB_BUSY_RETRY, key=f"db-busy-retry-{uuid.uuid4().hex}")
    except Exception:
        ref = uuid.uuid4().hex[:8]
        log.exception("unexpected error in a page, reference %s", ref)
        if dev_mode():
            raise
        st.error(labels.UNEXPECTED_ERROR.format(ref=ref))
