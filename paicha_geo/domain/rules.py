"""The screening rules of 两不愁三保障 and of weak-village income, in one place.

Each rule reads its threshold from the campaign, never from a literal, and works on a whole
DataFrame at once.

Missing is not passing. Every check has three outcomes for a household (or weak village) it
applies to: PASS, FAIL, or UNKNOWN (未填报: a fact the rule needs is not on record, so
nothing can be said). A household the rule does not apply to is NOT_APPLICABLE (not counted
at all). A comparison with a missing value is never taken as a pass: a blank income is not
"at or above 7,000", a blank house grade is not "not C or D". A fact that alone decides a
failure still fails when another fact is missing (an uninsured member fails 基本医疗 whatever
the self-paid share; a child out of school fails 义务教育 even when the number of school-age
children is blank).

Each rule's population is stated as the seed (/work/shared/seed, 2020 排查工作方案) states it,
quoted in the rule's docstring. Two rules are exit criteria and apply to 已脱贫 households
only: income (三精准 3.(1)) and housing (三保障 3.(4)); a 未脱贫 household below the standard
is not failed by them but counted beside them (`not_exited_failures`).

`household_failures` (True = FAILS, the frame other pages read) and `household_unknowns`
(True = UNKNOWN) are views of `household_outcomes`; all three share one index.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from paicha_geo.domain.campaign import Campaign

GUARANTEE_KEYS = ("education", "medical", "housing", "water", "social_floor")
HOUSEHOLD_CHECKS = (*GUARANTEE_KEYS, "income")
EXITED_ONLY = ("housing", "income")  # exit criteria: 已脱贫 households only (see each rule)

PASS, FAIL, UNKNOWN, NOT_APPLICABLE = "pass", "fail", "unknown", "na"


def _known(column: pd.Series) -> pd.Series:
    return column.notna().astype(bool)


def _true(column: pd.Series) -> pd.Series:
    """True where the fact is recorded as true (a missing fact is not true)."""
    return column.astype("boolean").fillna(False).astype(bool)


def _false(column: pd.Series) -> pd.Series:
    """True where the fact is recorded as false (a missing fact is not false)."""
    return (~column.astype("boolean")).fillna(False).astype(bool)


def _outcome(fails: pd.Series, unknown: pd.Series, applies: pd.Series) -> pd.Series:
    """FAIL beats UNKNOWN beats PASS; NOT_APPLICABLE outside the rule's population."""
    values = np.select([~applies.to_numpy(bool), fails.to_numpy(bool), unknown.to_numpy(bool)],
                       [NOT_APPLICABLE, FAIL, UNKNOWN], PASS)
    return pd.Series(values, index=fails.index, dtype=object)


def _net_dropouts(households: pd.DataFrame) -> pd.Series:
    """Children out of school other than for physical reasons; NaN when that is not known
    (a blank physical count with no dropout at all is still zero)."""
    out = pd.to_numeric(households["children_out_of_school"]).astype(float)
    physical = pd.to_numeric(households["children_out_of_school_physical"]).astype(float)
    return (out - physical.where(out > 0, 0.0)).where(out.notna())


def education(households: pd.DataFrame) -> pd.Series:
    """义务教育: a school-age child out of school, except for physical reasons.

    Seed 三保障 1.(1): "除身体原因不具备学习条件外，低收入农户家庭是否存在义务教育阶段适龄
    儿童、少年失学辍学问题". Population: households with school-age children (适龄儿童人数 > 0),
    or whose number is blank, or with a child out of school (a dropout is a school-age child,
    so card, map and list all count every household failing here). UNKNOWN: the number of
    children or of dropouts is blank, or a dropout's physical-reason count is blank.
    """
    children = pd.to_numeric(households["school_age_children"]).astype(float)
    net = _net_dropouts(households)
    fails = (net > 0).fillna(False).astype(bool)
    unknown = net.isna() | children.isna()
    return _outcome(fails, unknown, _education_population(households))


def _education_population(households: pd.DataFrame) -> pd.Series:
    children = pd.to_numeric(households["school_age_children"]).astype(float)
    dropouts = (_net_dropouts(households) > 0).fillna(False).astype(bool)
    return children.isna() | (children > 0) | dropouts


