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
from ..intake import bounds
from ..intake.columns import importable
from ..intake.plan import (
    DUPLICATE,
    NEW,
    UNCHANGED,
    UPDATE,
    WITHDRAWN,
    Known,
    Plan,
    Planned,
    make_plan,
    read_ledger,
    removed,
    sheet_order,
    write,
)
from ..intake.read import SUPPORTED, Sheet, Unopenable, read
from ..intake.template import template
from ..records import display_path
from ..validate import Result
from .options import BadUsage, day, project_of, type_words

# The record types a workbook brings in, by their folder (the registry's name is understood too).
_TYPE_WORDS = type_words(importable())


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
    template(read_ledger(records, args.today).site, record_type, path)
    print(f"Đã tạo {path}. Mở bằng Excel, điền mỗi dòng một hồ sơ, rồi chạy: python -m generator import {path}")
    return 0


def _workbooks(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir() and path.is_symlink():  # imports/ linked to / would list the whole machine
            raise BadUsage(f"Thư mục {name} là một liên kết (symlink), không được đọc: hãy đặt chính các bảng tính vào đó.")
        if path.is_dir():  # its links to folders are not followed (rglob), its linked files refused by read()
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED and not p.name.startswith((".", "~$")))
        elif path.exists() or path.is_symlink():  # a link, even a broken one, is refused by read()
            found.append(path)
        else:
            raise BadUsage(f"Không tìm thấy: {name}")
    return found


def _short(text: str) -> str:
    """One finding as shown: a cell's text may be long, what is said of it need not be."""
    return text if len(text) <= bounds.FINDING_CHARS else text[: bounds.FINDING_CHARS - 1] + "…"


def _rest(count: int) -> str:
    return f"… và {count} điều cần xem khác (sửa các điều trên rồi nhập lại để xem tiếp)."


def _print_plan(name: str, plan: Plan, written: bool) -> None:
    print(inert(f"{name}: {plan.rows} dòng số liệu."))
    for state, will, did in ((NEW, "Sẽ tạo", "Đã ghi"), (UPDATE, "Sẽ sửa", "Đã sửa"),
                             (WITHDRAWN, "Sẽ rút lại (xoá tệp)", "Đã rút lại (xoá tệp)")):
        found = plan.of_state(state)
        if found:
            print(f"  {did if written else will} {len(found)} hồ sơ:")
        for planned in found[: bounds.RECORDS_SHOWN]:
            print(inert(_short(f"    {display_path(planned.path)}  ({planned.sheet}, dòng {planned.row}: "
                               f"{planned.data.get('title', '')})")))
            for change in planned.changes:
                print(inert(_short(f"      dòng {planned.row}, {change}")))
        if len(found) > bounds.RECORDS_SHOWN:
            print(f"    … và {len(found) - bounds.RECORDS_SHOWN} hồ sơ khác.")
    for state, said in ((UNCHANGED, "đã có trong sổ, không đổi"), (DUPLICATE, "trùng, không ghi")):
        count = len(plan.of_state(state))
        if count:
            print(f"  {count} dòng {said}.")
    if plan.rows_in_error():
        print(f"  {plan.rows_in_error()} dòng có lỗi, không ghi.")
    for note in plan.notes:
        print(inert(f"  Đã tự xử lý: {note}."))
    problems = sheet_order(plan)
    if problems:
        print(f"  Cần xem ({len(problems)}):")
        for problem in problems[: bounds.PROBLEMS_SHOWN]:
            print(inert(_short(f"    {problem}")))
        if len(problems) > bounds.PROBLEMS_SHOWN:
            print(f"    {_rest(len(problems) - bounds.PROBLEMS_SHOWN)}")


def _annotate(name: str, messages: list[tuple[bool, str]]) -> None:
    """The first few findings as annotations on the workbook (GitHub shows only a few per step)."""
    for blocking, message in messages[: bounds.ANNOTATIONS]:
        print(github_annotation(Diagnostic(name, 1, 1, ERROR if blocking else WARNING, "IMPORT", "", _short(message))))
    if len(messages) > bounds.ANNOTATIONS:
        rest = len(messages) - bounds.ANNOTATIONS
        print(github_annotation(Diagnostic(name, 1, 1, WARNING, "IMPORT", "", f"còn {rest} điều cần xem khác: "
                                           "xem tóm tắt của lần chạy")))


