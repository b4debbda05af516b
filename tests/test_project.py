"""The project is found from where a command runs, as git and mkdocs find theirs."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator import cli
from generator.project import PROJECT_ENV, NoProject, find_project

from support import build_tree


@pytest.fixture
def checkout(tmp_path):
    """A second checkout: mkdocs.yml beside a records tree."""
    records = build_tree(tmp_path / "ban-sao")
    (records.parent / "mkdocs.yml").write_text("site_name: thử\n", encoding="utf-8")
    return records.parent


def test_found_from_a_subfolder(checkout):
    below = checkout / "records" / "activities" / "2023"
    assert find_project(start=below, environ={}).root == checkout.resolve()


def test_named_folder_and_environment_come_first(checkout, tmp_path):
    assert find_project(checkout, start=tmp_path, environ={}).root == checkout.resolve()
    assert find_project(start=tmp_path, environ={PROJECT_ENV: str(checkout)}).root == checkout.resolve()


@pytest.mark.parametrize("how", ["none", "named", "environment"])
def test_no_project_says_what_to_do(tmp_path, how):
    with pytest.raises(NoProject) as refusal:
        if how == "none":
            find_project(start=tmp_path, environ={})
        elif how == "named":
            find_project(tmp_path, environ={})
        else:
            find_project(start=tmp_path, environ={PROJECT_ENV: str(tmp_path / "khong-co")})
    message = str(refusal.value)
    assert "mkdocs.yml" in message and "records/" in message
    assert ("--project" in message) or (PROJECT_ENV in message)


def test_validate_checks_the_checkout_it_runs_in(checkout, monkeypatch, capsys):
    monkeypatch.delenv(PROJECT_ENV, raising=False)
    broken = checkout / "records" / "organizations" / "don-vi-a.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("name:", "name_sai:", 1), encoding="utf-8")
    monkeypatch.chdir(checkout / "records" / "activities")
    assert cli.main(["validate", "--today", "2026-11-26"]) == 1
    out = capsys.readouterr().out
    assert "don-vi-a.yaml" in out and "SCHEMA_UNKNOWN_FIELD" in out


def test_project_option_before_or_after_the_command(checkout, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv(PROJECT_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--project", str(checkout), "validate", "--today", "2026-11-26"]) == 0
    assert cli.main(["validate", "--project", str(checkout), "--today", "2026-11-26"]) == 0
    assert cli.main(["validate", "--today", "2026-11-26"]) == 2
    assert "Không tìm thấy dự án" in capsys.readouterr().err


def test_new_options_are_built_only_for_new(monkeypatch):
    """Reading every schema to describe the options of `new` is for `new` alone."""
    from generator.cli import new

    def refuse(*args, **kwargs):
        raise AssertionError("the schemas were read")

    monkeypatch.setattr(new, "SchemaShape", refuse)
    cli.parser(["validate"]).parse_args(["validate"])
    with pytest.raises(AssertionError):
        cli.parser(["new", "activity"])


def test_relative_paths_are_read_from_the_named_project(checkout, tmp_path, monkeypatch, capsys):
    """As with `git -C`: the paths of `validate` and `format` are the named project's, never
    the same names in the working directory."""
    monkeypatch.delenv(PROJECT_ENV, raising=False)
    here = build_tree(tmp_path / "o-day")
    broken = here / "organizations" / "don-vi-a.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("name:", "name_sai:", 1), encoding="utf-8")
    monkeypatch.chdir(here.parent)
    assert cli.main(["-C", str(checkout), "validate", "records/organizations", "--today", "2026-11-26"]) == 0
    assert cli.main(["validate", "records/organizations", "--today", "2026-11-26"]) == 1
    capsys.readouterr()


def test_a_path_outside_any_records_folder_is_refused(tmp_path, monkeypatch, capsys):
    stray = tmp_path / "khac" / "x.yaml"
    stray.parent.mkdir()
    stray.write_text("id: x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["validate", str(stray)]) == 2
    assert "không nằm trong một thư mục hồ sơ" in capsys.readouterr().err


def test_the_repository_is_the_checkouts_own():
    from generator.view.repository import from_remote, repository_url

    assert from_remote("git@github.com:so-x/ket-nghia.git") == "https://github.com/so-x/ket-nghia"
    assert from_remote("https://user:token@github.com/so-x/ket-nghia.git\n") == "https://github.com/so-x/ket-nghia"
    assert from_remote("/srv/git/ket-nghia") is None
    environ = {"GITHUB_REPOSITORY": "so-x/ket-nghia", "GITHUB_SERVER_URL": "https://github.com"}
    assert repository_url(Path("/"), environ) == "https://github.com/so-x/ket-nghia"
    # No git here: mkdocs.yml's repo_url, else none.
    assert repository_url(Path("/"), {}, fallback="https://github.com/a/b/") == "https://github.com/a/b"
    assert repository_url(Path("/"), {}) == ""


def test_the_repository_is_read_from_the_checkouts_git_config(tmp_path):
    from generator.view.repository import repository_url

    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text('[core]\n\tbare = false\n[remote "origin"]\n'
                                              "\turl = git@github.com:so-x/ket-nghia.git\n"
                                              '\tfetch = +refs/heads/*:refs/remotes/origin/*\n', encoding="utf-8")
    (tmp_path / "records").mkdir()
    assert repository_url(tmp_path / "records", {}) == "https://github.com/so-x/ket-nghia"
