"""Installation settings (limits, plausibility ranges): data, not code.

The defaults live in `paicha_geo/data/settings.json`; a deployment overrides any of them with
its own JSON file named by $PAICHA_SETTINGS (read in `config.settings()`). Domain code takes a
`Settings` value as an argument and never reads files or the environment itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class Limits:
    """Bounds on what one visitor or one file may cost the server."""

    upload_max_mb: float = 20
    xlsx_uncompressed_max_mb: float = 150
    import_max_rows: int = 200_000
    screen_refresh_min_seconds: float = 30
    carousel_min_seconds: float = 10
    screen_scale_max: float = 4

    @property
    def upload_max_bytes(self) -> int:
        return int(self.upload_max_mb * 1024 * 1024)

    @property
    def xlsx_uncompressed_max_bytes(self) -> int:
        return int(self.xlsx_uncompressed_max_mb * 1024 * 1024)


@dataclass(frozen=True)
class Settings:
    limits: Limits = field(default_factory=Limits)
    plausibility: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> Settings:
        """Unknown keys are refused, so a typo in a deployment's file is not silently ignored."""
        limits = dict(data.get("limits", {}))
        known = {f.name for f in fields(Limits)}
        unknown = sorted(set(limits) - known)
        if unknown:
            raise ValueError(f"unknown limits setting(s): {', '.join(unknown)}")
        return cls(limits=Limits(**limits), plausibility=dict(data.get("plausibility", {})))
