"""Run a computation in a fresh Python process that exits when it is done.

For work whose libraries would otherwise stay in the dashboard's memory for good: the hot
spots' libpysal and esda import scikit-learn, scipy.stats and requests, ~60-75 MB resident
after the first hot-spot map (bench/page_bench.py, province demo), for a figure that is then
cached. A child costs ~1 s more than the same call in the process (its own imports).

A plain `python -m` child, not multiprocessing's spawn: spawn re-runs the parent's __main__,
which under Streamlit is the page being run.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class ChildFailed(RuntimeError):
    """The child process died without a result (killed, out of memory, a crash)."""


TIMEOUT_SECONDS = 600  # a child that hangs must not hold a page (and its thread) for good


def run(function: Callable[..., T], *args, timeout: float = TIMEOUT_SECONDS) -> T:
    """`function(*args)` in a child process (a module-level function; arguments and result
    are pickled); the function's exception, if any, is raised here; ChildFailed when the
    child dies or outlives `timeout` seconds (it is killed then)."""
    with tempfile.TemporaryDirectory(prefix="paicha-isolated-") as folder:
        task, result = Path(folder) / "task.pickle", Path(folder) / "result.pickle"
        task.write_bytes(pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL))
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        try:
            done = subprocess.run([sys.executable, "-m", __name__, str(task), str(result)],
                                  env=env, capture_output=True, text=True, check=False,
                                  timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise ChildFailed(f"{getattr(function, '__name__', function)}: no result after "
                              f"{timeout} s") from exc
        if done.returncode != 0 or not result.exists():
            raise ChildFailed(f"{getattr(function, '__name__', function)}: exit "
                              f"{done.returncode}: {done.stderr[-2000:]}")
        ok, value = pickle.loads(result.read_bytes())  # noqa: S301 - our own child's file
    if not ok:
        raise value
    return value


def _child(task: str, result: str) -> None:
    function, args = pickle.loads(Path(task).read_bytes())  # noqa: S301 - written by run()
    try:
        outcome = (True, function(*args))
    except Exception as exc:  # handed to the parent, which raises it
        outcome = (False, exc)
    Path(result).write_bytes(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    _child(*sys.argv[1:3])
