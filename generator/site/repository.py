"""The repository the site links to ("Sửa trang này", the repository link): the checkout's own.

In GitHub Actions it is the repository the workflow runs in (GITHUB_SERVER_URL and
GITHUB_REPOSITORY); on a machine, the address of the checkout's `origin` remote; a copy
without either (an unpacked archive) falls back to `repo_url` of the project's mkdocs.yml.
A fork then links to itself, as SITE_URL already makes its pages point at its own site; the
package names no repository.
"""
from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path

# git@github.com:owner/name.git, ssh://git@github.com/owner/name, https://user:token@github.com/owner/name.git
_REMOTE = re.compile(r"^(?:[a-z+]+://)?(?:[^@/]+@)?(?P<host>[^/:]+)[:/](?P<path>[^/]+/[^/]+?)(?:\.git)?/?$")


def from_remote(remote: str) -> str | None:
    """https://host/owner/name for a remote address; None for a local path or anything odd."""
    match = _REMOTE.match(remote.strip())
    if not match or "." not in match["host"] or remote.startswith(("/", ".", "file:")):
        return None
    return f"https://{match['host']}/{match['path']}"


def _origin(root: Path) -> str | None:
    try:
        ran = subprocess.run(["git", "remote", "get-url", "origin"], cwd=root, capture_output=True, text=True,
                             timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return from_remote(ran.stdout) if ran.returncode == 0 else None


def repository_url(root: Path, environ: Mapping[str, str] = os.environ, fallback: str = "") -> str:
    if environ.get("GITHUB_REPOSITORY"):
        server = environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
        return f"{server}/{environ['GITHUB_REPOSITORY']}"
    return _origin(root) or fallback.rstrip("/")
