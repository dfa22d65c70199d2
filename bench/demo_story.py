"""The demo's story in figures (issue 17 items 7-9): not a test, a before/after table.

    .venv/bin/python bench/demo_story.py --db /tmp/demo.duckdb

Reads a built demo read-only and prints each property the issue names: descriptions that fit
their item and the household's facts, closures the facts contradict, exit status against
income, 低保/特困 coverage recorded outside the eligible, fluoride villages, weak villages per
district, how concentrated the issues are on items, found dates per month, and the district
ranking on 按期销号率 at 2020-05-31. Works on any demo build (before or after issue 17).
"""

from __future__ import annotations

import argparse
import datetime as dt

import pandas as pd

from paicha_geo.domain import crosscheck
from paicha_geo.domain.rules import household_failures, income_verdict
from paicha_geo.services import compare_service, data
from paicha_geo.store import Store

TODAY = dt.date(2020, 7, 15)
RANK_DAY = dt.date(2020, 5, 31)

# A phrase in a description -> (the item codes it belongs under, the household fact it claims).
_CLAIMS = {
    "D级危房": (("3.3.1", "3.3.2", "3.3.4"), lambda h: h["house_grade"] == "D"),
    "C级危房": (("3.3.1", "3.3.2", "3.3.4"), lambda h: h["house_grade"] == "C"),
    "氟超标": (("3.4.1",), lambda h: h["excess_fluoride"].astype("boolean") == True),  # noqa: E712
    "自付比例超过10%": (("3.2.2",), lambda h: h["inpatient_selfpay_share"] > 0.1),
    "未全部参保": (("3.2.1",), lambda h: h["all_insured"].astype("boolean") == False),  # noqa: E712
    "纳入低保": (("3.5.1",), lambda h: h["social_floor_eligible"].astype("boolean") == True),  # noqa: E712
    "辍学": (("3.1.1",), lambda h: h["children_out_of_school"] > 0),
    "饮水安全未达": (("3.4.2",), lambda h: h["safe_water"].astype("boolean") == False),  # noqa: E712
}
GUARANTEE_OF_ITEM = {**crosscheck.PART_GUARANTEE}


def _pct(part, whole) -> str:
    return f"{part:,} / {whole:,} = {part / whole:.1%}" if whole else f"{part} / 0"


def descriptions(snap) -> None:
    issues = snap.issues
    homes = snap.households.set_index("household_id")
    print("\n## 7. Descriptions against items and facts")
    print("phrase | issues | under a fitting item | on a household | household's facts agree"
          " (today) | agree or fixed since (done issue, check passes)")
    fails = household_failures(snap.households, snap.campaign).set_index(
        snap.households["household_id"])
    for phrase, (items, claim) in _CLAIMS.items():
        rows = issues[issues["description"].str.contains(phrase, regex=False)]
        on_item = rows["item_code"].isin(items).sum()
        on_home = rows[rows["household_id"].notna()]
        facts = homes.reindex(on_home["household_id"])
        agree = claim(facts).fillna(False).to_numpy(bool)
        check = crosscheck.PART_GUARANTEE.get(items[0][:3], "income")
        passes_now = ~fails.reindex(on_home["household_id"])[check].fillna(False).to_numpy(bool)
        done = on_home["status"].isin(crosscheck.DONE).to_numpy(bool)
        print(f"{phrase} | {len(rows):,} | {_pct(on_item, len(rows))} | {len(on_home):,} | "
              f"{_pct(int(agree.sum()), len(on_home))} | "
              f"{_pct(int((agree | (done & passes_now)).sum()), len(on_home))}")
    problem = issues["description"].str.split("：").str[-1]
    items_per_problem = issues.groupby(problem)["item_code"].nunique()
    shared = problem.map(items_per_problem) > 1
    print("issues whose problem text is also filed under another item (drawn per part, not"
          f" per item): {_pct(int(shared.sum()), len(issues))}")
    print(f"distinct description texts: {issues['description'].nunique():,}")


