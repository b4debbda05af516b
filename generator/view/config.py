"""The project's settings, read one way by the plugin and by the command line: what the site says
of itself (mkdocs.yml's site_name, site_description), the repository its pages link to
(generator/view/repository.py) and the ledger's own options, given to the plugin in mkdocs.yml:

    plugins:
      - ketnghia:
          quiet_days: 365          # the coverage page's window for partnerships without activity
          quiet_until: 2025-06-30  # the window's last day; without it, the newest record's date
          language: vi             # the site's own words: vi, or a language with a catalogue

MkDocs checks the options with LedgerConfig as it loads the plugin and stops the build on a bad
value. `ketnghia generate/build/serve` generate before MkDocs runs: they check the same entry
with the same class (read_context), so both routes render with the same Context.

A ledger of another province or programme is its records and its mkdocs.yml; the package
names neither. mkdocs.yml may hold MkDocs' own tags: the command line reads !ENV as MkDocs does
(an option may come from the environment) and the others (!!python/name) as nothing."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from yaml_env_tag import construct_env_tag  # type: ignore[import-untyped]

from .. import i18n
from ..files import why
from .context import DEFAULT_NAME, QUIET_DAYS, BadConfig, Context, Identity
from .repository import repository_url

PLUGIN = "ketnghia"  # the plugin's name in mkdocs.yml (pyproject.toml's entry point)
CONFIG_FILE = "mkdocs.yml"


class _Days(c.BaseConfigOption[int]):
    """A whole number of days, above zero."""

    def __init__(self, default: int) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int:
        if value is None:
            return self.default
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ValidationError(f"cần một số ngày lớn hơn 0, viết liền, ví dụ {QUIET_DAYS}; "
                                  f"ở đây ghi «{value}»")
        return value


class _Day(c.BaseConfigOption[datetime.date | None]):
    """A day, 2025-06-30: YAML reads it as a date, "2025-06-30" as text; absent, none."""

    def run_validation(self, value: object) -> datetime.date | None:
        if value is None or type(value) is datetime.date:
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise ValidationError(f"cần một ngày dạng năm-tháng-ngày, ví dụ 2025-06-30; ở đây ghi «{value}»")


class _Language(c.BaseConfigOption[str]):
    """A language the site's own words can be shown in."""

    def run_validation(self, value: object) -> str:
        if value is None:
            return i18n.SOURCE_LANGUAGE
        known = i18n.languages()  # Vietnamese, and each language with a catalogue (generator/locale/)
        if value not in known:
            raise ValidationError(f"chưa có bản dịch lời văn của trang sang «{value}»; "
                                  f"ghi một trong các mã ngôn ngữ: {', '.join(known)}")
        return str(value)


class LedgerConfig(base.Config):
    """The plugin's options (mkdocs.yml, `plugins: - ketnghia: …`)."""

    quiet_days = _Days(QUIET_DAYS)
    quiet_until = _Day()
    language = _Language()

    def validate(self):
        # A misspelt option would otherwise be a warning, and its value silently the default.
        failed, warnings = super().validate()
        unknown = sorted(set(self.keys()) - self._schema_keys)
        names = ", ".join(key for key, _option in self._schema)
        failed += [(key, ValidationError(f"không có tuỳ chọn này; các tuỳ chọn là {names}")) for key in unknown]
        return failed, [(key, warning) for key, warning in warnings if key not in unknown]


def moved_options(extra: object) -> str | None:
    """What to do when mkdocs.yml still holds the options where they were, under extra."""
    if isinstance(extra, Mapping) and PLUGIN in extra:  # MkDocs' extra is a Mapping, not a dict
        return (f"{CONFIG_FILE}: các tuỳ chọn của sổ (quiet_days, quiet_until…) nay ghi ở mục plugins, "
                f"dưới '- {PLUGIN}:', không còn ở extra: {PLUGIN}: hãy chuyển chúng sang đó")
    return None


def context_of(root: Path, site_name: object, site_description: object, repo_url: object,
               options: LedgerConfig) -> Context:
    """The Context of the project at `root`, from its mkdocs.yml's values and checked options."""
    identity = Identity(site_name if isinstance(site_name, str) and site_name.strip() else DEFAULT_NAME,
                        site_description if isinstance(site_description, str) else "",
                        repository_url(root, fallback=repo_url if isinstance(repo_url, str) else ""))
    return Context(identity, options.quiet_days, options.quiet_until, options.language)


class _TagBlind(yaml.SafeLoader):
    """A safe loader that reads !ENV as MkDocs does, and any other tag as null instead of refusing the file."""


_TagBlind.add_constructor("!ENV", construct_env_tag)
_TagBlind.add_multi_constructor("", lambda loader, suffix, node: None)
_TagBlind.add_multi_constructor("!", lambda loader, suffix, node: None)


def _plugin_entry(plugins: object) -> dict[str, Any]:
    """The options given to the plugin in mkdocs.yml's `plugins:` (a list or a mapping)."""
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    elif isinstance(plugins, list):  # "- ketnghia" or "- ketnghia: {…}"
        entries = [next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None) for p in plugins]
    else:
        entries = []
    for name, options in entries:
        if name == PLUGIN:
            options = dict(options) if isinstance(options, dict) else {}
            options.pop("enabled", None)  # MkDocs' own switch for any plugin
            return options
    return {}


def read_context(root: Path) -> Context:
    """The Context of the project at `root` as the plugin will see it, for the command line's
    generation before MkDocs runs; without mkdocs.yml, the defaults and the checkout's repository."""
    path = root / CONFIG_FILE
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TagBlind) if path.is_file() else {}
    except OSError as failure:
        raise BadConfig(f"Không đọc được {path}: {why(failure)}") from None
    except UnicodeDecodeError:
        raise BadConfig(f"Không đọc được {path}: tệp phải lưu dạng UTF-8") from None
    except yaml.YAMLError as failure:
        mark = getattr(failure, "problem_mark", None)
        where = f" (dòng {mark.line + 1}, cột {mark.column + 1})" if mark else ""
        raise BadConfig(f"Không đọc được {path}{where}: hãy sửa cho đúng cú pháp YAML") from None
    data = data if isinstance(data, dict) else {}
    moved = moved_options(data.get("extra"))
    if moved:
        raise BadConfig(moved)
    options = LedgerConfig(config_file_path=str(path))
    options.load_dict(_plugin_entry(data.get("plugins")))
    failed, _warnings = options.validate()
    if failed:
        raise BadConfig("\n".join(f"{path}: plugin {PLUGIN}, tuỳ chọn {key}: {error}" for key, error in failed))
    return context_of(root, data.get("site_name"), data.get("site_description"), data.get("repo_url"), options)
