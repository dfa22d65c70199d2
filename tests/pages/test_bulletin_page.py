"""The 通报 and map-picture downloads on the pages (AppTest): there for the leader and for a
district official, and the district's 通报 covers its own district only."""

from __future__ import annotations

import io

import docx
import pytest
from PIL import Image
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from paicha_geo import labels
from tests.conftest import ROOT
from tests.signin import signed_in

ASOF = "2020-05-31"


@pytest.fixture
def deferred(monkeypatch) -> dict:
    """file name -> the callable a deferred download button would run when clicked."""
    found = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        found[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return found


def open_page(page: str, account: str, **query) -> AppTest:
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=180), account)
    at.switch_page(f"app_pages/{page}.py")
    at.query_params["asof"] = ASOF
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.get("download_button")]


def text_of(blob: bytes) -> str:
    doc = docx.Document(io.BytesIO(blob))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.mark.parametrize("page", ["compare", "progress"])
def test_the_leader_gets_the_bulletin_beside_the_weekly_report(db, deferred, page):
    at = open_page(page, "leader")
    assert {labels.REPORT_DOWNLOAD, labels.BULLETIN_DOWNLOAD} <= set(buttons(at))
    body = text_of(deferred["常州市_整改通报_20200531.docx"]())
    assert body.startswith("常州市脱贫攻坚问题排查整改工作通报")
    assert "居末位" in body and "钟楼区" in body


def test_the_districts_bulletin_covers_wujin_only(db, deferred):
    at = open_page("compare", "district")
    assert labels.BULLETIN_DOWNLOAD in buttons(at)
    assert list(deferred) == ["武进区_整改周报_20200531.xlsx", "武进区_整改通报_20200531.docx"]
    body = text_of(deferred["武进区_整改通报_20200531.docx"]())
    assert body.startswith("武进区脱贫攻坚问题排查整改工作通报")
    assert "各乡镇(街道)排名" in body and "湖塘镇" in body
    assert not [n for n in ("溧阳市", "金坛区", "新北区", "天宁区", "钟楼区") if n in body]


@pytest.mark.parametrize("account", ["leader", "district"])
def test_the_map_page_offers_its_current_map_as_a_picture(db, deferred, account):
    at = open_page("map", account, metric="超期未整改问题")
    assert labels.MAP_PNG_DOWNLOAD in buttons(at)
    region = "常州市" if account == "leader" else "武进区"
    name = f"{region}_超期未整改问题_20200531.png"  # the page's region and metric
    assert [n for n in deferred if n.endswith(".png")] == [name]
    image = Image.open(io.BytesIO(deferred[name]()))
    assert image.format == "PNG" and image.size == (2000, 1500)
