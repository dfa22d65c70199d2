"""The 通报's written summary: the figures of a Bulletin poured into labels.BULLETIN_* sentences.

Every number in a sentence comes from the Bulletin (services.bulletin_service); this module
only chooses the sentence and formats the figures (rates in %, one decimal, as everywhere;
a gap between two rates in 个百分点).
"""

from __future__ import annotations

import math

from paicha_geo import labels
from paicha_geo.domain import compare
from paicha_geo.domain.bulletin import UNIT_MIN_OUTCOMES, UNIT_RATE
from paicha_geo.domain.metrics import days_to_deadline
from paicha_geo.render.supervision_notice import clean

NAMES_IN_DEMAND = 3


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def is_percent(rate: str) -> bool:
    return labels.FAIR_RATES[rate][1] == "%"


def rate_text(value, rate: str) -> str:
    """A rate as the 通报 writes it: 61.2% or 3.21 个/百户 (— when undefined)."""
    if _missing(value):
        return labels.NO_DATA
    if is_percent(rate):
        return labels.format_rate(value)
    return f"{float(value):.2f} {labels.FAIR_RATES[rate][1]}"


def gap_text(gap: float, rate: str) -> str:
    if is_percent(rate):
        return labels.BULLETIN_GAP_POINTS.format(gap=gap * 100)
    return labels.BULLETIN_GAP_UNITS.format(gap=gap, unit=labels.FAIR_RATES[rate][1])


def _rate_name(b) -> str:
    return labels.FAIR_RATES[b.rank_by][0]


def _level(b) -> str:
    return labels.LEVELS[b.child_level]


def _whole(b) -> str:
    return labels.whole(b.region["name"])


def overall(b) -> list[str]:
    now, week = b.now, b.week
    return [
        labels.BULLETIN_OVERALL.format(
            asof=b.asof, region=clean(b.region["name"]), found=int(now["found"]),
            rectified=int(now["rectified"]), closed=int(now["closed"]),
            closeout=labels.format_rate(b.totals["closeout_rate"]),
            ontime=labels.format_rate(b.totals["ontime_rate"]), open=int(now["open"]),
            overdue=int(now["overdue"])),
        labels.BULLETIN_WEEK.format(first=week.first_day, last=week.last_day,
                                    found=week.found, rectified=week.rectified,
                                    closed=week.closed),
    ]


def _move(row) -> str:
    template = labels.BULLETIN_RANK_UP if row.rank_change > 0 else labels.BULLETIN_RANK_DOWN
    return template.format(name=clean(row.name), n=int(abs(row.rank_change)),
                           was=int(row.rank_before), now=int(row.rank))


def ranking(b) -> list[str]:
    if b.table.empty:
        return [labels.BULLETIN_NO_CHILDREN.format(region=clean(b.region["name"]))]
    ranked = b.table[b.table["rank"].notna()]
    if b.worst is None:
        return [labels.BULLETIN_RANK_NONE.format(level=_level(b), rate=_rate_name(b))]
    best = ranked.iloc[0]
    out = [labels.BULLETIN_RANK_LEAD.format(
        rate=_rate_name(b),
        direction=labels.RATE_DIRECTION[compare.FAIR_RATES[b.rank_by]],
        best=clean(best["name"]), best_value=rate_text(best[b.rank_by], b.rank_by),
        worst=clean(b.worst["name"]), worst_value=rate_text(b.worst[b.rank_by], b.rank_by))]
    if b.moves.empty:
        out.append(labels.BULLETIN_RANK_STILL.format(before=b.before, level=_level(b)))
    else:
        moves = labels.BULLETIN_LIST_SEP.join(_move(r) for r in b.moves.itertuples())
        out.append(labels.BULLETIN_RANK_MOVES.format(before=b.before, moves=moves,
                                                     level=_level(b)))
    return out


