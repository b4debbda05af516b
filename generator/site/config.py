"""What the site says of itself, read from the project's mkdocs.yml: its name and description;
and the repository its pages link to (generator/site/repository.py).

A ledger of another province or programme is its records and its mkdocs.yml; the package
names neither. mkdocs.yml may hold MkDocs' own tags (!ENV, !!python/name): they are read
as nothing, since only two plain strings are wanted here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_NAME = "Sổ kết nghĩa"


@dataclass(frozen=True)
class Identity:
    name: str = DEFAULT_NAME
    description: str = ""
    repository: str = ""  # https://github.com/owner/name, or "" when none is known


class _TagBlind(yaml.SafeLoader):
    """A safe loader that reads any tag as null instead of refusing the file."""


_TagBlind.add_multi_constructor("", lambda loader, suffix, node: None)
_TagBlind.add_multi_constructor("!", lambda loader, suffix, node: None)


def identity_of(project: Path) -> Identity:
    """The site's name and description from project/mkdocs.yml; the defaults without one."""
    from .repository import repository_url

    try:
        data = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TagBlind)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    if not isinstance(data, dict):
        return Identity(repository=repository_url(project))
    name, description, configured = data.get("site_name"), data.get("site_description"), data.get("repo_url")
    return Identity(name if isinstance(name, str) and name.strip() else DEFAULT_NAME,
                    description if isinstance(description, str) else "",
                    repository_url(project, fallback=configured if isinstance(configured, str) else ""))
