"""The sign-in page: plain HTML served by the web gate (a Streamlit script cannot set the
HttpOnly session cookie, so signing in is an ordinary form POST). Self-contained: no script,
no external asset. Every value is escaped."""

from __future__ import annotations

from html import escape

from paicha_geo import labels

_STYLE = """
body{margin:0;font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#f4f1ec;
color:#222}
main{max-width:760px;margin:8vh auto;padding:0 24px}
.card{background:#fff;border-radius:10px;padding:32px 40px;box-shadow:0 2px 12px #0001}
h1{margin:0 0 4px;color:#c0392b;font-size:32px}
p.sub{margin:0 0 24px;color:#666}
label{display:block;margin:14px 0 4px;font-weight:600}
input{width:100%;box-sizing:border-box;padding:10px;font-size:16px;border:1px solid #bbb;
border-radius:6px}
button{margin-top:22px;padding:10px 28px;font-size:16px;background:#c0392b;color:#fff;
border:0;border-radius:6px;cursor:pointer}
.error{background:#fdecea;color:#8a1c12;padding:10px 14px;border-radius:6px;margin-bottom:8px}
.notice{background:#eef5fb;color:#174a7c;padding:10px 14px;border-radius:6px;margin-bottom:8px}
table{border-collapse:collapse;width:100%;margin-top:8px;font-size:14px}
th,td{border-bottom:1px solid #e3ded6;padding:6px 8px;text-align:left}
h2{font-size:18px;margin:28px 0 4px}
"""


def login_page(*, error: str | None = None, notice: str | None = None, next_url: str = "",
               account: str = "", demo: list[dict] | None = None,
               demo_password: str = "") -> str:
    """The whole page. `demo` lists the demo database's accounts (only on a demo)."""
    parts = [f'<div class="error" role="alert">{escape(error)}</div>' if error else "",
             f'<div class="notice">{escape(notice)}</div>' if notice else ""]
    form = (
        '<form method="post" action="/login">'
        f'<input type="hidden" name="next" value="{escape(next_url)}">'
        f'<label for="account">{escape(labels.SIGN_IN_ACCOUNT)}</label>'
        f'<input id="account" name="account" autocomplete="username" required autofocus '
        f'value="{escape(account)}">'
        f'<label for="password">{escape(labels.SIGN_IN_PASSWORD)}</label>'
        '<input id="password" name="password" type="password" '
        'autocomplete="current-password" required>'
        f'<button type="submit">{escape(labels.SIGN_IN_SUBMIT)}</button></form>')
    body = (f'<div class="card"><h1>{escape(labels.SIGN_IN_HEADING)}</h1>'
            f'<p class="sub">{escape(labels.SIGN_IN_SUB)}</p>{"".join(parts)}{form}'
            f'{_demo_table(demo or [], demo_password)}</div>')
    return ('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(labels.SIGN_IN_TITLE)}</title><style>{_STYLE}</style></head>'
            f'<body><main>{body}</main></body></html>')


def _demo_table(demo: list[dict], password: str) -> str:
    if not demo:
        return ""
    head = "".join(f"<th>{escape(c)}</th>" for c in labels.DEMO_ACCOUNT_COLUMNS)
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in (
            a["account"], a["name"], labels.ROLES.get(a["role"], a["role"]), a["region"]))
        + "</tr>" for a in demo)
    return (f'<section id="demo-accounts"><h2>{escape(labels.DEMO_ACCOUNTS)}</h2>'
            f'<p>{escape(labels.DEMO_ACCOUNTS_HINT.format(password=password))}</p>'
            f'<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></section>')
