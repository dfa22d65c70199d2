"""One issue in words for the ledger page (every data value escaped for markdown): its status
line, the facts of its card, its history, and the summary of a batch action."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from paicha_geo import labels
from paicha_geo.render import escape


def status_line(issue) -> str:
    """'当前状态 … · 第 N 版 · 整改时限 … · 责任单位 …'."""
    return labels.STATUS_CURRENT.format(
        status=labels.status_label(issue["status"]), version=issue["version"],
        deadline=_day(issue["deadline"]),
        unit=escape.markdown(issue["responsible_unit"]) or labels.NO_DATA)


def _day(value) -> str:
    """A date as 2020-05-31 (never with a 00:00:00); missing as —."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return labels.NO_DATA
    if isinstance(value, dt.datetime | pd.Timestamp):
        value = pd.Timestamp(value)
        return f"{value:%Y-%m-%d}" if value == value.normalize() else f"{value:%Y-%m-%d %H:%M}"
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def facts(card) -> str:
    """The card's facts as markdown lines, '**所在地区**：…' (every value escaped)."""
    issue = card.issue
    household = (labels.CARD_HOUSEHOLD.format(household=card.household[0],
                                              name=card.household[1] or labels.NO_DATA)
                 if card.household else labels.CARD_NO_HOUSEHOLD)
    values = {
        "place": card.place, "item": card.item, "item_text": card.item_text,
        "item_units": labels.LIST_SEPARATOR.join(card.item_units) or labels.NO_DATA,
        "responsible_unit": issue["responsible_unit"] or labels.NO_DATA,
        "household": household,
        "source": labels.SOURCES.get(issue["source"], issue["source"]),
        "severity": labels.SEVERITIES.get(issue["severity"], issue["severity"]),
        "found_date": _day(issue["found_date"]), "deadline": _day(issue["deadline"]),
        "rectified_date": _day(issue["rectified_date"]),
        "closed_date": _day(issue["closed_date"]),
        "verifier": card.verifier or labels.NO_DATA,
        "escalated": labels.LEDGER_YES_NO[bool(issue["escalated"])],
    }
    return "  \n".join(f"**{labels.CARD_FIELDS[k]}**：{escape.markdown(str(v))}"
                        for k, v in values.items())


def history(frame: pd.DataFrame) -> pd.DataFrame:
    """The history table for st.table: times without a midnight 00:00:00, text escaped."""
    out = frame.copy()
    when = labels.HISTORY_COLUMNS["changed_at"]
    if when in out:
        out[when] = out[when].map(_day)
    return escape.markdown_table(out.fillna(labels.NO_DATA))


def batch_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """A batch summary's rows (issue_code, done, reason) with Chinese headers and values."""
    out = pd.DataFrame({
        "issue_code": rows["issue_code"],
        "result": rows["done"].map(labels.BATCH_RESULTS),
        "reason": rows["reason"].replace("", labels.NO_DATA),
    }).rename(columns=labels.BATCH_COLUMNS)
    return escape.markdown_table(out)
