"""部门数据比对: a department's list previewed against the reader's households, saved in one
transaction, and its leads (线索) reviewed: accepting raises a 数据比对 issue in the reader's
region, rejecting keeps the lead with its reason; both are in the audit log.

ID numbers and names of the list are compared here and dropped: the preview and the database
keep only their masked forms (privacy.mask_*), which is all any page shows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import pandas as pd

from paicha_geo import labels
from paicha_geo.domain import dept_match as dm
from paicha_geo.domain.errors import Term, UserError
from paicha_geo.domain.privacy import mask_id, mask_name
from paicha_geo.io.imports.dept_rows import read_dept_list
from paicha_geo.services import clock, session_service
from paicha_geo.services.bulk import gc_paused
from paicha_geo.services.session_service import Viewer
from paicha_geo.services.visit_service import default_deadline
from paicha_geo.store import Store
from paicha_geo.store import dept_lists as sd
from paicha_geo.store import queries as q
from paicha_geo.store.ledger import ConflictError  # noqa: F401 - pages catch it

SOURCE = "data_check"  # 数据比对


class DeptRefused(UserError):
    """The reader may not do this (no power, or the lead is outside their region)."""


@dataclass
class DeptPreview:
    """What importing the list would save: every row's match and lead, or the problems."""

    kind: str
    file_name: str
    scope_prefix: str
    problems: list[str] = field(default_factory=list)  # worded, with file, row and column
    notices: list[str] = field(default_factory=list)
    rows: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=sd.ROW_COLUMNS))

    @property
    def ok(self) -> bool:
        return not self.problems and len(self.rows) > 0

    def count(self, *matches: str) -> int:
        return int(self.rows["match"].isin(matches).sum())

    @property
    def leads(self) -> pd.DataFrame:
        """The new leads (a contradiction already open from an earlier list is not repeated)."""
        return self.rows[self.rows["status"] == "open"]

    @property
    def repeated(self) -> int:
        return int((self.rows["direction"].notna() & self.rows["status"].isna()).sum())

    def summary(self) -> str:
        return labels.DEPT_SUMMARY.format(
            rows=len(self.rows), matched=self.count(*dm.MATCHED), by_id=self.count("id"),
            by_name=self.count("high", "medium", "low"), leads=len(self.leads),
            unmatched=self.count("none", "ambiguous"), outside=self.count("outside"),
            repeated=self.repeated)


def _refuse_without_edit(store: Store, viewer: Viewer, what: str) -> None:
    if not viewer.may("edit"):
        session_service.record(store, viewer, "dept_refused", what, "no power")
        raise DeptRefused("REFUSE_NO_POWER", role=Term("ROLES", viewer.role))


@gc_paused
def preview(store: Store, viewer: Viewer, kind: str, file_name: str, data: bytes) -> DeptPreview:
    """Read the list, match every row within the viewer's region, find the leads."""
    _refuse_without_edit(store, viewer, file_name)
    scope = viewer.scope
    out = DeptPreview(kind, file_name, scope.prefix)
    validated = read_dept_list(kind, file_name, data)
    out.notices = [labels.say(n) for n in validated.notices.messages()]
    out.problems = [labels.say(p.as_message()) for p in validated.all_problems()]
    if out.problems:
        return out
    frame = pd.DataFrame([{**r.record, "row_number": r.number} for r in validated.rows])
    # Columns as plain lists (.tolist()): pandas 3's str columns are slow item by item.
    numbers = frame["id_number"].tolist()
    found = sd.households_by_id(store, numbers)
    inside = found[found["village_code"].map(scope.covers)].drop_duplicates("id_number")
    id_inside = dict(zip(inside["id_number"].tolist(), zip(
        inside["household_id"].tolist(), inside["village_code"].tolist(), strict=True),
        strict=True))
    found_numbers = set(found["id_number"].tolist())
    id_outside = found_numbers - set(id_inside)
    by_name = frame[[n not in found_numbers for n in numbers]]  # no ID match
    homes = sd.households(store, scope.prefix, by_name["name"].tolist())
    matches = dm.match_rows(frame, homes, sd.villages(store), id_inside, id_outside,
                            scope.covers)
    matched = {m.household_id for m in matches if m.match in dm.MATCHED}
    known = pd.concat([inside, homes]).drop_duplicates("household_id")
    known = known[[h in matched for h in known["household_id"].tolist()]]
    columns = list(known.columns)
    facts = {h["household_id"]: h for h in (dict(zip(columns, values, strict=True)) for values
                                            in zip(*(known[c].tolist() for c in columns),
                                                   strict=True))}
    dangerous = tuple(q.campaign(store)["dangerous_house_grades"])
    pending = sd.followed_leads(store, kind)  # (household, direction) open or raised
    batch = uuid.uuid4().hex
    rows = []
    records = ({"row_number": n, "name": name, "id_number": number, "village": village,
                "fact": fact} for n, name, number, village, fact in zip(
                    *(frame[c].tolist() for c in ("row_number", "name", "id_number", "village",
                                                  "fact")), strict=True))
    for record, m in zip(records, matches, strict=True):
        lead = (dm.contradiction(kind, record["fact"], facts[m.household_id], dangerous)
                if m.match in dm.MATCHED else None) or {}
        hidden = m.match == "outside"  # nothing about a person outside the region is kept
        rows.append({
            "batch_id": batch, "row_number": record["row_number"], "match": m.match,
            "household_id": m.household_id, "village_code": m.village_code,
            "name_masked": None if hidden else mask_name(record["name"]) or None,
            "id_masked": None if hidden else mask_id(record["id_number"]) or None,
            "village_text": None if hidden else record["village"],
            "dept_fact": None if hidden else _fact_code(record["fact"]),
            "ledger_fact": lead.get("ledger_fact"), "direction": lead.get("direction"),
            "item_code": lead.get("item_code"),
            "status": "open" if lead and (m.household_id, lead["direction"]) not in pending
            else None})
    out.rows = pd.DataFrame(rows, columns=sd.ROW_COLUMNS)
    return out


