"""The site's own wording, through one gettext catalogue (domain "site").

The Vietnamese sentences in the code are the message ids: with no catalogue, the default
and the only language shipped, they come out as written. `activate("en")` would load
locale/en/LC_MESSAGES/site.mo; a forked renderer inherits the active catalogue.
`make messages` extracts the ids into locale/site.pot. Record content is never translated.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

DOMAIN = "site"
SOURCE_LANGUAGE = "vi"
LOCALE = Path(__file__).parent / "locale"

_active: gettext.NullTranslations = gettext.NullTranslations()


def activate(language: str, locale: Path = LOCALE) -> None:
    """Render in `language` from now on; Vietnamese needs no catalogue."""
    global _active
    _active = gettext.NullTranslations() if language == SOURCE_LANGUAGE else _catalogue(language, locale)


@cache
def _catalogue(language: str, locale: Path) -> gettext.NullTranslations:
    """The compiled catalogue (site.mo), or the translators' site.po compiled here; one object per
    language, so that what is cached on the catalogue in use stays cached from one block to the next."""
    from babel.support import Translations  # only a translated site needs Babel

    folder = locale / language / "LC_MESSAGES"
    if (folder / f"{DOMAIN}.mo").is_file():
        return Translations.load(locale, [language], DOMAIN)
    if not (folder / f"{DOMAIN}.po").is_file():  # Babel would fall back to the ids without a word
        raise FileNotFoundError(f"không có bản dịch «{language}»: thiếu tệp {folder / f'{DOMAIN}.po'}")
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with (folder / f"{DOMAIN}.po").open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


@contextmanager
def speaking(language: str, locale: Path = LOCALE) -> Iterator[None]:
    """`language` for a block (the English edition's pages), then the catalogue in use before it."""
    global _active
    before = _active
    activate(language, locale)
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
