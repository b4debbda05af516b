"""write_tree touches only what changed: unchanged files keep their inode and mtime, changed
files arrive whole through a rename, pages no longer produced vanish with their folders."""

import os
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.files import Parts
from generator.pipeline import generate
from generator.site import writer
from generator.view.context import Context

from site_records import TODAY, activity, small_tree


def _stamps(target: Path) -> dict:
    """Every file (mark included) -> (inode, mtime_ns): a rewrite changes at least the inode."""
    stamps = {}
    for path in target.rglob("*"):
        if path.is_file():
            info = path.stat()
            stamps[path.relative_to(target).as_posix()] = (info.st_ino, info.st_mtime_ns)
    return stamps


def _contents(target: Path) -> dict:
    return {p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file()}


def _folders(target: Path) -> set:
    return {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_dir()}


def test_an_edited_record_rewrites_only_the_files_whose_bytes_changed(tmp_path):
    records = small_tree(tmp_path)
    out = tmp_path / "generated"
    first = generate(records, out, Context(), TODAY)
    assert first.written and first.changes.written == first.files and first.changes.removed == 0
    before, old = _stamps(out), _contents(out)

    activity(records, "2023-01-06-qua-tet", "tp-thu-nghiem-xa-la-dee", "2023-01-06", "tham-tang-qua",
             "Tặng quà Tết cho 20 hộ", value={"delivered": {"in_kind": 30_000_000}})
    second = generate(records, out, Context(), TODAY)

    after, new = _stamps(out), _contents(out)
    assert after.keys() == before.keys()
    changed = {name for name in new if new[name] != old[name]}
    assert "cap-ket-nghia/tp-thu-nghiem-xa-la-dee/index.md" in changed
    assert len(changed) < len(new) // 2  # a handful, not the whole tree
    assert {name for name in after if after[name] != before[name]} == changed  # the rest untouched
    assert (second.changes.written, second.changes.removed) == (len(changed), 0)
    fresh = tmp_path / "fresh"
    generate(records, fresh, Context(), TODAY)
    assert new == _contents(fresh)


def test_pages_no_longer_produced_vanish_with_their_folders(tmp_path):
    records = small_tree(tmp_path)
    out = tmp_path / "generated"
    generate(records, out, Context(), TODAY)
    old = _contents(out)
    (records / "activities" / "2021" / "2021-qua.yaml").unlink()  # the only activity of 2021
    outcome = generate(records, out, Context(), TODAY)

    fresh = tmp_path / "fresh"
    generate(records, fresh, Context(), TODAY)
    assert _contents(out) == _contents(fresh)
    assert _folders(out) == _folders(fresh)  # no empty folder left behind
    gone = old.keys() - _contents(out).keys()
    assert any(name.startswith("hoat-dong/2021/") for name in gone)
    assert outcome.changes.removed == len(gone)


def test_nothing_is_written_when_nothing_changed(tmp_path):
    records = small_tree(tmp_path)
    out = tmp_path / "generated"
    generate(records, out, Context(), TODAY)
    before = _stamps(out)
    outcome = generate(records, out, Context(), TODAY)
    assert not outcome.written and outcome.changes == writer.Written(0, 0)
    assert _stamps(out) == before  # the mark included: rewriting it would wake `mkdocs serve`


def test_a_file_may_become_a_folder_and_back(tmp_path):
    target = tmp_path / "generated"
    writer.write_tree({"a": b"tep", "b/index.md": b"muc"}, target)
    assert writer.write_tree({"a/index.md": b"muc", "b": b"tep"}, target) == writer.Written(2, 2)
    assert _contents(target) == {"a/index.md": b"muc", "b": b"tep", writer.MARK: b""}


def _in_parts(*parts: bytes):
    """A file handed on in parts, as the open data's tables are; fails if read twice."""
    return Parts(iter(parts))


