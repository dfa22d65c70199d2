"""The read model: one snapshot of the data, one `Scope`, one way to ask for issues.

The snapshot is read once per data version (the app caches it) and every figure on every page
slices it in memory. "The issues in scope S as of day D under filters F" is `issues_in_scope`,
and nothing else computes it; the region-code prefix rule lives in `Scope` alone.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from paicha_geo.domain import fact_versions, progress
from paicha_geo.domain import metrics as m
from paicha_geo.domain.campaign import Campaign
from paicha_geo.domain.filters import IssueFilters, apply_filters  # noqa: F401 - pages use it
from paicha_geo.domain.regions import PREFIX_LENGTH, full_code
from paicha_geo.store import Store
from paicha_geo.store import facts as store_facts
from paicha_geo.store import queries as q
from paicha_geo.store.schema import HOUSEHOLD_FACT_COLUMNS, VILLAGE_FACT_COLUMNS

_LEVEL_OF_LENGTH = {n: level for level, n in PREFIX_LENGTH.items()}


class OutOfScope(Exception):
    """A read asked for a region outside the reader's scope."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Scope:
    """The part of the data a read may touch: a region-code prefix ("" is all of it).

    A scope is a region: '320412' is 武进区 and everything in it. Pages narrow the reader's
    scope to the region on screen; a region outside it raises OutOfScope.
    """

    prefix: str = ""

    def __post_init__(self):
        if self.prefix and (not self.prefix.isdigit() or len(self.prefix) not in
                            _LEVEL_OF_LENGTH):
            raise ValueError(f"not a region prefix: {self.prefix!r}")

    @classmethod
    def of(cls, code: str, level: str) -> Scope:
        """The scope of the region `code` at `level`."""
        return cls(code[: PREFIX_LENGTH[level]])

    def covers(self, code: str) -> bool:
        return code.startswith(self.prefix)

    def narrow(self, code: str, level: str) -> Scope:
        """The scope of a region inside this one (OutOfScope if it is not inside)."""
        inner = Scope.of(code, level)
        if not inner.prefix.startswith(self.prefix):
            raise OutOfScope(code)
        return inner

    def rows(self, frame: pd.DataFrame, column: str) -> pd.DataFrame:
        """The rows of `frame` whose region code in `column` lies in this scope."""
        if not self.prefix:
            return frame
        return frame[frame[column].str.startswith(self.prefix)]

    @property
    def level(self) -> str | None:
        return _LEVEL_OF_LENGTH.get(len(self.prefix))

    @property
    def code(self) -> str | None:
        return full_code(self.prefix) if self.prefix else None


EVERYTHING = Scope("")


