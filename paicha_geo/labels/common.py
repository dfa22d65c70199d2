"""Shared words: the app's name, navigation, the vocabularies every page uses (levels,
statuses, sources, severities, weak-village types, guarantees), KPI names and rates.
"""

from __future__ import annotations

APP_TITLE = "排查地图"
APP_SUBTITLE = "脱贫攻坚问题排查整改"
DEMO_BADGE = "演示数据"
DEMO_NOTE = "当前为演示数据：行政区划轮廓为真实常州市区县，乡镇以下边界、农户与问题均为程序生成。"
AS_OF = "数据截至"
NO_DATA = "—"
YES_NO = {True: "是", False: "否", None: "—"}
LIST_SEPARATOR = "、"  # between the items of a list in a sentence
WAN_YUAN = "{value:.1f} 万元"
HOUSEHOLD_UNIT = "户"
SECONDS = "秒"
FOUND_DATE = "发现日期"
NOTHING_BELOW = "此区域下没有下级区划，无可显示的地图和分项数据。"

# Navigation: one entry per page.
NAV_MAP = "排查地图"
NAV_GUARANTEES = "两不愁三保障"
NAV_PROGRESS = "整改进度"
NAV_COMPARE = "地区对比"
NAV_INSPECT = "督查选点"
NAV_LEDGER = "整改台账"
NAV_SCREEN = "大屏"
NAV_AUDIT = "审计日志"
CHOOSE_OPTIONS = "请选择（可多选）"
CHOOSE_ONE = "请选择"
NAV_ACCOUNTS = "账号管理"

# Vocabularies: code -> word.
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
    "data_check": "数据比对",
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


def status_label(code: str) -> str:
    return STATUSES.get(code, code)


def format_rate(value: float | None) -> str:
    """A rate as a percentage with one decimal, or the no-data dash (never 'nan')."""
    if value is None or value != value:  # NaN check without numpy
        return NO_DATA
    return f"{value * 100:.1f}%"


# The file uploaders' own words (Streamlit draws them in English: "Upload", "20MB per file").
UPLOAD_BUTTON = "选择文件"
UPLOAD_INSTRUCTIONS = "或把文件拖到这里 · 单个文件不超过 {mb} MB"
