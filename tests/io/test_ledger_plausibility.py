"""Implausible input: values outside the ranges in settings, wrong ID numbers, numbers too big
for the database, garbled encodings, and files over the limits. Each is named with file, row
and column (or as a file problem), and a refused file leaves the database exactly as before."""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile

import pytest

from paicha_geo import cli
from paicha_geo.domain.id_numbers import id_check_digit
from paicha_geo.domain.settings import Limits, Range, Settings
from paicha_geo.services import ledger_service as ls
from paicha_geo.services.data import EVERYTHING
from paicha_geo.store import Store
from paicha_geo.store import ledger as sl
from paicha_geo.store import queries as q
from tests.ledger_helpers import copy_store, csv_bytes, fingerprint, village_path, xlsx_bytes
from tests.said import raises_saying

HOUSEHOLD = ["户编号", "区县", "乡镇", "村", "家庭人口", "是否脱贫", "人均纯收入", "身份证号",
             "适龄儿童人数", "住院自付比例"]
VILLAGE = ["区县", "乡镇", "村", "集体经营性收入(万元)", "人口"]
GOOD_ID = "320412199001011231"  # a valid check digit (the GB 11643 example is 11010519491231002X)


@pytest.fixture(scope="module")
def store(demo_db, tmp_path_factory, module_backend):
    s = copy_store(demo_db, tmp_path_factory.mktemp("plaus"), backend=module_backend)
    yield s
    s.close()


@pytest.fixture(scope="module")
def place(store):
    return village_path(store)


def _household(p, **change) -> list:
    row = dict(zip(HOUSEHOLD, ["P-1", p[0], p[1], p[2], 3, "已脱贫", 6800, GOOD_ID, 1, "8%"],
                   strict=True))
    row.update(change)
    return [row[h] for h in HOUSEHOLD]


def _village(p, income=17.5, population=1200) -> list:
    return [p[0], p[1], p[2], income, population]


def _refused(store, kind, name, data, settings=None) -> ls.ImportPreview:
    """Preview, check the import is refused, and that the database did not change."""
    before = fingerprint(store)
    preview = ls.preview_import(store, kind, name, data, settings=settings, scope=EVERYTHING)
    assert not preview.ok
    with pytest.raises(ls.ImportRejected):
        ls.commit_import(store, preview, scope=EVERYTHING)
    assert fingerprint(store) == before
    return preview


def _only_problem(preview) -> object:
    assert len(preview.problems) == 1, [p.describe() for p in preview.problems]
    return preview.problems[0]


# -- ranges from settings -------------------------------------------------------------------
# (id, kind, header, cell value, column as written, reason fragment)
OUT_OF_RANGE = [
    ("per-capita-income-1e308", "households", "人均纯收入", "1e308", "人均纯收入",
     "数值超出合理范围"),
    ("household-members-80", "households", "家庭人口", 80, "家庭人口", "应在 1 人 至 50 人 之间"),
    ("school-age-children-30", "households", "适龄儿童人数", 30, "适龄儿童人数",
     "数值超出合理范围"),
    ("village-income-1e12-wan", "villages", "集体经营性收入(万元)", 1e12,
     "集体经营性收入(万元)", "万元，折合"),
    ("village-income-overflowing-when-converted-from-wan", "villages", "集体经营性收入(万元)",
     "1e306", "集体经营性收入(万元)", "数值超出范围"),
    ("village-population-zero", "villages", "人口", 0, "人口", "应在 1 人 至 200,000 人 之间"),
]


@pytest.mark.parametrize("kind, header, value, column, reason", [c[1:] for c in OUT_OF_RANGE],
                         ids=[c[0] for c in OUT_OF_RANGE])
def test_value_outside_its_error_range_is_a_row_error(store, place, kind, header, value, column,
                                                      reason):
    if kind == "households":
        rows = [HOUSEHOLD, _household(place, **{header: value})]
    else:
        rows = [VILLAGE, _village(place)]
        rows[1][VILLAGE.index(header)] = value
    preview = _refused(store, kind, "x.csv", csv_bytes(rows))
    problem = _only_problem(preview)
    assert (problem.file, problem.row, problem.column) == ("x.csv", 2, column)
    assert reason in problem.reason
    assert "x.csv 第2行" in problem.describe()


