"""Writing one output in a second process while this one writes another.

A pooled business case writes its line list (a CSV of millions of lines) next to the workbook; both
are rendered from the finished business case and neither needs the other, but Python renders one at
a time. `beside` runs a job in a forked child process, which sees the business case as it is without
copying or pickling it, so the two outputs are written on two cores. The child writes only into the
path it is given; renaming it into place, and cleaning up, stay with the caller (core.output).

Only where fork is safe and cheap: on Linux, from the main thread (not in the app's request threads).
Elsewhere, or when fork fails, the job simply runs first, in this process. An exception in the child
is raised again here, when the caller waits for the job; a failure here stops the child at once.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rendementsmeter.read.isolation import die_with_parent, fork_available, fork_warning_silenced


class Job:
    """A job running beside this process (or already done in it); `wait` raises what the job raised."""

    def __init__(self, pid: int | None = None, pipe: int | None = None) -> None:
        self.pid, self.pipe = pid, pipe

    def wait(self) -> None:
        if self.pid is None:
            return
        chunks = []
        while chunk := os.read(self.pipe, 1 << 16):  # type: ignore[arg-type]
            chunks.append(chunk)
        self._reap()
        if self.status != 0:
            raise _error(b"".join(chunks), self.status)

    def stop(self) -> None:
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap()

    def _reap(self) -> None:
        assert self.pid is not None and self.pipe is not None
        _, status = os.waitpid(self.pid, 0)
        self.status = os.waitstatus_to_exitcode(status)
        os.close(self.pipe)
        self.pid = self.pipe = None


def _error(data: bytes, status: int) -> BaseException:
    try:
        error = pickle.loads(data)  # from our own child
        if isinstance(error, BaseException):
            return error
    except Exception:
        pass
    if status < 0:  # ended by a signal: SIGKILL is what the system sends when memory runs out
        return RuntimeError(
            f"het tweede proces dat naast de werkmap schreef, is gestopt door signaal {-status} "
            "(bij signaal 9 meestal: geen geheugen meer)"
        )
    return RuntimeError(f"het tweede proces dat naast de werkmap schreef, is mislukt (status {status})")


def can_fork() -> bool:
    """Fork only from the main thread with no other Python thread running (a fork copies just the
    calling thread: another one could hold a lock the child then waits for forever)."""
    return fork_available() and threading.current_thread() is threading.main_thread() and threading.active_count() == 1


@contextmanager
def beside(job: Callable[..., Any], *args: Any) -> Iterator[Job]:
    """Start `job(*args)` in a forked child and yield its Job; the caller calls `wait()` when its own
    work is done. On leaving the block (also by an exception) a child still running is stopped."""
    forked = _fork(job, args) if can_fork() else None
    if forked is None:
        job(*args)
        forked = Job()
    try:
        yield forked
    finally:
        forked.stop()


def _fork(job: Callable[..., Any], args: tuple[Any, ...]) -> Job | None:
    """`job(*args)` started in a forked child; None when no pipe or process can be made (no file
    descriptor or memory left: the caller then runs the job itself)."""
    try:
        read, write = os.pipe()
    except OSError:
        return None
    parent = os.getpid()
    try:
        with fork_warning_silenced():
            pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:
        _child(read, write, parent, job, args)
    os.close(write)
    return Job(pid, read)


def _child(read: int, write: int, parent: int, job: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """The forked child: run the job, report an exception through the pipe, and end without running
    anything of the parent's (no atexit, no finally, no flushing of the parent's buffered output)."""
    status = 1
    try:
        gc.disable()  # a collection would touch every object and copy the parent's memory page by page
        os.close(read)
        die_with_parent(parent)
        job(*args)
        status = 0
    except BaseException as exc:  # Ctrl-C included: reported, then the child ends
        try:
            data = pickle.dumps(exc)
        except Exception:
            data = pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(write, view) :]
        except OSError:
            pass
    finally:
        os._exit(status)
