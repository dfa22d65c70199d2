"""Query results as DataFrames through Arrow, the way `fetchdf()` types them, in a fifth of
the time and without a Python string per text cell.

`fetchdf()` turns every text cell into a Python string and pandas then copies those into its
Arrow-backed `str` columns: reading a province's 400,000 history rows peaked 200 MB higher and
took 0.65 s instead of 0.13 s (measured once, DuckDB 1.5.5, pandas 3.1). Through Arrow the
text stays in Arrow buffers. The other columns are made to match `fetchdf()`, so readers see
no difference: DATE as datetime64[us], DECIMAL as float64, integers and booleans with NULLs as
pandas' nullable Int*/boolean.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

_NULLABLE = {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(),
             pa.int64(): pd.Int64Dtype(), pa.uint8(): pd.UInt8Dtype(),
             pa.uint16(): pd.UInt16Dtype(), pa.uint32(): pd.UInt32Dtype(),
             pa.uint64(): pd.UInt64Dtype(), pa.bool_(): pd.BooleanDtype()}


def frame(result) -> pd.DataFrame:
    """The rows of an executed DuckDB query (a cursor after `execute`) as a DataFrame."""
    # Copied into Arrow's memory pool: DuckDB's buffers, sized for its batches and scattered
    # through its allocator, would otherwise stay resident under the frame (~60 MB more for a
    # province's snapshot); the copy takes milliseconds.
    table = result.to_arrow_table()
    table = table.take(np.arange(table.num_rows))
    fields = []
    for field in table.schema:
        if pa.types.is_date(field.type):
            fields.append(field.with_type(pa.timestamp("us")))
        elif pa.types.is_decimal(field.type):
            fields.append(field.with_type(pa.float64()))
        else:
            fields.append(field)
    target = pa.schema(fields)
    if target != table.schema:
        table = table.cast(target)
    out = table.to_pandas()
    for i, (field, column) in enumerate(zip(table.schema, table.columns, strict=True)):
        if field.type in _NULLABLE and column.null_count:  # not via float, which rounds
            out.isetitem(i, column.to_pandas(types_mapper=_NULLABLE.get))
    return out
