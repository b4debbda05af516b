"""`report --sponsor ID|--locality ID --year YYYY`: the yearly sơ kết as .xlsx and .docx (generator/intake/report.py)."""
from __future__ import annotations

import argparse
import datetime
import re
from pathlib import Path

from ..intake.plan import ledger_site
from ..intake.report import NotFound, build_report
from ..intake.report_files import write_report
from .options import BadUsage, day, project_of


def _year(value: str) -> str:
    if not re.fullmatch(r"\d{4}", value):
        raise argparse.ArgumentTypeError(f"'{value}' không phải một năm (ví dụ 2024)")
    return value


def run_report(args: argparse.Namespace) -> int:
    site = ledger_site(project_of(args).records, args.today)
    try:
        report = build_report(site, args.year, sponsor=args.sponsor, locality=args.locality)
    except NotFound as missing:
        raise BadUsage(str(missing)) from None
    subject = args.sponsor or args.locality
    stem = Path(args.out) / f"so-ket-{args.year}-{subject}"
    Path(args.out).mkdir(parents=True, exist_ok=True)
    paths = write_report(report, stem)
    print(f"{report.title}: {report.totals.activities} hoạt động.")
    for path in paths:
        print(f"Đã ghi {path}")
    return 0


def add_command(commands, common: argparse.ArgumentParser) -> None:
    command = commands.add_parser("report", parents=[common], help="viết báo cáo sơ kết năm (.xlsx, .docx) của một đơn vị hay địa bàn")
    which = command.add_mutually_exclusive_group(required=True)
    which.add_argument("--sponsor", metavar="MÃ", help="mã đơn vị kết nghĩa (tệp trong records/organizations/)")
    which.add_argument("--locality", metavar="MÃ", help="mã huyện hoặc xã (tệp trong records/localities/)")
    command.add_argument("--year", type=_year, required=True, metavar="NĂM")
    command.add_argument("--out", default=".", metavar="THƯ_MỤC", help="thư mục ghi báo cáo (mặc định: thư mục hiện tại)")
    command.add_argument("--today", type=day, default=datetime.date.today(), metavar="NNNN-TT-NN",
                         help="ngày 'hôm nay' (NNNN-TT-NN), để kiểm thử")
    command.set_defaults(run=run_report)
