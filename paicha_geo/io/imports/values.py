"""Cell values as people type them -> typed values, or a CellError naming the reason (a code).

Every word list is explicit: a status word not listed here is reported, never guessed.
未完成 is deliberately absent (it can mean 待整改 or 整改中); 已完成 means 已整改(待验收),
because only an explicit 销号/验收 word closes an issue.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from paicha_geo.domain.formulas import neutralised
from paicha_geo.domain.id_numbers import id_number_fault
from paicha_geo.domain.privacy import mask_id
from paicha_geo.io.imports.common import CellError, is_blank
from paicha_geo.io.imports.headers import normalize

MIN_DATE, MAX_DATE = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
TEXT_LIMIT, LONG_TEXT_LIMIT = 200, 2000
INT_MAX = 2**31 - 1  # the ledger's INTEGER columns (家庭人口, 人口, 儿童人数) hold 32 bits

STATUS_WORDS = {
    "pending": ("待整改", "未整改", "未开始", "尚未整改", "未启动", "待启动", "待落实", "新发现",
                "未开展"),
    "rectifying": ("整改中", "正在整改", "整改推进中", "推进中", "持续整改", "部分整改",
                   "已部分整改", "正在推进", "已启动", "进行中", "整改进行中", "长期坚持",
                   "持续推进", "正在落实", "基本完成"),
    "rectified": ("已整改", "已完成", "整改完成", "完成整改", "已完成整改", "完成", "待验收",
                  "已整改待验收", "已整改(待验收)", "已整改到位", "整改到位", "已落实"),
    "closed": ("已销号", "销号", "已验收销号", "验收销号", "已验收", "验收合格", "已验收合格",
               "已销号(验收合格)"),
}
SOURCE_WORDS = {
    "inspection_tour": ("市委巡察", "巡察", "巡视", "巡视巡察", "巡察反馈", "市委巡察反馈"),
    "audit": ("专项审计", "审计", "审计发现"),
    "supervision": ("督查排查", "督查", "排查", "督导", "暗访", "督查暗访", "专项督查"),
    "public_report": ("群众反映", "信访", "举报", "群众举报", "群众来信", "热线", "12317"),
    "self_inspection": ("自查", "自查自纠", "自行排查", "自查发现"),
    "data_check": ("数据比对", "部门数据比对", "比对", "数据核查", "数据比对发现", "比对发现"),
}
SEVERITY_WORDS = {
    "general": ("一般", "轻微", "较轻", "一般问题"),
    "serious": ("较重", "较严重", "比较严重", "较大"),
    "critical": ("严重", "重大", "特别严重", "严重问题"),
}
YES = ("是", "有", "√", "✓", "y", "yes", "true", "1", "在岗", "已参保", "安全", "达标", "已纳入")
NO = ("否", "无", "×", "✗", "n", "no", "false", "0", "不在岗", "未参保", "不安全", "不达标",
      "未纳入")
EXIT_WORDS = {"exited": ("已脱贫", "脱贫", "是", "已退出", "退出"),
              "not_exited": ("未脱贫", "否", "未退出", "未脱贫户")}
NOT_WEAK = "not_weak"  # a cell that says 否: clears the status (a blank cell leaves it alone)
WEAK_WORDS = {"province": ("省定", "省定经济薄弱村", "省定薄弱村", "省级"),
              "city": ("市定", "市定经济薄弱村", "市定薄弱村", "市级"),
              NOT_WEAK: ("否", "非", "无", "非经济薄弱村", "非薄弱村", "一般村")}
RENOVATION_WORDS = {"none": ("未改造", "无", "否", "不需要"),
                    "in_progress": ("改造中", "正在改造", "在建"),
                    "completed": ("已改造", "已完成", "完成")}


def _table(words: dict) -> dict:
    return {normalize(w).lower(): key for key, ws in words.items() for w in ws}


_STATUS, _SOURCE, _SEVERITY = _table(STATUS_WORDS), _table(SOURCE_WORDS), _table(SEVERITY_WORDS)
_EXIT, _WEAK, _RENOVATION = _table(EXIT_WORDS), _table(WEAK_WORDS), _table(RENOVATION_WORDS)
_BOOL = {**{w: True for w in YES}, **{w: False for w in NO}}
_STATUS.update({key: key for key in STATUS_WORDS})  # the codes themselves (pending, ...)

_FULLWIDTH = str.maketrans("０１２３４５６７８９．／－", "0123456789./-")
_YMD = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:前|之前|以前)?"
    r"(?:\s*T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*(?:底|末)?\s*(?:前|之前|以前)?")
_NO_YEAR = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日?|\d{1,2}\s*月\s*(?:底|末)")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _in_range(day: dt.date, raw) -> dt.date:
    if not MIN_DATE <= day <= MAX_DATE:
        raise CellError("ERR_DATE_RANGE", value=day.isoformat() if raw is None else raw)
    return day


def _serial(number: float, raw) -> dt.date:
    if not 1 <= number < 2958466:
        raise CellError("ERR_BAD_DATE", value=raw)
    return _in_range(_EXCEL_EPOCH + dt.timedelta(days=int(number)), raw)


def _ymd(y: str, m: str, d: str, raw) -> dt.date:
    try:
        day = dt.date(int(y), int(m), int(d))
    except ValueError:
        raise CellError("ERR_BAD_DATE", value=raw) from None
    return _in_range(day, raw)


def parse_date(value, *, month_end: bool = False) -> dt.date | None:
    """A date from a date cell, an Excel serial number or typed text.

    Accepts 2020-06-30, 2020/6/30, 2020.6.30, 2020年6月30日(前), 20200630 and serials;
    with `month_end` (deadlines) also 2020年6月 / 2020年6月底前, meaning the month's last day.
    """
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return _in_range(value.date(), None)
    if isinstance(value, dt.date):
        return _in_range(value, None)
    if isinstance(value, bool):
        raise CellError("ERR_BAD_DATE", value=value)
    if isinstance(value, int | float):
        if 19000101 <= value <= 21001231 and float(value).is_integer():
            m = _COMPACT.fullmatch(str(int(value)))
            return _ymd(*m.groups(), value)
        return _serial(float(value), value)
    raw = str(value).strip()
    text = raw.translate(_FULLWIDTH)
    if m := _YMD.fullmatch(text):
        return _ymd(*m.groups()[:3], raw)
    if m := _COMPACT.fullmatch(text):
        return _ymd(*m.groups(), raw)
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _serial(float(text), raw)
    if month_end and (m := _MONTH.fullmatch(text)):
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            return _in_range(dt.date(year, month, calendar.monthrange(year, month)[1]), raw)
    if _NO_YEAR.fullmatch(text):
        raise CellError("ERR_DATE_NO_YEAR", value=raw)
    raise CellError("ERR_BAD_DATE", value=raw[:40])


def _word(value, table: dict, error: str, words: dict | None = None):
    """The key `value` names in `table`, else CellError(error) listing the first words."""
    if is_blank(value):
        return None
    key = normalize(str(value)).rstrip("。.;；").lower()
    if key in table:
        return table[key]
    listed = tuple(ws[0] for ws in words.values()) if words else ()
    raise CellError(error, value=str(value).strip()[:40], words=listed)


def parse_status(value) -> str | None:
    return _word(value, _STATUS, "ERR_UNKNOWN_STATUS", STATUS_WORDS)


def parse_source(value) -> str | None:
    return _word(value, _SOURCE, "ERR_UNKNOWN_SOURCE", SOURCE_WORDS)


def parse_severity(value) -> str | None:
    return _word(value, _SEVERITY, "ERR_UNKNOWN_SEVERITY")


def parse_bool(value) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    return _word(value, _BOOL, "ERR_BAD_BOOL")


def parse_exit(value) -> str | None:
    return _word(value, _EXIT, "ERR_BAD_EXIT")


def parse_weak(value) -> str | None:
    return _word(value, _WEAK, "ERR_BAD_WEAK")


def parse_renovation(value) -> str | None:
    return _word(value, _RENOVATION, "ERR_BAD_RENOVATION")


def parse_grade(value) -> str | None:
    if is_blank(value):
        return None
    text = normalize(str(value)).upper().translate(str.maketrans("ＡＢＣＤ", "ABCD"))
    m = re.fullmatch(r"([ABCD])(级|级危房|类)?", text)
    if not m:
        raise CellError("ERR_BAD_GRADE", value=str(value).strip()[:20])
    return m.group(1)


def parse_number(value, unit: str | None = None) -> float | None:
    """A number; 1,234 and 1.2万 are understood, and a 万元 header scales by 10,000."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("ERR_BAD_NUMBER", value=value)
    scale = 10_000.0 if unit == "万元" else 1.0
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().translate(_FULLWIDTH).replace(",", "").replace("，", "")
        text = text.removeprefix("¥").removeprefix("￥").removesuffix("元")
        if text.endswith("万"):
            text, scale = text[:-1], 10_000.0
        try:
            number = float(text)
        except ValueError:
            raise CellError("ERR_BAD_NUMBER", value=str(value)[:40]) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise CellError("ERR_BAD_NUMBER", value=value)
    if number < 0:
        raise CellError("ERR_NEGATIVE")
    if number * scale == float("inf"):  # 1e308 万元
        raise CellError("ERR_NUMBER_TOO_LARGE", value=_shown(value), limit="1e308")
    return number * scale


