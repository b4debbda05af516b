"""New records from the command line: `python -m generator new activity|partnership|organization|document`.

Every field has a flag, so the command works without questions (tests, scripts).
When stdin is a terminal and a required value is missing, the command asks for
it. The record is written in canonical form, with the schema's Vietnamese
description above each field, and is checked against the schema and the
records it refers to before it is written: a staff member gets a file that
passes the validator, or a message saying what to change.
"""
from __future__ import annotations

import argparse
import datetime
import difflib
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from slugify import slugify

from .canonical import SchemaShape, canonical_text, make_yaml, rebuild
from .loader import Document
from .records import RECORD_TYPES, display_path
from .schema import SCHEMA_DIR, SchemaSet

FOLDER_OF = {record_type: folder for folder, record_type in RECORD_TYPES.items()}
FOLDERS = {t: FOLDER_OF[t] for t in ("activity", "partnership", "organization", "document")}  # what `new` makes
STAGE = "<stage>"  # value.planned or value.delivered, chosen from the status
_SLUG_LENGTH = 60
_KIND_PREFIX = {
    "quyet-dinh": "qd", "ke-hoach": "kh", "chi-thi": "ct", "cong-van": "cv", "nghi-quyet": "nq",
    "nghi-dinh": "nd", "luat": "luat", "bao-cao": "bc", "giao-uoc": "gu",
}


@dataclass(frozen=True)
class Field:
    path: tuple  # where the value goes in the record; STAGE is replaced at build time
    flag: str
    required: bool = False
    kind: str = "str"  # str, int or list (a repeatable flag)
    ref: str | None = None  # record type the value refers to

    @property
    def dest(self) -> str:
        return self.flag.lstrip("-").replace("-", "_")


_SOURCE = (
    Field(("sources", 0, "title"), "--source-title"),
    Field(("sources", 0, "publisher"), "--source-publisher"),
    Field(("sources", 0, "date"), "--source-date"),
    Field(("sources", 0, "url"), "--source-url"),
    Field(("sources", 0, "identifier"), "--source-identifier"),
    Field(("sources", 0, "note"), "--source-note"),
)

FIELDS = {
    "activity": (
        Field(("partnership",), "--partnership", True, ref="partnership"),
        Field(("locality",), "--locality", ref="locality"),
        Field(("date",), "--date", True),
        Field(("end_date",), "--end-date"),
        Field(("category",), "--category", True),
        Field(("tags",), "--tag", kind="list"),
        Field(("title",), "--title", True),
        Field(("description",), "--description"),
        Field(("status",), "--status"),
        Field(("value", STAGE, "cash"), "--cash", kind="int"),
        Field(("value", STAGE, "in_kind"), "--in-kind", kind="int"),
        Field(("value", STAGE, "mobilised"), "--mobilised", kind="int"),
        Field(("value", STAGE, "unspecified"), "--unspecified", kind="int"),
        Field(("value", "mobilised_from"), "--mobilised-from"),
        Field(("beneficiaries", "households"), "--households", kind="int"),
        Field(("beneficiaries", "people"), "--people", kind="int"),
        Field(("beneficiaries", "note"), "--beneficiaries-note"),
    ) + _SOURCE,
    "partnership": (
        Field(("sponsors",), "--sponsor", True, kind="list", ref="organization"),
        Field(("locality",), "--locality", True, ref="locality"),
        Field(("basis",), "--basis", kind="list", ref="document"),
        Field(("agreement", "title"), "--agreement-title"),
        Field(("agreement", "date"), "--agreement-date"),
        Field(("agreement", "document"), "--agreement-document", ref="document"),
        Field(("period", "start"), "--start", True),
        Field(("period", "end"), "--end"),
        Field(("twinned_since",), "--twinned-since"),
        Field(("status",), "--status"),
        Field(("description",), "--description"),
    ) + _SOURCE,
    "organization": (
        Field(("name",), "--name", True),
        Field(("short_name",), "--short-name"),
        Field(("kind",), "--kind", True),
        Field(("locality",), "--locality", ref="locality"),
        Field(("aliases",), "--alias", kind="list"),
        Field(("website",), "--website"),
        Field(("note",), "--note"),
    ) + _SOURCE,
    "document": (
        Field(("number",), "--number"),
        Field(("kind",), "--kind", True),
        Field(("title",), "--title", True),
        Field(("issuer",), "--issuer", True),
        Field(("date",), "--date"),
        Field(("effective_from",), "--effective-from"),
        Field(("url",), "--url"),
        Field(("summary",), "--summary"),
    ) + _SOURCE,
}

