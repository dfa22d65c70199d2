"""佐证材料 on the 整改台账 status tab, signed in as the 武进区 official (AppTest, no browser):
a photo uploaded shows as a thumbnail with its line and a download; a program renamed .jpg is
refused by content with the file named; removal asks why and keeps the row."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from paicha_geo.store import Store
from tests import evidence_files
from tests.conftest import ROOT
from tests.signin import signed_in


def _issue(db) -> str:
    with Store(db, read_only=True) as s:
        return s.cursor().execute("SELECT issue_code FROM issue WHERE region_code LIKE "
                                  "'320412%' AND status = 'rectifying' ORDER BY issue_code "
                                  "LIMIT 1").fetchone()[0]


def _said(elements) -> list[str]:
    """What the elements show: their markdown with the escapes (backslashes) resolved."""
    return [e.value.replace("\\", "") for e in elements]


def _open_card(at, code: str) -> None:
    """Search the 问题台账 grid for the code and tick its row (as the browser would)."""
    at.text_input(key="grid_q").set_value(code)
    at.run()
    grid = next(d for d in at.dataframe if (d.key or "").startswith("grid-"))
    at.session_state[grid.key] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


def _upload(at, name: str, data: bytes, kind: str = "after"):
    at.selectbox(key="evidence-kind").set_value(kind)
    at.file_uploader(key="evidence-file").set_value((name, data, "image/jpeg"))
    _button(at, "上传").click()
    return at.run()


def test_the_official_attaches_a_photo_and_removes_it_with_a_reason(db):
    code = _issue(db)
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), "district")
    at.switch_page("app_pages/ledger.py")
    at.run()
    _open_card(at, code)
    assert not at.exception, [e.value for e in at.exception]
    assert "尚无佐证材料。" in [c.value for c in at.caption]

    _upload(at, "现场.jpg", evidence_files.EXE)  # a program renamed .jpg
    assert any("文件“现场.jpg”实际是Windows 可执行程序" in e for e in _said(at.error))
    assert len(at.image) == 0

    _upload(at, "整改后.jpg", evidence_files.jpeg(640, 480))
    assert not at.exception, [e.value for e in at.exception]
    assert any("已上传：整改后.jpg（整改后）" in s for s in _said(at.success))
    assert len(at.image) == 1
    line = next(c for c in _said(at.caption) if "整改后.jpg" in c)
    assert "武进区扶贫办（district）" in line and "整改后" in line
    with Store(db) as s:
        assert s.cursor().execute("SELECT file_name, kind, account_id FROM evidence "
                                  "WHERE issue_code = ?", [code]).fetchall() == [
            ("整改后.jpg", "after", "district")]
        evidence_id = s.cursor().execute("SELECT max(evidence_id) FROM evidence").fetchone()[0]

    _button(at, "移除").click().run()  # no reason given: refused, nothing changes
    assert any("移除佐证材料须填写原因" in e for e in _said(at.error))
    at.text_input(key=f"evidence-why-{evidence_id}").set_value("拍错了问题")
    _button(at, "移除").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("已移除：整改后.jpg" in s for s in _said(at.success))
    assert len(at.image) == 0
    with Store(db) as s:
        assert s.cursor().execute("SELECT removed_by, remove_reason FROM evidence "
                                  "WHERE evidence_id = ?", [evidence_id]).fetchall() == [
            ("district", "拍错了问题")]


def test_a_file_name_is_shown_as_text_not_as_markdown(db):
    from paicha_geo.render import escape

    code = _issue(db)
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), "district")
    at.switch_page("app_pages/ledger.py")
    at.run()
    _open_card(at, code)
    name = "[点我](evil.example) _斜_ $x$ ~删~ #1.jpg"  # (/ * : < > are replaced on upload)
    _upload(at, name, evidence_files.jpeg(), kind="before")
    assert not at.exception, [e.value for e in at.exception]
    line = next(c.value for c in at.caption if "evil" in c.value)
    assert line.startswith(escape.markdown(f"整改前 · {name} · "))  # every mark escaped


def test_the_evidence_limit_is_within_streamlits_upload_limit():
    """Streamlit refuses a larger upload (in English) before our check could word it."""
    import json
    import tomllib

    from paicha_geo.config import PACKAGE_DATA

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    evidence = json.loads((PACKAGE_DATA / "settings.json").read_text(encoding="utf-8"))
    assert evidence["evidence"]["max_mb"] <= config["server"]["maxUploadSize"]
