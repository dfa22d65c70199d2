"""What an import preview shows of each row before anything is written: where it is (region
path), what it says (for issues: item and description), what will happen to it, and for an
update each changed field with its old and new value; and a warning when the file reaches
beyond the region of the page it is imported on. Worded here from the pipeline's plain
values; personal fields (户主姓名, 身份证号) are masked in the change list."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from paicha_geo import labels
from paicha_geo.domain.errors import Message
from paicha_geo.domain.privacy import mask_id, mask_name
from paicha_geo.io.imports.issues import row_key
from paicha_geo.io.imports.regions import RegionIndex
from paicha_geo.io.imports.rows import Row, Validated
from paicha_geo.services.data import Scope

REGION_FIELD = {"issues": "region_code", "households": "village_code", "villages": "code"}
PERSONAL = {"head_name": mask_name, "id_number": mask_id}
_LABEL_OF = {"region_code": "region_code", "item_code": "item", "village_code": "village",
             "code": "region_code"}
_WORDS = {"status": labels.STATUSES, "source": labels.SOURCES, "severity": labels.SEVERITIES,
          "exit_status": labels.EXIT_STATUSES, "weak_type": labels.WEAK_TYPES,
          "house_renovation": labels.HOUSE_RENOVATIONS}
LISTED_REGIONS = 10


def _blank(value) -> bool:
    return value is None or value is pd.NaT or value == "" or (
        isinstance(value, float) and math.isnan(value))


def value_text(field: str, value) -> str:
    """One field's value as the preview shows it (codes as words, personal fields masked)."""
    if field == "weak_type" and _blank(value):
        return labels.NOT_WEAK
    if _blank(value):
        return labels.HISTORY_EMPTY_VALUE
    if field in PERSONAL:
        return PERSONAL[field](value)
    if field in _WORDS:
        return str(_WORDS[field].get(value, value))
    if isinstance(value, bool | np.bool_):
        return labels.LEDGER_YES_NO[bool(value)]
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)


def changes_text(changes: dict, regions: RegionIndex | None = None) -> str:
    """'整改状态：待整改→整改中；责任单位：（空）→住建局' for {field: (old, new)}."""
    def shown(field: str, value) -> str:
        if regions is not None and field in REGION_FIELD.values() and not _blank(value):
            return regions.path(value) or str(value)
        return value_text(field, value)

    return labels.IMPORT_CHANGES_SEPARATOR.join(
        labels.HISTORY_CHANGE.format(
            label=labels.FIELD_LABELS.get(_LABEL_OF.get(k, k), k), old=shown(k, old),
            new=shown(k, new))
        for k, (old, new) in changes.items())


def region_text(kind: str, row: Row, regions: RegionIndex) -> str:
    """The row's place: the region path it resolved to, else the names it gave."""
    if row.record is not None:
        code = row.record["given"].get(REGION_FIELD[kind])
        if code:
            return regions.path(code) or code
    given = [str(row.values[k]) for k in ("district", "town", "village") if k in row.values]
    return "".join(given) or str(row.values.get("region_code") or labels.NO_DATA)


def rows_frame(kind: str, validated: Validated, plan, regions: RegionIndex,
               items: dict[str, str]) -> pd.DataFrame:
    """One line per data row: sheet, row, key, action, region, (item, description), changes;
    Chinese headers."""
    actions = plan.row_action if plan else {}
    changes = getattr(plan, "row_changes", {}) if plan else {}
    records = []
    for row in validated.rows:
        record = row.record or {}
        given = record.get("given", {})
        action = "rejected" if row.problems else actions.get(id(row), "rejected")
        item = given.get("item_code")
        records.append({
            "sheet": row.sheet, "row": row.number,
            "key": record.get("issue_code") or record.get("key"),
            "action": labels.IMPORT_ACTIONS[action],
            "region": region_text(kind, row, regions),
            "item": f"{item} {items.get(item, '')}".strip() if item else row.values.get("item"),
            "description": given.get("description", row.values.get("description")),
            "changes": changes_text(changes[id(row)], regions) if id(row) in changes else None,
        })
    frame = pd.DataFrame(records, columns=list(labels.IMPORT_ACTION_COLUMNS))
    if kind != "issues":
        frame = frame.drop(columns=["item", "description"])
    if frame["sheet"].isna().all():  # a CSV has no sheets: no column of blanks
        frame = frame.drop(columns="sheet")
    frame = frame.astype(object).where(frame.notna(), labels.NO_DATA)
    return frame.rename(columns=labels.IMPORT_ACTION_COLUMNS)


def outside_page(kind: str, validated: Validated, page: Scope | None,
                 regions: RegionIndex) -> Message | None:
    """A warning naming the regions of the file that lie outside the page's region (an
    administrator may import them; he should know he does), or None."""
    if page is None or not page.prefix:
        return None
    field = REGION_FIELD[kind]
    codes = sorted({r.record["given"][field] for r in validated.rows
                    if r.record is not None and r.record["given"].get(field)
                    and not page.covers(r.record["given"][field])})
    if not codes:
        return None
    page_name = regions.path(page.code) or regions.name.get(page.code, page.code)
    return Message("IMPORT_OUTSIDE_PAGE", page=page_name,
                   count=len(codes),
                   regions=tuple(regions.path(c) or c for c in codes[:LISTED_REGIONS]),
                   more=Message("LIST_MORE") if len(codes) > LISTED_REGIONS else "")


def suggestions_frame(validated: Validated, items: dict[str, str]) -> pd.DataFrame:
    """The rows whose item was suggested from the description, one line each: the row's key
    (issues.row_key, for the person's choice), sheet and row, what the sheet's 排查项目 said,
    the description, the suggested item, its similarity and the other candidates."""
    records = []
    for row in validated.valid_rows:
        hint = row.record.get("suggested")
        if not hint:
            continue
        code = row.record["given"]["item_code"]
        records.append({
            "key": row_key(row), "sheet": row.sheet, "row": row.number,
            "written": hint["value"] or labels.NO_DATA,
            "description": row.record["given"].get("description"),
            "item": code, "score": hint["score"],
            "others": "、".join(f"{c} {items.get(c, '')}" for c in hint["candidates"]
                               if c != code) or labels.NO_DATA,
        })
    return pd.DataFrame(records, columns=list(labels.SUGGESTION_COLUMNS))
