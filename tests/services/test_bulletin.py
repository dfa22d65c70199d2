"""The weekly 通报 on the demo at 2020-05-31: the .docx opens, and what it says about the worst
district, the week and the ranking matches figures computed here from the issues directly."""

import datetime as dt
import io

import docx
import pandas as pd
import pytest
from PIL import Image

from paicha_geo.domain import compare
from paicha_geo.domain import metrics as m
from paicha_geo.services import bulletin_service, compare_service, data, map_service
from tests.ledger_helpers import copy_store
from tests.signin import viewer

ASOF = dt.date(2020, 5, 31)
CITY = data.Scope("")
WUJIN = "武进区"


@pytest.fixture(scope="module")
def setting(demo_db, tmp_path_factory):
    store = copy_store(demo_db, tmp_path_factory.mktemp("bulletin"))
    yield store, data.load_snapshot(store), map_service.map_layers(store)
    store.close()


def read(blob: bytes) -> tuple[str, list[list[list[str]]], int]:
    """The document's paragraphs as one text, its tables as text, its pictures' count."""
    doc = docx.Document(io.BytesIO(blob))
    body = "\n".join(p.text for p in doc.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    return body, tables, len(doc.inline_shapes)


def ontime_by_district(snap) -> tuple[pd.Series, float]:
    """On-time close-out rate per district and for the city, from the issues as of the day
    (closed by the deadline / outcome known), not through the comparison code."""
    issues = data.issues_in_scope(snap, CITY, ASOF)
    district = issues["region_code"].str[:6] + "000000"
    on_time = issues["closed_on_time"].astype(int).groupby(district).sum()
    known = issues["outcome_known"].astype(int).groupby(district).sum()
    names = snap.regions.set_index("code")["name"]
    districts = snap.regions[snap.regions["level"] == "district"]["code"]
    rates = (on_time / known).reindex(districts)
    rates.index = rates.index.map(names)
    total = issues["closed_on_time"].sum() / issues["outcome_known"].sum()
    return rates, float(total)


@pytest.fixture(scope="module")
def city_bulletin(setting):
    store, snap, layers = setting
    me = viewer(store, "leader")
    return read(bulletin_service.bulletin_file(store, snap, me, me.scope, ASOF, layers,
                                               rank_by="ontime_rate"))


def test_the_bulletin_names_the_worst_district_and_the_numbers_that_make_it_so(
        setting, city_bulletin):
    _store, snap, _layers = setting
    body, tables, pictures = city_bulletin
    rates, total = ontime_by_district(snap)
    worst = rates.idxmin()
    gap = (total - rates[worst]) * 100
    assert f"{worst}居末位（{rates[worst]:.1%}）" in body
    assert (f"{worst}按期销号率 {rates[worst]:.1%}，低于全市 {total:.1%} {gap:.1f} 个百分点"
            in body)
    assert f"{rates.idxmax()}居首（{rates.max():.1%}）" in body
    behind = [n for n in rates.index if rates[n] < total]
    assert f"差于全市水平的市(区)有{len(behind)}个" in body
    ranking = tables[0]
    assert ranking[0][:3] == ["排名", "地区", "按期销号率"]
    assert [r[1] for r in ranking[1:-1]] == list(rates.sort_values(ascending=False).index)
    assert ranking[-2][:3] == ["6", worst, f"{rates[worst]:.1%}"]
    assert ranking[-1][1:3] == ["常州市（合计）", f"{total:.1%}"]
    assert pictures == 1
    assert "常州市扶贫工作领导小组办公室" in body and "2020年5月31日" in body


def test_the_weeks_flow_matches_the_issues_found_and_closed_in_those_seven_days(
        setting, city_bulletin):
    _store, snap, _layers = setting
    body, _tables, _pictures = city_bulletin
    issues = data.issues_in_scope(snap, CITY, ASOF)
    found = pd.to_datetime(issues["found_date"]).dt.date
    new = int(((found > dt.date(2020, 5, 24)) & (found <= ASOF)).sum())
    before = m.status_as_of(snap.issues[snap.issues["issue_code"].isin(issues["issue_code"])],
                            snap.history, dt.date(2020, 5, 24))
    closed = int((issues["status_asof"] == "closed").sum()
                 - (before["status_asof"] == "closed").sum())
    assert f"本周（5月25日—5月31日）新增问题{new}个" in body
    assert f"销号{closed}个" in body
    assert "本周" in body and "None" not in body and "nan" not in body


def test_the_bulletin_ranks_by_the_comparisons_default_rate(setting):
    store, snap, layers = setting
    me = viewer(store, "leader")
    b = bulletin_service.bulletin(store, snap, me, me.scope, ASOF, layers)
    table = compare_service.comparison_view(snap, me.scope, ASOF).table
    assert b.rank_by == compare.DEFAULT_RANK_BY
    assert b.worst["name"] == table.dropna(subset=["rank"]).iloc[-1]["name"]
    assert len(b.marked) == b.marked_by_child["count"].sum() > 0


def test_a_districts_bulletin_covers_its_own_townships_only(setting):
    store, snap, layers = setting
    me = viewer(store, "district")
    body, tables, _pictures = read(bulletin_service.bulletin_file(
        store, snap, me, me.scope, ASOF, layers))
    towns = set(snap.regions[snap.regions["parent_code"] == "320412000000"]["name"])
    assert body.startswith(f"{WUJIN}脱贫攻坚问题排查整改工作通报")
    assert {r[1] for r in tables[0][1:-1]} == towns
    others = set(snap.regions[snap.regions["level"] == "district"]["name"]) - {WUJIN}
    assert not [n for n in others if n in body]
    assert all(row[2].startswith(WUJIN) for row in tables[1][1:])  # the 挂牌督办 annex


def test_the_map_picture_colours_the_six_districts_in_more_than_one_colour(setting):
    store, snap, layers = setting
    view = map_service.region_view(snap, CITY, ASOF)
    for png in (bulletin_service.map_picture(layers, view, "issues_open"),
                bulletin_service.bulletin(store, snap, viewer(store, "leader"), CITY, ASOF,
                                          layers).map_png):
        image = Image.open(io.BytesIO(png))
        assert image.format == "PNG" and 1200 <= image.width <= 4000
        assert 0.5 <= image.height / image.width <= 1.0
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        # big areas of colour: the districts' fills (white, black text and grey edges are
        # not colours; a one-colour map has exactly one such area)
        fills = [rgb for n, rgb in colours if n > 5000 and len(set(rgb)) > 1]
        assert len(fills) >= 2, fills


def test_a_picture_of_villages_greys_the_non_weak_ones_as_the_page_does(setting):
    _store, snap, layers = setting
    town = snap.regions[snap.regions["level"] == "town"]["code"].min()
    view = map_service.region_view(snap, data.Scope.of(town, "town"), ASOF)
    assert view.child_level == "village" and view.child_weak_types.isna().any()

    def grey_area(png: bytes) -> int:
        colours = Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=1 << 20)
        return sum(n for n, rgb in colours if rgb == (0xEE, 0xEE, 0xEE))

    assert grey_area(bulletin_service.map_picture(layers, view, "issues_open")) > 5000
    assert grey_area(bulletin_service.map_picture(layers, view, "issues_open", True)) < 500
