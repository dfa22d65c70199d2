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
BUILT_DEMO = "首次启动：已在 {path} 生成演示数据库。"
DB_MISSING = ("找不到数据库文件 {path}。看板不会在配置的位置自动生成演示数据，"
              "以免覆盖应有的数据库。"
              "请检查 PAICHA_DB 的设置或从备份恢复（paicha-geo restore）；"
              "如只是想试用，运行 paicha-geo demo --db {path}。")
DEMO_REFUSE_REAL = ("{path} 中已有非演示数据（{households} 户、{issues} 个问题、"
                    "{history} 条整改记录），"
                    "未做任何改动。如确实要用演示数据替换，请加 --force（会先把原文件另存一份）。")
DEMO_REFUSE_CHANGED = ("{path} 是演示数据库，但生成后已有改动（现有 {issues} 个问题、"
                       "{history} 条整改记录），未做任何改动。如确实要重新生成，请加 --force"
                       "（会先把原文件另存一份）。")
DEMO_REFUSE_UNKNOWN = ("{path} 已存在，但不是可识别的排查地图数据库，未做任何改动。"
                       "如确实要用演示数据替换，请加 --force（会先把原文件另存一份）。")
DEMO_BACKUP_MADE = "原数据库已另存为 {path}"
DEMO_FIRST_START_SKIPPED = "未生成演示数据库：{path} 不是首次启动的默认位置或已有数据残留。"
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
NAV_MAP = "排查地图"
NAV_GUARANTEES = "两不愁三保障"
GUARANTEE_TITLE = "两不愁三保障"
CHECK_NAMES = {"education": "义务教育", "medical": "基本医疗", "housing": "住房安全",
               "water": "饮水安全", "social_floor": "社会保障兜底", "income": "农户收入达标",
               "village_income": "薄弱村集体收入"}
CHECK_UNITS = {"village_income": "村"}
CHECK_PICK = "地图显示的保障项"
CHECK_MODE = "地图着色"
CHECK_MODES = {"guarantee_per_100": "每百户未达标", "guarantee_clear": "清零状态"}
CLEARED = "已清零"
NOT_CLEARED = "未清零"
CHECKED = "核查"
FAILING = "未达标"
CHART_BY_SUBREGION = "各{level}未达标农户（按保障项）"
CHART_INCOME = "农户人均年可支配收入分布"
CHART_WEAK_INCOME = "经济薄弱村集体经济收入与标准"
CHART_TIMELINE = "本村问题整改时间线"
HOUSEHOLD_LIST = "建档立卡低收入农户"
HOUSEHOLD_LIST_HINT = "选择一行查看该户的问题。姓名、身份证号已脱敏。"
HOUSEHOLD_LIST_PERSONAL = "选择一行查看该户的问题。当前角色可查看完整姓名与身份证号。"
HOUSEHOLD_ONLY_FAILING = "只看所选保障项未达标的农户"
HOUSEHOLD_PICK_TOWN = "选择乡镇(街道)或村后显示农户名单。"
HOUSEHOLD_ISSUES = "该户问题"
HOUSEHOLD_NO_ISSUES = "该户暂无问题记录"
HOUSEHOLD_COLUMNS = {"household_id": "户编号", "village": "村(社区)", "head_name": "户主",
                     "id_number": "身份证号", "members": "人口", "per_capita_income": "人均收入",
                     "exit_status": "脱贫状态", "failing": "未达标项", "open_issues": "未销号问题",
                     "issues": "问题总数"}
NO_WEAK_VILLAGES = "本区域无经济薄弱村"

# What colours the map: key -> (label, unit). Order is the selector's order.
MAP_METRICS = {
    "traffic": ("三色预警（红黄绿）", ""),
    "issues_open": ("未销号问题", "个"),
    "issues_overdue": ("超期未整改问题", "个"),
    "closeout_rate": ("销号率", "%"),
    "ontime_rate": ("按期销号率", "%"),
    "open_per_weak_village": ("每个薄弱村未销号问题", "个/村"),
    "open_per_100_households": ("每百户未销号问题", "个/百户"),
    "households_failing_any": ("三保障未达标农户", "户"),
}
# The map page's selector: the metrics above, not the per-guarantee ones added below.
MAP_METRIC_CHOICES = tuple(MAP_METRICS)
MAP_METRICS["risk_score"] = ("风险分", "分")
MAP_METRICS["household_coverage"] = ("入户走访覆盖率", "%")
INSPECT_LAYER = "地图图层"
INSPECT_LAYERS = {"risk_score": "风险分", "household_coverage": "入户走访覆盖率（遍访统计天数内）"}
ROUTE_START = "出发点"
GUARANTEE_MAP_METRICS = {
    "guarantee_per_100": ("每百户未达标", "户/百户"),
    "guarantee_clear": ("清零状态", ""),
}
MAP_METRICS.update(GUARANTEE_MAP_METRICS)
CLEAR_STATES = {"failing": "未清零：仍有未达标", "cleared": "已清零", "none": "无建档立卡农户"}
TRAFFIC = {"red": "红：有超期问题或三保障未达标农户", "yellow": "黄：有未销号问题（均在时限内）",
           "green": "绿：问题全部销号且清零"}
