"""审计日志: the append-only audit log read with filters, newest first, and exported.

Who may read: every account whose role has the "audit" power (管理员, 审计/只读) sees every
row, of every account and every region. The log is deliberately not region-scoped: it
records accounts, not issues, and an auditor checks all of them. Reading writes nothing;
an export appends its own row (action "export", target "audit_log", by the viewer), after
the rows it holds were read, so the file shows what the screen showed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass

import pandas as pd

from paicha_geo import labels
from paicha_geo.domain.accounts import AccountError
from paicha_geo.render.audit_sheet import audit_workbook
from paicha_geo.services.session_service import Viewer
from paicha_geo.store import Store
from paicha_geo.store import accounts as sa
from paicha_geo.store import audit_log as al

EXPORT_TARGET = "audit_log"


@dataclass(frozen=True)
class AuditFilters:
    """Every filter is optional; given ones all apply. Days are whole days, both ends in."""

    accounts: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    text: str = ""


def _check(viewer: Viewer) -> None:
    if not viewer.may("audit"):
        raise AccountError("AUDIT_NOT_ALLOWED")


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def action_name(action: str) -> str:
    """The Chinese name of an action; one the labels do not know, as stored."""
    return labels.AUDIT_ACTIONS.get(action, action)


def _display_names(store: Store) -> dict[str, str]:
    accounts = sa.accounts(store)
    return dict(zip(accounts["account_id"], accounts["display_name"], strict=True))


def account_choices(store: Store, viewer: Viewer) -> dict[str, str]:
    """account id -> "姓名（账号）" for every account, and every account the log names."""
    _check(viewer)
    names = _display_names(store)
    ids = sorted(set(names) | set(al.logged_accounts(store)))
    return {a: labels.AUDIT_ACCOUNT.format(name=names.get(a, a), account=a) for a in ids}


def date_span(store: Store, viewer: Viewer, today: dt.date | None = None) -> tuple[dt.date,
                                                                                   dt.date]:
    """The first day of the log and today (or the last day logged, if later): the default
    range, which holds every row."""
    _check(viewer)
    today = today or dt.date.today()
    first, last = al.span(store)
    if first is None:
        return today, today
    return first.date(), max(last.date(), today)


def reason_text(reason: str) -> str:
    """The short codes the app records as a reason, in Chinese (typed reasons unchanged)."""
    if match := re.fullmatch(r"import (\d+)", reason):
        return labels.AUDIT_REASON_IMPORT.format(rows=match[1])
    return labels.AUDIT_REASONS.get(reason, reason)


def _text(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.notna(), "").astype(str)


def audit_rows(store: Store, viewer: Viewer, filters: AuditFilters = AuditFilters()
               ) -> pd.DataFrame:
    """The rows under `filters`, newest first, keyed like labels.AUDIT_COLUMNS, worded for
    people: the account as 姓名（账号）, role and action in Chinese, blanks not None."""
    _check(viewer)
    raw = al.search(store, **asdict(filters))
    names = _display_names(store)
    account = raw["account_id"].map(
        lambda a: "" if a is None or pd.isna(a) else
        labels.AUDIT_ACCOUNT.format(name=names.get(a, a), account=a))
    return pd.DataFrame({
        "occurred_at": pd.to_datetime(raw["occurred_at"]),
        "account": _text(account),
        "role": _text(raw["role"].map(lambda r: labels.ROLES.get(r, r), na_action="ignore")),
        "action": raw["action"].map(action_name).astype(str),
        "target": _text(raw["target"]),
        "reason": _text(raw["reason"]).map(reason_text),
        "client": _text(raw["client"]),
    }, columns=list(labels.AUDIT_COLUMNS))


def action_counts(rows: pd.DataFrame) -> list[tuple[str, int]]:
    """(Chinese action, rows) in the shown rows, most frequent first."""
    counts = rows["action"].value_counts(sort=False)
    return sorted(((str(a), int(n)) for a, n in counts.items()), key=lambda x: (-x[1], x[0]))


def count_line(rows: pd.DataFrame) -> str:
    """"共 N 条记录：登录 3、导出 1" for the rows shown (none: the empty-result sentence)."""
    if rows.empty:
        return labels.AUDIT_EMPTY
    parts = labels.LIST_SEPARATOR.join(labels.AUDIT_COUNT_BY_ACTION.format(action=a, n=n)
                                       for a, n in action_counts(rows))
    return labels.AUDIT_COUNT.format(n=len(rows), parts=parts)


def describe(filters: AuditFilters, n: int) -> str:
    """The export's audit reason: how many rows, under which filters."""
    values = {"accounts": "、".join(filters.accounts),
              "actions": "、".join(action_name(a) for a in filters.actions),
              "start": filters.start.isoformat() if filters.start else "",
              "end": filters.end.isoformat() if filters.end else "",
              "text": filters.text}
    parts = "".join(labels.AUDIT_EXPORT_PARTS[k].format(value=v) for k, v in values.items() if v)
    return labels.AUDIT_EXPORT_REASON.format(n=n, filters=parts)


def export_audit_xlsx(store: Store, viewer: Viewer, filters: AuditFilters = AuditFilters(),
                      now: dt.datetime | None = None) -> bytes:
    """The rows under `filters` as an inert workbook; the export is logged as the viewer's."""
    rows = audit_rows(store, viewer, filters)
    now = now or _now()
    title = labels.AUDIT_SHEET_TITLE.format(when=f"{now:%Y-%m-%d %H:%M}",
                                            name=viewer.display_name, n=len(rows))
    data = audit_workbook(rows, title)
    with store.transaction() as cur:
        sa.append_audit(cur, at=now, account_id=viewer.account_id, role=viewer.role,
                        action="export", target=EXPORT_TARGET,
                        reason=describe(filters, len(rows)), client=viewer.client)
    return data
