"""generate, build, serve: the public site of the project.

generate  validates records/ and writes the folder MkDocs builds (build/docs/): the Markdown pages
          and downloads, with the options mkdocs.yml gives the plugin, checked as MkDocs checks
          them, a copy of the hand-written pages of docs/ and the search index;
build     does that, then `mkdocs build --strict` (one run per core, each building its share of
          the pages: site/build_parts.py) into a fresh folder swapped in as site/;
serve     does that, then `mkdocs serve`, which regenerates when a record changes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..diagnostics import format_text
from ..pipeline import RECORDS_ENV, generate
from ..project import Project
from ..site import build_parts, offline
from ..site.writer import MARK, CannotWrite, NotOurs, check_target, mark, owning, staging_dir, swap_in
from ..view import formats, urls
from ..view.context import BadConfig, Context
from .options import day, project_of

DEV_ADDRESS = "127.0.0.1:8000"
STOP_S = 10  # a build part asked to stop (the build interrupted) is killed after this many seconds


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _outside_records(folder: Path, records: Path) -> None:
    """A folder the site is written to is never the records' own (nor inside it): the records
    are the facts, what is written is made from them and swapped or wiped at each run."""
    if folder.resolve() == records.resolve() or records.resolve() in folder.resolve().parents:
        raise NotOurs(f"{folder} nằm trong thư mục hồ sơ {records}: hãy ghi ra ngoài thư mục đó")


def _generate(args: argparse.Namespace, project: Project | None) -> int:
    records, out = args.records, args.out
    if not (records / "vocabularies").is_dir():
        # An empty site from a mistyped path would look like a ledger with nothing in it.
        _say(f"Không tìm thấy thư mục hồ sơ {records} (cần có vocabularies/, localities/…).")
        return 2
    known = (project.generated,) if project else ()
    try:
        context = _context(project.root if project else records.resolve().parent)
        _outside_records(out, records)
        check_target(out, known=known)  # before validating: a refusal comes at once
        if project:
            _retire(project)
        outcome = generate(records, out, context, args.today, known=known, waiting=_say,
                           docs=project.docs if project else None)
    except BadConfig as problem:
        _say(f"{problem}\nChưa sinh trang: sửa mkdocs.yml rồi chạy lại.")
        return 2
    except NotOurs as refusal:
        _say(f"Không ghi: {refusal}.")
        return 2
    except CannotWrite as failure:  # the records are fine: 1 would send the user to them
        _say(str(failure))
        return 2
    if outcome.errors:
        sys.stderr.write(format_text(outcome.errors, outcome.checked))
        _say("Hồ sơ còn lỗi: chưa sinh trang. Sửa các lỗi trên rồi chạy lại.")
        return 1
    changes = outcome.changes
    state = "không có gì thay đổi"
    if changes:
        state = f"đã cập nhật: ghi {formats.number(changes.written)} tệp, xoá {formats.number(changes.removed)} tệp"
    steps = {"validate": "kiểm tra", "render": "sinh trang", "index": "chỉ mục tìm kiếm", "write": "ghi"}
    timing = "; ".join(f"{steps[k]} {formats.number(round(v, 2))} giây" for k, v in outcome.seconds.items())
    print(f"Sinh {outcome.files} tệp vào {out} ({state}; {timing}).")
    return 0


def _retire(project: Project) -> None:
    """Remove the generated pages of the layout before (docs/generated/), once: marked as the
    generator's, they are no hand-written page, and a builder would publish them again."""
    if (project.retired / MARK).is_file():
        shutil.rmtree(project.retired, ignore_errors=True)


def _context(root: Path) -> Context:
    """The project's Context as the plugin will find it (generator/view/config.py): read here,
    where the site is asked for, rather than on every command (MkDocs' config classes load)."""
    from ..view.config import read_context

    return read_context(root)


def _quiet_env(**extra: str) -> dict[str, str]:
    # Material prints a banner about its end of life on every build; the project knows.
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", **extra)


def _mkdocs(project: Project, *arguments: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *arguments, "--config-file", str(project.config)]


def _site_project(args: argparse.Namespace) -> Project:
    """build and serve: the project, its records unless --records names others."""
    project = project_of(args)
    args.records = args.records or project.records
    args.out = project.generated
    return project


def run_generate(args: argparse.Namespace) -> int:
    # Given both folders, generate needs no project around it.
    project = None
    if not (args.records and args.out):
        project = project_of(args)
        args.records = args.records or project.records
        args.out = args.out or project.generated
    return _generate(args, project)


def run_build(args: argparse.Namespace) -> int:
    project = _site_project(args)
    site_dir = args.site_dir or project.site
    try:
        for folder in (site_dir, args.offline_dir):
            if folder:
                _outside_records(folder, args.records)
        check_target(site_dir, known=(project.site,))
        if args.offline_dir:
            check_target(args.offline_dir)
    except NotOurs as refusal:
        _say(f"Không dựng trang: {refusal}.")
        return 2
    status = _generate(args, project)
    if status:
        return status
    try:
        # Locked from MkDocs' start to the swap: the staging folder must outlive another run's tidying.
        with owning(site_dir, f"trang cũ trong {site_dir} được giữ nguyên", waiting=_say):
            # The offline copy is a second MkDocs build: made when asked (CI, publishing), not
            # for every preview. Each build runs in parts, one per free core (build_parts.py).
            copy = args.offline or args.offline_dir
            parts = build_parts.parts_for(2 if copy else 1)
            staging = [staging_dir(site_dir) for _ in range(parts)]
            copies = [staging_dir(site_dir) for _ in range(parts)] if copy else []
            try:
                failed = _mkdocs_builds(project, staging, copies)
                if failed:
                    _say("mkdocs build --strict thất bại: trang cũ được giữ nguyên.")
                    return failed
                if copies:
                    size = offline.publish(staging[0], copies[0])
                    print(f"Bản sao ngoại tuyến: {urls.OPEN_DATA}{urls.OFFLINE_FILE}, "
                          f"{formats.megabytes(size)}.")
                    if args.offline_dir:
                        _keep(copies[0], args.offline_dir)
                mark(staging[0])
                swap_in(staging[0], site_dir)
            finally:
                for folder in [*staging, *copies]:
                    shutil.rmtree(folder, ignore_errors=True)
    except CannotWrite as failure:
        _say(str(failure))
        return 2
    print(f"Đã dựng trang vào {site_dir}.")
    return 0