# Types whose schema requires a source: its title, publisher and date are then required flags.
_NEEDS_SOURCE = {"activity", "partnership", "organization"}
_SOURCE_REQUIRED = {"--source-title", "--source-publisher", "--source-date"}


class ScaffoldError(Exception):
    """Stops the command with a Vietnamese message; `code` is the exit status."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.message, self.code = message, code


# --- what each field means, from the schema ----------------------------------------------------


def property_schema(shape: SchemaShape, record_type: str, path: tuple) -> dict:
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


def explain(shape: SchemaShape, record_type: str, path: tuple) -> str:
    raw = property_schema(shape, record_type, path)
    title, description = raw.get("title", ""), raw.get("description", "")
    return f"{title}: {description}" if title and description else title or description


def resolved_schema(shape: SchemaShape, record_type: str, path: tuple) -> tuple[dict, str]:
    """The schema node that holds the keywords (type, format, enum) of the value at `path`."""
    node, base = shape.root(record_type)
    for key in path:
        found = shape.child(node, base, "delivered" if key == STAGE else key)
        if not found:
            return {}, base
        node, base = found
    return node, base


def choices(shape: SchemaShape, record_type: str, path: tuple) -> list:
    node, base = resolved_schema(shape, record_type, path)
    items = node.get("items")
    if items:
        node, base = shape.resolve(items, base)
    return list(node.get("enum", []))


def is_required(record_type: str, item: Field) -> bool:
    return item.required or (record_type in _NEEDS_SOURCE and item.flag in _SOURCE_REQUIRED)


# --- building the record -----------------------------------------------------------------------


def _set(data: dict, path: tuple, value) -> None:
    node = data
    for key, following in zip(path, path[1:]):
        if isinstance(key, int):
            while len(node) <= key:
                node.append({})
            node = node[key]
        else:
            node = node.setdefault(key, [] if isinstance(following, int) else {})
    node[path[-1]] = value


def default_status(record_type: str, values: dict, today: datetime.date) -> str:
    if record_type == "partnership":
        ended = values.get("end") and values["end"] < today.isoformat()
        return "ket-thuc" if ended else "dang-ket-nghia"
    return "ke-hoach" if values.get("date", "") > today.isoformat() else "hoan-thanh"


def _stage(values: dict) -> str:
    # Unless told, money of a finished activity was handed over; anything else is still a plan.
    if values.get("stage"):
        return values["stage"]
    return "delivered" if values["status"] == "hoan-thanh" else "planned"


def build_record(record_type: str, values: dict, today: datetime.date) -> dict:
    """The record's data (without id) from the flag values."""
    if record_type in ("activity", "partnership") and not values.get("status"):
        values["status"] = default_status(record_type, values, today)
    data: dict = {}
    for item in FIELDS[record_type]:
        value = values.get(item.dest)
        if value in (None, [], ""):
            continue
        path = tuple(_stage(values) if key == STAGE else key for key in item.path)
        _set(data, path, value)
    return data