TRAFFIC_SHORT = {"red": "红", "yellow": "黄", "green": "绿"}
NOT_WEAK = "非薄弱村"
COLOR_ALL_VILLAGES = "村级地图为全部村着色（默认只为经济薄弱村着色）"
MAP_METRIC_PICK = "地图着色指标"
UNKNOWN_REGION = "找不到区划代码 {code}，已显示全市。"
# A URL parameter (or environment variable) that cannot be used as given; the kinds are
# domain.params' problem kinds. Shown as a notice, never replaced silently.
PARAM_FROM = {"url": "网址参数“{name}”（{key}={raw}）", "env": "环境变量 {key}={raw}（{name}）"}
PARAM_PROBLEMS = {
    "not_number": "不是数字，已使用 {used}。",
    "not_integer": "不是整数，已使用 {used}。",
    "not_date": "不是日期（应写作 2020-05-31），已使用 {used}。",
    "not_bool": "应为 true 或 false，已使用 {used}。",
    "out_of_range": "超出可选范围（{range}），已使用 {used}。",
    "raised": "低于下限 {low}，已改为 {used}。",
    "lowered": "高于上限 {high}，已改为 {used}。",
    "unknown": "不是可选的值，已使用 {used}。",
    "some_unknown": "中有不可选的值，已忽略。",
}
PARAM_RANGE = "{low} 至 {high}"
PARAM_RANGE_LOW = "不小于 {low}"
PARAM_RANGE_HIGH = "不大于 {high}"
PARAM_NONE = "默认值"
PARAM_YES_NO = {True: "是", False: "否"}
REGION_PARAM = "区划"
SCREEN_MODE_PARAM = "大屏模式"
SCREEN_MODE_ONLY_1 = "网址参数“大屏模式”（screen={raw}）只能为 1，已显示普通页面。"


def _param_value(value, unit: str) -> str:
    if value is None or value == ():
        return PARAM_NONE
    if isinstance(value, bool):
        return PARAM_YES_NO[value]
    if isinstance(value, float):
        value = f"{value:g}"
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value))
    return f"{value}{unit and ' ' + unit}"


def param_notice(problem, name: str, raw: str, unit: str = "") -> str:
    """One sentence naming the parameter, what it held (`raw`, already escaped for display),
    why it cannot be used and what is used instead."""
    low, high = _param_value(problem.low, unit), _param_value(problem.high, unit)
    if problem.low is not None and problem.high is not None:
        span = PARAM_RANGE.format(low=low, high=high)
    else:
        span = PARAM_RANGE_LOW.format(low=low) if problem.low is not None else \
            PARAM_RANGE_HIGH.format(high=high)
    head = PARAM_FROM[problem.source].format(name=name, key=problem.key, raw=raw)
    return head + PARAM_PROBLEMS[problem.kind].format(
        used=_param_value(problem.used, unit), low=low, high=high, range=span)


CLICK_HINT = "点击地图上的区域逐级下钻：市 › 市(区) › 乡镇(街道) › 村"
FILTERS = "筛选"
FILTER_GROUP = "排查重点（三落实 / 三精准 / 三保障）"
FILTER_PART = "排查内容"
FILTER_ITEM = "排查条目"
FILTER_SOURCE = "问题来源"
FILTER_STATUS = "整改状态（截至所选日期）"
FILTER_UNIT = "责任单位"
FILTER_SEVERITY = "严重程度"
FILTER_FOUND_FROM = "发现日期起"
FILTER_FOUND_TO = "发现日期止"
FILTER_ACTIVE = "已应用筛选：地图、指标与表格均只统计符合条件的问题。"
DOWNLOAD_CSV = "下载 CSV"
DOWNLOAD_XLSX = "下载 Excel"
FULLSCREEN = "全屏"
BASEMAP = "底图"
BASEMAPS = {"none": "无底图（离线）", "tianditu": "天地图矢量", "custom": "内网瓦片服务",
            "gaode": "高德地图"}

PANEL_TITLE = "村情概要"
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
YES_NO = {True: "是", False: "否", None: "—"}
HISTORY_COLUMNS = {"changed_at": "时间", "issue_code": "问题编号", "item": "排查条目",
                   "from_status": "原状态", "to_status": "新状态", "actor": "操作人",
                   "note": "说明"}
VISIT_COLUMNS = {"visit_date": "日期", "visitors": "走访人", "kind": "类型",
                 "households_seen": "入户数", "findings": "发现"}
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
DB_NEWER = "数据库 {path} 的结构版本为 {version}，高于本程序支持的 {supported}，请升级 paicha-geo。"

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
    "open_per_weak_village": "每薄弱村未销号",
    "open_per_100_households": "每百户未销号",
    "households_failing_any": "三保障未达标农户",
    "traffic": "三色预警",
}


# --- progress and comparison ---
# The 整改进度 and 地区对比 pages, their charts and the weekly-report workbook.
NAV_PROGRESS = "整改进度"
NAV_COMPARE = "地区对比"
PROGRESS_TITLE = "{region} · 整改进度"
DEADLINE = "整改时限"
COMPARE_TITLE = "{region} · 各{level}对比"
DEADLINE_LINE = "整改时限 {date:%m-%d}"
ASOF_LINE = "截至 {date:%m-%d}"
AXIS_DATE = "日期"
AXIS_ISSUES = "问题（个）"
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
TOTAL_ROW = "{region}（合计）"
CHART_SMALL_MULTIPLES = "各{level}比率对比"
RATE_DIRECTION = {True: "越高越好", False: "越低越好"}
HEAT_TABLE = "比率热力表"
HEAT_NOTE = ("颜色：销号率、按期销号率按固定分档着色（与地图图例一致）；其余比率按本表排序着色，"
             "蓝色较好、红色较差；灰色为无数据。")
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


# --- ledger page ---
NAV_LEDGER = "整改台账"
LEDGER_TITLE = "整改台账"
LEDGER_TABS = ("导入数据", "整改状态", "导出台账", "备份")
UPLOAD_KIND = "导入内容"
UPLOAD_KINDS = {"issues": "问题清单", "households": "低收入农户", "villages": "村基本情况",
                "boundaries": "行政区划边界"}
