"""Dates as written in records: a day, a month or a year, read as a span of days."""
from __future__ import annotations

import calendar
import datetime


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
