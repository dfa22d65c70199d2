"""The 地区对比 page and the weekly-report workbook.
"""

from __future__ import annotations

COMPARE_TITLE = "{region} · 各{level}对比"
COMPARE_RANK_BY = "排名依据"
FAIR_RATES = {"closeout_rate": ("销号率", "%"), "ontime_rate": ("按期销号率", "%"),
              "open_per_weak_village": ("每个薄弱村未销号问题", "个/村"),
              "open_per_100_households": ("每百户未销号问题", "个/百户"),
              "failing_per_100_households": ("每百户三保障未达标农户", "户/百户")}
COMPARE_COLUMNS = {"name": "地区", "rank": "排名", "rank_change": "较7日前",
                   "closeout_rate": "销号率", "ontime_rate": "按期销号率",
                   "open_per_weak_village": "每薄弱村未销号",
                   "open_per_100_households": "每百户未销号",
                   "failing_per_100_households": "每百户未达标",
                   "issues_found": "发现问题", "issues_closed": "已销号",
                   "issues_on_time": "按期销号", "issues_outcome_known": "已到期或已销号",
                   "issues_open": "未销号", "issues_overdue": "超期未整改",
                   "weak_villages": "经济薄弱村", "households": "低收入农户",
                   "households_failing_any": "三保障未达标农户"}
COMPARE_NOTE = ("排名依据“{rate}”，1为最好；“较7日前”与 {before:%Y-%m-%d} 的排名相比"
                "（↑ 上升、↓ 下降）。分母为0的比率显示“—”，不参与排名。"
                "右侧为计算比率所用的原始数。")
RANK_UP = "↑{n}"
RANK_DOWN = "↓{n}"
RANK_SAME = "持平"
REPORT_RANK_CHANGE_FORMAT = '"↑"0;"↓"0;"持平"'  # Excel number format: up; down; zero
TOTAL_ROW = "{region}（合计）"
CHART_SMALL_MULTIPLES = "各{level}比率对比"
RATE_DIRECTION = {True: "越高越好", False: "越低越好"}
HEAT_TABLE = "比率热力表"
HEAT_NOTE = ("颜色：销号率、按期销号率按本表数值的自然断点分级着色"
             "（与地图默认的“按数据分布”一致）；其余比率按本表排序着色，蓝色较好、红色较差；"
             "灰色为无数据。")
REPORT_DOWNLOAD = "下载周报（Excel）"
REPORT_TITLE = "{region}脱贫攻坚问题整改周报（数据截至 {asof:%Y-%m-%d}）"
REPORT_SHEETS = {"compare": "地区对比", "series": "每日进度", "ageing": "超期账龄",
                 "breakdown": "分类统计", "units": "责任单位", "escalate": "挂牌督办"}
REPORT_DATE = "日期"
REPORT_RANK_BEFORE = "7日前排名"
REPORT_FILENAME = "{region}_整改周报_{asof:%Y%m%d}.xlsx"
REPORT_DIMENSION = "维度"
REPORT_SUMMARY = {"deadline": "整改时限", "days_left": "距整改时限（天）",
                  "open_now": "未销号问题", "required_pace": "按期清零需日均销号",
                  "recent_pace": "近7日日均销号", "projected_finish": "按近期速度预计清零"}
