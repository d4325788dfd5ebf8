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
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rendementsmeter.read.isolation import die_with_parent, fork_available


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
    forked = None
    if can_fork():
        try:
            read, write = os.pipe()
        except OSError:  # no file descriptor left: the job runs here
            read = write = -1
        parent = os.getpid()
        try:
            with warnings.catch_warnings():  # (Python 3.12+ warns about fork with threads; see can_fork)
                warnings.filterwarnings("ignore", category=DeprecationWarning, message=".*fork.*")
                pid = os.fork() if read >= 0 else -1
        except OSError:  # no memory or process left for a copy: the job runs here
            pid = -1
        if pid == 0:
            _child(read, write, parent, job, args)
        if read >= 0:
            os.close(write)
            if pid > 0:
                forked = Job(pid, read)
            else:
                os.close(read)
    if forked is None:
        job(*args)
        forked = Job()
    try:
        yield forked
    finally:
        forked.stop()


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
