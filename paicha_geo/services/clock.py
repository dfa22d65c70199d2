"""The data's clock: the one rule for what "today" and "now" are when something is done.

A real deployment lives on the machine's date. A database may carry its own today (the meta
key `clock_today`, an ISO date): the demo sets it to the end of its data, so what a newcomer
does in the demo is dated on the day the pages open on and shows at once on every page,
after every event the demo already holds. Status changes, visits, imported history and the
sidebar's default as-of date all ask here; security records (sign-ins, the audit log) keep
the machine's time, because they record when something really happened.
"""

from __future__ import annotations

import datetime as dt

from paicha_geo.services.params import asof_bounds
from paicha_geo.store import Store

CLOCK_KEY = "clock_today"


def _machine_now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def today(store: Store) -> dt.date:
    """The data's today: the database's own date when it carries one, else the machine's."""
    value = store.get_meta(CLOCK_KEY)
    if value:
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:  # a hand-edited meta row: fall back to the machine, not a crash
            pass
    return _machine_now().date()


def now(store: Store) -> dt.datetime:
    """The data's now: today's date at the machine's time of day, so several actions on one
    day keep their order (and follow every event the data holds for that day)."""
    machine = _machine_now()
    return dt.datetime.combine(today(store), machine.time())


def default_asof(start: dt.date, deadline: dt.date, today: dt.date) -> dt.date:
    """The day the pages open on: the data's today (kept within the as-of bounds), so what was
    just done shows without touching the date."""
    low, high = asof_bounds(start, deadline, today)
    return min(max(today, low), high)
