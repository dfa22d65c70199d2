"""`Series.isin` for long lists of text keys, at Arrow's speed.

pandas 3 checks a text column against a list by turning each listed value into an Arrow
scalar one at a time: 0.4 s for a province's 100,000 issue codes against its 400,000 history
rows, most of the progress page's first view. Arrow's hash lookup does the same in 20 ms.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def isin(column: pd.Series, wanted) -> np.ndarray:
    """`column.isin(wanted)` as a bool array, for a text column and text keys (a blank
    matches a blank, as in pandas)."""
    if not isinstance(column.dtype, pd.StringDtype) or column.dtype.storage != "pyarrow":
        return column.isin(wanted).to_numpy(dtype=bool)
    same = isinstance(wanted, pd.Series | pd.Index) and wanted.dtype == column.dtype
    values = wanted.array if same else pd.array(list(wanted), dtype=column.dtype)
    keys = pa.array(column.array)
    found = pc.is_in(keys, value_set=pa.array(values).cast(keys.type))
    return found.to_numpy(zero_copy_only=False).astype(bool, copy=False)
