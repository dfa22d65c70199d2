"""The 账号管理 page's forms: add an account, and manage one (disable or enable, reset its
password, change its role or region, assign an inspector's villages).

Each change runs in the button's callback, before the page draws, so the table and the
buttons show its effect at once; its outcome is kept for that one run only (a one-time
password is shown once and then gone).
"""

from __future__ import annotations

import streamlit as st

from paicha_geo import labels
from paicha_geo.render import escape
from paicha_geo.services import account_admin, account_service

OUTCOME = "accounts-outcome"


def _change(change, done: str, *args, password: bool = False, **kwargs) -> None:
    try:
        result = change(*args, **kwargs)
    except account_service.AccountError as exc:
        st.session_state[OUTCOME] = ("error", labels.say(exc), None)
    else:
        st.session_state[OUTCOME] = ("success", done, result if password else None)


def outcome() -> None:
    """The last change's outcome, once; a one-time password in a code block with its note."""
    kind, text, password = st.session_state.pop(OUTCOME, (None, "", None))
    if kind == "error":
        st.error(escape.markdown(text))
    elif kind == "success":
        st.success(escape.markdown(text))
        if password:
            st.code(password, language=None)
            st.warning(labels.ONE_TIME_PASSWORD_NOTE)


def _role_name(role: str) -> str:
    return labels.ROLES.get(role, role)


def _region_select(store, rules, role: str, key: str, current: str | None = None):
    """The district or township picker, shown only for a role that needs one."""
    if not account_admin.needs_region(rules, role):
        return None
    regions = account_admin.region_choices(store)
    codes = list(regions)
    return st.selectbox(labels.ACCOUNT_ADD_REGION, codes, format_func=regions.get, key=key,
                        index=codes.index(current) if current in regions else 0,
                        placeholder=labels.CHOOSE_ONE)


def _add(store, rules, me) -> None:
    s = st.session_state
    name, role = s["add-name"].strip(), s["add-role"]
    _change(account_service.add_account, labels.ACCOUNT_ADDED.format(name=name), store, rules,
            name, role, s.get("add-region") if account_admin.needs_region(rules, role) else None,
            s["add-display"].strip() or None, actor=me, password=True)


def add_form(store, rules, me) -> None:
    role = st.selectbox(labels.ACCOUNT_ADD_ROLE, list(rules.roles), format_func=_role_name,
                        key="add-role", placeholder=labels.CHOOSE_ONE)
    with st.form("add-account", clear_on_submit=True):
        st.text_input(labels.ACCOUNT_ADD_NAME, help=labels.ACCOUNT_ADD_NAME_HELP, key="add-name")
        st.text_input(labels.ACCOUNT_ADD_DISPLAY, key="add-display")
        _region_select(store, rules, role, "add-region")
        st.form_submit_button(labels.ACCOUNT_ADD_SUBMIT, type="primary", key="add-submit",
                              on_click=_add, args=(store, rules, me))


def _role(store, rules, me, name: str) -> None:
    role = st.session_state[f"role-{name}"]
    region = st.session_state.get(f"region-{name}")
    _change(account_service.change_role, labels.ACCOUNT_ROLE_DONE.format(name=name), store,
            rules, name, role, region if account_admin.needs_region(rules, role) else None,
            actor=me)


def _villages(store, rules, me, name: str) -> None:
    picked = st.session_state[f"villages-{name}"]
    _change(account_service.set_assigned_villages, labels.ACCOUNT_VILLAGES_DONE.format(
        name=name, n=len(picked)), store, rules, name, picked, actor=me)


def manage(store, rules, me) -> None:
    """Pick an account; the changes an administrator may make to it (not to himself: no
    disabling, no role change)."""
    frame = account_admin.accounts(store).set_index("account_id")
    name = st.selectbox(labels.ACCOUNT_MANAGE_PICK, list(frame.index), key="manage-account",
                        format_func=lambda a: labels.AUDIT_ACCOUNT.format(
                            name=frame.at[a, "display_name"], account=a),
                        placeholder=labels.CHOOSE_ONE)
    if name is None:
        return
    row, myself = frame.loc[name], name == me.account_id
    if myself:
        st.caption(labels.ACCOUNT_SELF_HINT)
    left, right = st.columns(2)
    if row["disabled"]:
        left.button(labels.ACCOUNT_ENABLE, key="enable", on_click=_change, args=(
            account_service.enable_account, labels.ACCOUNT_ENABLED_DONE.format(name=name),
            store, name), kwargs={"actor": me})
    else:
        left.button(labels.ACCOUNT_DISABLE, key="disable", disabled=myself, on_click=_change,
                    args=(account_service.disable_account,
                          labels.ACCOUNT_DISABLED_DONE.format(name=name), store, name),
                    kwargs={"actor": me})
    right.button(labels.ACCOUNT_RESET, key="reset", on_click=_change, args=(
        account_service.reset_password, labels.ACCOUNT_RESET_DONE.format(name=name), store,
        rules, name), kwargs={"actor": me, "password": True})
    st.markdown(f"**{labels.ACCOUNT_ROLE_TITLE}**")
    roles = list(rules.roles)
    role = st.selectbox(labels.ACCOUNT_ADD_ROLE, roles, format_func=_role_name,
                        index=roles.index(row["role"]) if row["role"] in roles else 0,
                        key=f"role-{name}", disabled=myself, placeholder=labels.CHOOSE_ONE)
    _region_select(store, rules, role, f"region-{name}", row["region_code"])
    st.button(labels.ACCOUNT_ROLE_SUBMIT, key="save-role", disabled=myself, on_click=_role,
              args=(store, rules, me, name))
    if account_admin.visits(rules, row["role"]):
        villages = account_admin.village_choices(store)
        st.multiselect(labels.ACCOUNT_VILLAGES, list(villages), format_func=villages.get,
                       placeholder=labels.CHOOSE_OPTIONS,
                       default=[v for v in account_admin.assigned_villages(store, name)
                                if v in villages], key=f"villages-{name}")
        st.button(labels.ACCOUNT_VILLAGES_SUBMIT, key="save-villages", on_click=_villages,
                  args=(store, rules, me, name))
