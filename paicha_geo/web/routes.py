"""The sign-in routes: GET/POST /login and /logout (plain HTML; Streamlit's script cannot set
an HttpOnly cookie, and the sign-in must work with no JavaScript asset from anywhere)."""

from __future__ import annotations

import logging

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from paicha_geo import labels
from paicha_geo.render import geometry_store
from paicha_geo.render.login_page import login_page
from paicha_geo.services import gatekeeper
from paicha_geo.services.account_service import SignInRefused
from paicha_geo.services.session_service import COOKIE
from paicha_geo.web.gate import client_of, cookie_header, same_origin

log = logging.getLogger(__name__)
_NO_STORE = {"Cache-Control": "no-store", "X-Frame-Options": "DENY",
             "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                        "form-action 'self'; frame-ancestors 'none'"}


def safe_next(raw: str | None) -> str:
    """Only a path on this site (no //host, no scheme): the page asked for before sign-in."""
    raw = raw or ""
    if not raw.startswith("/") or raw.startswith(("//", "/\\")) or "\n" in raw or "\r" in raw:
        return "/"
    return raw


async def _page(request: Request, *, error: str | None = None, notice: str | None = None,
                account: str = "", status: int = 200) -> HTMLResponse:
    try:
        demo = await run_in_threadpool(gatekeeper.demo_accounts)
        if not await run_in_threadpool(gatekeeper.has_accounts):
            notice = labels.SIGN_IN_NO_ACCOUNTS
    except (gatekeeper.DatabaseMissing, gatekeeper.StoreBusyError) as exc:
        demo, error = [], _unavailable(exc)
    html = login_page(error=error, notice=notice, account=account, demo=demo,
                      next_url=safe_next(request.query_params.get("next")
                                         or (await _form(request)).get("next")),
                      demo_password=gatekeeper.DEMO_PASSWORD)
    return HTMLResponse(html, status_code=status, headers=_NO_STORE)


def _unavailable(exc: Exception) -> str:
    """The sign-in page's words for a database it cannot use; the detail goes to the log."""
    if isinstance(exc, gatekeeper.StoreBusyError):
        log.error("database busy: %s", labels.say(exc))
        return labels.DB_BUSY_PAGE
    log.error("database missing: %s", exc)
    return labels.SIGN_IN_DB_MISSING


async def _form(request: Request) -> dict:
    if request.method != "POST":
        return {}
    form = await request.form()
    return {k: str(v) for k, v in form.items() if isinstance(v, str)}


async def login_form(request: Request):
    ended = request.query_params.get("ended")
    notice = (labels.SIGN_IN_BYE if request.query_params.get("bye")
              else labels.SIGN_IN_ENDED.get(ended) if ended else None)
    return await _page(request, notice=notice)


async def login_post(request: Request):
    if not same_origin(request):
        return PlainTextResponse(labels.SIGN_IN_FORBIDDEN, 403)
    form = await _form(request)
    account = form.get("account", "").strip()[:40]
    try:
        token = await run_in_threadpool(gatekeeper.sign_in, account, form.get("password", ""),
                                        client_of(request.scope))
    except SignInRefused as exc:
        return await _page(request, error=labels.say(exc), account=account, status=401)
    except (gatekeeper.DatabaseMissing, gatekeeper.StoreBusyError):
        return await _page(request, status=503)
    response = RedirectResponse(safe_next(form.get("next")), 303, headers=_NO_STORE)
    response.raw_headers.append((b"set-cookie", cookie_header(token)))
    return response


async def logout(request: Request):
    """End the session and drop the cookie. A cross-site request carries no SameSite=Strict
    cookie, so it cannot sign anybody out."""
    token = request.cookies.get(COOKIE)
    if token:
        await run_in_threadpool(gatekeeper.sign_out, token, client_of(request.scope))
    response = RedirectResponse("/login?bye=1", 303, headers=_NO_STORE)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response


async def geometry(request: Request):
    """Map geometry by content key (render.geometry_store): cached by the browser for good."""
    body = geometry_store.body_of(request.path_params["name"])
    if body is None:
        return PlainTextResponse("", 404, headers={"Cache-Control": "no-store"})
    return Response(body, media_type="application/json",
                    headers={"Cache-Control": "private, max-age=31536000, immutable"})


def routes() -> list[Route]:
    geometry_store.enable()  # the route below serves it: big map layers may point here
    return [Route("/login", login_form, methods=["GET"]),
            Route("/login", login_post, methods=["POST"]),
            Route("/logout", logout, methods=["GET", "POST"]),
            Route(geometry_store.PREFIX + "{name}", geometry, methods=["GET"])]
