"""What a render is told about the project it renders: found once by the command line or the
plugin (generator/view/config.py) and handed in, so that rendering reads no file and sets no
global. Two renders with two contexts in one process give each its own pages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ..i18n import SOURCE_LANGUAGE

DEFAULT_NAME = "Sổ kết nghĩa"
QUIET_DAYS = 365  # a partnership with no activity in this many days is listed as quiet


class BadConfig(Exception):
    """mkdocs.yml holds something the ledger cannot use; the message says where and what to write."""


@dataclass(frozen=True)
class Identity:
    """What the site says of itself (mkdocs.yml's site_name, site_description) and the repository
    its pages link to (generator/view/repository.py)."""

    name: str = DEFAULT_NAME
    description: str = ""
    repository: str = ""  # https://github.com/owner/name, or "" when none is known


@dataclass(frozen=True)
class Context:
    identity: Identity = field(default_factory=Identity)
    # The coverage page's window for partnerships without activity: this many days up to
    # quiet_until, or without it up to the newest record's date (the plugin's options).
    quiet_days: int = QUIET_DAYS
    quiet_until: datetime.date | None = None
    language: str = SOURCE_LANGUAGE  # the language of the site's own words (generator/i18n.py)
