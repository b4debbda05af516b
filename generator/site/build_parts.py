"""The site built by several MkDocs runs at once, one per core, and their folders merged.

MkDocs builds page after page in one process: Python-Markdown (a third of a build) and the
theme's templates (a half) run on one core while the other waits. `ketnghia build` runs one
`mkdocs build` per core instead, each a "part" (ENV = "k/n"), and the plugin
(mkdocs_plugin.py) has part k read, render and write only its own share of the pages (the
part that puts the static files in place gets fewer). A page's HTML depends on its own
source, the nav and the list of files, which every part has; the pages of the nav (a few
dozen, whose titles the nav shows) are read in every part, and written by their own. The static files are put in place by the
last part alone (the generated ones linked, not copied: `link`), and the theme's pages (404,
sitemap), which every part makes alike, kept once.
The merged folder holds the same files, byte for byte, as one run's (tests/test_site_mkdocs.py).

MkDocs checks a Markdown link to an anchor where it has rendered the page linked to: the
hand-written pages, the only ones with Markdown links (the generated pages' links are HTML,
which MkDocs checks in no build; the tests check every link and anchor of the built site), are
read in every part too, so that a build in parts fails where one run fails.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass

from .. import parallel

ENV = "KETNGHIA_PART"  # "k/n": this MkDocs run builds part k of n (`ketnghia build` sets it)
MAX_PARTS = 4  # past this, each part's own start (MkDocs, the theme, the list of files) outweighs its share
# Linking this many static files takes about as long as reading, rendering and writing a page:
# the part that puts them in place gets fewer pages (on the province-scale benchmark, 24,000
# files and 2,900 pages, two parts then end within 0.4 s of each other; with 60, 2 s apart).
FILES_PER_PAGE = 300


@dataclass(frozen=True)
class Part:
    number: int  # 0 … count - 1
    count: int

    def __str__(self) -> str:
        return f"{self.number}/{self.count}"

    @property
    def copies_static(self) -> bool:
        return self.number == self.count - 1

    def own(self, pages: Iterable[str], static_files: int = 0) -> set[str]:
        """The pages (source paths) this part writes: each page in turn, in the order of their
        paths, to the part with the least work so far, the copy of `static_files` counted. Every
        part, given the same files, shares them out alike."""
        work = [0.0] * self.count
        work[-1] = static_files / FILES_PER_PAGE  # the last part copies them (copies_static)
        mine = set()
        for page in sorted(pages):
            least = min(range(self.count), key=work.__getitem__)
            work[least] += 1
            if least == self.number:
                mine.add(page)
        return mine


def of_environment(value: str | None) -> Part | None:
    """The part ENV names; None when it names none, or the only one. ValueError if it is not k/n."""
    if not value:
        return None
    number, slash, count = value.partition("/")
    try:
        part = Part(int(number), int(count))
    except ValueError:
        part = None
    if not slash or part is None or not 0 <= part.number < part.count:
        raise ValueError(f"{ENV}={value!r}: cần dạng k/n, 0 ≤ k < n (phần k trong n phần của lần dựng trang)")
    return part if part.count > 1 else None


def parts_for(builds: int) -> int:
    """How many parts each of `builds` MkDocs builds run at once should be cut into: the cores shared."""
    return max(1, min(MAX_PARTS, parallel.cores() // max(1, builds)))


def merge(part: str, into: str) -> None:
    """Every file of the folder `part` moved into `into`: a folder `into` lacks moves whole, in
    one rename; a file `into` has already (a theme page every part makes alike) stays as it is."""
    with os.scandir(part) as entries:
        for entry in entries:
            target = os.path.join(into, entry.name)
            if not os.path.lexists(target):
                os.rename(entry.path, target)
            elif entry.is_dir(follow_symlinks=False) and os.path.isdir(target):
                merge(entry.path, target)


def link(source: str, target: str, folders: set[str]) -> None:
    """The generated file `source` given the second name `target` in the site (its folder made
    unless in `folders`, the folders known to exist): no bytes copied. The generator never
    writes a file in place (site/writer.py, files.replace_whole: a new file renamed over the
    old), nor does anything after the build, so the site keeps the bytes it was built with.
    Copied where the disk cannot link (another disk, a file system without links)."""
    folder = os.path.dirname(target)
    if folder not in folders:
        os.makedirs(folder, exist_ok=True)
        folders.add(folder)
    try:
        os.link(source, target)
    except FileExistsError:
        os.unlink(target)
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
