"""A 住建 危房鉴定 list built from the demo's own households, with known answers.

Rows (district 武进区 320412, households taken in 户编号 order so the list is the same on
every run): 20 whose grade agrees with the ledger, 8 the department grades C/D where the
ledger says A/B, 2 the department grades A where the ledger says C/D (the 10 planted
mismatches), 1 with no ID number matched by name + village, 3 nobody in the ledger, and 2
households of another district (outside a 武进区 account's region).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from paicha_geo.domain.id_numbers import id_check_digit
from tests.ledger_helpers import xlsx_bytes

DISTRICT = "320412"
TOWN = "320412001"
HEADER = ["序号", "姓名", "公民身份号码", "镇", "所在村", "鉴定等级"]


@dataclass
class HousingList:
    data: bytes
    planted: dict[int, str] = field(default_factory=dict)  # sheet row -> household_id
    by_name: tuple[int, str] = (0, "")  # the row matched by name + village, its household
    unmatched: list[int] = field(default_factory=list)
    elsewhere: dict[int, str] = field(default_factory=dict)  # row -> household (other district)
    id_numbers: list[str] = field(default_factory=list)


def _homes(con, where: str, limit: int, params=()) -> list[tuple]:
    """Households (id, head, ID number, town, village, grade) by a fixed test condition."""
    sql = ("SELECT h.household_id, h.head_name, h.id_number, t.name, v.name, h.house_grade "
           "FROM household h JOIN region v ON v.code = h.village_code "
           "JOIN region t ON t.code = v.parent_code WHERE " + where
           + " ORDER BY h.household_id LIMIT " + str(limit))
    return con.execute(sql, list(params)).fetchall()


def _fake_id(n: int) -> str:
    first17 = f"320412{19800101 + n}{n % 1000:03d}"
    return first17 + id_check_digit(first17)


def housing_list(db) -> HousingList:
    """The list as an .xlsx (a merged title above the header, grades written 'C级')."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        here = "h.village_code LIKE '" + DISTRICT + "%'"
        agree = _homes(con, here + " AND h.house_grade IN ('A', 'B')", 28)
        # outside the township of the demo's 'town' account (320412001), for the scope tests
        dangerous = _homes(con, here + " AND h.house_grade IN ('C', 'D') AND "
                           "h.village_code NOT LIKE ? || '%'", 2, [TOWN])
        # A head whose name is unique in the whole district: name + village finds only them.
        alone = ("(SELECT count(*) FROM household o WHERE o.head_name = h.head_name "
                 "AND o.village_code LIKE ? || '%') = 1")
        unique = _homes(con, " AND ".join((here, "h.house_grade = 'B'", alone,
                                           "h.household_id > ?")), 1, [DISTRICT, agree[-1][0]])
        other = _homes(con, "h.village_code NOT LIKE ? || '%' AND h.house_grade = 'A'", 2,
                       [DISTRICT])
    finally:
        con.close()
    out = HousingList(b"")
    rows, number = [HEADER], 3  # row 1 the title, row 2 the header
    for i, (hid, name, idn, town, village, grade) in enumerate(agree):
        planted = i >= 20
        said = ("C级" if i % 2 else "D级") if planted else f"{grade}级"
        rows.append([i + 1, name, idn, town, village, said])
        if planted:
            out.planted[number] = hid
        out.id_numbers.append(idn)
        number += 1
    for hid, name, idn, town, village, _grade in dangerous:
        rows.append([len(rows), name, idn, town, village, "A级"])
        out.planted[number] = hid
        out.id_numbers.append(idn)
        number += 1
    hid, name, _idn, town, village, grade = unique[0]
    rows.append([len(rows), name, None, town, village, f"{grade}级"])
    out.by_name = (number, hid)
    number += 1
    for k in range(3):
        rows.append([len(rows), f"查无{'甲乙丙'[k]}", _fake_id(k), agree[0][3], agree[0][4], "C级"])
        out.unmatched.append(number)
        number += 1
    for hid, name, idn, town, village, grade in other:
        rows.append([len(rows), name, idn, town, village, f"{grade}级"])
        out.elsewhere[number] = hid
        out.id_numbers.append(idn)
        number += 1
    out.data = xlsx_bytes(rows, title="武进区农村低收入农户危房鉴定名单", sheet="鉴定名单")
    return out
