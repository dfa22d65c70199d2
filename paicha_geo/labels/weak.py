"""The map page's village points, the list 经济薄弱村问题清零情况 and the N worst places."""

from __future__ import annotations

VILLAGE_STATUS = {"overdue": "逾期", "open": "有未销号", "cleared": "已清零"}
VILLAGE_STATUS_LONG = {
    "overdue": "逾期：有超过整改时限仍未整改的问题",
    "open": "有未销号：问题均在时限内或待验收",
    "cleared": "已清零：问题全部销号（或未发现问题）",
}
POINT_FIELDS = {
    "name": "村",
    "path": "所属",
    "kind": "类型",
    "status": "状态",
    "issues_open": "未销号问题",
    "issues_overdue": "超期未整改",
    "issues_closed": "已销号",
    "households_failing_any": "三保障未达标农户",
}
POINTS_LEGEND_TITLE = "村点位"
POINT_NOT_WEAK_OVERDUE = "非薄弱村有逾期问题（空心圈，村级地图上照常着色）"
POINT_RINGS = "边框：紫 省定、蓝 市定；点越大未销号问题越多"
POINTS_MERGED = "{n} 个村"
POINTS_MERGED_KIND = "含"
POINTS_MERGED_LEGEND = "粗边框：相邻的村合为一点（放大或下钻后分开）"
WEAK_LIST_TITLE = "经济薄弱村问题清零情况"
WEAK_LIST_CAPTION = ("{region}共有经济薄弱村 {count} 个：逾期 {overdue} 个，有未销号 {open} 个，"
                     "已清零 {cleared} 个（截至 {asof}）")
WEAK_LIST_EMPTY = "此范围内没有经济薄弱村。"
WEAK_LIST_COLUMNS = {
    "path": "市(区) · 乡镇",
    "name": "村",
    "kind": "类型",
    "status": "状态",
    "issues_open": "未销号问题",
    "issues_overdue": "超期未整改",
    "issues_closed": "已销号",
    "households_failing_any": "三保障未达标农户",
    "code": "区划代码",
}
WEAK_LIST_FILE = "经济薄弱村问题清零情况"
TOP_TITLE = "最需关注（最差在前）"
TOP_LEVEL_PICK = "排名对象"
TOP_N_PICK = "显示前 N 名"
TOP_BY_PICK = "按指标（最差在前）"
TOP_TIED = "另有 {count} 个{level}与第 {rank} 名数值相同，未列出。"
TOP_NONE = "此范围内没有{level}在「{metric}」上有问题。"
TOP_COLUMNS = {"rank": "排名", "path": "所属", "name": "名称", "value": "数值"}
TOP_MAP_HINT = "{region}最差的 {n} 个{level}，按「{metric}」排名；地图上以红色粗框和编号标出。"
