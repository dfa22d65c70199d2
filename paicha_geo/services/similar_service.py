"""举一反三 on the 数据比对 page: for one checklist item, the villages in scope where it is
open, was closed lately, or is likely (domain.similar), each with its reason in words, on the
map, and as a workbook for the inspection page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from paicha_geo import labels
from paicha_geo.domain import similar
from paicha_geo.domain.regions import PREFIX_LENGTH
from paicha_geo.domain.rules import household_failures
from paicha_geo.render import shortlist
from paicha_geo.services.data import Scope, Snapshot, issues_in_scope, place_names
from paicha_geo.services.map_service import RegionView, region_view

RECENT_DAYS = 60


@dataclass
class SameProblem:
    item: str
    view: RegionView
    villages: pd.DataFrame  # ranked: code, place, category, open_issues, last_closed, score,
    #                         reason (words)
    group: similar.Group

    def map_metrics(self) -> pd.DataFrame:
        """The children's metrics plus the number of shortlisted villages in each."""
        level = self.view.child_level
        per = self.villages["code"].str[:PREFIX_LENGTH[level]].value_counts()
        values = self.view.children["code"].str[:PREFIX_LENGTH[level]].map(per).fillna(0)
        return self.view.child_metrics.assign(same_problem_villages=values.astype(int)
                                              .to_numpy())


def _reason(row, group: similar.Group, recent_days: int) -> str:
    if row["category"] == "open":
        return labels.SAME_REASON_OPEN.format(n=row["open_issues"])
    if row["category"] == "recent":
        return labels.SAME_REASON_RECENT.format(date=row["last_closed"], days=recent_days)
    parts = [labels.SAME_REASON_FACTS.format(share=labels.format_rate(row["failing_share"]),
                                             mean=labels.format_rate(group.failing_share))]
    if row["shared_items"]:
        parts.append(labels.SAME_REASON_ITEMS.format(items="/".join(row["shared_items"])))
    return labels.SAME_REASON_LIKELY.format(n=group.size, score=row["score"],
                                            why=labels.LIST_SEPARATOR.join(parts))


def same_problem(snap: Snapshot, scope: Scope, asof: dt.date, item: str,
                 recent_days: int = RECENT_DAYS) -> SameProblem:
    """The ranked villages of `scope` for `item` as of `asof`."""
    scope = snap.regional(scope)
    issues = issues_in_scope(snap, scope, asof)
    homes = scope.rows(snap.households_asof(asof), "village_code")
    villages = scope.rows(snap.villages_asof(asof), "code")
    ranked, group = similar.rank(issues, household_failures(homes, snap.campaign),
                                 homes["village_code"], pd.Index(villages["code"]), item,
                                 asof, recent_days=recent_days)
    out = ranked.reset_index().rename(columns={"index": "code", "region_code": "code"})
    out["place"] = place_names(out["code"], snap.regions).to_numpy()
    out["category_name"] = out["category"].map(labels.SAME_CATEGORIES)
    out["reason"] = [_reason(r, group, recent_days) for _, r in out.iterrows()]
    out.insert(0, "rank", range(1, len(out) + 1))
    return SameProblem(item, region_view(snap, scope, asof), out, group)


def shortlist_xlsx(snap: Snapshot, result: SameProblem, asof: dt.date) -> bytes:
    """The shortlist as a workbook: rank, place, why, and the figures behind it."""
    item = snap.checklist.set_index("code").loc[result.item, "short"]
    title = labels.SAME_FILE_TITLE.format(region=result.view.region["name"], item=result.item,
                                          short=item, asof=asof)
    return shortlist.workbook(result.villages, title)
