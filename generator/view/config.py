"""What the site says of itself, read from the project's mkdocs.yml: its name and description;
and the repository its pages link to (generator/view/repository.py).

A ledger of another province or programme is its records and its mkdocs.yml; the package
names neither. mkdocs.yml may hold MkDocs' own tags (!ENV, !!python/name): they are read
as nothing, since only plain values are wanted here.

The ledger's own settings sit under `extra: ketnghia:` in mkdocs.yml:
    quiet_days: 365          # the coverage page's window for partnerships without activity
    quiet_until: 2025-06-30  # the window's last day; without it, the newest record's date
Absent or not understood, the defaults apply."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_NAME = "Sổ kết nghĩa"
QUIET_DAYS = 365  # a partnership with no activity in this many days is listed as quiet


@dataclass(frozen=True)
class Identity:
    name: str = DEFAULT_NAME
    description: str = ""
    repository: str = ""  # https://github.com/owner/name, or "" when none is known
    quiet_days: int = QUIET_DAYS  # extra.ketnghia.quiet_days
    quiet_until: datetime.date | None = None  # extra.ketnghia.quiet_until; None: the newest record's date


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
    extra = data.get("extra")
    own = extra.get("ketnghia") if isinstance(extra, dict) else None
    own = own if isinstance(own, dict) else {}
    days, until = own.get("quiet_days"), own.get("quiet_until")
    return Identity(name if isinstance(name, str) and name.strip() else DEFAULT_NAME,
                    description if isinstance(description, str) else "",
                    repository_url(project, fallback=configured if isinstance(configured, str) else ""),
                    days if isinstance(days, int) and not isinstance(days, bool) and days > 0 else QUIET_DAYS,
                    _date(until))


def _date(value: object) -> datetime.date | None:
    """A day written in mkdocs.yml: YAML reads 2025-06-30 as a date, "2025-06-30" as text."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
