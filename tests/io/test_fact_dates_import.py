"""Issue 17.6 through the import: a 核实日期 column dates the new values, the earlier value
stays with its date, and the 三保障 figures as of a day before the update still use it."""

from __future__ import annotations

import datetime as dt

import pytest

from paicha_geo import labels
from paicha_geo.domain import rules
from paicha_geo.services import ledger_service as ls
from paicha_geo.services.data import EVERYTHING, load_snapshot
from paicha_geo.store import facts as store_facts
from paicha_geo.store import queries as q
from tests.ledger_helpers import copy_store, csv_bytes, village_path

HEADER = ["户编号", "区县", "乡镇", "村", "家庭人口", "是否脱贫", "人均纯收入（元）"]
DEMO_TODAY = dt.date(2020, 7, 15)  # the demo's clock: the import's day


@pytest.fixture
def store(demo_db, tmp_path, backend):
    s = copy_store(demo_db, tmp_path, backend=backend)
    yield s
    s.close()


def _exited_household(store, code):
    homes = q.households(store, code)
    return homes[(homes["exit_status"] == "exited") & homes["per_capita_income"].notna()
                 & (homes["per_capita_income"] >= 7000)].iloc[0]


def _import(store, rows, kind="households"):
    preview = ls.preview_import(store, kind, "h.csv", csv_bytes(rows), scope=EVERYTHING)
    assert preview.ok, [p.describe() for p in preview.problems]
    ls.commit_import(store, preview, scope=EVERYTHING)
    return preview


def _income_on(store, household_id, day):
    homes = load_snapshot(store).households_asof(day).set_index("household_id")
    return homes.loc[household_id, "per_capita_income"]


def test_an_update_with_a_verified_date_keeps_the_earlier_value_and_its_date(store):
    district, town, village, code = village_path(store)
    home = _exited_household(store, code)
    hid, old = home["household_id"], home["per_capita_income"]
    before = store_facts.history(store, "household", key_value=hid)
    assert len(before) == 1
    first_day = before.iloc[0]["verified_on"].date()
    assert first_day <= dt.date(2020, 4, 30)  # the demo's screening

    _import(store, [[*HEADER, "核实日期"],
                    [hid, district, town, village, int(home["members"]), "已脱贫", 6500,
                     "2020-06-01"]])

    versions = store_facts.history(store, "household", key_value=hid)
    assert list(versions["per_capita_income"]) == [old, 6500]
    assert [d.date() for d in versions["verified_on"]] == [first_day, dt.date(2020, 6, 1)]
    assert q.households(store, code).set_index("household_id").loc[hid,
                                                                  "per_capita_income"] == 6500
    # A version verified on D counts on D, not on D-1.
    assert _income_on(store, hid, dt.date(2020, 5, 31)) == old
    assert _income_on(store, hid, dt.date(2020, 6, 1)) == 6500
    # ... and the income check follows it: passing before the update, failing from it on.
    snap = load_snapshot(store)
    for day, outcome in ((dt.date(2020, 5, 31), "pass"), (dt.date(2020, 6, 1), "fail")):
        homes = snap.households_asof(day)
        got = rules.household_outcomes(homes[homes["household_id"] == hid], snap.campaign)
        assert got.iloc[0]["income"] == outcome, day


def test_without_a_verified_date_the_import_day_is_used_and_the_preview_says_so(store):
    district, town, village, code = village_path(store)
    home = _exited_household(store, code)
    rows = [HEADER, [home["household_id"], district, town, village, int(home["members"]),
                     "已脱贫", 8123]]
    preview = ls.preview_import(store, "households", "h.csv", csv_bytes(rows),
                                scope=EVERYTHING)
    assert any("1 行未填核实日期，按导入当日 2020-07-15 计" in n for n in preview.notices)
    assert any("1 行的数值有变化" in n and "原有数值连同其核实日期保留" in n
               for n in preview.notices)
    ls.commit_import(store, preview, scope=EVERYTHING)
    versions = store_facts.history(store, "household", key_value=home["household_id"])
    assert versions.iloc[-1]["verified_on"].date() == DEMO_TODAY
    assert versions.iloc[-1]["per_capita_income"] == 8123
    # Re-importing the same values adds no version (nothing changed).
    again = ls.preview_import(store, "households", "h.csv", csv_bytes(rows), scope=EVERYTHING)
    assert again.counts["unchanged"] == 1 and again.fact_versions.empty


def test_a_new_household_is_unknown_until_its_verified_date(store):
    district, town, village, code = village_path(store)
    _import(store, [[*HEADER, "全员参保", "核实日期"],
                    ["NEW-1", district, town, village, 2, "已脱贫", 9000, "是", "2020年6月10日"]])
    snap = load_snapshot(store)
    for day, income, medical in ((dt.date(2020, 6, 9), "unknown", "unknown"),
                                 (dt.date(2020, 6, 10), "pass", "pass")):
        homes = snap.households_asof(day)
        got = rules.household_outcomes(homes[homes["household_id"] == "NEW-1"],
                                       snap.campaign).iloc[0]
        assert (got["income"], got["medical"]) == (income, medical), day


@pytest.mark.parametrize(("day", "says"), [
    ("2020-07-16", "核实日期 2020-07-16 晚于今天（2020-07-15）"),
    ("2020-01-02", "核实日期 2020-01-02 早于系统中已有的核实日期"),
])
def test_a_verified_date_after_today_or_before_the_newest_on_record_is_a_row_error(
        store, day, says):
    district, town, village, code = village_path(store)
    home = _exited_household(store, code)
    rows = [[*HEADER, "核实日期"], [home["household_id"], district, town, village,
                                    int(home["members"]), "已脱贫", 9100, day]]
    preview = ls.preview_import(store, "households", "h.csv", csv_bytes(rows),
                                scope=EVERYTHING)
    assert not preview.ok
    assert any(says in p.describe() and "核实日期" in p.describe() for p in preview.problems)


def test_a_village_income_update_is_dated_and_the_weak_check_follows_it(store):
    weak = q.villages(store)
    weak = weak[(weak["weak_type"] == "province")
                & (weak["collective_operating_income"] >= 180_000)].iloc[0]
    code = weak["code"]
    _import(store, [["区划代码", "集体经营性收入(元)", "核实日期"], [code, 150_000, "2020-06-20"]],
            kind="villages")
    versions = store_facts.history(store, "village", key_value=code)
    assert list(versions["collective_operating_income"]) == [
        weak["collective_operating_income"], 150_000]
    snap = load_snapshot(store)
    for day, fails in ((dt.date(2020, 6, 19), False), (dt.date(2020, 6, 20), True)):
        villages = snap.villages_asof(day)
        got = rules.village_income_standard(villages[villages["code"] == code], snap.campaign)
        assert bool(got.iloc[0]["fails"]) is fails, day
    assert versions.iloc[-1]["recorded_by"] == labels.IMPORT_ACTOR  # who recorded it
