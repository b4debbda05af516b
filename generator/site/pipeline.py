"""Validate, render, write: the steps shared by the command line and the MkDocs hook."""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..validate import validate_tree
from .render import render_site
from .writer import Written, write_tree

PROJECT = Path(__file__).resolve().parent.parent.parent
RECORDS = PROJECT / "records"
GENERATED = PROJECT / "docs" / "generated"
# Tells the MkDocs hook which records to regenerate from while serving.
RECORDS_ENV = "KETNGHIA_RECORDS"


@dataclass
class Outcome:
    errors: list  # Diagnostics with severity error: nothing was written
    written: bool  # False when the output already held exactly these files
    files: int
    seconds: dict = field(default_factory=dict)  # step -> wall-clock seconds, for the summary line
    checked: int = 0  # record files validated
    changes: Written = Written()  # how many files were rewritten and removed


def generate(records: Path = RECORDS, out: Path = GENERATED, today: datetime.date | None = None) -> Outcome:
    """Validate `records`; if no error, write the generated pages and downloads into `out`."""
    clock = time.perf_counter()
    result = validate_tree(records, today or datetime.date.today())
    seconds = {"validate": time.perf_counter() - clock}
    if result.errors:
        return Outcome(sorted(result.errors), False, 0, seconds, len(result.files))
    clock = time.perf_counter()
    files = render_site(result, records)
    seconds["render"] = time.perf_counter() - clock
    clock = time.perf_counter()
    changes = write_tree(files, out, known=(GENERATED,))
    seconds["write"] = time.perf_counter() - clock
    return Outcome([], bool(changes), len(files), seconds, len(result.files), changes)
