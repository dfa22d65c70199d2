"""The rectification workflow: actions, refusals, conflicts and the notes a change adds.
"""

from __future__ import annotations

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
REFUSE_NO_POWER = "您的角色（{role}）无权更改问题状态"
CONFLICT = ("问题 {code} 刚被他人修改（现为“{status}”，第 {version} 版，您看到的是第 {seen} 版），"
            "您的修改未保存；请查看最新状态后再操作")
HISTORY_NOTES = "{parts}"  # the user's note and the store's own, joined with ；
HISTORY_REOPEN_TRACE = "（原销号日期 {closed}，验收人 {verifier}）"
HISTORY_MEASURES_CHANGED = "整改措施：{old}→{new}"
