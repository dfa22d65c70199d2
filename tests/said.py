"""What the user reads: typed errors and messages worded by labels, for assertions on text."""

from __future__ import annotations

import contextlib
import re

import pytest

from paicha_geo import labels


@contextlib.contextmanager
def raises_saying(kind, pattern: str):
    """Like pytest.raises(kind, match=pattern), matched against the Chinese the user reads
    (labels.say of the error), not against str(error), which is the code and its fields."""
    with pytest.raises(kind) as err:
        yield err
    text = labels.say(err.value)
    assert re.search(pattern, text), f"{pattern!r} not in {text!r}"
