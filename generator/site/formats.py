"""Vietnamese number, money, percent and date formats (Babel for the digits)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel.numbers import format_decimal, get_group_symbol

from ..dates import vi_date

NOT_REPORTED = "chưa báo cáo"

# The press writes large sums as "16,4 tỷ đồng", "90 triệu đồng".
_SCALES = ((1_000_000_000, "tỷ"), (1_000_000, "triệu"), (1_000, "nghìn"))


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
    return NOT_REPORTED if value is None else f"{number(value)} đồng"


def _tenths(value: int, size: int) -> Decimal:
    """value / size to one decimal, halves away from zero as people round (16,45 -> 16,5)."""
    return (Decimal(value) / size).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def dong_short(value: int | None) -> str:
    """16,4 tỷ đồng / 90 triệu đồng / 600 nghìn đồng."""
    if value is None:
        return NOT_REPORTED
    for index, (size, word) in enumerate(_SCALES):
        if abs(value) >= size:
            short = _tenths(value, size)
            if abs(short) >= 1000 and index:  # 999,96 triệu reads as 1 tỷ, not 1.000 triệu
                size, word = _SCALES[index - 1]
                short = _tenths(value, size)
            return f"{format_decimal(short, format='#,##0.#', locale='vi')} {word} đồng"
    return dong(value)


def count(value: int | None) -> str:
    return NOT_REPORTED if value is None else number(value)


def percent(part: int, whole: int) -> str:
    """6,5%; a dash when there is nothing to divide by."""
    if not whole:
        return "–"
    return format_decimal(100 * part / whole, format="#,##0.#", locale="vi") + "%"


@lru_cache(maxsize=1 << 14)
def date(value) -> str:
    """16/4/2020, 4/2020 or 2020 as written in the record."""
    return vi_date(value)


def period(start: str, end: str | None) -> str:
    """16/4/2020 – 2025, or from a start with no end yet."""
    return f"{date(start)} – {date(end)}" if end else f"từ {date(start)}"


