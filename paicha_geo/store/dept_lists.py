"""Department lists (部门数据比对): the households to match against, saving a list's rows in
one transaction, and deciding a lead (accepting raises its issue in the same transaction)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from paicha_geo.store.db import Store
from paicha_geo.store.ledger import ConflictError
from paicha_geo.store.loads import insert_frame

ROW_COLUMNS = ["batch_id", "row_number", "match", "household_id", "village_code",
               "name_masked", "id_masked", "village_text", "dept_fact", "ledger_fact",
               "direction", "item_code", "status"]
FACT_COLUMNS = ["household_id", "village_code", "head_name", "id_number", "house_grade",
                "all_insured", "children_out_of_school", "children_out_of_school_physical",
                "safe_water", "social_floor_covered"]


def households(store: Store, prefix: str, names) -> pd.DataFrame:
    """Households in the region `prefix` whose head is one of `names` (the name matches)."""
    wanted = sorted({n for n in names if isinstance(n, str)})
    cols = ", ".join(FACT_COLUMNS)
    with store.reading() as cur:
        return cur.execute(
            f"SELECT {cols} FROM household WHERE village_code LIKE ? || '%' "  # noqa: S608
            "AND head_name IN (SELECT unnest(?))", [prefix, wanted]).df()


def households_by_id(store: Store, id_numbers) -> pd.DataFrame:
    """The households holding any of `id_numbers`, anywhere (the caller keeps its region's)."""
    wanted = sorted({n for n in id_numbers if isinstance(n, str)})
    cols = ", ".join(FACT_COLUMNS)
    with store.reading() as cur:
        return cur.execute(
            f"SELECT {cols} FROM household WHERE id_number IN (SELECT unnest(?)) "  # noqa: S608
            "ORDER BY household_id", [wanted]).df()


def household_facts(store: Store, household_ids) -> pd.DataFrame:
    cols = ", ".join(FACT_COLUMNS)
    with store.reading() as cur:
        return cur.execute(
            f"SELECT {cols} FROM household WHERE household_id IN (SELECT unnest(?))",  # noqa: S608
            [sorted(set(household_ids))]).df()


def villages(store: Store) -> pd.DataFrame:
    """Every village with its township (code, name, town_code, town_name)."""
    with store.reading() as cur:
        return cur.execute(
            "SELECT v.code, v.name, t.code AS town_code, t.name AS town_name FROM region v "
            "LEFT JOIN region t ON t.code = v.parent_code WHERE v.level = 'village'").df()


def save_batch(store: Store, batch: dict, rows: pd.DataFrame) -> None:
    """The list and all its rows, or nothing."""
    with store.transaction() as cur:
        cur.execute("INSERT INTO dept_batch VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [batch["batch_id"], batch["kind"], batch["file_name"],
                     batch["imported_at"], batch["account_id"], batch["scope_prefix"],
                     len(rows)])
        view = "_load_dept_row"
        cur.register(view, rows[ROW_COLUMNS])
        try:
            cols = ", ".join(ROW_COLUMNS)
            cur.execute(f"INSERT INTO dept_row ({cols}) SELECT {cols} FROM {view}")  # noqa: S608
        finally:
            cur.unregister(view)


def rows(store: Store, prefix: str, leads_only: bool = False) -> pd.DataFrame:
    """Rows of every list in the region `prefix` (a row outside it, or unmatched, is the
    importer's: it belongs to a list imported with a scope inside `prefix`)."""
    where = "r.status IS NOT NULL AND r.village_code LIKE ? || '%'" if leads_only else (
        "(r.village_code LIKE ? || '%' OR (r.village_code IS NULL "
        "AND b.scope_prefix LIKE ? || '%'))")
    params = [prefix] if leads_only else [prefix, prefix]
    head = ("SELECT r.*, b.kind, b.file_name, b.imported_at, b.account_id AS imported_by, "
            "v.name AS village_name FROM dept_row r JOIN dept_batch b USING (batch_id) "
            "LEFT JOIN region v ON v.code = r.village_code WHERE ")
    sql = head + where + " ORDER BY b.imported_at DESC, r.row_number"
    with store.reading() as cur:
        return cur.execute(sql, params).df()


def followed_leads(store: Store, kind: str) -> set[tuple[str, str]]:
    """(household, direction) of the leads of this kind of list still to decide or already
    raised as an issue (the issue follows it up; a rejected lead may come back)."""
    with store.reading() as cur:
        return set(cur.execute(
            "SELECT r.household_id, r.direction FROM dept_row r JOIN dept_batch b USING (batch_id) "
            "WHERE b.kind = ? AND r.status IN ('open', 'accepted')", [kind]).fetchall())


def get_row(store: Store, batch_id: str, row_number: int) -> dict | None:
    with store.reading() as cur:
        frame = cur.execute(
            "SELECT * FROM dept_row WHERE batch_id = ? AND row_number = ?",
            [batch_id, row_number]).df()
    return None if frame.empty else frame.iloc[0].to_dict()


def _decide(cur, batch_id: str, row_number: int, status: str, actor: str, at: dt.datetime,
            reason: str | None, issue_code: str | None) -> None:
    done = cur.execute(  # the count of rows updated (no RETURNING: see evidence.insert)
        "UPDATE dept_row SET status = ?, decided_by = ?, decided_at = ?, reason = ?, "
        "issue_code = ? WHERE batch_id = ? AND row_number = ? AND status = 'open'",
        [status, actor, at, reason, issue_code, batch_id, row_number]).fetchone()[0]
    if not done:
        raise ConflictError("DEPT_LEAD_DECIDED")


def reject(store: Store, batch_id: str, row_number: int, *, actor: str, at: dt.datetime,
           reason: str) -> None:
    with store.transaction() as cur:
        _decide(cur, batch_id, row_number, "rejected", actor, at, reason, None)


def accept(store: Store, batch_id: str, row_number: int, *, issue: dict, actor: str,
           at: dt.datetime, note: str) -> None:
    """The lead accepted and its issue raised (with its first history line), or neither."""
    with store.transaction() as cur:
        _decide(cur, batch_id, row_number, "accepted", actor, at, None, issue["issue_code"])
        campaign = cur.execute(
            "SELECT campaign_id FROM campaign WHERE active ORDER BY campaign_id DESC LIMIT 1"
        ).fetchall()[0][0]
        insert_frame(cur, "issue", pd.DataFrame([{**issue, "campaign_id": campaign}]))
        insert_frame(cur, "issue_history", pd.DataFrame([{
            "issue_code": issue["issue_code"], "changed_at": at, "from_status": None,
            "to_status": "pending", "actor": actor, "note": note}]))
