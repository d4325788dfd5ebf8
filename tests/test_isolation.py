"""The worker pool sends files in chunks; a crash, an error or a hang still costs exactly one item."""

import multiprocessing
import os
import sys
import time

import pytest

from rendementsmeter.read import isolation

FORK = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
pytestmark = pytest.mark.skipif(not FORK, reason="the test functions reach the workers only with fork")


def _work(item):
    if item == 37:
        os._exit(3)  # the worker dies, as python-calamine does on some hostile files
    if item == 55:
        raise ValueError("kapot")
    if item == 71:
        time.sleep(60)
    return item * 2


@pytest.fixture
def settings():
    return isolation.Settings(mode="altijd", workers=2, seconds_per_file=2, chunk=8)


def test_chunks_keep_order_and_name_the_bad_items_exactly(settings):
    seen = []
    items = list(range(100))
    outcomes = isolation.run_all(_work, items, settings=settings, progress=seen.append)
    assert len(outcomes) == 100
    bad = {i: o.error for i, o in enumerate(outcomes) if o.error}
    assert bad == {37: isolation.CRASH, 55: isolation.CRASH, 71: isolation.TIMEOUT}
    assert "ValueError: kapot" in outcomes[55].detail
    assert [o.value for i, o in enumerate(outcomes) if i not in bad] == [i * 2 for i in items if i not in bad]
    assert sum(seen) == 100  # the progress callback counted every item once, whatever happened to it


def test_a_small_batch_is_spread_over_the_workers(settings):
    """With 10 items and 2 workers no chunk takes them all: chunks of at most 10 // (4 * 2) = 1."""
    pids = isolation.run_all(_pid, list(range(10)), settings=settings)
    assert len({o.value for o in pids}) == 2


def _pid(_item):
    time.sleep(0.05)
    return os.getpid()


def _slow(item):
    time.sleep(0.15)  # legal, but a chunk of 8 takes 1.2 s, over the limit of 1 s a file
    return item


def test_a_chunk_of_slow_files_is_split_not_cut_off():
    settings = isolation.Settings(mode="altijd", workers=2, seconds_per_file=1, chunk=8)
    seen = []
    outcomes = isolation.run_all(_slow, list(range(64)), settings=settings, progress=seen.append)
    assert [o.error for o in outcomes] == [""] * 64 and [o.value for o in outcomes] == list(range(64))
    assert sum(seen) == 64


def _unpicklable(item):
    if item == 21:
        return lambda: None  # a result that cannot be sent back from the worker
    return item


def test_a_result_that_cannot_be_sent_back_costs_only_that_item(settings):
    outcomes = isolation.run_all(_unpicklable, list(range(64)), settings=settings)
    assert [i for i, o in enumerate(outcomes) if o.error] == [21]
    assert [o.value for i, o in enumerate(outcomes) if i != 21] == [i for i in range(64) if i != 21]
