"""Installation settings (limits, plausibility ranges): data, not code.

The defaults live in `paicha_geo/data/settings.json`; a deployment overrides any of them with
its own JSON file named by $PAICHA_SETTINGS (read in `config.settings()`). Domain code takes a
`Settings` value as an argument and never reads files or the environment itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from paicha_geo.domain.accounts import POWERS, AccountRules
from paicha_geo.domain.evidence import EvidenceRules
from paicha_geo.domain.metrics import AreaWarning


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
class DatabaseWaits:
    """How long an opener waits for another process to let go of the DuckDB file (which one
    process at a time may have open), and how long the dashboard keeps it after a use.

    cli_wait_seconds: commands (info, import, backup...) waiting for the dashboard's use;
    app_wait_seconds: a page waiting for a command (an import) before saying it is busy;
    app_linger_seconds: the dashboard keeps the file this long after its last read, so that
    one page run's reads share one opening (about 30 ms each), then lets go.
    """

    cli_wait_seconds: float = 30
    app_wait_seconds: float = 10
    app_linger_seconds: float = 0.5


SEVERITIES = ("error", "warning")
# Import fields a range may be set for (households' and villages' numbers).
RANGE_FIELDS = ("per_capita_income", "collective_operating_income",
                "collective_disposable_income", "inpatient_selfpay_share", "population",
                "members", "school_age_children", "children_out_of_school",
                "children_out_of_school_physical")


@dataclass(frozen=True)
class Range:
    """Plausible values of one imported field; outside it a row gets an error or a warning.

    `min`/`max` are in the unit the ledger stores (incomes in 元, shares as fractions 0-1);
    None leaves that side open.
    """

    min: float | None = None
    max: float | None = None
    severity: str = "error"

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")

    def contains(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


@dataclass(frozen=True)
class Tolerance:
    """One boundary check: how much is tolerated, and what exceeding it is."""

    tolerance: float
    severity: str = "error"

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")


@dataclass(frozen=True)
class BoundaryChecks:
    """Checks on imported outlines before anything is written (see domain/boundary_checks).

    overlap: share of the smaller polygon's area two regions of one level may share;
    outside_parent: share of a polygon's area that may lie outside its parent region;
    distance_km: how far a polygon may reach beyond the extent of the stored city;
    duplicate: share of both areas above which two regions count as one shared polygon.
    """

    overlap: Tolerance = Tolerance(0.02, "error")
    outside_parent: Tolerance = Tolerance(0.05, "warning")
    distance_km: Tolerance = Tolerance(20.0, "error")
    duplicate: Tolerance = Tolerance(0.98, "error")


@dataclass(frozen=True)
class Plausibility:
    """Ranges per import field (several may apply, e.g. an error and a narrower warning)."""

    ranges: dict[str, tuple[Range, ...]] = field(default_factory=dict)
    boundaries: BoundaryChecks = field(default_factory=BoundaryChecks)

    @classmethod
    def from_dict(cls, data: dict) -> Plausibility:
        _refuse_unknown("plausibility", data, {"ranges", "boundaries"})
        ranges = {}
        _refuse_unknown("plausibility.ranges", data.get("ranges", {}), set(RANGE_FIELDS))
        for name, spec in dict(data.get("ranges", {})).items():
            specs = spec if isinstance(spec, list) else [spec]
            for one in specs:
                _refuse_unknown(f"plausibility.ranges.{name}", one, {"min", "max", "severity"})
            ranges[name] = tuple(Range(**one) for one in specs)
        checks = dict(data.get("boundaries", {}))
        _refuse_unknown("plausibility.boundaries", checks, {f.name for f in fields(BoundaryChecks)})
        for name, spec in checks.items():
            _refuse_unknown(f"plausibility.boundaries.{name}", spec, {"tolerance", "severity"})
        return cls(ranges, BoundaryChecks(**{k: Tolerance(**v) for k, v in checks.items()}))


def _refuse_unknown(where: str, data: dict, known: set[str]) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"unknown {where} setting(s): {', '.join(unknown)}")


@dataclass(frozen=True)
class Settings:
    limits: Limits = field(default_factory=Limits)
    plausibility: Plausibility = field(default_factory=Plausibility)
    accounts: AccountRules = field(default_factory=AccountRules)
    evidence: EvidenceRules = field(default_factory=EvidenceRules)
    warning: AreaWarning = field(default_factory=AreaWarning)
    database: DatabaseWaits = field(default_factory=DatabaseWaits)

    @classmethod
    def from_dict(cls, data: dict) -> Settings:
        """Unknown keys are refused, so a typo in a deployment's file is not silently ignored."""
        limits = dict(data.get("limits", {}))
        known = {f.name for f in fields(Limits)}
        unknown = sorted(set(limits) - known)
        if unknown:
            raise ValueError(f"unknown limits setting(s): {', '.join(unknown)}")
        accounts = dict(data.get("accounts", {}))
        unknown = sorted(set(accounts) - {f.name for f in fields(AccountRules)})
        if unknown:
            raise ValueError(f"unknown accounts setting(s): {', '.join(unknown)}")
        for key, spec in accounts.get("roles", {}).items():
            bad = sorted(set(spec.get("powers", ())) - set(POWERS))
            if bad:
                raise ValueError(f"role {key}: unknown power(s) {', '.join(bad)}")
        evidence = dict(data.get("evidence", {}))
        _refuse_unknown("evidence", evidence, {f.name for f in fields(EvidenceRules)})
        warning = dict(data.get("warning", {}))
        _refuse_unknown("warning", warning, {f.name for f in fields(AreaWarning)})
        database = dict(data.get("database", {}))
        _refuse_unknown("database", database, {f.name for f in fields(DatabaseWaits)})
        return cls(limits=Limits(**limits),
                   plausibility=Plausibility.from_dict(dict(data.get("plausibility", {}))),
                   accounts=AccountRules(**accounts), evidence=EvidenceRules(**evidence),
                   warning=AreaWarning(**warning), database=DatabaseWaits(**database))
