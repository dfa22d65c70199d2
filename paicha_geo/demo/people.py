"""Village attributes and registered low-income households for the demo.

Shares follow the brief: ~15 % of villages weak (about a third province-designated), placed
by `regional` (the hilly south-west of 常州, the north of 江苏, never an urban district); most
households pass every guarantee and a few percent fail one. Incomes are right-skewed and go
with exit status: a 未脱贫 household is near or below the 7,000 yuan standard, an 已脱贫 one
rarely below it. Excess fluoride only in `regional`'s fluoride villages. 低保/特困 coverage is
recorded only for the eligible (blank for others: the question does not arise). These are
the facts as the spring 2020 screening found them; `ledger` applies the fixes the issues'
closures made.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from paicha_geo.demo.names import id_numbers, person_names
from paicha_geo.demo.regional import FLUORIDE_HOUSEHOLD_SHARE, PROVINCE_DESIGNATED, WEAK_SHARE

EXITED_SHARE = 0.86
EXITED_INCOME = (13_000, 0.26)  # median, log-sd of per-capita income (yuan)
NOT_EXITED_INCOME = (7_600, 0.30)


def village_attributes(rng: np.random.Generator, villages: pd.DataFrame,
                       weak_probability: np.ndarray) -> pd.DataFrame:
    """Weak type, collective incomes, first secretary and population for each village.

    Exactly WEAK_SHARE of the villages are weak, drawn by `weak_probability` (from
    `regional`: zero for 社区 and urban districts); weak villages straddle their income
    standard so that some still fail it.
    """
    n = len(villages)
    is_village = ~villages["name"].str.endswith("社区").to_numpy()
    weak = np.full(n, None, dtype=object)
    eligible = int((weak_probability > 0).sum())
    if eligible:
        picked = rng.choice(n, size=min(round(WEAK_SHARE * n), eligible), replace=False,
                            p=weak_probability / weak_probability.sum())
        province = rng.random(len(picked)) < PROVINCE_DESIGNATED
        weak[picked] = np.where(province, "province", "city")
    operating = rng.lognormal(np.log(420_000), 0.45, n)
    disposable = operating * rng.uniform(1.3, 1.9, n)
    province = weak == "province"
    city = weak == "city"
    operating[province] = rng.normal(225_000, 45_000, province.sum()).clip(60_000)
    disposable[province] = operating[province] * rng.uniform(1.4, 1.8, province.sum())
    disposable[city] = rng.normal(410_000, 60_000, city.sum()).clip(150_000)
    operating[city] = disposable[city] * rng.uniform(0.45, 0.7, city.sum())
    secretary = np.where(weak != None, rng.random(n) < 0.93, None)  # noqa: E711
    population = rng.integers(1200, 4800, n)
    population[~is_village] = rng.integers(3000, 12000, (~is_village).sum())
    return pd.DataFrame(
        {
            "code": villages["code"].to_numpy(),
            "weak_type": weak,
            "collective_operating_income": operating.round(-2),
            "collective_disposable_income": disposable.round(-2),
            "first_secretary_present": secretary,
            "population": population,
        }
    )


def households(
    rng: np.random.Generator, village_attrs: pd.DataFrame, community: np.ndarray, target: int,
    fluoride_villages: np.ndarray,
) -> pd.DataFrame:
    """About `target` households, weighted toward weak villages and away from urban 社区."""
    weak = village_attrs["weak_type"].notna().to_numpy()
    weight = np.where(weak, 3.0, 1.0) * rng.uniform(0.6, 1.4, len(weak))
    weight[community] *= 0.35
    counts = rng.poisson(weight / weight.sum() * target)
    codes = np.repeat(village_attrs["code"].to_numpy(), counts)
    n = len(codes)
    seq = np.concatenate([np.arange(1, c + 1) for c in counts]) if n else np.array([], int)
    members = rng.choice([1, 2, 3, 4, 5, 6], size=n, p=[0.24, 0.33, 0.2, 0.13, 0.07, 0.03])
    exited = rng.random(n) < EXITED_SHARE
    income = np.where(exited, rng.lognormal(np.log(EXITED_INCOME[0]), EXITED_INCOME[1], n),
                      rng.lognormal(np.log(NOT_EXITED_INCOME[0]), NOT_EXITED_INCOME[1], n))
    income = income.round(-1)
    children = np.where(rng.random(n) < 0.24, rng.choice([1, 2, 3], n, p=[0.7, 0.25, 0.05]), 0)
    children = np.minimum(children, np.maximum(members - 1, 0))
    out_of_school = np.where((children > 0) & (rng.random(n) < 0.02), 1, 0)
    physical = np.where((out_of_school > 0) & (rng.random(n) < 0.35), 1, 0)
    had_stay = rng.random(n) < 0.22
    bump = np.where(rng.random(n) < 0.02, 0.05, 0.0)
    share = np.where(had_stay, rng.beta(6, 110, n) + bump, np.nan)
    grade = rng.choice(["A", "B", "C", "D"], size=n, p=[0.41, 0.573, 0.012, 0.005])
    renovation = np.where(np.isin(grade, ["C", "D"]),
                          rng.choice(["none", "in_progress"], n, p=[0.4, 0.6]), "none")
    renovation = np.where((grade == "B") & (rng.random(n) < 0.05), "completed", renovation)
    eligible = rng.random(n) < 0.27
    covered = np.where(eligible, rng.random(n) > 0.03, None)
    fluoride = np.isin(codes, fluoride_villages) & (rng.random(n) < FLUORIDE_HOUSEHOLD_SHARE)
    county = [c[:6] for c in codes]
    ids = []
    for c in sorted(set(county)):
        k = county.count(c)
        ids.extend(id_numbers(rng, c, k))
    order = np.argsort(np.array(county), kind="stable")
    id_col = np.empty(n, dtype=object)
    id_col[order] = ids
    return pd.DataFrame(
        {
            "household_id": [f"{c}{s:04d}" for c, s in zip(codes, seq, strict=True)],
            "village_code": codes,
            "head_name": person_names(rng, n),
            "id_number": id_col,
            "members": members,
            "per_capita_income": income,
            "exit_status": np.where(exited, "exited", "not_exited"),
            "school_age_children": children,
            "children_out_of_school": out_of_school,
            "children_out_of_school_physical": physical,
            "all_insured": rng.random(n) > 0.006,
            "inpatient_selfpay_share": np.round(share, 4),
            "house_grade": grade,
            "house_renovation": renovation,
            "safe_water": rng.random(n) > 0.006,
            "excess_fluoride": fluoride,
            "social_floor_eligible": eligible,
            "social_floor_covered": covered,
        }
    )
