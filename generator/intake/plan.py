"""The plan of an import: which record each row becomes, and what stops the others.

Each row becomes the values `new` takes (one per field of generator/registry.py), built,
named and written by the same code as `new` (generator/scaffold.py), so an imported record
is byte for byte what `new` would have written (generator/intake/text.py writes that text
faster, checked against `render`). A row that names a record by its code ("Mã hồ sơ"), or
whose record is already in the ledger, updates that record or withdraws it
(generator/intake/corrections.py). Sheets are planned in the order records refer to each
other (sponsors, documents, partnerships, then activities), so an activity may name a
partnership of the same workbook. Before anything is written, the planned records are
validated in memory together with the ledger (generator/intake/together.py): a row is
written only if its record passes `validate` there. A row that repeats an existing record
or an earlier row (same partnership, place and date, with the same amounts or a
near-identical title: the validator's duplicate rule) is reported and not written.
"""
from __future__ import annotations

import datetime
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string, range_boundaries

from ..canonical import FormatError, canonical_text
from ..dates import span
from ..files import replace_whole
from ..records import Record
from ..registry import TYPES
from ..rules.spelling import preferred
from ..scaffold import ScaffoldError, build_record, record_id, record_path, schema_problems
from ..schema import SchemaSet
from ..schema_shape import SchemaShape
from ..validate import validate_tree
from ..view.context import Context
from ..view.model import Site, build_site, records_only
from . import parse
from .columns import AMOUNT, COUNT, DATE, Column, columns, importable
from .corrections import ID_KEYS, RECORD_ID, WITHDRAW, WITHDRAW_KEYS, Change, merged, withdrawn
from .names import _WHAT, Names, Span, names_of, shown_names, what
from .planned import (
    DUPLICATE,
    NEW,
    UNCHANGED,
    UPDATE,
    WHOLE_ROW,
    WITHDRAWN,
    Checks,
    Known,
    Layout,
    Plan,
    Planned,
    Problem,
    column_named,
    column_of,
    read_ledger,
)
from .read import Row, Sheet, problem_of
from .table import Notes, header_key, holds_money, is_numbering, is_unit_note, skipped_as
from .text import RecordText
from .together import check_together
from .values import stage_of
from .wording import for_staff

