"""The weekly 通报 (a Word document a 扶贫办 sends) and the map pictures (PNG).

One region (in the viewer's scope) and one week (the 7 days ending at the as-of date): the
figures come from the same views as the pages (comparison, progress, 挂牌督办 list), so the
通报 says what the comparison page and the progress page show; the ranking is on the
comparison's rate (compare.DEFAULT_RANK_BY unless chosen), the one definition of "worst".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from paicha_geo import labels
from paicha_geo.domain import bulletin as rules
from paicha_geo.domain import compare
from paicha_geo.domain.campaign import Campaign
from paicha_geo.domain.filters import IssueFilters
from paicha_geo.domain.regions import PREFIX_LENGTH
from paicha_geo.render import bulletin_docx
from paicha_geo.render.scales import NEUTRAL_COLOR, scale_for
from paicha_geo.services import supervision_service
from paicha_geo.services.compare_service import comparison_view
from paicha_geo.services.data import Scope, Snapshot, issues_in_scope
from paicha_geo.services.map_service import RegionView
from paicha_geo.services.progress_service import progress_view
from paicha_geo.services.session_service import Viewer
from paicha_geo.store import Store


@dataclass
class Bulletin:
    """Everything the 通报 says, as figures; render.bulletin_docx words and lays it out."""

    campaign: Campaign
    region: pd.Series  # code, name, level
    child_level: str
    asof: dt.date
    before: dt.date
    issuer: str
    rank_by: str
    now: pd.Series  # cumulative found, rectified, closed, open, overdue at the as-of date
    totals: pd.Series  # the region's own rates (comparison view)
    week: rules.WeekFlow
    table: pd.DataFrame  # compare.comparison_table, best first
    worst: pd.Series | None
    moves: pd.DataFrame  # name, rank_before, rank, rank_change
    behind: pd.DataFrame  # name, value, gap
    units_behind: pd.DataFrame  # unit, value, gap, issues_outcome_known, issues_overdue
    marked: pd.DataFrame  # supervision_service.list_marked
    marked_by_child: pd.DataFrame  # name, count
    map_png: bytes
    is_demo: bool


def _ranking_map(layers: dict, view, rank_by: str) -> bytes:
    """The children coloured by the ranking rate in classes from their own spread."""
    from paicha_geo.render import static_map  # matplotlib (~30 MB) only once a map is drawn

    shapes = layers[view.child_level].set_index("code").loc[list(view.table["code"])]
    values = view.table[rank_by].to_list()
    name, unit = labels.FAIR_RATES[rank_by]
    scale = static_map.spread_scale(values, compare.FAIR_RATES[rank_by], percent=unit == "%")
    worst_row = rules.worst(view.table)
    worst = "" if worst_row is None else worst_row["name"]
    return static_map.map_png(
        shapes.reset_index(), values, scale,
        title=labels.MAP_PNG_TITLE.format(region=view.region["name"], metric=name),
        legend_title=labels.BULLETIN_MAP_LEGEND.format(
            rate=name, unit="" if unit == "%" else labels.LEGEND_UNIT.format(unit=unit)),
        note=labels.BULLETIN_MAP_NOTE.format(asof=view.asof, worst=worst),
        highlight=() if worst_row is None else (worst_row["code"],))


def _region_name(snap: Snapshot, scope: Scope) -> str:
    return snap.region(snap.regional(scope))["name"]


def bulletin(store: Store, snap: Snapshot, viewer: Viewer, scope: Scope, asof: dt.date,
             layers: dict, filters: IssueFilters | None = None,
             rank_by: str = compare.DEFAULT_RANK_BY) -> Bulletin:
    """The figures of the 通报 of the region of `scope` for the week ending `asof`;
    `layers` are the map's simplified geometries (map_service.map_layers)."""
    scope = snap.regional(scope)
    view = comparison_view(snap, scope, asof, filters, rank_by)
    progress = progress_view(snap, scope, asof, filters)
    series = progress.series
    marked = supervision_service.list_marked(store, snap, scope, asof)
    where = issues_in_scope(snap, scope, asof).set_index("issue_code")["region_code"]
    children = snap.regions[snap.regions["parent_code"] == view.region["code"]]
    by_child = rules.count_by_child(marked["issue_code"].map(where), children,
                                    PREFIX_LENGTH[view.child_level])
    return Bulletin(
        campaign=snap.campaign, region=view.region, child_level=view.child_level, asof=asof,
        before=view.before, issuer=supervision_service.issuer(snap, viewer), rank_by=rank_by,
        now=rules.cumulative_at(series, asof), totals=view.totals,
        week=rules.week_flow(series, asof),
        table=view.table, worst=rules.worst(view.table), moves=rules.rank_moves(view.table),
        behind=rules.behind(view.table, view.totals[rank_by], rank_by),
        units_behind=rules.units_behind(progress.units, view.totals[rules.UNIT_RATE]),
        marked=marked, marked_by_child=by_child,
        map_png=_ranking_map(layers, view, rank_by) if not view.table.empty else b"",
        is_demo=snap.is_demo,
    )


def bulletin_file(store: Store, snap: Snapshot, viewer: Viewer, scope: Scope, asof: dt.date,
                  layers: dict, filters: IssueFilters | None = None,
                  rank_by: str = compare.DEFAULT_RANK_BY) -> bytes:
    """The 通报 as a .docx."""
    return bulletin_docx.build_bulletin(
        bulletin(store, snap, viewer, scope, asof, layers, filters, rank_by))


def bulletin_file_name(snap: Snapshot, scope: Scope, asof: dt.date) -> str:
    return labels.BULLETIN_FILE.format(region=_region_name(snap, scope), asof=asof)


def map_picture(layers: dict, view: RegionView, metric: str, color_all: bool = False) -> bytes:
    """The map page's current map (its region, level and metric, its colour scale) as a
    PNG for WeChat groups. As on the page, a map of villages colours only the weak ones
    unless `color_all`."""
    from paicha_geo.render import static_map  # matplotlib only once a map is drawn

    shapes = layers[view.child_level].set_index("code").loc[list(view.children["code"])]
    values = view.child_metrics[metric].to_list()
    scale = scale_for(metric, view.child_metrics[metric])
    weak = view.child_weak_types  # None above the village level
    coloured = ([True] * len(values) if color_all or weak is None
                else [isinstance(w, str) for w in weak])
    fills = [scale.color(v) if c else NEUTRAL_COLOR
             for v, c in zip(values, coloured, strict=True)]
    name, unit = labels.MAP_METRICS[metric]
    return static_map.map_png(
        shapes.reset_index(), values, scale, fills=fills,
        title=labels.MAP_PNG_TITLE.format(region=view.region["name"], metric=name),
        legend_title=name + (labels.LEGEND_UNIT.format(unit=unit)
                             if unit and unit != "%" else ""),
        note=labels.MAP_PNG_NOTE.format(
            asof=view.asof, demo=labels.BULLETIN_DEMO_NOTE if view.is_demo else ""))


def map_picture_name(view: RegionView, metric: str) -> str:
    return labels.MAP_PNG_FILE.format(region=view.region["name"],
                                      metric=labels.MAP_METRICS[metric][0], asof=view.asof)
