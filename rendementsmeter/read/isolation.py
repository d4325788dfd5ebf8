"""Work in worker processes: a crash or a hang in one file costs that file, never the batch.

`run_all(fn, items)` runs `fn(item)` for every item in a `concurrent.futures.ProcessPoolExecutor`
and returns one `Outcome` per item, in order. A worker that dies (python-calamine can abort the whole
process on a hostile file) breaks the pool: the executor reports `BrokenProcessPool` instead of hanging
like `multiprocessing.Pool.map` does. The items that were in flight are then run again one by one, each
alone in a fresh single-worker pool, so the file that kills its worker is named exactly and the
innocent ones are read after all. A task that runs longer than `seconds_per_file` is treated the same
way (its workers are killed). Worker stderr goes to a temporary file, so a Rust backtrace never reaches
the user's terminal; its tail is kept as the outcome's `detail` (shown with `--debug`). A worker ends
when the main process dies, even by SIGKILL (`PR_SET_PDEATHSIG` on Linux, a watching thread elsewhere):
no worker outlives a killed run.

The same pool serves speed: `SETTINGS.workers` workers read in parallel.
Start method: `fork` on Linux (a worker is ready in milliseconds and needs no `__main__` guard in the
caller's script), `spawn` elsewhere (then a pool pays a Python start-up per worker, so small batches
are read in-process: see `use_pool`).
"""

from __future__ import annotations

import ctypes
import faulthandler
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
import warnings
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rendementsmeter.core.tempdirs import TempDir, default_signals

log = logging.getLogger(__name__)

CRASH = "crash"
TIMEOUT = "timeout"
_KEEP: list[Any] = []  # a worker's fault handler file must stay open
_INIT_ERROR: list[str] = []  # set in a worker whose initialisation failed


class PoolUnavailable(Exception):
    """Worker processes cannot be used here (cannot start, or cannot initialise); read in-process."""


class _InitFailed(Exception):
    pass


@dataclass
class Settings:
    """How files are read. Change `SETTINGS` (module level) to tune, e.g. in a notebook."""

    #: auto: a pool when it is cheap (fork) or the batch is large; altijd: always; nooit: in-process.
    mode: str = "auto"
    #: worker processes; None: as many as CPUs, at most 4 and at most the number of items.
    workers: int | None = None
    seconds_per_file: float = 60.0
    #: extra address space a worker may take on top of what it inherits (Linux), so a memory bomb
    #: fails in the worker instead of starving the machine. None: no limit.
    memory_bytes: int | None = 4 * 1024**3
    #: without fork, a pool only pays off from this many items on.
    spawn_min_items: int = 8
    #: items per task sent to a worker (fewer round trips); a task that crashes or runs late is split
    #: and its items are run again one by one, so a bad file is still named exactly.
    chunk: int = 32


SETTINGS = Settings()


@dataclass
class Outcome:
    """What running one item gave: a value, or an error (crash | timeout) with technical detail."""

    value: Any = None
    error: str = ""
    detail: str = ""


@contextmanager
def fork_warning_silenced() -> Iterator[None]:
    """Python 3.12+ warns that fork() in a process with threads (numpy's, Arrow's) may deadlock the
    child. Our children take no lock of the parent: they run one job and exit."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, message=".*fork.*")
        yield


def fork_available() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def use_pool(n_items: int, settings: Settings = SETTINGS) -> bool:
    """Whether `n_items` are read in worker processes under `settings`."""
    if settings.mode == "nooit" or n_items == 0:
        return False
    if settings.mode == "altijd":
        return True
    if multiprocessing.current_process().daemon:
        return False  # daemonic processes may not have children
    return n_items >= 2 if fork_available() else n_items >= settings.spawn_min_items


#: prctl(2) option: the signal this process gets when its parent dies (Linux)
PR_SET_PDEATHSIG = 1


def _watch_parent(parent: int, every: float = 0.5) -> None:
    while True:
        time.sleep(every)
        if os.getppid() != parent:
            os._exit(1)


def die_with_parent(parent: int) -> None:
    """End this worker when process `parent` ends, however it ends (a SIGKILL leaves no time to clean
    up). Linux: the kernel sends SIGKILL on the parent's death; elsewhere a thread watches."""
    armed = False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:  # died before the line above took effect
        os._exit(1)
    if not armed:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="ouder-bewaker").start()


