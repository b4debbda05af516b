"""The words of the templates (overrides/) and of the scripts (docs/javascripts/), in the
active language: MkDocs renders those, not the generator, so their words come from here.

The plugin hands the templates one set per language the site can be written in, as
`config.extra.words` (see `every_language`); a page takes the set of its language, its
front matter's `language` or else the site's (overrides/partials/words.html), and Material's
own words the same way (overrides/partials/language.html): a section in another language
is a matter of its pages' front matter. The scripts read their words from the page
(main.html writes `scripts` as JSON, `<script id="ketnghia-words">`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from babel import Locale
from babel.core import get_global

from .. import i18n
from ..i18n import _, around
from ..view import formats


def words(data_date: str = "") -> dict[str, Any]:
    """The templates' and scripts' words in the active language; `data_date` the date of the
    data as people read it ("" when unknown), printed above every page."""
    digits = formats.words()
    return {
        "language": i18n.language(),
        "og_locale": _territorial(i18n.language()),
        "data_date": _("Số liệu đến ngày {date}").format(date=data_date) if data_date else "",
        "not_found": _("Không tìm thấy trang"),
        # TRANSLATORS: {home} is a link whose words are the next message ("trang chủ").
        "gone": _("Trang này không có hoặc đã được chuyển đi. Hãy dùng ô tìm kiếm, hoặc về {home}."),
        "home": _("trang chủ"),
        "search_more": _("Xem thêm kết quả"),
        "search_suggest": _("Không có kết quả. Có phải bạn muốn tìm:"),
        "search_home": _("Tìm xã của bạn"),
        "search_failed": _("Không tải được dữ liệu tìm kiếm: hãy thử lại."),
        "scripts": {
            # Numbers as the pages write them: read back to sort a table, written by the filters.
            "locale": digits.locale,
            "group": digits.group,
            "decimal": digits.decimal,
            "dong": [part.strip() for part in around(_("{amount} đồng"), "amount") if part.strip()],
            "table": _("Bảng"),
            "table_of": _("Bảng: {heading}"),
            "sort": _("Bấm để sắp xếp"),
        },
    }


def every_language(data_date: Callable[[], str] = lambda: "") -> dict[str, dict[str, Any]]:
    """{language: its words}, for every language the site can be written in; `data_date` gives
    the data's date as people read it in the active language."""
    out = {}
    for code in i18n.languages():
        with i18n.speaking(code):
            out[code] = words(data_date())
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
