"""Warm the shared caches when the server starts, so the first visitor does not pay for them.

A cold start read the snapshot, simplified every outline and computed the city's first
views on the first request (4-5 s for a city, 11-16 s for a province). `start()` (serve.py)
does that in a background thread instead; a page opened meanwhile says so and waits on the
same cache entries rather than computing them twice.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from streamlit.runtime import Runtime

from paicha_geo import labels
from paicha_geo.services import clock, memory, startup
from paicha_geo.services.compare_service import DEFAULT_RANK_BY
from paicha_geo.services.data import EVERYTHING, IssueFilters, resolve_region
from paicha_geo.services.inspect_service import PLANNING_LEVELS
from paicha_geo.services.issue_grid import GridQuery

log = logging.getLogger("paicha_geo.app")
_done = threading.Event()
TIDY_SECONDS = 30  # how often freed memory is collected and returned (memory.tidy_every)
_started = threading.Event()


def start() -> None:
    """Begin warming (once per server process)."""
    if _started.is_set():
        return
    _started.set()
    memory.set_up_allocators()  # before the snapshot is read and the sessions' threads start
    threading.Thread(target=_warm, name="paicha-warmup", daemon=True).start()


def warming() -> bool:
    """True while the server is still preparing its first figures."""
    return _started.is_set() and not _done.is_set()


# Modules the pages import on their first visit (the import and report code, docx, plotly):
# 1-1.5 s of a first visit otherwise. Never a page module or one declaring a Streamlit
# component (streamlit_folium): declared outside a script run, a component is not
# registered, and its iframe answers 404 for good. (What only rare actions need, such as
# scikit-learn or matplotlib, is imported when used: tests/pages/test_warm_imports.py.)
WARM_IMPORTS = ("paicha_geo.services.ledger_service", "paicha_geo.services.dept_service",
                "paicha_geo.services.bulletin_service", "paicha_geo.render.report",
                "paicha_geo.render.region_map", "paicha_geo.render.map_overlays",
                "plotly.graph_objects")


def _import_pages() -> None:
    import importlib

    for name in WARM_IMPORTS:
        importlib.import_module(name)


def warm_steps(version: str, snap) -> list[tuple[str, Callable[[], object]]]:
    """(name, computation) of each figure the warm-up fills, in order, after the snapshot and
    the outlines: the keys the pages ask with (the day they open on; the top region of a
    city- or province-wide account; the wall: that account's whole scope).
    bench/memory_bench.py measures what each one keeps."""
    from app_pages import _cache
    from app_pages._crosscheck_lines import SHOWN
    from app_pages._sidebar import COVERAGE_DAYS

    today = clock.default_asof(snap.campaign.start_date, snap.campaign.deadline,
                               clock.today(_cache.store()))
    top = resolve_region(snap.regions, None).scope
    first_check = f"g:{next(iter(labels.CHECK_NAMES))}"

    def hot_spots():  # 两不愁三保障 opens its hot spots on the first check (3.4 s for a city)
        found = _cache.hot_spots(version, top, today, first_check)
        if not (found.too_few or found.too_many):
            _cache.hotspot_map_metrics(version, top, today, first_check)

    def inspect_values():  # 督查选点 (a province asks for a city first)
        if snap.region(top)["level"] in PLANNING_LEVELS:
            _cache.inspect_map_values(version, top, today, COVERAGE_DAYS)

    return [
        ("region view", lambda: _cache.region_view(version, top, today, IssueFilters())),
        ("village table", lambda: _cache.village_table(version, top, today, IssueFilters())),
        ("guarantees", lambda: _cache.guarantee_view(version, top, today)),
        ("progress", lambda: _cache.progress_view(version, top, today, IssueFilters())),
        ("comparison", lambda: _cache.comparison_view(version, top, today, IssueFilters(),
                                                      DEFAULT_RANK_BY)),
        ("wall", lambda: _cache.screen_view(version, EVERYTHING, today)),
        *((f"cross-check {kind}",  # the page's tabs
           lambda kind=kind: _cache.crosscheck_lines(version, top, today, kind, None, SHOWN))
          for kind in labels.CROSS_KINDS),
        ("ledger grid", lambda: _cache.grid_frame(version, top, today)),
        # the ledger's rows as it opens: no search, no filter, first order
        ("ledger order", lambda: _cache.grid_order(version, top, today, GridQuery(
            sort=next(iter(labels.GRID_SORTS))))),
        ("page imports", _import_pages),
        ("hot spots", hot_spots),
        ("inspection map", inspect_values),
    ]


def _warm() -> None:
    try:
        for _ in range(600):  # the caches need Streamlit's runtime, created after serve.py
            if Runtime.exists():
                break
            time.sleep(0.1)
        # Imported here, once the runtime exists, so the caches are created in it.
        from app_pages import _cache, _errors  # noqa: F401 - _errors gives the log its console
        if not startup.database_path().exists():
            return  # the first visit builds the demo and says so
        began = time.perf_counter()
        version = _cache.version()
        snap = _cache.snapshot(version)
        _cache.layers(version)
        for _name, step in warm_steps(version, snap):
            step()
        memory.release_freed()
        log.info("caches warmed in %.1f s", time.perf_counter() - began)
    except Exception:  # a page computes what is missing and shows any error itself
        log.exception("warming the caches failed")
    finally:
        _done.set()
        threading.Thread(target=memory.tidy_every, args=(TIDY_SECONDS,), name="paicha-tidy",
                         daemon=True).start()
