"""Command line: `ketnghia validate|generate|build|serve|new|format|template|import|export|report|issue` (or `python -m generator …`).

Exit 0 ok, 1 errors in the records, 2 bad usage or an output folder that cannot be written
(a full disk, say: nothing the records' author can fix). Each command works on the project found
from the working directory (generator/project.py) unless told otherwise.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..files import why
from ..project import NoProject
from . import export, intake, issue, new, report, site, validate
from . import format as format_command
from .options import BadUsage, Parser, project_option

PROG = "ketnghia"


def parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    main_parser = Parser(prog=PROG, description="Sổ kết nghĩa: kiểm tra hồ sơ và dựng trang công khai.")
    project_option(main_parser, None)
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    # On a sub-command, --project must not overwrite one given before the command.
    common = Parser(add_help=False)
    project_option(common, argparse.SUPPRESS)
    validate.add_command(commands, common)
    site.add_commands(commands, common)
    # `new` reads every schema to build one option per field: only when it is the command.
    new.add_command(commands, common, full="new" in argv)
    format_command.add_command(commands, common)
    intake.add_commands(commands, common)
    export.add_command(commands, common)
    issue.add_command(commands, common)
    report.add_command(commands, common)
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser(argv).parse_args(argv)
    try:
        return args.run(args)
    except (NoProject, BadUsage) as refusal:
        print(refusal, file=sys.stderr)
        return 2
    except OSError as error:  # a disk that refuses: nothing the records' author can fix
        where = f" {error.filename}" if error.filename else ""
        print(f"Không đọc hay ghi được tệp{where}: {why(error)}. Tệp được ghi trọn vẹn hoặc không ghi gì; "
              "khắc phục rồi chạy lại.", file=sys.stderr)
        return 2
