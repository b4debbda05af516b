"""Nothing lost, nothing injected: builds are reproducible, a failed build keeps the
previous site, and record text never reaches a page as markup."""
from __future__ import annotations

import filecmp
import subprocess
import sys

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.cli import site as build
from generator.pipeline import render_site
from generator.site import writer
from generator.validate import validate_tree
from generator.view.context import Context

from site_records import PROJECT, TODAY, activity, small_tree, write_record
from support import finished_runs

# Characters that mean something to HTML or Markdown, and some text around them.
MARKUP = st.text(alphabet="<>&\"'`[]()!*_#|\\/:=;{}- abcxyzđươ\n", min_size=1, max_size=40)


def _run_build(site_dir, *extra):
    return subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", str(site_dir), *extra],
                          cwd=PROJECT, capture_output=True, text=True)


def _same_tree(left, right) -> bool:
    comparison = filecmp.dircmp(left, right)
    if comparison.left_only or comparison.right_only or comparison.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    return not mismatch and not errors and all(
        _same_tree(left / name, right / name) for name in comparison.common_dirs
    )


def test_two_builds_of_the_same_records_are_byte_identical(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    assert _run_build(first).returncode == 0
    assert _run_build(second).returncode == 0
    assert _same_tree(first, second)


def test_a_failing_or_interrupted_mkdocs_keeps_the_previous_site(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "index.html").parent.mkdir(parents=True)
    (site / "index.html").write_text("trang cũ", encoding="utf-8")
    writer.mark(site)  # as a previous build left it

    monkeypatch.setattr(build.subprocess, "Popen", finished_runs(lambda *a, **k: 1))
    assert main(["build", "--site-dir", str(site)]) == 1
    assert (site / "index.html").read_text(encoding="utf-8") == "trang cũ"

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(build.subprocess, "Popen", finished_runs(interrupted))
    try:
        main(["build", "--site-dir", str(site)])
    except KeyboardInterrupt:
        pass
    assert sorted(p.name for p in site.iterdir()) == [writer.MARK, "index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "trang cũ"
    # no half-built folder left behind; the site's lock file stays (see writer._lock)
    assert not [p for p in tmp_path.iterdir() if p.name not in ("site", ".site.lock")]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=MARKUP, description=MARKUP, sponsor_name=MARKUP)
def test_record_text_never_reaches_a_page_as_markup(tmp_path_factory, title, description, sponsor_name):
    records = small_tree(tmp_path_factory.mktemp("fuzz"))
    marker = "<b data-fuzz>"
    write_record(records, "organizations", {
        "id": "don-vi-fuzz", "name": f"{sponsor_name}{marker}", "kind": "doanh-nghiep",
        "sources": [{"title": f"{marker}{title}", "publisher": "Báo", "date": "2023"}],
    })
    activity(records, "2023-02-01-fuzz", "tp-thu-nghiem-xa-la-dee", "2023-02-01", "tap-huan-lam-an",
             f"{title}{marker}[x](javascript:alert(1))", description=f"{description}{marker}")
    result = validate_tree(records, TODAY)
    assert {d.code for d in result.errors} <= {"TEXT_MARKUP", "SCHEMA_LENGTH"}  # the validator refuses it too
    for path, content in render_site(result, Context()).items():
        text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
        if path.endswith(".md") and "fuzz" in text:
            front, body = "", text
            if text.startswith("---\n"):  # the home page has no front matter
                front, _, body = text[4:].partition("---\n")
            assert "<" not in front, path  # page titles carry no markup at all
            # What MkDocs would make of the body: no tag and no javascript: link from record text.
            page = markdown.markdown(body, extensions=["attr_list", "tables", "admonition", "toc"])
            assert "<b data-fuzz" not in page and 'href="javascript:' not in page, path


def test_a_mistyped_records_folder_is_bad_usage_not_an_empty_site(tmp_path):
    assert main(["generate", "--records", str(tmp_path / "khong-co"), "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()
