"""Validate, render, write: the steps shared by the command line and the MkDocs plugin.
What is written is the folder MkDocs builds (site/docs_folder.py): the rendered files, a copy of
the hand-written pages and the search index of both.

It stands above both wings: the site's pages and downloads (generator/site/) and the import's
workbooks (generator/intake/workbooks.py) are rendered from one model (generator/view/)."""

from __future__ import annotations

import contextlib
import datetime
import gc
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from . import i18n
from .diagnostics import Diagnostic
from .intake import workbooks
from .site import docs_folder, hand_pages, render
from .site.render import Sink
from .site.writer import Written, writing
from .validate import Reuse, validate_tree
from .view.context import Context
from .view.model import Site, build_site

# Tells the MkDocs plugin which records to regenerate from while serving.
RECORDS_ENV = "KETNGHIA_RECORDS"
T = TypeVar("T")


@dataclass
class Outcome:
    errors: list[Diagnostic]  # severity error: nothing was written
    written: bool  # False when the output already held exactly these files
    files: int
    seconds: dict[str, float] = field(default_factory=dict)  # step -> wall-clock seconds, for the summary line
    checked: int = 0  # record files validated
    changes: Written = Written()  # how many files were rewritten and removed


def generate(records: Path, out: Path, context: Context, today: datetime.date | None = None,
             known: tuple[Path, ...] = (), waiting: Callable[[str], None] | None = None,
             reuse: Reuse | None = None, docs: Path | None = None, read: docs_folder.Read | None = None) -> Outcome:
    """Validate `records`; if no error, write into `out` the generated pages and downloads,
    rendered for the project `context` describes (generator/view/config.py reads it), the
    hand-written pages of `docs` (if given) and the search index of both.
    `known`: output folders of the project, which may be replaced even unmarked.
    `waiting`: told when another run is writing `out` and this one waits (see writer.owning).
    `reuse`: what the files said at the last run, for those whose bytes are the same (serve);
    `read`: alike, what the pages said to the search index."""
    clock = time.perf_counter()
    result = validate_tree(records, today or datetime.date.today(), reuse=reuse)
    seconds = {"validate": time.perf_counter() - clock}
    if result.errors:
        return Outcome(sorted(result.errors), False, 0, seconds, len(result.files))
    hand = hand_pages.read(docs) if docs else {}  # a link under docs/ refused before anything is written
    clock = time.perf_counter()
    checked, site = len(result.files), site_of(result, context)
    # The site holds the records' data; what validation kept beside it (each file's path, document
    # and positions: some 900 bytes a record, by their objects' sizes) goes before the render forks.
    del result
    with writing(out, known=known, waiting=waiting) as tree:
        # Each share of the render writes its own files as it makes them (site/render.py).
        made = render_shares(site, context, lambda: docs_folder.writing_share(tree, hand, docs, read))
        seconds["render"] = time.perf_counter() - clock
        clock = time.perf_counter()
        changes, files = docs_folder.finish(tree, made, hand, docs, read)
        seconds["index"] = time.perf_counter() - clock
        clock = time.perf_counter()
    seconds["write"] = time.perf_counter() - clock  # the old files removed, or the new folder swapped in
    return Outcome([], bool(changes), files, seconds, checked, changes)


@contextlib.contextmanager
def rendering(context: Context) -> Iterator[None]:
    """What a render runs in: the context's language, and no cycle collection."""
    # Rendering makes hundreds of thousands of short strings and no reference cycles; the
    # cycle collector would only walk the whole validated ledger again and again (~15%).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with i18n.speaking(context.language):
            yield
    finally:
        if collecting:
            gc.enable()


def site_of(result, context: Context) -> Site:
    """The site model of a validation result, made in the context's language."""
    with rendering(context):
        return build_site(result, context)


def render_shares(site: Site, context: Context, open_sink: Callable[[], Sink[T]]) -> list[T]:
    """render_site, each share of the work putting its files into a sink of its own
    (site/render.py), the import's workbooks among them."""
    with rendering(context):
        return render.render_shares(site, open_sink, extra=workbooks.each_file)


def render_site(result, context: Context) -> dict[str, bytes]:
    """Every generated file, by its path below the generated folder, as bytes: a function of the
    validated records and `context` alone. It reads none of the project's files (mkdocs.yml,
    .git: the context holds what they say) and leaves no global changed: the site's words are
    in the context's language for the render only."""
    with rendering(context):
        return render.render_files(build_site(result, context), extra=workbooks.files)
