"""The language switch, end to end: a site built in another language has no Vietnamese word of
its own left, in the generated pages, the feeds, the templates' output or the scripts' words.

The other language is made here: every message of the catalogue template (site.pot) turned
into its id with the accents taken off ("Theo năm" -> "Theo nam"), written as a .po into a
folder of the test's own, under the code "en" (Babel's digits and dates, Material's words).
The records are invented with names in plain letters, and the shipped vocabularies are copied
with their accents taken off too; the schemas' own words (the titles and descriptions of the
fields, which the data dictionary quotes in Vietnamese beside their English glosses) are
set aside as content. Whatever letter with an accent is left in the built site is a word of
the site's own that did not go through the catalogue.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import i18n
from generator.pipeline import generate
from generator.site.glossary import TERMS
from generator.view.config import read_context
from generator.view.urls import FEED_FILE

from site_records import PROJECT, TODAY, activity, partnership, sponsor, write_record

sys.path.insert(0, str(PROJECT / "scripts"))

import messages

LANGUAGE = "en"
SOURCE = [{"title": "Test article", "publisher": "Test paper", "date": "2023-01-07", "url": "https://example.org/a"}]


def plain(text: str) -> str:
    """The letters without their accents: "Đồng" -> "Dong"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


# Names kept as they are in any language: the numbers of documents (QĐ 1719, QĐ 90).
NAMES = {"QĐ"}


def accented_words(text: str) -> list[str]:
    """The words holding a letter outside ASCII: what is left of a language with accents."""
    return sorted({m[0] for m in re.finditer(r"\w*[^\W\d_a-zA-Z]\w*", text)} - NAMES)


def pseudo_catalogue(locale: Path) -> Path:
    """Every message of the template, its translation the id without accents, as a .po."""
    with (PROJECT / "generator" / "locale" / "site.pot").open("rb") as f:
        template = read_po(f)
    catalog = Catalog(locale=LANGUAGE, domain=i18n.DOMAIN)
    for message in template:
        if message.id:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            catalog.add(message.id, tuple(plain(i) for i in ids) if len(ids) > 1 else plain(ids[0]))
    folder = locale / LANGUAGE / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{i18n.DOMAIN}.po").open("wb") as f:
        write_po(f, catalog)
    return locale


def plain_records(records: Path) -> Path:
    """A province in plain letters: the shipped vocabularies without accents, invented places,
    a programme, its document, a sponsor, a partnership and its activities."""
    for path in sorted((PROJECT / "records" / "vocabularies").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data.pop("documents", None)  # the shipped documents they cite are not in this tree
        write_record(records, "vocabularies", _plain_values(data))

    def place(lid, name, level, parent=None, **extra):
        write_record(records, "localities", {"id": lid, "name": name, "level": level,
                                             **({"parent": parent} if parent else {}), **extra, "sources": SOURCE})

    place("tinh-alpha", "Alpha", "tinh")
    place("huyen-bravo", "Bravo", "huyen", "tinh-alpha", mountainous=True)
    place("xa-charlie", "Charlie", "xa", "huyen-bravo")
    place("xa-delta", "Delta", "xa", "huyen-bravo", valid_to="2025-06-30")
    write_record(records, "documents", {"id": "kh-7-kh-ubnd-2024", "number": "7/KH-UBND", "kind": "ke-hoach",
                                        "title": "Plan 7", "issuer": "People's Committee of Alpha",
                                        "date": "2024-01-10", "sources": SOURCE})
    write_record(records, "programmes", {
        "id": "kh-7-2024", "name": "Twinning plan of Alpha", "short_name": "Plan 7",
        "basis": ["kh-7-kh-ubnd-2024"], "area": "tinh-alpha", "period": {"start": "2024-01-10"},
        "targets": {"within": ["huyen-bravo"], "date": "2024-01-10", "count": 2}, "sources": SOURCE,
    })
    sponsor(records, "so-echo", "Department Echo", sources=SOURCE)
    partnership(records, "so-echo-xa-charlie", ["so-echo"], "xa-charlie", programme="kh-7-2024",
                basis=["kh-7-kh-ubnd-2024"], period={"start": "2024-02-01"}, sources=SOURCE)
    activity(records, "2024-03-01-foxtrot", "so-echo-xa-charlie", "2024-03-01", "mo-hinh-sinh-ke",
             "Foxtrot farm for 5 households", value={"delivered": {"cash": 1_250_000_000}},
             beneficiaries={"households": 1234}, sources=SOURCE)
    activity(records, "2024-golf", "so-echo-xa-charlie", "2024", "tham-tang-qua", "Golf gifts",
             value={"delivered": {"in_kind": 30_000_000}}, sources=SOURCE)
    return records


def _plain_values(value):
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, dict):
        return {key: _plain_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain_values(item) for item in value]
    return value


