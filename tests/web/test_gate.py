"""The sign-in gate against a real server (issue 13): what reaches the dashboard without a
live session (nothing: pages go to the sign-in page, everything else gets 401, the websocket
included), forged cookies and headers, foreign origins, sign-out, brute force, and the SSO
proxy header. Three server starts: the demo, an SSO proxy that is believed, one that is not."""

from __future__ import annotations

import contextlib
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest
import requests
from google.protobuf.json_format import MessageToJson
from itsdangerous import URLSafeTimedSerializer
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from paicha_geo import labels
from paicha_geo.config import static_dir
from paicha_geo.demo.accounts import DEMO_PASSWORD
from paicha_geo.render.assets import ensure_static_assets
from paicha_geo.services import account_service, session_service
from paicha_geo.store import Store
from paicha_geo.store import sessions as store_sessions
from tests.conftest import running_app

COOKIE = session_service.COOKIE
# Everything Streamlit serves that is not a page: 401 without a live session.
NOT_PAGES = [("GET", "/media/x"), ("GET", "/app/static/vendor/leaflet/leaflet.js"),
             ("GET", "/_stcore/host-config"), ("GET", "/_stcore/metrics"),
             ("GET", "/component/x"), ("PUT", "/_stcore/upload_file/a/b"),
             ("GET", "/geo/x.json")]


@dataclass
class Server:
    url: str
    db: Path
    secret: str  # the database's session-signing secret, read before the start
    stop: Callable[[], None]


def _copy_with_secret(demo_db: Path, target: Path) -> tuple[Path, str]:
    shutil.copy(demo_db, target)
    with Store(target) as store:
        session_service._signer(store)  # the secret the server will sign with
        return target, store_sessions.meta_value(store, "session_secret")


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    ensure_static_assets(static_dir())  # what the app copies there at its first run
    db, secret = _copy_with_secret(demo_db, tmp_path_factory.mktemp("gate") / "gate.duckdb")
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(running_app(db, tmp_path_factory.mktemp("gate-log")))
        yield Server(url, db, secret, stack.close)


def sign_in(url: str, account: str = "admin", password: str = DEMO_PASSWORD,
            next_url: str = "/", headers: dict | None = None) -> requests.Response:
    return requests.post(url + "/login", data={"account": account, "password": password,
                                               "next": next_url},
                         headers=headers or {}, allow_redirects=False, timeout=30)


@pytest.fixture(scope="module")
def admin_cookie(server) -> str:
    return sign_in(server.url).cookies[COOKIE]


def get(url: str, path: str, cookie: str | None = None, method: str = "GET",
        headers: dict | None = None) -> requests.Response:
    return requests.request(method, url + path, cookies={COOKIE: cookie} if cookie else None,
                            headers=headers or {}, allow_redirects=False, timeout=30)


def websocket(url: str, cookie: str | None = None, origin: str | None = None,
              headers: dict | None = None) -> int:
    """The websocket handshake's answer: 101 (accepted) or the refusal's status."""
    sent = dict(headers or {})
    if cookie:
        sent["Cookie"] = f"{COOKIE}={cookie}"
    try:
        with connect(url.replace("http", "ws", 1) + "/_stcore/stream", additional_headers=sent,
                     origin=origin, subprotocols=["streamlit"], open_timeout=30):
            return 101
    except InvalidStatus as refused:
        return refused.response.status_code


def script_output(url: str, cookie: str, headers: dict | None = None) -> str:
    """What one run of the page script sends over the websocket (its messages as JSON)."""
    sent = {**(headers or {}), "Cookie": f"{COOKIE}={cookie}"}
    with connect(url.replace("http", "ws", 1) + "/_stcore/stream", additional_headers=sent,
                 subprotocols=["streamlit"], max_size=None, open_timeout=30) as ws:
        rerun = BackMsg()
        rerun.rerun_script.query_string = ""
        ws.send(rerun.SerializeToString())
        out = []
        while True:
            message = ForwardMsg()
            message.ParseFromString(ws.recv(timeout=120))
            out.append(MessageToJson(message, ensure_ascii=False))
            if message.WhichOneof("type") == "script_finished":
                return "\n".join(out)


def answers(url: str, cookie: str | None, headers: dict | None = None) -> dict:
    """How the server answers a visitor with this cookie: pages, files, the websocket."""
    out = {}
    for path in ("/", "/compare"):
        r = get(url, path, cookie, headers=headers)
        out[path] = (r.status_code, r.headers.get("location"))
    for method, path in NOT_PAGES:
        out[path] = get(url, path, cookie, method, headers).status_code
    out["websocket"] = websocket(url, cookie, headers=headers)
    return out


