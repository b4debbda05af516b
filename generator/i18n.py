"""The site's own wording, through one gettext catalogue (domain "site").

The Vietnamese sentences in the code are the message ids: with no catalogue, the default
and the only language shipped, they come out as written. `activate("en")` would load
locale/en/LC_MESSAGES/site.mo; a forked renderer inherits the active catalogue.
`make messages` extracts the ids into locale/site.pot. Record content is never translated.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "site"
SOURCE_LANGUAGE = "vi"
LOCALE = Path(__file__).parent / "locale"

_active: gettext.NullTranslations = gettext.NullTranslations()


def activate(language: str, locale: Path = LOCALE) -> None:
    """Render in `language` from now on; Vietnamese needs no catalogue."""
    global _active
    if language == SOURCE_LANGUAGE:
        _active = gettext.NullTranslations()
        return
    path = locale / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not path.is_file():  # Babel would fall back to the ids without a word
        raise FileNotFoundError(f"không có bản dịch «{language}»: thiếu tệp {path}")
    from babel.support import Translations  # only a translated site needs Babel's loader

    _active = Translations.load(locale, [language], DOMAIN)


@contextmanager
def speaking(language: str, locale: Path | None = None) -> Iterator[None]:
    """Render a block (a whole render, a section of pages) in `language`, then the language before."""
    global _active
    before = _active
    activate(language, locale or LOCALE)
    try:
        yield
    finally:
        _active = before


def active() -> gettext.NullTranslations:
    """The catalogue in use: what a cache of translated words is keyed on."""
    return _active


def _(message: str) -> str:
    return _active.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """For "{count} …": Vietnamese nouns do not change with the count, other languages' do."""
    return _active.ngettext(singular, plural, count)


def around(template: str, placeholder: str) -> tuple[str, str]:
    """("Địa bàn: ", "") for ("Địa bàn: {place}", "place"): the words before and after a
    template's one placeholder, for rows made by the ten thousand, where str.format shows."""
    before, found, after = template.partition("{" + placeholder + "}")
    if not found:
        raise ValueError(f"{template!r} has no {{{placeholder}}}")
    return before, after


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is declared; `_()` translates it where used."""
    return message
