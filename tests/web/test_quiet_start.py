"""The server contacts nothing beyond this machine (issue 13): Streamlit looks up this
machine's addresses (a UDP connect to 8.8.8.8, a DNS query for checkip.amazonaws.com) when it
listens on every interface or checks a foreign websocket Origin. Bound to 127.0.0.1 with the
gate refusing foreign origins first, starting, signing in and showing a page stay local.

The server runs with a sitecustomize.py audit hook that writes every non-loopback
socket.connect and every lookup of a non-local name to a file; that file must stay empty."""

from __future__ import annotations

import os
import shutil

import pytest
import requests
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from paicha_geo.services.session_service import COOKIE
from tests.conftest import running_app, sign_in_context, wait_for_app

pytestmark = pytest.mark.browser

SITECUSTOMIZE = '''
import os, sys

_LOG = os.environ["PAICHA_NET_LOG"]
_LOCAL = {None, "", "localhost", "127.0.0.1", "::1", "0.0.0.0", "::"}
open(_LOG + ".hooked", "w").close()  # proves the hook runs in the server


def _note(line):
    with open(_LOG, "a") as log:
        log.write(line + "\\n")


def _hook(event, args):
    if event == "socket.connect":
        address = args[1]
        if isinstance(address, tuple) and address[0] not in _LOCAL:
            _note(f"connect {address!r}")
    elif event == "socket.getaddrinfo":
        host = args[0].decode() if isinstance(args[0], bytes) else args[0]
        if host not in _LOCAL:
            _note(f"getaddrinfo {host!r}")


sys.addaudithook(_hook)
'''


def _foreign_origin_websocket(url: str, cookie: str) -> int:
    try:
        with connect(url.replace("http", "ws", 1) + "/_stcore/stream",
                     additional_headers={"Cookie": f"{COOKIE}={cookie}"},
                     origin="http://evil.example", open_timeout=30):
            return 101
    except InvalidStatus as refused:
        return refused.response.status_code


def test_start_sign_in_and_a_page_contact_nothing_beyond_this_machine(browser, demo_db,
                                                                      tmp_path):
    db = tmp_path / "quiet.duckdb"
    shutil.copy(demo_db, db)
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    net_log = tmp_path / "net.log"
    path = os.pathsep.join(p for p in (str(hook_dir), os.environ.get("PYTHONPATH")) if p)
    env = {"PYTHONPATH": path, "PAICHA_NET_LOG": str(net_log)}
    with running_app(db, tmp_path, env=env) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
        leaving = []

        def guard(route):
            host = route.request.url.split("/")[2] if "://" in route.request.url else ""
            if host.split(":")[0] in ("127.0.0.1", "localhost", ""):
                route.continue_()
            else:
                leaving.append(route.request.url)
                route.abort()

        try:
            context.route("**/*", guard)
            sign_in_context(context, url, "district")
            page = context.new_page()
            page.goto(url)
            wait_for_app(page)
            cookie = requests.post(url + "/login", data={"account": "leader",
                                                         "password": "Paicha#2020"},
                                   allow_redirects=False, timeout=30).cookies[COOKIE]
            # Streamlit's own check of a foreign Origin would look up this machine's IPs.
            assert _foreign_origin_websocket(url, cookie) == 403
        finally:
            context.close()
    assert (tmp_path / "net.log.hooked").exists()
    assert not net_log.exists(), net_log.read_text()
    assert leaving == []
