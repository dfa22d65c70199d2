"""What a rerun costs before it draws: the data version is not re-queried on every click, yet
a user's own change shows at once; the map's simplified outlines survive a status change."""

from __future__ import annotations

from paicha_geo.services import data, map_service
from paicha_geo.store import Store


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _open_issue(store: Store) -> tuple[str, int]:
    return store.cursor().execute(
        "SELECT issue_code, version FROM issue WHERE status = 'pending' ORDER BY issue_code "
        "LIMIT 1").fetchone()


def _start_rectifying(store: Store) -> None:
    from paicha_geo.store import ledger

    code, version = _open_issue(store)
    ledger.change_status(store, code, "rectifying", actor="测试", expected_version=version,
                         say=lambda message: "")


def _count_queries(monkeypatch) -> list[int]:
    calls = [0]
    real = data.data_version

    def counting(store):
        calls[0] += 1
        return real(store)
    monkeypatch.setattr(data, "data_version", counting)
    return calls


def test_reruns_within_the_recheck_time_do_not_query_again(store, monkeypatch):
    calls = _count_queries(monkeypatch)
    clock = FakeClock()
    watch = data.VersionWatch(recheck=2.0, clock=clock)
    first = watch.current(store)
    clock.now += 1.9
    assert watch.current(store) == first
    assert calls[0] == 1


def test_a_write_in_this_process_shows_on_the_next_rerun(store, monkeypatch):
    clock = FakeClock()
    watch = data.VersionWatch(recheck=60.0, clock=clock)
    before = watch.current(store)
    other = Store(store.path)  # another Store object on the same file, as a service opens
    try:
        _start_rectifying(other)
    finally:
        other.close()
    assert watch.current(store) != before  # no time has passed


def test_a_change_the_process_did_not_make_shows_after_the_recheck_time(store):
    clock = FakeClock()
    watch = data.VersionWatch(recheck=2.0, clock=clock)
    before = watch.current(store)
    code, _ = _open_issue(store)
    # As another process would: straight into the file, bypassing this process's counter.
    store._con.execute("UPDATE issue SET version = version + 1 WHERE issue_code = ?", [code])
    assert watch.current(store) == before
    clock.now += 2.0
    assert watch.current(store) != before


def test_outlines_are_simplified_once_while_only_issues_change(store):
    first = map_service.map_layers(store)
    _start_rectifying(store)
    assert map_service.map_layers(store) is first


def test_renaming_a_region_gives_new_outlines_with_the_new_name(store):
    first = map_service.map_layers(store)
    code = first["district"]["code"].iloc[0]
    store._con.execute("UPDATE region SET name = '改名区' WHERE code = ?", [code])
    renamed = map_service.map_layers(store)
    assert renamed is not first
    assert renamed["district"].set_index("code").loc[code, "name"] == "改名区"
