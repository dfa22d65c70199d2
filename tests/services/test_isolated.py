"""services.isolated runs a function in a child process that then exits: its result, its
exception, or a clear failure when the child dies."""

import os

import pytest

from paicha_geo.services import isolated


def test_the_function_runs_in_another_process_and_its_result_comes_back():
    assert isolated.run(os.getpid) != os.getpid()
    assert isolated.run(sorted, [3, 1, 2]) == [1, 2, 3]


def test_the_function_s_own_exception_is_raised_here():
    with pytest.raises(ValueError, match="invalid literal"):
        isolated.run(int, "十")


def test_a_child_that_dies_is_reported_with_its_exit_code():
    with pytest.raises(isolated.ChildFailed, match="exit 3"):
        isolated.run(os._exit, 3)


def test_a_child_that_hangs_is_killed_at_the_timeout():
    import time

    with pytest.raises(isolated.ChildFailed, match="no result after 1"):
        isolated.run(time.sleep, 30, timeout=1)


HOT_SPOTS_IN_A_FRESH_APP = """
import sys
from paicha_geo import labels
from paicha_geo.services import data, hotspot_service, map_service
from paicha_geo.store import Store
with Store(sys.argv[1], read_only=True) as store:
    snap = data.load_snapshot(store)
    villages = map_service.map_layers(store)["village"]
scope = data.resolve_region(snap.regions, None).scope
found = hotspot_service.hot_spots(snap, villages, scope, snap.campaign.deadline,
                                  f"g:{next(iter(labels.CHECK_NAMES))}")
print(sum(found.counts.values()), found.villages,
      sorted(m for m in ("libpysal", "esda", "sklearn") if m in sys.modules))
"""


def test_the_hot_spots_are_computed_without_their_libraries_staying_in_the_app(demo_db):
    """libpysal and esda (with scikit-learn) cost the app ~60-75 MB for good: the hot spots
    are computed in a child, and the app gets only the table."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", HOT_SPOTS_IN_A_FRESH_APP, str(demo_db)],
                          capture_output=True, text=True, check=True)
    classified, villages, loaded = done.stdout.strip().split(" ", 2)
    assert int(classified) == int(villages) > 0  # every village of the city classified
    assert loaded == "[]"
