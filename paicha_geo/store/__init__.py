"""Store layer: the only code that opens DuckDB and the only place that holds SQL."""

from paicha_geo.store.db import Store, StoreBusyError, StoreError

__all__ = ["Store", "StoreBusyError", "StoreError"]
