"""Validate, render, write: the steps shared by the command line and the MkDocs plugin.

It stands above both wings: the site's pages and downloads (generator/site/) and the import's
workbooks (generator/intake/workbooks.py) are rendered from one model (generator/view/)."""

from __future__ import annotations

import datetime
import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import i18n
from .diagnostics import Diagnostic
from .intake import workbooks
from .site.render import render_files
from .site.writer import Written, write_tree
from .validate import Reuse, validate_tree
from .view.context import Context
from .view.model import build_site

# Tells the MkDocs plugin which records to regenerate from while serving.
RECORDS_ENV = "KETNGHIA_RECORDS"


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
             reuse: Reuse | None = None) -> Outcome:
    """Validate `records`; if no error, write the generated pages and downloads into `out`,
    rendered for the project `context` describes (generator/view/config.py reads it).
    `known`: output folders of the project, which may be replaced even unmarked.
    `waiting`: told when another run is writing `out` and this one waits (see writer.owning).
    `reuse`: what the files said at the last run, for those whose bytes are the same (serve)."""
    clock = time.perf_counter()
    result = validate_tree(records, today or datetime.date.today(), reuse=reuse)
    seconds = {"validate": time.perf_counter() - clock}
    if result.errors:
        return Outcome(sorted(result.errors), False, 0, seconds, len(result.files))
    clock = time.perf_counter()
    files = render_site(result, context)
    seconds["render"] = time.perf_counter() - clock
    clock = time.perf_counter()
    changes = write_tree(files, out, known=known, waiting=waiting)
    seconds["write"] = time.perf_counter() - clock
    return Outcome([], bool(changes), len(files), seconds, len(result.files), changes)


def render_site(result, context: Context) -> dict[str, bytes]:
    """Every generated file, by its path below the generated folder, as bytes: a function of the
    validated records and `context` alone. It reads none of the project's files (mkdocs.yml,
    .git: the context holds what they say) and leaves no global changed: the site's words are
    in the context's language for the render only."""
    # Rendering makes hundreds of thousands of short strings and no reference cycles; the
    # cycle collector would only walk the whole validated ledger again and again (~15%).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with i18n.speaking(context.language):
            return render_files(build_site(result, context), extra=workbooks.files)
    finally:
        if collecting:
            gc.enable()
