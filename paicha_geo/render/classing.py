"""Class breaks from the data's own spread: Fisher-Jenks natural breaks.

Fixed bands paint six districts at 74-79 % close-out in one colour; classes cut where the
values themselves have gaps make the worst stand apart. Breaks fall only between distinct
values, so equal values always share a class, and two different values never all share one:
with at least two distinct values there are at least two classes.
"""

from __future__ import annotations

import math

import numpy as np


def natural_breaks(values, classes: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """(lows, highs) of at most `classes` classes of the finite `values`: class i holds the
    values from lows[i] to highs[i] inclusive (both are data values), lowest class first.

    Minimises the within-class sum of squared deviations (Fisher 1958) over the distinct
    values weighted by how often each occurs. Fewer distinct values than `classes`: one
    class per value. No finite value: ((), ()).
    """
    finite = np.array([float(v) for v in values
                       if v is not None and not (isinstance(v, float) and math.isnan(v))])
    distinct, counts = np.unique(finite, return_counts=True)
    n = len(distinct)
    k = min(classes, n)
    if k == 0:
        return (), ()
    if k == n:
        return tuple(distinct.tolist()), tuple(distinct.tolist())
    # prefix sums of weights, weighted values and weighted squares: the cost of any run.
    w = np.concatenate([[0.0], np.cumsum(counts)])
    s = np.concatenate([[0.0], np.cumsum(counts * distinct)])
    q = np.concatenate([[0.0], np.cumsum(counts * distinct**2)])

    def cost(start: np.ndarray, end: int) -> np.ndarray:
        """Squared deviations of distinct[start:end] (end exclusive) for each start."""
        weight = w[end] - w[start]
        total = s[end] - s[start]
        return q[end] - q[start] - total**2 / weight

    # best[c][j]: least cost of splitting distinct[:j] into c + 1 classes; cut[c][j]: where
    # its last class starts.
    best = np.full((k, n + 1), np.inf)
    cut = np.zeros((k, n + 1), dtype=int)
    for j in range(1, n + 1):
        best[0, j] = cost(np.array([0]), j)[0]
    for c in range(1, k):
        for j in range(c + 1, n + 1):
            starts = np.arange(c, j)
            total = best[c - 1, starts] + cost(starts, j)
            pick = int(np.argmin(total))
            best[c, j], cut[c, j] = total[pick], starts[pick]
    bounds = []
    end = n
    for c in range(k - 1, -1, -1):
        start = cut[c, end] if c else 0
        bounds.append((start, end))
        end = start
    bounds.reverse()
    lows = tuple(float(distinct[a]) for a, _ in bounds)
    highs = tuple(float(distinct[b - 1]) for _, b in bounds)
    return lows, highs


def spread_colors(palette: tuple[str, ...], classes: int) -> tuple[str, ...]:
    """`classes` colours of `palette` from its first to its last (one class: the middle), so
    the lowest and highest classes keep the palette's two ends whatever their number."""
    if classes <= 1:
        return (palette[len(palette) // 2],) * classes
    picks = np.linspace(0, len(palette) - 1, classes).round().astype(int)
    return tuple(palette[i] for i in picks)
