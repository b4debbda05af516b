"""The site's own wording, through one gettext catalogue (domain "site").

The Vietnamese sentences in the code are the message ids: Vietnamese, the source language,
needs no catalogue and comes out as written. Another language is a translation,
locale/<code>/LC_MESSAGES/site.po, compiled with Babel when first used (no compiled file
to keep in step; a shipped .mo alone is read too). `activate(code)` switches the whole
process (a forked renderer inherits it); `speaking(code)` switches for a block of pages and
restores the language before it. The number and date formats (view/formats.py) and the
templates' and scripts' words (site/interface.py) follow the active language.
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
_language = SOURCE_LANGUAGE


def catalogue_file(language: str, locale: Path | None = None) -> Path | None:
    """The translation of `language` under `locale` (LOCALE): its .po, else a compiled .mo; None without."""
    folder = (locale or LOCALE) / language / "LC_MESSAGES"
    return next((path for path in (folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo") if path.is_file()), None)


def languages(locale: Path | None = None) -> list[str]:
    """The languages the site can be written in: Vietnamese and every translation under `locale`."""
    locale = locale or LOCALE
    found = {p.name for p in locale.iterdir() if p.is_dir() and catalogue_file(p.name, locale)} if locale.is_dir() else set()
    return sorted(found | {SOURCE_LANGUAGE})


@cache
def _load(language: str, locale: Path) -> gettext.NullTranslations:
    """One catalogue object per language: the caches of translated words are keyed on it."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    path = catalogue_file(language, locale)
    if path is None:  # gettext would fall back to the ids without a word
        raise FileNotFoundError(f"không có bản dịch «{language}»: thiếu tệp {locale / language / 'LC_MESSAGES' / DOMAIN}.po")
    if path.suffix == ".mo":
        with path.open("rb") as compiled:
            return gettext.GNUTranslations(compiled)
    from babel.messages.mofile import write_mo  # only a translated site needs Babel's compiler
    from babel.messages.pofile import read_po

    with path.open("rb") as source:
        catalog = read_po(source, locale=language, domain=DOMAIN)
    binary = io.BytesIO()
    write_mo(binary, catalog)  # fuzzy translations left out, as msgfmt does
    binary.seek(0)
    return gettext.GNUTranslations(binary)


def activate(language: str, locale: Path | None = None) -> None:
    """Render in `language` from now on; Vietnamese needs no catalogue."""
    _set(_load(language, locale or LOCALE), language)


@contextmanager
def speaking(language: str, locale: Path | None = None) -> Iterator[None]:
    """Render a block (a section of pages, an edition) in `language`, then the language before."""
    before = _active, _language
    activate(language, locale)
    try:
        yield
    finally:
        _set(*before)


def _set(catalogue: gettext.NullTranslations, language: str) -> None:
    global _active, _language
    _active, _language = catalogue, language


def active() -> gettext.NullTranslations:
    """The catalogue in use: what a cache of translated words is keyed on."""
    return _active


def language() -> str:
    """The code of the language in use ("vi", "en"): the locale of numbers and dates, the feeds' xml:lang."""
    return _language


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
