"""Extract the site's wording into its catalogue template (`make messages`).

    .venv/bin/python scripts/messages.py [--output FILE]

Writes generator/locale/site.pot from the calls to _(), ngettext() and N_() in the
files babel.cfg names; a test checks that the committed template is up to date.
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATE = Path("generator/locale/site.pot")


def extract(output: Path) -> None:
    """Run from the project folder, so that the template names files relative to it."""
    CommandLineInterface().run(
        [
            "pybabel", "--quiet", "extract",
            "--mapping-file", str(PROJECT / "babel.cfg"),
            "--keywords", "N_",  # besides Babel's defaults (_, ngettext, …)
            "--add-comments", "TRANSLATORS:",
            "--add-location", "file",  # no line numbers: the template changes only with the wording
            "--sort-output",
            "--project", "ketnghia-quangnam",
            "--output-file", str(output),
            ".",
        ]
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=PROJECT / TEMPLATE)
    args = parser.parse_args()
    os.chdir(PROJECT)
    extract(args.output.resolve())
