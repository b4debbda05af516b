"""`validate [PATHS]`: the records, or the files and folders named, against schemas and rules."""
from __future__ import annotations

import argparse
import datetime
import os
import sys

from ..diagnostics import FORMATTERS, WARNING
from ..records import records_root_of
from ..validate import validate_tree
from .options import BadUsage, day, paths_or_records


def _selected(path: str, targets: list[str]) -> bool:
    """Whether an absolute path is one of the targets or lies below one."""
    return any(path == t or path.startswith(t + os.sep) for t in targets)


def run_validate(args: argparse.Namespace) -> int:
    paths = paths_or_records(args)
    # Folders resolved as discovery resolves the tree, the last part kept: a named link is
    # the link, reported as such, not the file it points to.
    targets = [str(p.resolve() if p.is_dir() else p.parent.resolve() / p.name) for p in paths]
    diagnostics, files = [], 0
    roots = {p: records_root_of(p) for p in paths}
    outside = [str(p) for p, root in roots.items() if root is None]
    if outside:  # walking the folder of /etc/passwd would read a whole system folder
        raise BadUsage(f"{', '.join(outside)} không nằm trong một thư mục hồ sơ (records/): "
                       "hãy chỉ tới records/ hoặc một tệp, thư mục bên trong nó")
    for root in sorted({root for root in roots.values() if root is not None}):
        result = validate_tree(root, args.today)
        files += sum(1 for f in result.files if _selected(f.path, targets))
        diagnostics += [d for d in result.diagnostics if _selected(os.path.abspath(d.file), targets)]
    sys.stdout.write(FORMATTERS[args.format](diagnostics, files))
    failing = [d for d in diagnostics if args.strict or d.severity != WARNING]
    return 1 if failing else 0


def add_command(commands, common: argparse.ArgumentParser) -> None:
    command = commands.add_parser("validate", parents=[common], help="kiểm tra hồ sơ")
    command.add_argument("paths", nargs="*", help="tệp hoặc thư mục (mặc định: records/ của dự án)")
    command.add_argument("--format", choices=sorted(FORMATTERS), default="text")
    command.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi")
    command.add_argument("--today", type=day, default=datetime.date.today(), help="ngày 'hôm nay' (NNNN-TT-NN), để kiểm thử")
    command.set_defaults(run=run_validate)
