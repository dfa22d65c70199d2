"""No service reads the ledger without a scope: every public function of the services that
takes the database or the snapshot also takes, without a default, the reader's `scope` or the
signed-in `viewer` (issue 13). The few that do not are listed here, each with the reason."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import paicha_geo.services as services

# module -> functions (or "*": the whole module) that read without a scope, and why.
UNSCOPED = {
    "account_service": "*",  # accounts themselves; changes need an admin actor
    "account_admin": "*",  # the 账号管理 page's tables (admin power, checked by the page)
    "session_service": "*",  # signing in: there is no viewer yet
    "clock": "*",  # the data's today (a meta value), no ledger rows
    "data": {"data_version", "load_snapshot",  # a hash; the cache every scoped view slices
             # the snapshot's facts on a day (sliced by scoped views, like the snapshot), and
             # rows already read in the viewer's scope given the facts of that day:
             "facts_asof", "people_asof"},
    "snapshot_refresh": "*",  # the next snapshot from the last one, as load_snapshot
    "map_service": {"map_layers"},  # boundaries only, no ledger figures
    "issue_service": {"actor_names"},  # who acted, for the history shown in scope
    "ledger_service": {"backup_now", "commit_boundaries", "preview_boundaries"},  # admin only
    # Words for results already read in the viewer's scope (their store reads are names of
    # the households and items in those results):
    "crosscheck_service": {"shown_lines"},
    "dept_service": {"leads_table", "preview_tables"},
    "similar_service": {"shortlist_xlsx"},
    "hotspot_service": {"subjects"},  # the checklist's items, no ledger rows
}


def unscoped_readers() -> list[str]:
    found = []
    for module in pkgutil.iter_modules(services.__path__):
        mod = importlib.import_module(f"paicha_geo.services.{module.name}")
        allowed = UNSCOPED.get(module.name, set())
        for name, fn in inspect.getmembers(mod, inspect.isfunction):
            if fn.__module__ != mod.__name__ or name.startswith("_"):
                continue
            params = inspect.signature(fn).parameters
            if not {"snap", "store"} & set(params):
                continue
            scoped = any(p in params and params[p].default is inspect.Parameter.empty
                         for p in ("scope", "viewer"))
            if not scoped and allowed != "*" and name not in allowed:
                found.append(f"{module.name}.{name}")
    return found


def test_every_service_read_takes_the_readers_scope():
    assert unscoped_readers() == []


def test_the_check_catches_a_reader_with_a_default_scope(monkeypatch):
    from paicha_geo.services import map_service
    from paicha_geo.services.data import EVERYTHING

    def region_view(snap, scope=EVERYTHING, asof=None):  # everything unless told otherwise
        return snap

    region_view.__module__ = map_service.__name__
    monkeypatch.setattr(map_service, "region_view", region_view)
    assert unscoped_readers() == ["map_service.region_view"]
