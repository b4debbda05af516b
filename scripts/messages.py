"""Extract the site's wording into its catalogue template, and write the templates' words in
every language (`make messages`).

    .venv/bin/python scripts/messages.py [--output FILE]

Writes generator/locale/site.pot from the calls to _(), ngettext() and N_() in the
files babel.cfg names, then overrides/partials/words/<lang>.html and docs/javascripts/words/<lang>.js
for Vietnamese and each translation (generator/locale/<lang>/LC_MESSAGES/site.po): the words
MkDocs' templates and the scripts show (generator/site/interface.py). Tests check that the committed files are up to date.
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from generator.site import interface

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


def write_partials(project: Path, locale: Path | None = None) -> None:
    """The templates' and the scripts' words in `project`, in each language with a catalogue under `locale`."""
    for name, text in interface.partials(locale).items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=PROJECT / TEMPLATE)
    args = parser.parse_args()
    os.chdir(PROJECT)
    extract(args.output.resolve())
    write_partials(PROJECT)
