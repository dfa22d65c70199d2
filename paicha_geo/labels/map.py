"""The 排查地图 page: what colours the map, the legend, tooltips and the region table.
"""

from __future__ import annotations

# What colours a map: key -> (label, unit). The 三保障 page's two ways of colouring:
GUARANTEE_MAP_METRICS = {
    "guarantee_per_100": ("每百户未达标", "户/百户"),
    "guarantee_clear": ("清零状态", ""),
}
# Every metric any map is coloured by (the map page's first, in its selector's order).
MAP_METRICS = {
    "traffic": ("三色预警（红黄绿）", ""),
    "issues_open": ("未销号问题", "个"),
    "issues_overdue": ("超期未整改问题", "个"),
    "closeout_rate": ("销号率", "%"),
    "ontime_rate": ("按期销号率", "%"),
    "open_per_weak_village": ("每个薄弱村未销号问题", "个/村"),
    "open_per_100_households": ("每百户未销号问题", "个/百户"),
    "households_failing_any": ("三保障未达标农户", "户"),
    "risk_score": ("风险分", "分"),  # the inspection page
    "household_coverage": ("入户走访覆盖率", "%"),  # the inspection page
    "crosscheck_doubt": ("销号存疑", "条"),  # the 数据比对 page
    "crosscheck_lead": ("漏报线索", "条"),
    "same_problem_villages": ("举一反三排查村", "个"),
    **GUARANTEE_MAP_METRICS,
    "hotspot": ("热点分析（Gi*）", ""),  # the 两不愁三保障 page's hot-spot map
}
# The map page's selector: its own metrics, not the inspection or 三保障 ones.
MAP_METRIC_CHOICES = ("traffic", "issues_open", "issues_overdue", "closeout_rate", "ontime_rate",
                      "open_per_weak_village", "open_per_100_households",
                      "households_failing_any")
TRAFFIC = {"red": "红：有超期问题或三保障未达标农户", "yellow": "黄：有未销号问题（均在时限内）",
           "green": "绿：问题全部销号且清零"}
TRAFFIC_SHORT = {"red": "红", "yellow": "黄", "green": "绿"}
# 三色预警 of a township, district or city: from the lights of its villages (AreaWarning).
TRAFFIC_AREA = {"red": "红：红色村占比 ≥ {red}", "yellow": "黄：红色和黄色村占比 ≥ {yellow}",
                "green": "绿：其余"}
TRAFFIC_AREA_HELP = ("三色预警：村按自身情况着色（红：有超期问题或三保障未达标农户；"
                     "黄：有未销号问题；绿：全部销号且清零）；乡镇、市(区)按所辖村的红黄绿占比着色："
                     "红色村占比达 {red} 为红，红色和黄色村合计占比达 {yellow} 为黄，其余为绿。")
# How a rate or density is classed (分级方式), and the legend's name for each method.
CLASSING_PICK = "分级方式"
CLASSINGS = {"data": "按数据分布", "policy": "政策分档"}
CLASSING_METHODS = {"data": "按数据分布：自然断点 {n} 级", "policy": "政策分档：固定分档",
                    "equal": "等间距分档"}
CLASSING_HELP = ("按数据分布：按本层级各地区数值的自然断点（Jenks）分级，最差的地区总在最差一级；"
                 "政策分档：固定的销号率分档（50%、70%、85%、95%），不同日期、层级的地图颜色可直接比较。")
NOT_WEAK = "非薄弱村"
COLOR_ALL_VILLAGES = "村级地图为全部村着色（默认只为经济薄弱村和有逾期问题的村着色）"
MAP_METRIC_PICK = "地图着色指标"
CLICK_HINT = "点击地图上的区域逐级下钻：市 › 市(区) › 乡镇(街道) › 村"
MAP_NO_DATA = "无数据"
LEGEND_UNIT = "（{unit}）"
WEAK_OUTLINE_SOLID = "{kind}（实线框）"
WEAK_OUTLINE_DASHED = "{kind}（虚线框）"
WEAK_SUMMARY = ("{weak} {count} 个（{province} {province_count}，{city} {city_count}）· "
                "{households} {household_count:,} 户 · {hint}")
TOOLTIP_FIELDS = {
    "name": "名称",
    "issues_open": "未销号问题",
    "issues_overdue": "超期未整改",
    "closeout_rate": "销号率",
    "weak_type": "类型",
}
# Column headers of the region table (page and download).
REGION_COLUMNS = {
    "name": "地区",
    "code": "区划代码",
    "traffic": "三色预警",
    "weak_villages": "经济薄弱村",
    "weak_villages_province": "省定薄弱村",
    "weak_villages_city": "市定薄弱村",
    "households": "低收入农户",
    "issues_found": "发现问题",
    "issues_pending": "待整改",
    "issues_rectifying": "整改中",
    "issues_rectified": "已整改待验收",
    "issues_closed": "已销号",
    "issues_open": "未销号",
    "issues_overdue": "超期未整改",
    "closeout_rate": "销号率",
    "ontime_rate": "按期销号率",
    "open_per_weak_village": "每薄弱村未销号",
    "open_per_100_households": "每百户未销号",
    "households_failing_any": "三保障未达标农户",
    "households_below_income": "收入低于标准农户",
}
REGION_TABLE_TITLE = "{region} · 各{level}情况"