def _fact_code(fact) -> str:
    if isinstance(fact, bool):
        return "yes" if fact else "no"
    return str(fact)


@gc_paused
def commit(store: Store, viewer: Viewer, shown: DeptPreview) -> str:
    """Save the previewed list (all rows or none); returns the list's id."""
    _refuse_without_edit(store, viewer, shown.file_name)
    if not shown.ok or shown.scope_prefix != viewer.scope.prefix:
        raise DeptRefused("DEPT_NOT_READY")
    batch_id = shown.rows["batch_id"].iloc[0]
    sd.save_batch(store, {"batch_id": batch_id, "kind": shown.kind, "file_name": shown.file_name,
                          "imported_at": clock.now(store), "account_id": viewer.account_id,
                          "scope_prefix": shown.scope_prefix}, shown.rows)
    session_service.record(store, viewer, "dept_import", shown.file_name, shown.summary())
    return batch_id


def _fact_words(kind: str, code) -> str:
    if not isinstance(code, str):
        return labels.NO_DATA
    return labels.DEPT_FACT_WORDS[kind].get(code, code)


def _ledger_words(kind: str, code) -> str:
    if not isinstance(code, str):
        return labels.NO_DATA
    if code == dm.UNKNOWN:
        return labels.DEPT_LEDGER_UNKNOWN
    if kind == "dept_education":
        return labels.DEPT_DROPOUTS.format(n=code)
    return labels.DEPT_LEDGER_WORDS[kind].get(code, code)


def _item_names(store: Store) -> dict[str, str]:
    items = q.checklist(store, q.campaign(store)["campaign_id"])
    return {c: f"{c} {s}" for c, s in zip(items["code"], items["short"], strict=True)}


def _shown(frame: pd.DataFrame, columns: dict[str, str],
           items: dict[str, str] | None = None) -> pd.DataFrame:
    out = pd.DataFrame({
        "imported_at": frame["imported_at"].map(
            lambda t: f"{t:%Y-%m-%d %H:%M}" if hasattr(t, "strftime") else None),
        "kind": frame["kind"].map(labels.DEPT_LIST_KINDS),
        "file_name": frame["file_name"], "row_number": frame["row_number"],
        "village": frame["village_name"].where(frame["village_name"].notna(),
                                               frame["village_text"]),
        "person": frame["name_masked"], "id_masked": frame["id_masked"],
        "match": frame["match"].map(labels.DEPT_MATCHES),
        "household_id": frame["household_id"],
        "dept_fact": [_fact_words(k, c) for k, c in zip(frame["kind"], frame["dept_fact"],
                                                          strict=True)],
        "ledger_fact": [_ledger_words(k, c) for k, c in zip(frame["kind"],
                                                              frame["ledger_fact"], strict=True)],
        "direction": frame["direction"].map(labels.DEPT_DIRECTIONS),
        "item_code": frame["item_code"].map(lambda c: (items or {}).get(c, c)),
        "status": frame["status"].map(labels.DEPT_LEAD_STATUSES),
        "reason": frame["reason"], "issue_code": frame["issue_code"],
    })
    return out[list(columns)].rename(columns=columns).astype(object).fillna(labels.NO_DATA)


def leads(store: Store, viewer: Viewer) -> pd.DataFrame:
    """The leads in the viewer's region, newest list first, as raw rows (keys for actions)."""
    return sd.rows(store, viewer.scope.prefix, leads_only=True)


def leads_table(store: Store, frame: pd.DataFrame) -> pd.DataFrame:
    """The leads in words: the item as its code and short name, statuses in Chinese."""
    return _shown(frame, labels.DEPT_LEAD_COLUMNS, _item_names(store))


def unmatched_table(store: Store, viewer: Viewer) -> pd.DataFrame:
    """Rows of the lists in the viewer's region that matched no household (or several)."""
    frame = sd.rows(store, viewer.scope.prefix)
    return _shown(frame[frame["match"].isin(("none", "ambiguous"))], labels.DEPT_ROW_COLUMNS)


