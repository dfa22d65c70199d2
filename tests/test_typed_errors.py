"""Typed errors: below the services a problem is a code and its fields; labels words it."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from paicha_geo import labels
from paicha_geo.domain.errors import Message, Term, UserError
from paicha_geo.io.imports import values
from paicha_geo.io.imports.common import CellError, ImportProblem
from paicha_geo.io.imports.items import GUARANTEE_NAMES
from paicha_geo.store import StoreBusyError

PACKAGE = Path(__file__).resolve().parents[1] / "paicha_geo"
BELOW_SERVICES = [p for layer in ("domain", "io", "store") for p in (PACKAGE / layer).rglob("*.py")]
CODE = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")


def _strings(path: Path) -> set[str]:
    return {node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_every_code_below_the_services_has_a_wording_in_labels():
    codes = {(path.name, s) for path in BELOW_SERVICES for s in _strings(path) if CODE.match(s)}
    assert codes, "no codes found: the scan is broken"
    missing = sorted((name, code) for name, code in codes if not hasattr(labels, code))
    assert not missing


@pytest.mark.parametrize("path", BELOW_SERVICES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_domain_io_and_store_import_neither_labels_nor_config(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported |= {f"{node.module}.{a.name}" for a in node.names} | {node.module}
        elif isinstance(node, ast.Import):
            imported |= {a.name for a in node.names}
    assert not {m for m in imported if m.startswith(("paicha_geo.labels", "paicha_geo.config"))}


def test_say_words_nested_messages_terms_and_lists():
    problem = ImportProblem("表.xlsx", 7, Term("FIELD_LABELS", "deadline"), Message(
        "ERR_DEADLINE_BEFORE_FOUND", deadline=dt.date(2020, 1, 1), found=dt.date(2020, 2, 1)),
        sheet="武进")
    assert labels.say(problem.as_message()) == (
        "表.xlsx［武进］ 第7行 “整改时限”列：整改时限 2020-01-01 早于发现日期 2020-02-01")
    assert labels.say(Message("NOTE_UNKNOWN_COLUMNS", columns=("甲", "乙"))) == \
        "以下列未识别，已忽略：甲、乙"
    assert labels.say(Term("STATUSES", "closed")) == "已销号"
    assert labels.say(Term("STATUSES", "unheard-of")) == "unheard-of"


def test_a_cell_error_says_the_same_sentence_as_before():
    with pytest.raises(CellError) as err:
        values.parse_date("下周")
    assert labels.say(err.value) == \
        "无法识别的日期“下周”，请写成 2020-06-30、2020/6/30 或 2020年6月30日"
    assert "ERR_BAD_DATE" in str(err.value)  # str() is for logs: the code and its fields


def test_a_store_error_keeps_its_class_and_words_its_path(tmp_path):
    busy = StoreBusyError(tmp_path / "x.duckdb")
    assert isinstance(busy, UserError) and busy.code == "DB_BUSY"
    assert str(tmp_path / "x.duckdb") in labels.say(busy) and "占用" in labels.say(busy)


def test_history_lists_changes_with_a_semicolon():
    note = Message("HISTORY_IMPORT_UPDATE", file="f.csv", row=3, changes=(
        Message("HISTORY_CHANGE", label=Term("FIELD_LABELS", "status"),
                old=Term("STATUSES", "pending"), new=Term("STATUSES", "rectifying")),
        Message("HISTORY_CHANGE", label=Term("FIELD_LABELS", "measures"),
                old=Message("HISTORY_EMPTY_VALUE"), new="补齐台账")))
    assert labels.say(note) == \
        "导入更新（f.csv 第3行）：整改状态：待整改→整改中；整改措施：（空）→补齐台账"


@pytest.mark.parametrize("shown, parse", [
    (labels.STATUSES, values.parse_status), (labels.SOURCES, values.parse_source),
    (labels.SEVERITIES, values.parse_severity)])
def test_every_word_the_ledger_export_writes_is_read_back_by_the_import(shown, parse):
    """The import's word lists are its own data; the exported words must stay among them."""
    assert {key: parse(word) for key, word in shown.items()} == {key: key for key in shown}


def test_the_importer_knows_every_guarantee_by_its_shown_name():
    assert set(GUARANTEE_NAMES) == set(labels.GUARANTEES.values())
