"""Putting a generated tree on disk, touching only the files whose bytes changed.

`write_tree` compares each file with what is already there (size first, then bytes) and
rewrites only those that differ, each through a temporary file renamed over it: a reader
(MkDocs, a browser) sees either the old file or the new one, never half of one, and an
interrupted run leaves whole files that the next run brings up to date. Files no longer
produced are removed. Writing nothing when nothing changed is what keeps `mkdocs serve`
from rebuilding forever; writing only what changed keeps one edit to a handful of files.

The site folder of `build` is still replaced whole (staging_dir, swap_in): MkDocs writes it.

Every change to an output folder happens inside `owning`: one run at a time per folder (two
runs renaming the same folders crash each other), what a killed run left beside the folder is
cleared first, and an OSError (full disk, read-only or busy folder) becomes CannotWrite, whose
text tells the user in Vietnamese what happened and what was kept.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..files import replace_whole, why

try:
    import fcntl
except ImportError:  # Windows: no lock, so concurrent runs there stay unprotected, as before locks
    fcntl = None  # type: ignore[assignment]

# Written into every folder this module fills: only such a folder (or an empty or missing
# one) may be replaced. A mistyped `--out docs` or `--site-dir records` must not wipe
# hand-written pages or the records. MkDocs leaves dot files out of the site.
MARK = ".sinh-tu-dong"


class NotOurs(Exception):
    """The target folder holds files the generator did not write."""


def check_target(target: Path, known: tuple[Path, ...] = ()) -> None:
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


class CannotWrite(Exception):
    """An output folder could not be written; the text says what happened, in Vietnamese."""


# A build holds the site's lock while MkDocs runs, a minute or two for the whole ledger; a run
# holding it longer has hung, and the user is better told than kept waiting.
WAIT_S = 300.0
POLL_S = 0.1
KEPT_PAGES = "các trang đã có ở đó vẫn là bản trước hoặc bản mới trọn vẹn, không trang nào ghi dở"


def _explain(error: OSError, target: Path, kept: str) -> str:
    where = f" ({error.filename})" if error.filename else ""
    # The generator never writes into the records: saying so spares the user a worried check.
    return (f"Không ghi được vào {target}: {why(error)}{where}. Hồ sơ không bị động đến; {kept}. "
            "Khắc phục rồi chạy lại.")


@contextlib.contextmanager
def _lock(target: Path, waiting: Callable[[str], None] | None) -> Iterator[bool]:
    """Hold `target`'s lock: a dot file beside it, since the folder itself gets renamed.
    Yields False where the system has no such lock. The file stays: removing it would let a
    third run lock a new file while the second still holds the old one."""
    if fcntl is None:
        yield False
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(target.parent / f".{target.name}.lock", os.O_RDONLY | os.O_CREAT, 0o644)
    try:
        deadline = None
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:  # another run writes this folder: wait for it, within a bound
                if deadline is None:
                    deadline = time.monotonic() + WAIT_S
                    if waiting:
                        waiting(f"Đang có lần sinh trang khác ghi vào {target}: chờ nó xong "
                                f"(tối đa {WAIT_S:.0f} giây)…")
                elif time.monotonic() > deadline:
                    raise CannotWrite(f"Không ghi vào {target}: đang có lần sinh trang khác ghi vào đó, "
                                      f"đã chờ {WAIT_S:.0f} giây mà chưa xong. Hãy chờ nó kết thúc "
                                      "hoặc dừng nó, rồi chạy lại.") from None
                time.sleep(POLL_S)
        yield True
    finally:
        os.close(descriptor)  # releases the lock, as the end of a killed process does


def _tidy(target: Path, held: bool) -> None:
    """Undo a swap cut between its two renames, then remove the staging and old folders a killed
    run left beside `target`. Only with the lock held: without it they may be a live run's."""
    olds = sorted(target.parent.glob(f".{target.name}.old-*"))
    if not target.exists() and olds:
        os.replace(olds.pop(), target)
    if held:
        for path in [*olds, *target.parent.glob(f".{target.name}.new-*")]:
            shutil.rmtree(path, ignore_errors=True)  # what cannot go now goes at a later run