def test_a_file_in_parts_is_written_compared_and_rewritten_as_a_whole_file_would_be(tmp_path):
    target = tmp_path / "generated"
    table = (b"id,ten\r\n", b"a,mot\r\n", b"b,hai\r\n")
    assert writer.write_tree({"bang.csv": _in_parts(*table), "index.md": b"muc"}, target) == writer.Written(2, 0)
    assert (target / "bang.csv").read_bytes() == b"".join(table)
    before = _stamps(target)
    # The same bytes in other cuts: nothing written, the file keeps its inode and time.
    assert writer.write_tree({"bang.csv": _in_parts(b"id,ten\r\na", b",mot\r\nb,hai\r\n"), "index.md": b"muc"},
                             target) == writer.Written(0, 0)
    assert _stamps(target) == before
    # A change in a middle part, then a shorter file (the start of the last), a longer one, an
    # empty one; "moi.csv" is new the first time, then changes with "bang.csv".
    for parts in ((b"id,ten\r\n", b"a,MOT\r\n", b"b,hai\r\n"), (b"id,ten\r\n", b"a,MOT\r\n"),
                  (b"id,ten\r\n", b"a,MOT\r\n", b"c,ba\r\n"), (b"",)):
        files = {"bang.csv": _in_parts(*parts), "moi.csv": _in_parts(*parts), "index.md": b"muc"}
        assert writer.write_tree(files, target) == writer.Written(2, 0)
        assert (target / "bang.csv").read_bytes() == (target / "moi.csv").read_bytes() == b"".join(parts)
    assert _stamps(target)["index.md"] == before["index.md"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_generated_file_is_never_compared_through_a_link(tmp_path):
    # A link where a file goes (to a pipe, whose read would block, or to a file outside with the
    # same bytes) is replaced by the file itself; nothing is read or written through it. "c.md"
    # has the length of its link, so that only the link's own size cannot tell them apart.
    target = tmp_path / "generated"
    writer.write_tree({"a.csv": b"cu", "b.csv": b"cu", "c.md": b"cu"}, target)
    os.mkfifo(tmp_path / "ong")
    (tmp_path / "ngoai.csv").write_bytes(b"moi")
    links = {"a.csv": tmp_path / "ong", "b.csv": tmp_path / "ngoai.csv", "c.md": tmp_path / "ong"}
    for name, to in links.items():
        (target / name).unlink()
        (target / name).symlink_to(to)
    page = b"x" * len(str(tmp_path / "ong"))
    done = []
    run = threading.Thread(target=lambda: done.append(writer.write_tree(
        {"a.csv": _in_parts(b"m", b"oi"), "b.csv": _in_parts(b"m", b"oi"), "c.md": page}, target)), daemon=True)
    run.start()
    run.join(30)
    assert done == [writer.Written(3, 0)]
    assert not any((target / name).is_symlink() for name in links)
    assert (target / "a.csv").read_bytes() == (target / "b.csv").read_bytes() == b"moi"
    assert (target / "c.md").read_bytes() == page and (tmp_path / "ngoai.csv").read_bytes() == b"moi"


def test_the_parts_of_a_file_are_read_once(tmp_path):
    parts = _in_parts(b"a", b"b")
    assert list(parts) == [b"a", b"b"]
    with pytest.raises(RuntimeError):
        list(parts)


def test_a_file_may_become_a_folder_and_back_when_a_share_writes_before_the_end(tmp_path, monkeypatch):
    # A forked share, or one holding more than HELD_BYTES, writes before the stale files go.
    monkeypatch.setattr(writer, "HELD_BYTES", 0)
    target = tmp_path / "generated"
    writer.write_tree({"a": b"tep", "b/index.md": b"muc"}, target)
    assert writer.write_tree({"a/index.md": b"muc", "b": b"tep"}, target) == writer.Written(2, 2)
    assert _contents(target) == {"a/index.md": b"muc", "b": b"tep", writer.MARK: b""}
    assert writer.write_tree({"a": b"tep", "b/index.md": b"muc"}, target) == writer.Written(2, 2)
    assert _contents(target) == {"a": b"tep", "b/index.md": b"muc", writer.MARK: b""}


@pytest.mark.parametrize("held_bytes", [writer.HELD_BYTES, 0])
def test_nothing_is_written_through_a_link_where_a_folder_goes(tmp_path, monkeypatch, held_bytes):
    monkeypatch.setattr(writer, "HELD_BYTES", held_bytes)
    target = tmp_path / "generated"
    writer.write_tree({"api/a.json": b"1", "index.md": b"x"}, target)
    elsewhere = tmp_path / "elsewhere"
    (target / "api").rename(elsewhere)
    (target / "api").symlink_to(elsewhere)
    assert writer.write_tree({"api/a.json": b"2", "api/b.json": b"3", "index.md": b"x"}, target) == writer.Written(2, 1)
    assert not (target / "api").is_symlink()
    assert _contents(target) == {"api/a.json": b"2", "api/b.json": b"3", "index.md": b"x", writer.MARK: b""}
    assert sorted(p.name for p in elsewhere.iterdir()) == ["a.json"] and (elsewhere / "a.json").read_bytes() == b"1"


def test_a_foreign_folder_is_still_refused(tmp_path):
    target = tmp_path / "docs"
    target.mkdir()
    (target / "gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")
    with pytest.raises(writer.NotOurs):
        writer.write_tree({"index.md": b"moi"}, target)
    assert [p.name for p in target.iterdir()] == ["gioi-thieu.md"]


def test_a_temporary_file_left_by_a_killed_run_is_removed_and_never_published(tmp_path):
    target = tmp_path / "generated"
    writer.write_tree({"index.md": b"cu", "a/index.md": b"cu a"}, target)
    (target / ".index.md.tmp-4242").write_bytes(b"nua")  # a run killed between write and rename
    (target / "a" / ".index.md.tmp-4242").write_bytes(b"nua")
    assert writer.write_tree({"index.md": b"cu", "a/index.md": b"cu a"}, target) == writer.Written(0, 2)
    assert _contents(target) == {"index.md": b"cu", "a/index.md": b"cu a", writer.MARK: b""}


def test_an_interrupted_write_leaves_whole_files_that_the_next_run_completes(tmp_path, monkeypatch):
    target = tmp_path / "generated"
    old = {f"p{i}/index.md": b"cu" for i in range(10)}
    new = {f"p{i}/index.md": b"moi" for i in range(10)}
    writer.write_tree(old, target)
    real_replace, renamed = os.replace, []

    def interrupted_replace(source, destination):
        if len(renamed) == 3:
            raise KeyboardInterrupt  # the user pressed Ctrl-C in the middle
        renamed.append(destination)
        real_replace(source, destination)

    monkeypatch.setattr(writer.os, "replace", interrupted_replace)
    with pytest.raises(KeyboardInterrupt):
        writer.write_tree(new, target)
    monkeypatch.undo()
    halfway = _contents(target)
    assert halfway.pop(writer.MARK) == b""
    assert halfway.keys() == new.keys()  # no temporary file left, no page missing
    assert sorted(halfway.values()).count(b"moi") == 3  # each file whole: old or new
    assert writer.write_tree(new, target) == writer.Written(7, 0)
    assert _contents(target) == {**new, writer.MARK: b""}


def test_while_serving_a_saved_record_regenerates_the_pages_outside_the_build(tmp_path, monkeypatch):
    """MkDocs then sees only the changed pages, and rebuilds once (it no longer watches records/)."""
    from watchdog.observers.polling import PollingObserver

    from generator.mkdocs_plugin import RECORDS_ENV, LedgerPlugin

    records = small_tree(tmp_path)
    out = tmp_path / "build" / "docs"  # the folder MkDocs builds
    generate(records, out, Context(), TODAY)
    monkeypatch.setenv(RECORDS_ENV, str(records))
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), docs_dir=str(out))
    plugin = LedgerPlugin()
    plugin.on_startup(command="serve", dirty=False)
    server = SimpleNamespace(observer=PollingObserver(timeout=0.1))  # as MkDocs', faster
    plugin.on_serve(server, config=config, builder=None)
    assert plugin.watching  # on_pre_build leaves the generating to the watcher
    server.observer.start()
    try:
        activity(records, "2023-01-06-qua-tet", "tp-thu-nghiem-xa-la-dee", "2023-01-06", "tham-tang-qua",
                 "Tặng quà Tết cho 20 hộ", value={"delivered": {"in_kind": 30_000_000}})
        page = out / "cap-ket-nghia" / "tp-thu-nghiem-xa-la-dee" / "index.md"
        for _ in range(300):  # bounded: 30 s at most on a busy machine
            if "cho 20 hộ" in page.read_text(encoding="utf-8"):
                break
            time.sleep(0.1)
        assert "cho 20 hộ" in page.read_text(encoding="utf-8")
    finally:
        plugin.on_shutdown()
        server.observer.stop()
        server.observer.join()


