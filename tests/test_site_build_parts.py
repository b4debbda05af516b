"""A site build in parts (site/build_parts.py): how the pages are shared out, how a part is
named, how the parts' folders are merged. The built site itself is compared with one run's in
tests/test_site_mkdocs.py."""

import os
import sys
import zipfile

import pytest

from generator import parallel
from generator.site import build_parts
from generator.site.build_parts import Part

from support import finished_runs

PAGES = [f"dia-ban/xa-{n:04}/index.md" for n in range(1000)] + ["index.md", "gioi-thieu.md"]


@pytest.mark.parametrize("count", [2, 3, 4])
def test_every_page_is_written_by_exactly_one_part(count):
    shares = [Part(number, count).own(reversed(PAGES), static_files=5000) for number in range(count)]
    assert sorted(page for share in shares for page in share) == sorted(PAGES)
    # The order the pages come in does not matter: every part shares them out alike.
    assert shares == [Part(number, count).own(PAGES, static_files=5000) for number in range(count)]


def test_the_part_copying_the_static_files_gets_fewer_pages():
    plain = [len(Part(number, 2).own(PAGES)) for number in range(2)]
    assert plain == [501, 501]
    # 5,000 files take about as long as 200 pages (FILES_PER_PAGE).
    shares = [len(Part(number, 2).own(PAGES, static_files=200 * build_parts.FILES_PER_PAGE)) for number in range(2)]
    assert shares == [601, 401]
    assert Part(1, 2).copies_static and not Part(0, 2).copies_static


@pytest.mark.parametrize("value, part", [(None, None), ("", None), ("0/1", None), ("0/2", Part(0, 2)), ("2/3", Part(2, 3))])
def test_the_part_a_run_builds_comes_from_its_environment(value, part):
    assert build_parts.of_environment(value) == part


@pytest.mark.parametrize("value", ["1", "2/2", "-1/2", "a/b", "1/0", "0/2/3"])
def test_a_part_not_written_k_of_n_is_refused_saying_what_to_write(value):
    with pytest.raises(ValueError, match="cần dạng k/n"):
        build_parts.of_environment(value)


def test_a_part_is_merged_into_the_first_folders_whole_and_a_file_both_have_is_kept(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, files in ((first, {"404.html": "first", "dia-ban/a/index.html": "a", "dia-ban/a/atom.xml": "feed"}),
                          (second, {"404.html": "second", "dia-ban/b/index.html": "b", "dia-ban/a/ban.html": "c",
                                    "don-vi/x/index.html": "x"})):
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
    build_parts.merge(str(second), str(first))
    found = {path.relative_to(first).as_posix(): path.read_text() for path in first.rglob("*") if path.is_file()}
    assert found == {"404.html": "first", "dia-ban/a/index.html": "a", "dia-ban/a/atom.xml": "feed",
                     "dia-ban/a/ban.html": "c", "dia-ban/b/index.html": "b", "don-vi/x/index.html": "x"}


def test_as_many_parts_as_cores_for_each_build(monkeypatch):
    monkeypatch.setattr(parallel, "quota", lambda: None)
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert (build_parts.parts_for(1), build_parts.parts_for(2), build_parts.parts_for(3)) == (2, 1, 1)
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: set(range(16)), raising=False)
    assert build_parts.parts_for(1) == build_parts.MAX_PARTS
    monkeypatch.setattr(parallel, "quota", lambda: 2)  # a container given two CPUs of the sixteen
    assert (parallel.cores(), build_parts.parts_for(1), build_parts.parts_for(2)) == (2, 2, 1)


@pytest.mark.parametrize(("listed", "limits", "cpus"), [
    ("0::/ci/job\n", {"ci/job": "200000 100000\n"}, 2),
    ("0::/ci/job\n", {"ci/job": "150000 100000\n"}, 2),  # one and a half: two, each paused in turn
    ("0::/ci/job\n", {"ci/job": "50000 100000\n"}, 1),
    ("0::/ci/job\n", {"ci/job": "max 100000\n"}, None),
    ("0::/\n", {"": "400000 100000\n"}, 4),
    ("0::/ci/job\n", {"": "300000 100000\n"}, 3),  # a container: its own cgroup at the mount's root
    ("0::/ci/job\n", {}, None),  # no cpu controller
    ("0::/ci/job\n", {"ci/job": "nonsense\n"}, None),
    ("0::/ci/job\n", {"ci": "100000 100000\n", "ci/job": "max 100000\n"}, 1),  # the limit above it
    ("0::/ci/job\n", {"ci": "300000 100000\n", "ci/job": "200000 100000\n"}, 2),
    ("0::/../elsewhere\n", {"": "400000 100000\n"}, None),  # out of sight: the root's is not its limit
    ("4:cpu,cpuacct:/docker/1\n", {}, None),  # cgroup v1 only
])
def test_a_cgroups_cpu_quota_is_read_as_whole_cpus(tmp_path, listed, limits, cpus):
    (tmp_path / "cgroup").write_text(listed)
    for folder, text in limits.items():
        (tmp_path / "fs" / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / "fs" / folder / "cpu.max").write_text(text)
    assert parallel.quota(str(tmp_path / "cgroup"), str(tmp_path / "fs")) == cpus