# --- which columns a sheet has -----------------------------------------------------------------


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
    own = {letter: parse.folded(text) for letter, text in header.cells.items()}
    layout = replace(layout, record_id=next((letter for letter, key in own.items() if key in ID_KEYS), None),
                     withdraw=next((letter for letter, key in own.items() if key in WITHDRAW_KEYS), None))
    notes_of_unit = {letter for letter, text in header.cells.items() if letter not in layout.columns and is_unit_note(text)}
    above = [text for row in sheet.rows if row.number < layout.header_row for text in row.cells.values()]
    above += [header.cells[letter] for letter in sorted(notes_of_unit)]  # "ĐVT: triệu đồng" beside the headers
    noted = next((unit for text in above if (unit := parse.unit_of(text)) is not None), 1)
    for letter, column in layout.columns.items():
        if column.kind == AMOUNT:
            unit = parse.unit_of(header.cells[letter])
            layout.scales[letter] = noted if unit is None else unit
            if layout.scales[letter] != 1:
                notes.say(f"{sheet.name}: cột {column_named(letter, column)} ghi theo {_UNIT_WORDS[layout.scales[letter]]}: "
                          f"đã đổi ra đồng (90 thành {90 * layout.scales[letter]:,} đồng)".replace(",", "."))
    for letter, text in header.cells.items():
        if letter in layout.columns or letter in notes_of_unit or letter in (layout.record_id, layout.withdraw):
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
        where = column_named(letter, column)
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
        problems.append(Problem(row.sheet, row.number, column_named(letter, column),
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
    return [(column_named(letters[c], c) if c in letters else c.header, c) for c in columns(layout.record_type)
            if c.required and not values.get(c.field.dest)]


def ledger_site(records: Path, today: datetime.date) -> Site:
    """The whole site model of the ledger, as the reports read it (the import needs only read_ledger).
    A report names no site nor repository: the default Context serves."""
    return build_site(validate_tree(records, today), Context())


def _said(row: Row, letter: str | None) -> str:
    return row.cells.get(letter, "") if letter else ""


def _target(row: Row, layout: Layout, checks: Checks, problems: list[Problem]) -> tuple[Record | None, bool] | None:
    """The record a row names in "Mã hồ sơ" (None for a new one), and whether it is withdrawn;
    None when the row cannot say."""
    code, mark = _said(row, layout.record_id), _said(row, layout.withdraw)
    try:
        withdraw = withdrawn(mark)
    except parse.Unreadable as error:
        problems.append(Problem(row.sheet, row.number, f"{layout.withdraw} ({WITHDRAW})", str(error)))
        return None
    if not code:
        if withdraw:
            problems.append(Problem(row.sheet, row.number, f"{layout.record_id or layout.withdraw} ({RECORD_ID})",
                                    f"dòng này được đánh dấu '{WITHDRAW}' nhưng không ghi mã hồ sơ: hãy chép mã từ "
                                    "bảng tính xuất từ sổ (lệnh export), hoặc bỏ dấu nếu đây là hồ sơ mới"))
            return None
        return None, False
    record = checks.known.record(layout.record_type, code)
    if record is None and withdraw and not checks.known.result.ledger.exists(layout.record_type, code):
        problems.append(Problem(row.sheet, row.number, f"{layout.record_id} ({RECORD_ID})",
                                f"trong sổ không có hồ sơ mã '{code}' (có thể đã rút lại từ lần nhập trước): dòng này "
                                "không làm gì; nếu mã chép sai, hãy chép lại đúng mã", blocking=False))
        return None
    if record is None:
        problems.append(Problem(row.sheet, row.number, f"{layout.record_id} ({RECORD_ID})",
                                f"trong sổ không có {what_type(layout.record_type)} nào mã '{code}': hãy chép đúng mã từ "
                                "bảng tính xuất từ sổ; nếu dòng này là hồ sơ mới, hãy xoá ô này"))
        return None
    return record, withdraw


def what_type(record_type: str) -> str:
    return _WHAT.get(record_type, "hồ sơ")


def plan_row(row: Row, layout: Layout, names: dict[Column, Names | None], checks: Checks,
             problems: list[Problem], notes: Notes | None = None) -> Planned | None:
    target = _target(row, layout, checks, problems)
    if target is None:
        return None
    existing, withdraw = target
    record_type = layout.record_type
    if existing is not None and withdraw:
        before = Path(checks.known.files[(record_type, existing.id)].path)
        return Planned(row.sheet, row.number, record_type, dict(existing.data), before, "", WITHDRAWN, before)
    named = existing is not None  # by its code in the row
    values = row_values(row, layout, names, problems, notes)
    if values is None:
        return None
    values["stage"], values["id"] = (stage_of(existing.data) if existing else None), None
    records = checks.records
    data = build_record(record_type, values, checks.today)
    if existing is None:
        try:
            found = record_id(record_type, data)
        except (ScaffoldError, KeyError):
            problems.append(Problem(row.sheet, row.number, WHOLE_ROW, "thiếu giá trị để đặt mã hồ sơ: xem các cột bắt buộc"))
            return None
        # A row imported before (same code, so same day and title) is that record, not a second one.
        existing = checks.known.record(record_type, found)
        if existing is None and checks.known.result.ledger.exists(record_type, found):
            problems.append(Problem(row.sheet, row.number, WHOLE_ROW,
                                    f"hồ sơ {found} đã có trong sổ nhưng tệp của nó đang có lỗi: hãy sửa tệp đó trước "
                                    "(python -m generator validate), rồi nhập lại"))
            return None
        if existing is None:
            data = {"id": found, **data}
    changes: list[Change] = []
    if existing is not None:
        data, changes = merged(existing.data, data, list(layout.columns.values()), clear=named)
    data = dict(data)
    path = record_path(records, record_type, data)
    found_problems = schema_problems(record_type, data, str(path), checks.schemas)
    for message in found_problems:
        where_field, _, what_wrong = message.partition(": ")
        problems.append(Problem(row.sheet, row.number, column_of(record_type, data, layout, where_field), what_wrong))
    if found_problems:
        return None
    if existing is not None:
        before = Path(checks.known.files[(record_type, existing.id)].path)
        if not changes:
            return Planned(row.sheet, row.number, record_type, data, path, "", UNCHANGED, before)
        said = [change.said(names.get(change.column), _short_header(change.column, layout)) for change in changes]
        text = _updated_text(before, record_type, data, path, checks)
        if text is None:
            problems.append(Problem(row.sheet, row.number, WHOLE_ROW, "không ghi được dòng này vào hồ sơ: hãy xoá ký tự "
                                    "lạ trong các ô chữ, rồi nhập lại"))
            return None
        return Planned(row.sheet, row.number, record_type, data, path, text, UPDATE, before, said)
    depth = len(path.relative_to(records).parts) - 1
    try:
        text = checks.writer.text(record_type, data, depth)
    except FormatError as error:  # a value YAML cannot hold as typed (a control character, say)
        problems.append(Problem(row.sheet, row.number, WHOLE_ROW, f"không ghi được dòng này thành hồ sơ ({error}): "
                                "hãy xoá ký tự lạ trong các ô chữ, rồi nhập lại"))
        return None
    return Planned(row.sheet, row.number, record_type, data, path, text, NEW)


def _short_header(column: Column, layout: Layout) -> str:
    """'Tiền mặt' for 'Giá trị: Tiền mặt', unless another column of the sheet ends the same."""
    short = column.header.split(": ")[-1]
    others = [c for c in layout.columns.values() if c != column and c.header.split(": ")[-1] == short]
    return column.header if others else short


def _updated_text(before: Path, record_type: str, data: dict[str, Any], path: Path, checks: Checks) -> str | None:
    """The record's file with its new values, its comments kept (the canonical form of `format`)."""
    depth = len(path.relative_to(checks.records).parts) - 1
    try:
        return canonical_text(before.read_text(encoding="utf-8"), record_type, depth, checks.writer.shape, data=data)
    except (FormatError, OSError, UnicodeDecodeError):
        try:
            return checks.writer.text(record_type, data, depth)
        except FormatError:
            return None


# --- the whole workbook ------------------------------------------------------------------------


def _in_order(layouts: list[tuple[Sheet, Layout]]) -> list[tuple[Sheet, Layout]]:
    """Sponsors and documents, then partnerships, then activities: what a row names is planned before it."""
    order = importable()
    return sorted(layouts, key=lambda pair: order.index(pair[1].record_type))


def _with_planned(known: Known, plan: Plan) -> Site:
    """The names of the ledger and of the records planned so far (a partnership of this workbook)."""
    records = {t: dict(by_id) for t, by_id in known.site.records.items()}
    for planned in plan.records:
        if planned.state in (NEW, UPDATE):
            records.setdefault(planned.record_type, {})[planned.record_id] = planned.data
        elif planned.state == WITHDRAWN:
            records.get(planned.record_type, {}).pop(planned.record_id, None)
    return records_only(records)


def make_plan(sheets: list[Sheet], records: Path, today: datetime.date, known: Known | None = None) -> Plan:


    plan = Plan()
    schemas = SchemaSet()
    known = known or read_ledger(records, today, schemas)
    layouts = []
    for sheet in sheets:
        layout = layout_of(sheet, plan.problems, plan.notes)
        if layout is not None:
            layouts.append((sheet, layout))
    if not layouts:
        plan.problems.append(Problem(sheets[0].name if sheets else "?", 1, WHOLE_ROW,
                                     "không tìm thấy hàng tiêu đề của mẫu (Ngày, Cặp kết nghĩa, Tên hoạt động…) trong "
                                     "mười dòng đầu: hãy chép số liệu vào bảng tính mẫu của sổ, giữ nguyên dòng tiêu đề của nó"))
    by_id: dict[tuple[str, str], Planned] = {}
    checks = Checks(known, today, schemas, RecordText(SchemaShape(schemas)))
    site = known.site
    for sheet, layout in _in_order(layouts):
        if plan.records:
            site = _with_planned(known, plan)
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
            key = (planned.record_type, planned.record_id)
            earlier = by_id.get(key)
            if earlier is not None:
                planned.state = DUPLICATE
                plan.problems.append(Problem(row.sheet, row.number, WHOLE_ROW,
                                             f"trùng với dòng {earlier.row} của trang {earlier.sheet} (cùng mã "
                                             f"{planned.record_id}): dòng này không được ghi; hãy xoá một trong hai dòng"))
            else:
                by_id[key] = planned
            plan.records.append(planned)
    if any(p.state in (NEW, UPDATE, WITHDRAWN) for p in plan.records):
        check_together(plan, checks, {sheet.name: layout for sheet, layout in layouts})
    _in_staff_words(plan, site, {sheet.name: layout.record_type for sheet, layout in layouts})
    return plan


def _in_staff_words(plan: Plan, site: Site, types: dict[str, str]) -> None:
    """Every message of the plan as a district officer reads it (generator/intake/wording.py)."""
    if not plan.problems:
        return
    names = shown_names(site)
    plan.problems[:] = [replace(p, message=for_staff(p.message, names, types.get(p.sheet, "activity")))
                        for p in plan.problems]


# --- writing -----------------------------------------------------------------------------------


def removed(plan: Plan) -> list[Path]:
    """The files a write of the plan removes: withdrawn records, and updated ones moved to another
    year's folder (what a job that copies the written files must remove too)."""
    gone = [p.path for p in plan.of_state(WITHDRAWN)]
    gone += [p.before for p in plan.of_state(UPDATE) if p.before is not None and p.before.resolve() != p.path.resolve()]
    return gone


def write(plan: Plan) -> list[Planned]:
    """Write the new records and the updates that passed every check, remove the withdrawn ones
    and the old files of moved ones (removed(plan)); a new record never overwrites a file.
    Returns the records written (new and updated)."""
    gone = removed(plan)
    written = []
    for planned in plan.records:
        if planned.state == NEW and planned.path.exists():
            planned.state = UNCHANGED
        elif planned.state in (NEW, UPDATE):
            planned.path.parent.mkdir(parents=True, exist_ok=True)
            replace_whole(str(planned.path), planned.text.encode("utf-8"))
            written.append(planned)
    for path in gone:
        os.remove(path)
    return written


def sheet_order(plan: Plan) -> list[Problem]:
    return sorted(plan.problems, key=lambda p: (p.sheet, p.row, p.column))
