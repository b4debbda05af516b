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


def _git_config(root: Path) -> Path | None:
    """The config file of the git checkout holding `root` (a worktree's is its main checkout's);
    read as a file: no git program is run."""
    for folder in (root, *root.parents):
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return dot_git / "config"
        if dot_git.is_file():
            text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
            if not text.startswith("gitdir:"):
                return None
            gitdir = (folder / text.removeprefix("gitdir:").strip()).resolve()
            common = gitdir / "commondir"
            if common.is_file():
                gitdir = (gitdir / common.read_text(encoding="utf-8").strip()).resolve()
            return gitdir / "config"
    return None


_ORIGIN = re.compile(r'^\s*\[remote\s+"origin"\]\s*$(?P<body>(?:\n(?!\s*\[).*)*)', re.MULTILINE)
_URL = re.compile(r"^\s*url\s*=\s*(?P<url>\S+)\s*$", re.MULTILINE)


def _origin(root: Path) -> str | None:
    try:
        config = _git_config(root)
        text = config.read_text(encoding="utf-8", errors="replace") if config else ""
    except OSError:
        return None
    section = _ORIGIN.search(text)
    url = _URL.search(section["body"]) if section else None
    return from_remote(url["url"]) if url else None


def repository_url(root: Path, environ: Mapping[str, str] = os.environ, fallback: str = "") -> str:
    if environ.get("GITHUB_REPOSITORY"):
        server = environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
        return f"{server}/{environ['GITHUB_REPOSITORY']}"
    return _origin(root) or fallback.rstrip("/")
