"""Corrections from a workbook: a row that names a record by its code updates it or withdraws it.

An exported workbook (generator/intake/export.py) carries each record's code in the column
"Mã hồ sơ". Importing the row again puts the row's cells over the record's fields that the
workbook has columns for; the record's other fields (a second source, a note the template
has no column for) are kept as they were. A cell that reads as the record's value, cleaned
as every cell is cleaned, is no change: re-importing an unchanged export changes nothing.
A mark in the column "Rút lại" withdraws the record.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from ..facts import Record
from ..scaffold import set_at
from .columns import TEXT, Column
from .names import Names
from .parse import Unreadable, folded
from .read import clean
from .values import path_of, shown, stage_of, value_at

RECORD_ID = "Mã hồ sơ"
WITHDRAW = "Rút lại"
ID_KEYS = frozenset({folded(RECORD_ID), "id", "ma"})
WITHDRAW_KEYS = frozenset({folded(WITHDRAW)})
_YES = frozenset(folded(word) for word in ("x", "có", "rút lại", "rút", "1", "đúng"))
_NO = frozenset(folded(word) for word in ("không", "0", "-"))
WITHDRAW_HINT = f"ghi x vào cột '{WITHDRAW}' để rút lại hồ sơ của dòng này, bỏ trống để giữ"


def withdrawn(text: str) -> bool:
    """Whether a cell of the column "Rút lại" asks to withdraw the record."""
    said = folded(text)
    if not said or said in _NO:
        return False
    if said in _YES:
        return True
    raise Unreadable(f"không hiểu '{text}' ở cột '{WITHDRAW}': {WITHDRAW_HINT}")


@dataclass(frozen=True)
class Change:
    column: Column
    before: Any
    after: Any

    def said(self, names: Names | None, header: str) -> str:
        return f"{header}: {shown(self.column, self.before, names)} → {shown(self.column, self.after, names)}"


def _same(column: Column, before: Any, after: Any) -> bool:
    if before == after:
        return True
    if column.kind != TEXT or not isinstance(before, str) or not isinstance(after, str):
        return False
    cleaned = clean(before)  # as a cell's text is read (generator/intake/read.py)
    return (cleaned if column.field.dest == "description" else " ".join(cleaned.split())) == after


def _drop(data: dict[str, Any], path: tuple[str | int, ...]) -> None:
    """Remove the value at `path`, then the mappings it leaves empty."""
    parents = []
    node: Any = data
    for key in path[:-1]:
        parents.append((node, key))
        node = node[key]
    del node[path[-1]]
    for parent, key in reversed(parents):
        if parent[key] in ({}, []):
            del parent[key]
        else:
            break


def merged(record: Record, row: Record, present: list[Column], clear: bool = True) -> tuple[dict[str, Any], list[Change]]:
    """The record with the row's values in the fields of the columns the sheet has, and what
    changed. An empty cell clears its field only with `clear` (a row that names its record by
    code, as an export writes all of it); a row found by its day and title fills, never clears."""
    data = copy.deepcopy(dict(record))
    stage = stage_of(row) or stage_of(record)
    changes = []
    for column in present:
        path = path_of(column, stage)
        before, after = value_at(record, path), value_at(row, path)
        if after is None and (before is None or not clear):
            continue
        if after is None:
            _drop(data, path)
        elif before is not None and _same(column, before, after):
            continue
        else:
            set_at(data, path, after)
        changes.append(Change(column, before, after))
    return data, changes
