"""The folder MkDocs builds (mkdocs.yml `docs_dir`): what the render made, a copy of the
hand-written pages (hand_pages.py) and the search index of them all (search_index.py).

Everything a builder publishes is a file of this folder, at the path it is served from: MkDocs,
ProperDocs and Zensical build the same site from it with no plugin of ours. The index is made
here, from the pages' text (search_pages.py) and the activities the render listed
(search_entries.ENTRIES, not written), rather than by a plugin after the build. Each share of
the render notes its pages' entries as it hands them on (a Share), so that no page is kept or
read again for the index.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..files import Data, whole
from ..view import urls
from . import hand_pages, search_entries, search_index, search_pages
from .search_index import Entry, Words
from .writer import Part, Tree, Written

Analysed = tuple[tuple[Entry, Words], ...]  # search entries, each with its words


@dataclass
class Made:
    """What one share of the render made: what its writer's share said, the search entries of
    its pages, by path, and those of the activities if it listed them; each entry with its
    words, the bulk of the index's work, done in that share."""

    put: Part
    pages: dict[str, Analysed] = field(default_factory=dict)
    activities: Analysed = ()


class Read:
    """Each page's search entries, kept from one generation to the next with a digest of the
    bytes they were read from (`serve` makes every page again at each save): a page whose bytes
    are the same is not parsed and its words not folded again, which was a third of the work.
    Only `serve` keeps one, and renders in one process (its threads rule out a fork): what a
    forked share reads would be lost with it, and read again the next time."""

    def __init__(self) -> None:
        # path -> (digest of its bytes, what they gave): the last generation's, and this one's
        self.last: dict[str, tuple[bytes, Analysed]] = {}
        self.now: dict[str, tuple[bytes, Analysed]] = {}

    def analysed(self, path: str, data: bytes) -> Analysed:
        digest = hashlib.blake2b(data, digest_size=16).digest()
        kept = self.last.get(path)
        if kept is None or kept[0] != digest:
            kept = (digest, _analysed(search_pages.page_entries_of(path, data, False)))
        self.now[path] = kept
        return kept[1]

    def next_generation(self) -> None:
        """What this generation read is what the next one finds: the pages it did not make forgotten."""
        self.last, self.now = self.now, {}


class Share:
    """One process's share of the folder: each file handed to `put` (the writer's) as the render
    makes it, refused if a hand-written file has its path (hand_pages.Clash), and its
    search entries noted as it passes (those `read` kept, for a page whose bytes are the same).
    `done` gives what `put`'s owner says of them."""

    def __init__(self, put: Callable[[str, Data], None], done: Callable[[], Part],
                 hand: Collection[str], docs: Path, read: Read | None = None) -> None:
        self._put, self._done = put, done
        self.hand, self.docs = hand, docs
        self.read = read
        self.pages: dict[str, Analysed] = {}
        self.activities: Analysed = ()

    def put(self, path: str, data: Data) -> None:
        if path == search_entries.ENTRIES:
            self.activities = _analysed(search_entries.parse(data))
            return
        if path in self.hand:
            raise hand_pages.clash(self.docs, path)
        if path.endswith(".md"):
            data = whole(data)
            found = (self.read.analysed(path, data) if self.read
                     else _analysed(search_pages.page_entries_of(path, data, False)))
            if found:
                self.pages[path] = found
        self._put(path, data)

    def done(self) -> Made:
        return Made(self._done(), self.pages, self.activities)


def index_files(made: list[Made], hand: Mapping[str, bytes]) -> dict[str, bytes]:
    """The search index (files by their path in the folder) of the pages the shares `made`, the
    hand-written ones and the activities."""
    pages = {path: found for share in made for path, found in share.pages.items()}
    analysed = [pair for path in sorted(pages) for pair in pages[path]]
    analysed += [pair for share in made for pair in share.activities]
    hand_entries = [entry for path, data in hand.items() for entry in search_pages.page_entries_of(path, data, True)]
    return {urls.SEARCH + name: data for name, data in search_index.index_files(hand_entries, analysed).items()}


def _analysed(entries: Iterable[Entry]) -> Analysed:
    # The text searched is in the words now: only what results show is kept (and handed back).
    return tuple((replace(entry, text=""), search_index.entry_words(entry)) for entry in entries)


def writing_share(tree: Tree, hand: Collection[str], docs: Path | None, read: Read | None = None) -> Share:
    """A share of the folder `tree` is writing, for the process that asks."""
    share = tree.share()
    return Share(share.put, lambda: tree.done(share), hand, docs or Path("docs"), read)


def finish(tree: Tree, made: list[Made], hand: Mapping[str, bytes], docs: Path | None,
           read: Read | None = None) -> tuple[Written, int]:
    """Once every share of the render is `made`: the search index and the hand-written files
    written, then the tree ended (writer.Tree.end). What it changed, and the files it holds."""
    if read:
        read.next_generation()
    index = index_files(made, hand)
    both = sorted(index.keys() & hand.keys())
    if both:
        raise hand_pages.clash(docs or Path("docs"), both[0])
    last = tree.share()
    for path, data in {**index, **hand}.items():
        last.put(path, data)
    parts = [*(share.put for share in made), tree.done(last)]
    return tree.end(parts), sum(part.count for part in parts)
