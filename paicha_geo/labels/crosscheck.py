"""The 数据比对 page: closures the data contradicts, 漏报线索, and 举一反三."""

NAV_CROSSCHECK = "数据比对"
CROSS_TITLE = "数据比对 · 销号存疑与漏报线索"
CROSS_INTRO = ("把每户（每个经济薄弱村）自己的数据与台账对照：数据仍未达标、台账上该项问题"
               "却已整改或已销号的，列为“销号存疑”；数据未达标、台账上没有该项问题的，列为“漏报线索”。"
               "截至 {asof}。")
CROSS_CHECKS = {
    "education": "义务教育", "medical": "基本医疗", "housing": "住房安全", "water": "饮水安全",
    "social_floor": "社会保障兜底", "village_income": "经济薄弱村收入达标",
}
CROSS_KINDS = {"doubt": "销号存疑", "lead": "漏报线索"}
CROSS_KIND_HELP = {
    "doubt": "数据仍未达标，而该户（村）该项问题全部为“已整改(待验收)”或“已销号”",
    "lead": "数据未达标，而台账上没有该户（村）该项问题",
}
CROSS_COUNT_COLUMNS = {"check": "比对项", "doubts": "销号存疑", "all_closed": "其中全部已销号",
                       "leads": "漏报线索"}
CROSS_FACTS = {
    "education": "义务教育阶段失学辍学 {n} 人",
    "medical_uninsured": "有家庭成员未参加基本医保",
    "medical_selfpay": "县域内住院自付比例 {share}（上限 {cap}）",
    "housing": "住房鉴定为 {grade} 级危房",
    "water_unsafe": "饮水未达到安全标准",
    "water_fluoride": "饮用水氟超标",
    "social_floor": "符合低保/特困条件但未纳入兜底保障",
    "village_income": "{kind} {income:.1f} 万元，低于标准 {standard:.1f} 万元",
}
CROSS_INCOME_KINDS = {"province": "村集体经营性收入", "city": "村集体可支配收入"}
CROSS_WHO_HOUSEHOLD = "农户 {name}（户编号 {number}）"
CROSS_WHO_VILLAGE = "本村"
CROSS_DOUBT_LINE = "{who}：{fact}，{check}仍未达标；但台账上该项问题 {issues}"
CROSS_LEAD_LINE = "{who}：{fact}，{check}未达标；台账上没有该项问题"
CROSS_ISSUES = "{n} 条，{per}；最近一条 {code} 于 {date} {status}"
CROSS_ISSUE_COUNT = "{status} {n} 条"
CROSS_LINE_COLUMNS = {"place": "地点", "who": "对象", "fact": "数据显示", "ledger": "台账记载"}
CROSS_FACT_SHORT = "{fact}（{check}未达标）"
CROSS_NO_ISSUE = "没有该项问题"
CROSS_PICK_CHECK = "比对项"
CROSS_ALL_CHECKS = "全部"
CROSS_SHOWN = "共 {total} 条，列出前 {shown} 条"
CROSS_NONE = "没有{kind}。"
CROSS_MAP_KIND = "地图显示"
CROSS_MAP_LEGEND = "{kind}"
CROSS_ACT_TITLE = "处理一条{kind}"
CROSS_ACT_PICK = "选择一条"
CROSS_ACT_NOTE = "说明（写入问题历史）"
CROSS_REOPEN = "回头看：重新打开该问题"
CROSS_RAISE = "立案：新建一条问题（来源：数据比对）"
CROSS_DEFAULT_NOTE = "数据比对：该户（村）数据仍未达标"
CROSS_REOPENED = "已对问题 {code} 回头看，状态改为“{status}”，说明已记入问题历史。"
CROSS_RAISED = "已新建问题 {code}（来源：数据比对），已记入问题历史。"
CROSS_NOTHING_TO_REOPEN = "该条问题现在已不是“已销号”或“已整改”状态，无需回头看。"
CROSS_READ_ONLY = "当前角色（{role}）只能查看，不能回头看或立案。"
CROSS_ACT_OUTSIDE = "该村不在您的管辖范围内，不能立案。"

# 举一反三 (same problem elsewhere)
SAME_TITLE = "举一反三 · 同类问题排查"
SAME_INTRO = ("选一个检查项：列出本区域内该项问题尚未销号的村、近 {days} 天内刚销号需防反弹的村，"
              "以及虽未发现但与有此问题的村相似、可能同样存在的村（按问题构成和农户数据的余弦相似度）。")
SAME_PICK_ITEM = "检查项"
SAME_UNKNOWN_ITEM = "网址里的检查项 {code} 不存在，请在下面选择。"
SAME_CATEGORIES = {"open": "尚未销号", "recent": "近期销号（防反弹）", "likely": "可能存在"}
SAME_REASON_OPEN = "该项问题 {n} 条尚未销号"
SAME_REASON_RECENT = "该项问题已于 {date} 销号（{days} 天内），回头看是否反弹"
SAME_REASON_LIKELY = "与有此问题的 {n} 个村相似（相似度 {score:.2f}）：{why}"
SAME_REASON_FACTS = "三保障未达标户比例 {share}（有此问题村平均 {mean}）"
SAME_REASON_ITEMS = "同有 {items} 问题"
SAME_COLUMNS = {"rank": "排序", "place": "村", "category_name": "类别", "reason": "理由",
                "open_issues": "未销号问题", "last_closed": "最近销号日期", "score": "相似度",
                "code": "区划代码"}
SAME_SHEET = "举一反三排查清单"
SAME_FILE_TITLE = "{region} · {item} {short} · 举一反三排查清单（截至 {asof}）"
SAME_FILE = "举一反三排查清单_{region}_{item}_{asof}.xlsx"
SAME_DOWNLOAD = "下载排查清单（Excel）"
SAME_TO_INSPECT = "带这些村去“督查选点”"
SAME_NONE = "本区域内没有该项问题，也没有相似的村。"
SAME_MAP_LEGEND = "举一反三排查村"
SAME_COUNTS = "尚未销号 {open} 个村 · 近期销号 {recent} 个村 · 可能存在 {likely} 个村"
CARD_SAME_LINK = "举一反三：哪里还有同类问题"