def test_value_outside_a_warning_range_is_imported_with_a_named_warning(store, place):
    rows = [HOUSEHOLD, _household(place, 户编号="P-WARN", 人均纯收入=150000, 住院自付比例="90%")]
    preview = ls.preview_import(store, "households", "w.csv", csv_bytes(rows), scope=EVERYTHING)
    assert preview.ok, [p.describe() for p in preview.problems]
    warned = {(w.row, w.column) for w in preview.warnings}
    assert warned == {(2, "人均纯收入"), (2, "住院自付比例")}
    shown = "\n".join(preview.notices)
    assert "w.csv 第2行 “人均纯收入”列：数值 150000 不在常见范围内（应不超过 100,000 元）" in shown
    assert "90%" in shown
    ls.commit_import(store, preview, scope=EVERYTHING)
    got = q.households(store, place[3]).set_index("household_id")
    assert got.loc["P-WARN", "per_capita_income"] == 150000


def test_ranges_and_their_severity_come_from_settings(store, place):
    base = Settings()
    strict = dataclasses.replace(base, plausibility=dataclasses.replace(
        base.plausibility, ranges={"members": (Range(1, 4, "error"),)}))
    lenient = dataclasses.replace(base, plausibility=dataclasses.replace(
        base.plausibility, ranges={"members": (Range(1, 4, "warning"),)}))
    data = csv_bytes([HOUSEHOLD, _household(place, 户编号="P-SET", 家庭人口=5)])
    assert ls.preview_import(store, "households", "s.csv", data,
                             scope=EVERYTHING).ok  # 5 is fine by default
    problem = _only_problem(_refused(store, "households", "s.csv", data, settings=strict))
    assert problem.column == "家庭人口" and "应在 1 人 至 4 人 之间" in problem.reason
    warned = ls.preview_import(store, "households", "s.csv", data, settings=lenient,
                               scope=EVERYTHING)
    assert warned.ok and [(w.row, w.column) for w in warned.warnings] == [(2, "家庭人口")]


def test_many_warnings_are_listed_then_counted(store, place):
    rows = [HOUSEHOLD] + [_household(place, 户编号=f"P-M{i}", 人均纯收入=200000,
                                     身份证号=None) for i in range(25)]
    preview = ls.preview_import(store, "households", "m.csv", csv_bytes(rows), scope=EVERYTHING)
    assert len(preview.warnings) == 25
    assert sum("不在常见范围内" in n for n in preview.notices) == 21
    assert any("另有 5 处" in n for n in preview.notices)


def test_settings_refuse_an_unknown_range_or_severity():
    with pytest.raises(ValueError, match="per_capita_incme"):
        Settings.from_dict({"plausibility": {"ranges": {"per_capita_incme": {"max": 1}}}})
    with pytest.raises(ValueError, match="severity"):
        Settings.from_dict({"plausibility": {"ranges": {"members": {"severity": "fatal"}}}})
    with pytest.raises(ValueError, match="overlp"):
        Settings.from_dict({"plausibility": {"boundaries": {"overlp": {"tolerance": 1}}}})


# -- ID numbers -----------------------------------------------------------------------------
def test_id_check_digit_follows_gb_11643():
    assert id_check_digit("11010519491231002") == "X"  # the standard's own example
    assert id_check_digit("32041219900101123") == "1"


@pytest.mark.parametrize("number, reason", [
    ("320412199001011234", "校验位不符"),
    ("320412199013011236", "出生日期不是有效日期"),
    ("320412199002301230", "出生日期不是有效日期"),
    ("32041219900101123", "应为18位"),
], ids=["wrong-check-digit", "month-13", "february-30", "seventeen-digits"])
def test_wrong_id_number_is_a_row_error_that_never_shows_the_number(store, place, number,
                                                                     reason):
    rows = [HOUSEHOLD, _household(place, 户编号="P-ID", 身份证号=number)]
    problem = _only_problem(_refused(store, "households", "id.csv", csv_bytes(rows)))
    assert (problem.row, problem.column) == (2, "身份证号")
    assert reason in problem.reason
    assert number not in problem.describe() and number[6:14] not in problem.describe()
    assert "3204**" in problem.reason  # masked: region prefix and last four only


# -- numbers too big for the database -------------------------------------------------------
def test_population_overflowing_integer_is_its_own_row_error(store, place):
    rows = [VILLAGE, _village(place, population=99_999_999_999)]
    problem = _only_problem(_refused(store, "villages", "v.csv", csv_bytes(rows)))
    assert (problem.row, problem.column) == (2, "人口")
    assert "数值超出范围" in problem.reason and "他人修改" not in problem.reason


