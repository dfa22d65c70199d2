"""Rectification progress over time: daily series, burn-down, overdue ageing, breakdowns.

Every day's figure means exactly what `metrics.status_as_of` reports for that day:
- found(d): issues found on or before d;
- rectified(d): found issues whose status at the end of d is 已整改(待验收) or 已销号;
- closed(d): found issues whose status at the end of d is 已销号 (a 回头看 reopen takes an
  issue out again, so the curve can step down);
- open(d) = found(d) - closed(d);
- overdue(d): still 待整改 or 整改中 on a day after its deadline.

`daily_series` does not call `status_as_of` once per day (180 calls on the demo city); it
cuts each issue's history into status spells and counts spell starts and ends per day, one
groupby in all. tests/test_progress.py proves both give the same numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from paicha_geo.domain import metrics as m
from paicha_geo.domain.membership import isin

SERIES_COLUMNS = ("found", "rectified", "closed", "open", "overdue")
RECTIFIED_OR_CLOSED = ("rectified", "closed")
# Overdue ageing buckets: (key, lowest day, highest day) inclusive; None = no upper bound.
AGEING_BUCKETS = (("1_7", 1, 7), ("8_30", 8, 30), ("over_30", 31, None))
BREAKDOWNS = ("group", "part", "item", "source")
SOURCE_ORDER = ("inspection_tour", "audit", "supervision", "public_report", "self_inspection",
                "data_check")
_EPOCH = pd.Timestamp("1900-01-01")
_ONE_DAY = pd.Timedelta(days=1)


def status_spells(issues: pd.DataFrame, history: pd.DataFrame) -> pd.DataFrame:
    """One row per issue and status spell: `start` (day), `end` (day, exclusive; NaT = still),
    `status`, `found` and `deadline` (days).

    As in `status_as_of`: a change at any hour of day d holds from the end of d, the last change
    of a day wins, and an issue counts as 待整改 until its first history entry.
    """
    codes = issues["issue_code"]
    hist = history[isin(history["issue_code"], codes)]
    order = ["changed_at", "history_id"] if "history_id" in hist else ["changed_at"]
    hist = hist.sort_values(order)
    changes = pd.DataFrame({
        "issue_code": hist["issue_code"].to_numpy(),
        "start": pd.to_datetime(hist["changed_at"]).dt.normalize().to_numpy(),
        "status": hist["to_status"].to_numpy(),
        "seq": np.arange(1, len(hist) + 1),
    })
    seeds = pd.DataFrame({"issue_code": codes.to_numpy(), "start": _EPOCH, "status": "pending",
                          "seq": 0})
    spells = pd.concat([seeds, changes], ignore_index=True).sort_values(["issue_code", "seq"])
    spells = spells.groupby(["issue_code", "start"], sort=False).tail(1)
    spells = spells.sort_values(["issue_code", "start"]).reset_index(drop=True)
    spells["end"] = spells.groupby("issue_code")["start"].shift(-1)
    dates = issues.set_index("issue_code")
    spells["found"] = spells["issue_code"].map(
        pd.to_datetime(dates["found_date"]).dt.normalize())
    spells["deadline"] = spells["issue_code"].map(
        pd.to_datetime(dates["deadline"]).dt.normalize())
    return spells.drop(columns="seq")


STEP_MEASURES = ("found", "rectified", "closed", "overdue")


def daily_steps(issues: pd.DataFrame, history: pd.DataFrame) -> pd.DataFrame:
    """Where each issue's daily counts step up or down: one row per (`row`, the issue's
    position in `issues`; `measure`, one of STEP_MEASURES; `day`; `delta`, +1 or -1).

    A day's count of a measure is the sum of its steps on or before that day, whatever the
    first day shown, so the steps of every issue can be computed once per data version and
    any region's series summed from them (`series_from_steps`).
    """
    spells = status_spells(issues, history)
    row = pd.Index(issues["issue_code"]).get_indexer(spells["issue_code"]).astype("int32")
    begins = spells["start"].where(spells["start"] > spells["found"], spells["found"])
    late_from = spells["deadline"] + _ONE_DAY
    found = pd.to_datetime(issues["found_date"]).dt.normalize()
    parts = [_interval_steps(np.arange(len(issues), dtype="int32"), found.to_numpy(),
                             np.full(len(issues), np.datetime64("NaT"), "datetime64[ns]"),
                             "found")]
    for name, statuses, starts in (("rectified", RECTIFIED_OR_CLOSED, begins),
                                   ("closed", ("closed",), begins),
                                   ("overdue", m.UNRECTIFIED,
                                    begins.where(begins > late_from, late_from))):
        hit = spells["status"].isin(statuses).to_numpy()
        parts.append(_interval_steps(row[hit], starts.to_numpy()[hit],
                                     spells["end"].to_numpy()[hit], name))
    return pd.concat(parts, ignore_index=True)


def _interval_steps(rows: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                    measure: str) -> pd.DataFrame:
    """+1 on each interval's first day, -1 on its end (none while it lasts: NaT end); an
    interval that ends before it begins counts on no day."""
    starts = starts.astype("datetime64[ns]")
    ends = ends.astype("datetime64[ns]")
    keep = np.isnat(ends) | (ends > starts)
    rows, starts, ends = rows[keep], starts[keep], ends[keep]
    closed = ~np.isnat(ends)
    return pd.DataFrame({
        "row": np.concatenate([rows, rows[closed]]),
        "measure": pd.Categorical([measure] * (len(rows) + int(closed.sum())),
                                  categories=STEP_MEASURES),
        "day": np.concatenate([starts, ends[closed]]),
        "delta": np.concatenate([np.ones(len(rows), "int8"),
                                 -np.ones(int(closed.sum()), "int8")]),
    })


def series_from_steps(steps: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Per calendar day from `start` to `end`: found, rectified, closed, open, overdue, from
    `daily_steps` (of some issues, or summed per region: only `measure`, `day` and `delta`
    are read)."""
    days = pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="D", name="date")
    out = pd.DataFrame(index=days)
    if days.empty:
        return out.assign(**{c: 0 for c in SERIES_COLUMNS}).astype(int)
    day = pd.to_datetime(steps["day"]).clip(lower=days[0])  # earlier steps count on day one
    shown = (day <= days[-1]).to_numpy()
    per_day = (pd.DataFrame({"measure": steps["measure"].to_numpy()[shown],
                             "day": day.to_numpy()[shown],
                             "delta": steps["delta"].to_numpy(dtype="int64")[shown]})
               .groupby(["measure", "day"], observed=True)["delta"].sum())
    counts = (per_day.unstack("measure", fill_value=0)
              .reindex(index=days, columns=list(STEP_MEASURES), fill_value=0).cumsum())
    for name in STEP_MEASURES:
        out[name] = counts[name].to_numpy()
    out["open"] = out["found"] - out["closed"]
    return out[list(SERIES_COLUMNS)].astype(int)


