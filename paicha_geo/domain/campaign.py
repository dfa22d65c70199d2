"""A campaign's settings: its checklist, thresholds and deadline are data, not code.

Later campaigns (巩固脱贫成果, 防返贫监测) change these numbers; nothing below hard-codes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Campaign:
    campaign_id: int
    name: str
    start_date: dt.date
    deadline: dt.date
    default_asof: dt.date | None
    income_threshold: float
    province_weak_operating_income: float
    city_weak_disposable_income: float
    inpatient_selfpay_max: float
    dangerous_house_grades: tuple[str, ...]

    @classmethod
    def from_record(cls, record: dict) -> Campaign:
        def as_date(value):
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                return None
            return pd.Timestamp(value).date()

        return cls(
            campaign_id=int(record["campaign_id"]),
            name=str(record["name"]),
            start_date=as_date(record["start_date"]),
            deadline=as_date(record["deadline"]),
            default_asof=as_date(record.get("default_asof")),
            income_threshold=float(record["income_threshold"]),
            province_weak_operating_income=float(record["province_weak_operating_income"]),
            city_weak_disposable_income=float(record["city_weak_disposable_income"]),
            inpatient_selfpay_max=float(record["inpatient_selfpay_max"]),
            dangerous_house_grades=tuple(record["dangerous_house_grades"]),
        )

    def as_record(self) -> dict:
        return {
            "campaign_id": self.campaign_id,
            "name": self.name,
            "start_date": self.start_date,
            "deadline": self.deadline,
            "default_asof": self.default_asof,
            "income_threshold": self.income_threshold,
            "province_weak_operating_income": self.province_weak_operating_income,
            "city_weak_disposable_income": self.city_weak_disposable_income,
            "inpatient_selfpay_max": self.inpatient_selfpay_max,
            "dangerous_house_grades": list(self.dangerous_house_grades),
            "active": True,
        }
