"""The list of issues under 挂牌督办 as the progress page shows it: Chinese headers, statuses
in words, dates as YYYY-MM-DD text, an empty mark field as a dash or a note, never "None"."""

from __future__ import annotations

import pandas as pd

from paicha_geo import labels

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).dt.strftime("%Y-%m-%d").fillna(labels.NO_DATA)


def marked_display(frame: pd.DataFrame) -> pd.DataFrame:
    """supervision_service.list_marked's frame, keyed and worded like SUPERVISION_COLUMNS."""
    out = frame[list(labels.SUPERVISION_COLUMNS)].copy()
    out["status_asof"] = out["status_asof"].map(labels.status_label)
    out["responsible_unit"] = out["responsible_unit"].fillna(labels.UNIT_NONE)
    for col in ("deadline", "sv_deadline", "marked_at"):
        out[col] = _dates(out[col])
    out["sv_overdue_days"] = [f"{n}" if pd.notna(d) else labels.NO_DATA
                              for n, d in zip(out["sv_overdue_days"], frame["sv_deadline"],
                                              strict=True)]
    out["reason"] = out["reason"].astype(object).fillna(labels.SUPERVISION_NO_RECORD)
    out["marked_by"] = out["marked_by"].astype(object).fillna(labels.NO_DATA)
    return out.rename(columns=labels.SUPERVISION_COLUMNS)
