"""New records from the command line: `ketnghia new activity|partnership|organization|document`.

Every field has a flag, so the command works without questions (tests, scripts).
When stdin is a terminal and a required value is missing, the command asks for
it. The record is written in canonical form, with the schema's Vietnamese
description above each field, and is checked against the schema and the
records it refers to before it is written: a staff member gets a file that
passes the validator, or a message saying what to change.
"""
from __future__ import annotations

import datetime
import difflib
import io
import shlex
import sys
from pathlib import Path
from typing import Any

from .canonical import canonical_text, make_yaml, rebuild
from .diagnostics import FieldPath
from .facts import Record
from .files import replace_whole
from .loader import Document
from .records import display_path
from .registry import STAGE, TYPES, ActivityStatus, Field, PartnershipStatus, folder_of
from .schema import SchemaSet
from .schema_shape import SchemaAt, SchemaNode, SchemaShape

# The flag values of `new`, by Field.dest (text, a number, a list of texts, or None when not given).
Values = dict[str, Any]

# Types whose schema requires a source: its title, publisher and date are then required options.
_SOURCE_REQUIRED = {"--source-title", "--source-publisher", "--source-date"}


def makes() -> list[str]:
    """The record types `new` makes: those with fields to ask for."""
    return [name for name, record_type in TYPES.items() if record_type.fields]


class ScaffoldError(Exception):
    """Stops the command with a Vietnamese message; `code` is the exit status."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.message, self.code = message, code


# --- what each field means, from the schema ----------------------------------------------------


def property_schema(shape: SchemaShape, record_type: str, path: FieldPath) -> SchemaNode:
    """The property's own schema node (its title and description, before `$ref`)."""
    node, base = shape.root(record_type)
    raw = node
    for key in path:
        if key == STAGE:
            key = "delivered"
        resolved, base = shape.resolve(node, base)
        raw = resolved.get("items", {}) if isinstance(key, int) else resolved.get("properties", {}).get(key, {})
        node = raw
    return raw


def explain(shape: SchemaShape, record_type: str, path: FieldPath) -> str:
    raw = property_schema(shape, record_type, path)
    title, description = raw.get("title", ""), raw.get("description", "")
    return f"{title}: {description}" if title and description else title or description


def resolved_schema(shape: SchemaShape, record_type: str, path: FieldPath) -> SchemaAt:
    """The schema node that holds the keywords (type, format, enum) of the value at `path`."""
    at = shape.root(record_type)
    for key in path:
        found = shape.child(at, "delivered" if key == STAGE else key)
        if not found:
            return {}, at[1]
        at = found
    return at


def choices(shape: SchemaShape, record_type: str, path: FieldPath) -> list[str]:
    node, base = resolved_schema(shape, record_type, path)
    items = node.get("items")
    if items:
        node, base = shape.resolve(items, base)
    return list(node.get("enum", []))


def needs_source(shape: SchemaShape, record_type: str) -> bool:
    return "sources" in shape.root(record_type)[0].get("required", ())


def is_required(shape: SchemaShape, record_type: str, item: Field) -> bool:
    return item.required or (item.flag in _SOURCE_REQUIRED and needs_source(shape, record_type))


# --- building the record -----------------------------------------------------------------------


def set_at(data: Record, path: FieldPath, value: Any) -> None:
    """Put `value` at `path`, making the mappings and list items on the way."""
    node: Any = data  # a mapping or a list, as the path goes down
    for key, following in zip(path, path[1:], strict=False):
        if isinstance(key, int):
            while len(node) <= key:
                node.append({})
            node = node[key]
        else:
            node = node.setdefault(key, [] if isinstance(following, int) else {})
    node[path[-1]] = value


def default_status(record_type: str, values: Values, today: datetime.date) -> str:
    if record_type == "partnership":
        ended = values.get("end") and values["end"] < today.isoformat()
        return (PartnershipStatus.ENDED if ended else PartnershipStatus.ACTIVE).value
    return (ActivityStatus.PLANNED if values.get("date", "") > today.isoformat() else ActivityStatus.DONE).value


def _stage(values: Values) -> str:
    # Unless told, money of a finished activity was handed over; anything else is still a plan.
    if values.get("stage"):
        return values["stage"]
    return "delivered" if values["status"] == ActivityStatus.DONE else "planned"


def build_record(record_type: str, values: Values, today: datetime.date) -> Record:
    """The record's data (without id) from the flag values."""
    if record_type in ("activity", "partnership") and not values.get("status"):
        values["status"] = default_status(record_type, values, today)
    data: Record = {}
    for item in TYPES[record_type].fields:
        value = values.get(item.dest)
        if value in (None, [], ""):
            continue
        path = tuple(_stage(values) if key == STAGE else key for key in item.path)
        set_at(data, path, value)
    return data


def record_id(record_type: str, data: Record) -> str:
    id_rule = TYPES[record_type].id_rule
    if id_rule is None:
        raise ScaffoldError(f"Lệnh new không tạo hồ sơ loại {record_type}.", 2)
    return id_rule(data)


def record_path(records: Path, record_type: str, data: Record) -> Path:
    folder = records / folder_of(record_type)
    if TYPES[record_type].by_year:
        folder = folder / data["date"][:4]
    return folder / f"{data['id']}.yaml"


# --- checks before writing ---------------------------------------------------------------------


