"""Helpers for the ledger tests: a writable copy of the demo, files written for real."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import openpyxl

from paicha_geo.store import Store
from paicha_geo.store.backup import fingerprint

__all__ = ["copy_store", "new_store", "xlsx_bytes", "csv_bytes", "fingerprint", "village_path",
           "HEADER"]

HEADER = ["序号", "区县", "乡镇", "村", "排查项目", "问题描述", "整改措施", "发现日期",
          "整改时限", "整改状态", "责任单位", "问题来源"]


def copy_store(demo_db: Path, tmp_path: Path, name: str = "ledger.duckdb",
               backend=None) -> Store:
    """A read-write Store on a private copy of the session's demo database: a DuckDB file,
    or with `backend` (the conftest fixture: a tests.pg_server.PgServer) a new database on
    that PostgreSQL server, copied from a template holding the demo."""
    if backend is not None:
        from paicha_geo.store.server import ServerStore
        from paicha_geo.store.transfer import copy_database

        template = backend.template(
            f"demo:{demo_db}", lambda url: copy_database(demo_db, url))
        return ServerStore(backend.database(template))
    target = tmp_path / name
    shutil.copy(demo_db, target)
    return Store(target)


def new_store(tmp_path: Path, name: str = "new.duckdb", backend=None) -> Store:
    """A read-write Store with the current schema and no data (file or server database)."""
    if backend is not None:
        from paicha_geo.store.server import ServerStore

        def schema_only(url: str) -> None:
            ServerStore(url).close()

        return ServerStore(backend.database(backend.template("schema", schema_only)))
    return Store(tmp_path / name)


def xlsx_bytes(rows: list[list], title: str | None = None, merge_title: bool = True,
               sheet: str = "问题清单") -> bytes:
    """An .xlsx written by openpyxl: optional merged title row, then the rows as given."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws.append([title])
        if merge_title and rows:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], encoding: str = "utf-8") -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    for row in rows:
        writer.writerow([v.isoformat() if isinstance(v, dt.date) else v for v in row])
    return text.getvalue().encode(encoding)


def village_path(store: Store, unique: bool = True) -> tuple[str, str, str, str]:
    """(district, town, village, village code) of a village whose name is unique in its
    township (and, with `unique`, in the whole city)."""
    from paicha_geo.store import queries as q

    regions = q.regions(store)
    names = dict(zip(regions["code"], regions["name"], strict=True))
    villages = regions[regions["level"] == "village"]
    counts = villages["name"].value_counts()
    for code, name in zip(villages["code"], villages["name"], strict=True):
        if name.endswith("村") and (not unique or counts[name] == 1):
            return names[code[:6] + "000000"], names[code[:9] + "000"], name, code
    raise AssertionError("no suitable village in the demo")
