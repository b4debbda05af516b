"""generate / build on disk: refuse errors, never touch hand-written pages, no half-written output."""

import os
from pathlib import Path

import pytest

from generator.cli import main
from generator.site import writer

from site_records import activity, small_tree


def _files(target: Path) -> dict:
    """What a generated folder holds, its mark apart."""
    return {
        p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file() and p.name != writer.MARK
    }


def _generate(records: Path, out: Path) -> int:
    return main(["generate", "--records", str(records), "--out", str(out), "--today", "2026-11-26"])


def test_generate_refuses_records_with_errors(tmp_path, capsys):
    records = small_tree(tmp_path)
    activity(records, "2023-03-01-mo-coi", "cap-khong-co", "2023-03-01", "y-te", "Hoạt động mồ côi")
    out = tmp_path / "docs" / "generated"
    assert _generate(records, out) == 1
    err = capsys.readouterr().err
    assert "REF_UNKNOWN" in err
    assert " 0 tệp" not in err  # the files checked are counted, as `validate` counts them
    assert not out.exists()


def test_build_refuses_records_with_errors_before_running_mkdocs(tmp_path, capsys):
    records = small_tree(tmp_path)
    activity(records, "2023-03-01-mo-coi", "cap-khong-co", "2023-03-01", "y-te", "Hoạt động mồ côi")
    site = tmp_path / "site"
    assert main(["build", "--records", str(records), "--site-dir", str(site), "--today", "2026-11-26"]) == 1
    assert "REF_UNKNOWN" in capsys.readouterr().err
    assert not site.exists()


def test_generate_writes_only_when_something_changed(tmp_path, capsys):
    records = small_tree(tmp_path)
    out = tmp_path / "docs" / "generated"
    assert _generate(records, out) == 0
    page = out / "index.md"
    before = page.stat().st_ino, page.stat().st_mtime_ns
    assert _generate(records, out) == 0
    assert "không có gì thay đổi" in capsys.readouterr().out
    assert (page.stat().st_ino, page.stat().st_mtime_ns) == before


def test_hand_written_pages_are_never_touched(tmp_path):
    records = small_tree(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")
    (docs / "javascripts").mkdir()
    (docs / "javascripts" / "sort-tables.js").write_text("//", encoding="utf-8")
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    assert _generate(records, docs / "generated") == 0
    (records / "activities" / "2021" / "2021-qua.yaml").unlink()
    assert _generate(records, docs / "generated") == 0
    for path, data in before.items():
        assert path.read_bytes() == data
    # and beside them only the lock of generated/, a dot file that MkDocs leaves out of the site
    assert sorted(p.name for p in docs.iterdir()) == [".generated.lock", "generated", "gioi-thieu.md", "javascripts"]


@pytest.mark.parametrize("target", ["docs", "records", "records/gen", "ho-so-rieng"])
def test_generate_never_replaces_a_folder_it_did_not_make(target, tmp_path, capsys):
    records = small_tree(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")
    (tmp_path / "ho-so-rieng").mkdir()
    (tmp_path / "ho-so-rieng" / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert _generate(records, tmp_path / target) == 2
    assert "Không ghi" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_build_never_replaces_a_folder_it_did_not_make(tmp_path, capsys):
    records = small_tree(tmp_path)
    mine = tmp_path / "trang-cua-toi"
    mine.mkdir()
    (mine / "index.html").write_text("<p>của tôi</p>", encoding="utf-8")
    assert main(["build", "--records", str(records), "--site-dir", str(mine), "--today", "2026-11-26"]) == 2
    assert "Không dựng trang" in capsys.readouterr().err
    assert [p.name for p in mine.iterdir()] == ["index.html"]


@pytest.mark.parametrize("option", ["--site-dir", "--offline-dir"])
def test_build_refuses_a_folder_inside_records(option, tmp_path, capsys):
    records = small_tree(tmp_path)
    before = sorted(p.relative_to(records) for p in records.rglob("*"))
    assert main(["build", "--records", str(records), option, str(records / "x"), "--today", "2026-11-26"]) == 2
    assert "nằm trong thư mục hồ sơ" in capsys.readouterr().err
    assert sorted(p.relative_to(records) for p in records.rglob("*")) == before


def test_a_folder_the_generator_made_is_replaced_again(tmp_path):
    records = small_tree(tmp_path)
    out = tmp_path / "ra"
    assert _generate(records, out) == 0
    assert (out / writer.MARK).is_file()
    (records / "activities" / "2021" / "2021-qua.yaml").unlink()
    assert _generate(records, out) == 0
    assert (out / writer.MARK).is_file()


def test_a_swap_cut_between_its_two_renames_is_undone(tmp_path):
    target = tmp_path / "generated"
    writer.write_tree({"index.md": b"cu"}, target)
    os.replace(target, tmp_path / ".generated.old-12345")  # the first rename happened, not the second
    writer.write_tree({"index.md": b"cu"}, target)
    assert (target / "index.md").read_bytes() == b"cu"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".generated.lock", "generated"]
