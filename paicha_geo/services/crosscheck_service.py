"""The 数据比对 page: closures the data contradicts and failures with no issue, in scope, with
the words of each line, a count per child region for the map, and the two actions (回头看 of
a closed issue, a new issue from a failing fact) by the signed-in account."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from paicha_geo import labels
from paicha_geo.domain import crosscheck, privacy
from paicha_geo.domain.errors import Term
from paicha_geo.domain.regions import PREFIX_LENGTH
from paicha_geo.services import clock, issue_service, session_service
from paicha_geo.services.data import OutOfScope, Scope, Snapshot, issues_in_scope, place_names
from paicha_geo.services.map_service import RegionView, region_view
from paicha_geo.services.session_service import Viewer
from paicha_geo.services.visit_service import default_deadline
from paicha_geo.store import Store
from paicha_geo.store import ledger as sl
from paicha_geo.store import visits as store_visits

SOURCE = "data_check"
CODE_PREFIX = "BD"  # 比对
NOTE_TAG = "【数据比对】"


@dataclass
class CrossCheck:
    view: RegionView
    lines: pd.DataFrame  # crosscheck.LINE_COLUMNS, households then villages
    counts: pd.DataFrame  # per check: doubts, all_closed, leads

    def map_metrics(self, kind: str) -> pd.DataFrame:
        """The children's metrics plus `crosscheck_{kind}`: lines of that kind in each."""
        children = self.view.children["code"]
        level = self.view.child_level
        mine = self.lines[self.lines["kind"] == kind]["region_code"].str[:PREFIX_LENGTH[level]]
        per = mine.value_counts()
        values = children.str[:PREFIX_LENGTH[level]].map(per).fillna(0).astype(int)
        return self.view.child_metrics.assign(**{f"crosscheck_{kind}": values.to_numpy()})


def crosscheck_view(snap: Snapshot, scope: Scope, asof: dt.date) -> CrossCheck:
    """Both kinds of line for the households and weak villages of `scope` as of `asof`."""
    scope = snap.regional(scope)
    issues = issues_in_scope(snap, scope, asof)
    homes = crosscheck.household_lines(scope.rows(snap.households_asof(asof), "village_code"),
                                       issues,
                                       snap.campaign)
    villages = crosscheck.village_lines(scope.rows(snap.villages_asof(asof), "code"), issues,
                                        snap.campaign)
    lines = pd.concat([homes, villages], ignore_index=True)
    return CrossCheck(region_view(snap, scope, asof), lines, crosscheck.counts(lines))


def _recorded(value, expected: bool) -> bool:
    """The fact is on record and equals `expected` (a blank, 未填报, is neither)."""
    return bool(pd.notna(value) and bool(value) is expected)


def _fact(check: str, home, village, campaign) -> str:
    """The failing fact in words."""
    if check == "education":
        n = int(home["children_out_of_school"] - home["children_out_of_school_physical"])
        return labels.CROSS_FACTS["education"].format(n=n)
    if check == "medical":
        if _recorded(home["all_insured"], False):
            return labels.CROSS_FACTS["medical_uninsured"]
        return labels.CROSS_FACTS["medical_selfpay"].format(
            share=labels.format_rate(home["inpatient_selfpay_share"]),
            cap=labels.format_rate(campaign.inpatient_selfpay_max))
    if check == "housing":
        return labels.CROSS_FACTS["housing"].format(grade=home["house_grade"])
    if check == "water":
        return labels.CROSS_FACTS["water_fluoride" if _recorded(home["excess_fluoride"], True)
                                  else "water_unsafe"]
    if check == "social_floor":
        return labels.CROSS_FACTS["social_floor"]
    province = village["weak_type"] == "province"
    return labels.CROSS_FACTS["village_income"].format(
        kind=labels.CROSS_INCOME_KINDS[village["weak_type"]],
        income=(village["collective_operating_income"] if province
                else village["collective_disposable_income"]) / 10_000,
        standard=(campaign.province_weak_operating_income if province
                  else campaign.city_weak_disposable_income) / 10_000)


def _issues_words(line) -> str:
    """'2 条：已销号 1 条、已整改(待验收) 1 条，最近 PC…（2020-05-27 已销号）'."""
    statuses = pd.Series(line["statuses"])
    per = [labels.CROSS_ISSUE_COUNT.format(status=labels.status_label(s), n=n)
           for s, n in statuses.value_counts().sort_index(ascending=False).items()]
    latest = max(range(len(statuses)), key=lambda i: pd.Timestamp(line["closed_dates"][i]))
    return labels.CROSS_ISSUES.format(
        n=len(statuses), per=labels.LIST_SEPARATOR.join(per), code=line["issues"][latest],
        date=pd.Timestamp(line["closed_dates"][latest]).date(),
        status=labels.status_label(line["statuses"][latest]))