def _mkdocs_builds(project: Project, site: list[Path], copy: list[Path]) -> int:
    """`mkdocs build --strict` into the folders `site` and, given `copy`, the offline copy into
    those: each build cut into as many parts as it has folders, every part run at once, and
    each build's parts merged into its first folder. The first failing exit code, or 0."""
    builds = [(_mkdocs(project, "build", "--strict", "--site-dir", str(folder)), _quiet_env(**_part(number, len(site))))
              for number, folder in enumerate(site)]
    builds += [(_mkdocs(project, "build", "--strict", "--site-dir", str(folder)),
                _quiet_env(**{offline.ENV: "true"}, **_part(number, len(copy)))) for number, folder in enumerate(copy)]
    # The folder MkDocs reads is held while it runs: a page generated meanwhile (by `ketnghia
    # serve` in another terminal) would have the parts share out different lists of pages.
    with owning(project.generated, waiting=_say):
        failed = _run_all(builds, project.root)
    if not failed:
        for folders in (site, copy):
            for folder in folders[1:]:
                build_parts.merge(str(folder), str(folders[0]))
    return failed


def _run_all(commands: list[tuple[list[str], dict[str, str]]], cwd: Path) -> int:
    """Every command at once, each to its end: the first failing exit code in their order, or 0.
    A failed part is not cut short, nor are the others: a strict build fails only once it has
    built everything, and every part's warnings are then said, to be mended in one go. An
    exception or an interruption here leaves none of them running."""
    runs: list[subprocess.Popen[bytes]] = []
    try:
        for command, env in commands:
            runs.append(subprocess.Popen(command, cwd=cwd, env=env))
        codes = [run.wait() for run in runs]
        return next((code for code in codes if code), 0)
    finally:
        for run in runs:
            if run.poll() is None:
                run.terminate()
        for run in runs:
            try:
                run.wait(timeout=STOP_S)
            except subprocess.TimeoutExpired:  # a part that does not stop when asked
                run.kill()
                run.wait()


def _part(number: int, parts: int) -> dict[str, str]:
    # Set even for a build in one run: a KETNGHIA_PART left in the user's shell would halve it.
    return {build_parts.ENV: f"{number}/{parts}" if parts > 1 else ""}


def _keep(copy: Path, target: Path) -> None:
    """The unzipped offline copy, kept where asked (CI uploads it as the preview); `target` was
    checked before the build (missing, empty or made by the generator)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(copy, target)
    mark(target)


def run_serve(args: argparse.Namespace) -> int:
    project = _site_project(args)
    status = _generate(args, project)
    if status:
        return status
    try:
        return subprocess.run(
            # --dirty: after an edit, only the pages whose files changed are built again.
            _mkdocs(project, "serve", "--dirty", "--dev-addr", args.dev_addr),
            cwd=project.root,
            env=_quiet_env(**{RECORDS_ENV: str(args.records.resolve())}),
        ).returncode
    except KeyboardInterrupt:
        return 0


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--records", type=Path, default=None, help="thư mục hồ sơ (mặc định: records/ của dự án)")
    parser.add_argument("--today", type=day, default=None, help="ngày 'hôm nay' cho bộ kiểm tra (NNNN-TT-NN)")


def add_commands(commands, common: argparse.ArgumentParser) -> None:
    generate_parser = commands.add_parser("generate", parents=[common],
                                          help="kiểm tra hồ sơ rồi sinh trang Markdown và dữ liệu mở")
    generate_parser.add_argument("--out", type=Path, default=None,
                                 help="thư mục ghi ra (mặc định: build/docs/ của dự án)")
    _common(generate_parser)
    generate_parser.set_defaults(run=run_generate)

    build_parser = commands.add_parser("build", parents=[common],
                                       help="sinh trang rồi dựng trang tĩnh (mkdocs build --strict)")
    build_parser.add_argument("--site-dir", type=Path, default=None, help="thư mục trang tĩnh (mặc định: site/ của dự án)")
    build_parser.add_argument("--offline", action="store_true",
                              help="dựng thêm bản sao ngoại tuyến (tệp zip trong du-lieu-mo/), như khi xuất bản")
    build_parser.add_argument("--offline-dir", type=Path, default=None,
                              help="dựng bản sao ngoại tuyến và giữ thêm bản chưa nén ở thư mục này")
    _common(build_parser)
    build_parser.set_defaults(run=run_build)

    serve_parser = commands.add_parser("serve", parents=[common], help="sinh trang rồi xem thử tại http://127.0.0.1:8000")
    serve_parser.add_argument("--dev-addr", default=DEV_ADDRESS, help=f"địa chỉ (mặc định: {DEV_ADDRESS})")
    _common(serve_parser)
    serve_parser.set_defaults(run=run_serve)
