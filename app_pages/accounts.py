"""账号管理: add, disable or enable, reset, re-role accounts and assign inspectors' villages
(管理员 only). Every change is logged with the acting administrator."""

import streamlit as st

from app_pages import _account_forms, _auth, _cache
from paicha_geo import labels
from paicha_geo.services import account_admin, startup

me = _auth.require("admin", labels.ACCOUNTS_POWER_WHAT)
store = _cache.store()
rules = startup.settings().accounts
st.title(labels.NAV_ACCOUNTS)
_account_forms.outcome()
st.dataframe(account_admin.account_table(store).rename(columns=labels.ACCOUNT_TABLE_COLUMNS),
             hide_index=True, width="stretch")
add_tab, manage_tab = st.tabs([labels.ACCOUNT_ADD_TITLE, labels.ACCOUNT_MANAGE_TITLE])
with add_tab:
    _account_forms.add_form(store, rules, me)
with manage_tab:
    _account_forms.manage(store, rules, me)
