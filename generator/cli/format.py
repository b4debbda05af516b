"""`format [--check] [PATHS]`: records in their canonical form (generator/canonical.py)."""
from __future__ import annotations

import argparse
import difflib
import sys

from ..canonical import FormatError, format_file, yaml_files
from ..diagnostics import ERROR, Diagnostic, github_annotation, github_untrusted, inert
from ..files import replace_whole
from ..records import display_path
from ..schema_shape import SchemaShape
from .options import paths_or_records


def _diff(name: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(True), after.splitlines(True), f"{name} (hiện tại)", f"{name} (dạng chuẩn)")
    return "".join(lines)


def invisible_differences(before: str, after: str, limit: int = 5) -> list[str]:
    """What differs that an editor does not show, in words: staff fix what they are told."""
    said = []
    if before.startswith("\ufeff"):
        said.append("tệp bắt đầu bằng ký tự BOM vô hình")
    if "\r\n" in before or "\r" in before:
        said.append("tệp xuống dòng kiểu Windows (CRLF) thay vì LF")
    if before and not before.endswith(("\n", "\r")):
        said.append("dòng cuối chưa có dấu xuống dòng")
    lines = before.replace("\r\n", "\n").split("\n")
    trailing = [n for n, line in enumerate(lines, start=1) if line != line.rstrip(" \t\u00a0")]
    tabs = [n for n, line in enumerate(lines, start=1) if "\t" in line.rstrip(" \t")]
    said += [f"dòng {n} kết thúc bằng khoảng trắng" for n in trailing[:limit]]
    said += [f"dòng {n} có ký tự Tab: thay bằng dấu cách" for n in tabs[:limit]]
    if len(trailing) > limit or len(tabs) > limit:
        said.append("…")
    if not said and before != after:
        said.append("thứ tự trường, thụt lề hoặc dấu ngoặc kép khác dạng chuẩn")
    return said


def _report(name: str, message: str, as_github: bool) -> None:
    if as_github:
        print(github_annotation(Diagnostic(name, 1, 1, ERROR, "FORMAT", "", message)))
    else:
        print(inert(f"{name}: {message}"))


def run_format(args: argparse.Namespace) -> int:
    paths = paths_or_records(args)
    shape, changed, broken = SchemaShape(), [], []
    for path in yaml_files(paths):
        name = display_path(path)
        try:
            before, after = format_file(path, shape)
        except FormatError as error:
            broken.append(name)
            _report(name, f"không định dạng được: {error}", args.format == "github")
            continue
        if before == after:
            continue
        changed.append(name)
        if args.check:
            _report(name, "chưa ở dạng chuẩn: " + "; ".join(invisible_differences(before, after)), args.format == "github")
            if args.diff:
                diff = _diff(name, before, after)
                sys.stdout.write(github_untrusted(diff) if args.format == "github" else diff)
        else:
            replace_whole(str(path), after.encode("utf-8"))
            print(inert(f"Đã định dạng lại {name}"))
    return _summary(args.check, changed, broken)


def _summary(check: bool, changed: list[str], broken: list[str]) -> int:
    if check and changed:
        print(f"{len(changed)} tệp chưa ở dạng chuẩn. Cách sửa: chạy `python -m generator format` "
              "rồi commit lại, hoặc sửa tay theo phần khác biệt ở trên.")
    elif not changed and not broken:
        print("Mọi tệp đã ở dạng chuẩn.")
    return 1 if broken or (check and changed) else 0


def add_command(commands, common: argparse.ArgumentParser) -> None:
    command = commands.add_parser("format", parents=[common], help="đưa hồ sơ về dạng chuẩn (thứ tự trường, thụt lề, dấu ngoặc)")
    command.add_argument("paths", nargs="*", help="tệp hoặc thư mục (mặc định: records/ của dự án)")
    command.add_argument("--check", action="store_true", help="chỉ kiểm tra, không sửa tệp; mã thoát 1 nếu có tệp cần sửa")
    command.add_argument("--diff", action=argparse.BooleanOptionalAction, default=True, help="khi --check: in phần khác biệt (mặc định có)")
    command.add_argument("--format", choices=("text", "github"), default="text", help="github: in chú thích cho GitHub Actions")
    command.set_defaults(run=run_format)

