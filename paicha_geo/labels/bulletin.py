"""The weekly 通报 (Word) and the map picture (PNG): every sentence the figures are poured into.
"""

from __future__ import annotations

BULLETIN_TITLE = "{region}脱贫攻坚问题排查整改工作通报"
BULLETIN_PERIOD = ("（{first.year}年{first.month}月{first.day}日—"
                   "{last.year}年{last.month}月{last.day}日）")
BULLETIN_DATE = "{date.year}年{date.month}月{date.day}日"
BULLETIN_HEADINGS = {"overall": "一、总体进展", "ranking": "二、各{level}排名",
                     "behind": "三、进度滞后的地区和责任单位", "supervision": "四、挂牌督办情况",
                     "demand": "五、下步要求"}
BULLETIN_OVERALL = ("截至{asof.year}年{asof.month}月{asof.day}日，{region}累计排查发现问题"
                    "{found}个，已整改{rectified}个（含已销号），已销号{closed}个，销号率"
                    "{closeout}，按期销号率{ontime}；未销号{open}个，其中超期未整改{overdue}个。")
BULLETIN_WEEK = ("本周（{first.month}月{first.day}日—{last.month}月{last.day}日）新增问题"
                 "{found}个，整改到位{rectified}个，销号{closed}个（整改、销号为本周净增数，"
                 "“回头看”退回的问题已扣除）。")
BULLETIN_RANK_LEAD = ("按“{rate}”排名（{direction}），{best}居首（{best_value}），"
                      "{worst}居末位（{worst_value}）。")
BULLETIN_RANK_MOVES = "与{before.month}月{before.day}日相比，{moves}；其余{level}排名不变。"
BULLETIN_RANK_UP = "{name}上升{n}位（第{was}→第{now}）"
BULLETIN_RANK_DOWN = "{name}下降{n}位（第{was}→第{now}）"
BULLETIN_RANK_STILL = "与{before.month}月{before.day}日相比，各{level}排名均无变化。"
BULLETIN_NO_CHILDREN = "{region}以下无下级地区，本期不排名。"
BULLETIN_RANK_NONE = "各{level}尚无可比的“{rate}”，本期不排名。"
BULLETIN_LIST_SEP = "；"
BULLETIN_NAME_SEP = "、"
BULLETIN_BEHIND_LEAD = "“{rate}”差于{whole}水平的{level}有{n}个："
BULLETIN_BEHIND_ITEM = "{name}{rate} {value}，{side}{whole} {region_value} {gap}"
BULLETIN_BEHIND_NONE = "各{level}“{rate}”均不差于{whole}水平。"
BULLETIN_SIDE = {True: "低于", False: "高于"}  # higher is better -> worse means lower
BULLETIN_GAP_POINTS = "{gap:.1f} 个百分点"
BULLETIN_GAP_UNITS = "{gap:.2f} {unit}"
BULLETIN_UNITS_LEAD = ("责任单位中（已到期或已销号问题{min}个及以上），按期销号率低于{whole}"
                       "水平（{region_value}）的有：")
BULLETIN_UNIT_ITEM = "{unit} {value}（低于 {gap}，超期未整改{overdue}个）"
BULLETIN_UNITS_NONE = ("已到期或已销号问题{min}个及以上的责任单位，按期销号率均不低于{whole}"
                       "水平（{region_value}）。")
BULLETIN_SUPERVISION = "目前挂牌督办问题{n}个：{places}。"
BULLETIN_SUPERVISION_OLDEST = ("超期最久的是{place}的问题（{item}，责任单位{unit}），已超期"
                               "{days}天。清单见附件。")
BULLETIN_SUPERVISION_NONE = "目前无挂牌督办问题。"
BULLETIN_PLACE_COUNT = "{name}{count}个"
BULLETIN_DEMAND = ("距整改时限（{deadline.year}年{deadline.month}月{deadline.day}日）还有{days}"
                   "天，尚有{open}个问题未销号。请{who}对照本通报，逐项查找原因，加快整改进度，"
                   "确保按期整改到位、销号清零。")
BULLETIN_DEMAND_LATE = ("整改时限（{deadline.year}年{deadline.month}月{deadline.day}日）已过，"
                        "尚有{open}个问题未销号。请{who}对照本通报，立即整改到位，逐一说明原因。")
BULLETIN_DEMAND_DONE = ("{region}排查发现的问题已全部销号。请持续巩固整改成果，举一反三，"
                        "防止问题反弹。")
BULLETIN_DEMAND_ALL = "各地各单位"
BULLETIN_DEMAND_BEHIND = "{names}等进度滞后的地区和单位"
BULLETIN_TABLE_TITLE = "表：各{level}排名（{rate}）"
BULLETIN_TABLE_COLUMNS = {"rank": "排名", "name": "地区", "value": "{rate}",
                          "rank_change": "较上周", "issues_found": "发现问题",
                          "issues_closed": "已销号", "issues_open": "未销号",
                          "issues_overdue": "超期未整改"}
BULLETIN_MAP_CAPTION = "图：各{level}“{rate}”分布（按各地数值分位分级，红色较差、蓝色较好）"
BULLETIN_MAP_NOTE = "数据截至 {asof:%Y-%m-%d}；粗黑边为末位：{worst}；红色较差、蓝色较好"
BULLETIN_MAP_LEGEND = "{rate}{unit}\n按分位分级"
BULLETIN_ANNEX = "附件：挂牌督办问题清单（{n}个）"
BULLETIN_ANNEX_COLUMNS = ("序号", "问题编号", "地点", "问题类型", "责任单位", "超期天数",
                          "督办时限")
BULLETIN_FILE = "{region}_整改通报_{asof:%Y%m%d}.docx"
BULLETIN_DOWNLOAD = "下载通报（Word）"
BULLETIN_DEMO_NOTE = "（演示数据）"
MAP_PNG_DOWNLOAD = "下载地图图片（PNG）"
MAP_PNG_TITLE = "{region} · {metric}"
MAP_PNG_NOTE = "数据截至 {asof:%Y-%m-%d}{demo}"
MAP_PNG_FILE = "{region}_{metric}_{asof:%Y%m%d}.png"


def whole(region_name: str) -> str:
    """How a 通报 names the region it speaks for: 全市, 全区, 全县, 全镇, 全街道..."""
    for suffix in ("街道", "社区"):
        if region_name.endswith(suffix):
            return "全" + suffix
    if region_name[-1:] in "市区县镇乡村":
        return "全" + region_name[-1]
    return region_name
