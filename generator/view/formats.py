"""Number, money, percent and date formats in the active language (i18n.language()): digits by
Babel's locale data ("55,8 tỷ đồng", "55.8 billion đồng"), words and date patterns from the
site catalogue ("6/1/2023", "6 Jan 2023")."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache
from gettext import NullTranslations
from typing import Any, NamedTuple

from babel.dates import format_date
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from ..dates import span
from ..i18n import _, active, around, language


class _Words(NamedTuple):
    not_reported: str
    dong: tuple[str, str]  # around "{amount} đồng": numbers fill every table
    scales: tuple[tuple[int, str], ...]  # (size, "{amount} tỷ đồng"), largest first
    since: str  # "từ {start}"
    locale: str  # Babel's locale of the digits: "vi", "en"
    group: str  # the thousands group: "." in Vietnamese, "," in English
    decimal: str  # "," in Vietnamese, "." in English
    day: str  # a CLDR date pattern: "d/M/y" gives 6/1/2023, "d MMM y" 6 Jan 2023
    month: str  # "M/y" gives 1/2023, "MMM y" Jan 2023
    dates: dict[str | datetime.date, str]  # the dates written so far: the same few thousand fill every table


@cache
def _words(catalogue: NullTranslations, locale: str) -> _Words:
    """The words of these formats, translated once per catalogue: they are on every row."""
    return _Words(
        _("chưa báo cáo"),
        around(_("{amount} đồng"), "amount"),
        # The press writes large sums as "16,4 tỷ đồng", "90 triệu đồng".
        ((1_000_000_000, _("{amount} tỷ đồng")), (1_000_000, _("{amount} triệu đồng")), (1_000, _("{amount} nghìn đồng"))),
        _("từ {start}"),
        locale,
        # Babel's own symbols, read once: formatting 100,000 integers through format_decimal
        # costs seconds, the same result by str.format does not.
        get_group_symbol(locale=locale),
        get_decimal_symbol(locale=locale),
        # TRANSLATORS: how a day is written, as a CLDR date pattern (d day, M month number,
        # MMM its short name, y year): "d MMM y" gives "6 Jan 2023". Keep the letters' meaning.
        _("d/M/y"),
        # TRANSLATORS: how a month is written, as a CLDR date pattern: "MMM y" gives "Jan 2023".
        _("M/y"),
        {},
    )


_current: list[Any] = [None, None]  # the catalogue last asked for and its words: numbers fill every table


def words() -> _Words:
    """The formats' words and symbols in the active language (also for the scripts' own words)."""
    catalogue = active()
    if catalogue is not _current[0]:
        _current[:] = catalogue, _words(catalogue, language())
    return _current[1]


def not_reported() -> str:
    """Said of a figure no source gave: never shown as 0."""
    return words().not_reported


def number(value: int | float) -> str:
    """1.234.567; decimals with a comma (1,234,567 and a point in English)."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", words().group)
    return _decimal(value, "#,##0.##", words().locale)


def dong(value: int | None) -> str:
    """1.234.567 đồng; None (not reported) is never shown as 0."""
    words_ = words()
    if value is None:
        return words_.not_reported
    before, after = words_.dong
    return f"{before}{number(value)}{after}"


def _decimal(value: float | Decimal, pattern: str, locale: str) -> str:
    """Babel's format_decimal, kept: the same few thousand sums and shares recur on the summaries,
    the sponsor pages and the home page, at some microseconds each. Not zero: 0 and -0 are one key
    and are written apart ("-0")."""
    return _kept_decimal(value, pattern, locale) if value else format_decimal(value, format=pattern, locale=locale)


@lru_cache(maxsize=1 << 12, typed=True)
def _kept_decimal(value: float | Decimal, pattern: str, locale: str) -> str:
    return format_decimal(value, format=pattern, locale=locale)


def _tenths(value: int, size: int) -> Decimal:
    """value / size to one decimal, halves away from zero as people round (16,45 -> 16,5)."""
    return (Decimal(value) / size).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def dong_short(value: int | None) -> str:
    """16,4 tỷ đồng / 90 triệu đồng / 600 nghìn đồng."""
    if value is None:
        return not_reported()
    scales, locale = words().scales, words().locale
    for index, (size, template) in enumerate(scales):
        if abs(value) >= size:
            short = _tenths(value, size)
            if abs(short) >= 1000 and index:  # 999,96 triệu reads as 1 tỷ, not 1.000 triệu
                size, template = scales[index - 1]
                short = _tenths(value, size)
            return template.format(amount=_decimal(short, "#,##0.#", locale))
    return dong(value)


def count(value: int | None) -> str:
    return not_reported() if value is None else number(value)


def percent(part: int, whole: int) -> str:
    """6,5%; a dash when there is nothing to divide by."""
    if not whole:
        return "–"
    return _decimal(100 * part / whole, "#,##0.#", words().locale) + "%"


def megabytes(size: int) -> str:
    """A file's size for people: 1,4 MB, or 850 KB below one megabyte."""
    if size < 1_000_000:
        return f"{number(max(1, round(size / 1000)))} KB"
    return f"{number(round(size / 1_000_000, 1))} MB"


def date(value: str | datetime.date) -> str:
    """6/1/2023, 1/2023 or 2023 as written in the record (6 Jan 2023, Jan 2023, 2023 in English)."""
    words_ = words()
    written = words_.dates.get(value)
    if written is None:
        written = words_.dates[value] = _date(value, words_)
    return written


def _date(value: str | datetime.date, words_: _Words) -> str:
    if isinstance(value, datetime.date):
        return format_date(value, words_.day, locale=words_.locale)
    parts = value.count("-")
    if not parts:
        return str(int(value))
    return format_date(span(value)[0], words_.month if parts == 1 else words_.day, locale=words_.locale)


def period(start: str, end: str | None) -> str:
    """6/1/2023 – 2025, or from a start with no end yet."""
    return f"{date(start)} – {date(end)}" if end else words().since.format(start=date(start))


def known_period(value: Mapping[str, Any]) -> str:
    """A partnership's period, each date no source gave said to be an assumption:
    "không rõ (giả định 6/1/2023) – 2025"."""
    assumed = value.get("assumed", ())

    def one(key: str) -> str:
        written = date(value[key])
        return _("không rõ (giả định {date})").format(date=written) if key in assumed else written

    return f"{one('start')} – {one('end')}" if value.get("end") else words().since.format(start=one("start"))


def known_start(value: Mapping[str, Any]) -> str:
    """The start of a partnership's period, or "không rõ" when it is an assumption."""
    return _("không rõ") if "start" in value.get("assumed", ()) else date(value["start"])


