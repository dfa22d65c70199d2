"""A campaign's settings: its checklist, thresholds and deadline are data, not code.

Later campaigns (巩固脱贫成果, 防返贫监测) change these numbers; nothing below hard-codes them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from paicha_geo.config import PACKAGE_DATA


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


def load_campaign_file(path: Path | None = None) -> tuple[Campaign, pd.DataFrame]:
    """The campaign settings and its checklist items from the package's data files."""
    path = path or PACKAGE_DATA / "campaign_2020.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    campaign = Campaign.from_record(record)
    checklist = load_checklist(path.parent / record["checklist"], campaign.campaign_id)
    return campaign, checklist


def load_checklist(path: Path, campaign_id: int) -> pd.DataFrame:
    """Flatten the checklist tree (group > part > item) into one row per item."""
    tree = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for group in tree["groups"]:
        for part in group["parts"]:
            for item in part["items"]:
                rows.append(
                    {
                        "campaign_id": campaign_id,
                        "code": item["code"],
                        "group_key": group["key"],
                        "group_name": group["name"],
                        "part_key": part["key"],
                        "part_name": part["name"],
                        "seed_number": item.get("seed_number"),
                        "text": item["text"],
                        "short": item["short"],
                        "responsible_units": list(part.get("responsible_units", [])),
                        "incomplete": bool(item.get("incomplete", False))
                        or not part.get("complete", True),
                        "sort_order": len(rows) + 1,
                    }
                )
    return pd.DataFrame(rows)
