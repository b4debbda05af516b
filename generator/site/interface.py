"""The words of the templates (overrides/) and of the scripts (docs/javascripts/), in the
active language: MkDocs renders those, not the generator, so their words come from here.

`make messages` writes them, one pair of files per language the site can be written in: the
templates' as a Jinja partial they import (overrides/partials/words/<lang>.html: `partial()`),
the scripts' as a script of their own (docs/javascripts/words/<lang>.js: `script()`), fetched
once and cached by the browser rather than written into every page; a test keeps them in step
with the catalogues. So any builder of the templates has them, plugin or not. A page takes the
set of its language: its front matter's `language`, else the site's (`theme.language`, which
the plugin's option sets: `configure`); Material's own words go the same way
(overrides/partials/language.html). A section in another language is a matter of its pages'
front matter. main.html loads the scripts' words of the page's language before the scripts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from babel import Locale
from babel.core import get_global

from .. import i18n
from ..i18n import _, around
from ..view import formats


def words() -> dict[str, Any]:
    """The templates' words in the active language."""
    return {
        "language": i18n.language(),
        "og_locale": _territorial(i18n.language()),
        # Printed above every page with the date of the data.
        "data_date": _("Số liệu đến ngày {date}"),
        "not_found": _("Không tìm thấy trang"),
        # TRANSLATORS: {home} is a link whose words are the next message ("trang chủ").
        "gone": _("Trang này không có hoặc đã được chuyển đi. Hãy dùng ô tìm kiếm, hoặc về {home}."),
        "home": _("trang chủ"),
        "search_more": _("Xem thêm kết quả"),
        "search_suggest": _("Không có kết quả. Có phải bạn muốn tìm:"),
        "search_home": _("Tìm xã của bạn"),
        "search_failed": _("Không tải được dữ liệu tìm kiếm: hãy thử lại."),
    }


def script_words() -> dict[str, Any]:
    """The scripts' words in the active language."""
    digits = formats.words()
    return {
        # Numbers as the pages write them: read back to sort a table, written by the filters.
        "locale": digits.locale,
        "group": digits.group,
        "decimal": digits.decimal,
        "dong": [part.strip() for part in around(_("{amount} đồng"), "amount") if part.strip()],
        "table": _("Bảng"),
        "table_of": _("Bảng: {heading}"),
        "sort": _("Bấm để sắp xếp"),
    }


PARTIALS = "overrides/partials/words"  # the templates' words, below the theme's custom_dir
SCRIPTS = "docs/javascripts/words"  # the scripts' words, published as they are


def partial() -> str:
    """overrides/partials/words/<lang>.html for the active language: `words()` as a Jinja literal
    (JSON's strings and lists are Jinja's too), sorted, so that the file changes with the words only."""
    literal = json.dumps(words(), ensure_ascii=False, sort_keys=True, indent=1)
    return ("{#- The site's own words in one language, written by `make messages` from its catalogue\n"
            "    (generator/site/interface.py): edit the catalogue, not this file. -#}\n"
            f"{{%- set words = {literal} -%}}\n")


def script() -> str:
    """docs/javascripts/words/<lang>.js for the active language: `script_words()` as the global
    the scripts read (`window.ketnghiaWords`), sorted and in ASCII (whatever charset it is served in)."""
    literal = json.dumps(script_words(), sort_keys=True, indent=1)
    return ("/* The scripts' own words in one language, written by `make messages` from its catalogue\n"
            " * (generator/site/interface.py): edit the catalogue, not this file. */\n"
            f"window.ketnghiaWords = {literal};\n")


def partials(locale: Path | None = None) -> dict[str, str]:
    """{path below the project: its text}, the templates' and the scripts' words in each language
    with a catalogue under `locale`."""
    out = {}
    for code in i18n.languages(locale):
        with i18n.speaking(code, locale):
            out[f"{PARTIALS}/{code}.html"] = partial()
            out[f"{SCRIPTS}/{code}.js"] = script()
    return out


def _territorial(language: str) -> str:
    """Open Graph's form of a language: "vi_VN", "en_US" (its likeliest country, CLDR's)."""
    locale = Locale.parse(get_global("likely_subtags").get(language, language))
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def configure(config: Any, language: str) -> None:
    """The MkDocs build speaks `language` (the plugin's option): the catalogue, for what the
    plugin writes itself (the offline copy's line), Material's own words, the headings' links."""
    i18n.activate(language)
    config.theme["language"] = language
    toc = config.mdx_configs.get("toc")
    if toc and toc.get("permalink"):
        toc["permalink_title"] = _("Liên kết tới mục này")
