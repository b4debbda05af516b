"""`template TYPE FILE.xlsx` and `import FILE…`: the spreadsheet route (generator/intake/).

`import` only plans unless given --write: it prints the records it would create and every
problem as "trang tính, dòng, cột: what is wrong, how to fix it". With --format github it
also writes the plan to the job summary and the problems as annotations on the workbook.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from pathlib import Path
from typing import Any

from ..diagnostics import ERROR, WARNING, Diagnostic, github_annotation, inert, markdown_cell
from ..intake.columns import importable
from ..intake.plan import DUPLICATE, EXISTS, NEW, REFUSED, Plan, ledger_site, make_plan, sheet_order, write
from ..intake.read import SUPPORTED, Sheet, Unopenable, read
from ..intake.template import template
from ..records import display_path
from .options import BadUsage, day, project_of

# The record types by the plural staff type on the command line (and the registry's name).
_TYPE_WORDS = {"activities": "activity", "partnerships": "partnership", "organizations": "organization",
               "documents": "document"}


def _record_type(word: str) -> str:
    record_type = _TYPE_WORDS.get(word, word)
    if record_type not in importable():
        raise BadUsage(f"Không có mẫu cho '{word}'. Chọn một trong: {', '.join(_TYPE_WORDS)}.")
    return record_type


def run_template(args: argparse.Namespace) -> int:
    record_type = _record_type(args.record_type)
    path = Path(args.file)
    if path.suffix.lower() != ".xlsx":
        raise BadUsage(f"Tệp mẫu phải có đuôi .xlsx: {path.name}")
    if path.exists() and not args.force:
        raise BadUsage(f"Tệp {path} đã có: lệnh không ghi đè (thêm --force để ghi đè).")
    records = project_of(args).records
    template(ledger_site(records, args.today), record_type, path)
    print(f"Đã tạo {path}. Mở bằng Excel, điền mỗi dòng một hồ sơ, rồi chạy: python -m generator import {path}")
    return 0


def _workbooks(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED and not p.name.startswith((".", "~$")))
        elif path.exists():
            found.append(path)
        else:
            raise BadUsage(f"Không tìm thấy: {name}")
    return found


def _print_plan(name: str, plan: Plan, written: bool) -> None:
    print(inert(f"{name}: {plan.rows} dòng số liệu."))
    new = plan.of_state(NEW)
    if new:
        print(f"  {'Đã ghi' if written else 'Sẽ tạo'} {len(new)} hồ sơ:")
        for planned in new:
            print(inert(f"    {display_path(planned.path)}  ({planned.sheet}, dòng {planned.row}: {planned.data.get('title', '')})"))
    for state, said in ((EXISTS, "đã có từ lần nhập trước, giữ nguyên"), (DUPLICATE, "trùng, không ghi"),
                        (REFUSED, "có lỗi, không ghi")):
        count = len(plan.of_state(state))
        if count:
            print(f"  {count} dòng {said}.")
    problems = sheet_order(plan)
    if problems:
        print(f"  Cần xem ({len(problems)}):")
        for problem in problems:
            print(inert(f"    {problem}"))


def _github(name: str, plan: Plan) -> None:
    for problem in sheet_order(plan):
        diagnostic = Diagnostic(name, 1, 1, ERROR if problem.blocking else WARNING, "IMPORT", "", str(problem))
        print(github_annotation(diagnostic))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        return
    # Cell text reaches the job summary as code spans only: no link, mention or HTML from a workbook.
    lines = [f"## Nhập bảng tính {markdown_cell(name)}", "", f"{plan.rows} dòng số liệu; "
             f"{len(plan.of_state(NEW))} hồ sơ sẽ tạo; {len(plan.of_state(EXISTS))} đã có; "
             f"{len(plan.of_state(DUPLICATE))} trùng; {sum(1 for p in plan.problems if p.blocking)} lỗi.", ""]
    if plan.of_state(NEW):
        lines += ["| Trang, dòng | Hồ sơ sẽ tạo | Tên |", "|---|---|---|"]
        lines += [f"| {markdown_cell(p.sheet)}, {p.row} | {markdown_cell(display_path(p.path))} | {markdown_cell(str(p.data.get('title', '')))} |"
                  for p in plan.of_state(NEW)]
        lines.append("")
    if plan.problems:
        lines += ["| Trang | Dòng | Cột | Cần sửa |", "|---|---|---|---|"]
        lines += [f"| {markdown_cell(p.sheet)} | {p.row} | {markdown_cell(p.column)} | {'' if p.blocking else 'cảnh báo: '}"
                  f"{markdown_cell(p.message)} |" for p in sheet_order(plan)]
    with open(summary, "a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def _data(name: str, plan: Plan, project: Path) -> dict[str, Any]:
    """The plan for machines (--format json): each row's record (its path from the project) and
    state, each problem."""
    return {"file": name, "rows": plan.rows,
            "records": [{"state": p.state, "sheet": p.sheet, "row": p.row, "type": p.record_type,
                         "id": p.data.get("id", ""), "path": p.path.relative_to(project).as_posix(),
                         "title": str(p.data.get("title", ""))}
                        for p in plan.records],
            "problems": [{"sheet": p.sheet, "row": p.row, "column": p.column, "message": p.message,
                          "blocking": p.blocking} for p in sheet_order(plan)]}


def run_import(args: argparse.Namespace) -> int:
    records = project_of(args).records
    site = ledger_site(records, args.today)
    failed = False
    pending = 0  # rows that would become a new record
    planned: list[dict[str, Any]] = []
    for path in _workbooks(args.files):
        name = display_path(path)
        try:
            sheets: list[Sheet] = read(path)
        except Unopenable as refusal:
            if args.format == "json":
                planned.append({"file": name, "refused": str(refusal)})
            else:
                print(inert(str(refusal)), file=sys.stderr)
            failed = True
            continue
        plan = make_plan(sheets, records, args.today, site)
        if args.write:
            write(plan)
        pending += len(plan.of_state(NEW))
        if args.format == "json":
            planned.append(_data(name, plan, records.parent))
        else:
            _print_plan(name, plan, args.write)
        if args.format == "github":
            _github(name, plan)
        failed = failed or any(p.blocking for p in plan.problems)
    if args.format == "json":
        print(json.dumps({"written": args.write, "workbooks": planned}, ensure_ascii=False, indent=1))
    elif not args.write:
        print("Chưa ghi gì (chỉ xem trước). Thêm --write để ghi các hồ sơ mới.")
    if args.check and not args.write and pending:
        # A workbook merged as it is leaves no record: the check stays red until the rows are written.
        said = (f"Chưa ghi: {pending} dòng đã đọc được nhưng chưa được ghi thành hồ sơ trong sổ. Trước khi hợp nhất, người duyệt "
                "chạy 'Ghi hồ sơ từ bảng tính' (thẻ Actions) trên nhánh này; hợp nhất ngay thì chỉ có bảng tính, không có hồ sơ.")
        print(f"::error title=Chưa ghi::{said}" if args.format == "github" else said)
        summary = os.environ.get("GITHUB_STEP_SUMMARY") if args.format == "github" else None
        if summary:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(f"\n**{said}**\n")
        return 1
    return 1 if failed else 0


def add_commands(commands, common: argparse.ArgumentParser) -> None:
    today = {"type": day, "default": datetime.date.today(), "metavar": "NNNN-TT-NN",
             "help": "ngày 'hôm nay' (NNNN-TT-NN), để kiểm thử"}
    command = commands.add_parser("template", parents=[common], help="tạo bảng tính mẫu (.xlsx) để nhập hồ sơ")
    command.add_argument("record_type", metavar="LOẠI", help=f"loại hồ sơ: {', '.join(_TYPE_WORDS)}")
    command.add_argument("file", metavar="TỆP.xlsx")
    command.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    command.add_argument("--today", **today)
    command.set_defaults(run=run_template)

    command = commands.add_parser("import", parents=[common], help="nhập hồ sơ từ bảng tính (.xlsx, .csv); mặc định chỉ xem trước")
    command.add_argument("files", nargs="+", metavar="TỆP", help="bảng tính, hoặc thư mục chứa bảng tính")
    command.add_argument("--write", action="store_true", help="ghi các hồ sơ mới (không bao giờ ghi đè)")
    command.add_argument("--check", action="store_true",
                         help="thoát với mã 1 khi còn dòng sẽ thành hồ sơ mới mà chưa được ghi (kiểm tra của pull request)")
    command.add_argument("--format", choices=("text", "github", "json"), default="text",
                         help="github: thêm tóm tắt và chú thích cho GitHub Actions; json: kế hoạch cho máy đọc")
    command.add_argument("--today", **today)
    command.set_defaults(run=run_import)
