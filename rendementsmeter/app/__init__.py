"""The local web app (`rendementsmeter app`): the quarter's folder in the browser for team leads,
social workers and peer reviewers. A layer between the api and the command line: it calls only
`rendementsmeter.api` (and its readers' and writers' entry points), never click.

Modules: security (token, CSRF, safe names), state (the folder, read in the background),
uploads (a dropped case), pages and static (HTML, CSS, JS), routes (one function per page or
action), context (what routes share), server (HTTP and the guards on every request)."""

from __future__ import annotations

import html
import os
import socket
import sys
import threading
import webbrowser
from pathlib import Path
from typing import TextIO

from rendementsmeter.app.context import App
from rendementsmeter.app.server import make_server
from rendementsmeter.app.state import Map
from rendementsmeter.pricing.prijslijst import Prijslijst

STANDAARD_POORT = 8765
LOKAAL = ("127.0.0.1", "localhost")


def free_port(host: str, port: int) -> int:
    """`port` when it can be used on `host`, else 0 (the system then picks a free one)."""
    with socket.socket() as s:
        try:
            s.bind((host, port))
        except OSError:
            return 0
    return port


def start(root: Path, prijslijst: Prijslijst, host: str = "127.0.0.1", port: int = 0,
          token: str | None = None) -> tuple[App, threading.Thread]:  # fmt: skip
    """Start the app in a background thread (tests, notebooks); returns the app and the thread.
    Stop it with `stop(app)`."""
    app = App(Map(root, prijslijst), port, host, token)
    server = make_server(app, host)
    app.server = server
    app.map.look(force=True)
    thread = threading.Thread(target=server.serve_forever, name="app-server", daemon=True)
    thread.start()
    return app, thread


def stop(app: App) -> None:
    app.server.shutdown()
    app.server.server_close()
    app.close()


def opener(app: App) -> Path:
    """A private page (0600, in the app's temporary folder) that forwards to the address with the token,
    for the browser: a token on the browser's command line would be visible to other users of the
    computer in the process list (the approach Jupyter takes)."""
    path = app.map.cache.parent / "open.html"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        url = html.escape(app.adres(), quote=True)
        fh.write(f'<!DOCTYPE html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={url}">'
                 f'<title>Rendementsmeter</title><p><a href="{url}">Open de app</a></p>')  # fmt: skip
    return path


def run(root: Path, prijslijst: Prijslijst, host: str = "127.0.0.1", port: int | None = None,
        browser: bool = True, out: TextIO | None = None) -> None:  # fmt: skip
    """Serve until Ctrl-C. The first line on `out` (stdout) is the address with the access token."""
    out = out or sys.stdout
    chosen = free_port(host, STANDAARD_POORT) if port is None else port
    app, thread = start(root, prijslijst, host, chosen)
    print(app.adres(), file=out, flush=True)
    if port is None and chosen == 0:
        print(f"(Poort {STANDAARD_POORT} was bezet; een vrije poort is gekozen.)", file=sys.stderr)
    print("De app draait. Stoppen: Ctrl-C. Deel het adres niet: de sleutel erin geeft toegang.", file=sys.stderr)
    if browser:
        webbrowser.open(opener(app).as_uri())
    try:
        thread.join()
    except KeyboardInterrupt:
        try:
            print("App gestopt.", file=sys.stderr)
        except OSError:  # the terminal is gone (SIGHUP): stop all the same
            pass
    finally:
        stop(app)
