"""One issue in words for its card: where it is, which checklist item (the seed's full wording
and its 责任单位), the household (masked), what was found and done, its history, and the next
steps the workflow allows this viewer. Read from the store, so the card shows the issue as it
is now, whatever day the grid is viewed as of."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from paicha_geo import labels
from paicha_geo.domain import privacy, workflow
from paicha_geo.domain.regions import LEVELS
from paicha_geo.services import issue_service
from paicha_geo.services.data import Snapshot
from paicha_geo.services.issue_grid import clean_wording, region_path
from paicha_geo.services.session_service import Viewer
from paicha_geo.store import Store
from paicha_geo.store import ledger as sl


@dataclass(frozen=True)
class IssueCard:
    issue: dict  # the stored row, as it is now
    place: str  # 市(区) · 乡镇(街道) · 村
    region_code: str  # where the map link goes (the village, or the township it was filed at)
    item: str  # '3.3.4 住房安全保障'
    item_text: str  # the seed's wording, without internal notes
    item_units: tuple[str, ...]  # the 责任单位 the checklist names for the item
    household: tuple[str, str] | None  # (户编号, masked head name)
    verifier: str | None  # '姓名（账号）' for an account, else as recorded
    history: pd.DataFrame  # Chinese headers (issue_service.history_table)
    actions: list  # issue_service.ActionChoice the viewer may take now
    withheld: str | None = None  # why an action the status allows is not offered to this viewer


def _household(store: Store, household_id) -> tuple[str, str] | None:
    if not isinstance(household_id, str) or not household_id:
        return None
    rows = sl.households_by_id(store, [household_id])
    name = rows.iloc[0]["head_name"] if len(rows) else None
    return household_id, privacy.mask_name(name)


def issue_card(store: Store, snap: Snapshot, viewer: Viewer, code: str) -> IssueCard | None:
    """The card of issue `code`, or None when it is not in the viewer's scope (audited, as
    issue_service.get_issue_as does)."""
    issue = issue_service.get_issue_as(store, viewer, code)
    if issue is None:
        return None
    codes = pd.Series([issue["region_code"]])
    place = region_path(codes, snap.regions, [lv for lv in LEVELS if lv != "province"]).iloc[0]
    items = snap.checklist.set_index("code")
    item = items.loc[issue["item_code"]] if issue["item_code"] in items.index else None
    short = clean_wording(item["short"]) if item is not None else ""
    names = issue_service.actor_names(store)
    actions = issue_service.allowed_actions(issue["status"]) if viewer.may("edit") else []
    withheld = None
    reporter = sl.rectified_by(store, code) if issue["status"] == "rectified" else None
    if reporter and workflow.refusal("rectified", "closed", actor=viewer.account_id,
                                     rectified_by=reporter):
        actions = [a for a in actions if a.action != "close"]  # the rule would refuse it
        withheld = labels.CARD_CLOSE_WITHHELD.format(reporter=names.get(reporter, reporter))
    return IssueCard(
        issue=issue, place=place, region_code=issue["region_code"],
        item=f"{issue['item_code']} {short}".strip(),
        item_text=clean_wording(item["text"]) if item is not None else "",
        item_units=tuple(item["responsible_units"]) if item is not None else (),
        household=_household(store, issue["household_id"]),
        verifier=names.get(issue["verifier"], issue["verifier"]),
        history=issue_service.history_table(store, viewer.scope, code),
        actions=actions, withheld=withheld,
    )