def _summarise(lines: list[str]) -> None:
    """Lines added to the job summary while it stays under GitHub's limit; past it, one line
    saying the rest is in the log."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        return
    block = ("\n".join(lines) + "\n").encode("utf-8")
    full = "\n_Tóm tắt đã đủ dài: các bảng tính còn lại xem trong nhật ký của bước này._\n".encode()
    with open(summary, "a+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - len(full)))
        if handle.read() == full:
            return  # said already: nothing after it
        if size + len(block) + len(full) <= bounds.SUMMARY_BYTES:
            handle.write(block)
        elif size + len(full) <= bounds.SUMMARY_BYTES:
            handle.write(full)


def _github(name: str, plan: Plan) -> None:
    problems = sheet_order(plan)
    _annotate(name, [(p.blocking, str(p)) for p in problems])
    # Cell text reaches the job summary as code spans only: no link, mention or HTML from a workbook.
    lines = [f"## Nhập bảng tính {markdown_cell(name)}", "", f"{plan.rows} dòng số liệu; "
             f"{len(plan.of_state(NEW))} hồ sơ sẽ tạo; {len(plan.of_state(UPDATE))} sẽ sửa; "
             f"{len(plan.of_state(WITHDRAWN))} sẽ rút lại; {len(plan.of_state(UNCHANGED))} không đổi; "
             f"{len(plan.of_state(DUPLICATE))} trùng; {plan.rows_in_error()} dòng có lỗi.", ""]
    lines += [f"- Đã tự xử lý: {markdown_cell(_short(note))}" for note in plan.notes] + ([""] if plan.notes else [])
    new = plan.of_state(NEW)
    if new:
        lines += ["| Trang, dòng | Hồ sơ sẽ tạo | Tên |", "|---|---|---|"]
        lines += [f"| {markdown_cell(_short(p.sheet))}, {p.row} | {markdown_cell(display_path(p.path))} | "
                  f"{markdown_cell(_short(str(p.data.get('title', ''))))} |" for p in new[: bounds.RECORDS_SHOWN]]
        if len(new) > bounds.RECORDS_SHOWN:
            lines.append(f"\n… và {len(new) - bounds.RECORDS_SHOWN} hồ sơ khác.")
        lines.append("")
    changed = plan.of_state(UPDATE) + plan.of_state(WITHDRAWN)
    if changed:
        lines += ["| Trang, dòng | Hồ sơ | Thay đổi |", "|---|---|---|"]
        lines += [f"| {markdown_cell(_short(p.sheet))}, {p.row} | {markdown_cell(display_path(p.path))} | "
                  f"{'; '.join(markdown_cell(_short(str(c))) for c in p.changes) or 'rút lại (xoá tệp)'} |"
                  for p in changed[: bounds.RECORDS_SHOWN]]
        if len(changed) > bounds.RECORDS_SHOWN:
            lines.append(f"\n… và {len(changed) - bounds.RECORDS_SHOWN} hồ sơ khác.")
        lines.append("")
    if problems:
        lines += ["| Trang | Dòng | Cột | Cần sửa |", "|---|---|---|---|"]
        lines += [f"| {markdown_cell(_short(p.sheet))} | {p.row} | {markdown_cell(_short(p.column))} | {'' if p.blocking else 'cảnh báo: '}"
                  f"{markdown_cell(_short(p.message))} |" for p in problems[: bounds.PROBLEMS_SHOWN]]
        if len(problems) > bounds.PROBLEMS_SHOWN:
            lines += ["", _rest(len(problems) - bounds.PROBLEMS_SHOWN)]
    _summarise(lines)


def _github_refused(name: str, message: str) -> None:
    _annotate(name, [(True, message)])
    _summarise([f"## Nhập bảng tính {markdown_cell(name)}", "", f"Không đọc được: {markdown_cell(_short(message))}", ""])


# Findings on the ledger's files that make writing unsafe: a link or an unread folder means
# the path a record is written to may not be the path it seems.
_UNSAFE = ("FILE_LINK", "FOLDER_UNREADABLE")


def _unsafe_ledger(records: Path, result: Result) -> str | None:
    """Why the import must not write into `records`, or None."""
    if records.is_symlink():
        return f"thư mục hồ sơ {display_path(records)} là một liên kết (symlink); hãy dùng thư mục thật"
    found = [d for d in result.diagnostics if d.code in _UNSAFE]
    if found:
        return (f"thư mục hồ sơ có {len(found)} lỗi về tệp hoặc thư mục, đầu tiên là {found[0].file}: "
                f"{found[0].message}. Hãy sửa (python -m generator validate) rồi nhập lại")
    return None


def _outside(plan: Plan, records: Path) -> list[Planned]:
    """Planned records whose file would be written or removed outside the real `records/` (through a link)."""
    real = records.resolve()

    def inside(folder: Path) -> bool:
        return folder == real or real in folder.parents

    return [p for p in plan.records if p.state in (NEW, UPDATE, WITHDRAWN)
            and (p.path.is_symlink() or not inside(p.path.parent.resolve()))]


def _plan_one(path: Path, records: Path, today: datetime.date, known: Known) -> Plan:
    """One workbook's plan; a workbook that cannot be read raises Unopenable."""
    sheets: list[Sheet] = read(path)
    try:
        return make_plan(sheets, records, today, known)
    except Exception:  # a workbook must never stop the others; say which one, never a traceback
        raise Unopenable(f"{path.name}: gặp lỗi không lường trước khi lập kế hoạch nhập sổ này. Hãy báo cho người "
                         "quản trị kèm tệp; các bảng tính khác vẫn được nhập.") from None


