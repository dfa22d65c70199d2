"""What the demo's issues say: problems written for each checklist item, not for its part.

Two kinds. `FACT_PROBLEMS` are said of a household (or weak village) whose facts show the
problem when it was found (a grade-D house, excess fluoride, a self-paid share over 10 %):
`ledger` raises them from those facts only. `ITEM_PROBLEMS` are the items' other problems,
which no fact in the data contradicts (a 台账 incomplete, a booklet not handed out); none of
them names a fact the data holds (a house grade, fluoride, a share, insurance); the ledger
draws no 3.4.1 (饮水型氟超标) issue from them (weight 0): its every issue comes from a
fluoride fact. The office sample sheets (`samples`) use them too.
Invented wording in the style of 2020 问题清单; the demo must never carry a real case.
"""

from __future__ import annotations

# check (as ledger names it) -> (item code, problem text; {grade}/{share} filled from facts)
FACT_PROBLEMS = {
    "education": ("3.1.1", "义务教育阶段适龄儿童辍学，未劝返复学"),
    "uninsured": ("3.2.1", "家庭成员未全部参保城乡居民基本医疗保险"),
    "selfpay": ("3.2.2", "县域内定点医疗机构住院自付比例超过10%（自付{share}）"),
    "housing": ("3.3.4", "已脱贫户居住在{grade}级危房"),
    "housing_not_exited": ("3.3.1", "居住在{grade}级危房，未纳入危房改造计划"),
    "fluoride": ("3.4.1", "饮用水氟超标，未接通区域供水"),
    "unsafe_water": ("3.4.2", "饮水安全未达到当地评价标准"),
    "social_floor": ("3.5.1", "符合条件未纳入低保或特困供养"),
    "income": ("2.3.1", "已脱贫户年人均可支配收入低于7000元"),
    "village_income": ("2.3.3", "集体经济收入未达到经济薄弱村脱贫标准"),
    "fluoride_village": ("3.4.1", "村内部分农户饮用水氟超标，改水工程未完工"),
    "no_secretary": ("2.2.1", "经济薄弱村第一书记未派驻到位"),
}

ITEM_PROBLEMS = {
    "1.1.1": ["党委年度专题研究脱贫攻坚工作不足一次", "督促检查工作记录不完整"],
    "1.1.2": ["乡镇党委季度专题研究脱贫攻坚工作次数不足", "项目推进进度安排不明确"],
    "1.1.3": ["三级书记遍访台账不完整", "村党组织书记遍访低收入农户未全覆盖"],
    "1.1.4": ["部门配套扶贫政策措施未及时出台"],
    "1.1.5": ["专项扶贫联席会议未定期召开"],
    "1.2.1": ["政策口袋书未发放到户", "低收入农户对帮扶政策知晓率偏低", "扶贫政策宣传年画未张贴"],
    "1.2.2": ["扶贫资金绩效目标未设定", "财政专项扶贫资金拨付滞后"],
    "1.2.3": ["扶贫小额信贷使用不精准", "存在户贷企用情况"],
    "1.2.4": ["村道安全生命线防护工程未完成"],
    "1.2.5": ["小型农田水利项目未向经济薄弱村倾斜"],
    "1.2.6": ["增减挂钩收益使用情况不清"],
    "1.2.7": ["致富带头人培育工作开展不足"],
    "1.3.1": ["产业项目带动低收入农户增收不明显", "消费扶贫行动落实不到位"],
    "1.3.2": ["扶贫车间吸纳低收入劳动力就业偏少", "就业援助台账不完整"],
    "1.3.3": ["挂钩帮扶单位年度帮扶资金未到位"],
    "1.3.4": ["扶贫项目进展迟缓", "扶贫资金拨付较慢", "扶贫资产未登记造册", "项目库资金公示不及时"],
    "1.3.5": ["相对贫困长效机制探索进展不大"],
    "2.1.1": ["评议公示程序记录不全", "存在漏评风险户未及时核查"],
    "2.1.2": ["动态管理信息未及时更新", "回头看发现问题未建立整改台账"],
    "2.1.3": ["建档立卡信息与实际不符", "家庭人口信息账实不符", "收入信息与系统数据不一致",
              "扶贫系统数据未及时比对更新"],
    "2.2.1": ["第一书记在岗时间不足", "第一书记驻村工作日志不全"],
    "2.2.2": ["帮扶措施针对性不强", "帮扶联系人入户记录不全", "帮扶成效不明显"],
    "2.2.3": ["产业扶贫资金变相发钱发物", "产业项目预期收益测算依据不足"],
    "2.2.4": ["公益性岗位安排对象不精准", "有培训意愿的低收入劳动力未参加培训"],
    "2.2.5": ["光伏电站收益未及时发放"],
    "2.2.6": ["扶贫手册填写不规范", "扶贫手册未发放到户", "帮扶措施记录与实际不符"],
    "2.3.1": ["脱贫户收入测算依据不足", "收入台账佐证材料不全"],
    "2.3.2": ["退出程序签字确认不全", "农户对脱贫退出不知晓"],
    "2.3.3": ["集体经济收入来源单一，稳定性不足"],
    "2.3.4": ["退出自查总结材料不完整"],
    "3.1.1": ["控辍保学台账不完整"],
    "3.1.2": ["教育资助未及时发放", "家庭经济困难学生受助信息未更新"],
    "3.2.1": ["参保资助名单未及时比对"],
    "3.2.2": ["住院费用结算明细未归档"],
    "3.2.3": ["补充医疗保险未覆盖全部低收入人口"],
    "3.2.4": ["先诊疗后付费政策未落实", "一站式结算平台信息未更新"],
    "3.2.5": ["慢病签约服务未落实", "家庭医生随访记录不全"],
    "3.3.1": ["危房改造一户一档资料不全", "危房改造对象审核公示不规范"],
    "3.3.2": ["危房改造工程巡查记录不全", "改造房屋竣工验收资料缺失"],
    "3.3.3": ["危改补助资金未足额到户", "危改补助资金拨付滞后"],
    "3.3.4": ["住房安全鉴定结果未及时更新"],
    "3.4.1": ["区域供水改水工程进度滞后"],
    "3.4.2": ["饮水安全检测报告缺失", "农村供水管网维护不到位"],
    "3.5.1": ["低保对象动态调整不及时", "特困供养对象认定材料不全"],
}


def describe(short: str, problem: str) -> str:
    """The description as an office writes it: the item's short name, then the problem."""
    return f"{short}：{problem}"
