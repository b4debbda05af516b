"""The site wing's pure step: the site model in, {path: content} out. No clock, no disk writes."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ..parallel import elsewhere
from ..registry import TYPES
from ..view.model import Site
from . import api, editions, feed
from .datapackage import open_data
from .downloads import FOLDER
from .pages import coverage, dictionary, explorer, home, localities, opendata, partnerships, quality, sponsors, summaries
from .search_entries import ENTRIES, entries_file

# The home page, the pages of each record type (in the registry's order), then the pages
# drawn from the whole ledger. A page module has `pages(site)`, yielding Page objects.
SECTIONS = (
    home,
    *(importlib.import_module(f"{__package__}.pages.{t.pages}") for t in TYPES.values() if t.pages),
    summaries,
    explorer,
    coverage,
    quality,
    opendata,
    dictionary,
)
# At province scale the yearly summaries, the localities, sponsors and partnerships and the
# feeds take about as long as the rest (the open data, the API, the listings: some 3 s of 7 on
# 20,000 activities): a forked child makes them on the second core. What the child makes comes
# back through a pipe, so the bulkiest output (the open data and the API, 120 MB at that scale)
# stays in the parent. Below this many activities a fork costs more than it saves.
SHARED_FROM = 2000
IN_CHILD = (summaries, localities, sponsors, partnerships)


def section_files(site: Site, sections) -> dict[str, bytes]:
    # Sections yield their pages one at a time: each body is encoded and dropped as it comes,
    # instead of a whole section's text (twice its bytes, Vietnamese being UCS-2) held at once.
    return {page.path: page.text().encode("utf-8") for section in sections for page in section.pages(site)}


def render_files(site: Site, extra: Callable[[Site], dict[str, bytes]] | None = None) -> dict[str, bytes]:
    """Every file of the site wing, with `extra`'s: what the other wing makes of the same model
    (the import's workbooks, generator/intake/workbooks.py), made in a child of its own."""
    def child_share() -> dict[str, bytes]:
        return {**section_files(site, IN_CHILD), **feed.files(site)}

    # The workbooks (about as long again at that scale) in a second child: three shares on two cores.
    shared_wanted = len(site.activities) >= SHARED_FROM
    with elsewhere(child_share, wanted=shared_wanted) as shared, \
            elsewhere(lambda: extra(site) if extra else {}, wanted=shared_wanted) as extra_files:
        files = section_files(site, [s for s in SECTIONS if s not in IN_CHILD])
        files.update({f"{FOLDER}/{name}": data for name, data in open_data(site).items()})
        files.update(api.files(site))
        files.update(explorer.data_files(site))
        files.update(editions.files(site))  # the English edition, after the Vietnamese pages
        files[ENTRIES] = entries_file(site)
        files.update(extra_files())
        files.update(shared())
    return dict(sorted(files.items()))