def _data(name: str, plan: Plan, project: Path) -> dict[str, Any]:
    """The plan for machines (--format json): each row's record (its path from the project) and
    state, each problem."""
    return {"file": name, "rows": plan.rows,
            "records": [{"state": p.state, "sheet": p.sheet, "row": p.row, "type": p.record_type,
                         "id": p.data.get("id", ""), "path": p.path.relative_to(project).as_posix(),
                         "title": str(p.data.get("title", "")), "changes": [str(c) for c in p.changes]}
                        for p in plan.records],
            "problems": [{"sheet": p.sheet, "row": p.row, "column": p.column, "message": p.message,
                          "blocking": p.blocking} for p in sheet_order(plan)]}


def run_import(args: argparse.Namespace) -> int:
    records = project_of(args).records
    known = read_ledger(records, args.today)
    if args.write:
        unsafe = _unsafe_ledger(records, known.result)
        if unsafe:
            print(inert(f"Không ghi: {unsafe}."), file=sys.stderr)
            return 2
    failed = False
    pending = 0  # rows that would become, change or withdraw a record
    planned: list[dict[str, Any]] = []
    written: list[Path] = []  # the files written or removed, for --manifest
    for count, path in enumerate(_workbooks(args.files), start=1):
        name = display_path(path)
        try:
            if count > bounds.WORKBOOKS:  # each is checked against the whole ledger: a thousand would take an hour
                raise Unopenable(f"{path.name}: chưa đọc, vì một lần nhập đọc tối đa {bounds.WORKBOOKS} bảng tính; "
                                 "hãy nhập phần còn lại ở lần sau.")
            plan = _plan_one(path, records, args.today, known)
        except Unopenable as refusal:
            if args.format == "json":
                planned.append({"file": name, "refused": str(refusal)})
            else:
                print(inert(_short(str(refusal))), file=sys.stderr)
            if args.format == "github":
                _github_refused(name, str(refusal))
            failed = True
            continue
        if args.write:
            outside = _outside(plan, records)
            if outside:
                print(inert(f"Không ghi {name}: hồ sơ {display_path(outside[0].path)} sẽ nằm ngoài thư mục hồ sơ "
                            f"{display_path(records)} (qua một liên kết)."), file=sys.stderr)
                return 2
            gone = removed(plan)
            written += [p.path for p in write(plan)] + gone
        pending += sum(len(plan.of_state(state)) for state in (NEW, UPDATE, WITHDRAWN))
        if args.format == "json":
            planned.append(_data(name, plan, records.parent))
        else:
            _print_plan(name, plan, args.write)
        if args.format == "github":
            _github(name, plan)
        failed = failed or any(p.blocking for p in plan.problems)
    if args.manifest:
        root = records.parent
        args.manifest.write_text("".join(f"{path.relative_to(root).as_posix()}\n" for path in written), encoding="utf-8")
    if args.format == "json":
        print(json.dumps({"written": args.write, "workbooks": planned}, ensure_ascii=False, indent=1))
    elif not args.write:
        print("Chưa ghi gì (chỉ xem trước). Thêm --write để ghi các hồ sơ mới, các sửa đổi và rút lại.")
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
    command.add_argument("--write", action="store_true", help="ghi các hồ sơ mới, các sửa đổi và rút lại")
    command.add_argument("--check", action="store_true",
                         help="thoát với mã 1 khi còn dòng sẽ thành, sửa hay rút lại hồ sơ mà chưa được ghi (kiểm tra của pull request)")
    command.add_argument("--format", choices=("text", "github", "json"), default="text",
                         help="github: thêm tóm tắt và chú thích cho GitHub Actions; json: kế hoạch cho máy đọc")
    command.add_argument("--manifest", type=Path, metavar="TỆP",
                         help="với --write: ghi danh sách các tệp hồ sơ đã ghi hoặc đã xoá, mỗi dòng một đường dẫn")
    command.add_argument("--today", **today)
    command.set_defaults(run=run_import)
