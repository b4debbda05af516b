"""Sharing the rendering with a forked child: the same files, and nothing left behind. Each share
writes its own files: what a child hands back is small, whatever the size of the output."""

import os
import pickle
import threading

import pytest

from generator import parallel
from generator.pipeline import generate, render_site
from generator.site import render
from generator.site.hand_pages import Clash
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


class _Measured:
    """pickle as parallel uses it, noting the bytes of each result read back from a child."""

    HIGHEST_PROTOCOL = pickle.HIGHEST_PROTOCOL
    dump = staticmethod(pickle.dump)

    def __init__(self) -> None:
        self.sizes: list[int] = []

    def load(self, spool):
        value = pickle.load(spool)
        self.sizes.append(spool.tell())
        return value


def _contents(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_each_share_writes_its_own_files_and_hands_back_little(tmp_path, monkeypatch, forks):
    records = PROJECT / "records"
    alone = generate(records, tmp_path / "alone", Context(), TODAY, docs=PROJECT / "docs")
    assert forks == []
    monkeypatch.setattr(render, "SHARED_FROM", 0)
    measured = _Measured()
    monkeypatch.setattr(parallel, "pickle", measured)
    shared = generate(records, tmp_path / "shared", Context(), TODAY, docs=PROJECT / "docs")
    assert len(forks) == 2 and len(measured.sizes) == 2
    written = _contents(tmp_path / "shared")
    assert written == _contents(tmp_path / "alone")
    assert (shared.files, shared.changes) == (alone.files, alone.changes) == (len(written) - 1, shared.changes)
    # What the children made (the workbooks, the API, the yearly summaries…) stays on disk: they
    # hand back counts and their pages' search entries only.
    assert sum(measured.sizes) < sum(map(len, written.values())) / 10


def test_an_update_shared_with_children_rewrites_and_removes_what_one_process_would(tmp_path, monkeypatch, forks):
    records = small_tree(tmp_path)
    for out in ("alone", "shared"):
        generate(records, tmp_path / out, Context(), TODAY)
    monkeypatch.setattr(render, "SHARED_FROM", 0)
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "shared").rglob("*")}
    again = generate(records, tmp_path / "shared", Context(), TODAY)
    assert len(forks) == 2 and not again.written
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "shared").rglob("*")} == before
    (records / "activities" / "2021" / "2021-qua.yaml").unlink()  # the only activity of 2021
    shared = generate(records, tmp_path / "shared", Context(), TODAY)
    monkeypatch.setattr(render, "SHARED_FROM", 10**9)
    alone = generate(records, tmp_path / "alone", Context(), TODAY)
    assert shared.changes == alone.changes and shared.changes.removed > 0 and shared.changes.written > 0
    assert _contents(tmp_path / "shared") == _contents(tmp_path / "alone")


def test_a_clash_found_in_a_childs_share_is_refused_and_nothing_is_written(tmp_path, monkeypatch, forks):
    records, docs = small_tree(tmp_path), tmp_path / "docs"
    (docs / "dia-ban").mkdir(parents=True)  # the localities' pages: a child's share
    (docs / "dia-ban" / "index.md").write_text("# Địa bàn viết tay\n", encoding="utf-8")
    monkeypatch.setattr(render, "SHARED_FROM", 0)
    out = tmp_path / "build" / "docs"
    with pytest.raises(Clash, match=r"dia-ban/index\.md trùng đường dẫn"):
        generate(records, out, Context(), TODAY, docs=docs)
    assert len(forks) == 2 and not out.exists()
    assert [p.name for p in out.parent.iterdir()] == [".docs.lock"]  # no staging folder left
