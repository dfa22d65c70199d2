"""The map's simplified outlines are computed once per set of boundaries: a status change
(a new data version) reuses them; a renamed region gets new ones."""

from __future__ import annotations

from paicha_geo.services import map_service
from paicha_geo.store import Store


def _open_issue(store: Store) -> tuple[str, int]:
    return store.cursor().execute(
        "SELECT issue_code, version FROM issue WHERE status = 'pending' ORDER BY issue_code "
        "LIMIT 1").fetchone()


def _start_rectifying(store: Store) -> None:
    from paicha_geo.store import ledger

    code, version = _open_issue(store)
    ledger.change_status(store, code, "rectifying", actor="测试", expected_version=version,
                         say=lambda message: "")


def test_outlines_are_simplified_once_while_only_issues_change(store):
    first = map_service.map_layers(store)
    _start_rectifying(store)
    assert map_service.map_layers(store) is first


def test_renaming_a_region_gives_new_outlines_with_the_new_name(store):
    first = map_service.map_layers(store)
    code = first["district"]["code"].iloc[0]
    store.cursor().execute("UPDATE region SET name = '改名区' WHERE code = ?", [code])
    renamed = map_service.map_layers(store)
    assert renamed is not first
    assert renamed["district"].set_index("code").loc[code, "name"] == "改名区"
