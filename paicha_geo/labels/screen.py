"""The large screen (大屏).
"""

from __future__ import annotations

SCREEN_TITLE = "脱贫攻坚问题排查整改"
SCREEN_KPIS = {"issues_found": "排查问题", "issues_closed": "已销号", "closeout_rate": "销号率",
               "issues_overdue": "超期未整改", "days_to_deadline": "距整改时限"}
SCREEN_DAYS = "{days} 天"
SCREEN_DAYS_PAST = "已过 {days} 天"
SCREEN_RANKING = "各{level}排名 · {rate}"
SCREEN_RANK_HEAD = ("名次", "地区")
# Short column names of the fair rates (the ranking's columns); full names are in METRICS.
SCREEN_RATE_SHORT = {"closeout_rate": "销号率", "ontime_rate": "按期销号率",
                     "open_per_weak_village": "村均未销", "open_per_100_households": "每百户未销",
                     "failing_per_100_households": "每百户未达标"}
SCREEN_OVERDUE = "超期最久的 {n} 个问题"
SCREEN_OVERDUE_COLUMNS = ("地区", "排查条目", "责任单位", "超期(天)")
SCREEN_NO_OVERDUE = "暂无超期问题"
SCREEN_ASOF = "数据截至 {asof}"
SCREEN_UPDATED = "数据更新于 {time}"
SCREEN_NEVER_UPDATED = "数据尚无变动"
SCREEN_VS_WEEK = "较 7 天前"
SCREEN_ARROWS = {1: "↑", -1: "↓", 0: "→"}
SCREEN_POINTS = "{delta:.1f} 个百分点"
SCREEN_WATERMARK = "演示数据"
SCREEN_REFRESH_PARAM = "大屏刷新间隔"
SCREEN_REFRESH_ENV = "大屏刷新间隔，单位分钟"
SCREEN_CAROUSEL_PARAM = "轮播间隔（0 为不轮播）"
SCREEN_SCALE_PARAM = "大屏缩放"
SCREEN_METRIC_PARAM = "地图着色指标"
SCREEN_MONTH = "{month}月"
