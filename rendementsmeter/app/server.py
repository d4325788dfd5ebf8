"""The HTTP side of the app: the standard library's ThreadingHTTPServer, the guards of security.py on
every request, and a small routing table. Pages come from pages.py, numbers from rendementsmeter.api
(through state.Map and uploads.Uploads), downloads from the api's writers."""

from __future__ import annotations

import json
import sys
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from rendementsmeter.app import routes
from rendementsmeter.app.context import Antwoord, App
from rendementsmeter.app.security import host_ok, origin_ok
from rendementsmeter.app.static import CSS, JS
from rendementsmeter.app.uploads import MAX_UPLOAD

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'")  # fmt: skip
#: The report is one self-contained HTML file with its own inline style sheet (and no script).
CSP_RAPPORT = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'"
MAX_FORM = 2 * 1024 * 1024


def doorsturen(target: str) -> str:
    """A page that goes on to `target` (same origin) once the cookie is set."""
    url = escape(target, quote=True)
    return (f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={url}">'
            f'<title>Rendementsmeter</title></head><body><p><a href="{url}">Verder naar de app</a></p></body></html>')  # fmt: skip


class Handler(BaseHTTPRequestHandler):
    server_version = "rendementsmeter"
    sys_version = ""
    app: App  # set on the subclass made by make_server

    # -- logging: method, route and status only; never the query (the token), names or contents
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        route = urlsplit(self.path).path if hasattr(self, "path") else "?"
        if route == "/status" and code == 200:
            return  # the page asks every few seconds; not worth a line
        sys.stderr.write(f"{self.log_date_time_string()} {getattr(self, 'command', '?')} {route} {code}\n")

    def log_error(self, format: str, *args: Any) -> None:  # noqa: A002  (the standard signature)
        sys.stderr.write(f"{self.log_date_time_string()} verzoek geweigerd\n")

    # -- the guards -----------------------------------------------------------------------------
    def _refuse(self, status: int = HTTPStatus.FORBIDDEN) -> None:
        self._send(Antwoord("Geen toegang. Open de app via het adres met de sleutel (token) dat bij het "
                            "starten werd getoond.", status, "text/plain; charset=utf-8"))  # fmt: skip

    def _guard(self) -> tuple[str, dict[str, list[str]]] | None:
        """The route and query of an allowed request; None after refusing it."""
        app = self.app
        if app.hosts is not None and not host_ok(self.headers.get("Host"), app.hosts):
            self._refuse()
            return None
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        given = query.pop("token", [None])[0]
        if given is not None and app.sleutel.matches(given) and self.command == "GET":
            rest = urlencode(query, doseq=True)
            # not a redirect: a navigation that started elsewhere (the browser opener, a bookmark) and is
            # redirected stays cross-site, and the SameSite=Strict cookie would not come along
            self._send(
                Antwoord(doorsturen(parts.path + (f"?{rest}" if rest else ""))),
                {"Set-Cookie": app.sleutel.set_cookie()},
            )
            return None
        if not app.sleutel.matches(app.sleutel.from_cookie(self.headers.get("Cookie"))):
            self._refuse()
            return None
        return parts.path, query

    def _cross_site(self, form: dict[str, list[str]]) -> bool:
        """True when a state-changing request may come from another site (then it is refused)."""
        app = self.app
        if self.headers.get("Sec-Fetch-Site") not in (None, "same-origin", "none"):
            return True
        if not origin_ok(self.headers.get("Origin"), app.origins):
            return True
        return not app.sleutel.csrf_ok(self.headers.get("X-CSRF") or form.get("csrf", [None])[0])

    # -- sending --------------------------------------------------------------------------------
    def _send(self, a: Antwoord, extra: dict[str, str] | None = None) -> None:
        self.send_response(a.status)
        rapport = a.headers.get("X-Rapport") == "1"
        headers = {
            **a.headers,
            "Content-Length": str(len(a.body)),
            "Content-Security-Policy": CSP_RAPPORT if rapport else CSP,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "same-origin",  # "no-referrer" makes Chromium send Origin: null on a form POST
            "Cache-Control": "no-store",
            "X-Frame-Options": "SAMEORIGIN",
            **(extra or {}),
        }
        headers.pop("X-Rapport", None)
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(a.body)

    # -- methods --------------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802  (the standard name)
        allowed = self._guard()
        if allowed is None:
            return
        route, query = allowed
        if route == "/static/app.css":
            return self._send(Antwoord(CSS, type_="text/css; charset=utf-8"))
        if route == "/static/app.js":
            return self._send(Antwoord(JS, type_="text/javascript; charset=utf-8"))
        if route == "/status":
            return self._send(Antwoord(json.dumps(routes.status(self.app)), type_="application/json"))
        handler = routes.GET.get(route)
        if handler is None:
            return self._send(Antwoord("Deze pagina bestaat niet.", HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8"))
        self._send(handler(self.app, {k: v[-1] for k, v in query.items()}))

    def do_POST(self) -> None:  # noqa: N802
        allowed = self._guard()
        if allowed is None:
            return
        route, _ = allowed
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self._send(Antwoord("Lengte ontbreekt.", HTTPStatus.LENGTH_REQUIRED, "text/plain; charset=utf-8"))
        limit = MAX_UPLOAD if route == "/werker/controleer" else MAX_FORM
        if length < 0 or length > limit:
            self.close_connection = True
            return self._send(Antwoord("Te groot.", HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "text/plain; charset=utf-8"))
        data = self.rfile.read(length)
        form: dict[str, list[str]] = {}
        if route != "/werker/controleer":
            form = parse_qs(data.decode("utf-8", "replace"), keep_blank_values=True)
        if self._cross_site(form):
            return self._refuse()
        if route == "/werker/controleer":
            naam = unquote(self.headers.get("X-Bestandsnaam", ""))
            return self._send(routes.controleer(self.app, naam, data))
        handler = routes.POST.get(route)
        if handler is None:
            return self._send(Antwoord("Onbekende actie.", HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8"))
        self._send(handler(self.app, {k: v[-1] for k, v in form.items()}))

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()


def make_server(app: App, host: str) -> ThreadingHTTPServer:
    """The server on (host, app.port); port 0 picks a free one (app.port is then updated)."""
    handler = type("AppHandler", (Handler,), {"app": app})
    server = ThreadingHTTPServer((host, app.port), handler)
    server.daemon_threads = True
    if app.port == 0:
        app.port = server.server_address[1]
        app.sleutel.cookie = f"rendementsmeter_{app.port}"
        app.hosts = {f"127.0.0.1:{app.port}", f"localhost:{app.port}"} if app.hosts is not None else None
        app.origins = {f"127.0.0.1:{app.port}", f"localhost:{app.port}", f"{app.host}:{app.port}"}
    return server
