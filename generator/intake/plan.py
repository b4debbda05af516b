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
import re
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string, range_boundaries

from ..canonical import FormatError
from ..dates import span
from ..diagnostics import ERROR, field_path
from ..facts import Record, places_of
from ..files import replace_whole
from ..ledger import Ledger
from ..registry import STAGE, TYPES
from ..rules.duplicates import likely_duplicates, written_place
from ..rules.spelling import preferred
from ..scaffold import ScaffoldError, build_record, record_id, record_path, schema_problems
from ..schema import SchemaSet
from ..schema_shape import SchemaShape
from ..site.model import Site, build_site
from ..validate import validate_tree
from . import parse
from .columns import AMOUNT, COUNT, DATE, Column, columns, importable
from .names import Names, Span, names_of, shown_names, what
from .read import Row, Sheet, problem_of
from .table import Notes, header_key, holds_money, is_numbering, is_unit_note, skipped_as
from .text import RecordText
from .wording import for_staff

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
    notes: Notes = field(default_factory=Notes)  # what was skipped or set right on the way, one line each

    def of_state(self, state: str) -> list[Planned]:
        return [p for p in self.records if p.state == state]

    def rows_in_error(self) -> int:
        """Rows kept out by an error (a header's error counts as its row): '17 dòng có lỗi'."""
        return len({(p.sheet, p.row) for p in self.problems if p.blocking})


# --- which columns a sheet has -----------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    record_type: str
    header_row: int
    columns: dict[str, Column]  # column letter -> column
    scales: dict[str, int] = field(default_factory=dict)  # amount column letter -> its unit in đồng (triệu: 1 000 000)
    unmatched_money: dict[str, str] = field(default_factory=dict)  # letter -> header of a money column of no field


def _keys(record_type: str) -> dict[str, Column]:
    """Folded header -> column; a short key two columns share (Ghi chú) names neither."""
    counted: dict[str, list[Column]] = {}
    for column in columns(record_type):
        for key in column.keys:
            counted.setdefault(key, []).append(column)
    return {key: found[0] for key, found in counted.items() if len(found) == 1}


def layout_of(sheet: Sheet, problems: list[Problem], notes: Notes | None = None) -> Layout | None:
    """The header row (among the first ten) and the record type whose headers it has most of.
    A header may carry a unit ('Tiền mặt (triệu đồng)'), or a note above the table may
    ('ĐVT: triệu đồng'): the amounts of that column are in that unit."""
    notes = notes if notes is not None else Notes()
    best: tuple[int, Layout] | None = None
    for row in sheet.rows[:10]:
        for record_type in importable():
            keys = _keys(record_type)
            found = {letter: keys[key] for letter, text in row.cells.items() if (key := _key(text, keys))}
            if len(found) >= 2 and (best is None or len(found) > best[0]):
                best = (len(found), Layout(record_type, row.number, found))
    if best is None:
        return None
    layout = best[1]
    header = next(r for r in sheet.rows if r.number == layout.header_row)
    notes_of_unit = {letter for letter, text in header.cells.items() if letter not in layout.columns and is_unit_note(text)}
    above = [text for row in sheet.rows if row.number < layout.header_row for text in row.cells.values()]
    above += [header.cells[letter] for letter in sorted(notes_of_unit)]  # "ĐVT: triệu đồng" beside the headers
    noted = next((unit for text in above if (unit := parse.unit_of(text)) is not None), 1)
    for letter, column in layout.columns.items():
        if column.kind == AMOUNT:
            unit = parse.unit_of(header.cells[letter])
            layout.scales[letter] = noted if unit is None else unit
            if layout.scales[letter] != 1:
                notes.say(f"{sheet.name}: cột {_where(letter, column)} ghi theo {_UNIT_WORDS[layout.scales[letter]]}: "
                          f"đã đổi ra đồng (90 thành {90 * layout.scales[letter]:,} đồng)".replace(",", "."))
    for letter, text in header.cells.items():
        if letter in layout.columns or letter in notes_of_unit:
            continue
        if is_numbering(text):
            notes.say(f"{sheet.name}: bỏ qua cột {letter} ({text}): số thứ tự")
        elif layout.record_type == "activity" and holds_money(text):
            layout.unmatched_money[letter] = text
            problems.append(Problem(sheet.name, layout.header_row, f"{letter} ({text})",
                                    "cột này ghi tiền nhưng tiêu đề không khớp cột tiền nào của mẫu, nên số tiền của nó "
                                    f"không đọc được: hãy đổi tiêu đề thành một trong {_MONEY_HEADERS} (đơn vị để trong "
                                    "ngoặc nếu có, ví dụ 'Giá trị: Tiền mặt (triệu đồng)')"))
        else:
            problems.append(Problem(sheet.name, layout.header_row, f"{letter} ({text})",
                                    "cột này không có trong mẫu nên bị bỏ qua; nếu nó chứa số liệu, hãy đổi tiêu đề "
                                    "cho đúng tên cột của mẫu (xem trang Hướng dẫn)", blocking=False))
    present = set(layout.columns.values())
    for column in columns(layout.record_type):
        if column.required and column not in present:
            problems.append(Problem(sheet.name, layout.header_row, WHOLE_ROW,
                                    f"thiếu cột bắt buộc '{column.header}': hãy thêm cột này (chép từ tệp mẫu)"))
    return layout


