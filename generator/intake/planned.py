"""What an import plans: each row's record and its state, the problems found on the way, and
what every row is checked with (the ledger as validated once). The planning is plan.py; the
check of the planned records together with the ledger, together.py: both read these."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import field_path
from ..records import Record, RecordFile
from ..registry import STAGE
from ..schema import SchemaSet
from ..validate import Result, validate_tree
from ..view.model import Site, records_only
from .columns import Column
from .table import Notes
from .text import RecordText

NEW, UPDATE, WITHDRAWN, UNCHANGED, DUPLICATE, REFUSED = "mới", "sửa", "rút lại", "không đổi", "trùng", "lỗi"
EXISTS = UNCHANGED  # a row whose record is in the ledger as the row says it
WHOLE_ROW = "cả dòng"


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int
    column: str  # "C (Ngày)", or WHOLE_ROW
    message: str
    blocking: bool = True  # an error keeps the row out; a warning is said and the row goes in

    def __str__(self) -> str:
        kind = "" if self.blocking else "cảnh báo: "
        column = "" if self.column == WHOLE_ROW else f", cột {self.column}"
        return f"{self.sheet}, dòng {self.row}{column}: {kind}{self.message}"


@dataclass
class Planned:
    sheet: str
    row: int
    record_type: str
    data: dict[str, Any]
    path: Path
    text: str
    state: str = NEW
    before: Path | None = None  # the file of the record a row updates or withdraws
    changes: list[str] = field(default_factory=list)  # "Tiền mặt: 90.000.000 → 95.000.000"

    @property
    def record_id(self) -> str:
        return str(self.data["id"])


@dataclass
class Plan:
    records: list[Planned] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0  # data rows read
    notes: Notes = field(default_factory=Notes)  # what was skipped or set right on the way, one line each

    def of_state(self, state: str) -> list[Planned]:
        return [p for p in self.records if p.state == state]

    def rows_in_error(self) -> int:
        """Rows kept out by an error (a header's error counts as its row): '17 dòng có lỗi'."""
        return len({(p.sheet, p.row) for p in self.problems if p.blocking})


@dataclass(frozen=True)
class Layout:
    record_type: str
    header_row: int
    columns: dict[str, Column]  # column letter -> column
    scales: dict[str, int] = field(default_factory=dict)  # amount column letter -> its unit in đồng (triệu: 1 000 000)
    unmatched_money: dict[str, str] = field(default_factory=dict)  # letter -> header of a money column of no field
    record_id: str | None = None  # the letter of the column "Mã hồ sơ"
    withdraw: str | None = None  # the letter of the column "Rút lại"


def column_named(letter: str, column: Column) -> str:
    return f"{letter} ({column.header})"


def column_of(record_type: str, data: dict[str, Any], layout: Layout, where_field: str) -> str:
    """The column a validator finding on `where_field` (value.delivered.cash) points at."""
    stage = "delivered" if "delivered" in data.get("value", {}) else "planned"
    best = ""
    for letter, column in layout.columns.items():
        path = field_path(tuple(stage if key == STAGE else key for key in column.field.path))
        if where_field == path or where_field.startswith(path + ".") or where_field.startswith(path + "["):
            return column_named(letter, column)
        if where_field and path.startswith(where_field) and not best:  # a finding on the whole record has no column
            best = column_named(letter, column)
    return best or WHOLE_ROW


@dataclass(frozen=True)
class Known:
    """The ledger as the import reads it: validated once, its records named as the site names them."""

    records: Path
    result: Result
    site: Site  # the records alone (generator/view/model.py records_only): names, no pages
    files: dict[tuple[str, str], RecordFile]  # (type, id) -> its file

    def record(self, record_type: str, record_id: str) -> Record | None:
        return self.result.ledger.get(record_type, record_id)


def known_of(records: Path, result: Result) -> Known:
    """The ledger of `records` as validated in `result`, for the import."""
    site = records_only({t: {i: r.data for i, r in sorted(by_id.items())} for t, by_id in sorted(result.ledger.records.items())})
    files = {(f.type, f.id): f for f in result.files if f.type and f.is_yaml and not f.problem}
    return Known(records, result, site, files)


def read_ledger(records: Path, today: datetime.date, schemas: SchemaSet | None = None) -> Known:
    return known_of(records, validate_tree(records, today, schemas))


@dataclass(frozen=True)
class Checks:
    """What every row is checked and written with, made once per import."""

    known: Known
    today: datetime.date
    schemas: SchemaSet
    writer: RecordText

    @property
    def records(self) -> Path:
        return self.known.records