def preview_tables(store: Store, shown: DeptPreview) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(leads, unmatched rows) of a preview, worded like the saved ones."""
    frame = shown.rows.assign(kind=shown.kind, file_name=shown.file_name, imported_at=None,
                              village_name=None, reason=None, issue_code=None)
    lead_cols = {k: v for k, v in labels.DEPT_LEAD_COLUMNS.items()
                 if k not in ("imported_at", "status", "reason", "issue_code", "file_name")}
    row_cols = {k: v for k, v in labels.DEPT_ROW_COLUMNS.items()
                if k not in ("imported_at", "file_name")}
    leads_part = frame[frame["status"] == "open"]
    loose = frame[frame["match"].isin(("none", "ambiguous", "outside"))]
    return _shown(leads_part, lead_cols, _item_names(store)), _shown(loose, row_cols)


def _lead_in_scope(store: Store, viewer: Viewer, batch_id: str, row_number: int) -> dict:
    _refuse_without_edit(store, viewer, f"{batch_id}:{row_number}")
    lead = sd.get_row(store, batch_id, int(row_number))
    if lead is None or not isinstance(lead["status"], str) or not viewer.scope.covers(
            lead["village_code"]):
        session_service.record(store, viewer, "out_of_scope", f"{batch_id}:{row_number}",
                               "dept lead")
        raise DeptRefused("DEPT_LEAD_NOT_FOUND")
    return lead


def describe(lead: dict, kind: str, file_name: str) -> str:
    """The lead in one sentence: what the department says, what the ledger says."""
    return labels.DEPT_ISSUE_TEXT.format(
        kind=labels.DEPT_LIST_KINDS[kind], file=file_name, row=lead["row_number"],
        dept=_fact_words(kind, lead["dept_fact"]),
        ledger=_ledger_words(kind, lead["ledger_fact"]),
        direction=labels.DEPT_DIRECTIONS[lead["direction"]])


def accept(store: Store, viewer: Viewer, batch_id: str, row_number: int) -> str:
    """Raise the lead's issue (source 数据比对) in the viewer's region; returns its code."""
    lead = _lead_in_scope(store, viewer, batch_id, row_number)
    with store.reading() as cur:
        batch = cur.execute("SELECT kind, file_name FROM dept_batch WHERE batch_id = ?",
                            [batch_id]).fetchone()
    campaign = q.campaign(store)
    items = q.checklist(store, campaign["campaign_id"]).set_index("code")
    today, now = clock.today(store), clock.now(store)
    text = describe(lead, *batch)
    units = list(items.loc[lead["item_code"], "responsible_units"])
    code = f"SJ{today:%Y%m%d}-{lead['village_code'][:9]}-{uuid.uuid4().hex[:6]}"
    issue = {"issue_code": code, "region_code": lead["village_code"],
             "household_id": lead["household_id"], "item_code": lead["item_code"],
             "source": SOURCE, "severity": "general",
             "responsible_unit": units[0] if units else None, "description": text,
             "found_date": today, "deadline": default_deadline(campaign["deadline"], today),
             "status": "pending", "measures": None, "rectified_date": None,
             "closed_date": None, "verifier": None, "escalated": False, "version": 1}
    sd.accept(store, batch_id, int(row_number), issue=issue, actor=viewer.account_id, at=now,
              note=labels.DEPT_HISTORY_NOTE.format(text=text))
    session_service.record(store, viewer, "dept_lead_accept", f"{batch_id}:{row_number}", code)
    return code


def reject(store: Store, viewer: Viewer, batch_id: str, row_number: int, reason: str) -> None:
    """Keep the lead, closed with the reader's reason (required)."""
    lead = _lead_in_scope(store, viewer, batch_id, row_number)
    if not (reason or "").strip():
        raise DeptRefused("DEPT_REASON_REQUIRED")
    sd.reject(store, batch_id, lead["row_number"], actor=viewer.account_id,
              at=clock.now(store), reason=reason.strip()[:500])
    session_service.record(store, viewer, "dept_lead_reject", f"{batch_id}:{row_number}",
                           reason.strip()[:200])


def open_leads(frame: pd.DataFrame) -> list[tuple[str, int]]:
    """(list id, row) of the leads still to decide, in the table's order."""
    part = frame[frame["status"] == "open"]
    return list(zip(part["batch_id"], part["row_number"].astype(int), strict=True))


def choice_label(frame: pd.DataFrame, key: tuple[str, int]) -> str:
    row = frame[(frame["batch_id"] == key[0]) & (frame["row_number"] == key[1])].iloc[0]
    return labels.DEPT_CHOICE.format(
        kind=labels.DEPT_LIST_KINDS[row["kind"]], row=key[1],
        village=row["village_name"] or labels.NO_DATA, person=row["name_masked"] or
        labels.NO_DATA, direction=labels.DEPT_DIRECTIONS[row["direction"]])
