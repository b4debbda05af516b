"""The hand-written pages (docs/), copied beside the generated ones into the folder MkDocs builds.

MkDocs, ProperDocs and Zensical build one folder (mkdocs.yml `docs_dir`) and serve each page at
its path there. The generator writes that folder (build/docs/, git-ignored) whole: the generated
pages at their final paths (dia-ban/…/index.md is /dia-ban/…/) and a copy of every hand-written
file of docs/. So no builder needs a plugin to move pages, the writer stays the only owner of the
folder it replaces (writer.py: it refuses a folder it did not make, and removes what it no longer
makes), and docs/ holds only what people write: a hand-written page may even sit in a folder of
generated pages (docs/en/ beside the generated English pages), and a hand-written file at a
generated page's path is refused, never overwritten.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..view.formats import megabytes, number
from .writer import MARK, NotOurs

# A hand-written file is held whole while the folder is written: a page, a script, a picture.
# Past this it is no page for a phone on a weak connection, and a pull request could hold a
# file of any size: it is refused, by name, before anything is written.
MAX_HAND_BYTES = 10_000_000


class Clash(NotOurs):
    """A hand-written file has the path of a generated one; the text says which, in Vietnamese."""


class Linked(NotOurs):
    """A link under docs/: what it points at (a file outside the project, say) would be published."""


class TooLarge(NotOurs):
    """A file under docs/ larger than MAX_HAND_BYTES."""


def read(docs: Path) -> dict[str, bytes]:
    """Every file below `docs`, by its path there; dot files (editors' and the builders' own)
    and folders the generator made (marked) left out. Linked if a file or folder is a link,
    TooLarge if a file is larger than MAX_HAND_BYTES (nothing of it read)."""
    if not docs.is_dir():
        return {}
    found: dict[str, bytes] = {}
    generated = [mark.parent for mark in docs.rglob(MARK)]  # docs/generated/ of the layout before
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs)
        hidden = any(part.startswith(".") for part in relative.parts)
        if path.is_symlink() and not hidden:  # a link in a pull request could copy any file of the machine into the site
            raise Linked(f"{docs / relative} là một liên kết (symlink), không phải tệp viết tay: "
                         "hãy thay liên kết bằng chính tệp hoặc thư mục đó trong docs/")
        if path.is_file() and not hidden and not any(folder in path.parents for folder in generated):
            found[relative.as_posix()] = _bounded(path, docs / relative)
    return found


def _bounded(path: Path, shown: Path) -> bytes:
    """The file's bytes, TooLarge past MAX_HAND_BYTES: its size said first, and the read bounded
    too, for a file that grows between the two."""
    size = path.stat().st_size
    if size <= MAX_HAND_BYTES:
        with path.open("rb") as file:
            data = file.read(MAX_HAND_BYTES + 1)
            if len(data) <= MAX_HAND_BYTES:
                return data
            size = max(os.fstat(file.fileno()).st_size, len(data))
    raise TooLarge(f"{shown} nặng {number(size)} byte, quá giới hạn {megabytes(MAX_HAND_BYTES)} "
                   "của một tệp viết tay: hãy thu nhỏ tệp (ảnh nén lại, tài liệu dài để ở nơi khác và dẫn liên kết)")


def clash(docs: Path, path: str) -> Clash:
    """The refusal of the hand-written file `path` of `docs`, at the path of a generated one."""
    return Clash(f"tệp {docs / path} trùng đường dẫn với một trang do trình sinh trang tạo ra: "
                 "hãy đổi tên hoặc chuyển tệp viết tay đó sang chỗ khác")
