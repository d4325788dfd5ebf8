"""Private temporary folders that never outlive a killed run for long, and stop signals that clean up.

The app keeps uploads and a cache of readings in a temporary folder, and worker processes write what
they print there. `finally` and `TemporaryDirectory` clean up after an exception or Ctrl-C, but a
SIGKILL, an out-of-memory kill or a power cut leaves the folder, with case data in it, in the shared
temp folder. So every folder made here holds a lock for as long as its process lives (the kernel drops
it however the process ends), and making a folder first removes the folders of ours whose lock is free.
SIGTERM and SIGHUP (a closed terminal, a logout, a service manager) end a run the way Ctrl-C does, so
that its own `finally` blocks clean up at once.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import tempfile
import threading
import time
import weakref
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; a leftover stays until the system cleans its temp folder
    fcntl = None  # type: ignore[assignment]

PREFIX = "rendementsmeter-"
#: The kinds of folder made here; only folders named like them (as mkdtemp names them) are ever swept.
KINDS = ("werker", "app", "upload", "download")
_OURS = re.compile(rf"{PREFIX}(?:{'|'.join(KINDS)})-[a-z0-9_]{{8}}")
LOCK = ".in-gebruik"
#: A folder of ours without a lock file was made by a version before the lock (or is being made this
#: instant). It is only taken for a leftover when neither it nor anything in it changed for this long,
#: so that a running older version keeps its folder.
UNLOCKED_AGE = 24 * 3600.0


class TempDir:
    """A private (0700) temporary folder `rendementsmeter-<kind>-...`, locked while this object lives
    (or until `cleanup`; a TempDir that is dropped without it is cleaned up when it is collected)."""

    def __init__(self, kind: str):
        assert kind in KINDS
        sweep_leftovers()
        self.name = tempfile.mkdtemp(prefix=f"{PREFIX}{kind}-")
        self.path = Path(self.name)
        self._finalizer = weakref.finalize(self, _remove, self.name, None)  # from the start: never left
        fd = _locked(self.path) if fcntl is not None else None
        if fd is not None:
            self._finalizer.detach()
            self._finalizer = weakref.finalize(self, _remove, self.name, fd)

    def cleanup(self) -> None:
        """Remove the folder and everything in it (again and again: a second call does nothing)."""
        self._finalizer()

    def __enter__(self) -> TempDir:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cleanup()


def _locked(path: Path) -> int | None:
    """Lock a new lock file and only then give it its name, so that no sweep ever sees it unlocked.
    A file system without locks (NFS without lockd) gets no lock: the folder is then only swept by age."""
    tmp = path / (LOCK + ".nieuw")
    try:
        fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:  # (no file descriptor left, say): a folder without a lock
        return None
    try:
        assert fcntl is not None
        fcntl.flock(fd, fcntl.LOCK_EX)  # nobody else knows this name: it cannot be held
        os.rename(tmp, path / LOCK)
    except OSError:
        os.close(fd)
        return None
    return fd


def _remove(name: str, fd: int | None) -> None:
    shutil.rmtree(name, ignore_errors=True)
    if fd is not None:
        os.close(fd)


def _unchanged_since(path: str, info: os.stat_result, since: float, limit: int = 10_000) -> bool:
    """Whether neither a folder nor anything in it was modified after `since` (a folder's own time does
    not change when a file in it is written). Stops at the first recent change; a folder of more than
    `limit` entries is not ours to judge and counts as changed."""
    if info.st_mtime > since:
        return False
    seen = 0
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            seen += 1
            try:
                if seen > limit or os.lstat(os.path.join(root, name)).st_mtime > since:
                    return False
            except OSError:
                continue
    return True


def _leftover(entry: os.DirEntry[str], now: float) -> bool:
    """Whether `entry` is a folder of ours (this user's, named as we name them) whose process has ended."""
    if not _OURS.fullmatch(entry.name):
        return False
    try:
        info = entry.stat(follow_symlinks=False)
        if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            return False
        try:
            fd = os.open(os.path.join(entry.path, LOCK), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            return _unchanged_since(entry.path, info, now - UNLOCKED_AGE)
        try:
            assert fcntl is not None
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free: its process has ended
        except OSError:
            return False  # held: in use
        finally:
            os.close(fd)
        return True
    except OSError:
        return False


def sweep_leftovers(folder: str | None = None) -> int:
    """Remove the temporary folders of ended runs of this user; returns how many went."""
    if fcntl is None:
        return 0
    now = time.time()
    gone = 0
    try:
        entries = [e for e in os.scandir(folder or tempfile.gettempdir()) if e.name.startswith(PREFIX)]
    except OSError:
        return 0
    for entry in entries:
        try:
            if _leftover(entry, now):
                shutil.rmtree(entry.path, ignore_errors=True)
                gone += not os.path.lexists(entry.path)
        except Exception:  # (a folder too deep to walk, say): a leftover that stays never stops a run
            continue
    return gone


class Beeindigd(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM, or SIGHUP when its terminal closed)."""


def _stop(signum: int, frame: object) -> None:
    raise Beeindigd(signum)


def _stop_signals() -> list[int]:
    return [getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]


def stop_as_interrupt() -> dict[int, object]:
    """Let SIGTERM and SIGHUP end the main thread as Ctrl-C does, so that `finally` blocks remove
    temporary folders and half-written files. Returns the handlers it replaced (see `restore`)."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    # a signal that is ignored stays ignored (`nohup` sets SIGHUP so, to outlive the terminal), and so
    # does one with a handler from outside Python (getsignal gives None: it could not be put back)
    return {s: signal.signal(s, _stop) for s in _stop_signals() if signal.getsignal(s) not in (signal.SIG_IGN, None)}


def restore(previous: dict[int, object]) -> None:
    for s, handler in previous.items():
        signal.signal(s, handler)  # type: ignore[arg-type]


def default_signals() -> None:
    """Back to the system's handling of SIGTERM and SIGHUP where `stop_as_interrupt` took them over (in
    a worker process); an ignored signal (`nohup`) stays ignored."""
    for s in _stop_signals():
        if signal.getsignal(s) is _stop:
            signal.signal(s, signal.SIG_DFL)


def exit_status(interrupt: KeyboardInterrupt) -> int:
    """The shell's exit status for a run ended by a signal: 128 + its number (Ctrl-C 130, SIGTERM 143,
    SIGHUP 129)."""
    return 128 + (interrupt.args[0] if isinstance(interrupt, Beeindigd) else int(signal.SIGINT))
