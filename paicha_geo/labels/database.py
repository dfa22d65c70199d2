"""The database as the user meets it: first start and the demo, a busy or newer file, backups
and restores, and the page's last-resort error message.
"""

from __future__ import annotations

BUILDING_DEMO = "首次启动：正在生成演示数据库（约半分钟）……"
WARMING_UP = "服务刚启动，正在准备全市数据，本页稍后显示……"
BUILT_DEMO = "首次启动：已在 {path} 生成演示数据库。"
DB_MISSING = ("找不到数据库文件 {path}。看板不会在配置的位置自动生成演示数据，"
              "以免覆盖应有的数据库。"
              "请检查 PAICHA_DB 的设置或从备份恢复（paicha-geo restore）；"
              "如只是想试用，运行 paicha-geo demo --db {path}。")
DEMO_REFUSE_REAL = ("{path} 中已有非演示数据（{households} 户、{issues} 个问题、"
                    "{history} 条整改记录），"
                    "未做任何改动。如确实要用演示数据替换，请加 --force（会先把原文件另存一份）。")
DEMO_REFUSE_CHANGED = ("{path} 是演示数据库，但生成后已有改动（现有 {issues} 个问题、"
                       "{history} 条整改记录），未做任何改动。如确实要重新生成，请加 --force"
                       "（会先把原文件另存一份）。")
DEMO_REFUSE_UNKNOWN = ("{path} 已存在，但不是可识别的排查地图数据库，未做任何改动。"
                       "如确实要用演示数据替换，请加 --force（会先把原文件另存一份）。")
DEMO_BACKUP_MADE = "原数据库已另存为 {path}"
DEMO_FIRST_START_SKIPPED = "未生成演示数据库：{path} 不是首次启动的默认位置或已有数据残留。"
EXCEPTION_DB = "无法打开数据库 {path}：{reason}"
DB_STORAGE_NEWER = ("数据库文件 {path} 由较新版本的 DuckDB 写入，"
                    "本程序使用的 DuckDB {version} 无法读取，未做任何改动。"
                    "如有正式数据：用写入它的 paicha-geo 版本运行 paicha-geo backup 目录，"
                    "再用本版本运行 paicha-geo restore 目录（备份为 Parquet，与 DuckDB 版本无关）；"
                    "如只是演示库：paicha-geo demo --db {path} --force 重新生成（原文件另存）。")
DB_NEWER = "数据库 {path} 的结构版本为 {version}，高于本程序支持的 {supported}，请升级 paicha-geo。"
# Backup and restore.
BACKUP_DONE = "已备份到 {path}：{tables} 张表，{rows} 行"
BACKUP_PG_DUMP = ("另有 PostgreSQL 原生备份 {file}（pg_restore 可用；"
                  "paicha-geo restore 读取 Parquet 文件）")
BACKUP_NO_PG_DUMP = ("未生成 PostgreSQL 原生备份（{reason}）；"
                     "Parquet 备份完整，可用 paicha-geo restore 恢复")
BACKUP_DIR_NOT_EMPTY = "备份目录 {path} 已存在且不为空，请指定新的目录"
RESTORE_NO_MANIFEST = "{path} 不是 paicha-geo 备份目录（缺少 manifest.json）"
RESTORE_BAD_FILE = "备份文件 {name} 已损坏（校验和不符）"
RESTORE_MISSING_FILE = "备份缺少文件 {name}"
RESTORE_NEWER = "备份的结构版本 {version} 高于本程序支持的 {supported}，请升级 paicha-geo"
RESTORE_DONE = "已从 {path} 恢复：{rows} 行；原数据库已另存为 {previous}"
RESTORE_DONE_NEW = "已从 {path} 恢复到新数据库 {db}：{rows} 行"
DB_BUSY = ("数据库文件 {path} 正被另一个进程占用（例如正在导入的命令或看板），"
           "已等待 {seconds} 秒仍未释放。请稍后再试；如果一直如此，请检查是否有命令卡住。")
DB_DASHBOARD_RUNNING = ("数据库文件 {path} 正由运行中的看板使用。"
                        "恢复备份或重新生成演示库会替换整个文件，请先停止看板再运行此命令。")
DB_BUSY_PAGE = ("数据库文件正被另一个程序占用（例如正在运行的导入、备份命令，或另一个看板进程），"
                "看板等待后仍无法读写数据，刚才的操作没有保存。请等该程序结束后点击“重试”。"
                "如果一直如此，请联系系统管理员。")
DB_BUSY_RETRY = "重试"
UNEXPECTED_ERROR = ("页面出错了，暂时无法显示。请刷新页面或稍后再试；如果问题反复出现，"
                    "请把错误编号 {ref} 告诉系统管理员（详细信息已记录在服务器日志中）。")
# A PostgreSQL server (PAICHA_DB=postgresql://…).
PG_EXTENSION_MISSING = ("使用 PostgreSQL 数据库需要与 DuckDB {version} 配套的 postgres 扩展，"
                        "请运行 pip install -e . 重新安装 paicha-geo 的依赖。")
PG_POSTGIS_MISSING = ("数据库 {path} 没有 PostGIS 扩展，且当前账号无权创建：{reason}。"
                      "请数据库管理员在该库中执行 CREATE EXTENSION postgis 后重试。")
# Moving a database between a file and a server (paicha-geo migrate).
MIGRATE_SAME = "源数据库与目标数据库相同（{path}），未做任何改动。"
MIGRATE_SOURCE_VERSION = ("源数据库 {path} 的结构版本为 {version}，本程序为 {supported}。"
                          "请先用本版本的 paicha-geo 启动一次看板或运行一次导入（会自动升级结构），"
                          "再迁移。未做任何改动。")
MIGRATE_SOURCE_EMPTY = "源数据库 {path} 中没有排查地图的数据（没有结构版本记录），未做任何改动。"
MIGRATE_TARGET_NOT_EMPTY = ("目标数据库 {path} 已有数据，迁移只写入空库，以免覆盖正在使用的数据。"
                            "请新建一个空库（PostgreSQL：createdb）或指定新的文件。未做任何改动。")
MIGRATE_MISMATCH = ("迁移后核对不一致：表 {table} 源库 {source} 行、目标库 {target} 行"
                    "（或内容校验和不同）。已全部撤销，目标库保持为空。")
MIGRATE_DONE = "已迁移到 {target}：{tables} 张表，{rows} 行，每张表的行数与校验和均与源库一致。"
