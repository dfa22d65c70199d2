"""挂牌督办: marking and unmarking issues, the list of marked issues, the 督办通知单.
"""

from __future__ import annotations

# refusals and history notes (codes of domain.errors Messages)
SUPERVISION_NO_POWER = "您的角色（{role}）无权挂牌督办或撤销督办。"
SUPERVISION_REASON_REQUIRED = "问题 {code}：请填写挂牌督办的理由。"
SUPERVISION_UNMARK_REASON_REQUIRED = "问题 {code}：请填写撤销督办的理由。"
SUPERVISION_DEADLINE_REQUIRED = "问题 {code}：请填写督办时限。"
SUPERVISION_DEADLINE_EARLY = ("问题 {code}：督办时限 {deadline:%Y-%m-%d} "
                              "早于问题的发现日期 {found:%Y-%m-%d}。")
SUPERVISION_TOO_LONG = "问题 {code}：{field}最多 {limit} 字，现为 {length} 字。"
SUPERVISION_CLOSED = "问题 {code} 已销号，无需挂牌督办。"
SUPERVISION_ALREADY = "问题 {code} 已挂牌督办；如需更改督办时限，请先撤销督办再重新挂牌。"
SUPERVISION_NOT_MARKED = "问题 {code} 未挂牌督办，无需撤销。"
SUPERVISION_FIELDS = {"reason": "理由", "contact": "联系人及电话"}
HISTORY_SUPERVISION_MARK = "挂牌督办：{reason}，督办时限 {deadline:%Y-%m-%d}"
HISTORY_SUPERVISION_CONTACT = "，联系人 {contact}"
HISTORY_SUPERVISION_UNMARK = "撤销督办：{reason}"

# the progress page
SUPERVISION_PICK_HINT = "在上表中勾选问题（可多选），填写理由和督办时限后挂牌督办。"
SUPERVISION_PICKED = "已选 {count} 个问题"
SUPERVISION_FORM_REASON = "督办理由"
SUPERVISION_FORM_DEADLINE = "督办时限"
SUPERVISION_FORM_CONTACT = "联系人及电话（选填）"
SUPERVISION_MARK = "挂牌督办"
SUPERVISION_POWER = "挂牌督办"
SUPERVISION_NONE_PICKED = "请先在表中勾选要挂牌督办的问题。"
SUPERVISION_DONE = "已挂牌督办 {count} 个问题。"
SUPERVISION_UNDONE = "已撤销督办 {count} 个问题。"
SUPERVISION_REFUSED = "{count} 个问题未处理："
SUPERVISION_MARKED_HEADING = "已挂牌督办的问题"
SUPERVISION_MARKED_NONE = "本区域目前没有挂牌督办的问题。"
SUPERVISION_MARKED_COUNT = "共 {count} 个问题挂牌督办中"
SUPERVISION_UNMARK_REASON = "撤销理由"
SUPERVISION_UNMARK = "撤销督办"
SUPERVISION_UNMARK_HINT = "勾选问题后填写撤销理由，可撤销督办。"
SUPERVISION_NO_RECORD = "（导入或早期标记，无督办记录）"
SUPERVISION_FLAG = "已挂牌"
SUPERVISION_FLAG_COLUMN = "挂牌督办"
SUPERVISION_COLUMNS = {"issue_code": "问题编号", "place": "地区", "item": "排查条目",
                       "responsible_unit": "责任单位", "deadline": "整改时限",
                       "status_asof": "状态", "overdue_days": "超期天数",
                       "sv_deadline": "督办时限", "sv_overdue_days": "超督办时限天数",
                       "reason": "督办理由", "marked_by": "督办人", "marked_at": "挂牌日期"}

# the 督办通知单
NOTICE_TITLE = "脱贫攻坚问题整改督办通知单"
NOTICE_TO = "{unit}："
NOTICE_BODY = ("经查，你单位承担整改任务的下列 {count} 个问题已列入挂牌督办。"
               "请对照问题逐项落实整改，于督办时限前完成整改销号，"
               "并将整改情况及佐证材料报送{issuer}。")
NOTICE_COLUMNS = ("序号", "问题编号", "地区", "排查条目", "问题描述", "原整改时限", "督办时限",
                  "督办理由")
NOTICE_CONTACT = "联系人及电话：{contact}"
NOTICE_CONTACT_BLANK = "＿＿＿＿＿＿＿＿＿＿＿＿"
NOTICE_ISSUER = "{region}扶贫工作领导小组办公室"
NOTICE_DATE = "{date.year}年{date.month}月{date.day}日"
NOTICE_DOWNLOAD = "下载督办通知单（Word）"
NOTICE_HINT = ("按责任单位分页，每个单位一份通知单；勾选上表中的问题则只打印所选问题，"
               "不勾选则打印全部挂牌督办问题。日期为数据截至日期。")
NOTICE_FILE = "督办通知单_{region}_{asof:%Y%m%d}.docx"