def test_a_generated_file_is_linked_into_the_site_or_copied_where_the_disk_cannot_link(tmp_path, monkeypatch):
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "du-lieu-mo").mkdir(parents=True)
    (docs / "du-lieu-mo" / "hoat-dong.csv").write_bytes(b"id\n1\n")
    folders: set[str] = set()
    build_parts.link(str(docs / "du-lieu-mo" / "hoat-dong.csv"), str(site / "du-lieu-mo" / "hoat-dong.csv"), folders)
    assert (site / "du-lieu-mo" / "hoat-dong.csv").samefile(docs / "du-lieu-mo" / "hoat-dong.csv")
    # A file left at that name is replaced; a disk that cannot link gets a copy.
    (site / "du-lieu-mo" / "hoat-dong.csv").unlink()
    (site / "du-lieu-mo" / "hoat-dong.csv").write_bytes(b"old")
    build_parts.link(str(docs / "du-lieu-mo" / "hoat-dong.csv"), str(site / "du-lieu-mo" / "hoat-dong.csv"), folders)
    assert (site / "du-lieu-mo" / "hoat-dong.csv").samefile(docs / "du-lieu-mo" / "hoat-dong.csv")

    def cannot(source, target):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(build_parts.os, "link", cannot)
    build_parts.link(str(docs / "du-lieu-mo" / "hoat-dong.csv"), str(site / "khac" / "hoat-dong.csv"), folders)
    copied = site / "khac" / "hoat-dong.csv"
    assert copied.read_bytes() == b"id\n1\n" and not copied.samefile(docs / "du-lieu-mo" / "hoat-dong.csv")


def test_the_offline_zip_is_a_new_file_never_written_into_a_linked_one_of_its_name(tmp_path):
    """A hand-written file at the zip's path is linked into both builds: the zip made in the
    site leaves it (and the generated folder's bytes) as they were, and holds it as one run's would."""
    from generator.site import offline
    from generator.view import urls

    name = f"{urls.OPEN_DATA}{urls.OFFLINE_FILE}"
    docs, site, copy = tmp_path / "docs", tmp_path / "site", tmp_path / "copy"
    (docs / name).parent.mkdir(parents=True)
    (docs / name).write_bytes(b"old zip")
    for folder in (site, copy):
        build_parts.link(str(docs / name), str(folder / name), set())
    size = offline.publish(site, copy)
    assert (docs / name).read_bytes() == b"old zip" and (copy / name).read_bytes() == b"old zip"
    assert (site / name).stat().st_size == size and not (site / name).samefile(docs / name)
    with zipfile.ZipFile(site / name) as archive:
        assert archive.read(f"{offline.ROOT}/{name}") == b"old zip"


@pytest.mark.parametrize("page", ["gioi-thieu.md", "tin-tuc/l'an-xa.md"])
def test_mkdocs_says_nothing_of_a_page_another_part_writes_whatever_its_name(page):
    import logging

    from generator.mkdocs_plugin import LedgerPlugin

    plugin = LedgerPlugin()
    plugin.elsewhere = {page}

    def said(src_uri: str) -> bool:
        message = f"Page skipped: '{src_uri}'. Generated empty output."
        return plugin._not_skipped(logging.LogRecord("mkdocs.commands.build", logging.INFO, "", 0, message, None, None))

    assert not said(page)
    assert said("phuong-phap.md")  # a page of this part's own, empty: worth saying


def test_the_folder_mkdocs_reads_is_held_while_the_parts_run(tmp_path, monkeypatch):
    """A page generated while the parts start (`ketnghia serve` in another terminal) would have
    them share out different lists of pages, and some pages written by none: generating waits."""

    from generator.cli import site as cli_site
    from generator.project import Project
    from generator.site import writer

    project = Project(tmp_path)
    monkeypatch.setattr(writer, "WAIT_S", 0.0)
    ran = []

    def run(command, **options):
        with pytest.raises(writer.CannotWrite, match="đang có lần sinh trang khác"), writer.owning(project.generated):
            pass
        ran.append(options["env"][build_parts.ENV])
        return 0

    monkeypatch.setattr(cli_site.subprocess, "Popen", finished_runs(run))
    folders = [tmp_path / f"site-{number}" for number in range(2)]
    for folder in folders:
        folder.mkdir()
    assert cli_site._mkdocs_builds(project, folders, []) == 0
    assert sorted(ran) == ["0/2", "1/2"]


def _part_sleeping(seconds: int, folder) -> list[str]:
    """A build part that says its process id, sleeps, then says it finished."""
    return [sys.executable, "-c", f"import os, pathlib, time; folder = pathlib.Path({str(folder)!r}); "
            f"(folder / 'pid').write_text(str(os.getpid())); time.sleep({seconds}); (folder / 'finished').touch()"]


def test_the_parts_run_to_their_end_and_an_interruption_stops_them(tmp_path):
    """The site fails with its first failed part, once every part has said its warnings; a
    build interrupted (here: a part that cannot start) leaves no part running."""
    from generator.cli import site as cli_site

    env = dict(os.environ)
    failing = [sys.executable, "-c", "raise SystemExit(3)"]
    assert cli_site._run_all([(_part_sleeping(1, tmp_path), env), (failing, env)], tmp_path) == 3
    assert (tmp_path / "finished").exists()  # the other part ran to its end
    assert cli_site._run_all([([sys.executable, "-c", "pass"], env)] * 2, tmp_path) == 0
    (tmp_path / "finished").unlink()
    (tmp_path / "pid").unlink()
    with pytest.raises(FileNotFoundError):
        cli_site._run_all([(_part_sleeping(60, tmp_path), env), ([str(tmp_path / "khong-co")], env)], tmp_path)
    # Stopped and reaped, not left running for a minute (it may not have said its id yet).
    if (tmp_path / "pid").exists():
        with pytest.raises(ProcessLookupError):
            os.kill(int((tmp_path / "pid").read_text()), 0)
    assert not (tmp_path / "finished").exists()
