"""The English edition: the summary pages a reader outside Vietnam compares and cites (the home
page, the programmes, coverage, reported totals, the sponsor and district indexes, the district
pages, open data and the data dictionary), rendered a second time in English and moved under en/.

An English page is its Vietnamese page rendered with the English catalogue: the same page
functions, the same figures. Moved one folder down, its relative links are aimed again: a link
to a page that has an English counterpart stays in the edition, every other one (a commune, a
sponsor, a partnership, an activity, a document, a download) leads to the Vietnamese page or
file. Names and record text are the records' own and stay Vietnamese: a note on each page says so.
The hand-written pages of the edition (about, methodology) are docs/en/*.md.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from .. import i18n
from ..i18n import _
from ..view import urls
from ..view.model import DISTRICT_LEVELS, Site
from .pages import coverage, dictionary, home, localities, opendata, programmes, reported_totals, sponsors
from .pages.page import Page, para

LANGUAGE = "en"
PREFIX = urls.ENGLISH  # the edition's folder below the site root
# The edition's hand-written pages (docs/en/*.md), at the addresses of their Vietnamese pages.
HAND_WRITTEN = ("gioi-thieu/", "phuong-phap/")
# A relative link of a page (no scheme, not from the root, not an anchor of the page itself).
_RELATIVE = re.compile(r'href="((?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)[^"#?]*)([#?][^"]*)?"')


def districts(site: Site) -> Iterator[Page]:
    """The district index and the districts' own pages (communes stay Vietnamese)."""
    yield localities.index_page(site)
    for lid in site.by_name("locality", site.localities):
        if site.localities[lid]["level"] in DISTRICT_LEVELS:
            yield localities.locality_page(site, lid)


SECTIONS: tuple[Callable[[Site], Iterable[Page]], ...] = (
    home.pages,
    programmes.pages,
    coverage.pages,
    reported_totals.pages,
    sponsors.index_pages,
    districts,
    opendata.pages,
    dictionary.pages,
)


def pages(site: Site) -> list[Page]:
    """The edition's pages, at their Vietnamese addresses, in English."""
    with i18n.speaking(LANGUAGE):
        rendered = [page for section in SECTIONS for page in section(site)]
        note = para(_("Tên và nội dung hồ sơ không được dịch: chúng giữ nguyên tiếng Việt, và các trang của xã, "
                      "đơn vị, cặp kết nghĩa, hoạt động, văn bản chỉ có bằng tiếng Việt."), "ledger-edition-note")
    counterparts = {page.url for page in rendered} | set(HAND_WRITTEN)
    return [moved(page, counterparts, note) for page in rendered]


def moved(page: Page, counterparts: set[str], note: str) -> Page:
    """`page` under en/: its links aimed again, the note on what is not translated first."""
    return replace(
        page,
        url=PREFIX + page.url,
        body=note + relink(page.body, page.url, counterparts),
        search=False,  # the Vietnamese page is the one a search finds
        # The description is the page's own, not the note's; the language picks the templates' words.
        extra_meta={**page.extra_meta, "description": page.description, "language": LANGUAGE},
    )


def relink(body: str, url: str, counterparts: set[str]) -> str:
    """The relative links of the page at `url`, as the same page one folder down (en/`url`) needs
    them: unchanged to a page of the edition, else to the Vietnamese page or file."""

    def aimed(found: re.Match[str]) -> str:
        href, rest = html.unescape(found[1]), found[2] or ""
        target = resolve(url, href)
        if target in counterparts:
            return found[0]
        return f'href="{html.escape(urls.relative(PREFIX + url, target), quote=True)}{rest}"'

    return _RELATIVE.sub(aimed, body)


def resolve(url: str, href: str) -> str:
    """The site-relative address `href` leads to from the page at `url`: ("do-phu/", "../dia-ban/x/")
    -> "dia-ban/x/"; a folder keeps its closing "/", the site root is ""."""
    if not href:
        return url
    joined = posixpath.normpath(posixpath.join(url, href))
    if joined == ".":
        return ""
    return joined + "/" if href.endswith("/") or href in (".", "..") or href.endswith(("/.", "/..")) else joined


def counterpart(url: str) -> str:
    """The address of a page in the other edition (whether it exists is for the caller to know)."""
    return url[len(PREFIX):] if url.startswith(PREFIX) else PREFIX + url


def language_of(url: str) -> str:
    """The language of the page at `url`: English below en/, else Vietnamese."""
    return LANGUAGE if url.startswith(PREFIX) else i18n.SOURCE_LANGUAGE


def files(site: Site) -> dict[str, bytes]:
    """The edition's pages as generated files, by their paths below the generated folder."""
    return {page.path: page.text().encode("utf-8") for page in pages(site)}


# What the theme's templates are told of a page's edition (the plugin's on_page_context):
# overrides/partials/language.html, alternate.html and copyright.html, and main.html's hreflang links.


def page_context(url: str, pages: set[str], choices: list[dict[str, str]], nav) -> dict[str, object]:
    """`edition` for the templates (the copyright line of the page's language, and its address in
    each language of mkdocs.yml's extra.alternate: this page there where it has one, else that
    edition's home) and `nav`, the nav of its own edition. `pages`: the address of every page."""
    language = language_of(url)
    alternates = []
    for choice in choices:
        there = url if choice.get("lang") == language else counterpart(url)
        found = there in pages and language_of(there) == choice.get("lang")
        alternates.append({**choice, "link": there if found else choice.get("link", ""), "counterpart": found})
    own = next((choice for choice in choices if choice.get("lang") == language), {})
    edition = {"alternates": alternates, "copyright": own.get("copyright", "")}
    return {"edition": edition, "nav": EditionNav(nav, language)}


def headings_titled(content: str, url: str) -> str:
    """The title of the headings' links (toc's permalink_title) is one for the whole build, in the
    site's language: an English page's take the English one."""
    if language_of(url) != LANGUAGE:
        return content
    built = _("Liên kết tới mục này")
    with i18n.speaking(LANGUAGE):
        own = _("Liên kết tới mục này")
    return content.replace(f'title="{html.escape(built)}"', f'title="{html.escape(own)}"')


class EditionNav:
    """mkdocs.yml's nav as a page of one edition shows it: on an English page the English
    section's pages alone (as the tabs), on a Vietnamese page every other item. Material's
    templates read `items` and `homepage`."""

    def __init__(self, nav, language: str) -> None:
        english = [item for item in nav.items if _first_page(item).url.startswith(PREFIX)]
        if language == LANGUAGE and english:
            self.items = list(english[0].children or english)
            self.homepage = _first_page(english[0])
        else:
            self.items = [item for item in nav.items if item not in english]
            self.homepage = nav.homepage

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _first_page(item):
    while getattr(item, "children", None):
        item = item.children[0]
    return item
