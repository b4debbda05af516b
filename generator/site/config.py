"""What the site says of itself, read from the project's mkdocs.yml: its name and description.

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


class _TagBlind(yaml.SafeLoader):
    """A safe loader that reads any tag as null instead of refusing the file."""


_TagBlind.add_multi_constructor("", lambda loader, suffix, node: None)
_TagBlind.add_multi_constructor("!", lambda loader, suffix, node: None)


def identity_of(project: Path) -> Identity:
    """The site's name and description from project/mkdocs.yml; the defaults without one."""
    try:
        data = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TagBlind)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return Identity()
    if not isinstance(data, dict):
        return Identity()
    name, description = data.get("site_name"), data.get("site_description")
    return Identity(name if isinstance(name, str) and name.strip() else DEFAULT_NAME,
                    description if isinstance(description, str) else "")
