"""generate, build, serve: the public site.

generate  validates records/ and writes the Markdown pages and downloads (docs/generated/);
build     does that, then `mkdocs build --strict` into a fresh folder swapped in as site/;
serve     does that, then `mkdocs serve`, which regenerates when a record changes.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .diagnostics import format_text
from .site import formats
from .site.pipeline import GENERATED, PROJECT, RECORDS, RECORDS_ENV, generate
from .site.writer import NotOurs, check_target, mark, recover, staging_dir, swap_in

CONFIG = PROJECT / "mkdocs.yml"
SITE = PROJECT / "site"
DEV_ADDRESS = "127.0.0.1:8000"


def _generate(args) -> int:
    if not (args.records / "vocabularies").is_dir():
        # An empty site from a mistyped path would look like a ledger with nothing in it.
        print(f"Không tìm thấy thư mục hồ sơ {args.records} (cần có vocabularies/, localities/…).", file=sys.stderr)
        return 2
    try:
        if args.out.resolve() == args.records.resolve() or args.records.resolve() in args.out.resolve().parents:
            raise NotOurs(f"{args.out} nằm trong thư mục hồ sơ {args.records}: hãy ghi ra ngoài thư mục đó")
        check_target(args.out, known=(GENERATED,))  # before validating: a refusal comes at once
        outcome = generate(args.records, args.out, args.today)
    except NotOurs as refusal:
        print(f"Không ghi: {refusal}.", file=sys.stderr)
        return 2
    if outcome.errors:
        sys.stderr.write(format_text(outcome.errors, outcome.checked))
        print("Hồ sơ còn lỗi: chưa sinh trang. Sửa các lỗi trên rồi chạy lại.", file=sys.stderr)
        return 1
    changes = outcome.changes
    state = "không có gì thay đổi"
    if changes:
        state = f"đã cập nhật: ghi {formats.number(changes.written)} tệp, xoá {formats.number(changes.removed)} tệp"
    steps = {"validate": "kiểm tra", "render": "sinh trang", "write": "ghi"}
    timing = "; ".join(f"{steps[k]} {formats.number(round(v, 2))} giây" for k, v in outcome.seconds.items())
    print(f"Sinh {outcome.files} tệp vào {args.out} ({state}; {timing}).")
    return 0


def _quiet_env(**extra: str) -> dict:
    # Material prints a banner about its end of life on every build; the project knows.
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", **extra)


def _mkdocs(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *arguments, "--config-file", str(CONFIG)]


def run_generate(args) -> int:
    return _generate(args)


def run_build(args) -> int:
    args.out = GENERATED
    try:
        check_target(args.site_dir, known=(SITE,))
    except NotOurs as refusal:
        print(f"Không dựng trang: {refusal}.", file=sys.stderr)
        return 2
    status = _generate(args)
    if status:
        return status
    recover(args.site_dir)
    staging = staging_dir(args.site_dir)
    try:
        done = subprocess.run(_mkdocs("build", "--strict", "--site-dir", str(staging)), cwd=PROJECT, env=_quiet_env())
        if done.returncode != 0:
            print("mkdocs build --strict thất bại: trang cũ được giữ nguyên.", file=sys.stderr)
            return done.returncode or 1
        mark(staging)
        swap_in(staging, args.site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"Đã dựng trang vào {args.site_dir}.")
    return 0


def run_serve(args) -> int:
    args.out = GENERATED
    status = _generate(args)
    if status:
        return status
    try:
        return subprocess.run(
            _mkdocs("serve", "--dev-addr", args.dev_addr),
            cwd=PROJECT,
            env=_quiet_env(**{RECORDS_ENV: str(args.records.resolve())}),
        ).returncode
    except KeyboardInterrupt:
        return 0


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def _common(parser) -> None:
    parser.add_argument("--records", type=Path, default=RECORDS, help="thư mục hồ sơ (mặc định: records/)")
    parser.add_argument("--today", type=_date, default=None, help="ngày 'hôm nay' cho bộ kiểm tra (NNNN-TT-NN)")


def add_commands(commands) -> None:
    generate_parser = commands.add_parser("generate", help="kiểm tra hồ sơ rồi sinh trang Markdown và dữ liệu mở")
    generate_parser.add_argument(
        "--out", type=Path, default=GENERATED, help="thư mục ghi ra (mặc định: docs/generated/)"
    )
    _common(generate_parser)
    generate_parser.set_defaults(run=run_generate)

    build_parser = commands.add_parser("build", help="sinh trang rồi dựng trang tĩnh (mkdocs build --strict)")
    build_parser.add_argument("--site-dir", type=Path, default=SITE, help="thư mục trang tĩnh (mặc định: site/)")
    _common(build_parser)
    build_parser.set_defaults(run=run_build)

    serve_parser = commands.add_parser("serve", help="sinh trang rồi xem thử tại http://127.0.0.1:8000")
    serve_parser.add_argument("--dev-addr", default=DEV_ADDRESS, help=f"địa chỉ (mặc định: {DEV_ADDRESS})")
    _common(serve_parser)
    serve_parser.set_defaults(run=run_serve)
