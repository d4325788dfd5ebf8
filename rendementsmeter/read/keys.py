"""The organisation's secret key for export pseudonyms (read/export.py), and the pseudonym itself.

Without a key, a pool partner who knows the pattern of case numbers (TEAM-W12-001, ...) could
compute the pseudonym of any case number and match it; with an HMAC under a key that stays in the
organisation, that is impossible. Plain Python: `rendementsmeter --help` stays light."""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

SLEUTEL_BYTES = 32


def standaard_sleutel() -> Path:
    """Where the organisation's export key lives by default: the user's configuration folder."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "rendementsmeter" / "exportsleutel"


class SleutelFout(ValueError):
    """The export key file cannot be read or made."""


def load_sleutel(path: Path | str | None = None) -> tuple[bytes, Path, bool]:
    """(key, its file, newly made) for export pseudonyms. A missing key file is made with 32 random
    bytes, readable by its owner only; an existing one must hold at least 32 bytes."""
    target = Path(path) if path else standaard_sleutel()
    try:
        key = target.read_bytes()
    except FileNotFoundError:
        key = os.urandom(SLEUTEL_BYTES)
        try:
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(key)
        except OSError as exc:
            raise SleutelFout(f"De exportsleutel {target} kan niet gemaakt worden ({exc.strerror}).") from None
        return key, target, True
    except OSError as exc:
        raise SleutelFout(f"De exportsleutel {target} kan niet gelezen worden ({exc.strerror}).") from None
    if len(key) < SLEUTEL_BYTES:
        raise SleutelFout(
            f"{target} is geen exportsleutel (minder dan {SLEUTEL_BYTES} bytes). Geef de sleutel van uw organisatie "
            "met --sleutel, of kies een nieuw pad: dan maakt de rendementsmeter een nieuwe sleutel."
        )
    return key, target, False


def pseudonym(organisatie: str, casusnummer: str, sleutel: bytes) -> str:
    """A stable pseudonymous case id: 16 hex characters of HMAC-SHA-256 (key: the organisation's secret)
    over organisation and case number."""
    message = f"{organisatie}|{casusnummer.casefold()}".encode()
    return hmac.new(sleutel, message, hashlib.sha256).hexdigest()[:16]
