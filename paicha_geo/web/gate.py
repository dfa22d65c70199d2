"""The middleware in front of every request: default deny, except the sign-in page.

A plain ASGI middleware (not BaseHTTPMiddleware, which skips websockets), outermost, so it
sees the raw path of every page, file, download (/media), upload, component and the
websocket itself. A request without a live session gets the sign-in page (a page address)
or 401 (anything else, including the websocket upgrade). The session id reaches the script
through a header only this gate sets (`server.trustedUserHeaders` maps it to st.user);
copies sent by a client are dropped. Behind an SSO proxy, the proxy's account header is
believed only from the configured proxy addresses and becomes a session of that account.
"""

from __future__ import annotations

import logging
from urllib.parse import quote, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection
from starlette.responses import PlainTextResponse, RedirectResponse

from paicha_geo import labels
from paicha_geo.services import gatekeeper
from paicha_geo.services.session_service import COOKIE

log = logging.getLogger(__name__)

SESSION_HEADER = b"x-paicha-session"  # read by the script as st.user["session"]
PUBLIC = {"/login", "/logout", "/_stcore/health"}
# Prefixes of what Streamlit serves that is not a page; refused with 401 (no redirect).
_NOT_PAGES = ("/_stcore/", "/media/", "/app/static/", "/component/", "/static/", "/auth/",
              "/oauth2callback", "/geo/")


def client_of(scope) -> str | None:
    client = scope.get("client")
    return client[0] if client else None


def forwarded_client(scope) -> tuple[str, int] | None:
    """The address the trusted proxy put last in X-Forwarded-For (the one it saw)."""
    for key, value in scope["headers"]:
        if key.lower() == b"x-forwarded-for":
            last = value.decode("latin-1").split(",")[-1].strip()
            return (last, 0) if last else None
    return None


def same_origin(conn: HTTPConnection) -> bool:
    """No Origin header (not a browser's cross-site request), or one naming this host."""
    origin = conn.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == conn.headers.get("host", "")


def cookie_header(token: str) -> bytes:
    """The session cookie: signed, HttpOnly, SameSite=Strict, whole site, browser session."""
    return f"{COOKIE}={token}; HttpOnly; Path=/; SameSite=strict".encode()


class Gate:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):  # lifespan
            return await self.app(scope, receive, send)
        rules = gatekeeper.rules()
        sso = rules.sso_header.lower().encode()
        trusted_proxy = bool(sso) and client_of(scope) in rules.sso_proxies
        if sso and not trusted_proxy and any(k.lower() == sso for k, _ in scope["headers"]):
            log.warning("ignored %s from %s (not in sso_proxies; behind a proxy sending "
                        "X-Forwarded-For, start with FORWARDED_ALLOW_IPS= empty: "
                        "docs/accounts.md)", rules.sso_header, client_of(scope))
        headers = [(k, v) for k, v in scope["headers"]
                   if k.lower() != SESSION_HEADER and (trusted_proxy or k.lower() != sso)]
        scope = dict(scope, headers=headers)
        if trusted_proxy:  # the proxy says who its client is: that is who the log names
            scope["client"] = forwarded_client(scope) or scope["client"]
        conn = HTTPConnection(scope)
        if scope["type"] == "websocket" and not same_origin(conn):
            # Also keeps Streamlit's own origin check from looking up this machine's IPs.
            return await PlainTextResponse(labels.SIGN_IN_FORBIDDEN, 403)(scope, receive, send)
        if scope["path"] in PUBLIC:
            return await self.app(scope, receive, send)
        token = conn.cookies.get(COOKIE)
        new_cookie = None
        try:
            if trusted_proxy and (account := conn.headers.get(rules.sso_header)):
                token, new_cookie = await self._sso(token, account, client_of(scope))
            checked = await run_in_threadpool(gatekeeper.check, token)
        except gatekeeper.DatabaseMissing:
            log.error("database missing: %s", gatekeeper.startup.database_path())
            return await PlainTextResponse(labels.SIGN_IN_DB_MISSING, 503)(scope, receive, send)
        except Exception:  # an unknown SSO account, a broken database...
            log.exception("gate refused %s", scope["path"])
            checked = None
        if checked is None or checked.viewer is None:
            return await self._refuse(scope, receive, send,
                                      checked.reason if checked else "bad")
        scope["headers"] = [*headers, (SESSION_HEADER, token.encode())]
        if new_cookie is not None and scope["type"] == "http":
            send = _with_cookie(send, new_cookie)
        return await self.app(scope, receive, send)

    async def _sso(self, token: str | None, account: str, client: str | None):
        """The cookie's session when it is this account's, else a new one (and its cookie)."""
        checked = await run_in_threadpool(gatekeeper.check, token)
        if checked.viewer is not None and checked.viewer.account_id == account:
            return token, None
        if checked.viewer is not None:  # the proxy now vouches for someone else
            await run_in_threadpool(gatekeeper.sign_out, token, client)
        token = await run_in_threadpool(gatekeeper.trusted_session, account, client)
        return token, cookie_header(token)

    @staticmethod
    async def _refuse(scope, receive, send, reason: str):
        path = scope["path"]
        if (scope["type"] == "http" and scope["method"] in ("GET", "HEAD")
                and not path.startswith(_NOT_PAGES)):
            target = path + (f"?{scope['query_string'].decode('latin-1')}"
                             if scope.get("query_string") else "")
            where = "/login" + ("" if target == "/" else f"?next={quote(target, safe='')}")
            if reason not in ("none", "bad"):
                where += ("&" if "?" in where else "?") + f"ended={reason}"
            return await RedirectResponse(where, 303)(scope, receive, send)
        return await PlainTextResponse(labels.SIGN_IN_NEEDED, 401)(scope, receive, send)


def _with_cookie(send, cookie: bytes):
    async def sending(message):
        if message["type"] == "http.response.start":
            message = dict(message, headers=[*message.get("headers", []),
                                             (b"set-cookie", cookie)])
        await send(message)
    return sending
