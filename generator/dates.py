"""Dates as written in records: a day, a month or a year, read as a span of days."""
from __future__ import annotations

import calendar
import datetime
import re


def span(value: str) -> tuple[datetime.date, datetime.date]:
    """First and last day that `value` ("2023-01-06", "2023-01" or "2023") may mean."""
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    month = parts[1]
    if len(parts) == 2:
        return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])
    day = datetime.date(year, month, parts[2])
    return day, day


def first_day(value: str) -> datetime.date:
    return span(value)[0]


def last_day(value: str) -> datetime.date:
    return span(value)[1]


def vi_date(value) -> str:
    """6/1/2023; a month as 1/2023 and a year as itself."""
    if isinstance(value, datetime.date):
        return f"{value.day}/{value.month}/{value.year}"
    parts = [int(p) for p in value.split("-")]
    return "/".join(str(p) for p in reversed(parts))


_DAY_MONTH_YEAR = re.compile(r"(?:ngày\s*)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_MONTH_YEAR = re.compile(r"(?:tháng\s*)?(\d{1,2})\s*[/.\-]\s*(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_YEAR = re.compile(r"(?:năm\s*)?(\d{4})")


def written(text: str) -> str | None:
    """A date as staff write it, lower-cased with single spaces ('15/3/2024', '15.3.2024', '3/2024',
    'năm 2024', '2024-03-15'), in the records' form ('2024-03-15', '2024-03', '2024'); None for
    any other text. Not checked: span() refuses a day that does not exist (31/2/2024)."""
    if match := _ISO.fullmatch(text):
        year, month, day = match.groups()
        return f"{year}-{month}" + (f"-{day}" if day else "")
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    if match := _MONTH_YEAR.fullmatch(text):
        month, year = (int(g) for g in match.groups())
        return f"{year:04d}-{month:02d}"
    if match := _YEAR.fullmatch(text):
        return match.group(1)
    return None
