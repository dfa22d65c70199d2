"""After a status change the snapshot is patched (the changed issues and their new history
rows), not read again; anything else that changed makes it read everything again. Either
way it must equal a snapshot read from scratch, on both backends."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from paicha_geo.services import data
from paicha_geo.services.snapshot_refresh import refreshed_snapshot
from paicha_geo.store import ledger
from tests.ledger_helpers import copy_store


@pytest.fixture
def any_store(demo_db, tmp_path, backend):
    s = copy_store(demo_db, tmp_path, backend=backend)
    yield s
    s.close()


def _pending(store, n: int = 1) -> list[tuple[str, int]]:
    with store.reading() as cur:
        return cur.execute(
            "SELECT issue_code, version FROM issue WHERE status = 'pending' "
            "ORDER BY issue_code LIMIT ?", [n]).fetchall()


def _start(store, code: str, version: int) -> None:
    ledger.change_status(store, code, "rectifying", actor="测试", expected_version=version,
                         say=lambda message: "")


def _same_as_fresh(snap: data.Snapshot, store) -> None:
    fresh = data.load_snapshot(store)
    assert_frame_equal(snap.issues, fresh.issues)
    assert_frame_equal(snap.history, fresh.history)
    assert snap.basis == fresh.basis


def test_a_status_change_patches_the_issues_and_history_and_keeps_the_rest(any_store):
    before = data.load_snapshot(any_store)
    (first, v1), (second, v2) = _pending(any_store, 2)
    _start(any_store, first, v1)
    _start(any_store, second, v2)

    after = refreshed_snapshot(any_store, before)

    assert after.households is before.households  # not read again
    assert after.villages is before.villages
    status = after.issues.set_index("issue_code")["status"]
    assert status[first] == "rectifying" and status[second] == "rectifying"
    assert before.issues.set_index("issue_code")["status"][first] == "pending"
    assert len(after.history) == len(before.history) + 2
    _same_as_fresh(after, any_store)


def test_the_progress_steps_are_carried_over_and_equal_those_made_from_scratch(any_store):
    """The 整改进度 series come from per-issue steps made once per data version: after a
    status change only the changed issues' are made again, and the sums per region move by
    their difference."""
    before = data.load_snapshot(any_store)
    _, old_per_region = before.progress_steps()
    (first, v1), (second, v2) = _pending(any_store, 2)
    _start(any_store, first, v1)
    _start(any_store, second, v2)
    ledger.change_status(any_store, first, "rectified", actor="测试", expected_version=v1 + 1,
                         measures="已完成改造", say=lambda message: "")  # now counts as rectified

    after = refreshed_snapshot(any_store, before)

    assert after._steps is not None  # carried, not left to be made from scratch
    steps, per_region = after.progress_steps()
    fresh_steps, fresh_per_region = data.load_snapshot(any_store).progress_steps()
    order = ["row", "measure", "day", "delta"]
    assert_frame_equal(steps.sort_values(order, ignore_index=True),
                       fresh_steps.sort_values(order, ignore_index=True))
    assert_frame_equal(per_region, fresh_per_region)
    assert not per_region.equals(old_per_region)  # the change is in the sums


def test_the_status_as_of_today_counts_the_change(any_store):
    before = data.load_snapshot(any_store)
    code, version = _pending(any_store)[0]
    today = pd.Timestamp.now().date()
    assert before.issues_asof(today).set_index("issue_code")["status_asof"][code] == "pending"
    _start(any_store, code, version)

    after = refreshed_snapshot(any_store, before)

    assert after.issues_asof(today).set_index("issue_code")["status_asof"][code] == "rectifying"


def test_nothing_changed_gives_the_same_snapshot(any_store):
    before = data.load_snapshot(any_store)
    assert refreshed_snapshot(any_store, before) is before


def test_a_changed_village_reads_everything_again(any_store):
    before = data.load_snapshot(any_store)
    code, version = _pending(any_store)[0]
    _start(any_store, code, version)
    with any_store.transaction() as cur:
        cur.execute("INSERT INTO visit (visit_id, region_code, visit_date, visitors, kind) "
                    "SELECT max(visit_id) + 1, min(region_code), DATE '2020-05-01', '测试', "
                    "'走访' FROM visit")

    after = refreshed_snapshot(any_store, before)

    assert after.households is not before.households
    assert len(after.visits) == len(before.visits) + 1
    _same_as_fresh(after, any_store)


def test_an_issue_changed_without_history_reads_everything_again(any_store):
    """A change the ledger did not write (no history row) cannot be patched from history."""
    before = data.load_snapshot(any_store)
    code, version = _pending(any_store)[0]
    _start(any_store, code, version)
    other = _pending(any_store)[0][0]
    with any_store.transaction() as cur:
        cur.execute("UPDATE issue SET version = version + 1, responsible_unit = '改过的单位' "
                    "WHERE issue_code = ?", [other])

    after = refreshed_snapshot(any_store, before)

    assert after.households is not before.households
    assert after.issues.set_index("issue_code")["responsible_unit"][other] == "改过的单位"
    _same_as_fresh(after, any_store)


def test_a_snapshot_built_by_hand_is_read_again(any_store):
    before = data.load_snapshot(any_store)
    by_hand = data.Snapshot(**{**before.__dict__, "basis": None,
                               "_asof_cache": {}, "_facts_cache": {}})
    assert refreshed_snapshot(any_store, by_hand).households is not before.households