def _shown(value) -> str:
    text = f"{value:,.0f}" if isinstance(value, int | float) and abs(value) < 1e18 else str(value)
    return text[:40]


def parse_int(value) -> int | None:
    number = parse_number(value)
    if number is None:
        return None
    if not float(number).is_integer():
        raise CellError("ERR_BAD_INTEGER", value=value)
    if number > INT_MAX:
        raise CellError("ERR_NUMBER_TOO_LARGE", value=_shown(value), limit=f"{INT_MAX:,}")
    return int(number)


PERCENT_UNITS = ("%", "％")


def parse_share(value, unit: str | None = None) -> float | None:
    """A proportion: 8.5% and 8.5 mean 0.085; under a header marked (%) every number is in
    percent (1 is 1 %); otherwise values up to 1 are taken as fractions (1 is 100 %: the
    preview warns about it, plausibility.ambiguous_shares)."""
    if is_blank(value):
        return None
    text = str(value).strip()
    percent = text.endswith(PERCENT_UNITS) or unit in PERCENT_UNITS
    number = parse_number(text.rstrip("%％") if text.endswith(PERCENT_UNITS) else value)
    share = number / 100 if percent or number > 1 else number
    if not 0 <= share <= 1:
        raise CellError("ERR_BAD_SHARE", value=text[:20])
    return share


