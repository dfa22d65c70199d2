"""The house's arrows: each layer imports only the layers below it (GUIDE section 4).

Walks every module's imports with `ast` (top-level and inside functions) and fails on any
arrow the table does not allow, naming the module and the import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "paicha_geo"

# layer -> the paicha_geo layers it may import (besides itself).
ALLOWED = {
    "pages": {"services", "render", "labels"},
    "services": {"domain", "store", "io", "render", "labels", "config", "demo"},
    "render": {"domain", "labels"},
    "io": {"domain"},
    "store": {"domain"},
    "domain": set(),
    "labels": set(),
    "config": {"domain", "io"},  # settings and the package's data files (io.data_files)
    "demo": {"domain", "store", "io", "config", "labels"},
    "cli": {"services", "labels", "config", "demo", "store"},
    "web": {"services", "render", "labels"},  # the sign-in gate in front of the pages
    "launcher": {"web"},  # serve.py: st.App with the gate's routes and middleware
}
STREAMLIT = ("streamlit", "streamlit_folium")


# Top-level modules that belong to a layer.
MODULE_LAYER = {"cli_ledger": "cli", "cli_accounts": "cli"}


def layer_of(path: Path) -> str:
    rel = path.relative_to(ROOT)
    if rel.name == "serve.py":
        return "launcher"
    if rel.parts[0] == "app_pages" or rel.name == "app.py":
        return "pages"
    name = rel.parts[1] if len(rel.parts) > 2 else rel.stem
    return MODULE_LAYER.get(name, name)


def imported_layers(path: Path) -> list[tuple[str, str]]:
    """(layer or 'streamlit', the import as written) for each import in the file."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + ([f"{node.module}.{a.name}" for a in node.names]
                                     if node.module == "paicha_geo" else [])
        for name in names:
            parts = name.split(".")
            if parts[0] in STREAMLIT:
                out.append(("streamlit", name))
            elif parts[0] == "paicha_geo" and len(parts) > 1:
                out.append((MODULE_LAYER.get(parts[1], parts[1]), name))
    return out


def modules() -> list[Path]:
    files = sorted(PACKAGE.rglob("*.py")) + sorted((ROOT / "app_pages").glob("*.py"))
    return [*files, ROOT / "app.py", ROOT / "serve.py"]


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_import_points_down(path):
    layer = layer_of(path)
    if path.name == "__init__.py" and path.parent == PACKAGE:
        return
    allowed = ALLOWED[layer] | {layer}
    wrong = [name for target, name in imported_layers(path)
             if (target == "streamlit" and layer not in ("pages", "launcher"))
             or (target not in ("streamlit",) and target not in allowed)]
    assert not wrong, f"{path.relative_to(ROOT)} ({layer}) may not import {wrong}"


def test_the_walk_catches_a_page_importing_the_store(tmp_path):
    page = ROOT / "app_pages" / "_probe_layers.py"
    page.write_text("from paicha_geo.store import Store\nimport paicha_geo.domain.rules\n",
                    encoding="utf-8")
    try:
        found = {t for t, _ in imported_layers(page)}
        assert layer_of(page) == "pages"
        assert {"store", "domain"} <= found
        assert not ({"store", "domain"} <= ALLOWED["pages"])
    finally:
        page.unlink()
