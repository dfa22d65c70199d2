"""One issue in words for the ledger page (every data value escaped for markdown)."""

from __future__ import annotations

from paicha_geo import labels
from paicha_geo.render import escape


def status_line(issue) -> str:
    """'当前状态 … · 第 N 版 · 整改时限 … · 责任单位 …'."""
    return labels.STATUS_CURRENT.format(
        status=labels.status_label(issue["status"]), version=issue["version"],
        deadline=issue["deadline"],
        unit=escape.markdown(issue["responsible_unit"]) or labels.NO_DATA)
