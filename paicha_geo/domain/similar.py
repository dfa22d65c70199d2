"""举一反三: for one checklist item, the villages where it is open, where it was closed lately
(check for relapse), and where it is likely though not on the list.

"Likely" is similarity to the villages that have had the item (any issue of it found by the
day, whatever its status), measured two ways and averaged:

* issue profile: which other items a village has had (0/1 per item, the item itself left
  out), cosine similarity to the mean profile of the villages that had it;
* household facts: the share of the village's households failing each guarantee, cosine
  similarity to the mean shares of those villages.

A village with nothing on either side scores 0. Only villages with no issue of the item at
all are candidates; those scoring at least `min_score` are kept, best first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from paicha_geo.domain.membership import isin
from paicha_geo.domain.rules import GUARANTEE_KEYS

CATEGORIES = ("open", "recent", "likely")  # in ranking order
OPEN = ("pending", "rectifying", "rectified")
SHARED_MIN = 0.2  # an item "they have too" when at least 20 % of the group has it
SHARED_SHOWN = 3


@dataclass(frozen=True)
class Group:
    """What the villages that had the item look like (for the words of the explanation)."""

    size: int
    failing_share: float  # mean share of households failing any guarantee
    item_share: pd.Series  # per other item: share of the group that had it


def _cosine(matrix: np.ndarray, target: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1) * np.linalg.norm(target)
    dots = matrix @ target
    return np.divide(dots, norms, out=np.zeros_like(dots, dtype=float), where=norms > 0)


def profiles(issues_asof: pd.DataFrame, villages: pd.Index) -> pd.DataFrame:
    """0/1 per (village, item): the village has had an issue of that item by the day."""
    rows = villages.get_indexer(issues_asof["region_code"])
    inside = rows >= 0
    items = pd.Index(sorted(issues_asof["item_code"][inside].unique()))
    matrix = np.zeros((len(villages), len(items)))
    matrix[rows[inside], items.get_indexer(issues_asof["item_code"][inside])] = 1.0
    return pd.DataFrame(matrix, index=villages, columns=items)


def fact_shares(failures: pd.DataFrame, village_of: pd.Series,
                villages: pd.Index) -> pd.DataFrame:
    """Per village: share of households failing each guarantee and any of them."""
    cols = [*GUARANTEE_KEYS, "any_guarantee"]
    frame = failures[cols].astype(float).groupby(village_of.to_numpy()).mean()
    return frame.reindex(villages).fillna(0.0)


def rank(issues_asof: pd.DataFrame, failures: pd.DataFrame, village_of: pd.Series,
         villages: pd.Index, item: str, asof: dt.date, *, recent_days: int = 60,
         min_score: float = 0.5, likely_max: int = 30) -> tuple[pd.DataFrame, Group]:
    """The ranked shortlist for `item` among `villages` (codes).

    Columns: category (open / recent / likely), open_issues, last_closed (date of the latest
    close-out, for recent), score (similarity, likely only), facts_score, items_score,
    failing_share, shared_items (list of item codes). Open first (most open issues first),
    then closed within `recent_days` before `asof` (latest first), then likely (best first).
    """
    mine = issues_asof[(issues_asof["item_code"] == item)
                       & isin(issues_asof["region_code"], villages)]
    open_count = mine[mine["status_asof"].isin(OPEN)]["region_code"].value_counts()
    closed = mine[mine["status_asof"] == "closed"]
    last_closed = closed.groupby("region_code")["status_since"].max()
    had = pd.Index(mine["region_code"].unique())

    items = profiles(issues_asof, villages)
    items = items.drop(columns=[item], errors="ignore")
    facts = fact_shares(failures, village_of, villages)
    fact_cols = list(GUARANTEE_KEYS)
    group_items = items.loc[had].mean() if len(had) else items.iloc[:0].sum()
    group_facts = (facts.loc[had, fact_cols].mean() if len(had)
                   else pd.Series(0.0, index=fact_cols))
    items_score = _cosine(items.to_numpy(), group_items.to_numpy(float))
    facts_score = _cosine(facts[fact_cols].to_numpy(), group_facts.to_numpy(float))
    score = (items_score + facts_score) / 2
    group = Group(len(had), float(facts.loc[had, "any_guarantee"].mean()) if len(had) else 0.0,
                  group_items)

    out = pd.DataFrame({"score": score, "items_score": items_score,
                        "facts_score": facts_score,
                        "failing_share": facts["any_guarantee"].to_numpy()}, index=villages)
    out["open_issues"] = open_count.reindex(villages).fillna(0).astype(int)
    closed_at = pd.to_datetime(last_closed.reindex(villages)).dt.normalize()
    since = pd.Timestamp(asof - dt.timedelta(days=recent_days))
    recent = ((closed_at >= since) & (closed_at <= pd.Timestamp(asof))).to_numpy()
    out["last_closed"] = closed_at.dt.date.to_numpy()
    days_ago = (pd.Timestamp(asof) - closed_at).dt.days.fillna(0).to_numpy(float)
    out["days_ago"] = days_ago
    out["category"] = None
    out.loc[out["open_issues"] > 0, "category"] = "open"
    out.loc[(out["open_issues"] == 0) & recent, "category"] = "recent"
    candidates = ~out.index.isin(had) & (out["score"] >= min_score)
    out.loc[candidates, "category"] = "likely"
    out = out[out["category"].notna()].copy()
    out.loc[out["category"] != "likely", ["score", "items_score", "facts_score"]] = np.nan
    common = sorted(group_items[group_items >= SHARED_MIN].index,
                    key=lambda c: (-group_items[c], c))
    has = items.loc[out.index, common].to_numpy() > 0
    out["shared_items"] = [[c for c, yes in zip(common, row, strict=True) if yes][:SHARED_SHOWN]
                           for row in has]
    out["order"] = out["category"].map({c: i for i, c in enumerate(CATEGORIES)})
    out["sort_key"] = np.select(
        [out["category"] == "open", out["category"] == "recent"],
        [-out["open_issues"].astype(float), out["days_ago"]], -out["score"].fillna(0))
    out = out.sort_values(["order", "sort_key"], kind="stable").drop(
        columns=["order", "sort_key", "days_ago"])
    likely = out["category"] == "likely"
    keep = ~likely | (likely.cumsum() <= likely_max)
    return out[keep], group