UPLOAD_FILE = "选择文件（.xlsx 或 .csv，UTF-8 或 GBK；边界：GeoJSON、Shapefile(zip)、GeoPackage）"
UPLOAD_DEFAULT_FOUND = "表中无发现日期时，使用日期"
UPLOAD_DEFAULT_ITEM = "表中无排查项目时，归入条目"
UPLOAD_CRS = "坐标系"
UPLOAD_CRS_CHOICES = {"": "自动识别", "gcj02": "GCJ-02（高德/腾讯坐标）",
                      "EPSG:4490": "CGCS2000 经纬度 (EPSG:4490)",
                      "EPSG:4549": "CGCS2000 3度带 120°E (EPSG:4549)",
                      "EPSG:4528": "CGCS2000 3度带 40带 (EPSG:4528)"}
PREVIEW = "预览与检查"
PREVIEW_PROGRESS = "正在读取与检查……"
PROBLEMS = "发现的问题（文件、行、列、原因）"
ROW_ACTIONS = "逐行导入结果预览"
ONLY_VALID = "只导入有效的行（问题行不导入，可下载问题行表格）"
CONFIRM_IMPORT = "确认导入"
DOWNLOAD_REJECTED = "下载问题行（含错误原因列）"
NOTICES = "提示"
BOUNDARY_SUMMARY = "共 {features} 个要素，匹配到区划 {matched} 个；坐标系：{crs}"
STATUS_ISSUE = "问题编号"
STATUS_PICK = "或从本区域未销号问题中选择"
STATUS_CURRENT = "当前状态：{status}（第 {version} 版）· 整改时限 {deadline} · 责任单位 {unit}"
STATUS_ACTOR = "操作人（姓名）"
STATUS_ACTION = "操作"
STATUS_MEASURES = "整改措施"
STATUS_NOTE = "说明"
STATUS_SUBMIT = "提交"
STATUS_DONE = "已更新：{code} 现为“{status}”（第 {version} 版）"
STATUS_NO_ACTIONS = "已销号问题只能通过“回头看”重新打开。"
STATUS_HISTORY = "变更记录（只增不改）"
EXPORT_HINT = "导出当前区域（{region}）截至 {asof} 的整改台账：选全市时每个市(区)一个工作表。"
EXPORT_XLSX = "下载整改台账（Excel）"
EXPORT_CSV = "下载整改台账（CSV）"
BACKUP_HINT = "备份数据库的全部表（运行中一致快照），保存到服务器 data/backups/ 下。"
BACKUP_NOW = "立即备份"
BACKUP_LIST = "已有备份"
RESTORE_HINT = "恢复须在看板停止后用命令行执行：paicha-geo restore 备份目录"

# --- large screen ---
NAV_SCREEN = "大屏"
SCREEN_TITLE = "脱贫攻坚问题排查整改"
SCREEN_KPIS = {"issues_found": "排查问题", "issues_closed": "已销号", "closeout_rate": "销号率",
               "issues_overdue": "超期未整改", "days_to_deadline": "距整改时限"}
SCREEN_DAYS = "{days} 天"
SCREEN_DAYS_PAST = "已过 {days} 天"
SCREEN_RANKING = "各{level}排名（按销号率）"
SCREEN_RANK_COLUMNS = ("名次", "地区", "销号率", "按期销号", "每百户未销")
SCREEN_OVERDUE = "超期最久的 10 个问题"
SCREEN_OVERDUE_COLUMNS = ("地区", "排查条目", "责任单位", "超期(天)")
SCREEN_NO_OVERDUE = "暂无超期问题"
SCREEN_ASOF = "数据截至 {asof}"
SCREEN_REFRESHED = "刷新于 {time}"
SCREEN_WATERMARK = "演示数据"
SCREEN_MAP_TITLE = "地图：{metric}"
SCREEN_REFRESH_PARAM = "大屏刷新间隔"
SCREEN_REFRESH_ENV = "大屏刷新间隔，单位分钟"
SCREEN_CAROUSEL_PARAM = "轮播间隔（0 为不轮播）"
SCREEN_SCALE_PARAM = "大屏缩放"
SCREEN_METRIC_PARAM = "地图着色指标"
SECONDS = "秒"

# --- inspection planning ---
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
NAV_INSPECT = "督查选点"
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
INSPECT_PICK_REGION = "请选择一个市(区)或乡镇(街道)后再排序走访村。"
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
PACK_ROUTE_COLUMNS = {"stop": "顺序", "name": "村", "leg_km": "本段直线(公里)",
                      "cumulative_km": "累计(公里)", "score": "风险分", "reasons": "主要原因"}
VISIT_FORM = "记录走访"
VISIT_DATE = "走访日期"
VISIT_WHO = "督查人员"
VISIT_VILLAGES = "走访的村"
VISIT_HOUSEHOLDS = "入户（户编号，每行一个）"
VISIT_FINDINGS = "发现情况"
VISIT_TO_ISSUE = "将发现转为台账问题（来源：督查排查）"
VISIT_ITEM = "排查条目"
VISIT_SEVERITY = "严重程度"
VISIT_DEADLINE = "整改时限"
VISIT_SAVE = "保存走访记录"
VISIT_SAVED = "已保存走访记录（{n} 个村）"
VISIT_SAVED_ISSUE = "，并新增问题 {code}"
VISIT_NEED = "请填写督查人员、走访的村和发现情况"
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


def status_label(code: str) -> str:
    return STATUSES.get(code, code)


