"""Issues the demo's facts raise, where the other issues may sit, and the facts a closure fixed.

The story (issue 17 items 7-8): the spring screening found every household (and weak village)
whose facts failed a check, but for a few it missed (数据比对's 漏报线索), and filed one issue
per problem under the item that problem belongs to, saying what the facts showed ("居住在D级
危房" only for a grade-D house). An issue put right (已整改 or 已销号 by the demo's today) fixed
its fact: the house rebuilt (grade B, 改造完成), the member insured, the self-paid share
brought under 10 % by 医疗救助, the income raised over 7,000 yuan, coverage granted, the
village's income over its standard. Except a documented few (CONTRADICTION share of the done
household issues of a check): closed on paper while the facts still fail, so that 数据比对's
销号存疑 has something true to find. 饮水型氟超标 waits for 改水 works: never done by today.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from paicha_geo.demo.descriptions import FACT_PROBLEMS
from paicha_geo.domain import rules
from paicha_geo.domain.campaign import Campaign
from paicha_geo.domain.crosscheck import DONE, PART_GUARANTEE

STUCK = ("fluoride", "fluoride_village")  # never done by the demo's today
HOUSEHOLD_ITEM_CHECK = {**PART_GUARANTEE, "2.3.1": "income"}  # item part -> check
NEVER_MISSED = ("income",)  # every 已脱贫 household below the standard carries a 2.3.1 issue
COLUMNS = ["item_code", "region_code", "household_id", "problem", "check"]


def _is(column: pd.Series, value: bool) -> np.ndarray:
    return (column.astype("boolean") == value).fillna(False).to_numpy(bool)


def household_problems(households: pd.DataFrame, campaign: Campaign) -> dict[str, np.ndarray]:
    """Each problem a household's facts show (a FACT_PROBLEMS key) -> a row mask."""
    exited = rules.exited(households).to_numpy(bool)
    dangerous = households["house_grade"].isin(campaign.dangerous_house_grades).to_numpy(bool)
    share = households["inpatient_selfpay_share"].astype("Float64").round(4)
    income = pd.to_numeric(households["per_capita_income"]).to_numpy(float)
    return {
        "education": (rules.education(households) == rules.FAIL).to_numpy(bool),
        "uninsured": _is(households["all_insured"], False),
        "selfpay": (share > round(campaign.inpatient_selfpay_max, 4)).fillna(False)
        .to_numpy(bool),
        "housing": exited & dangerous,
        "housing_not_exited": ~exited & dangerous
        & (households["house_renovation"] == "none").to_numpy(bool),
        "fluoride": _is(households["excess_fluoride"], True),
        "unsafe_water": _is(households["safe_water"], False),
        "social_floor": _is(households["social_floor_eligible"], True)
        & _is(households["social_floor_covered"], False),
        "income": exited & (income < campaign.income_threshold),
    }


def raised(rng: np.random.Generator, campaign: Campaign, villages: pd.DataFrame,
           households: pd.DataFrame, missed_share: float) -> pd.DataFrame:
    """One issue per problem the facts show (but `missed_share` of them): COLUMNS."""
    frames = []
    for check, mask in household_problems(households, campaign).items():
        missed = 0.0 if check in NEVER_MISSED else missed_share
        rows = households[mask & (rng.random(len(households)) >= missed)]
        item, text = FACT_PROBLEMS[check]
        if check in ("housing", "housing_not_exited"):
            problems = [text.format(grade=g) for g in rows["house_grade"]]
        elif check == "selfpay":
            problems = [text.format(share=f"{s:.1%}") for s in rows["inpatient_selfpay_share"]]
        else:
            problems = [text] * len(rows)
        frames.append(pd.DataFrame({"item_code": item, "region_code": rows["village_code"],
                                    "household_id": rows["household_id"],
                                    "problem": problems, "check": check}))
    weak = villages[villages["weak_type"].notna()]
    below = weak[rules.village_income_standard(weak, campaign)["fails"].to_numpy(bool)]
    below = below[rng.random(len(below)) >= missed_share]
    item, text = FACT_PROBLEMS["village_income"]
    frames.append(pd.DataFrame({"item_code": item, "region_code": below["code"],
                                "household_id": None, "problem": text,
                                "check": "village_income"}))
    fluoride = np.unique(households.loc[_is(households["excess_fluoride"], True),
                                        "village_code"])
    item, text = FACT_PROBLEMS["fluoride_village"]
    frames.append(pd.DataFrame({"item_code": item, "region_code": fluoride,
                                "household_id": None, "problem": text,
                                "check": "fluoride_village"}))
    return pd.concat(frames, ignore_index=True)[COLUMNS]