REFUSED = {"/": (303, "/login"), "/compare": (303, "/login?next=%2Fcompare"),
           **{path: 401 for _, path in NOT_PAGES}, "websocket": 401}


def test_without_a_cookie_nothing_but_the_sign_in_page_is_served(server):
    assert answers(server.url, None) == REFUSED
    page = requests.get(server.url + "/login?next=%2Fcompare", timeout=30)
    assert page.status_code == 200
    assert '<input type="hidden" name="next" value="/compare">' in page.text
    assert requests.get(server.url + "/_stcore/health", timeout=30).status_code == 200


def _one_character_changed(server, cookie):
    return ("B" if cookie[0] != "B" else "C") + cookie[1:]


def _same_session_other_secret(server, cookie):
    session_id = URLSafeTimedSerializer(server.secret, salt=session_service._SALT).loads(cookie)
    return URLSafeTimedSerializer(secrets.token_hex(32),
                                  salt=session_service._SALT).dumps(session_id)


def _unknown_session_right_secret(server, cookie):
    return URLSafeTimedSerializer(server.secret, salt=session_service._SALT).dumps(
        secrets.token_urlsafe(32))


@pytest.mark.parametrize("tamper", [_one_character_changed, _same_session_other_secret,
                                    _unknown_session_right_secret])
def test_a_tampered_cookie_is_refused_like_none(server, admin_cookie, tamper):
    forged = tamper(server, admin_cookie)
    assert forged != admin_cookie
    assert answers(server.url, forged) == REFUSED


def test_a_live_cookie_gets_pages_files_and_the_websocket(server, admin_cookie):
    got = answers(server.url, admin_cookie)
    assert got["/"] == (200, None) and got["/compare"] == (200, None)
    assert got["/app/static/vendor/leaflet/leaflet.js"] == 200
    assert got["/_stcore/host-config"] == 200 and got["/_stcore/metrics"] == 200
    assert got["/media/x"] == 404  # let through: Streamlit has no such file
    assert got["/geo/x.json"] == 404  # let through: no map has stored that geometry
    assert got["websocket"] == 101


def test_sign_in_sets_an_httponly_strict_cookie_and_goes_where_asked(server):
    response = sign_in(server.url, "district", next_url="/compare?level=town")
    assert response.status_code == 303
    assert response.headers["location"] == "/compare?level=town"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie


def test_a_websocket_from_another_origin_is_refused_even_with_a_cookie(server, admin_cookie):
    assert websocket(server.url, admin_cookie, origin="http://evil.example") == 403
    assert websocket(server.url, admin_cookie, origin=server.url) == 101


def test_a_session_header_sent_by_the_client_does_not_get_in(server, admin_cookie):
    """The gate hands the session to the script in X-Paicha-Session; a client's copy (even
    with a live session's value) is dropped, so without the cookie nothing is served."""
    assert answers(server.url, None, {"X-Paicha-Session": admin_cookie}) == REFUSED


def test_the_script_sees_the_cookies_account_whatever_header_the_client_sends(
        server, admin_cookie):
    """Streamlit believes the first X-Paicha-Session header; a client's copy would make a
    leader the administrator if the gate did not drop it."""
    leader = sign_in(server.url, "leader").cookies[COOKIE]
    seen = script_output(server.url, leader, {"X-Paicha-Session": admin_cookie})
    assert labels.SIGNED_IN_AS.format(name="市领导", role=labels.ROLES["leader"],
                                      region="") in seen
    assert "市扶贫办管理员" not in seen


def test_sign_in_from_another_site_is_refused(server):
    response = sign_in(server.url, headers={"Origin": "http://evil.example"})
    assert response.status_code == 403 and labels.SIGN_IN_FORBIDDEN in response.text
    assert COOKIE not in response.headers.get("set-cookie", "")


@pytest.mark.parametrize("evil", ["//evil.example", "https://evil.example/",
                                  "/\\evil.example", "evil.example"])
def test_the_address_after_sign_in_stays_on_this_site(server, evil):
    response = sign_in(server.url, next_url=evil)
    assert response.status_code == 303 and response.headers["location"] == "/"
    form = requests.get(f"{server.url}/login?next={quote(evil, safe='')}", timeout=30)
    assert '<input type="hidden" name="next" value="/">' in form.text


