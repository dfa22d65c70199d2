"""The checklist from the seed: every numbered item, counted per part, nothing invented."""

import re
from pathlib import Path

import pytest

from paicha_geo.config import default_campaign

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_117077d0c60f45a4.txt"

EXPECTED = {
    "responsibility": 5, "policy": 7, "work": 5,
    "identification": 3, "assistance": 6, "exit": 4,
    "education": 2, "medical": 5, "housing": 4, "water": 2,
    "social_floor": 1,
}


@pytest.fixture(scope="module")
def checklist():
    return default_campaign()[1]


def test_item_counts_per_part_match_the_seed(checklist):
    assert checklist.groupby("part_key").size().to_dict() == EXPECTED
    assert len(checklist) == 44


def test_groups_are_the_three_of_the_seed(checklist):
    groups = checklist.drop_duplicates("group_key").set_index("group_key")["group_name"]
    assert groups.to_dict() == {
        "implementation": "三落实", "precision": "三精准", "guarantees": "三保障"
    }


def test_social_floor_is_marked_incomplete_not_invented(checklist):
    social = checklist[checklist["part_key"] == "social_floor"]
    assert social["incomplete"].all()
    assert list(social["responsible_units"].iloc[0]) == []
    assert (~checklist.loc[checklist["part_key"] != "social_floor", "incomplete"]).all()


def test_codes_are_unique_and_numbered_like_the_seed(checklist):
    assert checklist["code"].is_unique
    first = checklist.set_index("code").loc["3.3.4"]
    assert first["part_name"] == "住房安全保障"
    assert "C级或D级危房" in first["text"]
    assert "市住建局" in list(first["responsible_units"])


@pytest.mark.skipif(not SEED.exists(), reason="seed document not beside the repository")
def test_item_texts_are_verbatim_from_the_seed(checklist):
    seed = re.sub(r"\n?\d+、", "", SEED.read_text(encoding="utf-8"))
    complete = checklist[~checklist["incomplete"]]
    missing = [code for code, text in zip(complete["code"], complete["text"], strict=True)
               if text not in seed]
    assert missing == []


def test_campaign_thresholds_come_from_settings():
    campaign, _ = default_campaign()
    assert campaign.income_threshold == 7000
    assert campaign.province_weak_operating_income == 180_000
    assert campaign.city_weak_disposable_income == 350_000
    assert campaign.inpatient_selfpay_max == pytest.approx(0.10)
    assert campaign.dangerous_house_grades == ("C", "D")
    assert str(campaign.deadline) == "2020-06-30"