def daily_series(issues: pd.DataFrame, history: pd.DataFrame, start: dt.date,
                 end: dt.date) -> pd.DataFrame:
    """Per calendar day from `start` to `end`: found, rectified, closed, open, overdue."""
    if issues.empty:  # no issue in scope: every count is zero every day
        return series_from_steps(_NO_STEPS, start, end)
    return series_from_steps(daily_steps(issues, history), start, end)


_NO_STEPS = pd.DataFrame({"measure": pd.Categorical([], categories=STEP_MEASURES),
                          "day": pd.to_datetime([]), "delta": np.array([], "int8")})


def series_from_snapshots(issues: pd.DataFrame, history: pd.DataFrame, days) -> pd.DataFrame:
    """The same figures by calling `status_as_of` per day: slow, the reference for tests."""
    rows = []
    for day in days:
        asof = m.status_as_of(issues, history, day)
        status = asof["status_asof"]
        rows.append({
            "date": pd.Timestamp(day), "found": len(asof),
            "rectified": int(status.isin(RECTIFIED_OR_CLOSED).sum()),
            "closed": int((status == "closed").sum()),
            "open": int(status.isin(m.OPEN_STATUSES).sum()),
            "overdue": int((asof["overdue_days"] > 0).sum()),
        })
    return pd.DataFrame(rows).set_index("date")


