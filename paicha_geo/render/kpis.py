"""KPI tiles as text: which figures a page shows, in what format, with what help."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from paicha_geo import labels

MAP_KPIS = ("issues_found", "issues_open", "issues_overdue", "closeout_rate", "ontime_rate",
            "households_failing_any")
PROGRESS_KPIS = MAP_KPIS[:5]


@dataclass(frozen=True)
class Tile:
    label: str
    value: str
    help: str | None = None


def value_text(key: str, value) -> str:
    """One format per kind: rates as 12.3%, counts with thousands separators, '—' for none."""
    if key.endswith("_rate"):
        return labels.format_rate(value)
    if value is None or pd.isna(value):
        return labels.NO_DATA
    return f"{int(value):,}"


def tiles(totals: pd.Series, keys=MAP_KPIS) -> list[Tile]:
    return [Tile(labels.METRICS[k][0], value_text(k, totals[k]), labels.KPI_HELP.get(k))
            for k in keys]


def weak_summary(totals: pd.Series) -> str:
    """'经济薄弱村 12 个（省定 4，市定 8）· 低收入农户 1,234 户 · 点击…' under the map's KPIs."""
    return labels.WEAK_SUMMARY.format(
        weak=labels.METRICS["weak_villages"][0], count=int(totals.weak_villages),
        province=labels.WEAK_TYPES["province"], province_count=int(totals.weak_villages_province),
        city=labels.WEAK_TYPES["city"], city_count=int(totals.weak_villages_city),
        households=labels.METRICS["households"][0], household_count=int(totals.households),
        hint=labels.CLICK_HINT)