def format_rate(value: float | None) -> str:
    """A rate as a percentage with one decimal, or the no-data dash (never 'nan')."""
    if value is None or value != value:  # NaN check without numpy
        return NO_DATA
    return f"{value * 100:.1f}%"


# --- ledger: import, workflow, export ---
# Owned by the ledger backend (imports, status workflow, backups, 整改台账 export).

IMPORT_KINDS = {"issues": "问题清单", "households": "低收入农户", "villages": "村基本情况",
                "boundaries": "行政区划边界"}

# Canonical Chinese names of import fields: used in messages and as export headers.
FIELD_LABELS = {
    "issue_code": "问题编号", "region_code": "区划代码", "district": "市(区)",
    "town": "乡镇(街道)", "village": "村(社区)", "household_id": "户编号",
    "item": "排查项目", "description": "问题描述", "measures": "整改措施",
    "found_date": "发现日期", "deadline": "整改时限", "status": "整改状态",
    "responsible_unit": "责任单位", "source": "问题来源", "severity": "严重程度",
    "rectified_date": "整改完成日期", "closed_date": "销号日期", "verifier": "验收人",
    "escalated": "挂牌督办", "overdue_days": "超期天数",
    "head_name": "户主姓名", "id_number": "身份证号", "members": "家庭人口",
    "per_capita_income": "人均纯收入(元)", "exit_status": "是否脱贫",
    "school_age_children": "适龄儿童人数", "children_out_of_school": "失学辍学人数",
    "children_out_of_school_physical": "因身体原因失学人数", "all_insured": "全员参保",
    "inpatient_selfpay_share": "住院自付比例", "house_grade": "住房等级",
    "house_renovation": "危房改造情况", "safe_water": "饮水安全", "excess_fluoride": "氟超标",
    "social_floor_eligible": "符合低保特困条件", "social_floor_covered": "已纳入低保特困",
    "weak_type": "经济薄弱村类型", "collective_operating_income": "集体经营性收入(元)",
    "collective_disposable_income": "集体可支配收入(元)",
    "first_secretary_present": "第一书记在岗", "population": "人口",
}

# Where a problem is: file, sheet, row, column.
PROBLEM_COLUMNS = {"file": "文件", "sheet": "工作表", "row": "行号", "column": "列",
                   "reason": "原因"}
PROBLEM_AT = "{file}{sheet} 第{row}行 “{column}”列：{reason}"
PROBLEM_AT_ROW = "{file}{sheet} 第{row}行：{reason}"
PROBLEM_AT_FILE = "{file}{sheet}：{reason}"
PROBLEM_SHEET = "［{sheet}］"
REJECTED_REASON_COLUMN = "错误原因"
REJECTED_REASON_IN_COLUMN = "{column}：{reason}"
REJECTED_REASONS_SEPARATOR = "；"
REJECTED_ROW_COLUMN = "原行号"
REJECTED_SHEET_COLUMN = "原工作表"
REJECTED_SHEET_TITLE = "未导入的行"

# File-level problems.
ERR_EMPTY_FILE = "文件是空的"
ERR_HEADER_ONLY = "只有表头，没有数据行"
ERR_NO_HEADER = ("找不到表头：前{scan}行中没有可识别的列名"
                 "（如 区县、乡镇、村、问题描述、整改时限）；"
                 "请确认第一张表是{kind}")
ERR_NOT_SPREADSHEET = "不是可读取的电子表格（支持 .xlsx 和 .csv）"
ERR_NOT_SPREADSHEET_DETAIL = ERR_NOT_SPREADSHEET + "（{detail}）"
ERR_XLS_OLD = "不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 后再导入"
ERR_BROKEN_XLSX = "Excel 文件已损坏或不完整（可能未下载完整），无法打开：{detail}"
ERR_ENCRYPTED_XLSX = "Excel 文件设置了打开密码，请先取消密码"
ERR_GARBLED = ("文件编码无法识别或疑似乱码（出现“{sample}”）：{cause}。"
               "请用原始文件导入，或把文件另存为 UTF-8 或 GBK 编码"
               "（Excel：另存为“CSV UTF-8”）后再导入")
ENCODING_CAUSE_CONVERTED = "看起来是 {orig} 编码的文字被当作 {wrong} 读取后又保存过{lost}"
ENCODING_CAUSE_BIG5 = "文件似乎是 Big5（繁体中文）编码，本系统只读取 UTF-8 和 GBK 编码"
ENCODING_CAUSE_LOST = "文件曾被按错误的编码打开并另存，部分文字已变成“�”，无法恢复"
ENCODING_CAUSE_UNKNOWN = "文字不像正常的中文，可能是编码错误"
ENCODING_LOST = "，部分文字已丢失"
ERR_TRADITIONAL = ("文件内容是繁体中文（出现“{sample}”），列名和地名须用简体"
                   "（如 户编号、区县、问题描述）；请转换为简体后再导入")
ENCODING_NAMES = {"utf-8": "UTF-8", "gb18030": "GBK", "cp1252": "西文(Windows-1252)",
                  "latin-1": "西文(ISO-8859-1)", "big5": "Big5"}
ERR_UNDECODABLE = ("文件编码无法识别（既不是 UTF-8，也不是 GBK/GB18030）；"
                   "请把文件另存为 UTF-8 或 GBK 编码后再导入")