def record_id(record_type: str, data: dict) -> str:
    if record_type == "activity":
        return f"{data['date']}-{slugify(data['title'], max_length=_SLUG_LENGTH, word_boundary=True)}"
    if record_type == "partnership":
        return slugify(f"{data['sponsors'][0]} {data['locality']}")
    if record_type == "organization":
        return slugify(data.get("short_name") or data["name"], max_length=_SLUG_LENGTH, word_boundary=True)
    if data.get("number"):
        # The programme's convention: kind, number, year (qd-1100-qd-ubnd-2020, nd-356-2025-nd-cp).
        year = data.get("date", "")[:4]
        number = data["number"] if year in data["number"] else f"{data['number']} {year}"
        return slugify(f"{_KIND_PREFIX.get(data['kind'], '')} {number}")
    return slugify(data["title"], max_length=_SLUG_LENGTH, word_boundary=True)


def record_path(records: Path, record_type: str, data: dict) -> Path:
    folder = records / FOLDERS[record_type]
    if record_type == "activity":
        folder = folder / data["date"][:4]
    return folder / f"{data['id']}.yaml"


# --- checks before writing ---------------------------------------------------------------------


def schema_problems(record_type: str, data: dict, file: str) -> list[str]:
    diagnostics = SchemaSet().check(record_type, Document(file, data))
    return [f"{d.field or 'hồ sơ'}: {d.message}" for d in diagnostics]


def _existing_ids(records: Path, record_type: str) -> list[str]:
    folder = records / FOLDER_OF[record_type]
    return sorted(p.stem for p in folder.rglob("*.yaml")) if folder.is_dir() else []


def reference_problems(records: Path, record_type: str, values: dict) -> list[str]:
    problems = []
    for item in FIELDS[record_type]:
        if not item.ref or not values.get(item.dest):
            continue
        known = _existing_ids(records, item.ref)
        wanted = values[item.dest] if item.kind == "list" else [values[item.dest]]
        for value in wanted:
            if value not in known:
                close = difflib.get_close_matches(value, known, n=3)
                hint = f"; có phải: {', '.join(close)}?" if close else ""
                problems.append(f"{item.flag} {value}: không có hồ sơ '{value}' trong {FOLDER_OF[item.ref]}/{hint}")
    return problems


# --- text --------------------------------------------------------------------------------------


def _comment(tree, record_type: str, shape: SchemaShape, path: tuple, indent: int) -> None:
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


def render(record_type: str, data: dict, depth: int) -> str:
    shape = SchemaShape()
    tree = rebuild(None, data, shape, shape.root(record_type))
    _comment(tree, record_type, shape, (), 0)
    out = io.StringIO()
    make_yaml().dump(tree, out)
    # Twice: the first pass settles where ruamel puts comments of list items.
    text = canonical_text(out.getvalue(), record_type, depth, shape)
    return canonical_text(text, record_type, depth, shape)


# --- asking for values -------------------------------------------------------------------------


def _ask(record_type: str, item: Field, shape: SchemaShape, default: str | None):
    print(f"\n{explain(shape, record_type, item.path)}", file=sys.stderr)
    options = choices(shape, record_type, item.path)
    if options:
        print(f"  Chọn một trong: {', '.join(options)}", file=sys.stderr)
    suffix = f" [{default}]" if default else ""
    answer = input(f"{item.flag.lstrip('-')}{suffix}: ").strip() or (default or "")
    if item.kind == "list":
        return [part.strip() for part in answer.split(",") if part.strip()]
    return answer


def fill_missing(record_type: str, values: dict, interactive: bool, today: datetime.date) -> None:
    shape = SchemaShape()
    missing = [item for item in FIELDS[record_type] if is_required(record_type, item) and not values.get(item.dest)]
    if missing and not interactive:
        flags = ", ".join(item.flag for item in missing)
        raise ScaffoldError(f"Thiếu giá trị bắt buộc: {flags}. Hãy thêm các tuỳ chọn này (xem --help).", 2)
    for item in missing:
        default = today.isoformat() if item.flag == "--date" and record_type == "activity" else None
        values[item.dest] = _ask(record_type, item, shape, default)