def test_a_folder_of_the_built_site_is_brought_up_to_date_file_by_file(tmp_path):
    """The search index of a rebuild while serving: unchanged files kept, stale ones removed."""
    folder = tmp_path / "site" / "search"
    assert writer.sync({"meta.json": b"1", "w/a.json": b"a", "w/b.json": b"b"}, folder) == writer.Written(3, 0)
    before = _stamps(folder)
    assert writer.sync({"meta.json": b"2", "w/a.json": b"a"}, folder) == writer.Written(1, 1)
    assert _contents(folder) == {"meta.json": b"2", "w/a.json": b"a"}
    assert _stamps(folder)["w/a.json"] == before["w/a.json"]
    assert _stamps(folder)["meta.json"] != before["meta.json"]
    assert writer.sync({"meta.json": b"2", "w/a.json": b"a"}, folder) == writer.Written(0, 0)


def _serving(tmp_path, monkeypatch, built: list, looks_every: float = 0.1):
    """The plugin serving a small tree beside MkDocs' own live-reload server, whose builds are
    counted, and whose observer looks at docs/ every `looks_every` seconds (MkDocs: 0.5 s)."""
    from mkdocs.livereload import LiveReloadServer

    from generator.mkdocs_plugin import RECORDS_ENV, LedgerPlugin

    records = small_tree(tmp_path)
    docs = tmp_path / "docs"  # the hand-written pages, copied into the folder MkDocs builds
    docs.mkdir()
    (docs / "gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")
    out = tmp_path / "build" / "docs"
    generate(records, out, Context(), TODAY, docs=docs)
    monkeypatch.setenv(RECORDS_ENV, str(records))
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), docs_dir=str(out))
    server = LiveReloadServer(builder=lambda: built.append(time.monotonic()), host="127.0.0.1", port=0,
                              root=str(tmp_path / "site"), polling_interval=looks_every)
    server.watch(str(out))  # as `mkdocs serve` does before on_serve
    plugin = LedgerPlugin()
    plugin.on_startup(command="serve", dirty=True)
    plugin.on_serve(server, config=config, builder=None)
    server.observer.start()
    loop = threading.Thread(target=server._build_loop, daemon=True)
    loop.start()
    return plugin, server, records, docs, out