def _worker_init(
    err_dir: str, memory: int | None, init: Callable[..., None] | None, initargs: tuple, parent: int | None = None
) -> None:
    if parent is not None:
        die_with_parent(parent)
    default_signals()  # a handler inherited from the CLI or the app is not the worker's
    # stderr (and a Rust backtrace on abort) into a file of our own, read back for --debug
    fd = os.open(os.path.join(err_dir, f"werker-{os.getpid()}.txt"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(fd, 2)
    os.close(fd)
    if faulthandler.is_enabled():  # (pytest, PYTHONFAULTHANDLER) its dump must go to our file as well
        _KEEP.append(os.fdopen(os.dup(2), "w"))
        faulthandler.enable(file=_KEEP[-1])
    if memory is not None:
        try:
            import resource

            with open("/proc/self/statm", encoding="ascii") as fh:
                current = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
            resource.setrlimit(resource.RLIMIT_AS, (current + memory, resource.RLIM_INFINITY))
        except (ImportError, OSError, ValueError):
            pass  # not Linux: the guards still bound the size of what is parsed
    if init is not None:
        try:
            init(*initargs)
        except Exception:
            _INIT_ERROR.append(traceback.format_exc())


def _call(fn: Callable[[Any], Any], chunk: list[Any]) -> list[tuple[bool, Any]]:
    """`fn` over a chunk of items: (True, value) or (False, traceback) per item."""
    if _INIT_ERROR:
        raise _InitFailed(_INIT_ERROR[0])
    out: list[tuple[bool, Any]] = []
    for item in chunk:
        try:
            out.append((True, fn(item)))
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:  # a Rust panic is a BaseException; it costs this item only
            out.append((False, traceback.format_exc()))
    return out


def _err_tail(err_dir: str, limit: int = 4000) -> str:
    """What the workers wrote to stderr: the start (the reason) and the end, at most `limit` characters."""
    texts = []
    for p in sorted(Path(err_dir).glob("werker-*.txt")):
        try:
            texts.append(p.read_text(encoding="utf-8", errors="replace"))
            p.write_bytes(b"")
        except OSError:
            continue
    text = "".join(texts).strip()
    return text if len(text) <= limit else text[: limit // 2] + "\n[...]\n" + text[-limit // 2 :]


def _kill(executor: ProcessPoolExecutor) -> None:
    for proc in list((getattr(executor, "_processes", None) or {}).values()):
        try:
            proc.kill()
        except (OSError, AttributeError):
            pass
    executor.shutdown(wait=True, cancel_futures=True)


@dataclass
class Leftover:
    """What a round did not finish: files to run alone, files to run one by one in a pool (they were in
    a chunk that crashed or ran late), and files it did not get to."""

    alone: list[int] = field(default_factory=list)
    split: list[int] = field(default_factory=list)
    rest: list[int] = field(default_factory=list)


class _Round:
    """One pool over some items, sent in chunks through a small window (so waiting costs the same for
    10 or 10,000 files). Returns the items to run again alone (in flight when the pool broke or a
    chunk ran late) and the items it did not get to."""

    def __init__(
        self,
        fn: Callable[[Any], Any],
        settings: Settings,
        init: Any,
        initargs: tuple,
        progress: Callable[[int], None] | None = None,
    ):
        self.fn = fn
        self.settings = settings
        self.init = init
        self.initargs = initargs
        self.progress = progress

    def run(
        self, items: Sequence[Any], todo: list[int], workers: int, outcomes: list[Outcome | None], chunk: int = 1
    ) -> Leftover:
        tmp = TempDir("werker")  # the workers' stderr: tracebacks may quote a path or a cell
        err_dir = tmp.name
        context = multiprocessing.get_context("fork" if fork_available() else "spawn")
        try:
            executor = ProcessPoolExecutor(
                workers,
                mp_context=context,
                initializer=_worker_init,
                initargs=(err_dir, self.settings.memory_bytes, self.init, self.initargs, os.getpid()),
            )
        except (OSError, ValueError, ImportError) as exc:  # no /dev/shm, no semaphores, ...
            tmp.cleanup()
            raise PoolUnavailable(str(exc)) from exc
        chunks = deque(todo[i : i + chunk] for i in range(0, len(todo), chunk))
        try:
            with fork_warning_silenced():  # the child only parses files and exits
                return self._feed(executor, items, chunks, workers, outcomes, err_dir)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
            tmp.cleanup()

    def _feed(
        self,
        executor: ProcessPoolExecutor,
        items: Sequence[Any],
        queue: deque[list[int]],
        workers: int,
        outcomes: list[Outcome | None],
        err_dir: str,
    ) -> Leftover:
        alone = len(queue) == 1 and len(queue[0]) == 1
        limit = self.settings.seconds_per_file
        inflight: dict[Future[Any], list[int]] = {}
        started: dict[Future[Any], float] = {}
        left = Leftover()

        def rest() -> list[int]:
            return [i for c in queue for i in c]

        while queue or inflight:
            while queue and len(inflight) < 2 * workers:
                chunk = queue.popleft()
                try:
                    inflight[executor.submit(_call, self.fn, [items[i] for i in chunk])] = chunk
                except BrokenProcessPool:  # broke since the last result: try the rest in a new pool
                    queue.appendleft(chunk)
                    return self._broken(left, list(inflight.values()), rest())
                except (OSError, RuntimeError) as exc:  # cannot start a process
                    raise PoolUnavailable(str(exc)) from exc
            now = time.monotonic()
            for f in inflight:
                if f not in started and f.running():
                    started[f] = now
            waits = [started[f] + limit - now for f in inflight if f in started]
            done, _ = wait(inflight, timeout=max(0.01, min(waits, default=0.05)), return_when=FIRST_COMPLETED)
            broken: list[list[int]] = []
            for f in done:
                chunk = inflight.pop(f)
                started.pop(f, None)
                try:
                    values = f.result()
                except _InitFailed as exc:
                    _kill(executor)
                    raise PoolUnavailable(str(exc)) from None
                except BrokenProcessPool:
                    if alone:
                        outcomes[chunk[0]] = Outcome(error=CRASH, detail=_err_tail(err_dir) or "werkproces gestopt")
                        self._advance(1)
                    else:
                        broken.append(chunk)
                    continue
                except Exception:  # the chunk as a whole failed (e.g. a result that cannot be sent back)
                    if len(chunk) == 1:
                        outcomes[chunk[0]] = Outcome(error=CRASH, detail=traceback.format_exc())
                        self._advance(1)
                    else:
                        left.split.extend(chunk)
                    continue
                for i, (ok, value) in zip(chunk, values, strict=True):
                    outcomes[i] = Outcome(value) if ok else Outcome(error=CRASH, detail=value)
                self._advance(len(chunk))
            if broken:  # the others in flight fail the same way; none of them is known to be guilty
                return self._broken(left, broken + list(inflight.values()), rest())
            now = time.monotonic()
            late = [f for f in inflight if f in started and now - started[f] > limit]
            if late:
                _kill(executor)
                singles = [f for f in late if len(inflight[f]) == 1]
                if alone or (len(late) == 1 and singles):
                    for f in singles:
                        outcomes[inflight.pop(f)[0]] = Outcome(error=TIMEOUT, detail=f"langer dan {limit:g} s")
                        self._advance(1)
                for f in late:  # a late chunk: its files one by one; several late files: each alone
                    if f in inflight:
                        (left.split if len(inflight[f]) > 1 else left.alone).extend(inflight.pop(f))
                left.rest = [i for c in inflight.values() for i in c] + rest()  # on time: innocent
                return left
        return left

    @staticmethod
    def _broken(left: Leftover, chunks: list[list[int]], rest: list[int]) -> Leftover:
        """The pool broke: the files in flight are suspects. Single files are run alone; chunks are
        split and run file by file (in a pool), so that the next break points at one file."""
        if all(len(c) == 1 for c in chunks):
            left.alone.extend(i for c in chunks for i in c)
        else:
            left.split.extend(i for c in chunks for i in c)
        left.rest = rest
        return left

    def _advance(self, n: int) -> None:
        if self.progress is not None:
            self.progress(n)


def run_all(
    fn: Callable[[Any], Any],
    items: Sequence[Any],
    *,
    init: Callable[..., None] | None = None,
    initargs: tuple = (),
    settings: Settings = SETTINGS,
    progress: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """`fn(item)` for every item in worker processes (`init(*initargs)` once per worker first).

    `fn` and `init` must be importable module-level functions. Never raises because of an item;
    raises `PoolUnavailable` when worker processes cannot be started or initialised here.
    `progress(n)` is called in this process each time n more items are done."""
    outcomes: list[Outcome | None] = [None] * len(items)
    if not items:
        return []
    workers = settings.workers or min(os.cpu_count() or 1, 4)
    workers = max(1, min(workers, len(items)))
    # chunks small enough that every worker gets several (a batch of 40 is not one worker's job)
    chunk = max(1, min(settings.chunk, len(items) // (4 * workers)))
    round_ = _Round(fn, settings, init, initargs, progress)
    work = deque([(list(range(len(items))), chunk)])
    while work:
        todo, size = work.popleft()
        left = round_.run(items, todo, workers, outcomes, size)
        for i in sorted(left.alone):
            log.debug("opnieuw, alleen: %s", items[i])
            round_.run(items, [i], 1, outcomes)
        if left.split:
            work.append((sorted(left.split), 1))
        if left.rest:
            work.append((left.rest, size))
    return [o if o is not None else Outcome(error=CRASH, detail="geen uitkomst") for o in outcomes]