def test_database_refusing_a_value_is_not_called_a_concurrent_change(store, place):
    """Should a too-large number get past validation, the store says what it is."""
    preview = ls.preview_import(store, "villages", "v.csv",
                                csv_bytes([VILLAGE, _village(place, population=1500)]),
                                scope=EVERYTHING)
    assert preview.ok
    preview.plan.updates[0]["population"] = 99_999_999_999  # what validation now refuses
    before = fingerprint(store)
    with pytest.raises(ls.ImportRejected) as refused:
        ls.commit_import(store, preview, scope=EVERYTHING)
    said = ls.labels.say(refused.value)
    assert "数值超出范围" in said and "“人口”列" in said
    assert "他人修改" not in said
    assert fingerprint(store) == before


def test_store_tells_a_refused_value_from_a_conflict_on_insert(store, place):
    import pandas as pd

    from paicha_geo.io.imports import people

    row = {c: None for c in people.VILLAGE_COLUMNS}
    row.update(code=place[3], population=99_999_999_999)
    frame = pd.DataFrame([row], columns=people.VILLAGE_COLUMNS)
    before = fingerprint(store)
    with raises_saying(sl.ImportValueError, "数值超出范围"):
        sl.apply_upsert(store, "village", "code", people.VILLAGE_COLUMNS, frame, frame.iloc[:0])
    assert fingerprint(store) == before


# -- encodings ------------------------------------------------------------------------------
TRADITIONAL = [["戶編號", "區縣", "鄉鎮", "村", "家庭人口", "是否脫貧"],
               ["P-1", "武進區", "湖塘鎮", "長安村", "3", "已脫貧"]]
SIMPLIFIED = [["户编号", "区县", "乡镇", "村", "家庭人口", "是否脱贫", "人均纯收入"],
              ["P-1", "武进区", "湖塘镇", "长安村", "3", "已脱贫", "6800"]]


def _text(rows) -> str:
    return csv_bytes(rows).decode("utf-8")


def _mojibake_xlsx() -> bytes:
    rows = [[c.encode("utf-8").decode("gbk", errors="ignore") for c in r] for r in SIMPLIFIED]
    return xlsx_bytes(rows)


# (id, file name, bytes, what the message must say)
ENCODINGS = [
    ("big5", "h.csv", _text(TRADITIONAL).encode("big5"), "Big5"),
    ("utf8-read-as-gbk-saved-utf8", "h.csv",
     _text(SIMPLIFIED).encode("utf-8").decode("gbk", errors="ignore").encode("utf-8"),
     "UTF-8 编码的文字被当作 GBK 读取"),
    ("utf8-read-as-gbk-saved-gbk", "h.csv",
     _text(SIMPLIFIED).encode("utf-8").decode("gbk", errors="ignore").encode("gbk"),
     "UTF-8 编码的文字被当作 GBK 读取"),
    ("utf8-read-as-latin1", "h.csv",
     _text(SIMPLIFIED).encode("utf-8").decode("latin-1").encode("utf-8"), "UTF-8 编码的文字"),
    ("gbk-read-as-cp1252", "h.csv",
     _text(SIMPLIFIED).encode("gbk").decode("cp1252", errors="ignore").encode("utf-8"),
     "GBK 编码的文字"),
    ("mojibake-in-xlsx", "h.xlsx", _mojibake_xlsx(), "UTF-8 编码的文字被当作 GBK 读取"),
]


@pytest.mark.parametrize("name, data, cause", [c[1:] for c in ENCODINGS],
                         ids=[c[0] for c in ENCODINGS])
def test_encoding_problems_are_named_as_such_not_as_a_missing_header(store, name, data, cause):
    problem = _only_problem(_refused(store, "households", name, data))
    assert problem.row is None and problem.file == name
    assert "找不到表头" not in problem.reason
    assert "疑似乱码" in problem.reason and cause in problem.reason
    assert "UTF-8 或 GBK" in problem.reason  # how to fix it


def test_traditional_chinese_headers_are_named_as_such(store):
    data = _text(TRADITIONAL).encode("utf-8")
    problem = _refused(store, "households", "h.csv", data).problems[0]  # before the rest
    assert problem.row is None
    assert "繁体中文" in problem.reason and "戶編號" in problem.reason


