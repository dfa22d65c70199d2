"""store.frames.frame gives a query's rows the types fetchdf() gave them (the snapshot and
every figure were written against those), text without Python strings."""

import duckdb
import pandas as pd

from paicha_geo.store.frames import frame

SQL = """SELECT * FROM (VALUES
    (DATE '2020-05-01', 3::INTEGER, 1.5::DECIMAL(10, 2), true, TIMESTAMP '2020-05-01 10:00:00',
     'I1', 9007199254740993::BIGINT),
    (NULL, NULL, NULL, NULL, NULL, NULL, 2::BIGINT))
    t(found_date, members, share, insured, changed_at, issue_code, big)"""


def test_same_types_and_values_as_fetchdf():
    con = duckdb.connect()
    ours, theirs = frame(con.execute(SQL)), con.execute(SQL).fetchdf()
    pd.testing.assert_frame_equal(ours, theirs)
    assert str(ours["members"].dtype) == "Int32" and ours["members"].isna().tolist() == [
        False, True]
    assert ours["found_date"].dtype == "datetime64[us]" and ours["share"].dtype == float
    assert ours["big"].tolist() == [9007199254740993, 2]  # not rounded through a float
    assert str(ours["insured"].dtype) == "boolean"


def test_no_rows():
    con = duckdb.connect()
    empty = frame(con.execute(SQL + " WHERE false"))
    assert list(empty.columns) == ["found_date", "members", "share", "insured", "changed_at",
                                   "issue_code", "big"]
    assert empty.empty
