"""The 整改进度 page: cumulative and burn-down charts, pace, ageing, breakdowns, units.
"""

from __future__ import annotations

PROGRESS_TITLE = "{region} · 整改进度"
DEADLINE = "整改时限"
DEADLINE_LINE = "整改时限 {date:%m-%d}"
ASOF_LINE = "截至 {date:%m-%d}"
AXIS_DATE = "日期"
AXIS_ISSUES = "问题（个）"
# plotly hover templates (plotly fills %{...}; not str.format templates)
HOVER_X_COUNT = "%{x}：%{y:,}<extra></extra>"
HOVER_Y_COUNT = "%{y}：%{x:,}"
HOVER_Y_TEXT = "%{y}：%{text}<extra></extra>"
SERIES_NAMES = {"found": "累计发现", "rectified": "已整改（含已销号）", "closed": "已销号",
                "open": "未销号", "overdue": "超期未整改"}
CHART_CUMULATIVE = "问题发现、整改与销号（累计）"
CHART_BURNDOWN = "未销号问题燃尽：距整改时限"
PLAN_LINE = "按期清零所需进度"
PACE_REQUIRED = "按期清零需日均销号"
PACE_RECENT = "近{days}日日均销号"
PACE_PROJECTED = "按近期速度预计清零"
PACE_UNIT = "个/天"
PACE_PASSED = "已过整改时限"
PACE_DONE = "已全部销号"
PACE_NEVER = "按近期速度无法清零"
PACE_HELP = ("按期清零需日均销号 = 未销号问题 ÷ 距整改时限天数；"
             "近期日均销号 = 近7日销号净增（回头看重开的扣除）÷ 7")
CHART_AGEING = "超期未整改问题账龄"
AGEING_BUCKETS = {"1_7": "超期1–7天", "8_30": "超期8–30天", "over_30": "超期30天以上"}
BREAKDOWN_HEADING = "分类统计"
BREAKDOWNS = {"group": "按排查重点", "part": "按排查内容", "item": "按排查条目",
              "source": "按问题来源"}
CHART_BREAKDOWN = "{by}：已销号与未销号问题"
BREAKDOWN_COLUMNS = {"name": "类别", "issues_found": "发现问题", "issues_closed": "已销号",
                     "issues_open": "未销号", "issues_overdue": "超期未整改",
                     "closeout_rate": "销号率", "ontime_rate": "按期销号率"}
UNITS_HEADING = "责任单位"
UNITS_NOTE = ("排名按按期销号率（在整改时限内销号 ÷ 整改时限已到或已销号的问题），1为最好；"
              "尚无可评判问题的单位不排名，显示“—”。底色标红的单位有超期30天以上、应挂牌督办的问题。")
UNIT_NONE = "（未填写责任单位）"
UNIT_COLUMNS = {"rank": "排名", "unit": "责任单位", "issues_found": "承担问题",
                "issues_open": "未销号", "issues_overdue": "超期未整改",
                "issues_escalate": "超期30天以上", "issues_closed": "已销号",
                "closeout_rate": "销号率", "ontime_rate": "按期销号率",
                "avg_days_to_close": "平均销号用时（天）"}
ESCALATE_HEADING = "挂牌督办：超期30天以上的问题"
ESCALATE_NONE = "截至所选日期，没有超期30天以上的问题。"
ESCALATE_COUNT = "共 {count} 个问题应挂牌督办"
ESCALATE_COLUMNS = {"issue_code": "问题编号", "place": "地区", "item": "排查条目",
                    "responsible_unit": "责任单位", "deadline": "整改时限",
                    "overdue_days": "超期天数", "status_asof": "状态"}
STATUS_FILTER_IGNORED = ("时间曲线不按“整改状态”筛选（状态随日期变化）；"
                         "账龄、分类统计和责任单位按所选状态统计。")