ERR_MISSING_COLUMN = "缺少必填列“{label}”（可用的列名：{aliases}）"
ERR_MISSING_REGION_COLUMNS = "缺少地区列：至少需要“村(社区)”“乡镇(街道)”“市(区)”或“区划代码”之一"
ERR_MISSING_ITEM_OR_DESC = "缺少“排查项目”列（可用：{aliases}）"
ERR_MISSING_FOUND_DATE = "缺少“发现日期”列；请在表格中加上发现日期，或在导入时指定统一的发现日期"
ERR_DUPLICATE_COLUMN = "“{label}”出现在多个列（{columns}），无法确定使用哪一列"
ERR_TOO_MANY_ROWS = "行数过多（{rows}行），单个文件最多 {limit} 行，请拆分后导入"
ERR_FILE_TOO_LARGE = "文件 {file} 大小为 {size}，超过上限 {limit}，未读取；请拆分后导入"
ERR_XLSX_TOO_LARGE = ("Excel 文件 {file} 解压后的表格内容为 {size}，超过上限 {limit}，未读取"
                      "（文件可能含大量空白格式行）；请删除多余的行和格式，或拆分后导入")

# Row / cell problems.
ERR_REQUIRED = "必填，不能为空"
ERR_FORMULA = "单元格是公式（{formula}），请复制后“选择性粘贴为数值”再导入"
ERR_TOO_LONG = "内容过长（{length}字，上限{limit}字）"
ERR_BAD_DATE = "无法识别的日期“{value}”，请写成 2020-06-30、2020/6/30 或 2020年6月30日"
ERR_DATE_RANGE = "日期 {value} 不在合理范围（2000年至2099年）内"
ERR_DATE_NO_YEAR = "日期“{value}”缺少年份"
ERR_DEADLINE_BEFORE_FOUND = "整改时限 {deadline} 早于发现日期 {found}"
ERR_RECTIFIED_BEFORE_FOUND = "整改完成日期 {date} 早于发现日期 {found}"
ERR_CLOSED_BEFORE_RECTIFIED = "销号日期 {closed} 早于整改完成日期 {rectified}"
ERR_UNKNOWN_STATUS = "无法识别的整改状态“{value}”（可用：{words}）"
ERR_UNKNOWN_SOURCE = "无法识别的问题来源“{value}”（可用：{words}）"
ERR_UNKNOWN_SEVERITY = "无法识别的严重程度“{value}”（可用：一般、较重、严重）"
ERR_UNKNOWN_ITEM = "无法对应排查项目“{value}”：请填写清单编号（如 3.3.4）、条目简称或排查内容名称"
ERR_AMBIGUOUS_ITEM = "排查项目“{value}”范围太大（{name}包含多个部分），请填写具体条目或编号"
ERR_BAD_NUMBER = "“{value}”不是数字"
ERR_BAD_INTEGER = "“{value}”不是整数"
ERR_NEGATIVE = "不能为负数"
ERR_MEMBERS = "家庭人口须为正整数"
ERR_BAD_BOOL = "“{value}”应填“是”或“否”"
ERR_BAD_GRADE = "住房等级“{value}”应为 A、B、C、D 级之一"
ERR_BAD_EXIT = "“{value}”应填“已脱贫”或“未脱贫”"
ERR_BAD_WEAK = "“{value}”应填“省定”“市定”或“否”"
ERR_BAD_RENOVATION = "“{value}”应填“未改造”“改造中”或“已改造”"
ERR_BAD_SHARE = "比例“{value}”应在 0 到 100% 之间"
ERR_BAD_CODE = "区划代码“{value}”应为 6、9 或 12 位数字"
ERR_UNKNOWN_CODE = "区划代码 {value} 不在数据库中"
ERR_CODE_NAME_MISMATCH = "区划代码 {code} 是“{actual}”，与表中名称“{given}”不一致"
ERR_UNKNOWN_REGION = "找不到{level}“{name}”{within}"
ERR_AMBIGUOUS_REGION = ("{level}“{name}”{within}有多个同名：{candidates}；"
                        "请补充上级地区或填写区划代码")
ERR_REGION_WITHIN = "（在{parent}内）"
REGION_CANDIDATES = "{regions}{more}"
REGION_CANDIDATE = "{path}（{code}）"
LIST_MORE = "……"
ERR_NEED_VILLAGE = "须指明村(社区)"
ERR_NO_REGION = "没有填写地区（村、乡镇或市(区)）"
ERR_DUPLICATE_CODE = "问题编号与第{row}行重复"
ERR_DUPLICATE_CONTENT = "与第{row}行是同一问题（地区、排查项目、发现日期和问题描述都相同）"
ERR_DUPLICATE_KEY = "与第{row}行重复（同一{label}）"
ERR_UNKNOWN_HOUSEHOLD = "户编号 {value} 不在数据库中"
ERR_HOUSEHOLD_ELSEWHERE = "户编号 {value} 属于另一个村（{village}）"
ERR_NEED_HOUSEHOLD_KEY = "须填写户编号或身份证号"
ERR_BAD_ID_NUMBER = "身份证号“{value}”应为18位（最后一位可为X）"
ERR_ID_BIRTH_DATE = "身份证号“{value}”中的出生日期不是有效日期，请核对"
ERR_ID_CHECK_DIGIT = "身份证号“{value}”的校验位不符（可能有数字录错），请核对"
ERR_NUMBER_TOO_LARGE = "数值超出范围：“{value}”超过可存储的最大值 {limit}"
ERR_OUT_OF_RANGE = "数值超出合理范围：{value}，应{range}"
WARN_OUT_OF_RANGE = "数值 {value} 不在常见范围内（应{range}），已照常导入，请核实"
RANGE_BETWEEN = "在 {min} 至 {max} 之间"
RANGE_AT_MOST = "不超过 {max}"
RANGE_AT_LEAST = "不少于 {min}"
NOTE_ROW_WARNINGS = "另有 {count} 处数值不在常见范围内，已照常导入，请核实"
RANGE_CONVERTED = "{typed}（万元，折合 {stored}）"
RANGE_UNITS = {"per_capita_income": "元", "collective_operating_income": "元",
               "collective_disposable_income": "元", "population": "人", "members": "人",
               "school_age_children": "人", "children_out_of_school": "人",
               "children_out_of_school_physical": "人"}
