"""审计日志: who signed in, revealed personal data, exported, changed accounts (管理员, 审计).

Every row of every account (audit_service says why); filters above the table, the table in
st.dataframe (a typed target or reason shows as text, never as markup), an Excel download
built only when clicked, which is itself logged.
"""

import datetime as dt
import functools

import streamlit as st

from app_pages import _auth, _cache
from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.render.tables import XLSX_MIME
from paicha_geo.services import audit_service
from paicha_geo.services.audit_service import AuditFilters

me = _auth.require("audit", labels.AUDIT_POWER_WHAT)
store = _cache.store()
st.title(labels.NAV_AUDIT)
st.caption(labels.AUDIT_HINT)

choices = audit_service.account_choices(store, me)
first, last = audit_service.date_span(store, me)
left, middle, right = st.columns([2, 3, 2])
account = left.selectbox(labels.AUDIT_FILTER_ACCOUNT, [None, *choices], key="audit-account",
                         format_func=lambda a: choices.get(a, labels.AUDIT_ALL_ACCOUNTS),
                         placeholder=labels.CHOOSE_ONE)
actions = middle.multiselect(labels.AUDIT_FILTER_ACTIONS, list(labels.AUDIT_ACTIONS),
                             format_func=audit_service.action_name, key="audit-actions",
                             placeholder=labels.CHOOSE_OPTIONS)
days = right.date_input(labels.AUDIT_FILTER_DATES, (first, last), key="audit-days")
text = st.text_input(labels.AUDIT_FILTER_TEXT, key="audit-text").strip()
start, end = (*days, None, None)[:2]  # a range being picked has its first day only
filters = AuditFilters(accounts=(account,) if account else (), actions=tuple(actions),
                       start=start, end=end, text=text)

rows = audit_service.audit_rows(store, me, filters)
st.caption(escape.markdown(audit_service.count_line(rows)))
if not rows.empty:
    when = labels.AUDIT_COLUMNS["occurred_at"]
    st.dataframe(rows.rename(columns=labels.AUDIT_COLUMNS), hide_index=True, width="stretch",
                 column_config={when: st.column_config.DatetimeColumn(
                     when, format="YYYY-MM-DD HH:mm:ss")})
    st.download_button(labels.AUDIT_DOWNLOAD,
                       data=functools.partial(audit_service.export_audit_xlsx, store, me,
                                              filters),
                       file_name=labels.AUDIT_FILE.format(day=dt.date.today().isoformat()),
                       mime=XLSX_MIME, key="audit-xlsx", on_click="ignore")
