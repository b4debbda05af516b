"""The folder MkDocs builds (mkdocs.yml `docs_dir`): what the render made, a copy of the
hand-written pages (hand_pages.py) and the search index of them all (search_index.py).

Everything a builder publishes is a file of this folder, at the path it is served from: MkDocs,
ProperDocs and Zensical build the same site from it with no plugin of ours. The index is made
here, from the pages' text (search_pages.py) and the activities the render listed
(search_entries.ENTRIES, not written), rather than by a plugin after the build.
"""

from __future__ import annotations

from pathlib import Path

from ..view import urls
from . import hand_pages, search_entries, search_index, search_pages


def folder_files(rendered: dict[str, bytes], docs: Path | None) -> dict[str, bytes]:
    """The files of the built folder, by path: `rendered` (the render's output), the
    hand-written files of `docs` (none without it) and the search index.
    hand_pages.Clash if a hand-written file has the path of a generated one."""
    files = dict(rendered)
    activities = search_entries.parse(files.pop(search_entries.ENTRIES, b""))
    hand = hand_pages.read(docs) if docs else {}
    entries = search_pages.entries({**files, **hand}, hand.keys()) + activities
    files.update({urls.SEARCH + name: data for name, data in search_index.index_files(entries).items()})
    return hand_pages.merged(files, hand, docs or Path("docs"))
