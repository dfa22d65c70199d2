"""What a database setting names: a PostgreSQL server (a postgresql:// URL) or a DuckDB file.

One rule for config (which reads PAICHA_DB) and the store (which opens it)."""

from __future__ import annotations

SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server(target: object) -> bool:
    """Whether a database setting names a PostgreSQL server rather than a DuckDB file."""
    return isinstance(target, str) and target.startswith(SERVER_SCHEMES)
