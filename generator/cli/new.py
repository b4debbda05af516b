"""`new TYPE --option …`: a new record, commented field by field (generator/scaffold.py).

Every field of the type (generator/registry.py) gets an option, described from the
schema. Reading the schemas for that costs a little: the options are built only when
`new` is the command.
"""
from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from ..records import display_path
from ..registry import TYPES, Field
from ..scaffold import ScaffoldError, choices, create, explain, makes, resolved_schema
from ..schema_shape import SchemaShape
from .options import amount_option, count_option, day, project_of


def run_new(args: argparse.Namespace) -> int:
    values = {item.dest: getattr(args, item.dest) for item in TYPES[args.record_type].fields}
    values["id"] = args.id
    values["stage"] = getattr(args, "stage", None)
    records = Path(args.records) if args.records else project_of(args).records
    try:
        path = create(args.record_type, values, records, args.today, sys.stdin.isatty())
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


def _add_type(types, common: argparse.ArgumentParser, record_type: str, shape: SchemaShape) -> None:
    command = types.add_parser(record_type, parents=[common], help=shape.root(record_type)[0].get("description"))
    command.set_defaults(record_type=record_type, run=run_new)
    command.add_argument("--id", metavar="MÃ", help="mã hồ sơ, nếu không muốn dùng mã tự đặt")
    command.add_argument("--records", metavar="THƯ_MỤC", default=None, help="thư mục records/ (mặc định: của dự án)")
    command.add_argument("--today", type=day, default=datetime.date.today(), metavar="NNNN-TT-NN",
                         help="ngày 'hôm nay' (NNNN-TT-NN), để kiểm thử")
    if record_type == "activity":
        command.add_argument("--stage", choices=("planned", "delivered"),
                             help="số tiền ghi vào value.planned (kế hoạch) hay value.delivered (đã trao); "
                                  "mặc định: delivered nếu tình trạng là hoan-thanh, planned nếu khác")
    for item in TYPES[record_type].fields:
        help_text = explain(shape, record_type, item.path).replace("%", "%%")
        options = choices(shape, record_type, item.path)
        if options:
            help_text += f" Chọn: {', '.join(options)}."
        metavar = _metavar(shape, record_type, item, bool(options))
        if item.kind == "list":
            command.add_argument(item.flag, dest=item.dest, action="append", default=[], metavar=metavar,
                                 help=help_text + " (lặp lại được)")
        else:
            command.add_argument(item.flag, dest=item.dest, type=_option_type(item),
                                 metavar=metavar, help=help_text)


def _option_type(item: Field):
    if item.kind != "int":
        return str
    return amount_option if item.path[0] == "value" else count_option


def _metavar(shape: SchemaShape, record_type: str, item: Field, coded: bool) -> str:
    node, _ = resolved_schema(shape, record_type, item.path)
    if item.kind == "int":
        return "SỐ"
    if node.get("format") in ("date", "partial-date"):
        return "NNNN-TT-NN"
    if TYPES[record_type].target_of(item.path) or coded:
        return "MÃ"
    return "URL" if node.get("format") == "uri" else "CHỮ"


def add_command(commands, common: argparse.ArgumentParser, full: bool) -> None:
    new = commands.add_parser("new", parents=[common], help="tạo hồ sơ mới có chú thích từng trường")
    types = new.add_subparsers(dest="record_type", required=True, metavar="LOẠI")
    shape = SchemaShape() if full else None
    for record_type in makes():
        if shape is None:
            types.add_parser(record_type, parents=[common])  # listed in help; its options come when used
        else:
            _add_type(types, common, record_type, shape)
