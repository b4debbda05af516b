"""The plan of an import: which record each row becomes, and what stops the others.

Each row becomes the values `new` takes (one per field of generator/registry.py), built,
named and written by the same code as `new` (generator/scaffold.py), so an imported record
is byte for byte what `new` would have written (generator/intake/text.py writes that text
faster, checked against `render`). Before anything is written, the planned
records are validated together with the ledger in a scratch copy: a row is written only if
its record passes `validate` there. A row whose file already exists was imported before
and is left alone; a row that repeats an existing record or an earlier row (same
partnership, place and date, with the same amounts or a near-identical title: the
validator's duplicate rule) is reported and not written.
"""
from __future__ import annotations

import datetime
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..canonical import FormatError
from ..diagnostics import ERROR, field_path
from ..facts import Record, places_of
from ..files import replace_whole
from ..ledger import Ledger
from ..registry import STAGE
from ..rules.duplicates import likely_duplicates, written_place
from ..scaffold import ScaffoldError, build_record, record_id, record_path, schema_problems
from ..schema import SchemaSet
from ..schema_shape import SchemaShape
from ..site.model import Site, build_site
from ..validate import validate_tree
from . import parse
from .columns import AMOUNT, COUNT, DATE, Column, columns, importable
from .names import Names, names_of, what
from .read import Row, Sheet, problem_of
from .text import RecordText

NEW, EXISTS, DUPLICATE, REFUSED = "mới", "đã có", "trùng", "lỗi"
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


@dataclass
class Plan:
    records: list[Planned] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0  # data rows read

    def of_state(self, state: str) -> list[Planned]:
        return [p for p in self.records if p.state == state]


# --- which columns a sheet has -----------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    record_type: str
    header_row: int
    columns: dict[str, Column]  # column letter -> column


def _keys(record_type: str) -> dict[str, Column]:
    """Folded header -> column; a short key two columns share (Ghi chú) names neither."""
    counted: dict[str, list[Column]] = {}
    for column in columns(record_type):
        for key in column.keys:
            counted.setdefault(key, []).append(column)
    return {key: found[0] for key, found in counted.items() if len(found) == 1}


def layout_of(sheet: Sheet, problems: list[Problem]) -> Layout | None:
    """The header row (among the first ten) and the record type whose headers it has most of."""
    best: tuple[int, Layout] | None = None
    for row in sheet.rows[:10]:
        for record_type in importable():
            keys = _keys(record_type)
            found = {letter: keys[parse.folded(text)] for letter, text in row.cells.items() if parse.folded(text) in keys}
            if len(found) >= 2 and (best is None or len(found) > best[0]):
                best = (len(found), Layout(record_type, row.number, found))
    if best is None:
        return None
    layout = best[1]
    header = next(r for r in sheet.rows if r.number == layout.header_row)
    for letter, text in header.cells.items():
        if letter not in layout.columns:
            problems.append(Problem(sheet.name, layout.header_row, f"{letter} ({text})",
                                    "cột này không có trong mẫu nên bị bỏ qua; nếu nó chứa số liệu, hãy đổi tiêu đề "
                                    "cho đúng tên cột của mẫu (xem trang Hướng dẫn)", blocking=False))
    present = set(layout.columns.values())
    for column in columns(layout.record_type):
        if column.required and column not in present:
            problems.append(Problem(sheet.name, layout.header_row, WHOLE_ROW,
                                    f"thiếu cột bắt buộc '{column.header}': hãy thêm cột này (chép từ tệp mẫu)"))
    return layout


# --- one row -----------------------------------------------------------------------------------


def _where(letter: str, column: Column) -> str:
    return f"{letter} ({column.header})"


def _value(text: str, column: Column, names: Names | None) -> Any:
    if names is not None:
        return names.find(text, what(column))
    if column.kind == DATE:
        return parse.date(text)
    if column.kind == AMOUNT:
        return parse.amount(text)
    if column.kind == COUNT:
        return parse.count(text)
    return text


