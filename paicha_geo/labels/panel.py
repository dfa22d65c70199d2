"""The village panel (村情概要) beside the map.
"""

from __future__ import annotations

CHART_TIMELINE = "本村问题整改时间线"
PANEL_WEAK = "类型"
PANEL_INCOME = "集体经济收入"
PANEL_STANDARD = "标准"
PANEL_GAP = "差距"
PANEL_ABOVE = "高于标准"
PANEL_MEETS = "已达标"
PANEL_FAILS = "未达标"
PANEL_SECRETARY = "第一书记在岗"
PANEL_HOUSEHOLDS = "建档立卡低收入农户"
PANEL_OPEN_BY_GROUP = "未销号问题（按排查重点）"
PANEL_HISTORY = "最近整改记录"
PANEL_OPEN_ISSUES = "未销号问题清单"
OPEN_ISSUE_COLUMNS = {"issue_code": "问题编号", "item": "排查条目", "description": "问题描述",
                      "status_asof": "状态", "deadline": "整改时限", "overdue_days": "超期天数"}
PANEL_VISITS = "走访记录"
PANEL_NO_VISITS = "截至所选日期无走访记录"
PANEL_NO_HISTORY = "暂无整改记录"
PANEL_FAILING = "三保障未达标农户"
INCOME_KIND = {"province": "经营性收入", "city": "可支配收入"}
VISIT_KINDS = {"secretary_visit": "书记遍访", "inspection": "督查走访"}
HISTORY_COLUMNS = {"changed_at": "时间", "issue_code": "问题编号", "item": "排查条目",
                   "from_status": "原状态", "to_status": "新状态", "actor": "操作人",
                   "note": "说明"}
VISIT_COLUMNS = {"visit_date": "日期", "visitors": "走访人", "kind": "类型",
                 "households_seen": "入户数", "findings": "发现"}
PANEL_FAILING_LIST = "未达标："
PANEL_UNKNOWN_LIST = "未填报："
PANEL_PARTS_SEPARATOR = "；"
PANEL_FAILING_SEPARATOR = "，"
PANEL_FACT = "**{label}**：{value}"
PANEL_TYPE = "{kind} · 代码 {code}"
PANEL_INCOME_LINE = ("**{label}（{kind}）**：{income}，{standard} {target}，{gap} {amount}"
                     " → **{verdict}**")
PANEL_INCOME_UNKNOWN_LINE = "**{label}（{kind}）**：{standard} {target} → **{verdict}**"
PANEL_GROUP_COLUMNS = {"group_name": "排查重点", "open": "未销号"}
PANEL_NONE = "无"
# Dated facts (issue 17.6): every version with its 核实日期, newest first.
FACT_HISTORY_VILLAGE = "村集体经济等核实记录（截至所选日期，原有数值保留）"
FACT_HISTORY_HOUSEHOLD = "该户核实记录（截至所选日期，原有数值保留）"
FACT_HISTORY_NONE = "截至所选日期尚无核实记录：各项为未填报"
FACT_UNDATED = "未注明日期"
FACT_HISTORY_COLUMNS = {"verified_on": "核实日期", "recorded_by": "录入"}
FACT_GRADE = "{grade}级"
