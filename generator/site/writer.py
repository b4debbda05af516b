"""Putting a generated tree on disk, touching only the files whose bytes changed.

`write_tree` compares each file with what is already there (size first, then bytes) and
rewrites only those that differ, each through a temporary file renamed over it: a reader
(MkDocs, a browser) sees either the old file or the new one, never half of one, and an
interrupted run leaves whole files that the next run brings up to date. Files no longer
produced are removed. Writing nothing when nothing changed is what keeps `mkdocs serve`
from rebuilding forever; writing only what changed keeps one edit to a handful of files.

The files need not be held together: `writing` yields a Tree, and each process rendering a share
of the site puts its files through a Share of its own as it makes them (site/render.py), so that
no process holds the whole output and the writing is spread over the cores.
A large file may come in parts (files.Parts: the open data's tables), each written, or compared
with the file already there, as it comes: such a file is held whole only when it changed.

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
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..files import Data, Parts, replace_whole, why, write_all

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


_OWN_FILE = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def _own_file(path: str) -> int | None:
    """An open descriptor of `path` if it is a regular file of the folder, not a link (which
    could lead out of it) nor a pipe (whose read could block): only such a file is compared."""
    try:
        descriptor = os.open(path, _OWN_FILE)
    except OSError:
        return None
    try:
        if stat.S_ISREG(os.fstat(descriptor).st_mode):
            return descriptor
    except OSError:
        pass
    os.close(descriptor)
    return None


def _same(path: str, size: int, data: bytes) -> bool:
    if size != len(data):  # an edit nearly always changes the size: no read needed
        return False
    descriptor = _own_file(path)  # plain system calls: a file object makes three more per file
    if descriptor is None:
        return False
    try:
        return os.read(descriptor, size + 1) == data
    finally:
        os.close(descriptor)


def _changed(path: str, parts: Parts) -> list[bytes] | None:
    """None when the file at `path` holds exactly `parts`; otherwise all of them, to write. The
    parts are compared as they come and not kept: those that match are what the file already
    has, read back from it only if a later part differs."""
    matched = 0
    parts_left = iter(parts)
    descriptor = _own_file(path)
    if descriptor is None:
        return list(parts_left)
    with os.fdopen(descriptor, "rb") as there:
        for part in parts_left:
            if there.read(len(part)) != part:
                there.seek(0)
                return [there.read(matched), part, *parts_left]
            matched += len(part)
        if not there.read(1):
            return None
        there.seek(0)  # the new file is the start of the old one
        return [there.read(matched)]


def _prune(folders: set[str], top: str) -> None:
    """Remove the folders left empty, and their parents left empty, up to `top` excluded."""
    for folder in sorted(folders, key=len, reverse=True):  # a child before its parent
        while folder != top:
            try:
                os.rmdir(folder)
            except OSError:  # not empty (or already gone): its parents are not empty either
                break
            folder = os.path.dirname(folder)


# An update keeps a share's changed files until the share ends, then writes them in one short
# burst: `mkdocs serve` looks for changes every half second, and a look in the middle of the
# changes costs a second rebuild. Past this many bytes it writes what it holds, so that no
# process ever holds a whole site's changes (a new look changes every page).
HELD_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Part:
    """What one share of a Tree put: small, so that a child hands it back cheaply."""

    count: int  # files put
    written: int  # files created or replaced
    kept: frozenset[str] = frozenset()  # files put that were there before: the others there are stale


class Share:
    """One process's part of a Tree: each file `put` as soon as it is made, nothing else kept
    but what an update holds for its burst (HELD_BYTES at most)."""

    def __init__(self, top: str, found: dict[str, tuple[str, int]] | None) -> None:
        self.top = top
        self.found = found  # None: a folder being filled, with nothing to compare with and no reader yet
        self.count = self.written = self.held_bytes = 0
        self.kept: set[str] = set()
        self.held: list[tuple[str, bytes | list[bytes]]] = []
        self.folders = {top}  # known to exist: one mkdir per new folder, not per file

    def put(self, name: str, data: Data) -> None:
        self.count += 1
        if self.found is None:
            _write_plainly(self.top, name, data, self.folders)
            self.written += 1
            return
        there = self.found.get(name)
        if there is not None:
            self.kept.add(name)
        changed: bytes | list[bytes] | None
        if isinstance(data, Parts):
            changed = list(data) if there is None else _changed(there[0], data)
        else:
            changed = None if there is not None and _same(*there, data) else data
        if changed is None:
            return
        self.held.append((name, changed))
        self.held_bytes += len(changed) if isinstance(changed, bytes) else sum(map(len, changed))
        if self.held_bytes > HELD_BYTES:
            self.flush()

    def flush(self) -> None:
        found = self.found or {}
        for name, data in self.held:
            _replace(self.top, name, data, name in found, self.folders)
            self.written += 1
        self.held, self.held_bytes = [], 0

    def part(self) -> Part:
        return Part(self.count, self.written + len(self.held), frozenset(self.kept))


class Tree:
    """A folder being made to hold exactly the files put through its shares (see `writing`).
    Each process doing a share of the work writes its own files, through a share of its own."""

    def __init__(self, top: str, found: dict[str, tuple[str, int]] | None, emptied: set[str] | None = None) -> None:
        self.top, self.found, self.emptied = top, found, emptied or set()
        self.pid = os.getpid()
        self.here: list[Share] = []  # this process's shares: their changes wait for `end`

    def share(self) -> Share:
        share = Share(self.top, self.found)
        if os.getpid() == self.pid:
            self.here.append(share)
        return share

    def done(self, share: Share) -> Part:
        """`share` has put all its files. A forked child writes the changes it holds now: it
        cannot hand them over without copying them; this process's wait for `end`."""
        if os.getpid() != self.pid:
            share.flush()
        return share.part()

    def end(self, parts: list[Part]) -> Written:
        """Every share done (`parts` from all of them): stale files removed, then this
        process's held changes written in one burst."""
        if self.found is None:
            return Written(sum(part.written for part in parts), 0)
        stale = self.found.keys() - frozenset().union(*(part.kept for part in parts))
        # Stale files first: a folder they leave empty may be where a new file of that name goes.
        for name in stale:
            path = self.found[name][0]
            # Gone already, or a folder now, or its folder a file: a share that wrote before this
            # end (a forked child, or one past HELD_BYTES) cleared the way (_clear_way, _replace).
            with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                if os.path.islink(path) or not os.path.isdir(path):
                    os.unlink(path)
            self.emptied.add(os.path.dirname(path))
        _prune(self.emptied, self.top)
        for share in self.here:
            share.flush()
        return Written(sum(part.written for part in parts), len(stale))


