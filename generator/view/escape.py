"""Record text into Markdown and HTML: always as text, never as markup.

Records are written by staff in a web editor: a title holding `<script>` or `[x](y)`
must show those characters, not run or link them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from ..i18n import _

# Exactly the characters Python-Markdown unescapes (its ESCAPED_CHARS, plus `|` that the
# tables extension adds): a backslash before any other character would stay visible.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")
_SPACES = re.compile(r"\s+")


_ODD_SPACE = re.compile(r"\s\s|[^\S ]")


def _single_spaced(text: str) -> bool:
    """No whitespace but single plain spaces. Every other whitespace character is
    unprintable, so two quick scans settle the common case; the regex (slow on the long
    descriptions) only runs on text holding some unprintable character."""
    if text.isprintable():
        return "  " not in text
    return not _ODD_SPACE.search(text)


@lru_cache(maxsize=1 << 16)  # names and labels repeat on every page
def clean(text: str) -> str:
    """NFC and one line: records may use old tone placement or stray newlines."""
    text = str(text)
    if unicodedata.is_normalized("NFC", text) and _single_spaced(text):
        return text.strip()  # the common case, checked cheaply
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def md(text: str) -> str:
    """Text for a Markdown paragraph or heading: HTML-escaped, then Markdown-escaped."""
    escaped = html.escape(clean(text), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)


@lru_cache(maxsize=1 << 16)
def h(text: str) -> str:
    """Text for an HTML element or attribute."""
    return html.escape(clean(text), quote=True)


def plain(text: str) -> str:
    """Text for places a template prints unescaped (front-matter title): no markup characters."""
    # "DTTS&MN" would lose its ampersand: it is read out as "và", as people say it.
    # TRANSLATORS: "and", for an ampersand in a page title (browser tab, search results).
    return re.sub(r'[<>"`]', "", _AMPERSAND.sub(" " + _("và") + " ", clean(text)))


_AMPERSAND = re.compile(r"\s*&\s*")


_HTTP_URL = re.compile(r"https?://[^\s/?#]+[^\s]*", re.I)


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host; anything else (javascript:, data:…) is not linked."""
    if not url:
        return None
    url = url.strip()
    return url if _HTTP_URL.fullmatch(url) else None


def link(href: str, label_html: str, external: bool = False) -> str:
    """An inline <a>; label_html is already escaped. Works in Markdown and in HTML blocks.
    Without an address (a repository nobody named, say) the label alone."""
    if not href:
        return label_html
    rel = ' rel="noopener nofollow"' if external else ""
    return f'<a href="{html.escape(href, quote=True)}"{rel}>{label_html}</a>'


def external_link(url: str | None, label: str) -> str:
    """Escaped label, linked only when the URL is http(s)."""
    target = safe_url(url)
    return link(target, h(label), external=True) if target else h(label)