MKDOCS = """\
site_name: Ledger of Alpha
site_description: Twinning in Alpha
repo_url: https://example.org/alpha/ledger
docs_dir: build/docs
theme:
  name: material
  language: vi
  custom_dir: {overrides}
  font: false
  features: [navigation.tabs, navigation.indexes, navigation.top, content.action.edit]
plugins:
  - ketnghia:
      language: {language}
extra:
  generator: false
extra_css: [stylesheets/ledger.css]
extra_javascript: [javascripts/sort-tables.js, javascripts/filter-tables.js, javascripts/search-box.js, javascripts/focus.js]
markdown_extensions:
  - toc:
      permalink: true
      permalink_title: Liên kết tới mục này
      slugify: !!python/name:generator.site.slugs.heading_slug
  - attr_list
  - admonition
  - tables
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The small site generated and built with MkDocs in the pseudo-language."""
    root = tmp_path_factory.mktemp("alpha")
    locale = pseudo_catalogue(root / "locale")
    records = plain_records(root / "records")
    for folder in ("javascripts", "stylesheets"):
        shutil.copytree(PROJECT / "docs" / folder, root / "docs" / folder)
    # A page of another language than the site's: its front matter says which.
    (root / "docs" / "viet.md").write_text("---\nlanguage: vi\n---\n# Viet\n\nA page written by hand.\n",
                                         encoding="utf-8")
    # The templates, with their words and the scripts' in the pseudo-language as `make messages` writes them.
    shutil.copytree(PROJECT / "overrides", root / "overrides")
    messages.write_partials(root, locale)
    (root / "mkdocs.yml").write_text(MKDOCS.format(overrides=root / "overrides", language=LANGUAGE), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(i18n, "LOCALE", locale)  # the plugin's language is looked for there
        outcome = generate(records, root / "build" / "docs", read_context(root), TODAY, docs=root / "docs")
        assert not outcome.errors, [d.text() for d in outcome.errors]
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
            i18n.activate(i18n.SOURCE_LANGUAGE)
    return root / "site"


def test_the_built_site_speaks_the_other_language(built):
    home = (built / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in home  # Material's own words in that language
    assert "Theo nam" in home or "Cac chuong trinh" in home  # the catalogue's words
    assert "1,250,000,000" in (built / "hoat-dong" / "index.html").read_text(encoding="utf-8")  # its digits
    assert 'xml:lang="en"' in (built / "hoat-dong" / FEED_FILE).read_text(encoding="utf-8")


def schema_texts() -> list[str]:
    """The titles and descriptions of the schemas' fields, longest first."""
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            found.update(v for k, v in node.items() if k in ("title", "description") and isinstance(v, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in (PROJECT / "schemas").glob("*.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return sorted(found, key=len, reverse=True)


def test_no_vietnamese_word_of_the_site_is_left(built):
    # The glossary's Vietnamese terms are Vietnamese in any language (the data dictionary's glossary).
    content = sorted([*schema_texts(), *(term.vietnamese for term in TERMS)], key=len, reverse=True)
    left = {}
    pages = [*built.rglob("*.html"), *built.rglob("*.xml")]
    for path in sorted(p for p in pages if p != built / "viet" / "index.html"):
        text = html.unescape(path.read_text(encoding="utf-8"))
        for quoted in content:
            text = text.replace(quoted, "")
        words = accented_words(text)
        if words:
            left[str(path.relative_to(built))] = words
    assert left == {}


def test_a_page_in_another_language_has_the_words_of_its_own(built):
    """A section in another language than the site's (an edition) is its pages' front matter."""
    page = (built / "viet" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in page and 'aria-label="Tìm kiếm"' in page  # Material's words
    assert 'data-more="Xem thêm kết quả"' in page and 'data-locale="vi"' in page  # the site's own
    words = _script_words(built, page)  # the scripts'
    assert (words["group"], words["table"]) == (".", "Bảng")
    home = (built / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Search"' in home
    words = _script_words(built, home)
    assert (words["group"], words["table"]) == (",", "Bang")


def _script_words(built: Path, page: str) -> dict:
    """The scripts' words a page loads: a script of its language's, the same for every page of
    it (cached by the browser), rather than a copy written into each page."""
    assert "ketnghiaWords" not in page and '"table"' not in page
    (src,) = re.findall(r'<script src="((?:\.\./)*)javascripts/words/(\w+)\.js"', page)
    script = (built / "javascripts" / "words" / f"{src[1]}.js").read_text(encoding="utf-8")
    return json.loads(script.split("=", 1)[1].strip().rstrip(";"))


def test_the_scripts_hold_no_words_of_their_own():
    """The scripts' words come from the page (#ketnghia-words): none is written in a script."""
    for script in sorted((PROJECT / "docs" / "javascripts").glob("*.js")):
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script.read_text(encoding="utf-8"), flags=re.DOTALL)
        assert accented_words(code) == [], script.name
