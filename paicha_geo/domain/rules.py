"""The screening rules of 两不愁三保障 and of weak-village income, in one place.

Each rule reads its threshold from the campaign, never from a literal, and works on a whole
DataFrame at once. A rule returns True where the household (or village) FAILS the check.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from paicha_geo.domain.campaign import Campaign

GUARANTEE_KEYS = ("education", "medical", "housing", "water", "social_floor")


def fails_education(households: pd.DataFrame) -> pd.Series:
    """A school-age child out of school, except for physical reasons (the seed's exception)."""
    dropouts = households["children_out_of_school"] - households["children_out_of_school_physical"]
    return dropouts.fillna(0) > 0


def fails_medical(households: pd.DataFrame, campaign: Campaign) -> pd.Series:
    """Not every member insured, or in-county inpatient self-paid share above the cap (10 %).

    Exactly at the cap passes ("控制在…10%以内"). Shares are compared after rounding to four
    decimals so that 0.1 typed as 10.0 % is not failed by floating-point noise.
    """
    share = households["inpatient_selfpay_share"].astype("Float64").round(4)
    over_cap = (share > round(campaign.inpatient_selfpay_max, 4)).fillna(False).astype(bool)
    return ~households["all_insured"].astype(bool) | over_cap


def fails_housing(households: pd.DataFrame, campaign: Campaign) -> pd.Series:
    """Living in a dangerous house: current grade among the campaign's grades (C, D)."""
    return households["house_grade"].isin(campaign.dangerous_house_grades)


def fails_water(households: pd.DataFrame) -> pd.Series:
    """Drinking water below the local safety standard, or excess fluoride."""
    return ~households["safe_water"].astype(bool) | households["excess_fluoride"].astype(bool)


def fails_social_floor(households: pd.DataFrame) -> pd.Series:
    """Eligible for the social-security floor (低保/特困) but not covered."""
    return households["social_floor_eligible"].astype(bool) & ~households[
        "social_floor_covered"
    ].astype(bool)


def fails_income(households: pd.DataFrame, campaign: Campaign) -> pd.Series:
    """Per-capita annual disposable income below the standard (7,000 yuan); 7,000 passes."""
    return (households["per_capita_income"] < campaign.income_threshold).fillna(False)


def household_failures(households: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    """One boolean column per guarantee plus income and `any_guarantee`, indexed like the input."""
    out = pd.DataFrame(
        {
            "education": fails_education(households),
            "medical": fails_medical(households, campaign),
            "housing": fails_housing(households, campaign),
            "water": fails_water(households),
            "social_floor": fails_social_floor(households),
        },
        index=households.index,
    )
    out["any_guarantee"] = out[list(GUARANTEE_KEYS)].any(axis=1)
    out["income"] = fails_income(households, campaign)
    return out


def village_income_standard(villages: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    """For weak villages: which income counts, its standard, the gap, and whether it fails.

    省定 villages are judged on collective *operating* income (18万), 市定 on collective
    *disposable* income (35万); other villages have no standard (NaN, not failing).
    """
    is_province = (villages["weak_type"] == "province").to_numpy()
    is_city = (villages["weak_type"] == "city").to_numpy()
    operating = pd.to_numeric(villages["collective_operating_income"]).to_numpy(float)
    disposable = pd.to_numeric(villages["collective_disposable_income"]).to_numpy(float)
    income = pd.Series(np.select([is_province, is_city], [operating, disposable], np.nan),
                       index=villages.index)
    standard = pd.Series(
        np.select([is_province, is_city], [campaign.province_weak_operating_income,
                                           campaign.city_weak_disposable_income], np.nan),
        index=villages.index)
    fails = (income < standard).fillna(False) & (is_province | is_city)
    return pd.DataFrame(
        {"income": income, "standard": standard, "gap": standard - income, "fails": fails},
        index=villages.index,
    )