def behind(b) -> list[str]:
    rate, name, whole = b.rank_by, _rate_name(b), _whole(b)
    region_value = rate_text(b.totals[rate], rate)
    if b.table.empty:
        first = None
    elif b.behind.empty:
        first = labels.BULLETIN_BEHIND_NONE.format(level=_level(b), rate=name, whole=whole)
    else:
        items = [labels.BULLETIN_BEHIND_ITEM.format(
            name=clean(r.name), rate=name, value=rate_text(r.value, rate),
            side=labels.BULLETIN_SIDE[compare.FAIR_RATES[rate]], whole=whole,
            region_value=region_value, gap=gap_text(r.gap, rate))
            for r in b.behind.itertuples()]
        first = (labels.BULLETIN_BEHIND_LEAD.format(rate=name, whole=whole, level=_level(b),
                                                    n=len(items))
                 + labels.BULLETIN_LIST_SEP.join(items) + "。")
    unit_value = rate_text(b.totals[UNIT_RATE], UNIT_RATE)
    if _missing(b.totals[UNIT_RATE]):  # nothing due or closed yet: no unit to judge
        second = None
    elif b.units_behind.empty:
        second = labels.BULLETIN_UNITS_NONE.format(min=UNIT_MIN_OUTCOMES, whole=whole,
                                                   region_value=unit_value)
    else:
        units = [labels.BULLETIN_UNIT_ITEM.format(
            unit=clean(r.unit) or labels.UNIT_NONE, value=rate_text(r.value, UNIT_RATE),
            gap=gap_text(r.gap, UNIT_RATE), overdue=r.issues_overdue)
            for r in b.units_behind.itertuples()]
        second = (labels.BULLETIN_UNITS_LEAD.format(min=UNIT_MIN_OUTCOMES, whole=whole,
                                                    region_value=unit_value)
                  + labels.BULLETIN_LIST_SEP.join(units) + "。")
    return [p for p in (first, second) if p]


def supervision(b) -> list[str]:
    if b.marked.empty:
        return [labels.BULLETIN_SUPERVISION_NONE]
    places = labels.BULLETIN_NAME_SEP.join(
        labels.BULLETIN_PLACE_COUNT.format(name=clean(r.name), count=r.count)
        for r in b.marked_by_child.itertuples())
    oldest = b.marked.iloc[0]  # list_marked: most overdue first
    return [labels.BULLETIN_SUPERVISION.format(n=len(b.marked), places=places)
            + labels.BULLETIN_SUPERVISION_OLDEST.format(
                place=clean(oldest["place"]), item=clean(oldest["item"]),
                unit=clean(oldest["responsible_unit"]) or labels.UNIT_NONE,
                days=int(oldest["overdue_days"]))]


def demand(b) -> list[str]:
    if int(b.now["found"]) and not int(b.now["open"]):
        return [labels.BULLETIN_DEMAND_DONE.format(region=clean(b.region["name"]))]
    names = list(b.behind["name"].head(NAMES_IN_DEMAND))
    who = (labels.BULLETIN_DEMAND_BEHIND.format(
        names=labels.BULLETIN_NAME_SEP.join(clean(n) for n in names))
        if names else labels.BULLETIN_DEMAND_ALL)
    days = days_to_deadline(b.campaign, b.asof)
    template = labels.BULLETIN_DEMAND if days > 0 else labels.BULLETIN_DEMAND_LATE
    return [template.format(deadline=b.campaign.deadline, days=days, open=int(b.now["open"]),
                            who=who)]


def sections(b) -> list[tuple[str, str, list[str]]]:
    """(key, heading, paragraphs) in the order of the 通报; the document places the ranking
    table and the map after the "ranking" section's paragraphs."""
    parts = {"overall": overall, "ranking": ranking, "behind": behind,
             "supervision": supervision, "demand": demand}
    return [(key, labels.BULLETIN_HEADINGS[key].format(level=_level(b)), write(b))
            for key, write in parts.items()]
