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


def test_a_folder_without_lock_goes_only_when_it_is_old(temp):
    old, new = temp / "rendementsmeter-werker-oud", temp / "rendementsmeter-app-nieuw"
    for folder in (old, new):
        folder.mkdir()
        (folder / "werker-1.txt").write_text("Traceback", encoding="utf-8")
    day_ago = time.time() - tempdirs.UNLOCKED_AGE - 60
    os.utime(old, (day_ago, day_ago))
    assert sweep_leftovers() == 1
    assert ours(temp) == ["rendementsmeter-app-nieuw"]


def test_only_our_folders_are_touched(temp, tmp_path):
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / LOCK).write_bytes(b"")  # free lock, but not in the temp folder itself
    (temp / "rendementsmeter-link").symlink_to(elsewhere)  # a link is not followed
    (temp / "rendementsmeter-bestand").write_bytes(b"")  # a file is not a folder of ours
    other = temp / "ander-programma"
    other.mkdir()
    (other / LOCK).write_bytes(b"")
    assert sweep_leftovers() == 0
    assert ours(temp) == ["rendementsmeter-bestand", "rendementsmeter-link"]
    assert (elsewhere / LOCK).exists() and (other / LOCK).exists()
