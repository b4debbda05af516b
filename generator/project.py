"""Which ledger a command works on: found from where it runs, as git and mkdocs do.

A project is a folder holding `mkdocs.yml` and `records/`. The tool never looks beside
its own code: a second clone, a `git worktree` or an installed copy each work on the
checkout they are run in, or on the one named by `--project` or KETNGHIA_PROJECT.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ENV = "KETNGHIA_PROJECT"
CONFIG_NAME = "mkdocs.yml"
RECORDS_NAME = "records"


class NoProject(Exception):
    """No project here; the message says, in Vietnamese, what to do."""


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def config(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def records(self) -> Path:
        return self.root / RECORDS_NAME

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def generated(self) -> Path:
        """The folder MkDocs builds (mkdocs.yml `docs_dir`, git-ignored): the generated pages and
        downloads at their final paths, and a copy of the hand-written pages of `docs`."""
        return self.root / "build" / "docs"

    @property
    def retired(self) -> Path:
        """Where the generated pages went before they were written at their final paths: removed
        once it is seen, if marked as the generator's (a builder would publish it under /generated/)."""
        return self.docs / "generated"

    @property
    def site(self) -> Path:
        return self.root / "site"


def is_project(folder: Path) -> bool:
    return (folder / CONFIG_NAME).is_file() and (folder / RECORDS_NAME).is_dir()


def find_project(explicit: Path | str | None = None, start: Path | None = None,
                 environ: Mapping[str, str] = os.environ) -> Project:
    """The project named by `explicit` or $KETNGHIA_PROJECT, else the nearest folder at or
    above `start` (the working directory) that holds mkdocs.yml and records/."""
    named = explicit or environ.get(PROJECT_ENV)
    if named:
        folder = Path(named).expanduser()
        if is_project(folder):
            return Project(folder.resolve())
        raise NoProject(f"'{named}' không phải thư mục dự án sổ kết nghĩa: thư mục đó cần có "
                        f"{CONFIG_NAME} và thư mục {RECORDS_NAME}/. Hãy kiểm tra đường dẫn "
                        f"(--project hoặc biến môi trường {PROJECT_ENV}).")
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project(folder):
            return Project(folder)
    raise NoProject(f"Không tìm thấy dự án sổ kết nghĩa ở thư mục {here} hay các thư mục cha của nó "
                    f"(cần một thư mục có {CONFIG_NAME} và {RECORDS_NAME}/). Hãy chuyển vào thư mục "
                    "bản sao kho dữ liệu (cd …), hoặc chỉ rõ bằng --project THƯ_MỤC.")