class Places:
    """Where an issue not raised from a fact may sit: a region of its level, and for some
    items a household whose facts pass the item's check (so no closure contradicts them)."""

    ATTACH_SHARE = 0.6  # of village-level issues of a household item

    def __init__(self, rng, villages: pd.DataFrame, households: pd.DataFrame,
                 campaign: Campaign):
        self.rng = rng
        self.codes = villages["code"].to_numpy()
        weak = villages["weak_type"].notna().to_numpy()
        weight = np.cumsum(np.where(weak, 4.0, 1.0))
        self.cumulative = weight / weight[-1]
        self.weak = np.flatnonzero(weak)
        income_ok = ~rules.village_income_standard(villages, campaign)["fails"].to_numpy(bool)
        self.weak_passing = np.flatnonzero(weak & income_ok)
        self.secretary = villages["first_secretary_present"].to_numpy(object)
        self.districts = np.unique([c[:6] + "000000" for c in self.codes])
        self.towns = np.unique([c[:9] + "000" for c in self.codes])
        hh = households.sort_values("village_code", kind="stable")
        self.household_ids = hh["household_id"].to_numpy()
        starts = np.searchsorted(hh["village_code"].to_numpy(), self.codes, side="left")
        ends = np.searchsorted(hh["village_code"].to_numpy(), self.codes, side="right")
        self.span = dict(zip(self.codes, zip(starts, ends, strict=True), strict=True))
        problems = household_problems(hh, campaign)
        passing = {
            "education": ~problems["education"],
            "medical": ~(problems["uninsured"] | problems["selfpay"]),
            "housing": ~(problems["housing"] | problems["housing_not_exited"]),
            "water": ~(problems["fluoride"] | problems["unsafe_water"]),
            "social_floor": ~problems["social_floor"],
            "income": ~problems["income"],
        }
        children = pd.to_numeric(hh["school_age_children"]).fillna(0).to_numpy() > 0
        rebuilt = (hh["house_renovation"] == "completed").to_numpy(bool)
        self.fits = {  # item -> households it may name
            "3.1.2": passing["education"] & children,
            "3.3.2": passing["housing"] & rebuilt,
            "3.3.3": passing["housing"] & rebuilt,
            "2.3.1": passing["income"] & rules.exited(hh).to_numpy(bool),
        }
        self.passing = passing

    def _household(self, code: str, village: str):
        if code not in self.fits and code[:3] not in PART_GUARANTEE and code not in (
                "2.3.1", "2.1.3", "2.2.2", "2.2.6", "2.2.4"):
            return None
        if self.rng.random() >= self.ATTACH_SHARE:
            return None
        start, end = self.span[village]
        check = HOUSEHOLD_ITEM_CHECK.get(code[:3], HOUSEHOLD_ITEM_CHECK.get(code))
        mask = self.fits.get(code, self.passing[check] if check else None)
        candidates = np.arange(start, end)
        if mask is not None:
            candidates = candidates[mask[start:end]]
        if not len(candidates):
            return None
        return self.household_ids[candidates[self.rng.integers(len(candidates))]]

    def place(self, code: str, level: str) -> tuple[str, str | None, str | None]:
        """(region code, household id or None, a fact's problem text or None)."""
        if level == "district":
            return self.districts[self.rng.integers(len(self.districts))], None, None
        if level == "town":
            return self.towns[self.rng.integers(len(self.towns))], None, None
        if code in ("2.2.1", "2.3.3") and len(self.weak):
            pool = self.weak if code == "2.2.1" or not len(self.weak_passing) \
                else self.weak_passing
            row = pool[self.rng.integers(len(pool))]
            village = self.codes[row]
            if code == "2.2.1" and self.secretary[row] is False:
                return village, None, FACT_PROBLEMS["no_secretary"][1]
            return village, None, None
        row = min(int(np.searchsorted(self.cumulative, self.rng.random(), side="right")),
                  len(self.codes) - 1)
        village = self.codes[row]
        return village, self._household(code, village), None


