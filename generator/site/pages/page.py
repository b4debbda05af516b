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
# Tables, and the note naming the folder of records (the same on many pages).
_BOILERPLATE = re.compile(r'<div class="ledger-table".*?</table>\s*</div>|<p class="ledger-source">.*?</p>', re.S)
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
        parts = _HEADING.split(_BOILERPLATE.sub(" ", self.body))  # [text, heading, text, heading, text…]
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

    def text(self) -> str:
        # The home page's title is the site's name: Material would print it twice in <title>.
        meta: dict[str, Any] = {"title": plain(self.title)} if self.url not in urls.HOMES else {}
        if self.source:
            meta["source"] = self.source
        meta["description"] = self.description
        if not self.search:
            meta["search"] = {"exclude": True}
        meta.update(self.extra_meta)
        # JSON is YAML: strings come out quoted, whatever they hold.
        front = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())
        front = f"---\n{front}---\n\n" if front else ""
        return f"{front}# {md(self.title)}\n\n{self.body.strip()}\n"


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
