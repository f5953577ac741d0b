"""The review web application (Starlette + Jinja2, rendered on the server, a little plain JS).

Pages: ``/`` lists the document sets; ``/sets/{id}`` shows one set side by side, a page at a time;
``/sets/{id}/units/{uid}/edit`` edits a unit's segments. Every change is a POST to
``/sets/{id}/units/{uid}`` (or ``/sets/{id}/undo``) carrying the page's CSRF token and the unit
versions it showed, answered by a redirect back to the page (or a 409 page on a version conflict).

Safety: the Host header must name this server (no DNS rebinding), a POST's Origin (or Referer)
must be this server, and its CSRF token must match the one this process put in its pages; text is
escaped by Jinja2's autoescape, and a Content-Security-Policy allows only this server's own script.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import socket
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from tmtool import __version__
from tmtool.errors import ConflictError, ReviewError, TmtoolError
from tmtool.review.search import find_units
from tmtool.search.query import QueryError
from tmtool.store import Store
from tmtool.store.review import ActionResult, Reviewer, ReviewPage, ReviewUnit

HERE = Path(__file__).resolve().parent

#: below this confidence a unit counts as low-confidence (``tmtool align --min-score``'s default)
LOW_SCORE = 0.5
HIGH_SCORE = 0.8

#: what a redirect's ``done`` parameter may say, shown in the page's status line
DONE_MESSAGES = {
    "accept": "Accepted.",
    "reject": "Rejected.",
    "merge": "Merged with the next unit.",
    "split": "Split in two.",
    "move": "Moved the sentence to the neighbouring unit.",
    "edit": "Saved the edited text (the original stays stored).",
    "undo": "Undid the last action.",
}

#: the set page's query parameters that a redirect keeps
PAGE_PARAMS = ("open", "order", "q", "page")

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


@dataclass(frozen=True)
class ReviewSettings:
    page_size: int = 100
    low_score: float = LOW_SCORE


@dataclass(frozen=True)
class HostCheck:
    """Which Host headers this server answers: the exact ``name:port`` values, and with
    ``ip_port`` (a wildcard address) any IP literal on that port. A DNS name that is not listed
    is refused, so a rebinding site cannot become "same origin" with the app."""

    exact: frozenset[str]
    ip_port: int | None = None

    def __call__(self, header: str) -> bool:
        if header in self.exact:
            return True
        if self.ip_port is None:
            return False
        name, _, port = header.rpartition(":")
        try:
            ipaddress.ip_address(name.strip("[]"))
        except ValueError:
            return False
        return port == str(self.ip_port)


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address to listen on, IPv6 without brackets) reaches this machine
    only: then no other machine can edit the memory."""
    return _bracketed(host) in LOOPBACK_NAMES


def _bracketed(host: str) -> str:
    """An IPv6 address as a Host header names it (``[::1]``); other hosts as they are."""
    return f"[{host}]" if ":" in host else host


def allowed_hosts(host: str, port: int) -> HostCheck:
    """The Host check for a server listening on ``host:port``: its address, plus the loopback
    names when it listens on loopback; for a wildcard address, this machine's names and any IP."""
    wildcard = host in ("0.0.0.0", "::", "")
    name = _bracketed(host)
    if wildcard:
        names = {*LOOPBACK_NAMES, socket.gethostname(), socket.getfqdn()}
    else:
        names = {name, *LOOPBACK_NAMES} if is_loopback(host) else {name}
    exact = {f"{n}:{port}" for n in names} | (names if port == 80 else set())
    return HostCheck(frozenset(exact), port if wildcard else None)


def confidence_band(score: float | None, low_score: float) -> tuple[str, str]:
    """(band, symbol): colour is never the only cue."""
    if score is None:
        return "none", "–"
    if score < low_score:
        return "low", "!"
    if score < HIGH_SCORE:
        return "medium", "~"
    return "high", "✓"


class Guard(BaseHTTPMiddleware):
    """Host check on every request, Origin/Referer check on every POST, security headers."""

    def __init__(self, app: Any, hosts: HostCheck) -> None:
        super().__init__(app)
        self.hosts = hosts

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        started, cpu = time.perf_counter(), time.process_time()
        host = request.headers.get("host", "")
        if not self.hosts(host):
            response: Response = PlainTextResponse("Refused: unexpected Host header.", 400)
        elif request.method not in ("GET", "HEAD") and not same_origin(request, host):
            response = PlainTextResponse("Refused: the request did not come from this page.", 403)
        else:
            response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        wall = (time.perf_counter() - started) * 1000
        cpu_ms = (time.process_time() - cpu) * 1000
        response.headers["Server-Timing"] = f"app;dur={wall:.1f}, cpu;dur={cpu_ms:.1f}"
        return response


