"""Number, money, percent and date formats: Vietnamese digits (Babel), words from the site catalogue."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache
from gettext import NullTranslations
from typing import Any, NamedTuple

from babel.numbers import format_decimal, get_group_symbol

from ..dates import vi_date
from ..i18n import _, active, around


class _Words(NamedTuple):
    not_reported: str
    dong: tuple[str, str]  # around "{amount} đồng": numbers fill every table
    scales: tuple[tuple[int, str], ...]  # (size, "{amount} tỷ đồng"), largest first
    since: str  # "từ {start}"


@cache
def _words(catalogue: NullTranslations) -> _Words:
    """The words of these formats, translated once per catalogue: they are on every row."""
    return _Words(
        _("chưa báo cáo"),
        around(_("{amount} đồng"), "amount"),
        # The press writes large sums as "16,4 tỷ đồng", "90 triệu đồng".
        ((1_000_000_000, _("{amount} tỷ đồng")), (1_000_000, _("{amount} triệu đồng")), (1_000, _("{amount} nghìn đồng"))),
        _("từ {start}"),
    )


def not_reported() -> str:
    """Said of a figure no source gave: never shown as 0."""
    return _words(active()).not_reported


# Babel's own symbol for the thousands group ("."), read once: formatting 100,000
# integers through format_decimal costs seconds, the same result by str.format does not.
_GROUP = get_group_symbol(locale="vi")


def number(value: int | float) -> str:
    """1.234.567; decimals with a comma."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", _GROUP)
    return format_decimal(value, format="#,##0.##", locale="vi")


def dong(value: int | None) -> str:
    """1.234.567 đồng; None (not reported) is never shown as 0."""
    words = _words(active())
    if value is None:
        return words.not_reported
    before, after = words.dong
    return f"{before}{number(value)}{after}"


def _tenths(value: int, size: int) -> Decimal:
    """value / size to one decimal, halves away from zero as people round (16,45 -> 16,5)."""
    return (Decimal(value) / size).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def dong_short(value: int | None) -> str:
    """16,4 tỷ đồng / 90 triệu đồng / 600 nghìn đồng."""
    if value is None:
        return not_reported()
    scales = _words(active()).scales
    for index, (size, words) in enumerate(scales):
        if abs(value) >= size:
            short = _tenths(value, size)
            if abs(short) >= 1000 and index:  # 999,96 triệu reads as 1 tỷ, not 1.000 triệu
                size, words = scales[index - 1]
                short = _tenths(value, size)
            return words.format(amount=format_decimal(short, format="#,##0.#", locale="vi"))
    return dong(value)


def count(value: int | None) -> str:
    return not_reported() if value is None else number(value)


def percent(part: int, whole: int) -> str:
    """6,5%; a dash when there is nothing to divide by."""
    if not whole:
        return "–"
    return format_decimal(100 * part / whole, format="#,##0.#", locale="vi") + "%"


def megabytes(size: int) -> str:
    """A file's size for people: 1,4 MB, or 850 KB below one megabyte."""
    if size < 1_000_000:
        return f"{number(max(1, round(size / 1000)))} KB"
    return f"{number(round(size / 1_000_000, 1))} MB"


@lru_cache(maxsize=1 << 14)
def date(value) -> str:
    """6/1/2023, 1/2023 or 2023 as written in the record."""
    return vi_date(value)


def period(start: str, end: str | None) -> str:
    """6/1/2023 – 2025, or from a start with no end yet."""
    return f"{date(start)} – {date(end)}" if end else _words(active()).since.format(start=date(start))


def known_period(value: Mapping[str, Any]) -> str:
    """A partnership's period, each date no source gave said to be an assumption:
    "không rõ (giả định 6/1/2023) – 2025"."""
    assumed = value.get("assumed", ())

    def one(key: str) -> str:
        written = date(value[key])
        return _("không rõ (giả định {date})").format(date=written) if key in assumed else written

    return f"{one('start')} – {one('end')}" if value.get("end") else _words(active()).since.format(start=one("start"))


def known_start(value: Mapping[str, Any]) -> str:
    """The start of a partnership's period, or "không rõ" when it is an assumption."""
    return _("không rõ") if "start" in value.get("assumed", ()) else date(value["start"])


