"""Where records live: one folder per record type, one record per `.yaml` file."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .catalogue import severity
from .diagnostics import Diagnostic, field_path
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
    def data(self) -> dict:
        return self.doc.data

    @property
    def file(self) -> str:
        return self.doc.file

    def diagnostic(self, path, code: str, message: str) -> Diagnostic:
        line, col = self.doc.position(path)
        return Diagnostic(self.file, line, col, severity(code), code, field_path(path), message)


@dataclass(frozen=True)
class RecordFile:
    path: str  # absolute path on disk
    file: str  # as shown to people: relative to the working directory
    type: str | None  # None when the folder is not a record folder
    id: str  # the file name without .yaml
    folder_parts: tuple  # sub-folders below the type folder (activities/YYYY)

    @property
    def is_yaml(self) -> bool:
        return self.path.endswith(".yaml")


def display_path(path) -> str:
    try:
        return os.path.relpath(path).replace(os.sep, "/")
    except ValueError:
        return str(path)


def find_records_root(path: Path) -> Path:
    """The `records/` folder that holds `path` (or `path` itself)."""
    path = path.resolve()
    for candidate in (path, *path.parents):
        is_records = candidate.name == "records" or any((candidate / f).is_dir() for f in RECORD_TYPES)
        if is_records and candidate.is_dir():
            return candidate
    return path if path.is_dir() else path.parent


def discover(root: Path) -> list[RecordFile]:
    """Every file below `root`, in a stable order; non-YAML files are listed too
    so that the validator can say why they are not records."""
    root_path = str(Path(root).resolve())
    root_shown = display_path(root_path)
    found = []
    for dirpath, dirnames, filenames in os.walk(root_path):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        relative = os.path.relpath(dirpath, root_path)
        parts = () if relative == "." else tuple(relative.split(os.sep))
        record_type = RECORD_TYPES.get(parts[0]) if parts else None
        for name in sorted(filenames):
            if (name.startswith(".") and not name.endswith((".yaml", ".yml"))) or name in IGNORED_NAMES:
                continue  # a hidden record (".x.yaml") is listed: skipping it would lose it silently
            stem = name[: -len(".yaml")] if name.endswith(".yaml") else name
            shown = "/".join((root_shown, *parts, name))
            found.append(RecordFile(os.path.join(dirpath, name), shown, record_type, stem, parts[1:]))
    return found
