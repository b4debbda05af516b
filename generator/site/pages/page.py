"""A page of the site and the HTML blocks its body is made of."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ...view import urls
from ...view.escape import md, plain

DESCRIPTION_LENGTH = 200
# What a description leaves out, as (opening, closing): tables (closed by </table>, blank space
# and </div>) and the note naming the folder of records (the same on many pages).
_TABLE = ('<div class="ledger-table"', "</table>")
_SOURCE = ('<p class="ledger-source">', "</p>")
_TABLE_CLOSED = re.compile(r"\s*</div>")
_HEADING = re.compile(r"^#{2,6} (.*)$", re.M)
_SPACE_BEFORE = re.compile(r" ([.,;:)])")
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


@dataclass
class Page:
    url: str  # site-relative, "dia-ban/xa-phuoc-chanh/"
    title: str
    body: str  # Markdown, starting below the H1
    source: str | None = None  # repository path of the record behind the page
    search: bool = True  # listing pages stay out of the search index
    extra_meta: dict[str, Any] = field(default_factory=dict)

    @property
    def description(self) -> str:
        """The page's own summary for its meta description and Open Graph tags: its title, then
        the text of its body with tables left out and headings ended by a colon, cut at a word
        near 200 characters."""
        parts = _HEADING.split(without_boilerplate(self.body))  # [text, heading, text, heading, text…]
        texts = [_SPACE_BEFORE.sub(r"\1", _SPACES.sub(" ", html.unescape(_TAG.sub(" ", part))).strip()) for part in parts]
        text = " ".join([texts[0], *(f"{texts[i]}: {texts[i + 1]}" for i in range(1, len(texts), 2) if texts[i + 1])]).strip()
        if self.url:
            text = f"{plain(self.title)}. {text}".strip()
        if len(text) > DESCRIPTION_LENGTH:
            text = text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0].rstrip(",;:·–- ") + "…"
        return plain(text)  # no markup character, as the title: the front matter is printed as it is

    @property
    def path(self) -> str:
        return urls.source_file(self.url)

    def text(self, data_date: str = "", repository: str = "") -> str:
        """The page's file: its front matter, then its Markdown. `data_date`, the date of the data
        as people read it, heads the page when printed (overrides/main.html); the edit button
        opens the record in `repository` (the project's)."""
        # The home page's title is the site's name: Material would print it twice in <title>.
        meta: dict[str, Any] = {"title": plain(self.title)} if self.url not in urls.HOMES else {}
        if self.source:
            meta["source"] = self.source
        # Always there on a generated page, empty when no record is behind it: its edit button
        # opens the record, or is not shown (overrides/partials/actions.html), whatever builds it.
        meta["edit_url"] = urls.edit_url(repository, self.source) if self.source else ""
        # A page moved into another edition brings its own (editions.moved): not made again.
        description = self.extra_meta.get("description")
        meta["description"] = self.description if description is None else description
        if not self.search:
            meta["search"] = {"exclude": True}
        if data_date:
            meta["data_date"] = data_date
        meta.update(self.extra_meta)
        # JSON is YAML: strings come out quoted, whatever they hold.
        front = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())
        front = f"---\n{front}---\n\n" if front else ""
        return f"{front}# {md(self.title)}\n\n{self.body.strip()}\n"


def without_boilerplate(body: str) -> str:
    """`body` with its tables and folder notes each replaced by a space. Found with str.find: a
    listing's body is some 100 KB of table, which a regular expression would walk a character
    at a time."""
    kept: list[str] = []
    done = 0  # what is copied to `kept`
    searched = 0  # where the next block may start
    while True:
        table, source = body.find(_TABLE[0], searched), body.find(_SOURCE[0], searched)
        if table < 0 and source < 0:
            break
        start = table if source < 0 or 0 <= table < source else source
        end = _block_end(body, start, table == start)
        if end < 0:  # not closed: text like any other
            searched = start + 1
            continue
        kept += (body[done:start], " ")
        done = searched = end
    kept.append(body[done:])
    return "".join(kept)


def _block_end(body: str, start: int, is_table: bool) -> int:
    """Where the table or note that opens at `start` ends (its first close that ends it), or -1."""
    opening, closing = _TABLE if is_table else _SOURCE
    at = start + len(opening)
    while (at := body.find(closing, at)) >= 0:
        at += len(closing)
        if not is_table:
            return at
        closed = _TABLE_CLOSED.match(body, at)
        if closed:
            return closed.end()
    return -1


def para(inner_html: str, css: str | None = None) -> str:
    """A paragraph as an HTML block: record text stays text, Markdown does not touch it."""
    attribute = f' class="{css}"' if css else ""
    return f"\n<p{attribute}>{inner_html}</p>\n"


def unindexed(inner_html: str) -> str:
    """Shown on the page, left out of the search index (Material skips data-search-exclude)."""
    return f"<span data-search-exclude>{inner_html}</span>"


def bullets(items: list[str]) -> str:
    if not items:
        return ""
    return "\n<ul>\n" + "\n".join(f"<li>{i}</li>" for i in items) + "\n</ul>\n"


def facts(rows: list[tuple[str, str]]) -> str:
    """A two-column list of facts (label, escaped value), as a definition list."""
    # A newline between term and value: the search index strips tags and would glue them.
    body = "\n".join(f"<dt>{label}</dt>\n<dd>{value}</dd>" for label, value in rows if value)
    return f'\n<dl class="ledger-facts">\n{body}\n</dl>\n'


def heading(text: str, level: int = 2) -> str:
    """A section heading; `text` is the site's own Vietnamese wording, never record text."""
    return f"\n{'#' * level} {text}\n"
