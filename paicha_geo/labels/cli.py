"""The `paicha-geo` command line.
"""

from __future__ import annotations

CLI_DRY_RUN = "试运行（--dry-run），未写入"
CLI_MORE_PROBLEMS = "……（共 {count} 处）"
CLI_BUILDING_DEMO = "正在生成演示数据库（{scale}，seed={seed}）：{path}"
CLI_HELP = {
    "program": "排查地图 命令行工具",
    "demo": "（重新）生成演示数据库",
    "db": "数据库文件路径或 postgresql://… 连接串（默认 $PAICHA_DB 或 data/paicha.duckdb）",
    "force": "替换非演示数据或已改动的演示库（先把原文件另存一份）",
    "first_start": "仅在首次启动的默认位置且无数据库时生成（scripts/run.sh 使用）",
    "info": "显示数据库概况",
    "json": "输出一个 JSON 对象",
    "import": "导入问题清单、农户、村情况或行政区划边界",
    "file": ".xlsx / .csv（边界：.geojson / .zip / .gpkg）",
    "dry_run": "只校验，不写入",
    "only_valid": "只导入没有问题的行",
    "accept_suggested_items": "接受按问题描述推荐的排查条目（先用 --dry-run 核对）",
    "rejected_out": "把未导入的行及原因保存为 .xlsx",
    "actor": "记入整改记录的操作人（默认“导入”）",
    "found_date": "表中没有发现日期时统一使用的日期（YYYY-MM-DD）",
    "item": "表中没有排查项目时统一使用的清单编号（如 3.3.4）",
    "crs": "边界坐标系，如 EPSG:4549，或 gcj02（高德/腾讯坐标）",
    "level": "边界按名称匹配时的层级",
    "backup": "备份整个数据库到一个新目录",
    "restore": "从备份目录恢复数据库（原文件另存；PostgreSQL 须为空库）",
    "migrate": "在 DuckDB 文件与 PostgreSQL 之间整体迁移数据（目标须为空库，逐表核对行数与校验和）",
    "migrate_from": "源：DuckDB 文件路径或 postgresql://… 连接串",
    "migrate_to": "目标：新的 DuckDB 文件路径或空的 postgresql://… 数据库",
}
CLI_FILE_MISSING = "文件不存在：{path}"
CLI_REJECTED_SAVED = "未导入的行及原因已保存到 {path}"
CLI_DB_MISSING = "数据库文件不存在：{path}（可先运行 paicha-geo demo）"
CLI_ITEMS_UNCONFIRMED = ("有 {rows} 行的排查条目是按问题描述推荐的（见上表），未导入；核对后加 "
                         "--accept-suggested-items 导入，或在表中填写条目编号")
