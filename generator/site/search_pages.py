"""What a built page gives the search index: the page, and each of its sections with text.

Read from the page's HTML as MkDocs made it (before the generated tables are put back:
lifted_blocks), leaving out what is marked `data-search-exclude`, scripts and the
headings' permalink signs.
"""

from __future__ import annotations

import html.parser
import re

from .search_index import Entry

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_SKIPPED = frozenset({"script", "style", "template"})
_SECTIONS = frozenset({"h2", "h3"})
_SPACES = re.compile(r"\s+")


class _Sections(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0  # depth inside an element left out
        self.heading: str | None = None  # the tag of the heading being read
        self.sections: list[tuple[str, list[str], list[str]]] = [("", [], [])]  # (anchor, heading, text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        found = dict(attrs)
        if self.skip or tag in _SKIPPED or "data-search-exclude" in found or "headerlink" in (found.get("class") or ""):
            self.skip += 1
        elif tag in _SECTIONS and found.get("id"):
            self.heading = tag
            self.sections.append((found["id"] or "", [], []))
        elif tag == "h1":
            self.heading = tag

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.skip:
            self.skip -= 1
        elif tag == self.heading:
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.skip or self.heading == "h1":
            return
        anchor, heading, text = self.sections[-1]
        (heading if self.heading else text).append(data)


def _plain(parts: list[str]) -> str:
    return _SPACES.sub(" ", "".join(parts)).strip()


def page_entries(url: str, title: str, content: str) -> list[Entry]:
    """The page itself (its title and the text before its first section), then each section
    that has text of its own, titled by its heading."""
    parser = _Sections()
    parser.feed(content)
    parser.close()
    (_, _, intro), *sections = parser.sections
    entries = [Entry(url, title, "", _plain(intro))]
    for anchor, heading, text in sections:
        body = _plain(text)
        if body:
            entries.append(Entry(f"{url}#{anchor}", _plain(heading), title, body))
    return entries