def apply_fixes(rng: np.random.Generator, campaign: Campaign, issues: pd.DataFrame,
                checks: pd.Series, households: pd.DataFrame, villages: pd.DataFrame,
                contradiction_share: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Copies of the facts as they stand at the demo's today: what a done issue fixed."""
    checks = checks.to_numpy(object)
    done = issues["status"].isin(DONE).to_numpy(bool)
    of_check = (issues["household_id"].notna()
                & (issues["item_code"].str[:3].isin(list(PART_GUARANTEE))
                   | (issues["item_code"] == "2.3.1"))).to_numpy(bool)
    household_fact = np.array([c is not None and c not in ("village_income", *STUCK)
                               for c in checks])
    candidates = np.flatnonzero(done & household_fact)
    k = min(round(contradiction_share * int((done & of_check).sum())), len(candidates))
    unfixed = set(rng.choice(candidates, size=k, replace=False).tolist()) if k else set()
    fixed = np.array([i for i in np.flatnonzero(done & (checks != None))  # noqa: E711
                      if i not in unfixed], dtype=int)
    homes = households.copy()
    homes["social_floor_covered"] = homes["social_floor_covered"].astype(object)
    villages = villages.copy()
    for check in FIXES:
        mine = fixed[checks[fixed] == check]
        if check == "village_income":
            _fix_village_income(rng, campaign, villages, issues["region_code"].to_numpy()[mine])
            continue
        rows = homes["household_id"].isin(issues["household_id"].to_numpy()[mine]).to_numpy()
        for column, value in FIXES[check].items():
            homes.loc[rows, column] = value(rng, int(rows.sum())) if callable(value) else value
    return homes, villages


def _fix_village_income(rng, campaign: Campaign, villages: pd.DataFrame, codes) -> None:
    """The weak villages' income (the one their standard reads) now over that standard."""
    rows = villages["code"].isin(codes).to_numpy()
    province = (villages["weak_type"] == "province").to_numpy()
    lift = rng.uniform(1.02, 1.25, len(villages))
    operating = (campaign.province_weak_operating_income * lift).round(-2)
    disposable = (campaign.city_weak_disposable_income * lift).round(-2)
    villages.loc[rows & province, "collective_operating_income"] = operating[rows & province]
    villages.loc[rows & ~province, "collective_disposable_income"] = disposable[rows & ~province]


# What a done issue of each check changed in the facts (a value, or a draw of `n` values).
FIXES = {
    "education": {"children_out_of_school": 0, "children_out_of_school_physical": 0},
    "uninsured": {"all_insured": True},
    "selfpay": {"inpatient_selfpay_share": lambda rng, n: rng.uniform(0.06, 0.095, n).round(4)},
    "housing": {"house_grade": "B", "house_renovation": "completed"},
    "housing_not_exited": {"house_grade": "B", "house_renovation": "completed"},
    "unsafe_water": {"safe_water": True},
    "social_floor": {"social_floor_covered": True},
    "income": {"per_capita_income": lambda rng, n: rng.uniform(7_000, 8_600, n).round(-1)},
    "village_income": {},
}
