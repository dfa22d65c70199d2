"""The 两不愁三保障 page: per-check figures, the map's values, charts and the household list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from paicha_geo.domain import fact_versions, guarantees, privacy
from paicha_geo.domain.errors import Term, UserError
from paicha_geo.domain.rules import village_income_standard
from paicha_geo.services import session_service
from paicha_geo.services.data import (
    Scope,
    Snapshot,
    issues_in_scope,
    open_issues,
    people_asof,
)
from paicha_geo.services.map_service import RegionView, region_view
from paicha_geo.services.session_service import Viewer
from paicha_geo.store import Store
from paicha_geo.store import facts as store_facts
from paicha_geo.store import queries as q


@dataclass
class GuaranteeView:
    view: RegionView
    summary: pd.DataFrame  # one row per check: checked, failing, unknown, rate, state, ...
    income_distribution: pd.DataFrame
    weak_income: pd.DataFrame  # weak villages against their standard, unknown then worst first

    def map_metrics(self, check: str) -> pd.DataFrame:
        """The children's metrics plus the map values for one guarantee (per 100, 清零)."""
        return self.view.child_metrics.join(
            guarantees.map_columns(self.view.child_metrics, check))


def guarantee_view(snap: Snapshot, scope: Scope, asof: dt.date) -> GuaranteeView:
    scope = snap.regional(scope)
    households = scope.rows(snap.households_asof(asof), "village_code")
    villages = scope.rows(snap.villages_asof(asof), "code")
    weak = villages[villages["weak_type"].notna()]
    weak_income = pd.concat(
        [weak[["code", "name", "weak_type"]].reset_index(drop=True),
         village_income_standard(weak, snap.campaign).reset_index(drop=True)], axis=1)
    return GuaranteeView(
        view=region_view(snap, scope, asof),
        summary=guarantees.summary(households, villages, snap.campaign),
        income_distribution=guarantees.income_distribution(households),
        # Worst first; a village with no income on record (未填报) before all of them.
        weak_income=weak_income.sort_values("gap", ascending=False, na_position="first"),
    )

REVEAL_REASON_MIN = 4  # characters: a reason, not a keystroke


def household_list(store: Store, snap: Snapshot, scope: Scope, asof: dt.date,
                   show_personal: bool = False, check: str | None = None) -> pd.DataFrame:
    """Households of a township or village with their failing checks and open issues.

    Names and ID numbers are read here (the snapshot holds none) and masked before anything
    reaches a page, unless `show_personal`. `check` keeps only households failing it: the
    same households the card and the map count (guarantees.household_checks).
    """
    people = people_asof(snap, q.households(store, scope.prefix), asof)
    checks = guarantees.household_checks(people, snap.campaign)
    if check:
        people, checks = people[checks[check]], checks[checks[check]]
    issues = issues_in_scope(snap, scope, asof)
    counts = open_issues(issues)["household_id"].value_counts()
    all_counts = issues["household_id"].value_counts()
    names = snap.regions.set_index("code")["name"]
    out = pd.DataFrame({
        "household_id": people["household_id"].to_numpy(),
        "village": people["village_code"].map(names).to_numpy(),
        "village_code": people["village_code"].to_numpy(),
        "head_name": (people["head_name"] if show_personal
                      else people["head_name"].map(privacy.mask_name)).to_numpy(),
        "id_number": (people["id_number"] if show_personal
                      else people["id_number"].map(privacy.mask_id)).to_numpy(),
        "members": people["members"].to_numpy(),
        "per_capita_income": people["per_capita_income"].to_numpy(),
        "exit_status": people["exit_status"].to_numpy(),
        "failing": checks["failing"].to_numpy(),
        "failing_count": checks["failing_count"].to_numpy(),
        "unknown": checks["unknown"].to_numpy(),
        "unknown_count": checks["unknown_count"].to_numpy(),
        "open_issues": people["household_id"].map(counts).fillna(0).astype(int).to_numpy(),
        "issues": people["household_id"].map(all_counts).fillna(0).astype(int).to_numpy(),
    })
    return out.sort_values(["failing_count", "unknown_count", "open_issues"], ascending=False,
                           kind="stable")


def household_issues(snap: Snapshot, scope: Scope, household_id: str,
                     asof: dt.date) -> pd.DataFrame:
    """The issues recorded against one household in `scope`, with their status as of the day.

    Found by the household's own number (an office's 户编号 need not start with its village
    code), never outside `scope`.
    """
    issues = issues_in_scope(snap, scope, asof)
    issues = issues[issues["household_id"] == household_id]
    short = snap.checklist.set_index("code")["short"]
    return issues.assign(item=issues["item_code"].map(short))[
        ["issue_code", "item", "description", "status_asof", "found_date", "deadline",
         "overdue_days"]]


def household_fact_history(store: Store, scope: Scope, household_id: str,
                           asof: dt.date) -> pd.DataFrame:
    """One household's fact versions known by `asof` (earlier values kept, each with its
    核实日期), in superseding order; none outside `scope`."""
    versions = store_facts.history(store, "household", scope.prefix, household_id)
    return fact_versions.known_by(versions, asof)


class RevealRefused(UserError):
    """A reveal of personal data the viewer may not make (role, reason, region)."""


def reveal_household(store: Store, viewer: Viewer, household_id: str, reason: str) -> dict:
    """One household's head name and ID number, unmasked, for a role allowed to see personal
    data, with a reason; the reveal (who, role, which household, why, when, from where) goes
    to the audit log first. Refusals are audited too."""
    reason = (reason or "").strip()
    if not viewer.may("personal"):
        session_service.record(store, viewer, "reveal_refused", household_id, "no power")
        raise RevealRefused("REVEAL_NO_POWER", role=Term("ROLES", viewer.role))
    if len(reason) < REVEAL_REASON_MIN:
        raise RevealRefused("REVEAL_NEED_REASON", minimum=REVEAL_REASON_MIN)
    people = q.households(store, viewer.scope.prefix)
    row = people[people["household_id"] == household_id]
    if row.empty:
        session_service.record(store, viewer, "out_of_scope", household_id, "reveal")
        raise RevealRefused("REVEAL_NOT_FOUND", household=household_id)
    session_service.record(store, viewer, "reveal_personal", household_id, reason[:200])
    return {"head_name": row.iloc[0]["head_name"], "id_number": row.iloc[0]["id_number"]}
