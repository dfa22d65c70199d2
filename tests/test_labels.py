"""The labels package: every name defined once, complete where it is defined, and used.

A label nobody references is dead text a translator would still maintain; a name defined in
two modules is one wording silently shadowing the other under `labels.X`.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

from paicha_geo import labels

ROOT = Path(__file__).resolve().parents[1]
LABEL_MODULES = sorted(p for p in Path(labels.__file__).parent.glob("*.py")
                       if p.name != "__init__.py")
CODE = [p for folder in ("paicha_geo", "app_pages", "tests", "tools", "bench")
        for p in sorted((ROOT / folder).rglob("*.py"))] + [ROOT / "app.py"]


def definitions(path: Path) -> list[str]:
    """Names a module defines at its top level (assignments and functions)."""
    out = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            out += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            out.append(node.target.id)
        elif isinstance(node, ast.FunctionDef):
            out.append(node.name)
    return out


def duplicates(paths: list[Path]) -> list[str]:
    counts = Counter(name for path in paths for name in definitions(path))
    return sorted(name for name, n in counts.items() if n > 1)


def references(paths: list[Path]) -> Counter:
    """Every name read (labels.X, X) and every string constant (a code, "STATUSES") in code."""
    found = Counter()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                found[node.id] += 1
            elif isinstance(node, ast.Attribute):
                found[node.attr] += 1
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                found[node.value] += 1
    return found


def unused(label_paths: list[Path], code_paths: list[Path]) -> list[str]:
    used = references(code_paths)
    return sorted({name for path in label_paths for name in definitions(path)
                   if not used[name]})


def mutations(path: Path) -> list[str]:
    """Top-level statements that change a name after its definition (X[k] = v, X.update())."""
    out = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and not all(isinstance(t, ast.Name)
                                                    for t in node.targets):
            out.append(f"line {node.lineno}: {ast.unparse(node)[:60]}")
        elif isinstance(node, ast.AugAssign) or (
                isinstance(node, ast.Expr) and not isinstance(node.value, ast.Constant)):
            out.append(f"line {node.lineno}: {ast.unparse(node)[:60]}")
    return out


def test_no_label_is_defined_twice():
    assert duplicates(LABEL_MODULES) == []


def test_every_label_is_referenced_by_some_code_or_test():
    assert unused(LABEL_MODULES, CODE) == []


@pytest.mark.parametrize("path", LABEL_MODULES, ids=lambda p: p.name)
def test_each_label_is_complete_where_it_is_defined(path):
    assert mutations(path) == []


def test_every_definition_is_reachable_as_labels_dot_name():
    for path in LABEL_MODULES:
        for name in definitions(path):
            assert name.startswith("_") or hasattr(labels, name), (path.name, name)


def test_the_checks_catch_a_twin_a_dead_label_and_a_late_change(tmp_path):
    one, two, user = tmp_path / "one.py", tmp_path / "two.py", tmp_path / "page.py"
    one.write_text('A = "甲"\nB = {"x": "乙"}\nB["y"] = "丙"\n', encoding="utf-8")
    two.write_text('A = "丁"\nDEAD = "戊"\n', encoding="utf-8")
    user.write_text("from paicha_geo import labels\nprint(labels.A, labels.B)\n",
                    encoding="utf-8")
    assert duplicates([one, two]) == ["A"]
    assert unused([one, two], [user]) == ["DEAD"]
    assert mutations(one) == ['line 3: B[\'y\'] = \'丙\'']
