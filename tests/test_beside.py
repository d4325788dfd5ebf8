"""The line list beside a workbook is written in a second process at the same time (report/beside.py):
the same bytes, errors raised where the caller waits, and nothing left when either side fails."""

from __future__ import annotations

import errno
import os
import threading
import time

import pytest

from rendementsmeter import build_businesscase, read_cases
from rendementsmeter.report import beside as beside_module
from rendementsmeter.report.beside import beside
from rendementsmeter.report.xlsx import workbook

from conftest import VANDAAG

forks = pytest.mark.skipif(not beside_module.can_fork(), reason="no fork here: the job runs in this process")


def note_pid(path):
    path.write_text(str(os.getpid()), encoding="ascii")


@forks
def test_the_job_runs_in_another_process_and_is_waited_for(tmp_path):
    out = tmp_path / "pid.txt"
    with beside(note_pid, out) as job:
        pass  # the caller's own work
        job.wait()
    assert int(out.read_text(encoding="ascii")) != os.getpid()


def test_outside_the_main_thread_the_job_runs_first_in_this_process(tmp_path):
    out = tmp_path / "pid.txt"

    def work():
        with beside(note_pid, out) as job:
            assert out.exists()  # done before the caller's own work
            job.wait()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert int(out.read_text(encoding="ascii")) == os.getpid()


def disk_full(*args):
    raise OSError(errno.ENOSPC, "Geen ruimte meer op het apparaat", str(args[-1]))


@forks
def test_the_jobs_exception_is_raised_where_the_caller_waits(tmp_path):
    with beside(disk_full, tmp_path / "x.csv") as job, pytest.raises(OSError) as raised:
        job.wait()
    assert raised.value.errno == errno.ENOSPC and raised.value.filename == str(tmp_path / "x.csv")


def slow(path):
    note_pid(path)
    time.sleep(60)


@forks
def test_a_failure_of_the_caller_stops_the_job_at_once(tmp_path):
    out = tmp_path / "pid.txt"
    started = time.monotonic()
    with pytest.raises(ZeroDivisionError), beside(slow, out):
        while not out.exists() or not out.read_text(encoding="ascii"):
            time.sleep(0.01)
        raise ZeroDivisionError
    pid = int(out.read_text(encoding="ascii"))
    assert time.monotonic() - started < 30
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # stopped and reaped: no such process any more


@pytest.fixture
def pooled(three, monkeypatch):
    pl, cases, _ = three
    monkeypatch.setattr(workbook, "MAX_REGELS_IN_WERKMAP", 5)  # the line list goes beside the workbook
    return build_businesscase(read_cases([cases], pl, vandaag=VANDAAG), pl)


def test_the_line_list_written_beside_is_the_one_written_in_this_process(pooled, tmp_path, monkeypatch):
    calls = []
    original = beside_module.can_fork
    monkeypatch.setattr(beside_module, "can_fork", lambda: calls.append(original()) or calls[-1])
    (tmp_path / "a").mkdir()
    workbook.write_businesscase(pooled, tmp_path / "a" / "bc.xlsx")  # forked where it can
    monkeypatch.setattr(beside_module, "can_fork", lambda: False)
    (tmp_path / "b").mkdir()
    workbook.write_businesscase(pooled, tmp_path / "b" / "bc.xlsx")
    assert calls == [original()]
    assert (tmp_path / "a" / "bc-regels.csv").read_bytes() == (tmp_path / "b" / "bc-regels.csv").read_bytes()
    assert len((tmp_path / "a" / "bc-regels.csv").read_bytes().splitlines()) == 1 + len(pooled.regels)


def test_the_line_list_is_in_place_before_the_workbook(pooled, tmp_path):
    out = tmp_path / "uit"
    out.mkdir()
    (out / "bc-regels.csv").mkdir()  # the line list cannot be put in place
    with pytest.raises(OSError):
        workbook.write_businesscase(pooled, out / "bc.xlsx")
    assert sorted(p.name for p in out.iterdir()) == ["bc-regels.csv"]  # no workbook pointing to it


def test_a_failing_line_list_leaves_no_workbook_and_no_temporary_file(pooled, tmp_path, monkeypatch):
    out = tmp_path / "uit"
    out.mkdir()
    monkeypatch.setattr(workbook, "write_regels_csv_into", disk_full)
    with pytest.raises(OSError) as raised:
        workbook.write_businesscase(pooled, out / "bc.xlsx")
    assert raised.value.errno == errno.ENOSPC
    assert list(out.iterdir()) == []


def test_a_failing_sheet_leaves_no_line_list_and_no_temporary_file(pooled, tmp_path, monkeypatch):
    def broken(*args):
        raise RuntimeError("blad kapot")

    out = tmp_path / "uit"
    out.mkdir()
    monkeypatch.setattr(workbook, "bestanden_sheet", broken)
    with pytest.raises(RuntimeError, match="blad kapot"):
        workbook.write_businesscase(pooled, out / "bc.xlsx")
    assert list(out.iterdir()) == []


def killed(path):
    os.kill(os.getpid(), 9)  # as the system does when memory runs out


@forks
def test_a_child_killed_by_the_system_gives_a_dutch_reason(tmp_path):
    with beside(killed, tmp_path) as job, pytest.raises(RuntimeError) as raised:
        job.wait()
    assert str(raised.value) == (
        "het tweede proces dat naast de werkmap schreef, is gestopt door signaal 9 (bij signaal 9 meestal: geen "
        "geheugen meer)"
    )
