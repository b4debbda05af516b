"""Test support: record trees built from the real reference data plus test records.

Invented records live only in tests/cases/; the real vocabularies, localities and
documents are copied from records/ so the rules are tested against them.
"""
from __future__ import annotations

import datetime
import shutil
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
REFERENCE_FOLDERS = ("vocabularies", "localities", "documents", "programmes")
# The organizations the shipped programmes name (their coordinators).
REFERENCE_ORGANIZATIONS = ("ban-dan-toc-tinh",)
TODAY = datetime.date(2026, 11, 26)


def build_tree(target: Path, *overlays: Path) -> Path:
    """records/ = real reference data + tests/cases/base + each overlay's records/."""
    records = target / "records"
    for folder in REFERENCE_FOLDERS:
        shutil.copytree(PROJECT / "records" / folder, records / folder)
    (records / "organizations").mkdir()
    for oid in REFERENCE_ORGANIZATIONS:
        shutil.copy(PROJECT / "records" / "organizations" / f"{oid}.yaml", records / "organizations")
    for overlay in (CASES / "base", *overlays):
        shutil.copytree(overlay / "records", records, dirs_exist_ok=True)
    return records



def finished_runs(act: Callable[..., int]) -> type:
    """A stand-in for subprocess.Popen, for the commands `ketnghia build` starts (MkDocs): each
    `act(command, **options)` when started, which gives its exit code or raises."""

    class Run:
        def __init__(self, command: list[str], **options) -> None:
            self.code = act(command, **options)

        def poll(self) -> int:
            return self.code

        def wait(self, timeout: float | None = None) -> int:
            return self.code

        def terminate(self) -> None:
            pass

    return Run
