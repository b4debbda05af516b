"""Putting a generated tree on disk: all or nothing, and only when something changed.

The new tree is written beside the target, then swapped in with two renames; an
interrupted run leaves either the previous tree or the new one, never half of each.
Writing nothing when nothing changed is what keeps `mkdocs serve` from rebuilding forever.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# Written into every folder this module fills: only such a folder (or an empty or missing
# one) may be replaced. A mistyped `--out docs` or `--site-dir records` must not wipe
# hand-written pages or the records. MkDocs leaves dot files out of the site.
MARK = ".sinh-tu-dong"


class NotOurs(Exception):
    """The target folder holds files the generator did not write."""


def check_target(target: Path, known: tuple = ()) -> None:
    """Raise NotOurs unless `target` is missing, empty, marked as generated, or one of the
    project's own output folders (`known`, made before folders were marked)."""
    if not target.exists() or target.resolve() in {k.resolve() for k in known}:
        return
    if not target.is_dir():
        raise NotOurs(f"{target} là một tệp, không phải thư mục: hãy chọn thư mục khác")
    if (target / MARK).is_file() or not any(target.iterdir()):
        return
    raise NotOurs(
        f"thư mục {target} đã có tệp không do trình sinh trang tạo ra: ghi vào đó sẽ xoá chúng. "
        "Hãy chọn một thư mục trống hoặc chưa có"
    )


def mark(folder: Path) -> None:
    (folder / MARK).write_bytes(b"")


def _unchanged(target: Path, files: dict[str, bytes]) -> bool:
    """Whether `target` holds exactly `files`. Names and sizes first: an edited record
    nearly always changes the size of some file, and then no file has to be read."""
    if not target.is_dir():
        return False
    found = {path.relative_to(target).as_posix(): path for path in target.rglob("*") if path.is_file()}
    found.pop(MARK, None)
    if found.keys() != files.keys():
        return False
    if any(path.stat().st_size != len(files[name]) for name, path in found.items()):
        return False
    return all(path.read_bytes() == files[name] for name, path in found.items())


def _leftovers(target: Path) -> list[Path]:
    return sorted(target.parent.glob(f".{target.name}.old-*"))


def recover(target: Path) -> None:
    """Undo a swap cut between its two renames: put the previous tree back."""
    leftovers = _leftovers(target)
    if not target.exists() and leftovers:
        os.replace(leftovers[-1], target)
        leftovers = leftovers[:-1]
    for path in leftovers:
        shutil.rmtree(path, ignore_errors=True)


def swap_in(new: Path, target: Path) -> None:
    """Replace the folder `target` by the folder `new` (same file system)."""
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


def staging_dir(target: Path) -> Path:
    """An empty folder beside `target`, so that the final rename stays on one file system."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))


def write_tree(files: dict[str, bytes], target: Path, known: tuple = ()) -> bool:
    """Make `target` hold exactly `files`; False (and no write at all) if it already does.
    NotOurs if `target` holds anything else (see check_target)."""
    recover(target)
    check_target(target, known)
    if _unchanged(target, files):
        return False
    staging = staging_dir(target)
    folders = {staging}  # made already: one mkdir per folder, not per file
    try:
        for relative, data in files.items():
            path = staging / relative
            if path.parent not in folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                folders.add(path.parent)
            path.write_bytes(data)
        mark(staging)
        swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return True
