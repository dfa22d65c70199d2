"""The sidebar: as-of date, filters, downloads, full screen and the basemap.
"""

from __future__ import annotations

FILTERS = "筛选"
FILTER_GROUP = "排查重点（三落实 / 三精准 / 三保障）"
FILTER_PART = "排查内容"
FILTER_ITEM = "排查条目"
FILTER_SOURCE = "问题来源"
FILTER_STATUS = "整改状态（截至所选日期）"
FILTER_UNIT = "责任单位"
FILTER_SEVERITY = "严重程度"
FILTER_FOUND_FROM = "发现日期起"
FILTER_FOUND_TO = "发现日期止"
FILTER_ACTIVE = "已应用筛选：地图、指标与表格均只统计符合条件的问题。"
DOWNLOAD_CSV = "下载 CSV"
DOWNLOAD_XLSX = "下载 Excel"
FULLSCREEN = "全屏"
BASEMAP = "底图"
BASEMAP_ATTRIBUTIONS = {"tianditu": "天地图", "gaode": "高德地图"}  # credited on the map
BASEMAPS = {"none": "无底图（离线）", "tianditu": "天地图矢量", "custom": "内网瓦片服务",
            "gaode": "高德地图"}
