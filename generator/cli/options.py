"""What several commands share: the project they work on, how a date and a record type are typed."""
from __future__ import annotations

import argparse
import datetime
import re
from collections.abc import Iterable
from pathlib import Path

from ..project import Project, find_project
from ..registry import folder_of


def project_of(args: argparse.Namespace) -> Project:
    """The project the command works on; NoProject (reported by main) when there is none."""
    return find_project(getattr(args, "project", None))


def project_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--project", "-C", type=Path, default=default, metavar="THƯ_MỤC",
                        help="thư mục dự án (có mkdocs.yml và records/); mặc định: tìm từ thư mục hiện tại "
                             "lên các thư mục cha, hoặc theo biến môi trường KETNGHIA_PROJECT")


def type_words(record_types: Iterable[str]) -> dict[str, str]:
    """The record types as staff type them on the command line: the folder of records/ that
    holds them, from the registry ("activities" -> "activity")."""
    return {folder_of(record_type): record_type for record_type in record_types}


def day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' không phải ngày dạng NNNN-TT-NN") from None


def amount_option(value: str) -> int:
    """An amount as staff write it: 90000000, 90.000.000, 90 triệu, 1,5 tỷ."""
    from ..intake.parse import Unreadable, amount

    try:
        return amount(value)
    except Unreadable as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def count_option(value: str) -> int:
    """A count: 35, 1.200, 35 hộ."""
    from ..intake.parse import Unreadable, count

    try:
        return count(value)
    except Unreadable as error:
        raise argparse.ArgumentTypeError(str(error)) from None


# argparse's own messages, in the words of the rest of the tool.
_ARGPARSE_WORDS = (
    (re.compile(r"the following arguments are required: (.*)"), r"thiếu tham số bắt buộc: \1"),
    (re.compile(r"one of the arguments (.*) is required"), r"cần một trong các tuỳ chọn \1"),
    (re.compile(r"argument (\S+): not allowed with argument (.*)"), r"tuỳ chọn \1 không dùng cùng \2"),
    (re.compile(r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)"), r"\1: không có lựa chọn \2; chọn một trong: \3"),
    (re.compile(r"argument (\S+): expected one argument"), r"tuỳ chọn \1 cần một giá trị"),
    (re.compile(r"argument (\S+): invalid (\w+) value: (.*)"), r"\1: giá trị \3 không hợp lệ"),
    (re.compile(r"argument (\S+): (.*)"), r"\1: \2"),
    (re.compile(r"unrecognized arguments: (.*)"), r"không hiểu tham số: \1"),
)


class Parser(argparse.ArgumentParser):
    """An argument parser that refuses in Vietnamese: one line saying what is wrong, one
    saying where help is, and exit status 2 (argparse's usage block is in English)."""

    def error(self, message: str):  # argparse declares NoReturn; exit() never returns
        for pattern, words in _ARGPARSE_WORDS:
            if pattern.fullmatch(message):
                message = pattern.sub(words, message)
                break
        self.exit(2, f"{self.prog}: {message}\nXem hướng dẫn: {self.prog} --help\n")


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