ERR_MEASURES_REQUIRED = "状态为“{status}”，但整改措施为空：已整改的问题须写明整改措施"

# Notices: the import goes ahead, but the user should know.
NOTE_GBK = "文件编码为 GBK/GB18030，已按此读取"
NOTE_UNKNOWN_COLUMNS = "以下列未识别，已忽略：{columns}"
NOTE_SKIPPED_FOOTER = "跳过了 {count} 行填表说明、签字或合计行"
NOTE_ITEM_BY_PART = "“{value}”按排查内容“{part}”对应到清单第一项 {code}（{short}），共 {rows} 行"
NOTE_DEFAULT_DEADLINE = "{rows} 行未填整改时限，按活动整改时限 {deadline} 计"
NOTE_DEFAULT_FOUND = "未提供发现日期，统一按 {date} 计"
NOTE_STATUS_BEHIND = ("{rows} 个问题在系统中的状态比表格新（如系统为“已销号”、表格为“整改中”），"
                      "保留系统状态；其他修改照常导入。回头看重新整改请在台账中操作")
NOTE_SHEETS = "读取了 {count} 张工作表：{names}"
NOTE_HEADER_ROW = "工作表“{sheet}”的表头在第 {row} 行"

# History notes written by imports.
HISTORY_IMPORTED = "导入登记（{file} 第{row}行）"
HISTORY_IMPORTED_STATUS = "导入时台账状态为“{status}”（{file} 第{row}行）"
HISTORY_IMPORT_UPDATE = "导入更新（{file} 第{row}行）：{changes}"
HISTORY_CHANGE = "{label}：{old}→{new}"
HISTORY_EMPTY_VALUE = "（空）"
IMPORT_ACTOR = "导入"

# Import results.
IMPORT_SUMMARY = ("共 {rows} 行：可导入 {valid} 行（新增 {inserted}，更新 {updated}，"
                  "无变化 {unchanged}），有问题 {rejected} 行")
IMPORT_REJECTED = "文件有 {count} 处问题，未写入任何数据"
IMPORT_DONE = "已导入：新增 {inserted}，更新 {updated}，无变化 {unchanged}，未导入 {rejected} 行"
IMPORT_CONFLICT = ("导入期间数据已被他人修改（如问题 {code}），本次未写入任何数据；"
                   "请重新预览后再导入")
IMPORT_NOTHING_VALID = "没有可导入的行"
IMPORT_VALUE_REFUSED = ("数值超出范围：{column}有数值超出数据库可存储的范围，本次未写入任何数据；"
                        "请检查文件中的数字后再导入")
IMPORT_VALUE_COLUMN = "“{column}”列"

# Status workflow.
WORKFLOW_ACTIONS = {"start": "开始整改", "report": "报告整改完成", "close": "验收销号",
                    "send_back": "验收不通过，退回整改", "reopen": "回头看：重新打开"}
REFUSE_SAME = "问题已是“{status}”"
REFUSE_TRANSITION = "不能从“{from_status}”改为“{to_status}”：{hint}"
REFUSE_HINTS = {
    "pending": "待整改的问题须先开始整改（改为“整改中”）",
    "rectifying": "整改中的问题须先报告整改完成（改为“已整改(待验收)”）",
    "rectified": "已整改的问题只能验收销号，或验收不通过退回整改",
    "closed": "已销号的问题只能经回头看重新打开（改为“待整改”）",
}
REFUSE_NO_ACTOR = "须填写操作人"
REFUSE_NO_MEASURES = "报告整改完成前须填写整改措施"
REFUSE_SAME_VERIFIER = "验收销号的人（{verifier}）不能是报告整改完成的人（{reporter}）"
REFUSE_NOTE_REQUIRED = "“{action}”须填写说明（原因或发现的问题）"
REFUSE_UNKNOWN_STATUS = "未知的状态“{status}”"
REFUSE_NOT_FOUND = "找不到问题 {code}"
CONFLICT = ("问题 {code} 刚被他人修改（现为“{status}”，第 {version} 版，您看到的是第 {seen} 版），"
            "您的修改未保存；请查看最新状态后再操作")
HISTORY_REOPEN_TRACE = "（原销号日期 {closed}，验收人 {verifier}）"
HISTORY_MEASURES_CHANGED = "整改措施：{old}→{new}"

# Backup and restore.
BACKUP_DONE = "已备份到 {path}：{tables} 张表，{rows} 行"
BACKUP_DIR_NOT_EMPTY = "备份目录 {path} 已存在且不为空，请指定新的目录"
RESTORE_NO_MANIFEST = "{path} 不是 paicha-geo 备份目录（缺少 manifest.json）"
RESTORE_BAD_FILE = "备份文件 {name} 已损坏（校验和不符）"
RESTORE_MISSING_FILE = "备份缺少文件 {name}"
RESTORE_NEWER = "备份的结构版本 {version} 高于本程序支持的 {supported}，请升级 paicha-geo"
RESTORE_DONE = "已从 {path} 恢复：{rows} 行；原数据库已另存为 {previous}"
RESTORE_DONE_NEW = "已从 {path} 恢复到新数据库 {db}：{rows} 行"
DB_BUSY = ("数据库文件 {path} 正被另一个进程（通常是正在运行的看板）占用。"
           "请在看板中操作，或先关闭看板后再运行此命令。")
