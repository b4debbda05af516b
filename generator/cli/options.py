"""What several commands share: the project they work on, and how a date is typed."""
from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from ..project import Project, find_project


def project_of(args: argparse.Namespace) -> Project:
    """The project the command works on; NoProject (reported by main) when there is none."""
    return find_project(getattr(args, "project", None))


def project_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--project", "-C", type=Path, default=default, metavar="THƯ_MỤC",
                        help="thư mục dự án (có mkdocs.yml và records/); mặc định: tìm từ thư mục hiện tại "
                             "lên các thư mục cha, hoặc theo biến môi trường KETNGHIA_PROJECT")


def day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' không phải ngày dạng NNNN-TT-NN") from None


class BadUsage(Exception):
    """The command cannot run as typed; main prints the message and exits 2."""


def paths_or_records(args: argparse.Namespace) -> list[Path]:
    """The paths named on the command line, which must exist, or the project's records/.
    With --project, relative paths are read from that project, as `git -C` does."""
    base = Path(args.project) if getattr(args, "project", None) else Path()
    paths = [base / p for p in args.paths] or [project_of(args).records]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise BadUsage(f"Không tìm thấy: {', '.join(missing)}")
    return paths
