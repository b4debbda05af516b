"""`report --sponsor|--locality|--programme ID-or-NAME --year YYYY`: the yearly sơ kết as .xlsx
and .docx (generator/intake/report.py)."""
from __future__ import annotations

import argparse
import datetime
import re
from pathlib import Path

from ..intake.plan import ledger_site
from ..intake.report import NotFound, build_report
from ..intake.report_files import report_paths, write_report
from .options import BadUsage, day, project_of


def _year(value: str) -> str:
    if not re.fullmatch(r"\d{4}", value):
        raise argparse.ArgumentTypeError(f"'{value}' không phải một năm (ví dụ 2024)")
    return value


def run_report(args: argparse.Namespace) -> int:
    site = ledger_site(project_of(args).records, args.today)
    try:
        report = build_report(site, args.year, sponsor=args.sponsor, locality=args.locality, programme=args.programme)
    except NotFound as missing:
        raise BadUsage(str(missing)) from None
    folder = Path(args.out)
    paths = report_paths(report, folder)
    there = [str(p) for p in paths if p.exists()]
    if there and not args.force:
        raise BadUsage(f"Đã có tệp {', '.join(there)}: không ghi đè. Đổi thư mục (--out) hoặc thêm --force để ghi đè.")
    folder.mkdir(parents=True, exist_ok=True)
    write_report(report, paths)
    print(f"{report.title}: {report.totals.activities} hoạt động.")
    for path in paths:
        print(f"Đã ghi {path}")
    return 0


def add_command(commands, common: argparse.ArgumentParser) -> None:
    command = commands.add_parser("report", parents=[common],
                                  help="viết báo cáo sơ kết năm (.xlsx, .docx) của một đơn vị, địa bàn hay chương trình")
    which = command.add_mutually_exclusive_group(required=True)
    which.add_argument("--sponsor", metavar="TÊN_HOẶC_MÃ", help="đơn vị kết nghĩa: tên (có dấu hay không) hoặc mã")
    which.add_argument("--locality", metavar="TÊN_HOẶC_MÃ",
                       help="huyện, xã được hỗ trợ: tên (ví dụ \"Nam Giang\", \"huyện Nam Giang\") hoặc mã")
    which.add_argument("--programme", metavar="TÊN_HOẶC_MÃ", help="chương trình: tên ngắn hoặc mã (records/programmes/)")
    command.add_argument("--year", type=_year, required=True, metavar="NĂM")
    command.add_argument("--out", default=".", metavar="THƯ_MỤC", help="thư mục ghi báo cáo (mặc định: thư mục hiện tại)")
    command.add_argument("--force", action="store_true", help="ghi đè tệp báo cáo đã có")
    command.add_argument("--today", type=day, default=datetime.date.today(), metavar="NNNN-TT-NN",
                         help="ngày 'hôm nay' (NNNN-TT-NN), để kiểm thử")
    command.set_defaults(run=run_report)
