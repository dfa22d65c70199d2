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