@dataclass
class Snapshot:
    """Everything the figures need, read once per data version (no names or ID numbers).

    Drill steps slice it in memory instead of querying DuckDB again; the status of every issue
    as of a day is computed once per day and reused by every region.
    """

    campaign: Campaign
    checklist: pd.DataFrame
    regions: pd.DataFrame
    villages: pd.DataFrame
    households: pd.DataFrame
    issues: pd.DataFrame
    history: pd.DataFrame
    visits: pd.DataFrame
    is_demo: bool
    # The facts' dates (FactDates); None: the current rows hold on every day (a file with
    # no dated version, or a snapshot built by hand).
    household_history: FactDates | None = None
    village_history: FactDates | None = None
    # What it was read from (queries.snapshot_basis), to patch it after status changes;
    # None: built by hand, always reloaded.
    basis: dict | None = None
    _asof_cache: dict = field(default_factory=dict, repr=False)
    _facts_cache: weakref.WeakValueDictionary = field(
        default_factory=weakref.WeakValueDictionary, repr=False)
    _steps: tuple | None = field(default=None, repr=False)

    def issues_asof(self, asof: dt.date) -> pd.DataFrame:
        if asof not in self._asof_cache:
            self._asof_cache[asof] = m.status_as_of(self.issues, self.history, asof)
        return self._asof_cache[asof]

    def progress_steps(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(every issue's `progress.daily_steps`, the same summed per region code, measure
        and day): computed once per data version, so a progress series of any region or
        filter is a sum over small tables, not the replay of 400,000 history rows."""
        held = self._steps
        if held is None or held[0] is not self.issues or held[1] is not self.history:
            steps = progress.daily_steps(self.issues, self.history)
            per_region = region_sums([placed_steps(steps, self.issues["region_code"])])
            held = self._steps = (self.issues, self.history, steps, per_region)
        return held[2], held[3]

    def households_asof(self, asof: dt.date) -> pd.DataFrame:
        """`households` with the facts that held on `asof` (see facts_asof)."""
        return facts_asof(self, asof)[0]

    def villages_asof(self, asof: dt.date) -> pd.DataFrame:
        """`villages` with the facts that held on `asof` (see facts_asof)."""
        return facts_asof(self, asof)[1]

    @property
    def root(self) -> pd.Series:
        """The top of the hierarchy (the city, or the province at province scale)."""
        return self.regions[self.regions["parent_code"].isna()].iloc[0]

    def region(self, scope: Scope) -> pd.Series:
        """The region row a scope stands for (the root for the whole database)."""
        if not scope.prefix:
            return self.root
        return self.regions.set_index("code", drop=False).loc[scope.code]

    def scope_of(self, region: pd.Series) -> Scope:
        return Scope.of(region["code"], region["level"])

    def regional(self, scope: Scope) -> Scope:
        """`scope`, or the root region's scope for the whole database (views need a region)."""
        return scope if scope.prefix else self.scope_of(self.root)


def facts_asof(snap: Snapshot, asof: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(households, villages) with each one's facts as verified on or before `asof`: the
    latest version by then, blank (未填报) where none was verified yet. Registration columns
    (village, members, exit status, weak type, population) are the current ones.

    From the newest 核实日期 on, the current rows themselves. An earlier day's rows (~35 MB
    for a province's households, 0.1 s to make) are kept only while a figure being computed
    holds them: the comparison's week-before figures are cached as figures, and keeping
    their rows as well held the largest share of the app's memory after its warm-up.
    """
    kept = snap._facts_cache  # weak: (asof, table) -> rows
    households, villages = kept.get((asof, "household")), kept.get((asof, "village"))
    if households is None or villages is None:
        households = _on(snap.households, snap.household_history, "household_id",
                         HOUSEHOLD_FACT_COLUMNS, asof)
        villages = _on(snap.villages, snap.village_history, "code", VILLAGE_FACT_COLUMNS, asof)
        kept[(asof, "household")], kept[(asof, "village")] = households, villages
    return households, villages


def people_asof(snap: Snapshot, people: pd.DataFrame, asof: dt.date) -> pd.DataFrame:
    """`people` (household rows read with names, for a list) with the facts that held on
    `asof`, as the snapshot's figures count them."""
    households = snap.households_asof(asof)
    if households is snap.households:
        return people
    facts = households.set_index("household_id")[list(HOUSEHOLD_FACT_COLUMNS)]
    rows = facts.index.get_indexer(people["household_id"])
    seen = rows >= 0  # a household the snapshot has not seen yet keeps its current facts
    out = people.copy()
    for column in HOUSEHOLD_FACT_COLUMNS:
        values = np.array(out[column].astype(object), dtype=object)  # a writable copy
        values[seen] = facts[column].astype(object).to_numpy()[rows[seen]]
        out[column] = (pd.to_numeric(pd.Series(values, index=out.index)).astype(float)
                       if pd.api.types.is_numeric_dtype(facts[column])
                       and not pd.api.types.is_bool_dtype(facts[column]) else values)
    return out


def _on(current: pd.DataFrame, dates: FactDates | None, key: str, columns, asof):
    if dates is None or pd.Timestamp(asof) >= dates.last_day:
        return current
    return fact_versions.facts_on(current, dates.several, key, columns, asof, dates.first_day)


def load_snapshot(store: Store) -> Snapshot:
    """Read every table the figures use, one query each."""
    campaign = Campaign.from_record(q.campaign(store))
    # Counted before the tables are read: a change in between makes the next refresh reload.
    basis = q.snapshot_basis(store, campaign.campaign_id)
    villages = q.villages(store)
    households = q.household_facts(store).astype(
        {c: "category" for c in HOUSEHOLD_CATEGORIES})
    return Snapshot(
        basis=basis,
        campaign=campaign,
        checklist=q.checklist(store, campaign.campaign_id),
        regions=q.regions(store),
        villages=villages,
        households=households,
        issues=q.issues(store, campaign.campaign_id),
        history=q.issue_history(store, campaign.campaign_id).astype(
            {c: "category" for c in HISTORY_CATEGORIES}),
        visits=q.visits(store),
        is_demo=store.get_meta("is_demo") == "1",
        household_history=_versions(store, "household", households["household_id"]),
        village_history=_versions(store, "village", villages["code"]),
    )


def placed_steps(steps: pd.DataFrame, regions: pd.Series, sign: int = 1) -> pd.DataFrame:
    """Progress steps (region_code, measure, day, delta) with each issue's region, from
    `regions` (the issues' region codes, by position); `sign` -1 takes them back."""
    return pd.DataFrame({"region_code": regions.to_numpy()[steps["row"].to_numpy()],
                         "measure": steps["measure"].array, "day": steps["day"].array,
                         "delta": sign * steps["delta"].to_numpy(dtype="int64")})


def region_sums(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """`placed_steps` (and earlier sums) summed per region code, measure and day, zeros
    dropped; int32 whatever the sums (pandas' own choice depends on the values)."""
    rows = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    sums = (rows.groupby(["region_code", "measure", "day"], observed=True)["delta"]
            .sum().astype("int32").reset_index())
    return sums[sums["delta"] != 0].reset_index(drop=True)


# History columns of a few repeated values (4 statuses, the accounts, the usual notes), held
# as categories: 400,000 rows at province scale took 35 MB as text, 2 MB so. Only the
# snapshot's readers see them (status_as_of, closeout_as_of, the progress steps, the village
# panel, which turns them back into text); a patched snapshot widens the categories.
HISTORY_CATEGORIES = ("from_status", "to_status", "actor", "note")


# Household registration columns of few values (a village's 30 households share its code;
# two exit statuses, four house grades, three renovation states), likewise: 28 MB of text
# for a province's 500,000 households, 3 MB so.
HOUSEHOLD_CATEGORIES = ("village_code", "exit_status", "house_grade", "house_renovation")


@dataclass(frozen=True)
class FactDates:
    """What the as-of facts need beyond the current rows: the day each row's facts were first
    verified (aligned with the rows; NaT: undated) and every version of the rows that have
    several (`row`: its position among the current rows)."""

    first_day: np.ndarray
    several: pd.DataFrame
    last_day: pd.Timestamp  # the newest 核实日期: from then on the current rows hold


def _versions(store: Store, table: str, keys: pd.Series) -> FactDates | None:
    """None when no version has a date: the current rows then hold on every day."""
    first = store_facts.first_days(store, table)
    several = (store_facts.several_versions(store, table) if (first["versions"] > 1).any()
               else store_facts.several_versions(store, table).iloc[:0])
    last = fact_versions.last_change_day(pd.concat(
        [first[["first_day"]].rename(columns={"first_day": "verified_on"}),
         several[["verified_on"]]]))
    if last is None:
        return None
    index = pd.Index(keys)
    read = first[first.columns[0]]
    if len(read) == len(keys) and (read.to_numpy() == keys.to_numpy()).all():  # same order
        first_day = pd.to_datetime(first["first_day"]).to_numpy()
    else:  # the rows changed between the two reads: align by key
        first_day = np.full(len(keys), np.datetime64("NaT"), dtype="datetime64[us]")
        at = index.get_indexer(read)
        first_day[at[at >= 0]] = pd.to_datetime(first["first_day"]).to_numpy()[at >= 0]
    several["row"] = (index.get_indexer(several[several.columns[0]]).astype("int32")
                      if len(several) else np.array([], dtype="int32"))
    return FactDates(first_day, several, last)


def data_version(store: Store) -> str:
    """A token that changes whenever the data changes (the app's cache key)."""
    return q.data_signature(store)


def issues_in_scope(snap: Snapshot, scope: Scope, asof: dt.date,
                    filters: IssueFilters | None = None) -> pd.DataFrame:
    """THE issues of every view, export and report: those in `scope`, found by `asof`, with
    their status as of that day (`status_asof`, `overdue_days`), passing `filters`."""
    found = scope.rows(snap.issues_asof(asof), "region_code")
    return apply_filters(found, snap.checklist, filters or IssueFilters())


def responsible_units(snap: Snapshot, scope: Scope) -> list[str]:
    """The 责任单位 named on issues in `scope`, sorted (the unit filter's choices)."""
    units = scope.rows(snap.issues, "region_code")["responsible_unit"].dropna().unique()
    return sorted(units)


def open_issues(issues: pd.DataFrame) -> pd.DataFrame:
    """The not-yet-closed ones among issues from `issues_in_scope`."""
    return issues[issues["status_asof"].isin(m.OPEN_STATUSES)]


def place_names(codes: pd.Series, regions: pd.DataFrame) -> pd.Series:
    """'武进区 · 湖塘镇 · 某村' for each region code (district down to the code's level)."""
    names = regions.set_index("code")["name"]
    parts = [codes.str[: PREFIX_LENGTH[level]].map(full_code).map(names)
             for level in ("district", "town", "village")]
    out = []
    for row in zip(*parts, strict=True):
        seen = [n for i, n in enumerate(row) if isinstance(n, str) and n not in row[:i]]
        out.append(" · ".join(seen))
    return pd.Series(out, index=codes.index, dtype=object)


@dataclass
class Resolved:
    """Where a `?region=` value points: the region to show, and a selected village if any."""

    region: pd.Series
    selected_village: str | None
    trail: list[tuple[str, str, str]]  # (code, name, level) from the root down
    unknown: str | None = None  # the value that named no region (shown back, shortened)
    outside: bool = False  # it named a region outside the reader's scope

    @property
    def scope(self) -> Scope:
        return Scope.of(self.region["code"], self.region["level"])


def resolve_region(regions: pd.DataFrame, raw: str | None,
                   scope: Scope = EVERYTHING) -> Resolved:
    """Normalise a 2- to 12-digit code; a village shows its township with it selected.

    An unknown or malformed code, or one outside `scope`, falls back to the top of `scope`
    with `unknown` (or `outside`) set, so the page can say so.
    """
    by_code = regions.set_index("code")
    top = (regions[regions["parent_code"].isna()].iloc[0]["code"] if not scope.prefix
           else scope.code)
    code, unknown, outside = top, None, False
    if raw:
        digits = raw.strip()
        if re.fullmatch(r"\d{2,12}", digits) and full_code(digits) in by_code.index:
            if scope.covers(full_code(digits)):
                code = full_code(digits)
            else:
                outside = True
        else:
            unknown = raw[:20]
    row = by_code.loc[code].copy()
    row["code"] = code
    trail = []
    cursor = code
    while isinstance(cursor, str):
        node = by_code.loc[cursor]
        trail.append((cursor, node["name"], node["level"]))
        cursor = node["parent_code"] if pd.notna(node["parent_code"]) else None
    trail.reverse()
    if row["level"] == "village":
        parent = by_code.loc[row["parent_code"]].copy()
        parent["code"] = row["parent_code"]
        return Resolved(parent, code, trail, unknown, outside)
    return Resolved(row, None, trail, unknown, outside)