def test_a_plain_gbk_file_with_rare_name_characters_still_imports(store, place):
    rows = [HOUSEHOLD] + [_household(place, 户编号=f"P-G{i}", 身份证号=None) for i in range(3)]
    rows[0] = rows[0] + ["户主姓名"]
    for row, name in zip(rows[1:], ["欧阳堃", "孙喆", "徐琛"], strict=True):
        row.append(name)
    preview = ls.preview_import(store, "households", "g.csv", csv_bytes(rows, "gbk"),
                                scope=EVERYTHING)
    assert preview.ok, [p.describe() for p in preview.problems]


# -- limits before parsing ------------------------------------------------------------------
def _limits(**change) -> Settings:
    return Settings(limits=dataclasses.replace(Limits(), **change))


@pytest.fixture
def no_parsing(monkeypatch):
    """Fail the test if the file reaches the parser."""
    def boom(*args, **kwargs):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(ls, "read_file", boom)
    monkeypatch.setattr(ls, "estimate_rows", boom)


def _bomb_xlsx(place, xml_bytes: int) -> bytes:
    """A valid little .xlsx whose sheet XML is padded with whitespace: tiny compressed, big
    uncompressed (what a sheet with a million formatted empty rows looks like to a reader)."""
    plain = xlsx_bytes([HOUSEHOLD, _household(place)])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", b" " * xml_bytes + b"</worksheet>")
            dst.writestr(item.filename, data)
    return out.getvalue()


def test_xlsx_unpacking_past_the_limit_is_refused_before_parsing(store, place, no_parsing):
    data = _bomb_xlsx(place, 3 * 1024 * 1024)
    assert len(data) < 64 * 1024  # a tiny upload
    settings = _limits(xlsx_uncompressed_max_mb=1)
    problem = _only_problem(_refused(store, "households", "大表.xlsx", data, settings))
    assert problem.row is None
    assert "大表.xlsx" in problem.reason and "解压后" in problem.reason
    assert "3.0 MB" in problem.reason and "超过上限 1 MB" in problem.reason


def test_the_same_xlsx_within_the_limit_imports(store, place):
    data = _bomb_xlsx(place, 3 * 1024 * 1024)
    assert ls.preview_import(store, "households", "大表.xlsx", data,
                             settings=_limits(xlsx_uncompressed_max_mb=5), scope=EVERYTHING).ok


def test_upload_over_the_size_limit_is_refused_before_parsing(store, place, no_parsing):
    data = csv_bytes([HOUSEHOLD] + [_household(place, 户编号=f"S{i}") for i in range(40)])
    assert len(data) > 2048
    problem = _only_problem(_refused(store, "households", "big.csv", data,
                                     _limits(upload_max_mb=0.001)))
    assert "big.csv" in problem.reason and "超过上限 0.001 MB" in problem.reason


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_row_limit_comes_from_settings(store, place, fmt):
    rows = [HOUSEHOLD] + [_household(place, 户编号=f"R{i}", 身份证号=None) for i in range(12)]
    data = csv_bytes(rows) if fmt == "csv" else xlsx_bytes(rows)
    problem = _only_problem(_refused(store, "households", f"r.{fmt}", data,
                                     _limits(import_max_rows=10)))
    assert "行数过多" in problem.reason and "最多 10 行" in problem.reason
    assert ls.preview_import(store, "households", f"r.{fmt}", data,
                             settings=_limits(import_max_rows=20), scope=EVERYTHING).ok


def test_cli_refuses_an_oversized_file_without_reading_it(demo_db, tmp_path, monkeypatch,
                                                          capsys):
    store = copy_store(demo_db, tmp_path)
    place = village_path(store)
    store.close()
    db = tmp_path / "ledger.duckdb"
    path = tmp_path / "农户.csv"
    path.write_bytes(csv_bytes([HOUSEHOLD] + [_household(place, 户编号=f"C{i}")
                                              for i in range(40)]))
    custom = tmp_path / "settings.json"
    custom.write_text(json.dumps({"limits": {"upload_max_mb": 0.001}}), encoding="utf-8")
    monkeypatch.setenv("PAICHA_SETTINGS", str(custom))
    with Store(db, read_only=True) as s:
        before = fingerprint(s)
    assert cli.main(["import", "households", str(path), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "农户.csv" in err and "超过上限 0.001 MB" in err
    with Store(db, read_only=True) as s:
        assert fingerprint(s) == before
