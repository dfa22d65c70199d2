"""Column names of the departments' own lists (部门数据), one alias table per kind of list.

Recognition vocabulary, like headers.py: every spelling seen in 住建, 教育, 医保, 水利 and 民政
exports. Each list names a person (ID number and/or name), where they live (village, town,
district as the ledger's region columns) and one fact the department vouches for, `fact`.
"""

from __future__ import annotations

# The person the row is about (a pupil, an insured member) and, when the list names them too,
# the head of their household: the ledger knows heads only, so the head is matched first.
_PERSON = {
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证", "证件号",
                  "社会保障号码", "学生身份证号", "参保人身份证号"),
    "name": ("姓名", "参保人姓名", "学生姓名", "人员姓名", "对象姓名", "救助对象姓名",
             "用水户姓名", "农户姓名"),
    "head_id": ("户主身份证号", "户主身份证号码", "户主证件号码"),
    "head_name": ("户主姓名", "户主"),
    "village": ("村", "所在村", "村(社区)", "行政村", "村名", "所属村", "村居", "户籍所在村",
                "居住村", "所在村(社区)"),
}

# kind -> the column holding the department's fact.
_FACTS = {
    "dept_housing": ("鉴定等级", "房屋等级", "危房等级", "房屋鉴定等级", "住房等级",
                     "安全等级", "房屋安全等级", "鉴定结果"),
    "dept_education": ("是否在校", "在校情况", "在校状态", "就学状态", "学籍状态",
                       "是否在读", "就读状态"),
    "dept_medical": ("是否参保", "参保状态", "参保情况", "参保标志", "是否参加城乡居民医保"),
    "dept_water": ("是否安全饮水", "饮水是否安全", "饮水安全", "饮水安全情况",
                   "饮水是否达标", "饮水安全是否达标"),
    "dept_social": ("是否低保/特困", "是否低保特困", "是否低保", "是否特困", "是否纳入低保特困",
                    "救助类型", "保障类型", "低保特困"),
}

DEPT_KINDS = tuple(_FACTS)

# kind -> field -> aliases; headers.ALIASES adds the ledger's region columns to each.
DEPT_ALIASES = {kind: {**_PERSON, "fact": facts} for kind, facts in _FACTS.items()}

# Words of the facts that are not yes/no (the yes/no ones use values.parse_bool's words).
IN_SCHOOL_WORDS = {True: ("在校", "在读", "正常", "在籍", "就读"),
                   False: ("辍学", "失学", "不在校", "未入学", "休学", "离校", "辍学失学")}
SOCIAL_WORDS = {True: ("低保", "特困", "低保户", "特困供养", "特困人员", "低保对象",
                       "城乡低保", "农村低保", "纳入"),
                False: ("未纳入", "非低保", "无", "不是")}