def medical(households: pd.DataFrame, campaign: Campaign) -> pd.Series:
    """基本医疗: every member insured, and in-county inpatient self-paid share within the cap.

    Seed 三保障 2.(1) "将农村低收入人口全部纳入城乡居民基本医疗保险…" and 2.(2) "住院个人自付
    费用控制在政策范围内住院总费用10%以内". Population: every registered household. Exactly at
    the cap passes; shares are compared after rounding to four decimals so that 0.1 typed as
    10.0 % is not failed by floating-point noise. A blank share means no in-county inpatient
    stay on record (most households have none): it decides nothing. UNKNOWN: 是否全员参保 blank.
    """
    share = households["inpatient_selfpay_share"].astype("Float64").round(4)
    over_cap = (share > round(campaign.inpatient_selfpay_max, 4)).fillna(False).astype(bool)
    insured = households["all_insured"]
    fails = _false(insured) | over_cap
    everyone = pd.Series(True, index=households.index)
    return _outcome(fails, ~_known(insured), everyone)


def exited(households: pd.DataFrame) -> pd.Series:
    """已脱贫 households (the population of the exit criteria)."""
    return (households["exit_status"] == "exited").fillna(False).astype(bool)


def housing_verdict(households: pd.DataFrame, campaign: Campaign) -> pd.Series:
    """住房安全 on the facts alone, for any household (see `housing` for the population)."""
    grade = households["house_grade"]
    fails = grade.isin(campaign.dangerous_house_grades)
    everyone = pd.Series(True, index=households.index)
    return _outcome(fails, ~_known(grade), everyone)


def housing(households: pd.DataFrame, campaign: Campaign) -> pd.Series:
    """住房安全: living in a dangerous house, current grade among the campaign's (C, D).

    Seed 三保障 3.(4): "已脱贫建档立卡低收入农户是否存在居住在C级或D级危房的现象".
    Population: 已脱贫 households (a 未脱贫 household in a C/D house is counted beside the
    check, `not_exited_failures`). UNKNOWN: no house grade on record.
    """
    return housing_verdict(households, campaign).where(exited(households), NOT_APPLICABLE)


def water(households: pd.DataFrame) -> pd.Series:
    """饮水安全: drinking water below the local safety standard, or excess fluoride.

    Seed 三保障 4.(1) "是否全面解决农村居民饮水型氟超标问题" and 4.(2) "农村低收入人口饮水安全
    是否达到当地农村饮水安全评价标准". Population: every registered household. UNKNOWN: either
    fact blank (and the other does not already fail).
    """
    safe, fluoride = households["safe_water"], households["excess_fluoride"]
    fails = _false(safe) | _true(fluoride)
    everyone = pd.Series(True, index=households.index)
    return _outcome(fails, ~_known(safe) | ~_known(fluoride), everyone)


def social_floor(households: pd.DataFrame) -> pd.Series:
    """社会保障兜底: eligible for the social-security floor (低保/特困) but not covered.

    Seed 三保障 5 (the text is cut off after its title "社会保障兜底"); the campaign's reading:
    population = households eligible for 低保/特困, or whose eligibility is blank. UNKNOWN:
    eligibility blank, or eligible and coverage blank.
    """
    eligible, covered = households["social_floor_eligible"], households["social_floor_covered"]
    fails = _true(eligible) & _false(covered)
    applies = ~_false(eligible)
    return _outcome(fails, ~_known(eligible) | ~_known(covered), applies)


def income_verdict(households: pd.DataFrame, campaign: Campaign) -> pd.Series:
    """Income on the facts alone, for any household (see `income` for the population)."""
    value = pd.to_numeric(households["per_capita_income"]).astype(float)
    fails = (value < campaign.income_threshold).fillna(False).astype(bool)
    everyone = pd.Series(True, index=households.index)
    return _outcome(fails, value.isna(), everyone)


