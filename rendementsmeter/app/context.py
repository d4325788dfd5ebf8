"""What the routes share: the answer type and the state of one run of the app."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from rendementsmeter.app import pages
from rendementsmeter.app.security import Sleutel
from rendementsmeter.app.state import Map
from rendementsmeter.app.uploads import Uploads
from rendementsmeter.core.tempdirs import TempDir


class Antwoord:
    """What a route gives back: a status, a body, headers."""

    def __init__(self, body: bytes | str = b"", status: int = 200, type_: str = "text/html; charset=utf-8",
                 headers: dict[str, str] | None = None):  # fmt: skip
        self.body = body.encode("utf-8") if isinstance(body, str) else body
        self.status = status
        self.headers = {"Content-Type": type_, **(headers or {})}

    @classmethod
    def naar(cls, location: str) -> Antwoord:
        return cls(b"", HTTPStatus.SEE_OTHER, headers={"Location": location})

    @classmethod
    def bestand(cls, data: bytes, naam: str, type_: str) -> Antwoord:
        return cls(data, 200, type_, {"Content-Disposition": f'attachment; filename="{naam}"'})


class App:
    """Everything one run of the app holds: the folder, the uploads, the token, the allowed hosts."""

    def __init__(self, map_: Map, port: int, host: str = "127.0.0.1", token: str | None = None):
        self.map = map_
        self.uploads = Uploads(map_.root, map_.prijslijst)
        self.sleutel = Sleutel(token, port)
        self.port = port
        self.host = host
        local = host in ("127.0.0.1", "localhost")
        self.hosts: set[str] | None = {f"127.0.0.1:{port}", f"localhost:{port}"} if local else None
        self.origins = {f"127.0.0.1:{port}", f"localhost:{port}", f"{host}:{port}"}
        self.server: Any = None  # the HTTP server, once started

    def adres(self) -> str:
        return f"http://{self.host}:{self.port}/?{urlencode({'token': self.sleutel.token})}"

    def page(self, titel: str, body: str, pad: str, volg: str = "") -> Antwoord:
        versie = self.map.stand.versie if volg else None
        return Antwoord(pages.layout(titel, body, csrf=self.sleutel.csrf, pad=pad, map_naam=self.map.root.name,
                                     versie=versie, volg=volg))  # fmt: skip

    def close(self) -> None:
        self.uploads.close()
        self.map.close()


@contextmanager
def tijdelijk_bestand(naam: str) -> Iterator[Path]:
    """A path in a private temporary folder for a download; the folder is removed afterwards."""
    with TempDir("download") as folder:
        yield folder.path / naam
