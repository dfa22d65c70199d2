"""The 审计日志 and 账号管理 pages: the words (issue 13, parts 5 and 6)."""

# What each audit-log action means; an action not listed here is shown as stored.
AUDIT_ACTIONS = {
    "sign_in": "登录",
    "sign_in_failed": "登录失败",
    "lockout": "连续失败被锁定",
    "sign_in_locked": "锁定期间尝试登录",
    "sign_in_disabled": "停用账号尝试登录",
    "sign_out": "退出登录",
    "session_end": "登录失效（超时或停用）",
    "password_change": "修改密码",
    "account_add": "新建账号",
    "account_disable": "停用账号",
    "account_enable": "启用账号",
    "account_reset_password": "重置密码",
    "account_role": "变更角色或区划",
    "account_villages": "指派督查村",
    "reveal_personal": "查看个人信息",
    "export_personal": "导出个人信息",
    "export": "导出",
    "status_change_refused": "状态变更被拒绝",
    "out_of_scope": "越权访问被拒绝",
    "reveal_refused": "查看个人信息被拒绝",
    "visit_refused": "记录走访被拒绝",
    "crosscheck_refused": "数据比对立案被拒绝",
    "backup": "备份数据库",
    "boundaries": "更新行政区划边界",
    "import": "导入数据",
    "dept_import": "导入部门名单（数据比对）",
    "dept_lead_accept": "比对线索转为问题",
    "dept_lead_reject": "驳回比对线索",
    "dept_refused": "部门数据比对被拒绝",
}
AUDIT_REASONS = {"region": "按区划代码查看", "issue": "按问题编号查看或修改", "visit": "记录走访",
                 "crosscheck": "数据比对立案",
                 "reveal": "查看个人信息", "no power": "角色无此权限", "sso": "统一身份认证",
                 "idle": "空闲超时", "expired": "超过有效期", "disabled": "账号已停用",
                 "sign_out": "退出登录", "password_changed": "已修改密码",
                 "password_reset": "密码已重置", "test": "测试",
                 "dept lead": "部门数据比对线索"}
AUDIT_REASON_IMPORT = "导入时 {rows} 行超出管辖范围，已拒绝"
AUDIT_COLUMNS = {"occurred_at": "时间", "account": "账号", "role": "角色", "action": "操作",
                 "target": "对象", "reason": "说明", "client": "来源地址"}
AUDIT_ACCOUNT = "{name}（{account}）"
AUDIT_HINT = ("审计日志只追加、不修改、不删除。有审计权限的账号可查看全部账号的记录；"
              "每次导出本身也记入日志。")
AUDIT_FILTER_ACCOUNT = "账号"
AUDIT_ALL_ACCOUNTS = "全部账号"
AUDIT_FILTER_ACTIONS = "操作类型（不选为全部）"
AUDIT_FILTER_DATES = "日期范围"
AUDIT_FILTER_TEXT = "对象或说明包含"
AUDIT_COUNT = "共 {n} 条记录：{parts}"
AUDIT_COUNT_BY_ACTION = "{action} {n}"
AUDIT_EMPTY = "没有符合条件的记录。"
AUDIT_DOWNLOAD = "下载 Excel"
AUDIT_FILE = "审计日志_{day}.xlsx"
AUDIT_SHEET = "审计日志"
AUDIT_SHEET_TITLE = "审计日志（{when} 由 {name} 导出，{n} 条）"
AUDIT_EXPORT_REASON = "{n} 条{filters}"
AUDIT_EXPORT_PARTS = {"accounts": "；账号 {value}", "actions": "；操作 {value}",
                      "start": "；自 {value}", "end": "；至 {value}", "text": "；含“{value}”"}
AUDIT_NOT_ALLOWED = "您的角色无权查看审计日志。"

ACCOUNT_TABLE_COLUMNS = {"account_id": "账号", "display_name": "姓名", "role": "角色",
                         "region": "所辖区划", "state": "状态", "must_change_password": "须改密码",
                         "villages": "指派村数", "created_at": "创建时间"}
ACCOUNT_STATE = {"enabled": "正常", "disabled": "已停用", "locked": "锁定至 {until:%m-%d %H:%M}"}
ACCOUNT_ADD_TITLE = "新建账号"
ACCOUNT_ADD_ROLE = "角色"
ACCOUNT_ADD_NAME = "账号名"
ACCOUNT_ADD_NAME_HELP = "2–40 个英文字母、数字、点、横线或下划线，登录时使用"
ACCOUNT_ADD_DISPLAY = "姓名或单位"
ACCOUNT_ADD_REGION = "所辖区划"
ACCOUNT_ADD_SUBMIT = "创建账号"
ACCOUNT_ADDED = "已创建账号 {name}。"
ONE_TIME_PASSWORD_NOTE = ("一次性密码只显示这一次，离开或刷新本页后无法再查看。"
                          "请当面或电话告知本人；首次登录后须改为只有本人知道的新密码。")
ACCOUNT_MANAGE_TITLE = "管理已有账号"
ACCOUNT_MANAGE_PICK = "选择账号"
ACCOUNT_DISABLE = "停用"
ACCOUNT_ENABLE = "启用"
ACCOUNT_RESET = "重置密码"
ACCOUNT_SELF_HINT = "不能停用自己的账号或变更自己的角色。"
ACCOUNT_DISABLED_DONE = "已停用账号 {name}，其登录已全部结束。"
ACCOUNT_ENABLED_DONE = "已启用账号 {name}。"
ACCOUNT_RESET_DONE = "已重置账号 {name} 的密码，其登录已全部结束。"
ACCOUNT_ROLE_TITLE = "变更角色或区划"
ACCOUNT_ROLE_SUBMIT = "保存角色"
ACCOUNT_ROLE_DONE = "已变更账号 {name} 的角色或区划。"
ACCOUNT_VILLAGES = "指派督查村（不选为不限）"
ACCOUNT_VILLAGES_SUBMIT = "保存指派"
ACCOUNT_VILLAGES_DONE = "已为账号 {name} 指派 {n} 个村。"
ACCOUNT_SELF_DISABLE = "不能停用自己的账号"
ACCOUNT_SELF_ROLE = "不能变更自己的角色或区划"
ACCOUNT_UNKNOWN_VILLAGE = "“{code}”不是已知的村（社区）代码，未保存指派"
ACCOUNT_NO_VILLAGES_FOR_ROLE = "账号“{name}”的角色（{role}）不做入户走访，无须指派村"
ACCOUNT_NOT_ADMIN = "您的角色无权管理账号"
AUDIT_POWER_WHAT = "查看审计日志"
ACCOUNTS_POWER_WHAT = "管理账号"
