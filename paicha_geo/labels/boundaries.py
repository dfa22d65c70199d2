"""Boundary-file imports: unreadable files, coordinate systems, matching and outline checks.
"""

from __future__ import annotations

GEO_UNREADABLE = "无法读取边界文件 {file}：不是有效的 {format} 文件{hint}"
GEO_FORMAT_NAMES = {"geojson": "GeoJSON", "gpkg": "GeoPackage", "shp": "Shapefile",
                    "zip": "zip 压缩包"}
GEO_FORMAT_HINTS = {
    "geojson": "（内容须是完整的 GeoJSON 文本；文件可能未下载完整，或并非 GeoJSON）",
    "gpkg": "（文件可能已损坏或未下载完整）",
    "shp": "（压缩包中的 .shp、.shx、.dbf 可能已损坏或不是同一套）",
    "zip": "（可能未下载完整）",
}
GEO_ZIP_TOO_LARGE = "无法读取边界文件 {file}：压缩包解压后为 {size}，超过上限 {limit}"
GEO_UNSUPPORTED = "不支持的边界文件类型“{ext}”（支持 GeoJSON、压缩的 Shapefile(.zip)、GeoPackage）"
GEO_ZIP_NO_SHP = "压缩包中没有 .shp、.gpkg 或 .geojson 文件"
GEO_ZIP_SHP_PARTS = "Shapefile 缺少配套文件 {parts}"
GEO_NO_CRS = ("文件没有可用的坐标系（如 Shapefile 缺少 .prj），坐标是投影坐标"
              "（如 x={x:.0f}, y={y:.0f}），无法确定位置。{hint}")
GEO_NO_CRS_HINT_ZONE = ("坐标带有带号 {zone}，很可能是 CGCS2000 3度带第{zone}带，"
                        "可指定坐标系 EPSG:{epsg}")
GEO_NO_CRS_HINT_CM = ("很可能是 CGCS2000 3度带高斯投影（不带带号），中央经线按本市约为 {cm}°E，"
                      "可指定坐标系 EPSG:{epsg}")
GEO_NO_CRS_HINT = "请在导入时指定坐标系（如 EPSG:4549）"
GEO_BAD_CRS = "无法识别指定的坐标系“{value}”"
GEO_ASSUMED_WGS84 = "文件未声明坐标系，坐标为经纬度，按 WGS84/CGCS2000 读取（两者相差不足1米）"
GEO_CRS_DETECTED = "坐标系：{name}{epsg}，已转换为 WGS84"
GEO_CRS_EPSG = "（EPSG:{epsg}）"
GEO_CRS_GCJ02 = "按用户指定，坐标为 GCJ-02（高德/腾讯坐标），已纠偏转换为 WGS84"
GEO_ZONE_PREFIX_FIXED = "坐标系声明为 {declared}，但坐标{has}带号前缀；已按 {used} 读取"
GEO_ZONE_PREFIX_HAS = "带有"
GEO_ZONE_PREFIX_LACKS = "没有"
GEO_OUT_OF_CHINA = "转换后的坐标不在中国范围内（{bounds}），坐标系声明可能有误"
GEO_EMPTY = "第{row}个要素没有几何图形"
GEO_NOT_POLYGON = "第{row}个要素不是面（是 {kind}）"
GEO_UNREPAIRABLE = "{who}的几何无效且无法修复"
GEO_REPAIRED = "修复了 {count} 个无效的几何图形（自相交等）：{names}，请核对修复后的边界"
GEO_FEATURE = "第{row}个要素（{name} {code}）"
GEO_STORED = "库中已有的{name}（{code}）"
GEO_FAR = ("{who}超出全市范围约 {km:.0f} 公里（位于东经 {lon:.2f}°、北纬 {lat:.2f}° 附近，"
           "容许 {limit:g} 公里），区划代码或坐标系可能有误")
GEO_SAME_OUTLINE = "{who}与{other}的边界相同（两个地区共用一个图形），区划代码可能对应错了"
GEO_OVERLAP = "{who}与{other}重叠，重叠部分占较小者面积的 {share:.1%}（容许 {limit:.0%}）"
GEO_OUTSIDE_PARENT = ("{who}有 {share:.1%} 的面积在上级{parent}（{code}）的范围之外"
                      "（容许 {limit:.0%}）")
GEO_NO_KEY = "要素没有区划代码或名称字段（可用：{aliases}）"
GEO_NO_MATCH = "第{row}个要素（{key}）找不到对应的地区"
GEO_NO_MATCH_BECAUSE = GEO_NO_MATCH + "：{reason}"
GEO_DUPLICATE = "第{row}个要素与第{other}个要素对应同一地区 {code}"
GEO_SUMMARY = "共 {features} 个要素，可更新 {matched} 个地区的边界，有问题 {problems} 处"
GEO_DONE = "已更新 {count} 个地区的边界"
GEO_AMBIGUOUS = "有多个同名地区：{candidates}；请在文件中加上区划代码"
