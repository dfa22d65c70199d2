"""Department lists read as they come: each kind's spellings, GBK CSV, and a broken sheet
named by row and column (the ID number masked in the message)."""

from __future__ import annotations

from paicha_geo import labels
from paicha_geo.domain.id_numbers import id_check_digit
from paicha_geo.io.imports.dept_rows import read_dept_list
from tests.ledger_helpers import xlsx_bytes

FIRST17 = "32041219800101001"
GOOD_ID = FIRST17 + id_check_digit(FIRST17)
BAD_ID = FIRST17 + ("0" if id_check_digit(FIRST17) != "0" else "1")


def _records(kind, header, rows, name="名单.csv", encoding="utf-8"):
    text = "\n".join(",".join(r) for r in [header, *rows])
    out = read_dept_list(kind, name, text.encode(encoding))
    return out, [r.record for r in out.rows]


def test_each_kind_reads_its_own_spellings_from_a_gbk_csv():
    cases = {
        "dept_medical": (["公民身份号码", "姓名", "村", "参保状态"], "未参保", False),
        "dept_education": (["身份证号", "学生姓名", "所在村", "在校情况"], "辍学", False),
        "dept_water": (["证件号码", "户主姓名", "行政村", "是否安全饮水"], "是", True),
        "dept_social": (["身份证号码", "姓名", "村(社区)", "救助类型"], "特困", True),
        "dept_housing": (["身份证号", "姓名", "所在村", "房屋等级"], "Ｄ级", "D"),
    }
    for kind, (header, said, fact) in cases.items():
        out, records = _records(kind, header, [[GOOD_ID, "张三", "东村", said]],
                                encoding="gb18030")
        assert out.all_problems() == [], kind
        assert records == [{"id_number": GOOD_ID, "name": "张三", "village": "东村",
                            "town": None, "district": None, "fact": fact}], kind


def test_a_broken_sheet_names_row_and_column_and_masks_the_id():
    rows = [["序号", "姓名", "公民身份号码", "所在村", "鉴定等级"],
            [1, "张三", GOOD_ID, "东村", "E级"],
            [2, "李四", BAD_ID, "东村", "C级"],
            [3, None, None, "东村", "C级"]]
    out = read_dept_list("dept_housing", "住建.xlsx", xlsx_bytes(rows, sheet="鉴定"))
    said = [labels.say(p.as_message()) for p in out.all_problems()]
    assert said[0] == "住建.xlsx 第2行 “鉴定等级”列：住房等级“E级”应为 A、B、C、D 级之一"
    assert said[1].startswith("住建.xlsx 第3行 “公民身份号码”列：")
    assert BAD_ID not in said[1] and "3204" in said[1]
    assert said[2] == "住建.xlsx 第4行 “公民身份号码”列：身份证号和姓名至少填一项"
    assert len(said) == 3


def test_a_list_without_its_fact_column_is_refused_naming_the_spellings():
    out, _ = _records("dept_medical", ["身份证号", "姓名", "村"], [[GOOD_ID, "张三", "东村"]])
    said = [labels.say(p.as_message()) for p in out.all_problems()]
    assert len(said) == 1
    assert "缺少必填列“比对事项（如鉴定等级、是否参保）”" in said[0] and "是否参保" in said[0]


def test_a_pupil_list_naming_the_head_is_matched_on_the_head():
    header = ["学生姓名", "学生身份证号", "户主姓名", "户主身份证号", "所在村", "是否在校"]
    other = "32041220100101002"
    pupil = other + id_check_digit(other)
    out, records = _records("dept_education", header,
                            [["张小明", pupil, "张三", GOOD_ID, "东村", "否"]])
    assert out.all_problems() == []
    assert (records[0]["id_number"], records[0]["name"]) == (GOOD_ID, "张三")
