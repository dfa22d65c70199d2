"""部门数据比对 (department lists): kinds of list, how a row matched, the facts in words, the
leads' columns and actions."""

from __future__ import annotations

DEPT_LIST_KINDS = {"dept_housing": "住建·危房鉴定", "dept_education": "教育·学籍/控辍保学",
                   "dept_medical": "医保·参保与住院报销", "dept_water": "水利·饮水工程",
                   "dept_social": "民政·低保特困"}
DEPT_INTRO = ("导入行业部门的名单（.xlsx 或 .csv），先按身份证号、再按姓名+村与台账农户比对；"
              "部门数据与台账不一致的记为线索（不是问题），核实后可转为问题（来源“数据比对”）"
              "或驳回并写明理由。身份证号和姓名只显示脱敏后的形式。")
DEPT_KIND = "名单类型"
DEPT_FILE = "选择部门名单文件（.xlsx 或 .csv，UTF-8 或 GBK）"
DEPT_PREVIEW = "预览比对结果"
DEPT_CONFIRM = "确认导入比对结果"
DEPT_SAVED = "已导入部门名单：{summary}"
DEPT_SUMMARY = ("共{rows}行：比对上{matched}户（身份证号{by_id}户，姓名+村{by_name}户），"
                "线索{leads}条（另有{repeated}条此前名单已提出、待核实或已转为问题，不重复记录），"
                "未比对上{unmatched}行，超出本账号范围{outside}行")
DEPT_PROBLEMS = "名单有以下问题，未导入（请修改后重新上传）："
DEPT_PREVIEW_LEADS = "将产生的线索"
DEPT_PREVIEW_LOOSE = "未比对上的行（含超出本账号范围的行，后者不显示人员信息）"
DEPT_NO_LEADS = "没有线索：部门数据与台账一致。"
DEPT_LEADS = "比对线索"
DEPT_NO_SAVED_LEADS = "本区域还没有比对线索。"
DEPT_UNMATCHED = "已导入名单中未比对上的行（{n}）"
DEPT_PICK = "选择一条待核实的线索"
DEPT_ACCEPT = "转为问题"
DEPT_REJECT = "驳回线索"
DEPT_REJECT_REASON = "驳回理由（必填）"
DEPT_ACCEPTED = "已转为问题 {code}（来源：数据比对），可在“问题台账”中查看。"
DEPT_REJECTED = "已驳回该线索，理由已记录。"
DEPT_READ_ONLY = "当前角色只能查看线索；转为问题或驳回需要编辑权限。"
DEPT_CHOICE = "{kind} 第{row}行 · {village} · {person} · {direction}"
DEPT_MATCHES = {"id": "身份证号一致（确定）", "high": "姓名+村一致（高）",
                "medium": "姓名+村一致但身份证号不同（中）",
                "low": "同镇其他村同名（低）", "ambiguous": "有多户同名，无法确定",
                "none": "台账中未找到", "outside": "超出本账号范围，未比对"}
DEPT_DIRECTIONS = {"dept_fails": "部门数据显示不达标，台账显示达标",
                   "ledger_fails": "台账显示不达标，部门数据显示达标"}
DEPT_LEAD_STATUSES = {"open": "待核实", "accepted": "已转为问题", "rejected": "已驳回"}
DEPT_FACT_WORDS = {
    "dept_housing": {g: f"鉴定为{g}级" for g in "ABCD"},
    "dept_education": {"yes": "在校", "no": "不在校（辍学/失学）"},
    "dept_medical": {"yes": "已参保", "no": "未参保"},
    "dept_water": {"yes": "饮水安全", "no": "饮水不安全"},
    "dept_social": {"yes": "已纳入低保/特困", "no": "未纳入低保/特困"},
}
DEPT_LEDGER_WORDS = {
    "dept_housing": {**{g: f"台账住房等级{g}级" for g in "ABCD"}, "none": "台账无危房等级"},
    "dept_medical": {"yes": "台账全员参保", "no": "台账未全员参保"},
    "dept_water": {"yes": "台账饮水安全", "no": "台账饮水不安全"},
    "dept_social": {"yes": "台账已纳入低保特困", "no": "台账未纳入低保特困"},
}
DEPT_DROPOUTS = "台账失学辍学{n}人"
DEPT_LEDGER_UNKNOWN = "台账未填报"
DEPT_LEAD_COLUMNS = {"status": "状态", "village": "村(社区)", "person": "姓名",
                     "id_masked": "身份证号", "match": "比对方式（可信度）",
                     "dept_fact": "部门数据", "ledger_fact": "台账", "direction": "不一致",
                     "item_code": "对应排查项目", "issue_code": "问题编号", "reason": "驳回理由",
                     "household_id": "户编号", "kind": "名单", "file_name": "文件",
                     "row_number": "行号", "imported_at": "导入时间"}
DEPT_ROW_COLUMNS = {"imported_at": "导入时间", "kind": "名单", "file_name": "文件",
                    "row_number": "行号", "village": "村(社区)", "person": "姓名",
                    "id_masked": "身份证号", "match": "比对结果", "dept_fact": "部门数据"}
DEPT_ISSUE_TEXT = "{kind}名单（{file} 第{row}行）{dept}，{ledger}：{direction}"
DEPT_HISTORY_NOTE = "数据比对线索转为问题：{text}"
DEPT_NOT_READY = "名单尚未通过预览检查（或换了账号范围），请重新预览后再导入"
DEPT_LEAD_NOT_FOUND = "找不到这条线索，或它不在本账号范围内"
DEPT_LEAD_DECIDED = "这条线索已被处理（转为问题或驳回），请刷新后查看"
DEPT_REASON_REQUIRED = "驳回线索须写明理由"
ERR_DEPT_NO_PERSON = "身份证号和姓名至少填一项"