def _key(text: str, keys: dict[str, Column]) -> str | None:
    """The template's header `text` means, with or without a unit in brackets."""
    for key in (parse.folded(text), header_key(text)):
        if key in keys:
            return key
    return None


_UNIT_WORDS = {1_000: "nghìn đồng", 1_000_000: "triệu đồng", 1_000_000_000: "tỷ đồng"}
_MONEY_HEADERS = ", ".join(f"'{c.header}'" for c in columns("activity") if c.kind == AMOUNT)


# --- one row -----------------------------------------------------------------------------------


def _where(letter: str, column: Column) -> str:
    return f"{letter} ({column.header})"


def _value(text: str, column: Column, names: Names | None, scale: int = 1, on: Span | None = None) -> Any:
    if names is not None:
        return names.find(text, what(column), on)
    if column.kind == DATE:
        return parse.date(text)
    if column.kind == AMOUNT:
        return parse.amount(text, scale)
    if column.kind == COUNT:
        return parse.count(text)
    return text


def _items(text: str) -> list[str]:
    """The names of a list cell, apart at ';', a line break or a comma outside brackets: a name
    offered may hold one ('xã A (huyện B, đến 30/6/2021)')."""
    return [part.strip() for part in _BETWEEN_ITEMS.split(text) if part.strip()]


_WORD = re.compile(r"\w+")
_BETWEEN_ITEMS = re.compile(r"[;\n]|,(?![^()]*\))")


def row_values(row: Row, layout: Layout, names: dict[Column, Names | None], problems: list[Problem],
               notes: Notes | None = None) -> dict[str, Any] | None:
    """The values of `new` (by Field.dest) a row holds; None when a cell cannot be read.
    Dates are read first: a name is looked up among the units and pairs of the row's days."""
    notes = notes if notes is not None else Notes()
    values: dict[str, Any] = {}
    unread: set[str] = set()
    starts, ends = TYPES[layout.record_type].ordered_dates or ((), ())
    by_path = {column.field.path: column for column in layout.columns.values()}
    on: Span | None = None  # the row's days, once its date is read
    for letter, column in sorted(layout.columns.items(), key=lambda item: item[1].kind != DATE):
        text = row.cells.get(letter, "")
        if not text or column.kind not in (AMOUNT, COUNT) and parse.is_none(text):
            continue
        where = _where(letter, column)
        # a formula without its value, an Excel error, a number too long; an amount merged over rows
        said = problem_of(text) or _merge_question(row, letter, column, layout)
        if said is not None:
            problems.append(Problem(row.sheet, row.number, where, said))
            unread.add(column.field.dest)
            continue
        known = names.get(column)
        if column.kind not in (DATE, AMOUNT, COUNT) and known is None:
            text = text if column.field.dest == "description" else " ".join(text.split())
        try:
            if column.is_list:
                values[column.field.dest] = [_value(item, column, known, on=on) for item in _items(text)]
            else:
                values[column.field.dest] = _value(text, column, known, layout.scales.get(letter, 1), on)
        except parse.DayRange as days:
            end = by_path.get(ends)
            if column.field.path != starts or end is None or row.cells.get(_letter_of(layout, end), ""):
                problems.append(Problem(row.sheet, row.number, where, str(days)))
                unread.add(column.field.dest)
                continue
            values[column.field.dest], values[end.field.dest] = days.first, days.last
            notes.add(row.sheet, f"khoảng ngày chia vào hai cột '{column.header}' và '{end.header}'", row.number)
        except parse.Unreadable as error:
            problems.append(Problem(row.sheet, row.number, where, str(error)))
            unread.add(column.field.dest)
            continue
        if column.field.path == starts:
            on = span(values[column.field.dest])
        _said_right(row, letter, column, layout.record_type, values, problems, notes)
    for letter, header in layout.unmatched_money.items():
        if row.cells.get(letter):
            problems.append(Problem(row.sheet, row.number, f"{letter} ({header})",
                                    f"ô ghi '{row.cells[letter]}' ở cột tiền không khớp mẫu: dòng chưa được ghi để khỏi mất "
                                    "số tiền này; hãy đổi tiêu đề cột (xem lỗi ở dòng tiêu đề)"))
            unread.add(letter)
    missing = [(letter, column) for letter, column in _missing(values, layout) if column.field.dest not in unread]
    for letter, column in missing:
        problems.append(Problem(row.sheet, row.number, letter, f"chưa ghi '{column.header}' (bắt buộc): {_how(column, names)}"))
    return None if unread or missing else values


