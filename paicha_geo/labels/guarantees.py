"""The 两不愁三保障 page: checks, clearing, the household list and its charts.
"""

from __future__ import annotations

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
UNKNOWN = "未填报"
FLAG_UNKNOWN = "未填报，不能判定清零"
NOT_EXITED_ASIDE = "未脱贫另计 {n:,} 户"
CHART_BY_SUBREGION = "各{level}未达标农户（按保障项）"
CHART_INCOME = "农户人均年可支配收入分布"
CHART_WEAK_INCOME = "经济薄弱村集体经济收入与标准"
AXIS_FAILING_HOUSEHOLDS = "未达标农户（户）"
AXIS_INCOME = "人均年可支配收入（元）"
AXIS_HOUSEHOLDS = "农户（户）"
AXIS_WAN_YUAN = "万元"
INCOME_SERIES = "已脱贫农户"
INCOME_HOVER = "已脱贫 %{x:,.0f} 元：%{y} 户<extra></extra>"  # plotly's template, not str.format
INCOME_SERIES_NOT_EXITED = "未脱贫农户（不计入收入达标）"
INCOME_HOVER_NOT_EXITED = "未脱贫 %{x:,.0f} 元：%{y} 户<extra></extra>"
INCOME_STANDARD_LINE = "标准 {threshold:,.0f} 元"
WEAK_VILLAGE_BAR = "{name}（{kind}）"
WEAK_TYPES_SHORT = {"province": "省定", "city": "市定"}
WEAK_INCOME_SERIES = "集体经济收入"
WEAK_INCOME_HOVER = "%{y}：%{x:.1f} 万元<extra></extra>"
WEAK_STANDARD_SERIES = "标准"
WEAK_STANDARD_HOVER = "标准 %{x:.0f} 万元<extra></extra>"
HOUSEHOLD_LIST = "建档立卡低收入农户"
HOUSEHOLD_LIST_HINT = "选择一行查看该户的问题。姓名、身份证号已脱敏。"
HOUSEHOLD_LIST_PERSONAL = ("选择一行查看该户的问题。姓名、身份证号已脱敏；当前角色可逐户填写理由后"
                           "查看完整信息，每次查看记入审计日志。")
HOUSEHOLD_ONLY_FAILING = "只看所选保障项未达标的农户"
HOUSEHOLD_PICK_TOWN = "选择乡镇(街道)或村后显示农户名单。"
HOUSEHOLD_ISSUES_OF = "**该户问题**：{household}"
HOUSEHOLD_NO_ISSUES = "该户暂无问题记录"
HOUSEHOLD_COLUMNS = {"household_id": "户编号", "village": "村(社区)", "head_name": "户主",
                     "id_number": "身份证号", "members": "人口", "per_capita_income": "人均收入",
                     "exit_status": "脱贫状态", "failing": "未达标项", "unknown": "未填报项",
                     "open_issues": "未销号问题",
                     "issues": "问题总数"}
NO_WEAK_VILLAGES = "本区域无经济薄弱村"
CLEAR_STATES = {"failing": "未清零：仍有未达标", "unknown": "未填报：无未达标，但有未填报",
                "cleared": "已清零", "none": "无建档立卡农户"}
INCOME_STANDARD_NOTE = "收入标准 {income:,.0f} 元（已脱贫农户）"
REVEAL_NO_POWER = "您的角色（{role}）无权查看户主姓名和身份证号"
REVEAL_NEED_REASON = "请填写查看理由（至少 {minimum} 个字），理由将记入审计日志"
REVEAL_NOT_FOUND = "您的管辖范围内没有农户 {household}"
REVEAL_TITLE = "查看完整信息"
REVEAL_REASON = "查看理由（记入审计日志）"
REVEAL_SUBMIT = "查看户主姓名和身份证号"
REVEAL_SHOWN = "户主：{name}　身份证号：{id_number}（本次查看已记入审计日志）"

# Hot spots (热点分析, domain.hotspots)
HOTSPOT_TITLE = "热点分析：问题在哪里扎堆"
HOTSPOT_PICK = "分析对象"
HOTSPOT_SUBJECT_G = "{name}：每百户未达标"
HOTSPOT_SUBJECT_I = "{code} {short}：每百户发现问题"
HOTSPOT_CLASSES = {"hot99": "热点（99% 置信）", "hot95": "热点（95% 置信）", "ns": "不显著",
                   "cold95": "冷点（95% 置信）", "cold99": "冷点（99% 置信）",
                   "island": "无相邻村（不计算）"}
HOTSPOT_EXPLAIN = ("热点指本村连同相邻村（边界或顶点相接）合计明显高于随机分布时应有水平的地方，"
                   "即问题“扎堆”之处，适合整片排查、举一反三；冷点相反。"
                   "方法：局部 Getis-Ord Gi* 统计量，显著性由 {perm} 次随机置换求得"
                   "（置信 95% 即 p ≤ 0.05）。热点村本身的数值不一定高，可能是被高值邻村包围。")
HOTSPOT_COUNTS = "{region}共 {n} 个村：99% 热点 {hot99} 个、95% 热点 {hot95} 个；冷点 {cold} 个。"
HOTSPOT_TOO_FEW = "本地区只有 {n} 个村，少于 {minimum} 个，热点分析没有意义；请在上一级查看。"
HOTSPOT_TOO_MANY = ("本地区有 {n:,} 个村，多于 {maximum:,} 个，一并计算太慢："
                    "请先选择一个市查看热点。")
HOTSPOT_NONE = "没有显著的热点或冷点：该问题在各村的分布与随机分布无明显差别。"
HOTSPOT_COLUMNS = {"name": "村", "place": "所在地区", "value": "数值（每百户）",
                   "neighbours": "相邻村数", "z": "Gi* z 值", "p": "p 值", "class": "类别"}
HOTSPOT_LEGEND = "热点分析 · {subject}"