@contextlib.contextmanager
def writing(target: Path, known: tuple[Path, ...] = (), waiting: Callable[[str], None] | None = None) -> Iterator[Tree]:
    """Make `target` hold exactly the files put through the yielded Tree's shares (and the mark),
    ended by Tree.end. A new or empty `target` is filled in a folder beside it, renamed into place
    whole at the end (a rename per file would cost four times as long; an error leaves `target`
    as it was); otherwise only the files that differ are rewritten, and those no longer put
    removed. NotOurs if `target` holds anything else (see check_target); CannotWrite if the disk
    refuses."""
    with owning(target, waiting=waiting):
        check_target(target, known)
        if target.exists() and any(target.iterdir()):
            yield _updating(target)
            return
        staging = staging_dir(target)
        try:
            mark(staging)
            yield Tree(str(staging), None)
            swap_in(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise


def write_tree(files: dict[str, bytes], target: Path, known: tuple[Path, ...] = (),
               waiting: Callable[[str], None] | None = None) -> Written:
    """Make `target` hold exactly `files` (and the mark), writing only the files that differ:
    `writing` with a single share."""
    with writing(target, known, waiting) as tree:
        return _put_all(tree, files)


def _put_all(tree: Tree, files: dict[str, bytes]) -> Written:
    share = tree.share()
    for name, data in files.items():
        share.put(name, data)
    return tree.end([tree.done(share)])


def _updating(target: Path) -> Tree:
    top = str(target)
    found: dict[str, tuple[str, int]] = {}
    emptied: set[str] = set()
    _scan(top, "", found, emptied)
    if found.pop(MARK, None) is None:
        # Before any other file: a run killed halfway must not leave a folder the next run
        # refuses as not ours. Written only when missing: a rewrite would wake `mkdocs serve`.
        mark(target)
    return Tree(top, found, emptied)


def sync(files: dict[str, bytes], folder: Path) -> Written:
    """Make `folder` (a folder of the built site, which MkDocs' dirty rebuilds keep) hold exactly
    `files`, rewriting only those whose bytes differ. No lock and no mark: MkDocs owns the site."""
    folder.mkdir(parents=True, exist_ok=True)
    found: dict[str, tuple[str, int]] = {}
    emptied: set[str] = set()
    _scan(str(folder), "", found, emptied)
    # A first build (nothing found): no reader to spare a half-written file, no rename needed.
    return _put_all(Tree(str(folder), found or None, emptied), files)


def _replace(top: str, name: str, data: bytes | list[bytes], existed: bool, folders: set[str]) -> None:
    """`name` below `top` rewritten whole through a rename."""
    path = os.path.join(top, name)
    parent = os.path.dirname(path)
    if not existed and parent not in folders:
        _unlink_on_the_way(top, name)
        try:
            os.makedirs(parent, exist_ok=True)
        except (FileExistsError, NotADirectoryError):  # a stale file where this file's folder goes
            _clear_way(top, name)
            os.makedirs(parent, exist_ok=True)
        folders.add(parent)
    try:
        replace_whole(path, data)
    except IsADirectoryError:  # a folder of stale files where this file goes
        shutil.rmtree(path)
        replace_whole(path, data)


def _unlink_on_the_way(top: str, name: str) -> None:
    """Remove a link standing for a folder of `name`'s path: the scan lists it as a stale file,
    and makedirs would go through it and write the file outside `top`. Once per new folder."""
    path = top
    for part in name.split("/")[:-1]:
        path = os.path.join(path, part)
        if os.path.islink(path):
            os.unlink(path)
            return


def _clear_way(top: str, name: str) -> None:
    """Remove the file standing where a folder of `name`'s path goes: a stale file (a file and a
    folder of one name are never both put), which another process removes later otherwise."""
    parts = name.split("/")[:-1]
    for depth in range(1, len(parts) + 1):
        path = os.path.join(top, *parts[:depth])
        if os.path.lexists(path) and not os.path.isdir(path):
            os.unlink(path)
            return


_PLAIN_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


def _write_plainly(top: str, name: str, data: Data, folders: set[str]) -> None:
    """`name` written into `top`, which holds no such file yet."""
    path = os.path.join(top, name)
    parent = os.path.dirname(path)
    if parent not in folders:
        os.makedirs(parent, exist_ok=True)
        folders.add(parent)
    # Plain system calls: tens of thousands of files, and a file object makes two more per file.
    descriptor = os.open(path, _PLAIN_FLAGS, 0o666)  # less the umask, as open() makes it
    try:
        write_all(descriptor, data)
    finally:
        os.close(descriptor)