def closures(snap) -> None:
    print("\n## 8. Closures against facts")
    campaign = snap.campaign
    homes = snap.households
    fails = household_failures(homes, campaign).set_index(homes["household_id"])
    issues = data.issues_in_scope(snap, data.EVERYTHING, TODAY)
    hh = issues[issues["household_id"].notna()].copy()
    hh["check"] = crosscheck.guarantee_of_item(hh["item_code"])
    hh.loc[hh["item_code"] == "2.3.1", "check"] = "income"
    hh = hh[hh["check"].notna()]
    done = hh[hh["status_asof"].isin(crosscheck.DONE)]
    still = [bool(fails.at[h, c]) if h in fails.index else False
             for h, c in zip(done["household_id"], done["check"], strict=True)]
    print(f"household issues of a check (3.x, 2.3.1) done (已整改/已销号) at {TODAY}: "
          f"{len(done):,}; facts still fail the check: {_pct(sum(still), len(done))}")
    for day in (RANK_DAY, TODAY):
        asof = data.issues_in_scope(snap, data.EVERYTHING, day)
        lines = pd.concat([crosscheck.household_lines(homes, asof, campaign),
                           crosscheck.village_lines(snap.villages, asof, campaign)])
        counts = crosscheck.counts(lines)
        print(f"数据比对 at {day}: 销号存疑 {int(counts['doubts'].sum())} "
              f"(all closed {int(counts['all_closed'].sum())}), 漏报线索 "
              f"{int(counts['leads'].sum())}")
        print("  " + ", ".join(f"{k}: {r.doubts}/{r.all_closed}/{r.leads}"
                               for k, r in counts.iterrows()))
    exited = homes["exit_status"] == "exited"
    below = income_verdict(homes, campaign) == "fail"
    with_issue = set(issues.loc[issues["item_code"] == "2.3.1", "household_id"].dropna())
    ex_below = homes.loc[exited & below, "household_id"]
    print(f"已脱贫 below {campaign.income_threshold:,.0f}: {int((exited & below).sum())} "
          f"({(exited & below).sum() / exited.sum():.2%} of 已脱贫); with a 2.3.1 issue: "
          f"{_pct(int(ex_below.isin(with_issue).sum()), len(ex_below))}")
    income = pd.to_numeric(homes["per_capita_income"])
    for status in ("exited", "not_exited"):
        mine = income[homes["exit_status"] == status]
        print(f"  {status}: {len(mine):,} households, median income {mine.median():,.0f}, "
              f"below standard {(mine < campaign.income_threshold).mean():.1%}")
    eligible = homes["social_floor_eligible"].astype("boolean")
    covered = homes["social_floor_covered"]
    print(f"低保/特困 coverage recorded for households not eligible: "
          f"{_pct(int((covered.notna() & (eligible == False)).sum()), int((eligible == False).sum()))}")  # noqa: E712,E501


def geography(snap) -> None:
    print("\n## 9. Geography")
    homes = snap.households
    names = snap.regions.set_index("code")["name"]
    fl = homes[homes["excess_fluoride"].astype("boolean").fillna(False)]
    villages = fl["village_code"].unique()
    print(f"households with excess fluoride: {len(fl):,}; villages: {len(villages)}; "
          f"districts: {sorted({names[c[:6] + '000000'] for c in villages})}")
    v = snap.villages.assign(district=snap.villages["code"].str[:6] + "000000")
    v["name"] = v["code"].map(names)
    v["rural"] = ~v["name"].str.endswith("社区")
    per = v.groupby("district").agg(
        villages=("code", "size"), rural=("rural", "sum"),
        province=("weak_type", lambda s: int((s == "province").sum())),
        city=("weak_type", lambda s: int((s == "city").sum())))
    per["weak"] = per["province"] + per["city"]
    per["weak_of_rural"] = (per["weak"] / per["rural"]).map("{:.1%}".format)
    per.index = per.index.map(names)
    if len(per) > 20:  # province scale: per city
        city = snap.regions.set_index("code")["parent_code"]
        per = v.assign(city=v["district"].map(city).map(names)).groupby("city").agg(
            villages=("code", "size"), weak=("weak_type", lambda s: int(s.notna().sum())))
    print(per.sort_values("weak", ascending=False).to_string())


def time_and_items(snap) -> None:
    print("\n## 9. Items and time")
    issues = snap.issues
    per_item = issues["item_code"].value_counts()
    print(f"issues {len(issues):,} over {per_item.size} of {len(snap.checklist)} items; "
          f"top-5 items {per_item.head(5).sum() / len(issues):.1%} "
          f"({', '.join(f'{k} {v}' for k, v in per_item.head(5).items())}); "
          f"top-10 {per_item.head(10).sum() / len(issues):.1%}; "
          f"smallest item {per_item.min()}")
    month = pd.to_datetime(issues["found_date"]).dt.to_period("M").value_counts().sort_index()
    print("found per month: " + ", ".join(f"{m}: {n:,}" for m, n in month.items()))
    print(f"peak month: {month.idxmax()}; April-May share {month.reindex([pd.Period('2020-04'), pd.Period('2020-05')]).fillna(0).sum() / len(issues):.1%}")  # noqa: E501
    view = compare_service.comparison_view(snap, data.EVERYTHING, RANK_DAY, rank_by="ontime_rate")
    table = view.table.sort_values("ontime_rate")
    print(f"按期销号率 at {RANK_DAY} (worst first): " + ", ".join(
        f"{r.name} {r.ontime_rate:.1%}" for r in table.itertuples()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    with Store(args.db, read_only=True) as store:
        snap = data.load_snapshot(store)
    print(f"# demo story of {args.db}: {len(snap.villages):,} villages, "
          f"{len(snap.households):,} households, {len(snap.issues):,} issues")
    descriptions(snap)
    closures(snap)
    geography(snap)
    time_and_items(snap)


if __name__ == "__main__":
    main()
