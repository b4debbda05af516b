"""A record's values as a workbook shows them: the cells of an export, the changes of a plan.

A cell of an export must read back as the very value it came from (re-importing an unchanged
export changes nothing), so a name is written as the dropdown shows it only when the import
reads that name back as the same record; otherwise the record's code is written, which the
import reads too.
"""
from __future__ import annotations

from typing import Any

from ..dates import vi_date
from ..facts import Record
from ..registry import STAGE
from ..view.formats import number
from .columns import AMOUNT, COUNT, DATE, REFERENCE, Column
from .names import Names
from .parse import Unreadable

EMPTY = "(trống)"
_SHOWN_TEXT = 120  # characters of a description shown in a change


def stage_of(data: Record) -> str | None:
    """Where a record keeps its amounts: delivered when it has them, else planned."""
    value = data.get("value") or {}
    return "delivered" if "delivered" in value else "planned" if "planned" in value else None


def path_of(column: Column, stage: str | None) -> tuple[str | int, ...]:
    return tuple((stage or "delivered") if key == STAGE else key for key in column.field.path)


def value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        if isinstance(key, int):
            if not isinstance(data, list) or len(data) <= key:
                return None
        elif not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _name(names: Names | None, code: str, column_what: str) -> str:
    """The name the dropdown offers for `code` if the import reads it back as `code`."""
    if names is None:
        return code
    shown = names.shown.get(code)
    if not shown or any(mark in shown for mark in ",;\n"):  # a list cell is split at those
        return code
    try:
        return shown if names.find(shown, column_what) == code else code
    except Unreadable:
        return code


def cell(column: Column, value: Any, names: Names | None, column_what: str) -> object:
    """What an export writes in the cell: a date, a number or text the import reads as `value`."""
    if value is None:
        return None
    if column.is_list:
        return "; ".join(str(_name(names, item, column_what)) for item in value)
    if column.kind == DATE:
        return vi_date(value)  # text, as the template's date cells hold it: 15/3/2024, 3/2024, 2024
    if column.kind in (AMOUNT, COUNT):
        return value
    if names is not None:
        return _name(names, value, column_what)
    return value


def shown(column: Column, value: Any, names: Names | None) -> str:
    """A value as the plan says it: 90.000.000, 15/3/2024, the name of a pair, a label."""
    if value is None or value == [] or value == "":
        return EMPTY
    if column.is_list:
        return "; ".join(shown_one(column, item, names) for item in value)
    return shown_one(column, value, names)


def shown_one(column: Column, value: Any, names: Names | None) -> str:
    if column.kind == DATE:
        return vi_date(value)
    if column.kind in (AMOUNT, COUNT) and isinstance(value, int):
        return number(value)
    if names is not None and (column.kind == REFERENCE or names.shown):
        return names.shown.get(value, str(value))
    text = " ".join(str(value).split())
    if column.field.dest != "description" or len(text) <= _SHOWN_TEXT:
        return text
    return text[:_SHOWN_TEXT - 1] + "…"  # a description runs to paragraphs: its start tells which
