"""Output folders under stress: concurrent runs, leftovers of a killed run, a disk that refuses.

Two runs writing the same folder take turns (a lock beside it); what a killed run left beside
a folder is removed by the next run that holds that lock; an OSError while writing becomes one
Vietnamese message, exit 2, and never a traceback.
"""

import errno
import fcntl
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.cli import site as site_command
from generator.site import writer
from generator.view.context import Context

from site_records import small_tree
from support import finished_runs


def _contents(target: Path) -> dict:
    return {p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file()}


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".new-" in p.name or ".old-" in p.name)


def _hold(target: Path):
    """Another run holding `target`'s lock: the returned file, until it is closed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    file = open(target.parent / f".{target.name}.lock", "a")  # noqa: SIM115 - closed by the caller
    fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return file


def _generate(records: Path, out: Path) -> int:
    return main(["generate", "--records", str(records), "--out", str(out), "--today", "2026-11-26"])


def _fail(monkeypatch, name: str, code: int, under: Path) -> None:
    """os.<name> raises OSError(code) for any path under `under`, as a full or read-only disk would."""
    real = getattr(os, name)

    def failing(path, *args, **kwargs):
        if str(path).startswith(str(under)):
            raise OSError(code, os.strerror(code), str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(writer.os, name, failing)


# --- two runs at once ---------------------------------------------------------------------------


WRITER = """
import sys
from pathlib import Path
from generator.site import writer

target, go, word, count = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3].encode(), int(sys.argv[4])
while not go.exists():  # both processes start writing at the same moment
    pass
writer.write_tree({f"p{i}/index.md": word for i in range(count)}, target)
"""


def test_two_concurrent_writers_never_crash_and_leave_one_whole_output(tmp_path):
    ones = {f"p{i}/index.md": b"mot" for i in range(300)}
    twos = {f"p{i}/index.md": b"hai" for i in range(200)}
    for attempt in range(6):
        target, go = tmp_path / str(attempt) / "generated", tmp_path / f"go-{attempt}"
        if attempt % 2:  # a folder to update; otherwise a first generation
            writer.write_tree({"cu/index.md": b"cu"}, target)
        target.parent.mkdir(exist_ok=True)
        runs = [subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(go), word, str(count)],
                                 stderr=subprocess.PIPE, text=True)
                for word, count in (("mot", 300), ("hai", 200))]
        time.sleep(0.5)  # both started and waiting
        go.touch()
        failures = [run.communicate()[1] for run in runs if run.wait() != 0]
        assert failures == []
        assert _contents(target) in ({**ones, writer.MARK: b""}, {**twos, writer.MARK: b""})
        assert _leftovers(target.parent) == []


def test_a_second_run_waits_for_the_first_and_says_so(tmp_path):
    target = tmp_path / "generated"
    held, said, messages = _hold(target), threading.Event(), []

    def waiting(message: str) -> None:
        messages.append(message)
        said.set()

    done = threading.Thread(target=writer.write_tree, args=({"index.md": b"moi"}, target), kwargs={"waiting": waiting})
    done.start()
    assert said.wait(10)
    assert "Đang có lần sinh trang khác ghi vào" in messages[0] and str(target) in messages[0]
    assert not target.exists()  # nothing written while the other run holds the folder
    held.close()
    done.join(10)
    assert _contents(target) == {"index.md": b"moi", writer.MARK: b""}


def test_generate_gives_up_after_a_bounded_wait_with_exit_2(tmp_path, capsys, monkeypatch):
    records = small_tree(tmp_path)
    out = tmp_path / "docs" / "generated"
    monkeypatch.setattr(writer, "WAIT_S", 0.3)
    held = _hold(out)
    try:
        assert _generate(records, out) == 2
    finally:
        held.close()
    err = capsys.readouterr().err
    assert "đang có lần sinh trang khác" in err.lower() and str(out) in err
    assert "Traceback" not in err and not out.exists()


# --- what a killed run left ---------------------------------------------------------------------


def _killed_run_leftovers(folder: Path, name: str) -> None:
    for leftover in (f".{name}.new-x1y2z3", f".{name}.old-4242"):
        (folder / leftover / "a").mkdir(parents=True)
        (folder / leftover / "a" / "index.md").write_bytes(b"nua")


def test_staging_and_old_folders_of_a_killed_run_are_removed_by_the_next(tmp_path):
    target = tmp_path / "generated"
    writer.write_tree({"index.md": b"cu"}, target)
    _killed_run_leftovers(tmp_path, "generated")
    assert writer.write_tree({"index.md": b"cu"}, target) == writer.Written(0, 0)
    assert _leftovers(tmp_path) == []
    assert _contents(target) == {"index.md": b"cu", writer.MARK: b""}


def test_a_concurrent_runs_staging_is_left_alone_while_it_holds_the_lock(tmp_path, monkeypatch):
    target = tmp_path / "generated"
    writer.write_tree({"index.md": b"cu"}, target)
    _killed_run_leftovers(tmp_path, "generated")  # here: the other run's, still in use
    monkeypatch.setattr(writer, "WAIT_S", 0.2)
    held = _hold(target)
    try:
        with pytest.raises(writer.CannotWrite):
            writer.write_tree({"index.md": b"moi"}, target)
    finally:
        held.close()
    assert _leftovers(tmp_path) == [".generated.new-x1y2z3", ".generated.old-4242"]


def _project(tmp_path: Path) -> Path:
    small_tree(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: thu\n", encoding="utf-8")
    return tmp_path


def _fake_mkdocs(monkeypatch, page: bytes) -> None:
    """`mkdocs build` writing one page into its --site-dir: the build's own steps, without MkDocs."""

    def run(command, **kwargs):
        site = Path(command[command.index("--site-dir") + 1])
        (site / "index.html").write_bytes(page)
        return 0

    monkeypatch.setattr(site_command.subprocess, "Popen", finished_runs(run))


