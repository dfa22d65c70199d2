"""Notices for URL parameters and environment variables that cannot be used as given.
"""

from __future__ import annotations

UNKNOWN_REGION = "找不到区划代码 {code}，已显示全市。"
OUTSIDE_SCOPE = "无权查看区划 {code}：它不在您的管辖范围内。"
BACK_TO_MY_SCOPE = "回到我的管辖范围"
# A URL parameter (or environment variable) that cannot be used as given; the kinds are
# services.params' problem kinds. Shown as a notice, never replaced silently.
PARAM_FROM = {"url": "网址参数“{name}”（{key}={raw}）", "env": "环境变量 {key}={raw}（{name}）"}
PARAM_PROBLEMS = {
    "not_number": "不是数字，已使用 {used}。",
    "not_integer": "不是整数，已使用 {used}。",
    "not_date": "不是日期（应写作 2020-05-31），已使用 {used}。",
    "not_bool": "应为 true 或 false，已使用 {used}。",
    "out_of_range": "超出可选范围（{range}），已使用 {used}。",
    "raised": "低于下限 {low}，已改为 {used}。",
    "lowered": "高于上限 {high}，已改为 {used}。",
    "unknown": "不是可选的值，已使用 {used}。",
    "some_unknown": "中有不可选的值，已忽略。",
}
PARAM_RANGE = "{low} 至 {high}"
PARAM_RANGE_LOW = "不小于 {low}"
PARAM_RANGE_HIGH = "不大于 {high}"
PARAM_NONE = "默认值"
PARAM_YES_NO = {True: "是", False: "否"}
SCREEN_MODE_ONLY_1 = "网址参数“大屏模式”（screen={raw}）只能为 1，已显示普通页面。"


def _param_value(value, unit: str) -> str:
    if value is None or value == ():
        return PARAM_NONE
    if isinstance(value, bool):
        return PARAM_YES_NO[value]
    if isinstance(value, float):
        value = f"{value:g}"
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value))
    return f"{value}{unit and ' ' + unit}"


def param_notice(problem, name: str, raw: str, unit: str = "") -> str:
    """One sentence naming the parameter, what it held (`raw`, already escaped for display),
    why it cannot be used and what is used instead."""
    low, high = _param_value(problem.low, unit), _param_value(problem.high, unit)
    if problem.low is not None and problem.high is not None:
        span = PARAM_RANGE.format(low=low, high=high)
    else:
        span = PARAM_RANGE_LOW.format(low=low) if problem.low is not None else \
            PARAM_RANGE_HIGH.format(high=high)
    head = PARAM_FROM[problem.source].format(name=name, key=problem.key, raw=raw)
    return head + PARAM_PROBLEMS[problem.kind].format(
        used=_param_value(problem.used, unit), low=low, high=high, range=span)