def parse_text(value, limit: int = TEXT_LIMIT) -> str | None:
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        value = value.strftime("%Y-%m-%d")
    text = str(value).strip()
    if neutralised(text):  # our own export's apostrophe before "=…": the text as typed
        text = text[1:]
    if len(text) > limit:
        raise CellError("ERR_TOO_LONG", length=len(text), limit=limit)
    return text


def parse_long_text(value) -> str | None:
    return parse_text(value, LONG_TEXT_LIMIT)


def parse_code_text(value) -> str | None:
    """An identifier typed in a cell; a long number Excel rounded (3.2E+17) is refused."""
    if isinstance(value, float) and (value >= 1e15 or not value.is_integer()):
        raise CellError("ERR_NUMBER_ROUNDED", value=f"{value:.6g}")
    if isinstance(value, int) and value >= 10**15:
        raise CellError("ERR_NUMBER_ROUNDED", value=value)
    return parse_text(value, 40)


_ID_FAULTS = {"format": "ERR_BAD_ID_NUMBER", "birth_date": "ERR_ID_BIRTH_DATE",
              "check_digit": "ERR_ID_CHECK_DIGIT"}


def parse_id_number(value) -> str | None:
    """An 18-digit resident ID (公民身份号码): format, date of birth and check digit.

    Messages show the number masked (region prefix and last four), never in full.
    """
    text = parse_code_text(value)
    if text is None:
        return None
    text = text.upper().replace(" ", "")
    fault = id_number_fault(text)
    if fault is not None:
        raise CellError(_ID_FAULTS[fault], value=mask_id(text[:24]))
    return text