DB_BUSY_PAGE = ("数据库文件正被另一个程序占用（例如正在运行的导入、备份命令，或另一个看板进程），"
                "看板暂时无法读取数据。请等该程序结束或将其关闭，然后点击“重试”。"
                "如果一直如此，请联系系统管理员。")
DB_BUSY_RETRY = "重试"
UNEXPECTED_ERROR = ("页面出错了，暂时无法显示。请刷新页面或稍后再试；如果问题反复出现，"
                    "请把错误编号 {ref} 告诉系统管理员（详细信息已记录在服务器日志中）。")

# Boundary import.
GEO_UNREADABLE = "无法读取边界文件 {file}：不是有效的 {format} 文件{hint}"
GEO_FORMAT_NAMES = {"geojson": "GeoJSON", "gpkg": "GeoPackage", "shp": "Shapefile",
                    "zip": "zip 压缩包"}
GEO_FORMAT_HINTS = {
    "geojson": "（内容须是完整的 GeoJSON 文本；文件可能未下载完整，或并非 GeoJSON）",
    "gpkg": "（文件可能已损坏或未下载完整）",
    "shp": "（压缩包中的 .shp、.shx、.dbf 可能已损坏或不是同一套）",
    "zip": "（可能未下载完整）",
}
GEO_ZIP_TOO_LARGE = "无法读取边界文件 {file}：压缩包解压后为 {size}，超过上限 {limit}"
GEO_UNSUPPORTED = "不支持的边界文件类型“{ext}”（支持 GeoJSON、压缩的 Shapefile(.zip)、GeoPackage）"
GEO_ZIP_NO_SHP = "压缩包中没有 .shp、.gpkg 或 .geojson 文件"
GEO_ZIP_SHP_PARTS = "Shapefile 缺少配套文件 {parts}"
GEO_NO_CRS = ("文件没有可用的坐标系（如 Shapefile 缺少 .prj），坐标是投影坐标"
              "（如 x={x:.0f}, y={y:.0f}），无法确定位置。{hint}")
GEO_NO_CRS_HINT_ZONE = ("坐标带有带号 {zone}，很可能是 CGCS2000 3度带第{zone}带，"
                        "可指定坐标系 EPSG:{epsg}")
GEO_NO_CRS_HINT_CM = ("很可能是 CGCS2000 3度带高斯投影（不带带号），中央经线按本市约为 {cm}°E，"
                      "可指定坐标系 EPSG:{epsg}")
GEO_NO_CRS_HINT = "请在导入时指定坐标系（如 EPSG:4549）"
GEO_BAD_CRS = "无法识别指定的坐标系“{value}”"
GEO_ASSUMED_WGS84 = "文件未声明坐标系，坐标为经纬度，按 WGS84/CGCS2000 读取（两者相差不足1米）"
GEO_CRS_DETECTED = "坐标系：{name}{epsg}，已转换为 WGS84"
GEO_CRS_EPSG = "（EPSG:{epsg}）"
GEO_CRS_GCJ02 = "按用户指定，坐标为 GCJ-02（高德/腾讯坐标），已纠偏转换为 WGS84"
GEO_ZONE_PREFIX_FIXED = "坐标系声明为 {declared}，但坐标{has}带号前缀；已按 {used} 读取"
GEO_ZONE_PREFIX_HAS = "带有"
GEO_ZONE_PREFIX_LACKS = "没有"
GEO_OUT_OF_CHINA = "转换后的坐标不在中国范围内（{bounds}），坐标系声明可能有误"
GEO_EMPTY = "第{row}个要素没有几何图形"
GEO_NOT_POLYGON = "第{row}个要素不是面（是 {kind}）"
GEO_UNREPAIRABLE = "{who}的几何无效且无法修复"
GEO_REPAIRED = "修复了 {count} 个无效的几何图形（自相交等）：{names}，请核对修复后的边界"
GEO_FEATURE = "第{row}个要素（{name} {code}）"
GEO_STORED = "库中已有的{name}（{code}）"
GEO_FAR = ("{who}超出全市范围约 {km:.0f} 公里（位于东经 {lon:.2f}°、北纬 {lat:.2f}° 附近，"
           "容许 {limit:g} 公里），区划代码或坐标系可能有误")
GEO_SAME_OUTLINE = "{who}与{other}的边界相同（两个地区共用一个图形），区划代码可能对应错了"
GEO_OVERLAP = "{who}与{other}重叠，重叠部分占较小者面积的 {share:.1%}（容许 {limit:.0%}）"
GEO_OUTSIDE_PARENT = ("{who}有 {share:.1%} 的面积在上级{parent}（{code}）的范围之外"
                      "（容许 {limit:.0%}）")
GEO_NO_KEY = "要素没有区划代码或名称字段（可用：{aliases}）"
GEO_NO_MATCH = "第{row}个要素（{key}）找不到对应的地区"
GEO_NO_MATCH_BECAUSE = GEO_NO_MATCH + "：{reason}"
GEO_DUPLICATE = "第{row}个要素与第{other}个要素对应同一地区 {code}"
GEO_SUMMARY = "共 {features} 个要素，可更新 {matched} 个地区的边界，有问题 {problems} 处"
GEO_DONE = "已更新 {count} 个地区的边界"

# The exported 整改台账.
LEDGER_TITLE = "整改台账"
LEDGER_TITLE_FULL = "{region}脱贫攻坚问题整改台账（数据截至 {asof}）"
LEDGER_CITY_SHEET = "市级"
LEDGER_COLUMNS = ["issue_code", "district", "town", "village", "item", "description",
                  "source", "severity", "responsible_unit", "found_date", "deadline", "status",
                  "overdue_days", "measures", "rectified_date", "closed_date", "verifier",
                  "escalated"]

