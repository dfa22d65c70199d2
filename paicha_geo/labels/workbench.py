"""The 问题台账 on the 整改台账 page: the issue grid, the issue card and batch actions.
"""

from __future__ import annotations

GRID_SEARCH = "搜索问题"
GRID_SEARCH_HELP = ("在问题描述、整改措施、村镇名称、问题编号和责任单位中查找，不区分大小写；"
                    "多个词用空格分开，须全部包含。侧栏“筛选”中的条件同样适用。")
GRID_SEARCH_PLACEHOLDER = "输入村名、问题描述、编号或责任单位，例如：湖塘 危房"
GRID_SORT = "排序"
GRID_SORTS = {"overdue": "超期天数（多→少）", "deadline": "整改时限（早→晚）",
              "place": "所在地区", "found": "发现日期（新→旧）", "status": "整改状态",
              "severity": "严重程度（重→轻）"}
GRID_PAGE = "页码"
GRID_COUNT = "截至 {asof}：共 {total:,} 个问题，第 {first:,}–{last:,} 个（第 {page}/{pages} 页）"
GRID_EMPTY = "截至 {asof} 没有符合条件的问题。"
GRID_HINT = "勾选行首方框查看该问题；勾选多行可批量操作。"
GRID_COLUMNS = {"issue_code": "问题编号", "place": "所在地区", "status": "整改状态",
                "deadline": "整改时限", "overdue_days": "超期天数", "item": "排查条目",
                "description": "问题描述", "responsible_unit": "责任单位", "source": "问题来源",
                "severity": "严重程度", "escalated": "挂牌督办"}
GRID_EXPORT = "导出当前结果（Excel，{n:,} 条）"
GRID_FILE = "问题台账_{region}_{asof:%Y%m%d}.xlsx"
GRID_SHEET_TITLE = "{region}问题台账（截至 {asof}{query}）"
GRID_SHEET_QUERY = "，搜索“{text}”"
GRID_FILTERED = "，已按侧栏条件筛选"

CARD_TITLE = "问题 {code}"
CARD_FIELDS = {"place": "所在地区", "item": "排查条目", "item_text": "条目原文",
               "item_units": "条目责任单位", "responsible_unit": "本问题责任单位",
               "household": "涉及农户", "source": "问题来源", "severity": "严重程度",
               "found_date": "发现日期", "deadline": "整改时限", "rectified_date": "整改完成日期",
               "closed_date": "销号日期", "verifier": "验收人", "escalated": "挂牌督办"}
CARD_HOUSEHOLD = "户编号 {household}，户主 {name}"
CARD_NO_HOUSEHOLD = "不涉及具体农户"
CARD_DESCRIPTION = "问题描述"
CARD_MEASURES = "整改措施"
CARD_MAP_LINK = "在地图上查看 {place}"
CARD_CLOSE_WITHHELD = "整改完成由{reporter}报告，验收销号须由其他账号办理。"
CARD_GONE = "问题 {code} 不在您的范围内或已不存在。"
CARD_STATUS_THEN = "表中所列为截至 {asof} 的状态（{status}）；此处为当前状态，操作按当前状态办理。"
STATUS_ACTION_PLACEHOLDER = "选择操作"
CARD_CLOSE = "关闭此问题卡片"
CARD_ON_SCREEN = "（已不在当前筛选结果中，仍显示在此）"

BATCH_TITLE = "批量操作：已选 {n} 个问题"
BATCH_ACTION = "批量操作"
BATCH_ACTIONS = {"close": "验收销号", "unit": "批量设置责任单位", "deadline": "批量设置整改时限"}
BATCH_UNIT = "责任单位"
BATCH_UNIT_PLACEHOLDER = "选择或输入责任单位"
BATCH_DEADLINE = "整改时限"
BATCH_NOTE = "说明（记入每个问题的变更记录）"
BATCH_SUBMIT = "对所选问题执行"
BATCH_RULES = "每个问题仍按整改流程逐一检查；不符合的不改，并在下表说明原因。"
BATCH_SUMMARY = "{action}：完成 {done} 个，未执行 {refused} 个。"
BATCH_COLUMNS = {"issue_code": "问题编号", "result": "结果", "reason": "原因"}
BATCH_RESULTS = {True: "已完成", False: "未执行"}
BATCH_NO_POWER = "批量操作"

REFUSE_NO_EDIT_POWER = "您的角色（{role}）无权修改问题"
REFUSE_FIELD_UNKNOWN = "不能批量设置“{field}”"
REFUSE_FIELD_CLOSED = "已销号的问题不能修改{field}（须先“回头看”重新打开）"
REFUSE_FIELD_EMPTY = "须填写{field}"
REFUSE_FIELD_SAME = "{field}已是“{value}”"
REFUSE_DEADLINE_BEFORE_FOUND = "整改时限 {deadline} 早于发现日期 {found}"

REGION_PICK = "选择{level}："
