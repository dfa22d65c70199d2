"""Reading the URL: a parameter that cannot be used gives a visible notice, never a silent
replacement.

Two ways in. `read` for values the page reads itself (the large screen's refresh, the
region); `bound` wraps a widget bound to the URL (bind="query-params"): Streamlit drops an
unusable URL value silently and shows the default, so `bound` looks at the raw value first
and says what happened. The rules live in domain.params (pure, table-tested).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import streamlit as st

from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.services import params
from paicha_geo.services.params import Problem, Read, Reader

BIND = "query-params"
RAW_SHOWN = 40  # characters of a raw value repeated back in a notice


def raw(key: str) -> list[str] | None:
    """Every value given for `key` (?unit=a&unit=b), or None when the URL does not name it."""
    return st.query_params.get_all(key) if key in st.query_params else None


def notice(problem: Problem, name: str, suffix: str = "") -> None:
    """The problem as a warning; the raw value (whatever a visitor typed) as a code span."""
    st.warning(labels.param_notice(problem, name, escape.code(problem.raw, RAW_SHOWN), suffix))


def read(reader: Callable[..., Read], key: str, name: str, suffix: str = "", **rules) -> Any:
    """`reader(key, <the URL's values for key>, **rules)`'s value, with a notice when the URL
    value could not be used as given. `suffix` follows numbers in the notice (秒)."""
    result = reader(key, raw(key), **rules)
    if result.problem is not None:
        notice(result.problem, name, suffix)
    return result.value


def rule(reader: Callable[..., Read], key: str, **rules) -> Reader:
    """`reader` for `key` with its bounds fixed, as `bound` takes it."""
    return lambda given: reader(key, given, **rules)


def bound(widget: Callable, label: str, *args, key: str, check: Reader, suffix: str = "",
          **kwargs) -> Any:
    """`widget(label, *args, key=key, bind="query-params", **kwargs)`, with a notice when the
    URL held a value for it that `check` finds unusable (naming the value the widget shows)."""
    given = raw(key)  # read first: Streamlit removes an unusable value while seeding
    value = widget(label, *args, key=key, bind=BIND, **kwargs)
    if given is not None:
        problem = check(given).problem
        if problem is not None:
            shown = kwargs.get("format_func")
            used = value if shown is None or value is None or isinstance(value, list) \
                else shown(value)
            notice(params.used_instead(problem, used), label, suffix)
    return value


# The widgets the pages bind to the URL, each checked with the bounds it is given.

def selectbox(container, label: str, options, *, key: str, format_func: Callable = str,
              **kwargs) -> Any:
    kwargs.setdefault("placeholder", labels.CHOOSE_ONE)  # not Streamlit's English one
    return bound(container.selectbox, label, options, key=key, format_func=format_func,
                 check=choice_check(key, options, format_func), **kwargs)


def radio(container, label: str, options, *, key: str, format_func: Callable = str,
          **kwargs) -> Any:
    return bound(container.radio, label, options, key=key, format_func=format_func,
                 check=choice_check(key, options, format_func), **kwargs)


def multiselect(container, label: str, options, *, key: str, format_func: Callable = str,
                **kwargs) -> list:
    kwargs.setdefault("placeholder", labels.CHOOSE_OPTIONS)  # not Streamlit's English one
    return bound(container.multiselect, label, options, key=key, format_func=format_func,
                 check=choices_check(key, options, format_func), **kwargs)


def toggle(container, label: str, *, key: str, **kwargs) -> bool:
    return bound(container.toggle, label, key=key, check=rule(params.flag, key), **kwargs)


def slider(container, label: str, low, high, value, step=None, *, key: str, **kwargs):
    """A number slider; whole numbers when `value` is an int."""
    check = rule(params.number, key, default=value, low=low, high=high,
                 integer=isinstance(value, int))
    return bound(container.slider, label, low, high, value, step, key=key, check=check,
                 **kwargs)


def date_input(container, label: str, *, key: str, value, low, high, **kwargs):
    """A day within [low, high] (YYYY-MM-DD in the URL), or `value` (None: empty)."""
    check = rule(params.date, key, default=value, low=low, high=high)
    return bound(container.date_input, label, key=key, check=check, value=value,
                 min_value=low, max_value=high, format="YYYY-MM-DD", **kwargs)


def choice_check(key: str, options, format_func: Callable = str) -> Reader:
    """A check for a selectbox/radio: the URL holds the option as displayed."""
    names = [format_func(o) for o in options]
    return lambda given: params.choice(key, given, names, None)


def choices_check(key: str, options, format_func: Callable = str) -> Reader:
    """A check for a multiselect: every value must be one of the options as displayed."""
    names = [format_func(o) for o in options]
    return lambda given: params.choices(key, given, names)


def read_env(reader: Callable[..., Read], var: str, name: str, suffix: str = "",
             **rules) -> Any:
    """As `read`, for environment variable `var` (an operator's typo is no more invisible
    than a visitor's)."""
    result = reader(var, os.environ.get(var), source=params.ENV, **rules)
    if result.problem is not None:
        notice(result.problem, name, suffix)
    return result.value
