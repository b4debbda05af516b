"""Sharing the rendering with a forked child: the same files, and nothing left behind."""

import os
import threading

import pytest

from generator import parallel
from generator.pipeline import render_site
from generator.site import render
from generator.validate import validate_tree
from generator.view.context import Context

from site_records import PROJECT, TODAY, small_tree


@pytest.fixture
def forks(monkeypatch):
    """Allow forking whatever else the test session runs, and note each child's pid."""
    pids = []
    real_fork = os.fork

    def fork():
        pid = real_fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    monkeypatch.setattr(parallel.os, "fork", fork)
    return pids


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_result_comes_from_the_child(forks):
    with parallel.elsewhere(os.getpid) as result:
        child = result()
    assert forks == [child] and child != os.getpid()
    assert _gone(child)


def test_unwanted_work_is_done_here(forks):
    with parallel.elsewhere(os.getpid, wanted=False) as result:
        assert result() == os.getpid()
    assert forks == []


def test_a_failed_child_is_replaced_by_this_process(forks):
    here = os.getpid()

    def work():
        if os.getpid() != here:
            raise MemoryError("only in the child")
        return "made here"

    with parallel.elsewhere(work) as result:
        assert result() == "made here"
    assert len(forks) == 1


def test_an_error_of_the_work_is_raised_here(forks):
    def work():
        raise ValueError("hỏng")

    with parallel.elsewhere(work) as result, pytest.raises(ValueError, match="hỏng"):
        result()


def test_the_child_is_stopped_when_the_caller_fails(forks):
    blocker = threading.Event()  # never set: the child would wait forever
    with pytest.raises(RuntimeError), parallel.elsewhere(lambda: blocker.wait()):
        raise RuntimeError("interrupted")
    assert len(forks) == 1 and _gone(forks[0])


def test_no_fork_while_other_threads_run():
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not parallel.can_fork()
    finally:
        release.set()
        thread.join()


@pytest.mark.parametrize("tree", ["shipped", "small"])
def test_shared_rendering_writes_the_same_files(tree, tmp_path, monkeypatch, forks):
    records = PROJECT / "records" if tree == "shipped" else small_tree(tmp_path)
    result = validate_tree(records, TODAY)
    alone = render_site(result, Context())
    assert forks == []  # below SHARED_FROM activities, one process does it all
    monkeypatch.setattr(render, "SHARED_FROM", 0)
    shared = render_site(result, Context())
    assert len(forks) == 2  # the pages' share, and the pages' workbooks
    assert shared == alone
    assert list(shared) == sorted(shared)


def test_no_process_to_spare_means_the_work_is_done_here(monkeypatch):
    def no_fork():
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    monkeypatch.setattr(parallel.os, "fork", no_fork)
    with parallel.elsewhere(os.getpid) as result:
        assert result() == os.getpid()
