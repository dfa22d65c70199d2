"""The village panel's text and tables, ready for the page: every data value escaped."""

from __future__ import annotations

import pandas as pd

from paicha_geo import labels
from paicha_geo.domain.rules import GUARANTEE_KEYS
from paicha_geo.render import escape


def _yuan(value) -> str:
    return labels.NO_DATA if pd.isna(value) else labels.WAN_YUAN.format(value=value / 10000)


def facts(p) -> list[str]:
    """Markdown lines: the name (heading), weak type and code, income against its standard,
    the first secretary."""
    lines = [f"### {escape.markdown(p.name)}",
             labels.PANEL_FACT.format(label=labels.PANEL_WEAK, value=labels.PANEL_TYPE.format(
                 kind=labels.WEAK_TYPES[p.weak_type], code=escape.markdown(p.code)))]
    if p.weak_type and bool(p.income.get("unknown", False)):  # no income on record by then
        lines.append(labels.PANEL_INCOME_UNKNOWN_LINE.format(
            label=labels.PANEL_INCOME, kind=labels.INCOME_KIND[p.weak_type],
            standard=labels.PANEL_STANDARD, target=_yuan(p.income["standard"]),
            verdict=labels.UNKNOWN))
        lines.append(labels.PANEL_FACT.format(label=labels.PANEL_SECRETARY,
                                              value=labels.YES_NO[p.first_secretary_present]))
    elif p.weak_type:
        gap, verdict = ((labels.PANEL_GAP, labels.PANEL_FAILS) if p.income["fails"]
                        else (labels.PANEL_ABOVE, labels.PANEL_MEETS))
        lines.append(labels.PANEL_INCOME_LINE.format(
            label=labels.PANEL_INCOME, kind=labels.INCOME_KIND[p.weak_type],
            income=_yuan(p.income["income"]), standard=labels.PANEL_STANDARD,
            target=_yuan(p.income["standard"]), gap=gap, amount=_yuan(abs(p.income["gap"])),
            verdict=verdict))
        lines.append(labels.PANEL_FACT.format(label=labels.PANEL_SECRETARY,
                                              value=labels.YES_NO[p.first_secretary_present]))
    return lines


def counts(p) -> list[tuple[str, str]]:
    """(label, value) of the three tiles: households, failing households, open issues."""
    return [(labels.PANEL_HOUSEHOLDS, f"{p.households}"),
            (labels.PANEL_FAILING, f"{int(p.failing['any_guarantee'])}"),
            (labels.METRICS["issues_open"][0], f"{p.open_count}")]


def failing_caption(p) -> str | None:
    """未达标 per guarantee, then 未填报 (a blank fact: neither failing nor passing)."""
    parts = []
    for title, counts in ((labels.PANEL_FAILING_LIST, p.failing),
                          (labels.PANEL_UNKNOWN_LIST, getattr(p, "unknown", None))):
        named = [f"{labels.GUARANTEES[k]} {int(counts[k])}" for k in GUARANTEE_KEYS
                 if counts is not None and counts[k]]
        if named:
            parts.append(title + labels.PANEL_FAILING_SEPARATOR.join(named))
    return labels.PANEL_PARTS_SEPARATOR.join(parts) if parts else None


def open_by_group(p) -> pd.DataFrame:
    return p.open_by_group.rename(columns=labels.PANEL_GROUP_COLUMNS)


def open_issues(p) -> pd.DataFrame:
    """For st.table (markdown cells): escaped, indexed by the issue code."""
    shown = p.open_issues.assign(status_asof=p.open_issues["status_asof"].map(labels.STATUSES))
    return escape.markdown_table(shown.rename(columns=labels.OPEN_ISSUE_COLUMNS).set_index(
        labels.OPEN_ISSUE_COLUMNS["issue_code"]))


def history(p) -> pd.DataFrame:
    return p.history.assign(
        from_status=p.history["from_status"].map(labels.STATUSES).fillna(labels.NO_DATA),
        to_status=p.history["to_status"].map(labels.STATUSES),
    ).rename(columns=labels.HISTORY_COLUMNS)


def visits(p) -> pd.DataFrame:
    return p.visits.assign(kind=p.visits["kind"].map(labels.VISIT_KINDS)).rename(
        columns=labels.VISIT_COLUMNS)
