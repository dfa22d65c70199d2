"""The JSON data files that configure a campaign: its settings and checklist, the risk weights.

Paths come from the caller (config knows where the package's own files are).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from paicha_geo.domain.campaign import Campaign


def load_campaign_file(path: Path) -> tuple[Campaign, pd.DataFrame]:
    """The campaign settings and its checklist items (the checklist file named inside)."""
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


def load_weights(path: Path) -> dict:
    """Risk-score weights (see domain.risk): per component, severity and weak-type tables."""
    return json.loads(path.read_text(encoding="utf-8"))