def _build(project: Path) -> int:
    return main(["build", "--project", str(project), "--today", "2026-11-26"])


def test_build_removes_the_site_folders_a_killed_build_left(tmp_path, monkeypatch):
    project = _project(tmp_path)
    _fake_mkdocs(monkeypatch, b"<p>cu</p>")
    assert _build(project) == 0
    _killed_run_leftovers(project, "site")
    _killed_run_leftovers(project / "build", "docs")
    _fake_mkdocs(monkeypatch, b"<p>moi</p>")
    assert _build(project) == 0
    assert _leftovers(project) == [] and _leftovers(project / "build") == []
    assert (project / "site" / "index.html").read_bytes() == b"<p>moi</p>"


# --- a disk that refuses ------------------------------------------------------------------------

REFUSALS = [
    (errno.ENOSPC, "ổ đĩa đã đầy"),
    (errno.EROFS, "chỉ cho đọc"),
    (errno.EACCES, "không có quyền ghi"),
    (errno.EBUSY, "đang bận"),
]


@pytest.mark.parametrize(("code", "said"), REFUSALS)
def test_generate_says_what_happened_when_writing_fails(code, said, tmp_path, capsys, monkeypatch):
    records = small_tree(tmp_path)
    out = tmp_path / "docs" / "generated"
    assert _generate(records, out) == 0
    before = _contents(out)
    (records / "activities" / "2021" / "2021-qua.yaml").unlink()  # something to write
    _fail(monkeypatch, "replace", code, out)
    assert _generate(records, out) == 2
    err = capsys.readouterr().err
    assert said in err and str(out) in err
    assert "hồ sơ không bị động đến" in err.lower()
    assert "Traceback" not in err
    after = _contents(out)
    assert all(after[name] == before[name] for name in after)  # no page half-written or replaced


def test_a_first_generation_on_a_full_disk_leaves_nothing_behind(tmp_path, capsys, monkeypatch):
    records = small_tree(tmp_path)
    out = tmp_path / "docs" / "generated"
    _fail(monkeypatch, "replace", errno.ENOSPC, tmp_path / "docs")
    assert _generate(records, out) == 2
    assert "ổ đĩa đã đầy" in capsys.readouterr().err
    assert not out.exists() and _leftovers(tmp_path / "docs") == []


def test_generate_into_a_read_only_folder_says_so(tmp_path, capsys, monkeypatch):
    """Tests may run as root, for whom a folder without write permission is still writable:
    the read-only folder is the one where creating any file fails with EROFS."""
    records = small_tree(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    _fail(monkeypatch, "open", errno.EROFS, docs)
    _fail(monkeypatch, "mkdir", errno.EROFS, docs)
    assert _generate(records, docs / "generated") == 2
    err = capsys.readouterr().err
    assert "chỉ cho đọc" in err and "Traceback" not in err
    assert list(docs.iterdir()) == []


def test_build_keeps_the_previous_site_when_the_swap_fails(tmp_path, capsys, monkeypatch):
    project = _project(tmp_path)
    _fake_mkdocs(monkeypatch, b"<p>cu</p>")
    assert _build(project) == 0
    _fake_mkdocs(monkeypatch, b"<p>moi</p>")
    real = os.replace

    def busy(source, destination):  # the site folder is a busy mount point: it cannot be moved
        if Path(destination).name.startswith(".site.old-"):
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(source))
        return real(source, destination)

    monkeypatch.setattr(writer.os, "replace", busy)
    assert _build(project) == 2
    err = capsys.readouterr().err
    assert "đang bận" in err and str(project / "site") in err and "giữ nguyên" in err
    assert "Traceback" not in err
    assert (project / "site" / "index.html").read_bytes() == b"<p>cu</p>"
    assert _leftovers(project) == []


def test_serving_logs_a_failed_regeneration_and_goes_on(tmp_path, caplog, monkeypatch):
    from generator.mkdocs_plugin import _regenerate

    records = small_tree(tmp_path)
    out = tmp_path / "docs" / "generated"
    _fail(monkeypatch, "replace", errno.ENOSPC, tmp_path / "docs")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.ketnghia"):
        _regenerate(records, out, Context())  # does not raise: the server keeps serving the previous pages
    assert any("ổ đĩa đã đầy" in record.getMessage() and record.levelno == logging.ERROR for record in caplog.records)
    monkeypatch.undo()
    _regenerate(records, out, Context())  # the next save succeeds
    assert (out / "index.md").is_file()