def _items(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", "\n").replace(",", "\n").split("\n") if part.strip()]


def row_values(row: Row, layout: Layout, names: dict[Column, Names | None], problems: list[Problem]) -> dict[str, Any] | None:
    """The values of `new` (by Field.dest) a row holds; None when a cell cannot be read."""
    values: dict[str, Any] = {}
    unread: set[str] = set()
    for letter, column in layout.columns.items():
        text = row.cells.get(letter, "")
        if not text:
            continue
        where = _where(letter, column)
        said = problem_of(text)  # a formula without its value, an Excel error, a number too long
        if said is not None:
            problems.append(Problem(row.sheet, row.number, where, said))
            unread.add(column.field.dest)
            continue
        if column.kind not in (DATE, AMOUNT, COUNT) and names.get(column) is None:
            text = text if column.field.dest == "description" else " ".join(text.split())
        try:
            if column.is_list:
                values[column.field.dest] = [_value(item, column, names.get(column)) for item in _items(text)]
            else:
                values[column.field.dest] = _value(text, column, names.get(column))
        except parse.Unreadable as error:
            problems.append(Problem(row.sheet, row.number, where, str(error)))
            unread.add(column.field.dest)
    missing = [(letter, column) for letter, column in _missing(values, layout) if column.field.dest not in unread]
    for letter, column in missing:
        problems.append(Problem(row.sheet, row.number, letter,
                                f"chưa ghi '{column.header}' (bắt buộc): {column.description}"))
    return None if unread or missing else values


def _missing(values: dict[str, Any], layout: Layout) -> list[tuple[str, Column]]:
    letters = {column: letter for letter, column in layout.columns.items()}
    return [(_where(letters[c], c) if c in letters else c.header, c) for c in columns(layout.record_type)
            if c.required and not values.get(c.field.dest)]


def _column_of(record_type: str, data: dict[str, Any], layout: Layout, where_field: str) -> str:
    """The column a validator finding on `where_field` (value.delivered.cash) points at."""
    stage = "delivered" if "delivered" in data.get("value", {}) else "planned"
    best = ""
    for letter, column in layout.columns.items():
        path = field_path(tuple(stage if key == STAGE else key for key in column.field.path))
        if where_field == path or where_field.startswith(path + ".") or where_field.startswith(path + "["):
            return _where(letter, column)
        if where_field and path.startswith(where_field) and not best:  # a finding on the whole record has no column
            best = _where(letter, column)
    return best or WHOLE_ROW


@dataclass(frozen=True)
class Checks:
    """What every row is checked and written with, made once per import."""

    records: Path
    today: datetime.date
    schemas: SchemaSet
    writer: RecordText


def plan_row(row: Row, layout: Layout, names: dict[Column, Names | None], checks: Checks,
             problems: list[Problem]) -> Planned | None:
    values = row_values(row, layout, names, problems)
    if values is None:
        return None
    record_type = layout.record_type
    values["stage"], values["id"] = None, None
    records = checks.records
    data = build_record(record_type, values, checks.today)
    try:
        data = {"id": record_id(record_type, data), **data}
    except (ScaffoldError, KeyError):
        problems.append(Problem(row.sheet, row.number, WHOLE_ROW, "thiếu giá trị để đặt mã hồ sơ: xem các cột bắt buộc"))
        return None
    path = record_path(records, record_type, data)
    found = schema_problems(record_type, data, str(path), checks.schemas)
    for message in found:
        where_field, _, what_wrong = message.partition(": ")
        problems.append(Problem(row.sheet, row.number, _column_of(record_type, data, layout, where_field), what_wrong))
    if found:
        return None
    depth = len(path.relative_to(records).parts) - 1
    try:
        text = checks.writer.text(record_type, data, depth)
    except FormatError as error:  # a value YAML cannot hold as typed (a control character, say)
        problems.append(Problem(row.sheet, row.number, WHOLE_ROW, f"không ghi được dòng này thành hồ sơ ({error}): "
                                "hãy xoá ký tự lạ trong các ô chữ, rồi nhập lại"))
        return None
    return Planned(row.sheet, row.number, record_type, data, path, text, EXISTS if path.exists() else NEW)


# --- the whole workbook ------------------------------------------------------------------------


def ledger_site(records: Path, today: datetime.date) -> Site:
    return build_site(validate_tree(records, today), records)


def make_plan(sheets: list[Sheet], records: Path, today: datetime.date, site: Site | None = None) -> Plan:
    plan = Plan()
    site = site or ledger_site(records, today)
    layouts = []
    for sheet in sheets:
        layout = layout_of(sheet, plan.problems)
        if layout is not None:
            layouts.append((sheet, layout))
    if not layouts:
        plan.problems.append(Problem(sheets[0].name if sheets else "?", 1, WHOLE_ROW,
                                     "không tìm thấy hàng tiêu đề của mẫu (Ngày, Cặp kết nghĩa, Tên hoạt động…) trong "
                                     "mười dòng đầu: hãy dùng tệp mẫu (python -m generator template activities TỆP.xlsx)"))
    by_id: dict[str, Planned] = {}
    schemas = SchemaSet()
    checks = Checks(records, today, schemas, RecordText(SchemaShape(schemas)))
    for sheet, layout in layouts:
        names = {column: names_of(site, column) for column in columns(layout.record_type)}
        for row in sheet.rows:
            if row.number <= layout.header_row:
                continue
            plan.rows += 1
            planned = plan_row(row, layout, names, checks, plan.problems)
            if planned is None:
                continue
            earlier = by_id.get(planned.data["id"])
            if earlier is not None:
                planned.state = DUPLICATE
                plan.problems.append(Problem(row.sheet, row.number, WHOLE_ROW,
                                             f"trùng với dòng {earlier.row} của trang {earlier.sheet} (cùng mã "
                                             f"{planned.data['id']}): dòng này không được ghi; hãy xoá một trong hai dòng"))
            else:
                by_id[planned.data["id"]] = planned
            plan.records.append(planned)
    if plan.of_state(NEW):
        _check_together(plan, checks, layouts)
    return plan


def _check_together(plan: Plan, checks: Checks, layouts: list[tuple[Sheet, Layout]]) -> None:
    """Validate the new records with the ledger in a scratch copy; the validator's findings
    on a new record go to its row, and a likely duplicate keeps it out."""
    layout_of_sheet = {sheet.name: layout for sheet, layout in layouts}
    records = checks.records
    with tempfile.TemporaryDirectory(prefix="ketnghia-import-") as scratch:
        copy = Path(scratch) / "records"
        # Links copied as links: the copy never reads what a link points at (/dev/zero, a file outside).
        shutil.copytree(records, copy, symlinks=True, ignore=shutil.ignore_patterns(".*"))
        by_file: dict[str, Planned] = {}
        for planned in plan.of_state(NEW):
            target = copy / planned.path.relative_to(records)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(planned.text, encoding="utf-8")
            by_file[str(target.resolve())] = planned
        result = validate_tree(copy, checks.today, checks.schemas)
        for diagnostic in result.diagnostics:
            row = by_file.get(str(Path(diagnostic.file).resolve()))
            if row is None or diagnostic.code == "ACTIVITY_DUPLICATE":
                continue
            blocking = diagnostic.severity == ERROR
            where = _column_of(row.record_type, row.data, layout_of_sheet[row.sheet], diagnostic.field)
            plan.problems.append(Problem(row.sheet, row.row, where, diagnostic.message, blocking))
            if blocking:
                row.state = REFUSED
        _duplicates(plan, result.ledger, by_file)


def _duplicates(plan: Plan, ledger: Ledger, by_file: dict[str, Planned]) -> None:
    activities = list(ledger.of("activity").values())
    new = {r.id: by_file.get(str(Path(r.file).resolve())) for r in activities}

    def place(activity: Record) -> str | None:
        partnership = ledger.get("partnership", activity["partnership"])
        # As the duplicate rule places an activity (generator/rules/duplicates.py check_ledger).
        return " ".join(places_of(activity, partnership.data)) if partnership else written_place(activity)

    def order(index: int) -> tuple[int, str, int]:
        planned = new.get(activities[index].id)
        return (1, planned.sheet, planned.row) if planned else (0, "", 0)

    for i, j, reason in likely_duplicates(activities, place):
        first, second = sorted((i, j), key=order)
        found = new.get(activities[second].id)
        if found is None or found.state != NEW:
            continue
        shared = "tên gần như trùng" if reason == "title" else "cùng số tiền"
        other = new.get(activities[first].id)
        said = f"dòng {other.row} của trang {other.sheet}" if other else f"hồ sơ đã có {activities[first].id}"
        found.state = DUPLICATE
        plan.problems.append(Problem(found.sheet, found.row, WHOLE_ROW,
                                     f"có thể trùng với {said} (cùng cặp kết nghĩa, địa bàn và ngày, {shared}): dòng này "
                                     f"không được ghi. Nếu đúng là hai hoạt động khác nhau, hãy ghi {activities[first].id} vào cột "
                                     "'Khác với hoạt động' của dòng này"))


# --- writing -----------------------------------------------------------------------------------


def write(plan: Plan) -> list[Planned]:
    """Write the new records that passed every check; never overwrite a file."""
    written = []
    for planned in plan.of_state(NEW):
        if planned.path.exists():
            planned.state = EXISTS
            continue
        planned.path.parent.mkdir(parents=True, exist_ok=True)
        replace_whole(str(planned.path), planned.text.encode("utf-8"))
        written.append(planned)
    return written


def sheet_order(plan: Plan) -> list[Problem]:
    return sorted(plan.problems, key=lambda p: (p.sheet, p.row, p.column))
