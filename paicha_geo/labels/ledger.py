"""The 整改台账 page (import, status, export, backup tabs) and the exported ledger.
"""

from __future__ import annotations

LEDGER_TITLE = "整改台账"
LEDGER_TABS = ("问题台账", "导入数据", "部门数据比对", "导出台账", "备份")
UPLOAD_KIND = "导入内容"
UPLOAD_KINDS = {"issues": "问题清单", "households": "低收入农户", "villages": "村基本情况",
                "boundaries": "行政区划边界"}
UPLOAD_FILE = "选择文件（.xlsx 或 .csv，UTF-8 或 GBK；边界：GeoJSON、Shapefile(zip)、GeoPackage）"
UPLOAD_DEFAULT_FOUND = "表中无发现日期时，使用日期"
UPLOAD_DEFAULT_ITEM = "表中无排查项目时，归入条目"
UPLOAD_CRS = "坐标系"
UPLOAD_CRS_CHOICES = {"": "自动识别", "gcj02": "GCJ-02（高德/腾讯坐标）",
                      "EPSG:4490": "CGCS2000 经纬度 (EPSG:4490)",
                      "EPSG:4549": "CGCS2000 3度带 120°E (EPSG:4549)",
                      "EPSG:4528": "CGCS2000 3度带 40带 (EPSG:4528)"}
PREVIEW = "预览与检查"
PREVIEW_PROGRESS = "正在读取与检查……"
PROBLEMS = "发现的问题（文件、行、列、原因）"
ROW_ACTIONS = "逐行导入结果预览"
ONLY_VALID = "只导入有效的行（问题行不导入，可下载问题行表格）"
CONFIRM_IMPORT = "确认导入"
DOWNLOAD_REJECTED = "下载问题行（含错误原因列）"
BOUNDARY_SUMMARY = "共 {features} 个要素，匹配到区划 {matched} 个；坐标系：{crs}"
STATUS_CURRENT = "当前状态：{status}（第 {version} 版）· 整改时限 {deadline} · 责任单位 {unit}"
STATUS_ACTOR_IS = "操作人：{name}（{account}），以登录账号记入整改记录"
STATUS_CHANGE = "更改问题状态"
STATUS_ACTION = "操作"
STATUS_MEASURES = "整改措施"
STATUS_NOTE = "说明"
STATUS_SUBMIT = "提交"
STATUS_DONE = "已更新：{code} 现为“{status}”（第 {version} 版）"
STATUS_NO_ACTIONS = "已销号问题只能通过“回头看”重新打开。"
STATUS_HISTORY = "变更记录（只增不改）"
EXPORT_HINT = "导出当前区域（{region}）截至 {asof} 的整改台账：选全市时每个市(区)一个工作表。"
EXPORT_XLSX = "下载整改台账（Excel）"
EXPORT_CSV = "下载整改台账（CSV）"
BACKUP_HINT = "备份数据库的全部表（运行中一致快照），保存到服务器 data/backups/ 下。"
BACKUP_NOW = "立即备份"
BACKUP_LIST = "已有备份"
RESTORE_HINT = "恢复须在看板停止后用命令行执行：paicha-geo restore 备份目录"
LEDGER_TITLE_FULL = "{region}脱贫攻坚问题整改台账（数据截至 {asof}）"
LEDGER_CITY_SHEET = "市级"
LEDGER_SHEET_TITLE = "{title}　{sheet}"
LEDGER_COLUMNS = ["issue_code", "district", "town", "village", "item", "description",
                  "source", "severity", "responsible_unit", "found_date", "deadline", "status",
                  "overdue_days", "measures", "rectified_date", "closed_date", "verifier",
                  "escalated"]
LEDGER_YES_NO = {True: "是", False: "否"}
IMPORT_ACTIONS = {"insert": "新增", "update": "更新", "unchanged": "无变化",
                  "stale": "系统中更新，保留", "rejected": "有问题，未导入"}
IMPORT_ACTION_COLUMNS = {"sheet": "工作表", "row": "行号", "key": "编号", "action": "导入结果",
                         "region": "地区", "item": "排查项目", "description": "问题描述",
                         "changes": "变更（原值→新值）"}
IMPORT_CHANGES_SEPARATOR = "；"
IMPORT_OUTSIDE_PAGE = ("注意：本页地区为{page}，文件中有 {count} 个地区不在其中：{regions}{more}。"
                       "请确认是否在正确的地区页面导入。")
HOUSE_RENOVATIONS = {"none": "未改造", "in_progress": "改造中", "completed": "已改造"}
BOUNDARIES_UPDATED = "已更新 {count} 个区划边界"
REJECTED_FILE = "问题行_{name}.xlsx"
LEDGER_FILE = "整改台账_{region}_{asof:%Y%m%d}"
IMPORT_POWER = "导入数据"
BACKUP_POWER = "备份数据库"
