"""What the site's pages give the search index: each page, and each of its sections with text.

The generator writes the index (search_index.py) from the files it puts in the folder MkDocs
builds, so that any builder (MkDocs, ProperDocs, Zensical) publishes it as a static folder and no
plugin is needed. A page's text is read as HTML, leaving out what is marked
`data-search-exclude`, scripts, the headings' permalink signs and the big generated blocks
(lifted_blocks: tables and figures, whose rows are not page text), and pages marked
`search: exclude` (listings, yearly summaries, which repeat what other pages hold).

A generated page's body is HTML blocks and ATX headings only (pages/page.py): its HTML is the
text as written, each heading line made an element with the anchor Python-Markdown's `toc`
gives it (the same slug, the same "_1" for a repeat): a test checks, page by page, that this
gives what Python-Markdown gives, for a fraction of its time. Hand-written pages (a few) are
real Markdown, converted by Python-Markdown with the extensions of mkdocs.yml that shape text
and anchors (HAND_EXTENSIONS; a test compares them with mkdocs.yml).
"""

from __future__ import annotations

import functools
import html
import html.parser
import re
from collections.abc import Collection

import markdown
import yaml
from markdown.extensions.toc import unique

from . import lifted_blocks
from .search_index import Entry
from .slugs import heading_slug

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_SKIPPED = frozenset({"script", "style", "template"})
_SECTIONS = frozenset({"h2", "h3"})
_SPACES = re.compile(r"\s+")
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
_HEADING_LINE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$", re.M)
_ESCAPED = re.compile(r"\\(.)")
_TAG = re.compile(r"<[^>]*>")
# mkdocs.yml's markdown_extensions, as far as they make a page's text and anchors.
HAND_EXTENSIONS = ("toc", "attr_list", "admonition", "tables")


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


def _text(heading: str) -> str:
    """A Markdown heading's text as it reads: escapes undone, tags left out, entities decoded."""
    return html.unescape(_TAG.sub("", _ESCAPED.sub(r"\1", heading))).strip()


def generated_html(body: str) -> str:
    """The HTML Python-Markdown makes of a generated page's body (HTML blocks and headings), as
    far as search reads it: each heading line becomes its element, with toc's anchor."""
    anchors: set[str] = set()
    counters: dict[str, int] = {}

    def element(line: re.Match[str]) -> str:
        level, inner = len(line[1]), _ESCAPED.sub(r"\1", line[2])
        anchor = unique(heading_slug(_text(line[2])), anchors, counters)
        return f'<h{level} id="{html.escape(anchor)}">{inner}</h{level}>'

    return _HEADING_LINE.sub(element, body)


@functools.cache
def _hand_markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(HAND_EXTENSIONS), extension_configs={"toc": {"slugify": heading_slug}})


def hand_html(body: str) -> str:
    """A hand-written page's HTML, as MkDocs makes it."""
    converter = _hand_markdown()
    converter.reset()
    return converter.convert(body)


def page_url(path: str) -> str | None:
    """The served URL of a page by its path in the built folder ("dia-ban/x/index.md" ->
    "dia-ban/x/", "gioi-thieu.md" -> "gioi-thieu/", "index.md" -> ""); None for other files."""
    if not path.endswith(".md"):
        return None
    folder, _, name = path.rpartition("/")
    stem = name[: -len(".md")]
    parts = [p for p in (folder, "" if stem in ("index", "README") else stem) if p]
    return "".join(f"{p}/" for p in parts)


def _split(text: str) -> tuple[dict[str, object], str]:
    """(front matter, body) of a page."""
    found = _FRONT_MATTER.match(text)
    if not found:
        return {}, text
    meta = yaml.load(found[1], Loader=yaml.CSafeLoader)
    return (meta if isinstance(meta, dict) else {}), text[found.end():]


def _title(meta: dict[str, object], body: str, url: str) -> str:
    """As MkDocs titles a page: its front matter's title, else its first line's H1, else its name."""
    if isinstance(meta.get("title"), str):
        return str(meta["title"])
    first = body.lstrip("\n").split("\n", 1)[0]
    if first.startswith("# "):
        return _text(first[2:].strip(" #"))
    name = url.rstrip("/").rpartition("/")[2].replace("-", " ")
    return name.capitalize() if name else ""


def entries(files: dict[str, bytes], hand: Collection[str]) -> list[Entry]:
    """The entries of every page among `files` (the folder MkDocs builds, by path), `hand`
    naming the hand-written ones."""
    found: list[Entry] = []
    for path, data in files.items():
        if path.endswith(".md"):
            found += _page(path, data, path in hand)
    return found


# While serving, each save regenerates every page and most come out the same: their entries are
# kept, by content, rather than read again (a tenth of a second on the shipped records).
@functools.lru_cache(maxsize=1 << 14)
def _page(path: str, data: bytes, hand: bool) -> tuple[Entry, ...]:
    url = page_url(path)
    meta, body = _split(data.decode("utf-8"))
    search = meta.get("search")
    if url is None or (isinstance(search, dict) and search.get("exclude")):
        return ()
    page = hand_html(body) if hand else generated_html(lifted_blocks.lift(body)[0])
    return tuple(page_entries(url, _title(meta, body, url), page))