def schema_problems(record_type: str, data: Record, file: str, schemas: SchemaSet | None = None) -> list[str]:
    """What the schema says of the record; `schemas` compiled once when many records are checked."""
    diagnostics = (schemas or SchemaSet()).check(record_type, Document(file, data))
    return [f"{d.field or 'hồ sơ'}: {d.message}" for d in diagnostics]


def _existing_ids(records: Path, record_type: str) -> list[str]:
    folder = records / folder_of(record_type)
    return sorted(p.stem for p in folder.rglob("*.yaml")) if folder.is_dir() else []


def reference_problems(records: Path, record_type: str, values: Values) -> list[str]:
    problems = []
    kind = TYPES[record_type]
    for item in kind.fields:
        target = kind.target_of(item.path)
        if not target or not values.get(item.dest):
            continue
        known = _existing_ids(records, target)
        wanted = values[item.dest] if item.kind == "list" else [values[item.dest]]
        for value in wanted:
            if value not in known:
                close = difflib.get_close_matches(value, known, n=3)
                hint = f"; có phải: {', '.join(close)}?" if close else ""
                problems.append(f"{item.flag} {value}: không có hồ sơ '{value}' trong {folder_of(target)}/{hint}")
    return problems


# --- text --------------------------------------------------------------------------------------


def _comment(tree: Any, record_type: str, shape: SchemaShape, path: FieldPath, indent: int) -> None:
    """The schema's description above every field, so the file explains itself."""
    for key in list(tree):
        here = path + (key,)
        tree.yaml_set_comment_before_after_key(key, before=explain(shape, record_type, here), indent=indent)
        value = tree[key]
        if isinstance(value, dict):
            _comment(value, record_type, shape, here, indent + 2)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    _comment(item, record_type, shape, here + (i,), indent + 2)


def render(record_type: str, data: Record, depth: int, shape: SchemaShape | None = None) -> str:
    shape = shape or SchemaShape()
    tree = rebuild(None, data, shape, shape.root(record_type))
    _comment(tree, record_type, shape, (), 0)
    out = io.StringIO()
    make_yaml().dump(tree, out)
    # Twice: the first pass settles where ruamel puts comments of list items.
    text = canonical_text(out.getvalue(), record_type, depth, shape)
    return canonical_text(text, record_type, depth, shape)


# --- asking for values -------------------------------------------------------------------------


def _ask(record_type: str, item: Field, shape: SchemaShape, default: str | None) -> str | list[str]:
    print(f"\n{explain(shape, record_type, item.path)}", file=sys.stderr)
    options = choices(shape, record_type, item.path)
    if options:
        print(f"  Chọn một trong: {', '.join(options)}", file=sys.stderr)
    suffix = f" [{default}]" if default else ""
    answer = input(f"{item.flag.lstrip('-')}{suffix}: ").strip() or (default or "")
    if item.kind == "list":
        return [part.strip() for part in answer.split(",") if part.strip()]
    return answer


def fill_missing(record_type: str, values: Values, interactive: bool, today: datetime.date) -> None:
    shape = SchemaShape()
    missing = [item for item in TYPES[record_type].fields
               if is_required(shape, record_type, item) and not values.get(item.dest)]
    if missing and not interactive:
        flags = ", ".join(item.flag for item in missing)
        raise ScaffoldError(f"Thiếu giá trị bắt buộc: {flags}. Hãy thêm các tuỳ chọn này (xem --help).", 2)
    for item in missing:
        default = today.isoformat() if item.flag == "--date" and record_type == "activity" else None
        values[item.dest] = _ask(record_type, item, shape, default)


# --- command -----------------------------------------------------------------------------------


def command_line(record_type: str, values: Values) -> str:
    """The `new` command that gives these values again: one bad answer costs one retyped value."""
    words = ["python", "-m", "generator", "new", record_type]
    for item in TYPES[record_type].fields:
        value = values.get(item.dest)
        for one in (value if isinstance(value, list) else [value]):
            if one not in (None, ""):
                words += [item.flag, str(one)]
    return shlex.join(words)


def create(record_type: str, values: Values, records: Path, today: datetime.date, interactive: bool = False) -> Path:
    """Write a new record; returns its path. Raises ScaffoldError."""
    values = dict(values)
    # No silent "today" for a missing --date: a record dated the day it was typed fails the
    # period and locality rules. Asked on a terminal (today offered), listed as missing otherwise.
    given = dict(values)
    fill_missing(record_type, values, interactive, today)
    data = build_record(record_type, values, today)
    try:
        data = {"id": values.get("id") or record_id(record_type, data), **data}
    except KeyError as missing:
        raise ScaffoldError(f"Thiếu {missing} để đặt mã hồ sơ.", 2) from None
    path = record_path(records, record_type, data)
    if path.exists():
        raise ScaffoldError(f"Tệp {display_path(path)} đã có: lệnh không ghi đè. "
                            "Hãy mở tệp đó để sửa, hoặc đặt mã khác bằng --id.")
    problems = schema_problems(record_type, data, str(path)) + reference_problems(records, record_type, values)
    if problems:
        again = "" if values == given else (
            "\nCác câu trả lời khác được giữ lại: sửa giá trị sai trong lệnh dưới đây rồi chạy lại:\n  "
            + command_line(record_type, values))
        raise ScaffoldError("Chưa tạo tệp, vì:\n" + "\n".join(f"  - {p}" for p in problems) + again)
    depth = len(path.relative_to(records).parts) - 1
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_whole(str(path), render(record_type, data, depth).encode("utf-8"))
    return path
