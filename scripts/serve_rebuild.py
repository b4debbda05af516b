"""How long `serve` takes to show an edited record, and how many rebuilds one edit causes.

    .venv/bin/python scripts/serve_rebuild.py [--repeat 5] [--project DIR]

Copies the project (records, pages, code; not .git, .venv or generated output) into a
temporary folder, runs `python -m generator serve` there on a free loopback port, then
repeatedly changes the title of one activity record and polls the partnership page that
lists it until the new title is served. Prints, per edit, the seconds from saving the
record to the page showing it, the seconds until MkDocs stopped rebuilding, and the number
of rebuilds; then the median and best. The server is stopped and the copy deleted at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
# Not copied (at the top of the project): history, environments and what a run generates.
SKIPPED = {".git", ".venv", "site", "build", "test-artifacts", ".pytest_cache", ".hypothesis"}
TITLE = re.compile(r"^title: (?P<title>[^'\"\n].*)$", re.MULTILINE)
STARTUP_S = 180  # the first generate and mkdocs build, on a slow machine
EDIT_S = 120  # one edit, however many rebuilds it causes
QUIET_S = 2.0  # no build running and none started for this long: the edit has settled
# What MkDocs logs at the start and at the end of every build ("Documentation built in N
# seconds" is not: MkDocs logs a message only once, and two builds may take as long).
STARTED, BUILT = "Building documentation", "Reloading browsers"
SERVING = "Serving on"  # logged once the first build is done


def _ignore(project: Path):
    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = {n for n in names if n == "__pycache__" or n.endswith(".egg-info")}
        if Path(folder) == project:
            skipped |= SKIPPED & set(names)
        elif Path(folder) == project / "docs":
            skipped.add("generated")
        return skipped
    return ignore


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=EDIT_S) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


class Log:
    """The server's output, each line stamped with the moment it arrived."""

    def __init__(self, stream) -> None:
        self.lines: list[tuple[float, str]] = []
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.append((time.perf_counter(), line.rstrip()))

    def since(self, moment: float, text: str) -> list[float]:
        return [at for at, line in list(self.lines) if at >= moment and text in line]


def _activity(copy: Path) -> tuple[Path, str, str]:
    """An activity record with a plain one-line title, its title and its partnership."""
    for path in sorted((copy / "records" / "activities").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        found = TITLE.search(text)
        if found:
            return path, found["title"], yaml.safe_load(text)["partnership"]
    raise SystemExit("no activity record with a plain title")


def _edit(record: Path, title: str, mark: str) -> None:
    text = record.read_text(encoding="utf-8")
    record.write_text(TITLE.sub(lambda _: f"title: {title} ({mark})", text, count=1), encoding="utf-8")


def _settle(log: Log, since: float) -> None:
    """Wait until every build started since `since` is done and no other starts for QUIET_S."""
    deadline = time.perf_counter() + EDIT_S
    while time.perf_counter() < deadline:
        started, built = log.since(since, STARTED), log.since(since, BUILT)
        last = max(started + built, default=since)
        if len(built) >= len(started) and time.perf_counter() - last > QUIET_S:
            return
        time.sleep(0.1)


def _measure(server: subprocess.Popen, log: Log, base: str, copy: Path, repeat: int, show_log: bool) -> list[tuple]:
    record, title, partnership = _activity(copy)
    page = f"{base}cap-ket-nghia/{partnership}/"
    print(f"record {record.relative_to(copy)}; page {page}")
    results = []
    for n in range(1, repeat + 1):
        mark = f"lần sửa {n}"
        _edit(record, title, mark)
        saved = time.perf_counter()
        shown = None
        while time.perf_counter() - saved < EDIT_S and server.poll() is None:
            body = _get(page)
            if body and mark in body:
                shown = time.perf_counter()
                break
            time.sleep(0.05)
        if shown is None:
            print("\n".join(line for _, line in log.lines[-30:]), file=sys.stderr)
            raise SystemExit(f"edit {n}: the page did not show the new title within {EDIT_S} s")
        _settle(log, saved)
        started, builds = log.since(saved, STARTED), log.since(saved, BUILT)
        settled = max(builds, default=shown) - saved
        results.append((shown - saved, settled, len(started)))
        if show_log:
            print("\n".join(f"  {at - saved:6.2f} s  {line}" for at, line in list(log.lines) if at >= saved))
        print(f"edit {n}: page shows it after {shown - saved:.2f} s; {len(started)} rebuild(s), "
              f"the last done after {settled:.2f} s")
    return results


def _stop(server: subprocess.Popen) -> None:
    """Ctrl-C for the server's process group (serve runs mkdocs as a child), then harder,
    until no process of the group is left."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            break
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            server.poll()  # reaps the leader, so that the group can be seen gone
            try:
                os.killpg(server.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--project", type=Path, default=PROJECT, help="the checkout to copy and serve")
    parser.add_argument("--log", action="store_true", help="print the server's output after each edit")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="serve-rebuild-") as scratch:
        copy = Path(scratch) / "project"
        shutil.copytree(args.project, copy, ignore=_ignore(args.project))
        port = _free_port()
        base = f"http://127.0.0.1:{port}/"
        # The copy's own code and records: run from inside it, its package first on the path.
        env = dict(os.environ, PYTHONPATH=str(copy), PYTHONUNBUFFERED="1")
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, encoding="utf-8", errors="replace",
            start_new_session=True,  # its own process group, so that stopping it stops mkdocs too
        )
        log = Log(server.stdout)
        try:
            started = time.perf_counter()
            while _get(base) is None:
                if server.poll() is not None or time.perf_counter() - started > STARTUP_S:
                    print("\n".join(line for _, line in log.lines), file=sys.stderr)
                    raise SystemExit("the server did not answer")
                time.sleep(0.2)
            print(f"serving after {time.perf_counter() - started:.1f} s")
            # A dirty `mkdocs serve` answers before its first build is done, which ends with no
            # "Reloading browsers": settle from the moment MkDocs says it serves (after that build).
            while not log.since(started, SERVING) and time.perf_counter() - started < STARTUP_S:
                time.sleep(0.1)
            _settle(log, max(log.since(started, SERVING), default=started))  # a rebuild caused by the first build's own writes, if any
            results = _measure(server, log, base, copy, args.repeat, args.log)
        finally:
            _stop(server)
    shown, settled, builds = zip(*results, strict=True)
    print(f"page shows the edit: median {statistics.median(shown):.2f} s, best {min(shown):.2f} s")
    print(f"rebuilds done:       median {statistics.median(settled):.2f} s, best {min(settled):.2f} s")
    print(f"rebuilds per edit:   {', '.join(map(str, builds))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