@contextlib.contextmanager
def owning(target: Path, kept: str = KEPT_PAGES, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Run the block as the only writer of `target`, after clearing what a killed run left.
    An OSError in the block becomes CannotWrite, naming `target` and saying what is `kept`.
    `waiting` gets a message when another run holds the folder and this one waits for it."""
    try:
        with _lock(target, waiting) as held:
            _tidy(target, held)
            yield
    except OSError as error:
        raise CannotWrite(_explain(error, target, kept)) from error


def swap_in(new: Path, target: Path) -> None:
    """Replace the folder `target` by the folder `new` (same file system)."""
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    if not target.exists():
        os.replace(new, target)
        return
    os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        os.replace(old, target)  # the previous tree stays in place
        raise
    shutil.rmtree(old, ignore_errors=True)


def staging_dir(target: Path) -> Path:
    """An empty folder beside `target`, so that the final rename stays on one file system."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))


@dataclass(frozen=True)
class Written:
    """What write_tree changed; false when it changed nothing."""

    written: int = 0  # files created or replaced
    removed: int = 0  # files deleted: no longer produced, or left by an interrupted run

    def __bool__(self) -> bool:
        return bool(self.written or self.removed)


def _scan(folder: str, prefix: str, found: dict[str, tuple[str, int]], emptied: set[str]) -> None:
    """Fill `found` with relative name -> (path, size) for every file under `folder`.
    Symbolic links are listed as files, never followed: removing one removes the link only."""
    with os.scandir(folder) as entries:
        empty = True
        for entry in entries:
            empty = False
            if entry.is_dir(follow_symlinks=False):
                _scan(entry.path, f"{prefix}{entry.name}/", found, emptied)
            else:
                found[prefix + entry.name] = (entry.path, entry.stat(follow_symlinks=False).st_size)
    if empty:
        emptied.add(folder)


def _same(path: str, size: int, data: bytes) -> bool:
    if size != len(data):  # an edit nearly always changes the size: no read needed
        return False
    descriptor = os.open(path, os.O_RDONLY)  # plain system calls: a file object makes three more per file
    try:
        return os.read(descriptor, size + 1) == data
    finally:
        os.close(descriptor)


def _prune(folders: set[str], top: str) -> None:
    """Remove the folders left empty, and their parents left empty, up to `top` excluded."""
    for folder in sorted(folders, key=len, reverse=True):  # a child before its parent
        while folder != top:
            try:
                os.rmdir(folder)
            except OSError:  # not empty (or already gone): its parents are not empty either
                break
            folder = os.path.dirname(folder)


def write_tree(files: dict[str, bytes], target: Path, known: tuple[Path, ...] = (),
               waiting: Callable[[str], None] | None = None) -> Written:
    """Make `target` hold exactly `files` (and the mark), writing only the files that differ.
    NotOurs if `target` holds anything else (see check_target); CannotWrite if the disk refuses."""
    with owning(target, waiting=waiting):
        check_target(target, known)
        if not target.exists() or not any(target.iterdir()):
            return _write_new(files, target)
        return _update(files, target)


def _update(files: dict[str, bytes], target: Path) -> Written:
    top = str(target)
    found: dict[str, tuple[str, int]] = {}
    emptied: set[str] = set()
    _scan(top, "", found, emptied)
    if found.pop(MARK, None) is None:
        # Before any other file: a run killed halfway must not leave a folder the next run
        # refuses as not ours. Written only when missing: a rewrite would wake `mkdocs serve`.
        mark(target)
    return _bring(files, top, found, emptied)


def sync(files: dict[str, bytes], folder: Path) -> Written:
    """Make `folder` (a folder of the built site, which MkDocs' dirty rebuilds keep) hold exactly
    `files`, rewriting only those whose bytes differ. No lock and no mark: MkDocs owns the site."""
    folder.mkdir(parents=True, exist_ok=True)
    found: dict[str, tuple[str, int]] = {}
    emptied: set[str] = set()
    _scan(str(folder), "", found, emptied)
    if not found:  # a first build: no reader to spare a half-written file, no rename needed
        _write_plainly(files, folder)
        return Written(len(files), 0)
    return _bring(files, str(folder), found, emptied)


def _bring(files: dict[str, bytes], top: str, found: dict[str, tuple[str, int]], emptied: set[str]) -> Written:
    """Change what is `found` below `top` into `files`: stale files removed, changed ones rewritten."""
    # Compare everything first, then change in one short burst: `mkdocs serve` looks for
    # changes every half second, and a look in the middle of the changes costs a second rebuild.
    stale = found.keys() - files.keys()
    changed = [name for name, data in files.items() if name not in found or not _same(*found[name], data)]

    # Stale files first: a folder they leave empty may be where a new file of that name goes.
    for name in stale:
        path = found[name][0]
        os.unlink(path)
        emptied.add(os.path.dirname(path))
    _prune(emptied, top)
    folders = {top}  # known to exist: one mkdir per new folder, not per file
    for name in changed:
        path = os.path.join(top, name)
        parent = os.path.dirname(path)
        if name not in found and parent not in folders:
            os.makedirs(parent, exist_ok=True)
            folders.add(parent)
        replace_whole(path, files[name])
    return Written(len(changed), len(stale))


def _write_new(files: dict[str, bytes], target: Path) -> Written:
    """A first generation: every file written plainly into a folder beside the target, which
    is then renamed into place whole. A rename per file would cost four times as long."""
    staging = staging_dir(target)
    try:
        mark(staging)
        _write_plainly(files, staging)
        swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Written(len(files), 0)


def _write_plainly(files: dict[str, bytes], folder: Path) -> None:
    """Every file written into `folder`, which exists and holds none of them."""
    top = str(folder)
    folders = {top}  # made already: one mkdir per folder, not per file
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    for relative, data in files.items():
        path = os.path.join(top, relative)
        parent = os.path.dirname(path)
        if parent not in folders:
            os.makedirs(parent, exist_ok=True)
            folders.add(parent)
        # Plain system calls: tens of thousands of files, and a file object makes two more per file.
        descriptor = os.open(path, flags, 0o666)  # less the umask, as open() makes it
        try:
            written = os.write(descriptor, data)
            while written < len(data):  # a write may take less than asked (a signal, a full pipe)
                written += os.write(descriptor, memoryview(data)[written:])
        finally:
            os.close(descriptor)
