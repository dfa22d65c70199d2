"""Names on a map are text, never template syntax (AppTest, the map's own payload).

folium compiles the script it renders for every map element as a Jinja template (branca's
Element). A village named with "{{", "{%" or "{#" reached the 督查选点 route's tooltips
through escape.text, which let braces through: the page failed with a template syntax error,
and wherever a map is rendered whole, Jinja would run what the name says.
"""

from __future__ import annotations

import html
import json

import duckdb
import pytest

from tests.hostile_fixture import hostile_copy, pages_on, run_page

TEMPLATES = ("{{村", "{% 村 %}", "{#村")


@pytest.fixture(scope="module")
def templated_db(demo_db, tmp_path_factory):
    db = hostile_copy(demo_db, tmp_path_factory.mktemp("templated") / "t.duckdb", TEMPLATES)
    con = duckdb.connect(str(db), read_only=True)
    village = con.execute("SELECT region_code FROM issue i JOIN village v "
                          "ON v.code = i.region_code ORDER BY 1 LIMIT 1").fetchone()[0]
    con.close()
    with pages_on(db):
        yield village


def _tooltips(at) -> list[str]:
    """The text of the map's marker tooltips, as the browser shows it."""
    (component,) = at.get("component_instance")
    script = json.loads(component.proto.json_args)["feature_group"]
    return [html.unescape(" ".join(t.split())) for t in script.split("bindTooltip(\n")[1:]]


def test_the_trip_map_shows_template_syntax_in_names_as_typed(templated_db):
    at = run_page("inspect.py")  # the city's top villages, chosen and routed at first
    stops = [t for t in _tooltips(at) if t.startswith("`<div> 1. ")]
    assert stops, "no numbered stop on the trip map"
    assert any(t in stops[0] for t in TEMPLATES), stops[0]