def income(households: pd.DataFrame, campaign: Campaign) -> pd.Series:
    """Per-capita annual disposable income below the standard (7,000 yuan); 7,000 passes.

    Seed 三精准 3.(1) (退出精准, checklist 2.3.1): "已脱贫建档立卡低收入人口年人均可支配收入是否
    稳定达到7000元脱贫标准". Population: 已脱贫 households; a 未脱贫 household below 7,000 is
    still being helped out of poverty and is counted beside the check, not against it.
    UNKNOWN: no income on record.
    """
    return income_verdict(households, campaign).where(exited(households), NOT_APPLICABLE)


def population(households: pd.DataFrame) -> pd.DataFrame:
    """Which households each check applies to, as its rule states (NOT_APPLICABLE elsewhere).
    Needs no campaign: populations are facts of the household, not thresholds."""
    everyone = pd.Series(True, index=households.index)
    return pd.DataFrame({
        "education": _education_population(households),
        "medical": everyone,
        "housing": exited(households),
        "water": everyone,
        "social_floor": ~_false(households["social_floor_eligible"]),
        "income": exited(households),
    }, index=households.index)


def household_outcomes(households: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    """One outcome column per household check (PASS/FAIL/UNKNOWN/NOT_APPLICABLE)."""
    return pd.DataFrame({
        "education": education(households),
        "medical": medical(households, campaign),
        "housing": housing(households, campaign),
        "water": water(households),
        "social_floor": social_floor(households),
        "income": income(households, campaign),
    }, index=households.index)


def household_failures(households: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    """One boolean column per guarantee plus income and `any_guarantee`: True = FAILS (on
    facts on record, within the rule's population), indexed like the input."""
    out = household_outcomes(households, campaign) == FAIL
    out.insert(len(GUARANTEE_KEYS), "any_guarantee", out[list(GUARANTEE_KEYS)].any(axis=1))
    return out


def household_unknowns(households: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    """Like `household_failures`, True = UNKNOWN (未填报); `any_guarantee` is True where some
    guarantee is unknown."""
    out = household_outcomes(households, campaign) == UNKNOWN
    out.insert(len(GUARANTEE_KEYS), "any_guarantee", out[list(GUARANTEE_KEYS)].any(axis=1))
    return out


def not_exited_failures(households: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    """For the exit criteria (EXITED_ONLY): 未脱贫 households whose facts are below the
    standard. Shown beside the check, never counted in it."""
    outside = ~exited(households)
    return pd.DataFrame({
        "housing": outside & (housing_verdict(households, campaign) == FAIL),
        "income": outside & (income_verdict(households, campaign) == FAIL),
    }, index=households.index)


def village_income_standard(villages: pd.DataFrame, campaign: Campaign) -> pd.DataFrame:
    """For weak villages: which income counts, its standard, the gap, whether it fails, and
    whether that income is unknown (未填报).

    Seed 三精准 3.(3) (checklist 2.3.3): "省定经济薄弱村集体经济经营性收入是否稳定达到18万元以上，
    市定经济薄弱村集体经济可支配收入是否稳定达到35万元以上". Population: weak villages; 省定 are
    judged on collective *operating* income (18万), 市定 on collective *disposable* income
    (35万); other villages have no standard (NaN, neither failing nor unknown). A weak village
    with no such income on record is unknown, never meeting the standard.
    """
    is_province = (villages["weak_type"] == "province").to_numpy(bool)
    is_city = (villages["weak_type"] == "city").to_numpy(bool)
    operating = pd.to_numeric(villages["collective_operating_income"]).to_numpy(float)
    disposable = pd.to_numeric(villages["collective_disposable_income"]).to_numpy(float)
    income_ = pd.Series(np.select([is_province, is_city], [operating, disposable], np.nan),
                        index=villages.index)
    standard = pd.Series(
        np.select([is_province, is_city], [campaign.province_weak_operating_income,
                                           campaign.city_weak_disposable_income], np.nan),
        index=villages.index)
    weak = is_province | is_city
    fails = (income_ < standard).fillna(False) & weak
    unknown = income_.isna() & weak
    return pd.DataFrame(
        {"income": income_, "standard": standard, "gap": standard - income_, "fails": fails,
         "unknown": unknown},
        index=villages.index,
    )