# --- command -----------------------------------------------------------------------------------


def create(record_type: str, values: dict, records: Path, today: datetime.date, interactive: bool = False) -> Path:
    """Write a new record; returns its path. Raises ScaffoldError."""
    values = dict(values)
    if record_type == "activity" and not values.get("date") and not interactive:
        values["date"] = today.isoformat()
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
        raise ScaffoldError("Chưa tạo tệp, vì:\n" + "\n".join(f"  - {p}" for p in problems))
    depth = len(path.relative_to(records).parts) - 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(record_type, data, depth), encoding="utf-8", newline="\n")
    return path


def run_new(args) -> int:
    values = {item.dest: getattr(args, item.dest) for item in FIELDS[args.record_type]}
    values["id"] = args.id
    values["stage"] = getattr(args, "stage", None)
    try:
        path = create(args.record_type, values, Path(args.records), args.today, sys.stdin.isatty())
    except ScaffoldError as error:
        print(error.message, file=sys.stderr)
        return error.code
    except (EOFError, KeyboardInterrupt):
        print("\nĐã dừng, chưa tạo tệp.", file=sys.stderr)
        return 1
    shown = display_path(path)
    print(f"Đã tạo {shown}")
    print(f"Bước tiếp theo: mở tệp, đối chiếu với nguồn, rồi chạy: python -m generator validate {shown}")
    return 0


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' không phải ngày dạng NNNN-TT-NN") from None


def _add_type(types, record_type: str, shape: SchemaShape) -> None:
    command = types.add_parser(record_type, help=shape.root(record_type)[0].get("description"))
    command.set_defaults(record_type=record_type, run=run_new)
    command.add_argument("--id", metavar="MÃ", help="mã hồ sơ, nếu không muốn dùng mã tự đặt")
    command.add_argument("--records", metavar="THƯ_MỤC", default=str(SCHEMA_DIR.parent / "records"), help="thư mục records/ (mặc định: của dự án)")
    command.add_argument("--today", type=_date, default=datetime.date.today(), metavar="NNNN-TT-NN", help="ngày 'hôm nay' (NNNN-TT-NN), để kiểm thử")
    if record_type == "activity":
        command.add_argument("--stage", choices=("planned", "delivered"),
                             help="số tiền ghi vào value.planned (kế hoạch) hay value.delivered (đã trao); "
                                  "mặc định: delivered nếu tình trạng là hoan-thanh, planned nếu khác")
    for item in FIELDS[record_type]:
        help_text = explain(shape, record_type, item.path).replace("%", "%%")
        options = choices(shape, record_type, item.path)
        if options:
            help_text += f" Chọn: {', '.join(options)}."
        metavar = _metavar(shape, record_type, item, bool(options))
        if item.kind == "list":
            command.add_argument(item.flag, dest=item.dest, action="append", default=[], metavar=metavar,
                                 help=help_text + " (lặp lại được)")
        else:
            command.add_argument(item.flag, dest=item.dest, type=int if item.kind == "int" else str,
                                 metavar=metavar, help=help_text)


def _metavar(shape: SchemaShape, record_type: str, item: Field, coded: bool) -> str:
    node, _ = resolved_schema(shape, record_type, item.path)
    if item.kind == "int":
        return "SỐ"
    if node.get("format") in ("date", "partial-date"):
        return "NNNN-TT-NN"
    if item.ref or coded:
        return "MÃ"
    return "URL" if node.get("format") == "uri" else "CHỮ"


def add_commands(commands) -> None:
    new = commands.add_parser("new", help="tạo hồ sơ mới có chú thích từng trường")
    types = new.add_subparsers(dest="record_type", required=True, metavar="LOẠI")
    shape = SchemaShape()
    for record_type in FIELDS:
        _add_type(types, record_type, shape)