def same_origin(request: Request, host: str) -> bool:
    """A POST must say it comes from a page of this server (Origin, else Referer)."""
    expected = f"{request.url.scheme}://{host}"
    origin = request.headers.get("origin")
    if origin is not None:
        return origin == expected
    referer = request.headers.get("referer")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" == expected
    return False


class ReviewApp:
    """The request handlers, bound to one open memory and one CSRF token."""

    def __init__(self, store: Store, settings: ReviewSettings) -> None:
        self.store = store
        self.reviewer = Reviewer(store)
        self.settings = settings
        self.csrf_token = secrets.token_urlsafe(32)
        self.templates = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.globals.update(
            csrf_token=self.csrf_token,
            version=__version__,
            band=lambda score: confidence_band(score, settings.low_score),
        )

    def render(self, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        html = self.templates.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status_code)

    def failure(self, exc: TmtoolError, back: str, status_code: int = 400) -> HTMLResponse:
        conflict = isinstance(exc, ConflictError)
        return self.render(
            "error.html",
            status_code=409 if conflict else status_code,
            title="Not saved: changed elsewhere" if conflict else "Not possible",
            message=str(exc),
            back=back,
        )

    # --- pages ---

    async def overview(self, request: Request) -> Response:
        sets = self.reviewer.sets(self.settings.low_score)
        return self.render("overview.html", sets=sets, low_score=self.settings.low_score)

    async def document_set(self, request: Request) -> Response:
        set_id = int(request.path_params["set_id"])
        params = request.query_params
        try:
            overview = self.reviewer.overview(set_id, self.settings.low_score)
        except ReviewError as exc:
            return self.failure(exc, "/", 404)
        query = params.get("q", "").strip()
        open_only = params.get("open") == "1"
        by_score = params.get("order") == "score"
        page_number = max(1, _int(params.get("page"), 1))
        size = self.settings.page_size
        only_ids, search_error = None, None
        if query:
            try:
                only_ids = find_units(self.reviewer, set_id, query)
            except QueryError as exc:  # `tmtool search`'s words: "nothing to search for in ..."
                only_ids, search_error = [], str(exc)

        def fetch(number: int) -> ReviewPage:
            return self.reviewer.page(
                set_id,
                open_only=open_only,
                by_score=by_score,
                only_ids=only_ids,
                offset=(number - 1) * size,
                limit=size,
            )

        page = fetch(page_number)
        pages = max(1, -(-page.total // size))
        if page_number > pages:  # the last page's units all reviewed away, or an old link
            page_number = pages
            page = fetch(page_number)
        state = {"open": "1" if open_only else "", "order": "score" if by_score else "", "q": query}
        return self.render(
            "set.html",
            set=overview,
            langs=overview.langs,
            page=page,
            page_number=page_number,
            pages=pages,
            first=(page_number - 1) * size + 1,
            query=query,
            search_error=search_error,
            open_only=open_only,
            by_score=by_score,
            back=_query_string({**state, "page": str(page_number)}),
            link=lambda **change: _query_string({**state, "page": str(page_number), **change}),
            done=DONE_MESSAGES.get(params.get("done", "")),
            focus=_int(params.get("focus"), 0),
            history=self.reviewer.history(set_id)[:5],
        )

    async def edit_page(self, request: Request) -> Response:
        set_id = int(request.path_params["set_id"])
        unit_id = int(request.path_params["unit_id"])
        back = _clean_back(request.query_params.get("back", ""))
        try:
            overview = self.reviewer.overview(set_id, self.settings.low_score)
            unit = self.reviewer.unit(set_id, unit_id)
        except ReviewError as exc:
            return self.failure(exc, f"/sets/{set_id}", 404)
        return self.render("edit.html", set=overview, langs=overview.langs, unit=unit, back=back)

    # --- actions ---

    async def unit_action(self, request: Request) -> Response:
        set_id = int(request.path_params["set_id"])
        unit_id = int(request.path_params["unit_id"])
        form = await request.form()
        back = _clean_back(str(form.get("back", "")))
        if not self.csrf_ok(form):
            return csrf_refusal()
        try:
            result = self.apply(set_id, unit_id, form)
        except TmtoolError as exc:
            return self.failure(exc, set_page(set_id, back, focus=unit_id))
        focus = result.unit_ids[0] if result.unit_ids else unit_id
        return redirect(set_page(set_id, back, done=result.action, focus=focus))

    def apply(self, set_id: int, unit_id: int, form: FormData) -> ActionResult:
        """Run the action a unit's form asks for; the versions it sent refuse a stale page."""
        action = str(form.get("action", ""))
        version = _required_int(form, "version")
        if action in ("accept", "reject"):
            status = "reviewed" if action == "accept" else "rejected"
            return self.reviewer.set_status(set_id, unit_id, version, status)
        if action == "merge":
            return self.reviewer.merge_with_next(
                set_id,
                unit_id,
                version,
                _required_int(form, "next_id"),
                _required_int(form, "next_version"),
            )
        if action == "split":
            return self.reviewer.split(set_id, unit_id, version)
        if action.startswith("move:"):
            _, lang, direction = [*action.split(":"), "", ""][:3]
            neighbour = "next" if direction == "down" else "prev"
            return self.reviewer.move(
                set_id,
                unit_id,
                version,
                lang,
                direction,
                _required_int(form, f"{neighbour}_id"),
                _required_int(form, f"{neighbour}_version"),
            )
        if action == "edit":
            return self.reviewer.edit(
                set_id,
                unit_id,
                version,
                _required_int(form, "segment_id"),
                str(form.get("expected", "")),
                str(form.get("text", "")),
            )
        raise ReviewError(f"unknown action {action!r}")

    async def undo(self, request: Request) -> Response:
        set_id = int(request.path_params["set_id"])
        form = await request.form()
        back = _clean_back(str(form.get("back", "")))
        if not self.csrf_ok(form):
            return csrf_refusal()
        try:
            result = self.reviewer.undo(set_id)
        except TmtoolError as exc:
            return self.failure(exc, set_page(set_id, back))
        focus = result.unit_ids[0] if result.unit_ids else None
        return redirect(set_page(set_id, back, done="undo", focus=focus))

    def csrf_ok(self, form: FormData) -> bool:
        sent = form.get("csrf")
        return isinstance(sent, str) and hmac.compare_digest(sent, self.csrf_token)


def set_page(set_id: int, back: str, *, done: str = "", focus: int | None = None) -> str:
    """The URL of a set page with the reviewer's filters (``back``), scrolled to ``focus``."""
    extra = _query_string({"done": done, "focus": str(focus) if focus else ""})
    query = "&".join(part for part in (back, extra) if part)
    return f"/sets/{set_id}" + (f"?{query}" if query else "") + (f"#u{focus}" if focus else "")


def csrf_refusal() -> Response:
    return PlainTextResponse("Refused: missing or wrong CSRF token; reload the page.", 403)


def redirect(url: str) -> Response:
    return RedirectResponse(url, status_code=303)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _required_int(form: FormData, name: str) -> int:
    value = form.get(name)
    try:
        return int(str(value))
    except ValueError:
        raise ReviewError(f"the form sent no valid {name}; reload the page") from None


def _query_string(values: dict[str, str]) -> str:
    return urlencode({key: value for key, value in values.items() if value})


def _clean_back(back: str) -> str:
    """The set page's own parameters from ``back`` (nothing else is echoed into a redirect)."""
    from urllib.parse import parse_qsl

    kept = {key: value for key, value in parse_qsl(back) if key in PAGE_PARAMS}
    return _query_string(kept)


def create_app(
    store: Store,
    *,
    hosts: HostCheck | Iterable[str],
    settings: ReviewSettings | None = None,
) -> Starlette:
    """The review application over an open memory; ``hosts``: the Host headers to answer
    (``allowed_hosts``, or exact values)."""
    if not isinstance(hosts, HostCheck):
        hosts = HostCheck(frozenset(hosts))
    handlers = ReviewApp(store, settings or ReviewSettings())
    routes = [
        Route("/", handlers.overview),
        Route("/sets/{set_id:int}", handlers.document_set),
        Route("/sets/{set_id:int}/undo", handlers.undo, methods=["POST"]),
        Route("/sets/{set_id:int}/units/{unit_id:int}", handlers.unit_action, methods=["POST"]),
        Route("/sets/{set_id:int}/units/{unit_id:int}/edit", handlers.edit_page),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(Guard, hosts=hosts)],
    )
    app.state.handlers = handlers
    return app


__all__ = [
    "LOW_SCORE",
    "ReviewSettings",
    "ReviewUnit",
    "allowed_hosts",
    "create_app",
    "is_loopback",
]
