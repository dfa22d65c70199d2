"""The 三保障 page's cards and household tables as display text (data escaped)."""

from __future__ import annotations

import pandas as pd

from paicha_geo import labels
from paicha_geo.render import escape

CARD_CSS = """
<style>
.paicha-card{border:1px solid #ddd;border-radius:6px;padding:.5rem .7rem;height:100%}
.paicha-card b{font-size:1rem}.paicha-card .big{font-size:1.6rem;font-weight:700}
.paicha-flag{display:inline-block;padding:0 .5rem;border-radius:3px;color:#fff;font-size:.85rem}
.paicha-flag.red{background:#c62828}.paicha-flag.green{background:#2e8b57}
.paicha-flag.grey{background:#757575}.paicha-card .aside{color:#555;font-size:.85rem}
</style>
"""


FLAGS = {"failing": ("red", labels.NOT_CLEARED), "unknown": ("grey", labels.FLAG_UNKNOWN),
         "cleared": ("green", labels.CLEARED)}


def card_html(key: str, row: pd.Series) -> str:
    """One check: failing, checked (judged) and the rate, unknown (未填报), 未脱贫 households
    counted beside an exit criterion, and the 清零 flag (red while any fails, grey while any
    is unknown, green only when neither)."""
    colour, text = FLAGS[row["state"]]
    flag = f'<span class="paicha-flag {colour}">{text}</span>'
    unit = labels.CHECK_UNITS.get(key, labels.HOUSEHOLD_UNIT)
    aside = (f'<br><span class="aside">{labels.NOT_EXITED_ASIDE.format(n=row["not_exited"])}'
             f"</span>" if row.get("not_exited", 0) else "")
    return (f'<div class="paicha-card st-key-card-{key}"><b>{labels.CHECK_NAMES[key]}</b><br>'
            f'<span class="big">{row["failing"]:,}</span> {unit}{labels.FAILING}<br>'
            f'{labels.CHECKED} {row["checked"]:,} {unit} · {labels.format_rate(row["rate"])}<br>'
            f'{labels.UNKNOWN} {row["unknown"]:,} {unit}{aside}'
            f"<br>{flag}</div>")


def households(people: pd.DataFrame) -> pd.DataFrame:
    """The household list as shown: failing and unknown (未填报) checks named, Chinese
    headers."""
    def named(column: str) -> list[str]:
        return [labels.LIST_SEPARATOR.join(labels.CHECK_NAMES[k] for k in keys) or labels.NO_DATA
                for keys in people[column]]

    return people.assign(
        failing=named("failing"), unknown=named("unknown"),
        exit_status=people["exit_status"].map(labels.EXIT_STATUSES),
    )[list(labels.HOUSEHOLD_COLUMNS)].rename(columns=labels.HOUSEHOLD_COLUMNS)


def household_issues(issues: pd.DataFrame) -> pd.DataFrame:
    """One household's issues for st.table (markdown cells): escaped, indexed by issue code."""
    days = {c: pd.to_datetime(issues[c]).dt.strftime("%Y-%m-%d").fillna(labels.NO_DATA)
            for c in ("found_date", "deadline")}  # a day, not a midnight
    return escape.markdown_table(
        issues.assign(status_asof=issues["status_asof"].map(labels.STATUSES), **days)
        .rename(columns=labels.OPEN_ISSUE_COLUMNS | {"found_date": labels.FOUND_DATE})
        .set_index(labels.OPEN_ISSUE_COLUMNS["issue_code"]))
