"""Command line: python -m generator validate|… (exit 0 ok, 1 errors, 2 bad usage)."""
from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from .diagnostics import FORMATTERS, WARNING
from .records import find_records_root
from .validate import validate_tree

PROJECT = Path(__file__).resolve().parent.parent


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' không phải ngày dạng NNNN-TT-NN") from None


def _selected(path: str, targets: list[str]) -> bool:
    """Whether an absolute path is one of the targets or lies below one."""
    return any(path == t or path.startswith(t + os.sep) for t in targets)


def run_validate(args) -> int:
    paths = [Path(p) for p in args.paths] or [PROJECT / "records"]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"Không tìm thấy: {', '.join(missing)}", file=sys.stderr)
        return 2
    targets = [str(p.resolve()) for p in paths]
    diagnostics, files = [], 0
    for root in sorted({find_records_root(p) for p in paths}):
        result = validate_tree(root, args.today)
        files += sum(1 for f in result.files if _selected(f.path, targets))
        diagnostics += [d for d in result.diagnostics if _selected(os.path.abspath(d.file), targets)]
    sys.stdout.write(FORMATTERS[args.format](diagnostics, files))
    failing = [d for d in diagnostics if args.strict or d.severity != WARNING]
    return 1 if failing else 0


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="python -m generator", description="Sổ kết nghĩa Quảng Nam: kiểm tra và dựng trang.")
    commands = main_parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="kiểm tra hồ sơ")
    validate.add_argument("paths", nargs="*", help="tệp hoặc thư mục (mặc định: records/)")
    validate.add_argument("--format", choices=sorted(FORMATTERS), default="text")
    validate.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi")
    validate.add_argument("--today", type=_date, default=datetime.date.today(), help="ngày 'hôm nay' (NNNN-TT-NN), để kiểm thử")
    validate.set_defaults(run=run_validate)
    _add_site_commands(commands)
    _add_staff_commands(commands)
    return main_parser


def _add_site_commands(commands) -> None:
    """generate, build, serve: the public site (generator/build.py)."""
    from . import build

    build.add_commands(commands)


def _add_staff_commands(commands) -> None:
    """new, format: tools for staff editing records (generator/scaffold.py, generator/canonical.py)."""
    from . import canonical, scaffold

    scaffold.add_commands(commands)
    canonical.add_commands(commands)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