def _wait_for(condition, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds  # bounded: a busy machine may be slow
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _save_an_activity(records: Path, title: str = "Tặng quà Tết cho 20 hộ") -> None:
    activity(records, "2023-01-06-qua-tet", "tp-thu-nghiem-xa-la-dee", "2023-01-06", "tham-tang-qua", title)


def test_while_serving_the_regenerated_pages_are_built_without_waiting_for_mkdocs_to_look(tmp_path, monkeypatch):
    built: list = []
    plugin, server, records, _, _ = _serving(tmp_path, monkeypatch, built, looks_every=3600)  # MkDocs never looks
    try:
        _save_an_activity(records)
        assert _wait_for(lambda: built)
    finally:
        plugin.on_shutdown()
        server.shutdown()


def test_while_serving_a_regeneration_has_mkdocs_rebuild_once_without_its_look_at_the_pages(tmp_path, monkeypatch):
    """MkDocs' own look at the folder it builds no longer counts the regenerated files (it would
    rebuild a second time); a hand-written page saved in docs/ is copied there, and built once."""
    built: list = []
    plugin, server, records, docs, out = _serving(tmp_path, monkeypatch, built)
    try:
        _save_an_activity(records)
        assert _wait_for(lambda: built)
        page = out / "cap-ket-nghia" / "tp-thu-nghiem-xa-la-dee" / "index.md"
        assert "cho 20 hộ" in page.read_text(encoding="utf-8")
        time.sleep(1.0)  # ten looks of MkDocs' observer at docs/, which holds the regenerated files
        assert len(built) == 1
        (docs / "gioi-thieu.md").write_text("# Giới thiệu\n\nThêm một dòng.\n", encoding="utf-8")
        assert _wait_for(lambda: len(built) == 2)
        assert (out / "gioi-thieu.md").read_text(encoding="utf-8").endswith("Thêm một dòng.\n")
        time.sleep(1.0)
        assert len(built) == 2
    finally:
        plugin.on_shutdown()
        server.shutdown()


def test_while_serving_only_the_saved_record_is_parsed_again(tmp_path, monkeypatch):
    from generator import validate

    built: list = []
    parsed: list = []
    real_load = validate.load_file
    monkeypatch.setattr(validate, "load_file", lambda path, file: parsed.append(file) or real_load(path, file))
    plugin, server, records, _, _ = _serving(tmp_path, monkeypatch, built)
    try:
        _save_an_activity(records)
        assert _wait_for(lambda: built)
        first = len(parsed)  # the whole tree, at the first save
        _save_an_activity(records, "Tặng quà Tết cho 25 hộ")
        assert _wait_for(lambda: len(built) == 2)
        assert first > 10 and [Path(file).name for file in parsed[first:]] == ["2023-01-06-qua-tet.yaml"]
    finally:
        plugin.on_shutdown()
        server.shutdown()
