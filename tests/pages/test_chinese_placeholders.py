"""Every select box and multiselect a page draws names its placeholder in Chinese: left out,
Streamlit shows "Choose an option" (a screen reader reads it even when a value is chosen)."""

from __future__ import annotations

import ast
from pathlib import Path

PAGES = Path(__file__).resolve().parents[2] / "app_pages"
WIDGETS = {"selectbox", "multiselect"}


def _calls_without_placeholder(path: Path) -> list[str]:
    missing = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in WIDGETS):
            continue
        owner = node.func.value
        if isinstance(owner, ast.Name) and owner.id == "_params":
            continue  # the wrapper sets the Chinese placeholder itself
        if not any(k.arg == "placeholder" for k in node.keywords):
            missing.append(f"{path.name}:{node.lineno}")
    return missing


def test_every_select_box_on_a_page_has_a_chinese_placeholder():
    missing = [where for path in sorted(PAGES.glob("*.py"))
               for where in _calls_without_placeholder(path)]
    assert missing == []


def test_the_guard_sees_a_select_box_without_one(tmp_path):
    page = tmp_path / "page.py"
    page.write_text("import streamlit as st\nst.selectbox('x', [1])\n"
                    "st.selectbox('y', [1], placeholder='请选择')\n", encoding="utf-8")
    assert _calls_without_placeholder(page) == ["page.py:2"]