@dataclass(frozen=True)
class Burndown:
    """Open issues against the days left: the pace needed, and the pace of the last week.

    required_pace = open / days left (NaN on or after the deadline day: nothing left to
    divide by). recent_pace = net close-outs per day over the last `window` days (reopens
    subtract). projected_finish: when open reaches 0 at the recent pace (None if it never
    would, i.e. pace <= 0 with issues open).
    """

    asof: dt.date
    deadline: dt.date
    open_now: int
    days_left: int
    required_pace: float
    recent_pace: float
    window: int
    projected_finish: dt.date | None
    plan: pd.DataFrame  # date, needed: straight line from open_now today to 0 on the deadline


def burndown(series: pd.DataFrame, asof: dt.date, deadline: dt.date,
             window: int = 7) -> Burndown:
    open_now = int(series["open"].iloc[-1]) if len(series) else 0
    days_left = (deadline - asof).days
    required = float(open_now) / days_left if days_left > 0 else float("nan")
    span = min(window, len(series) - 1)
    if span > 0:
        recent = float(series["closed"].iloc[-1] - series["closed"].iloc[-1 - span]) / span
    else:
        recent = float("nan")
    if open_now == 0:
        finish = asof
    elif recent > 0:
        finish = asof + dt.timedelta(days=int(np.ceil(open_now / recent - 1e-9)))
    else:
        finish = None
    if days_left > 0:
        dates = pd.date_range(pd.Timestamp(asof), pd.Timestamp(deadline), freq="D")
        needed = np.linspace(open_now, 0, len(dates))
        plan = pd.DataFrame({"date": dates, "needed": needed})
    else:
        plan = pd.DataFrame({"date": pd.DatetimeIndex([]), "needed": pd.Series(dtype=float)})
    return Burndown(asof, deadline, open_now, days_left, required, recent, span, finish, plan)


def ageing(issues_asof: pd.DataFrame) -> pd.DataFrame:
    """Overdue issues by days past their deadline: 1-7, 8-30, over 30 (columns key, issues)."""
    days = issues_asof["overdue_days"]
    rows = []
    for key, low, high in AGEING_BUCKETS:
        hit = days >= low if high is None else days.between(low, high)
        rows.append({"key": key, "issues": int(hit.sum())})
    return pd.DataFrame(rows)


def _group_keys(issues_asof: pd.DataFrame, checklist: pd.DataFrame, by: str):
    """(key per issue, ordered keys to show, key -> name) for one breakdown dimension."""
    items = checklist.sort_values("sort_order").set_index("code")
    item = issues_asof["item_code"]
    if by == "source":
        present = [s for s in pd.unique(issues_asof["source"]) if s not in SOURCE_ORDER]
        order = list(SOURCE_ORDER) + sorted(present)
        return issues_asof["source"], order, {k: k for k in order}
    if by == "item":
        names = {c: f"{c} {s}" for c, s in zip(items.index, items["short"], strict=True)}
        return item, list(items.index), names
    key, name = f"{by}_key", f"{by}_name"
    firsts = items.drop_duplicates(key)
    return item.map(items[key]), list(firsts[key]), dict(zip(firsts[key], firsts[name],
                                                              strict=True))


def breakdown(issues_asof: pd.DataFrame, checklist: pd.DataFrame, by: str) -> pd.DataFrame:
    """Issue counts and rates per checklist group, part or item, or per source.

    Groups, parts and sources are all listed (a zero says "nothing found"); items only
    where something was found (the checklist has dozens).
    """
    keys, order, names = _group_keys(issues_asof, checklist, by)
    ind = m.issue_indicators(issues_asof).drop(columns="code")
    sums = ind.astype(int).groupby(keys.to_numpy()).sum().reindex(order, fill_value=0)
    if by == "item":
        sums = sums[sums["issues_found"] > 0]
    sums = m.issue_rates(sums.astype(int))
    sums.insert(0, "name", [names.get(k, k) for k in sums.index])
    return sums.rename_axis("key").reset_index()
