"""Spreadsheet imports: field names, where a problem is, every file and cell problem, notices,
history notes written by imports and their results.
"""

from __future__ import annotations

from paicha_geo.labels.dept import DEPT_LIST_KINDS

IMPORT_KINDS = {"issues": "问题清单", "households": "低收入农户", "villages": "村基本情况",
                "boundaries": "行政区划边界", **DEPT_LIST_KINDS}
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
    "name": "姓名", "fact": "比对事项（如鉴定等级、是否参保）", "head_id": "户主身份证号",
    "verified_on": "核实日期",
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
ERR_ITEM_NOT_PLACED = ("无法从问题描述判断排查条目（排查项目“{value}”）：最接近的是 {candidates}，"
                       "相似度都太低；请填写条目编号（如 3.3.4）或条目名称")
ERR_BAD_NUMBER = "“{value}”不是数字"
ERR_BAD_INTEGER = "“{value}”不是整数"
ERR_NEGATIVE = "不能为负数"
ERR_MEMBERS = "家庭人口须为正整数"
ERR_BAD_BOOL = "“{value}”应填“是”或“否”"
ERR_BAD_GRADE = "住房等级“{value}”应为 A、B、C、D 级之一"
ERR_BAD_EXIT = "“{value}”应填“已脱贫”或“未脱贫”"
ERR_BAD_WEAK = "“{value}”应填“省定”“市定”或“否”"
ERR_BAD_RENOVATION = "“{value}”应填“未改造”“改造中”或“已改造”"
WARN_SHARE_AMBIGUOUS = ("比例“{value}”按 100% 理解；如指 1%，请写“1%”，或在表头注明“(%)”")
ERR_VERIFIED_FUTURE = "核实日期 {date} 晚于今天（{today}）"
ERR_VERIFIED_BEFORE_LATEST = ("核实日期 {date} 早于系统中已有的核实日期 {latest}："
                              "补录更早的数值请联系管理员")
ERR_DROPOUTS_EXCEED_CHILDREN = "失学辍学人数 {dropouts} 多于适龄儿童人数 {children}"
ERR_PHYSICAL_EXCEED_DROPOUTS = "因身体原因失学人数 {physical} 多于失学辍学人数 {dropouts}"
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
ERR_OUTSIDE_SCOPE = "{region}（{code}）不在您的管辖范围（{scope}）内，本行不能导入"
ERR_ISSUE_OUTSIDE_SCOPE = ("问题编号 {value} 已是{region}（{code}）的问题，不在您的管辖范围"
                           "（{scope}）内，不能修改")
ERR_HOUSEHOLD_OUTSIDE_SCOPE = ("户编号 {value} 的农户在{region}（{code}），"
                               "不在您的管辖范围（{scope}）内，不能修改")
ERR_PERSON_OUTSIDE_SCOPE = ("该身份证号的农户登记在{region}（{code}），"
                            "不在您的管辖范围（{scope}）内，不能修改")
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
NOTE_ITEMS_SUGGESTED = ("{rows} 行的“排查项目”只写了类别（或未写），排查条目是按问题描述推荐的："
                        "请在下方“推荐的排查条目”表中逐行核对，可改选，确认后才能导入")
NOTE_DEFAULT_DEADLINE = "{rows} 行未填整改时限，按活动整改时限 {deadline} 计"
NOTE_DEFAULT_FOUND = "未提供发现日期，统一按 {date} 计"
NOTE_DEFAULT_VERIFIED = ("{rows} 行未填核实日期，按导入当日 {date} 计；"
                         "原有数值连同其核实日期保留在历史中")
NOTE_VERIFIED_KEPT = "{rows} 行的数值有变化，新数值按核实日期记为新版本，原有数值连同其核实日期保留"
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
IMPORT_OUTSIDE_SCOPE = "有 {count} 行超出您的管辖范围，本次未写入任何数据；请重新预览"
IMPORT_NOTHING_VALID = "没有可导入的行"
IMPORT_ITEMS_UNCONFIRMED = ("有 {rows} 行的排查条目是按问题描述推荐的，"
                            "请先核对并勾选“已核对推荐的排查条目”")
# The rows whose item was suggested from their description (the preview's table)
SUGGESTION_COLUMNS = {"key": "行标识", "sheet": "工作表", "row": "行号", "written": "表中排查项目",
                      "description": "问题描述", "item": "推荐的排查条目", "score": "相似度",
                      "others": "其他候选"}
SUGGESTIONS_TITLE = "推荐的排查条目（按问题描述与清单原文的字面相似度；可逐行改选）"
SUGGESTIONS_HELP = ("相似度为问题描述与清单条目原文的字符 1–3 元组 TF-IDF 余弦相似度（0–1），"
                    "越高越像；只在表中写明的类别（如“住房安全”）内推荐，未写类别时在全部条目中推荐。")
SUGGESTIONS_CONFIRM = "已核对推荐的排查条目"
IMPORT_VALUE_REFUSED = ("数值超出范围：{column}有数值超出数据库可存储的范围，本次未写入任何数据；"
                        "请检查文件中的数字后再导入")
IMPORT_VALUE_COLUMN = "“{column}”列"
ERR_CLOSED_BEFORE_FOUND = "销号日期 {closed} 早于发现日期 {found}"
ERR_NUMBER_ROUNDED = ("“{value}”是被 Excel 存成数字的长编号，末几位已丢失；"
                      "请把该列设为文本后重新填写")


def _with_unit(number, field: str) -> str:
    """A number with its field's unit, when it has one (RANGE_UNITS): 1,000 元, 3 人."""
    unit = RANGE_UNITS.get(field)
    return f"{number} {unit}" if unit else str(number)


WITH_UNIT = _with_unit  # a wording may be a function of the fields instead of a template