def test_sign_out_ends_the_session_for_that_cookie_everywhere(server, admin_cookie):
    cookie = sign_in(server.url, "leader").cookies[COOKIE]
    assert websocket(server.url, cookie) == 101
    response = get(server.url, "/logout", cookie)
    assert (response.status_code, response.headers["location"]) == (303, "/login?bye=1")
    assert f'{COOKIE}=""' in response.headers["set-cookie"]  # the browser drops it
    after = answers(server.url, cookie)
    assert after == {**REFUSED, "/": (303, "/login?ended=ended"),
                     "/compare": (303, "/login?next=%2Fcompare&ended=ended")}
    notice = requests.get(server.url + "/login?ended=ended", timeout=30).text
    assert labels.SIGN_IN_ENDED["ended"] in notice
    assert get(server.url, "/", admin_cookie).status_code == 200  # another account's session


def test_the_demo_sign_in_page_lists_the_demo_accounts(server):
    page = requests.get(server.url + "/login", timeout=30)
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert labels.DEMO_ACCOUNTS in page.text and DEMO_PASSWORD in page.text
    assert "<td>district</td>" in page.text and "<td>inspector2</td>" in page.text


def test_brute_force_is_locked_out_and_logged(server):
    """Runs last on this server: it stops it to read the audit log (DuckDB: one process)."""
    for i in range(5):
        wrong = sign_in(server.url, "auditor", f"Guess#{i:04d}x")
        assert wrong.status_code == 401 and labels.SIGN_IN_REFUSED in wrong.text
        assert COOKIE not in wrong.headers.get("set-cookie", "")
    right = sign_in(server.url, "auditor")
    assert right.status_code == 401 and "账号已锁定至" in right.text
    assert COOKIE not in right.headers.get("set-cookie", "")
    server.stop()
    with Store(server.db, read_only=True) as store:
        log = account_service.audit_log(store, "auditor")
    assert list(log["action"]) == ["sign_in_failed"] * 4 + ["lockout", "sign_in_locked"]
    assert set(log["client"]) == {"127.0.0.1"}


SSO = {"sso_header": "X-Remote-User", "sso_proxies": ["127.0.0.1"]}


def test_an_sso_proxy_on_the_list_signs_its_account_in(demo_db, tmp_path):
    """As documented: the server started with FORWARDED_ALLOW_IPS empty, so the gate sees the
    proxy's own address, believes its header, and logs the client the proxy forwarded."""
    db, _ = _copy_with_secret(demo_db, tmp_path / "sso.duckdb")
    with running_app(db, tmp_path, {"accounts": SSO}, env={"FORWARDED_ALLOW_IPS": ""}) as url:
        page = get(url, "/", headers={"X-Remote-User": "district",
                                      "X-Forwarded-For": "10.1.2.3"})
        assert page.status_code == 200
        cookie = page.cookies[COOKIE]
        assert get(url, "/_stcore/metrics", cookie).status_code == 200  # the cookie alone
        assert websocket(url, headers={"X-Remote-User": "district"}) == 101
        unknown = get(url, "/", headers={"X-Remote-User": "nobody"})
        assert (unknown.status_code, unknown.headers["location"]) == (303, "/login")
        assert COOKIE not in unknown.headers.get("set-cookie", "")
        assert websocket(url, headers={"X-Remote-User": "nobody"}) == 401
    with Store(db, read_only=True) as store:
        log = account_service.audit_log(store, "district")
    assert set(log["action"]) == {"sign_in"} and set(log["reason"]) == {"sso"}
    assert "10.1.2.3" in set(log["client"])


def test_an_sso_header_from_elsewhere_is_ignored_and_real_data_lists_no_demo_accounts(
        demo_db, tmp_path):
    db, _ = _copy_with_secret(demo_db, tmp_path / "real.duckdb")
    with duckdb.connect(str(db)) as con:
        con.execute("DELETE FROM meta WHERE key = 'is_demo'")
    settings = {"accounts": {**SSO, "sso_proxies": ["10.9.9.9"]}}
    with running_app(db, tmp_path, settings) as url:
        page = get(url, "/", headers={"X-Remote-User": "district"})
        assert (page.status_code, page.headers["location"]) == (303, "/login")
        assert websocket(url, headers={"X-Remote-User": "district"}) == 401
        sign_in_page = requests.get(url + "/login", timeout=30)
        assert sign_in_page.status_code == 200 and 'name="password"' in sign_in_page.text
        assert labels.DEMO_ACCOUNTS not in sign_in_page.text
        assert DEMO_PASSWORD not in sign_in_page.text
