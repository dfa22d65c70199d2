"""Accounts, roles and sign-in: the words (issue 13)."""

ROLES = {"admin": "市级管理员", "leader": "市领导", "official": "市(区)/乡镇干部",
         "inspector": "督查组", "auditor": "审计/只读"}
ACCOUNT_UNKNOWN_ROLE = "没有角色“{role}”（可用：{roles}）"
ACCOUNT_BAD_NAME = "账号名“{name}”不可用：请用 2–40 个英文字母、数字、点、横线或下划线"
ACCOUNT_NEEDS_REGION = "角色“{role}”的账号须指定所辖区划代码（--region）"
ACCOUNT_UNKNOWN_REGION = "找不到区划代码 {region}"
ACCOUNT_EXISTS = "账号“{name}”已存在"
ACCOUNT_NOT_FOUND = "没有账号“{name}”"
PASSWORD_TOO_SHORT = "密码至少 {minimum} 个字符"
PASSWORD_TOO_SIMPLE = "密码须包含小写字母、大写字母、数字、其他字符中的至少 {classes} 类"
SIGN_IN_REFUSED = "账号或密码不正确"
SIGN_IN_LOCKED = "连续登录失败次数过多，账号已锁定至 {until:%H:%M}，请稍后再试或联系管理员"
SIGN_IN_DISABLED = "账号已停用，请联系管理员"
USER_ADDED = "已创建账号 {name}（{role}{region}）。一次性密码（首次登录后须修改）：{password}"
USER_PASSWORD_RESET = "已重置账号 {name} 的密码。一次性密码（首次登录后须修改）：{password}"
USER_DISABLED = "已停用账号 {name}"
USER_REGION_PART = "，{region}"
ACCOUNT_LIST_COLUMNS = {"account_id": "账号", "display_name": "姓名", "role": "角色",
                        "region_code": "所辖区划", "disabled": "已停用",
                        "must_change_password": "须改密码", "failed_attempts": "失败次数",
                        "locked_until": "锁定至"}
CLI_USER_HELP = "管理账号（新建、列出、停用、重置密码）"
CLI_USER_ADD_HELP = "新建账号，打印一次性密码"
CLI_USER_LIST_HELP = "列出账号"
CLI_USER_DISABLE_HELP = "停用账号"
CLI_USER_RESET_HELP = "重置密码，打印一次性密码"
CLI_USER_ROLE_HELP = ("角色：admin 市级管理员、leader 市领导、official 市(区)/乡镇干部、"
                      "inspector 督查组、auditor 审计/只读")
CLI_USER_REGION_HELP = "所辖区划代码（6、9 或 12 位；official 必填）"
CLI_USER_DISPLAY_HELP = "显示姓名（默认同账号名）"
PASSWORD_OLD_WRONG = "原密码不正确"
PASSWORD_SAME = "新密码不能与原密码相同"
SIGN_IN_TITLE = "排查地图 · 登录"
SIGN_IN_HEADING = "排查地图"
SIGN_IN_SUB = "脱贫攻坚问题排查整改 · 请用本单位分配的账号登录"
SIGN_IN_ACCOUNT = "账号"
SIGN_IN_PASSWORD = "密码"
SIGN_IN_SUBMIT = "登录"
SIGN_IN_BYE = "已退出登录。"
SIGN_IN_ENDED = {
    "idle": "长时间未操作，已自动退出，请重新登录。",
    "expired": "登录已超过有效期，请重新登录。",
    "ended": "登录已结束，请重新登录。",
    "disabled": "账号已停用，请联系管理员。",
    "bad": "登录信息无效，请重新登录。",
    "none": "请先登录。",
}
SIGN_IN_DB_MISSING = "找不到数据库，请联系管理员（详见服务器日志）。"
SIGN_IN_FORBIDDEN = "请求来源不符，已拒绝。"
SIGN_IN_NEEDED = "请先登录"
DEMO_ACCOUNTS = "演示账号"
DEMO_ACCOUNTS_HINT = ("这是演示数据库。以下账号的密码均为 {password}，"
                      "可分别体验各角色能看到和能做的事。")
DEMO_ACCOUNT_COLUMNS = ("账号", "姓名", "角色", "所辖区划")
SIGNED_IN_AS = "{name}（{role}{region}）"
SIGN_OUT = "退出登录"
SESSION_GONE = "登录已失效：{reason} [重新登录](/login)"
CHANGE_PASSWORD_TITLE = "请先修改密码"
CHANGE_PASSWORD_HINT = "这是管理员设置的一次性密码，继续使用前须改为只有您知道的新密码。"
CHANGE_PASSWORD_OLD = "原密码"
CHANGE_PASSWORD_NEW = "新密码"
CHANGE_PASSWORD_AGAIN = "再次输入新密码"
CHANGE_PASSWORD_SUBMIT = "修改密码"
CHANGE_PASSWORD_MISMATCH = "两次输入的新密码不一致"
CHANGE_PASSWORD_DONE = "密码已修改。"
NO_POWER = "您的角色（{role}）无权{what}。"
SIGN_IN_NO_ACCOUNTS = ("这是新安装的系统，还没有任何账号。请管理员在服务器上运行 "
                       "paicha-geo user add 账号名 --role admin 创建第一个管理员账号，"
                       "命令会打印一次性密码，首次登录后须修改。")
