"""The built site in a real browser: Debian's Chromium driven by Playwright (sync API).

Once per session: the shipped records are built with `python -m generator build` in a
copy of the project (so that the working tree's build/docs/ is never rewritten while
someone else works in it), the site is served on 127.0.0.1 by a ThreadingHTTPServer,
and one headless Chromium is started. Each test gets fresh browser contexts.

Every page opened through the `site` fixture is watched until the end of its test: a console
error, an uncaught exception, a failed request, an HTTP status >= 400 or a request to any
host but the local server fails the test.

Chromium missing: the tests are skipped on a workstation, but fail when CI is set
(`make test` installs Debian's chromium package; see the Makefile's browser target).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from browser_support import Site

PROJECT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT / "test-artifacts"  # git-ignored: screenshots, measured page weights
TODAY = "2026-11-26"  # same "today" as the other site tests (site_records.TODAY)
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


try:
    import playwright  # noqa: F401 - installed by `pip install -e '.[test]'`
except ImportError:
    if IN_CI:
        raise
    collect_ignore_glob = ["test_browser_*.py"]  # a workstation without the test extras


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: runs in Chromium (deselect with -m 'not browser')")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def chromium_executable() -> str | None:
    """Debian's Chromium (`apt-get install chromium`); KETNGHIA_CHROMIUM overrides."""
    candidates = [os.environ.get("KETNGHIA_CHROMIUM"), "/usr/bin/chromium"]
    candidates += [shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def _missing(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (CI is set: the browser tests must run)", pytrace=False)
    pytest.skip(f"{reason}: browser tests skipped")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped records built once, with the project's own command, in a copy of the project."""
    root = tmp_path_factory.mktemp("browser-project")
    shutil.copy(PROJECT / "mkdocs.yml", root)
    skip = shutil.ignore_patterns("__pycache__", "generated", ".generated.*")
    for folder in ("generator", "schemas", "overrides", "docs", "records"):
        shutil.copytree(PROJECT / folder, root / folder, ignore=skip)
    site = root / "site"
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--offline", "--site-dir", str(site), "--today", TODAY],
        cwd=root,  # `-m generator` imports the copy: PROJECT, build/docs/ are the copy's
        capture_output=True,
        check=False,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (site / "index.html").exists()
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def base_url(built_site) -> str:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=built_site))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    executable = chromium_executable()
    if executable is None:
        _missing("Chromium not found (/usr/bin/chromium; apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed (pip install -e '.[test]')")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
    except Exception as error:
        playwright.stop()
        pytest.fail(f"Chromium did not start: {error}", pytrace=False)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def site(browser, base_url):
    """Watched pages; the test fails if any page it opened had a problem."""
    opened = Site(browser, base_url)
    yield opened
    # Read the problems before closing: closing cancels what is still loading.
    problems = opened.problems()
    opened.close()
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
