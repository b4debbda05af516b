"""One share of a pure piece of work in a forked process, on another core of the machine.

Validation (the files' own checks) and rendering are pure and take no lock: a child made
by fork() sees everything the parent had without copying it, does its share and hands the
result back through an unnamed temporary file. Whenever that cannot be done safely (no fork,
a single core, other threads alive that might hold a lock the child would need) or the child
fails, the work is done in this process instead: the result is the same, only later.
"""

from __future__ import annotations

import os
import pickle
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, TypeVar

T = TypeVar("T")


def cores() -> int:
    """The CPUs this process may use: those it may run on, fewer under a CPU quota (a container
    given two CPUs of a large host sees every CPU, and is paused once it has used two)."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        count = os.cpu_count() or 1
    return min(count, quota() or count)


def quota(cgroups: str = "/proc/self/cgroup", mounted: str = "/sys/fs/cgroup") -> int | None:
    """The CPUs the process's cgroup (v2) lets it use, rounded up: the lowest `cpu.max` of its
    cgroup and those above it, up to the mount's root (a container sees its own cgroup there).
    None when none is limited, or when it cannot be read."""
    try:
        with open(cgroups, encoding="utf-8") as listed:
            path = next((line[3:].strip() for line in listed if line.startswith("0::")), None)
        if path is None or ".." in path.split("/"):  # cgroup v1 only, or a cgroup out of this one's sight
            return None
        names = [name for name in path.split("/") if name]
        limits = []
        for depth in range(len(names), -1, -1):  # its own cgroup, then each one above it
            try:
                with open(os.path.join(mounted, *names[:depth], "cpu.max"), encoding="utf-8") as limit:
                    allowed, period = limit.read().split()
            except FileNotFoundError:
                continue
            if allowed != "max":
                limits.append(max(1, -(-int(allowed) // int(period))))
        return min(limits, default=None)
    except (OSError, ValueError, ZeroDivisionError):
        return None


def can_fork() -> bool:
    return hasattr(os, "fork") and cores() > 1 and threading.active_count() == 1


def _start() -> tuple[IO[bytes], int] | None:
    """(spool, pid) after a fork, or None when there is no room for the spool or no
    process to spare: not a reason to fail, the work can still be done here."""
    try:
        spool = tempfile.TemporaryFile()  # noqa: SIM115 -- handed to the caller, who closes it
    except OSError:
        return None
    try:
        return spool, os.fork()
    except OSError:
        spool.close()
        return None


@contextmanager
def elsewhere(work: Callable[[], T], wanted: bool = True) -> Iterator[Callable[[], T]]:
    """Start `work()` in a child process when `wanted` and possible; yield a function that
    returns its result (running `work()` here if the child could not give it)."""
    started = _start() if wanted and can_fork() else None
    if started is None:
        yield work
        return
    spool, pid = started
    if pid == 0:  # the child: never returns into the caller's code
        status = 1
        try:
            pickle.dump(work(), spool, protocol=pickle.HIGHEST_PROTOCOL)
            spool.flush()
            status = 0
        finally:
            # No cleanup handlers, no flush of the parent's buffers: they are the parent's.
            os._exit(status)
    running = True

    def result() -> T:
        nonlocal running
        _, status = os.waitpid(pid, 0)
        running = False
        if os.waitstatus_to_exitcode(status) != 0:
            return work()  # a failure is raised, and reported, here
        spool.seek(0)  # the child wrote through the same open file
        return pickle.load(spool)

    try:
        yield result
    finally:
        if running:  # the caller failed or was interrupted: the child's work is not wanted
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        spool.close()