CLI_DRY_RUN = "试运行（--dry-run），未写入"
CLI_MORE_PROBLEMS = "……（共 {count} 处）"
CLI_BUILDING_DEMO = "正在生成演示数据库（{scale}，seed={seed}）：{path}"
CLI_HELP = {
    "program": "排查地图 命令行工具",
    "demo": "（重新）生成演示数据库",
    "db": "数据库文件路径（默认 $PAICHA_DB 或 data/paicha.duckdb）",
    "force": "替换非演示数据或已改动的演示库（先把原文件另存一份）",
    "first_start": "仅在首次启动的默认位置且无数据库时生成（scripts/run.sh 使用）",
    "info": "显示数据库概况",
    "json": "输出一个 JSON 对象",
    "import": "导入问题清单、农户、村情况或行政区划边界",
    "file": ".xlsx / .csv（边界：.geojson / .zip / .gpkg）",
    "dry_run": "只校验，不写入",
    "only_valid": "只导入没有问题的行",
    "rejected_out": "把未导入的行及原因保存为 .xlsx",
    "actor": "记入整改记录的操作人（默认“导入”）",
    "found_date": "表中没有发现日期时统一使用的日期（YYYY-MM-DD）",
    "item": "表中没有排查项目时统一使用的清单编号（如 3.3.4）",
    "crs": "边界坐标系，如 EPSG:4549，或 gcj02（高德/腾讯坐标）",
    "level": "边界按名称匹配时的层级",
    "backup": "备份整个数据库到一个新目录",
    "restore": "从备份目录恢复数据库（原文件另存）",
}
CLI_FILE_MISSING = "文件不存在：{path}"
CLI_REJECTED_SAVED = "未导入的行及原因已保存到 {path}"
ERR_CLOSED_BEFORE_FOUND = "销号日期 {closed} 早于发现日期 {found}"
ERR_NUMBER_ROUNDED = ("“{value}”是被 Excel 存成数字的长编号，末几位已丢失；"
                      "请把该列设为文本后重新填写")
LEDGER_YES_NO = {True: "是", False: "否"}
GEO_AMBIGUOUS = "有多个同名地区：{candidates}；请在文件中加上区划代码"
CLI_DB_MISSING = "数据库文件不存在：{path}（可先运行 paicha-geo demo）"
IMPORT_ACTIONS = {"insert": "新增", "update": "更新", "unchanged": "无变化",
                  "stale": "系统中更新，保留", "rejected": "有问题，未导入"}
IMPORT_ACTION_COLUMNS = {"sheet": "工作表", "row": "行号", "key": "编号", "action": "导入结果"}


# --- pages (issue 12): text that used to sit in the pages -------------------------------------
REGION_TABLE_TITLE = "{region} · 各{level}情况"
PANEL_FAILING_LIST = "未达标："
PANEL_GROUP_COLUMNS = {"group_name": "排查重点", "open": "未销号"}
PANEL_NONE = "无"
HOUSEHOLD_UNIT = "户"
FOUND_DATE = "发现日期"
INCOME_STANDARD_NOTE = "收入标准 {income:,.0f} 元"
PACK_FILE = "走访包_{region}_{asof:%Y%m%d}"
BOUNDARIES_UPDATED = "已更新 {count} 个区划边界"
REJECTED_FILE = "问题行_{name}.xlsx"
LEDGER_FILE = "整改台账_{region}_{asof:%Y%m%d}"
STATUS_PICK_PLACEHOLDER = "选择一个未销号问题"
NOTHING_BELOW = "此区域下没有下级区划，无可显示的地图和分项数据。"


# --- typed errors ---
# Below the services, errors and notices are domain.errors.Message values: a code (the name
# of a wording above) and its fields. `say` words them.
LIST_SEPARATOR = "、"
_LIST_SEPARATORS = {"HISTORY_IMPORT_UPDATE": "；"}  # a list field of these codes


def _with_unit(number, field: str) -> str:
    """A number with its field's unit, when it has one (RANGE_UNITS): 1,000 元, 3 人."""
    unit = RANGE_UNITS.get(field)
    return f"{number} {unit}" if unit else str(number)


WITH_UNIT = _with_unit  # a wording may be a function of the fields instead of a template


def say(item) -> str:
    """Chinese for a Message (domain.errors), an error carrying one, a Term or a tuple of
    these (listed with 、); any other value as str(). Fields are worded the same way, except
    plain values, which the wording's format spec formats ({km:.0f}, {date:%m-%d})."""
    message = getattr(item, "message", None)
    if message is not None and hasattr(message, "code"):
        return _word(message)
    if isinstance(item, BaseException):
        return str(item)
    return _word(item)


def _word(item, separator: str = LIST_SEPARATOR) -> str:
    if hasattr(item, "vocabulary"):  # a Term
        return str(globals()[item.vocabulary].get(item.key, item.key))
    if hasattr(item, "code") and hasattr(item, "items"):  # a Message
        inner = _LIST_SEPARATORS.get(item.code, LIST_SEPARATOR)
        fields = {k: _field(v, inner) for k, v in item.items}
        wording = globals()[item.code]
        return wording(**fields) if callable(wording) else wording.format(**fields)
    if isinstance(item, tuple):
        return separator.join(_word(x) for x in item)
    return str(item)


def _field(value, separator: str):
    if isinstance(value, tuple) or hasattr(value, "vocabulary") or (
            hasattr(value, "code") and hasattr(value, "items")):
        return _word(value, separator)
    return value
