"""membership.isin answers as pandas' Series.isin does, blanks and every kind of list."""

import numpy as np
import pandas as pd
import pytest

from paicha_geo.domain.membership import isin

CODES = pd.Series(["I1", None, "I2", "I3"], dtype="str")


@pytest.mark.parametrize("wanted", [
    ["I1", "I3"], pd.Series(["I2", None], dtype="str"), {"I1"}, pd.Index(["I3"]),
    np.array(["I1"], dtype=object), [], pd.Series(["I3"], dtype=object), {"I2": 1}.keys(),
])
def test_same_answer_as_pandas(wanted):
    assert isin(CODES, wanted).tolist() == CODES.isin(wanted).tolist()


def test_by_hand_and_numbers_fall_back_to_pandas():
    assert isin(CODES, ["I3", "I9"]).tolist() == [False, False, False, True]
    assert isin(pd.Series([1, 2, 3]), [2]).tolist() == [False, True, False]
