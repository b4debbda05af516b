"""Where records live: one folder per record type, one record per `.yaml` file."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalogue import severity
from .diagnostics import Diagnostic, FieldPath, field_path
from .loader import Document
from .registry import BY_FOLDER

# folder -> record type name (generator/registry.py declares both)
RECORD_TYPES = {folder: record_type.name for folder, record_type in BY_FOLDER.items()}

IGNORED_NAMES = {"README.md", ".gitkeep"}


@dataclass
class Record:
    """A loaded record: its type, id (the file name) and document."""

    type: str
    id: str
    doc: Document

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data

    @property
    def file(self) -> str:
        return self.doc.file

    def diagnostic(self, path: FieldPath, code: str, message: str) -> Diagnostic:
        line, col = self.doc.position(path)
        return Diagnostic(self.file, line, col, severity(code), code, field_path(path), message)


@dataclass(frozen=True)
class RecordFile:
    path: str  # absolute path on disk
    file: str  # as shown to people: relative to the working directory
    type: str | None  # None when the folder is not a record folder
    id: str  # the file name without .yaml
    folder_parts: tuple[str, ...]  # sub-folders below the type folder (activities/YYYY)
    problem: tuple[str, str] | None = None  # (code, message) when the file or folder is refused unread

    @property
    def is_yaml(self) -> bool:
        return self.path.endswith(".yaml")


def display_path(path) -> str:
    try:
        return os.path.relpath(path).replace(os.sep, "/")
    except ValueError:
        return str(path)


def records_root_of(path: Path) -> Path | None:
    """The `records/` folder that holds `path` (or `path` itself), None if none does. A
    file's own name is kept unresolved: a link is looked for where it stands, not where it points."""
    path = path.resolve() if path.is_dir() else path.parent.resolve() / path.name
    for candidate in (path, *path.parents):
        is_records = candidate.name == "records" or any((candidate / f).is_dir() for f in RECORD_TYPES)
        if is_records and candidate.is_dir():
            return candidate
    return None


def find_records_root(path: Path) -> Path:
    """records_root_of(path), or the folder of `path` itself when no records folder holds it."""
    root = records_root_of(path)
    if root is not None:
        return root
    return path.resolve() if path.is_dir() else path.parent.resolve()


def discover(root: Path) -> list[RecordFile]:
    """Every file below `root`, in a stable order; non-YAML files are listed too
    so that the validator can say why they are not records. A folder that cannot be
    walked and a link that leaves the tree are listed with their problem: skipping
    them would drop records silently, reading them would publish what is not a record."""
    root_path = str(Path(root).resolve())
    root_shown = display_path(root_path)
    found = []

    def listed(path: str, parts: tuple[str, ...], name: str, problem: tuple[str, str] | None = None) -> None:
        stem = name[: -len(".yaml")] if name.endswith(".yaml") else name
        shown = "/".join((root_shown, *parts, name))
        record_type = RECORD_TYPES.get(parts[0]) if parts else None
        found.append(RecordFile(path, shown, record_type, stem, parts[1:], problem))

    def unreadable(error: OSError) -> None:
        relative = os.path.relpath(error.filename, root_path)
        parts = () if relative == "." else tuple(relative.split(os.sep))
        reason = os.strerror(error.errno) if error.errno else type(error).__name__
        listed(error.filename, parts[:-1], parts[-1] if parts else ".", ("FOLDER_UNREADABLE",
               f"không đọc được thư mục ({reason}): các hồ sơ trong đó chưa được kiểm tra; hãy sửa quyền đọc"))

    for dirpath, dirnames, filenames in os.walk(root_path, onerror=unreadable):
        relative = os.path.relpath(dirpath, root_path)
        parts = () if relative == "." else tuple(relative.split(os.sep))
        for name in sorted(dirnames):
            if os.path.islink(os.path.join(dirpath, name)):  # os.walk does not enter it
                listed(os.path.join(dirpath, name), parts, name, ("FILE_LINK",
                       "thư mục là một liên kết (symlink): các hồ sơ trong đó không được đọc; "
                       "hãy thay liên kết bằng thư mục thật chứa các tệp"))
        dirnames[:] = sorted(d for d in dirnames if not os.path.islink(os.path.join(dirpath, d)))
        for name in sorted(filenames):
            if (name.startswith(".") and not name.endswith((".yaml", ".yml"))) or name in IGNORED_NAMES:
                continue  # a hidden record (".x.yaml") is listed: skipping it would lose it silently
            path = os.path.join(dirpath, name)
            problem = None
            if os.path.islink(path) and not _inside(os.path.realpath(path), root_path):
                problem = ("FILE_LINK", "tệp là một liên kết (symlink) trỏ ra ngoài thư mục hồ sơ, nên không được đọc: "
                           "hãy thay bằng một tệp thật")
            listed(path, parts, name, problem)
    return found


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