def _letter_of(layout: Layout, column: Column) -> str:
    return next(letter for letter, found in layout.columns.items() if found is column)


def _merge_question(row: Row, letter: str, column: Column, layout: Layout) -> str | None:
    """An amount or a count in a merged cell belongs to one row and one column: the merge does
    not say which, so every row it covers is asked (never the figure copied into each)."""
    merge = row.merged.get(letter)
    if not merge or column.kind not in (AMOUNT, COUNT):
        return None
    first_col, first_row, last_col, last_row = (int(b or 0) for b in range_boundaries(merge))  # a merge has all four
    if last_row > first_row:
        return (f"ô {merge} được gộp qua các dòng {first_row}–{last_row} và ghi '{row.cells[letter]}': không biết số này "
                "của dòng nào, nên các dòng đó chưa được ghi. Hãy bỏ gộp ô, ghi số vào dòng của nó và để trống các "
                "dòng kia (hoặc ghi số của từng dòng)")
    covered = [c for found, c in layout.columns.items()
               if c.kind in (AMOUNT, COUNT) and first_col <= column_index_from_string(found) <= last_col]
    if len(covered) > 1:
        return (f"ô {merge} được gộp qua các cột {', '.join(c.header for c in covered)} và ghi '{row.cells[letter]}': "
                "không biết số này thuộc cột nào. Hãy bỏ gộp ô và ghi số vào đúng cột")
    return None


SMALL_AMOUNT = 10_000  # đồng: below this an amount was most likely written in another unit


def _said_right(row: Row, letter: str, column: Column, record_type: str, values: dict[str, Any],
                problems: list[Problem], notes: Notes) -> None:
    """A value read as meant that staff may want to look at: a tiny amount (a unit left out?),
    a name with the other tone-mark placement (set to the official one, said in the plan)."""
    value = values[column.field.dest]
    if column.kind == AMOUNT and 0 < value < SMALL_AMOUNT:
        problems.append(Problem(row.sheet, row.number, _where(letter, column),
                                f"số tiền chỉ {value} đồng: nếu số này tính theo nghìn, triệu hay tỷ đồng, hãy ghi rõ "
                                "đơn vị trong ô (90 triệu) hoặc trên tiêu đề cột ('Giá trị: Tiền mặt (triệu đồng)')",
                                blocking=False))
    if column.field.path in TYPES[record_type].names and isinstance(value, str):
        right = preferred(value)
        if right != value:
            values[column.field.dest] = right
            changed = [(a, b) for a, b in zip(_WORD.findall(value), _WORD.findall(right), strict=True) if a != b]
            notes.add(row.sheet, "đặt lại dấu thanh theo cách viết của danh mục hành chính ("
                      + ", ".join(f"{a} → {b}" for a, b in changed[:3]) + ")", row.number)
def _how(column: Column, names: dict[Column, Names | None]) -> str:
    """How to fill a column, in staff words (a description of the schema may name files and codes)."""
    if names.get(column) is not None:
        return "hãy chọn trong danh sách thả xuống của cột này (gõ không dấu cũng được)"
    if column.kind == DATE:
        return parse.DATE_HINT
    return column.description


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
             problems: list[Problem], notes: Notes | None = None) -> Planned | None:
    values = row_values(row, layout, names, problems, notes)
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
        layout = layout_of(sheet, plan.problems, plan.notes)
        if layout is not None:
            layouts.append((sheet, layout))
    if not layouts:
        plan.problems.append(Problem(sheets[0].name if sheets else "?", 1, WHOLE_ROW,
                                     "không tìm thấy hàng tiêu đề của mẫu (Ngày, Cặp kết nghĩa, Tên hoạt động…) trong "
                                     "mười dòng đầu: hãy chép số liệu vào bảng tính mẫu của sổ, giữ nguyên dòng tiêu đề của nó"))
    by_id: dict[str, Planned] = {}
    schemas = SchemaSet()
    checks = Checks(records, today, schemas, RecordText(SchemaShape(schemas)))
    for sheet, layout in layouts:
        names = {column: names_of(site, column) for column in columns(layout.record_type)}
        for row in sheet.rows:
            if row.number <= layout.header_row:
                continue
            if skipped := skipped_as(row.cells.values()):
                plan.notes.add(sheet.name, f"bỏ qua {skipped}", row.number)
                continue
            plan.rows += 1
            planned = plan_row(row, layout, names, checks, plan.problems, plan.notes)
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
    _in_staff_words(plan, site, {sheet.name: layout.record_type for sheet, layout in layouts})
    return plan


def _in_staff_words(plan: Plan, site: Site, types: dict[str, str]) -> None:
    """Every message of the plan as a district officer reads it (generator/intake/wording.py)."""
    if not plan.problems:
        return
    names = shown_names(site)
    plan.problems[:] = [replace(p, message=for_staff(p.message, names, types.get(p.sheet, "activity")))
                        for p in plan.problems]


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
