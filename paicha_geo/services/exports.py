"""The 整改台账 as the user sees it on screen, for download as Excel or CSV.

Status and overdue days come from `metrics.status_as_of` (the same definitions as the KPIs),
the dates of rectification and close-out and the verifier as they stood on that day from
`metrics.closeout_as_of`, under the same filters as the page; region names come from the
region tree. With the city (or province) selected, the workbook has one sheet per district.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from paicha_geo import labels
from paicha_geo.domain.filters import IssueFilters
from paicha_geo.domain.metrics import closeout_as_of
from paicha_geo.domain.regions import full_code
from paicha_geo.render.excel import ledger_csv, ledger_workbook
from paicha_geo.services import session_service
from paicha_geo.services.data import Scope, Snapshot, issues_in_scope
from paicha_geo.services.session_service import Viewer
from paicha_geo.store import Store


def ledger_frame(snap: Snapshot, scope: Scope, asof: dt.date,
                 filters: IssueFilters | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """The issues in `scope` as of a day (`issues_in_scope`, as every view counts them), one
    row per issue, keyed like LEDGER_COLUMNS; also returns the scope's region row."""
    scope = snap.regional(scope)
    region = snap.region(scope)
    found = issues_in_scope(snap, scope, asof, filters)
    then = closeout_as_of(found, snap.history, asof)  # not today's dates on a past day's row
    regions = snap.regions
    names = dict(zip(regions["code"], regions["name"], strict=True))
    levels = dict(zip(regions["code"], regions["level"], strict=True))
    items = snap.checklist.set_index("code")["short"]
    code = found["region_code"]
    level = code.map(levels)
    out = pd.DataFrame({
        "issue_code": found["issue_code"],
        "district_code": code.str[:6].map(full_code),
        "district": code.str[:6].map(lambda p: names.get(full_code(p), "")),
        "town": [names.get(full_code(c[:9]), "") if lv in ("town", "village") else ""
                 for c, lv in zip(code, level, strict=True)],
        "village": [names.get(c, "") if lv == "village" else ""
                    for c, lv in zip(code, level, strict=True)],
        "item": found["item_code"].map(lambda c: f"{c} {items.get(c, '')}".strip()),
        "description": found["description"],
        "source": found["source"].map(lambda s: labels.SOURCES.get(s, s)),
        "severity": found["severity"].map(lambda s: labels.SEVERITIES.get(s, s)),
        "responsible_unit": found["responsible_unit"],
        "found_date": pd.to_datetime(found["found_date"]).dt.date,
        "deadline": pd.to_datetime(found["deadline"]).dt.date,
        "status": found["status_asof"].map(labels.status_label),
        "overdue_days": found["overdue_days"].astype(int),
        "measures": found["measures"],
        "rectified_date": pd.to_datetime(then["rectified_date"]).dt.date,
        "closed_date": pd.to_datetime(then["closed_date"]).dt.date,
        "verifier": then["verifier"].astype(object).where(then["verifier"].notna(), None),
        "escalated": found["escalated"].map(lambda b: labels.LEDGER_YES_NO[bool(b)]),
    })
    for col in ("rectified_date", "closed_date"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    out = out.sort_values(["district_code", "town", "village", "found_date", "issue_code"])
    return out.reset_index(drop=True), region


def _title(region: pd.Series, asof: dt.date) -> str:
    return labels.LEDGER_TITLE_FULL.format(region=region["name"], asof=asof.isoformat())


def export_ledger_xlsx(snap: Snapshot, scope: Scope, asof: dt.date,
                       filters: IssueFilters | None = None) -> bytes:
    """The formatted 整改台账 workbook of the view: a sheet per district above district level."""
    frame, region = ledger_frame(snap, scope, asof, filters)
    if region["level"] in ("city", "province"):
        names = dict(zip(snap.regions["code"], snap.regions["name"], strict=True))
        sheets = []
        for code, part in frame.groupby("district_code", sort=True):
            name = names.get(code, code) if code != region["code"] else labels.LEDGER_CITY_SHEET
            sheets.append((name, part))
    else:
        sheets = [(region["name"], frame)]
    return ledger_workbook(sheets, _title(region, asof))


def export_ledger_csv(snap: Snapshot, scope: Scope, asof: dt.date,
                      filters: IssueFilters | None = None) -> bytes:
    """The same rows as the workbook, in one CSV (UTF-8 with BOM)."""
    frame, _ = ledger_frame(snap, scope, asof, filters)
    return ledger_csv(frame)


def audited(build, store: Store, viewer: Viewer, file_name: str, personal: bool = False):
    """`build` (bytes, or a function making them) as a function that first writes the export
    to the audit log: who, role, which file, over which region, whether it holds personal
    fields. Handed to a deferred download button, it runs only when the file is taken."""
    def making() -> bytes:
        session_service.record(store, viewer, "export_personal" if personal else "export",
                               file_name, viewer.scope.code or "")
        return build() if callable(build) else build
    return making
