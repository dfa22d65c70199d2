"""Every Chinese UI string and code-to-label map, in one place.

Code uses English identifiers; the screen speaks Chinese. Nothing else in the package
should hold a Chinese UI literal, so wording changes happen here only.
"""

from __future__ import annotations

APP_TITLE = "排查地图"
APP_SUBTITLE = "脱贫攻坚问题排查整改"
DEMO_BADGE = "演示数据"
DEMO_NOTE = "当前为演示数据：行政区划轮廓为真实常州市区县，乡镇以下边界、农户与问题均为程序生成。"
BUILDING_DEMO = "首次启动：正在生成演示数据库（约半分钟）……"
AS_OF = "数据截至"
NO_DATA = "—"

LEVELS = {
    "province": "省",
    "city": "市",
    "district": "市(区)",
    "town": "乡镇(街道)",
    "village": "村(社区)",
}

STATUSES = {
    "pending": "待整改",
    "rectifying": "整改中",
    "rectified": "已整改(待验收)",
    "closed": "已销号",
}

SOURCES = {
    "inspection_tour": "市委巡察",
    "audit": "专项审计",
    "supervision": "督查排查",
    "public_report": "群众反映",
    "self_inspection": "自查",
}

SEVERITIES = {
    "general": "一般",
    "serious": "较重",
    "critical": "严重",
}

WEAK_TYPES = {
    "province": "省定经济薄弱村",
    "city": "市定经济薄弱村",
    None: "非经济薄弱村",
}

GUARANTEES = {
    "education": "义务教育",
    "medical": "基本医疗",
    "housing": "住房安全",
    "water": "饮水安全",
    "social_floor": "社会保障兜底",
}

EXIT_STATUSES = {"exited": "已脱贫", "not_exited": "未脱贫"}

# KPI / metric names, with units, as they appear on screen.
METRICS = {
    "weak_villages": ("经济薄弱村", "个"),
    "weak_villages_province": ("省定薄弱村", "个"),
    "weak_villages_city": ("市定薄弱村", "个"),
    "households": ("建档立卡低收入农户", "户"),
    "issues_found": ("排查问题", "个"),
    "issues_open": ("未销号问题", "个"),
    "issues_pending": ("待整改", "个"),
    "issues_rectifying": ("整改中", "个"),
    "issues_rectified": ("已整改待验收", "个"),
    "issues_closed": ("已销号", "个"),
    "issues_overdue": ("超期未整改", "个"),
    "closeout_rate": ("销号率", "%"),
    "ontime_rate": ("按期销号率", "%"),
    "households_failing_any": ("三保障未达标农户", "户"),
    "days_to_deadline": ("距整改时限", "天"),
}

KPI_HELP = {
    "issues_found": "截至所选日期已排查发现的问题总数",
    "issues_open": "尚未销号的问题（待整改、整改中、已整改待验收）",
    "issues_overdue": "已过整改时限仍处于待整改或整改中的问题",
    "closeout_rate": "已销号问题 ÷ 已发现问题",
    "ontime_rate": "在整改时限内销号的问题 ÷ 整改时限已到的问题",
    "households_failing_any": "任一保障项未达标的建档立卡低收入农户",
}

NAV_OVERVIEW = "总览"
MAP_LEGEND_OPEN = "未销号问题（个）"
MAP_NO_DATA = "无数据"
WEAK_MARKER_LEGEND = "● 省定经济薄弱村　● 市定经济薄弱村"

TOOLTIP_FIELDS = {
    "name": "名称",
    "issues_open": "未销号问题",
    "issues_overdue": "超期未整改",
    "closeout_rate": "销号率",
    "weak_type": "类型",
}

OVERVIEW_HEADING = "全市问题排查整改总览"
TABLE_HEADING = "各市(区)情况"
EXCEPTION_DB = "无法打开数据库 {path}：{reason}"

# Column headers for region tables.
TABLE_COLUMNS = {
    "name": "地区",
    "weak_villages": "经济薄弱村",
    "households": "低收入农户",
    "issues_found": "发现问题",
    "issues_open": "未销号",
    "issues_overdue": "超期",
    "issues_closed": "已销号",
    "closeout_rate": "销号率",
    "ontime_rate": "按期销号率",
    "households_failing_any": "三保障未达标农户",
}


def status_label(code: str) -> str:
    return STATUSES.get(code, code)


def format_rate(value: float | None) -> str:
    """A rate as a percentage with one decimal, or the no-data dash (never 'nan')."""
    if value is None or value != value:  # NaN check without numpy
        return NO_DATA
    return f"{value * 100:.1f}%"
