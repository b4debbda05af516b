"""The package installs like a tool: a non-editable install in a fresh environment works on
the checkout it is run in, and on nothing else.

No network: the wheel is built from a copy of the sources with this environment's
setuptools, and the fresh environment borrows this one's dependencies through a .pth file.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from support import PROJECT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="paths of a POSIX virtual environment")


def _run(*command, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """bin/ of a fresh virtual environment holding a non-editable install of the package."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"
    for folder in ("generator", "schemas"):
        shutil.copytree(PROJECT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT / "pyproject.toml", source)
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                 "-w", work / "wheel", source, cwd=work)
    assert built.returncode == 0, built.stdout + built.stderr
    venv = work / "venv"
    made = _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=work)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    purelib = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work).stdout.strip())
    (purelib / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    wheel = next((work / "wheel").glob("*.whl"))
    done = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel, cwd=work)
    assert done.returncode == 0, done.stdout + done.stderr
    return venv / "bin"


@pytest.fixture
def other_checkout(tmp_path) -> Path:
    """Another clone of the ledger, without the tool's code: records, pages, config."""
    root = tmp_path / "ban-sao-khac"
    for folder in ("records", "docs", "overrides"):
        shutil.copytree(PROJECT / folder, root / folder, ignore=shutil.ignore_patterns("generated", "__pycache__"))
    shutil.copy(PROJECT / "mkdocs.yml", root)
    return root


def _clean_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KETNGHIA_PROJECT", "VIRTUAL_ENV")}
    return env


def test_the_installed_schemas_are_the_files_of_schemas(installed):
    code = ("import json; from generator.schema import schema_texts; import generator; "
            "print(json.dumps([generator.__file__, schema_texts()]))")
    import json

    location, texts = json.loads(_run(installed / "python", "-c", code, cwd=installed, env=_clean_env()).stdout)
    assert not location.startswith(str(PROJECT))
    assert texts == {p.name: p.read_text(encoding="utf-8") for p in (PROJECT / "schemas").glob("*.schema.json")}


def test_help_works_anywhere(installed, tmp_path):
    result = _run(installed / "ketnghia", "--help", cwd=tmp_path, env=_clean_env())
    assert result.returncode == 0, result.stderr
    assert "validate" in result.stdout and "build" in result.stdout


def test_no_project_is_a_clear_error(installed, tmp_path):
    result = _run(installed / "ketnghia", "validate", cwd=tmp_path, env=_clean_env())
    assert result.returncode == 2
    assert "Không tìm thấy dự án" in result.stderr and "--project" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_generate_build_the_checkout_it_runs_in(installed, other_checkout):
    env = _clean_env()
    below = other_checkout / "records" / "activities"
    # A record only this checkout has: its page proves which records were read.
    partnership = next((other_checkout / "records" / "partnerships").glob("*.yaml"))
    activities = sorted((other_checkout / "records" / "activities").rglob("*.yaml"))
    text = activities[0].read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    activities[0].write_text(text.replace(title, "title: Hoạt động chỉ có ở bản sao khác"), encoding="utf-8")
    assert partnership.is_file()

    validated = _run(installed / "ketnghia", "validate", cwd=below, env=env)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    shipped = sum(1 for _ in other_checkout.joinpath("records").rglob("*.yaml"))
    assert f"Đã kiểm tra {shipped} tệp" in validated.stdout

    main_generated = PROJECT / "build" / "docs"
    before = main_generated.stat().st_mtime_ns if main_generated.exists() else None
    built = _run(installed / "ketnghia", "build", cwd=below, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (other_checkout / "build" / "docs" / "index.md").is_file()
    site = other_checkout / "site"
    assert (site / "index.html").is_file() and (site / "dia-ban" / "index.html").is_file()
    found = [p for p in site.rglob("*.html") if "Hoạt động chỉ có ở bản sao khác" in p.read_text(encoding="utf-8")]
    assert found, "the page shows the other checkout's record"
    # The package's own folder and the first checkout were not written to.
    assert not main_generated.exists() or main_generated.stat().st_mtime_ns == before


def test_project_option_names_the_checkout(installed, other_checkout, tmp_path):
    result = _run(installed / "python", "-m", "generator", "--project", other_checkout, "validate", cwd=tmp_path,
                  env=_clean_env())
    assert result.returncode == 0, result.stdout + result.stderr
    env = dict(_clean_env(), KETNGHIA_PROJECT=str(other_checkout))
    result = _run(installed / "ketnghia", "generate", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (other_checkout / "build" / "docs" / "index.md").is_file()