def shown_lines(store: Store, snap: Snapshot, result: CrossCheck, kind: str,
                check: str | None = None, limit: int = 200) -> pd.DataFrame:
    """The lines of `kind` (and `check`) as a user reads them: place, who (head name masked),
    what the facts say and what the ledger says, in one sentence; `limit` rows, by check
    then place (region code)."""
    lines = result.lines[result.lines["kind"] == kind]
    if check:
        lines = lines[lines["check"] == check]
    lines = lines.sort_values(["check", "region_code", "household_id"]).head(limit)
    homes = snap.households_asof(result.view.asof).set_index("household_id")
    villages = snap.villages_asof(result.view.asof).set_index("code")
    names = {}
    wanted = lines["household_id"].dropna()
    if not wanted.empty:
        people = sl.households_by_id(store, wanted.tolist())
        people = people[people["village_code"].map(snap.scope_of(result.view.region).covers)]
        names = dict(zip(people["household_id"], people["head_name"].map(privacy.mask_name),
                         strict=True))
    rows = []
    for _, line in lines.iterrows():
        hid = line["household_id"]
        home = homes.loc[hid] if isinstance(hid, str) else None
        village = villages.loc[line["region_code"]]
        fact = _fact(line["check"], home, village, snap.campaign)
        who = (labels.CROSS_WHO_HOUSEHOLD.format(name=names.get(hid) or labels.NO_DATA,
                                                 number=hid)
               if isinstance(hid, str) else labels.CROSS_WHO_VILLAGE)
        check_name = labels.CROSS_CHECKS[line["check"]]
        ledger = _issues_words(line) if kind == "doubt" else labels.CROSS_NO_ISSUE
        said = (labels.CROSS_DOUBT_LINE.format(who=who, fact=fact, check=check_name,
                                               issues=ledger)
                if kind == "doubt" else
                labels.CROSS_LEAD_LINE.format(who=who, fact=fact, check=check_name))
        rows.append({"region_code": line["region_code"], "household_id": hid,
                     "check": line["check"], "issues": line["issues"],
                     "statuses": line["statuses"], "text": said, "who": who,
                     "check_name": check_name,
                     "fact": labels.CROSS_FACT_SHORT.format(fact=fact, check=check_name),
                     "ledger": ledger})
    out = pd.DataFrame(rows, columns=["region_code", "household_id", "check", "issues",
                                      "statuses", "text", "who", "check_name", "fact",
                                      "ledger"])
    out.insert(0, "place", place_names(out["region_code"], snap.regions))
    return out


def line_key(line: dict) -> str:
    """A line's identity: its place, household (if any) and check."""
    return f"{line['region_code']}|{line.get('household_id') or ''}|{line['check']}"


def reopen_as(store: Store, viewer: Viewer, line: dict, note: str) -> dict:
    """回头看 from a doubt: the line's latest 已销号 issue back to 待整改 (or, when none is
    closed now, its 已整改 one back to 整改中, 验收不通过), with the note tagged 【数据比对】 in
    its history. The workflow's own rules and the viewer's powers apply (refusals in
    Chinese through labels.say)."""
    current = [sl.get_issue(store, code) for code in line["issues"]]
    current = [i for i in current if i is not None and viewer.scope.covers(i["region_code"])]
    for status, to_status in (("closed", "pending"), ("rectified", "rectifying")):
        found = sorted((i for i in current if i["status"] == status),
                       key=lambda i: str(i["closed_date"] or i["rectified_date"] or ""))
        if found:
            issue = found[-1]
            return issue_service.change_status_as(
                store, viewer, issue["issue_code"], to_status,
                expected_version=issue["version"],
                note=NOTE_TAG + ((note or "").strip() or labels.CROSS_DEFAULT_NOTE))
    raise issue_service.TransitionRefused("CROSS_NOTHING_TO_REOPEN")


def raise_as(store: Store, snap: Snapshot, viewer: Viewer, line: dict, text: str) -> str:
    """A new issue (source 数据比对) from a failing fact, on the household's village, found
    today, first history note tagged 【数据比对】. Needs the power to edit or to visit, and
    the village in the viewer's scope (refusals audited). Returns the new issue's code."""
    village = line["region_code"]
    if not (viewer.may("edit") or viewer.may("visit")):
        session_service.record(store, viewer, "crosscheck_refused", village, "no power")
        raise issue_service.TransitionRefused("REFUSE_NO_POWER",
                                              role=Term("ROLES", viewer.role))
    if not viewer.scope.covers(village):
        session_service.record(store, viewer, "out_of_scope", village, "crosscheck")
        raise OutOfScope(village)
    hid = line.get("household_id")
    home = (snap.households.set_index("household_id").loc[hid] if isinstance(hid, str)
            else None)
    text = (text or "").strip() or line["text"]
    today = clock.today(store)
    new = {"region_code": village, "household_id": hid if isinstance(hid, str) else None,
           "item_code": crosscheck.new_issue_item(line["check"], home),
           "severity": "general", "deadline": default_deadline(snap.campaign.deadline, today),
           "description": text, "responsible_unit": None, "note": NOTE_TAG + text}
    return store_visits.raise_issues(store, [new], found_date=today,
                                     raised_at=clock.now(store), actor=viewer.account_id,
                                     source=SOURCE, prefix=CODE_PREFIX)[0]
