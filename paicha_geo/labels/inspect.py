"""The 督查选点 page: risk scores, the route, the visit pack and recording visits.
"""

from __future__ import annotations

INSPECT_LAYER = "地图图层"
INSPECT_LAYERS = {"risk_score": "风险分", "household_coverage": "入户走访覆盖率（遍访统计天数内）"}
ROUTE_START = "出发点"
RISK_REASONS = {
    "open_issues": "未销号问题（按严重程度加权）{value:g}",
    "overdue_months": "累计超期 {value:.1f} 个月",
    "unverified": "已整改待验收 {value:g} 个",
    "failing_households": "三保障未达标 {value:g} 户",
    "low_income_households": "收入低于标准 {value:g} 户",
    "weak_type": "经济薄弱村",
    "months_since_visit": "距上次走访 {value:.1f} 个月",
    "never_visited": "从未走访",
}
INSPECT_TITLE = "督查选点与线路"
INSPECT_COUNT = "选取村数"
INSPECT_START = "出发地点"
INSPECT_STARTS = {"district": "市(区)政府驻地", "town": "乡镇(街道)驻地",
                  "clicked": "地图上点击的位置"}
INSPECT_CLICK_START = "在地图空白处点击设定出发点（当前未设定，暂用区政府驻地）"
INSPECT_ROAD = "道路系数（直线距离 × 系数 = 估计路程）"
INSPECT_SPEED = "平均车速（公里/小时）"
INSPECT_HINT = ("风险分 = Σ 权重 × 分项（权重见设置）。勾选“选中”增减要走访的村，或在地图上点击村。"
                "线路：{method}，按直线距离计算。")
INSPECT_METHODS = {"exact": "不超过 8 个村时穷举求得最短顺序",
                   "nearest_neighbour_2opt": "最近邻起步、2-opt 改进（近似最短）"}
INSPECT_ROUTE = ("走访线路：{n} 个村，直线 {km:.1f} 公里，估计路程 {road:.1f} 公里，"
                 "约 {hours:.1f} 小时")
INSPECT_PICK_REGION = "全省的村太多，无法一并排序：请先选择一个市。"
INSPECT_SELECTED = "选中"
INSPECT_COLUMNS = {"stop": "顺序", "name": "村", "town": "乡镇(街道)", "weak": "类型",
                   "score": "风险分", "reasons": "主要原因", "last_visit": "上次走访"}
INSPECT_WEIGHTS = "风险分构成（各分项 × 权重）"
PACK_XLSX = "下载走访包（Excel）"
PACK_HTML = "下载可打印走访包（每村一页）"
PACK_TITLE = "{region} 督查走访包 · 截至 {asof}"
PACK_ROUTE_SHEET = "线路"
PACK_OPEN = "未销号问题"
PACK_UNVERIFIED = "已整改待验收"
PACK_HOUSEHOLDS = "三保障或收入未达标农户（已脱敏）"
PACK_CODE = "区划代码"
PACK_LAST_VISIT = "上次走访"
PACK_NONE = "无"
PACK_ISSUE_COLUMNS = {"issue_code": "问题编号", "item": "排查条目", "description": "问题描述",
                      "status_asof": "状态", "deadline": "整改时限", "overdue_days": "超期天数"}
PACK_HOUSEHOLD_COLUMNS = {"household_id": "户编号", "head_name": "户主（脱敏）", "members": "人口",
                          "failing": "未达标项"}
PACK_INCOME = "{income:.1f} 万元 / 标准 {standard:.0f} 万元（{verdict}）"
PACK_NEVER_VISITED = "从未走访"
PACK_ROUTE_COLUMNS = {"stop": "顺序", "name": "村", "leg_km": "本段直线(公里)",
                      "cumulative_km": "累计(公里)", "score": "风险分", "reasons": "主要原因"}
VISIT_FORM = "记录走访"
VISIT_DATE = "走访日期"
VISIT_WHO_IS = "督查人员：{name}（{account}）"
VISIT_VILLAGES = "走访的村"
VISIT_PICK_VILLAGES = "先选择走访的村，再逐村填写发现情况"
VISIT_VILLAGE_NAME = "{name}（{town}）"
VISIT_HOUSEHOLDS = "入户（每行一户：户编号，可在其后写该户情况）"
VISIT_HOUSEHOLDS_HINT = "例如：320412001001H0001 住房墙体开裂"
VISIT_FINDINGS = "本村发现情况"
VISIT_TO_ISSUE = "将本村发现转为台账问题（来源：督查排查）"
VISIT_ITEM = "排查条目"
VISIT_UNIT = "责任单位"
VISIT_UNIT_PLACEHOLDER = "选择或输入责任单位"
VISIT_SEVERITY = "严重程度"
VISIT_DEADLINE = "整改时限"
VISIT_ISSUE_HOUSEHOLD = "涉及农户（户编号，可不填）"
VISIT_SAVE = "保存走访记录"
VISIT_SAVED = "已保存走访记录（{n} 个村，{homes} 户）"
VISIT_SAVED_ISSUES = "，并新增问题：{codes}"
VISIT_REFUSED = "走访记录未保存：{problems}"
VISIT_NEED_VILLAGE = "请至少选择一个走访的村"
VISIT_FUTURE_DATE = "走访日期 {date} 晚于今天（{today}）"
VISIT_UNKNOWN_VILLAGE = "{code} 不是村的区划代码"
VISIT_UNKNOWN_HOUSEHOLD = "{village}：户编号 {number} 不存在"
VISIT_HOUSEHOLD_ELSEWHERE = "{village}：户编号 {number} 不是本村的农户"
VISIT_ISSUE_NEEDS_TEXT = "{village}：转为台账问题需填写本村发现情况（即问题描述）"
VISIT_ISSUE_NEEDS_UNIT = "{village}：转为台账问题需填写责任单位"
VISIT_ISSUE_BAD_ITEM = "{village}：排查条目 {item} 不在本次排查清单中"
VISIT_ISSUE_BAD_SEVERITY = "{village}：严重程度 {value} 无效"
VISIT_ISSUE_EARLY_DEADLINE = "{village}：整改时限 {deadline} 早于走访日期 {date}"
COVERAGE_TITLE = "遍访覆盖（近 {days} 天）"
COVERAGE_DAYS = "遍访统计天数"
COVERAGE_COLUMNS = {"name": "地区", "weak_villages": "经济薄弱村",
                    "weak_villages_visited": "已走访",
                    "weak_village_coverage": "薄弱村覆盖率", "households": "低收入农户",
                    "households_visited": "已入户", "household_coverage": "农户覆盖率"}
RISK_COMPONENTS = {
    "open_issues": "未销号问题（严重程度加权）", "overdue_months": "超期月数",
    "unverified": "已整改待验收", "failing_households": "三保障未达标户",
    "low_income_households": "收入未达标户", "weak_type": "薄弱村类型",
    "months_since_visit": "距上次走访（月）", "never_visited": "从未走访",
}
PACK_FILE = "走访包_{region}_{asof:%Y%m%d}"
RISK_REASONS_SEPARATOR = "；"
