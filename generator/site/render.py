"""The site wing's pure step: the site model in, each file handed to a sink as it is made (the
writer's, or a dict). No clock, and no disk written here: what a sink does is its own."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from typing import Protocol, TypeVar

from ..files import Data, whole
from ..parallel import elsewhere
from ..registry import TYPES
from ..view import formats
from ..view.model import Site
from . import api, datapackage, editions, feed
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
# feeds take about as long as the rest (the open data, the listings: some 3 s of 7 on 20,000
# activities): a forked child makes them on the second core, and the import's workbooks and the
# API (about as long again) a second child: three shares on two cores, the parent's the
# shortest since it makes the search index once the others are done. Each share puts its files
# into a sink of its own as it makes them (the writer's, site/writer.py), so that no process
# holds the whole output and only what the sink says of them comes back from a child.
# Below this many activities a fork costs more than it saves.
SHARED_FROM = 2000
IN_CHILD = (summaries, localities, sponsors, partnerships)

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
Put = Callable[[str, Data], None]


class Sink(Protocol[T_co]):
    """Where a share puts its files, one at a time, each whole or in parts (files.Parts: the open
    data's large tables); `done` says what became of them."""

    def put(self, path: str, data: Data) -> None: ...

    def done(self) -> T_co: ...


def put_pages(site: Site, sections, put: Callable[[str, bytes], None]) -> None:
    # Sections yield their pages one at a time: each body is encoded and handed on as it comes,
    # instead of a whole section's text (twice its bytes, Vietnamese being UCS-2) held at once.
    data_date, repository = formats.date(site.newest) if site.newest else "", site.identity.repository
    for section in sections:
        for page in section.pages(site):
            put(page.path, page.text(data_date, repository).encode("utf-8"))


def section_files(site: Site, sections) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    put_pages(site, sections, files.__setitem__)
    return files


def _put_all(files: Mapping[str, Data] | Iterable[tuple[str, Data]], put: Put, folder: str = "") -> None:
    for name, data in files.items() if isinstance(files, Mapping) else files:
        put(folder + name, data)


def _main_share(site: Site, put: Put) -> None:
    put_pages(site, [s for s in SECTIONS if s not in IN_CHILD], put)
    _put_all(datapackage.each_file(site), put, f"{FOLDER}/")
    _put_all(explorer.data_files(site), put)
    _put_all(editions.files(site), put)  # the English edition, after the Vietnamese pages
    put(ENTRIES, entries_file(site))


def _summaries_share(site: Site, put: Put) -> None:
    put_pages(site, IN_CHILD, put)
    _put_all(feed.files(site), put)


def render_shares(site: Site, open_sink: Callable[[], Sink[T]],
                  extra: Callable[[Site], Mapping[str, bytes] | Iterable[tuple[str, bytes]]] | None = None) -> list[T]:
    """Every file of the site wing, with `extra`'s (what the other wing makes of the same model:
    the import's workbooks, generator/intake/workbooks.py), put into sinks `open_sink` opens, one
    per share and in the process doing it; what each sink's `done` says, this process's first."""
    def share(make: Callable[[Site, Put], None]) -> Callable[[], T]:
        def work() -> T:
            sink = open_sink()
            make(site, sink.put)
            return sink.done()
        return work

    def extra_share(site: Site, put: Put) -> None:
        _put_all(extra(site) if extra else {}, put)
        # The API's files are small but many (20,000 at province scale): creating them costs
        # more than making them, and the workbooks leave room on their core.
        _put_all(api.each_file(site), put)

    shared_wanted = len(site.activities) >= SHARED_FROM
    with elsewhere(share(_summaries_share), wanted=shared_wanted) as summaries_done, \
            elsewhere(share(extra_share), wanted=shared_wanted) as extra_done:
        return [share(_main_share)(), extra_done(), summaries_done()]


class _Collected(dict[str, bytes]):
    """A sink that keeps every file: the whole output in one dict, for tests and small trees."""

    def put(self, path: str, data: Data) -> None:
        self[path] = whole(data)

    def done(self) -> dict[str, bytes]:
        return dict(self)


def render_files(site: Site, extra: Callable[[Site], Mapping[str, bytes] | Iterable[tuple[str, bytes]]] | None = None) -> dict[str, bytes]:
    """Every file of the site wing (and `extra`'s), by path, in one dict."""
    return dict(sorted(item for part in render_shares(site, _Collected, extra) for item in part.items()))
