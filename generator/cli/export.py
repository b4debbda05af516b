"""`export activities|partnerships FILE.xlsx [--partnership|--sponsor|--locality ID] [--year YYYY]`:
existing records in the template, to correct in Excel and import again (generator/intake/export.py)."""
from __future__ import annotations

import argparse
import datetime
import re
from pathlib import Path

from ..files import replace_whole
from ..intake.columns import columns
from ..intake.export import EXPORTED, Selection, export_bytes
from ..intake.names import names_of
from ..intake.parse import folded, nearest
from ..intake.plan import read_ledger
from ..view.model import Site
from .options import BadUsage, day, project_of, type_words

_TYPE_WORDS = type_words(EXPORTED)  # by their folder; the registry's name is understood too
_WORDS = {"activity": "hoạt động", "partnership": "cặp kết nghĩa"}  # what the command says it wrote


def _year(value: str) -> str:
    if not re.fullmatch(r"\d{4}", value):
        raise argparse.ArgumentTypeError(f"'{value}' không phải một năm (ví dụ 2024)")
    return value


def _record(site: Site, target: str, flag: str, text: str | None) -> str | None:
    """The id of the record `text` names: its code, or its name as the site writes it."""
    if text is None or text in site.records.get(target, {}):
        return text
    column = next(c for t in EXPORTED for c in columns(t) if c.target == target)
    names = names_of(site, column)
    found = sorted(names.ids.get(folded(text), set())) if names else []
    if len(found) == 1:
        return found[0]
    if found:
        choices = "; ".join(f"{names.shown.get(i, i) if names else i} ({flag} {i})" for i in found)
        raise BadUsage(f"Chưa xuất được: '{text}' có thể là {choices}. Hãy ghi mã như trên.")
    close = nearest(text, names.shown.values()) if names else []
    hint = f" Có phải: {'; '.join(close)}?" if close else ""
    raise BadUsage(f"Chưa xuất được: không có tên hay mã '{text}' ({flag}).{hint}")


def run_export(args: argparse.Namespace) -> int:
    record_type = _TYPE_WORDS.get(args.record_type, args.record_type)
    if record_type not in EXPORTED:
        raise BadUsage(f"Không xuất được '{args.record_type}'. Chọn một trong: {', '.join(_TYPE_WORDS)}.")
    path = Path(args.file)
    if path.suffix.lower() != ".xlsx":
        raise BadUsage(f"Tệp xuất phải có đuôi .xlsx: {path.name}")
    if path.exists() and not args.force:
        raise BadUsage(f"Tệp {path} đã có: lệnh không ghi đè (thêm --force để ghi đè).")
    site = read_ledger(project_of(args).records, args.today).site
    selection = Selection(_record(site, "partnership", "--partnership", args.partnership),
                          _record(site, "organization", "--sponsor", args.sponsor),
                          _record(site, "locality", "--locality", args.locality), args.year)
    data, count = export_bytes(site, record_type, selection)
    replace_whole(str(path), data)
    print(f"Đã xuất {count} {_WORDS[record_type]} vào {path}. Sửa các ô cần sửa, giữ nguyên cột 'Mã hồ sơ' "
          f"(ghi x ở cột 'Rút lại' để rút một hồ sơ), rồi xem trước: python -m generator import {path}")
    return 0


def add_command(commands, common: argparse.ArgumentParser) -> None:
    command = commands.add_parser("export", parents=[common],
                                  help="xuất hồ sơ đã có ra bảng tính mẫu (.xlsx) để sửa rồi nhập lại")
    command.add_argument("record_type", metavar="LOẠI", help=f"loại hồ sơ: {', '.join(_TYPE_WORDS)}")
    command.add_argument("file", metavar="TỆP.xlsx")
    which = command.add_mutually_exclusive_group()
    which.add_argument("--partnership", metavar="MÃ", help="chỉ hồ sơ của cặp kết nghĩa này (mã hoặc tên)")
    which.add_argument("--sponsor", metavar="MÃ", help="chỉ hồ sơ của đơn vị kết nghĩa này (mã hoặc tên)")
    which.add_argument("--locality", metavar="MÃ", help="chỉ hồ sơ ở huyện hoặc xã này (mã hoặc tên)")
    command.add_argument("--year", type=_year, metavar="NĂM", help="chỉ hồ sơ của năm này")
    command.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    command.add_argument("--today", type=day, default=datetime.date.today(), metavar="NNNN-TT-NN",
                         help="ngày 'hôm nay' (NNNN-TT-NN), để kiểm thử")
    command.set_defaults(run=run_export)
