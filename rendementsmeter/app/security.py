"""The app's guards: the access token, protection against cross-site requests, safe file names.

The token is printed once (in the address on stdout). The first request that carries it in the
address (`?token=...`) gets it as a cookie (HttpOnly, SameSite=Strict) and is redirected to the same
page without it, so the token does not stay in the address bar, the history or a Referer. Every
request needs the token, by cookie or by address; without it: 403.

State-changing requests (POST) also need the form's CSRF value (derived from the token, so a page
of another site cannot know it), and their Origin, when the browser sends one, must be this app.
The Host header must name this app too, so a web page cannot reach it through a DNS name that
points at 127.0.0.1 (DNS rebinding).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from http.cookies import SimpleCookie
from pathlib import Path

#: Extensions a case file may have (what the reader can read).
CASE_SUFFIXES = (".xlsx", ".xlsm", ".ods")
#: Names Windows reserves; a file called so cannot be opened there.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_UNSAFE = re.compile(r"[^\w .()+-]+")


class Sleutel:
    """The access token of one app run and what is derived from it."""

    def __init__(self, token: str | None = None, port: int = 0):
        self.token = token or secrets.token_urlsafe(24)
        self.cookie = f"rendementsmeter_{port}"  # cookies are shared between ports of one host
        self.csrf = hmac.new(self.token.encode(), b"csrf", hashlib.sha256).hexdigest()[:32]

    def matches(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())

    def from_cookie(self, header: str | None) -> str | None:
        if not header:
            return None
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(header)
        except Exception:  # a malformed Cookie header is just no token
            return None
        morsel = jar.get(self.cookie)
        return morsel.value if morsel else None

    def set_cookie(self) -> str:
        return f"{self.cookie}={self.token}; Path=/; HttpOnly; SameSite=Strict"

    def csrf_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.csrf.encode())


def host_ok(host_header: str | None, allowed: set[str]) -> bool:
    """The Host header names this app (127.0.0.1:PORT, localhost:PORT or the --host name)."""
    return host_header is not None and host_header.strip().lower() in allowed


def origin_ok(origin: str | None, allowed: set[str]) -> bool:
    """A browser's Origin, when sent, must be this app; a missing Origin is fine (the CSRF value decides)."""
    if origin is None:
        return True
    return origin.lower().removeprefix("http://") in allowed


def sanitise_name(raw: str, suffixes: tuple[str, ...] = CASE_SUFFIXES) -> str | None:
    """A safe file name from a name sent by a browser, or None when nothing usable is left.

    Only the last path component counts; control characters, separators and other odd characters
    become '-'; no leading dot or '~' (hidden and lock files); at most 100 characters; the extension
    must be one of `suffixes` (lower case); Windows' reserved names get a prefix."""
    name = unicodedata.normalize("NFC", raw).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch if ch.isprintable() else "-" for ch in name)
    name = _UNSAFE.sub("-", name).strip(" .-~")
    stem, dot, ext = name.rpartition(".")
    if not dot or f".{ext.lower()}" not in suffixes:
        return None
    stem = re.sub(r"-{2,}", "-", stem).strip(" .-")[:95] or "casus"
    if stem.lower() in _RESERVED:
        stem = f"casus-{stem}"
    return f"{stem}.{ext.lower()}"


def inside(root: Path, name: str) -> Path | None:
    """`root/name` when it stays inside `root` (no separators, no '..', no link out); else None."""
    if not name or "/" in name or "\\" in name or name in (".", ".."):
        return None
    target = root / name
    try:
        if target.is_symlink() or target.resolve().parent != root.resolve():
            return None
    except OSError:
        return None
    return target
