"""Temporary folders with case data never outlive a killed run for long."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from rendementsmeter.core import tempdirs
from rendementsmeter.core.tempdirs import LOCK, TempDir, sweep_leftovers

pytestmark = pytest.mark.skipif(tempdirs.fcntl is None, reason="no flock on this system")


@pytest.fixture
def temp(tmp_path, monkeypatch):
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(folder))
    return folder


def ours(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("rendementsmeter-"))


def test_a_folder_is_private_locked_and_removed(temp):
    with TempDir("app") as tmp:
        assert tmp.path.parent == temp and tmp.path.name.startswith("rendementsmeter-app-")
        assert tmp.path.stat().st_mode & 0o777 == 0o700
        (tmp.path / "cache.sqlite").write_bytes(b"lezingen")
        assert sweep_leftovers() == 0 and (tmp.path / "cache.sqlite").exists()  # in use: left alone
    assert ours(temp) == []
    tmp.cleanup()  # a second time does nothing


def test_the_folder_of_a_killed_process_goes_when_the_next_folder_is_made(temp):
    script = textwrap.dedent(f"""\
        import tempfile, time
        tempfile.tempdir = {str(temp)!r}
        from rendementsmeter.core.tempdirs import TempDir
        tmp = TempDir("upload")
        (tmp.path / "casus.xlsx").write_bytes(b"gegevens van een client")
        print(tmp.name, flush=True)
        time.sleep(120)
        """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    name = proc.stdout.readline().strip()  # type: ignore[union-attr]
    assert os.path.exists(os.path.join(name, "casus.xlsx"))
    assert sweep_leftovers() == 0  # its process still runs
    os.kill(proc.pid, signal.SIGKILL)  # no finally, no atexit
    proc.wait()
    proc.stdout.close()  # type: ignore[union-attr]
    assert ours(temp) == [os.path.basename(name)]
    with TempDir("werker") as tmp:
        assert ours(temp) == [tmp.path.name]


def test_a_folder_without_lock_goes_only_when_nothing_in_it_changed_for_a_day(temp):
    old, busy, new = (temp / f"rendementsmeter-{k}" for k in ("werker-oud12345", "app-bezig123", "upload-nieuw123"))
    day_ago = time.time() - tempdirs.UNLOCKED_AGE - 60
    for folder in (old, busy, new):
        folder.mkdir()
        (folder / "werker-1.txt").write_text("Traceback", encoding="utf-8")
    for folder in (old, busy):
        os.utime(folder / "werker-1.txt", (day_ago, day_ago))
        os.utime(folder, (day_ago, day_ago))
    (busy / "cache.sqlite").write_bytes(b"")  # written just now: the folder's own time is old
    os.utime(busy, (day_ago, day_ago))
    assert sweep_leftovers() == 1
    assert ours(temp) == ["rendementsmeter-app-bezig123", "rendementsmeter-upload-nieuw123"]


def test_only_our_folders_are_touched(temp, tmp_path):
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / LOCK).write_bytes(b"")  # free lock, but not in the temp folder itself
    (temp / "rendementsmeter-app-link1234").symlink_to(elsewhere)  # a link is not followed
    (temp / "rendementsmeter-app-bestand1").write_bytes(b"")  # a file is not a folder of ours
    unpacked = temp / "rendementsmeter-main"  # a folder of the same name that is not ours, old
    (unpacked / "docs").mkdir(parents=True)
    (unpacked / LOCK).write_bytes(b"")
    day_ago = time.time() - tempdirs.UNLOCKED_AGE - 60
    for p in (unpacked / "docs", unpacked / LOCK, unpacked):
        os.utime(p, (day_ago, day_ago))
    other = temp / "ander-programma"
    other.mkdir()
    (other / LOCK).write_bytes(b"")
    assert sweep_leftovers() == 0
    assert ours(temp) == ["rendementsmeter-app-bestand1", "rendementsmeter-app-link1234", "rendementsmeter-main"]
    assert (elsewhere / LOCK).exists() and (other / LOCK).exists()


def test_the_lock_file_is_locked_before_it_has_its_name(temp, monkeypatch):
    """A sweep at any moment sees no lock file (a new folder: too young) or a held one, never a free one."""
    seen = []
    real_rename = os.rename

    def rename(src, dst):
        seen.append(sweep_leftovers())  # a sweep just before the lock file gets its name
        return real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with TempDir("download") as tmp:
        assert seen == [0] and sorted(p.name for p in tmp.path.iterdir()) == [LOCK]
        assert sweep_leftovers() == 0 and tmp.path.exists()


def test_without_file_locks_a_folder_is_made_all_the_same(temp, monkeypatch):
    import errno

    def no_locks(fd, how):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(tempdirs.fcntl, "flock", no_locks)
    with TempDir("app") as tmp:
        assert tmp.path.is_dir()
    assert ours(temp) == []


def test_a_folder_dropped_without_cleanup_goes_when_collected(temp):
    import gc

    tmp = TempDir("upload")
    path = tmp.path
    del tmp
    gc.collect()
    assert not path.exists()


def test_a_folder_that_cannot_be_judged_never_stops_a_run(temp, monkeypatch):
    odd = temp / "rendementsmeter-werker-diep1234"  # no lock file: judged by walking it
    odd.mkdir()

    def too_deep(*args, **kwargs):
        raise RecursionError("te diep")

    monkeypatch.setattr(os, "walk", too_deep)
    day_ago = time.time() - tempdirs.UNLOCKED_AGE - 60
    os.utime(odd, (day_ago, day_ago))
    with TempDir("werker") as tmp:  # the sweep skips it; the new folder is made all the same
        assert tmp.path.is_dir()
    assert ours(temp) == ["rendementsmeter-werker-diep1234"]


def test_no_file_descriptor_for_the_lock_gives_a_folder_without_one(temp, monkeypatch):
    import errno

    real_open = os.open

    def no_fd(path, *args, **kwargs):
        if str(path).endswith(".nieuw"):
            raise OSError(errno.EMFILE, "Too many open files")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_fd)
    with TempDir("app") as tmp:
        assert list(tmp.path.iterdir()) == []
    assert ours(temp) == []


def test_a_handler_from_outside_python_is_left_in_place(monkeypatch):
    import signal

    real = signal.getsignal
    monkeypatch.setattr(signal, "getsignal", lambda s: None if s == signal.SIGTERM else real(s))
    previous = tempdirs.stop_as_interrupt()
    try:
        assert signal.SIGTERM not in previous  # it could not be put back: not taken over
    finally:
        tempdirs.restore(previous)
