"""The English edition as MkDocs builds it from the shipped records: linked both ways, in the
sitemap, and with no word of the Vietnamese interface left on its pages outside record content."""

from __future__ import annotations

import html.parser
import re

import pytest
import yaml
from babel.messages.pofile import read_po

from site_records import PROJECT, build_shipped_site

SITE_URL = "https://example.org/ket-nghia/"
# A letter of Vietnamese that English does not use: a word holding one is a Vietnamese word.
_VIETNAMESE = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.I)
_WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    return build_shipped_site(tmp_path_factory.mktemp("project"), {"NO_MKDOCS_2_WARNING": "1", "PATH": "", "SITE_URL": SITE_URL})


def _english_pages(site):
    return sorted((site / "en").rglob("*.html"))


class _Text(html.parser.HTMLParser):
    """What a reader sees or hears of a page: its text, and the labels of its controls; not what
    is marked as Vietnamese (lang="vi": the language switch, the glossary's Vietnamese column)."""

    SKIPPED = {"script", "style", "svg"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []  # for each open element: is its text left out
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        skipped = bool(self.stack and self.stack[-1]) or tag in self.SKIPPED or values.get("lang") == "vi"
        if not skipped:
            self.parts += [values[name] or "" for name in ("aria-label", "title", "placeholder", "alt") if name in values]
        if tag not in self.VOID:
            self.stack.append(skipped)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def _seen(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    return " ".join(" ".join(parser.parts).split())


def _record_texts() -> list[str]:
    """Every text of the records (names, titles, notes) and the site's name and description:
    not translated."""
    texts: list[str] = []

    def walk(value):
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in (PROJECT / "records").rglob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    walk(re.findall(r"^site_(?:name|description): (.*)$", (PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), re.M))
    return texts


def _interface_texts() -> list[str]:
    """The site's own Vietnamese: the catalogue's messages and the theme's Vietnamese words."""
    with (PROJECT / "generator/locale/site.pot").open("rb") as f:
        texts = [text for m in read_po(f) if m.id for text in ((m.id,) if isinstance(m.id, str) else m.id)]
    theme = (PROJECT / "overrides/partials/languages/vi.html").read_text(encoding="utf-8")
    return texts + re.findall(r'": "([^"]+)"', theme)


def _fragments(text: str) -> list[str]:
    """The runs of words of a message between its placeholders and markup."""
    return [" ".join(part.split()) for part in re.split(r"\{\w*\}|<[^>]+>|[:;()]", text)]


@pytest.fixture(scope="module")
def untranslated():
    """What of the Vietnamese interface a page's text still holds: a word of it that no record
    uses, or three words of one of its messages in a row once record text is taken out."""
    records = _record_texts()
    record_words = {w.lower() for text in records for w in _WORD.findall(text)}
    messages = _interface_texts()
    words = {w.lower() for text in messages for w in _WORD.findall(re.sub(r"\{\w+\}|<[^>]+>", " ", text))
             if _VIETNAMESE.search(w)} - record_words
    phrases = {f for text in messages for f in _fragments(text) if len(f.split()) >= 3 and _VIETNAMESE.search(f)}
    assert len(words) > 50 and len(phrases) > 200  # a check that looks for nothing would pass on anything
    names = sorted({" ".join(t.split()) for t in records if len(t.split()) >= 2}, key=len, reverse=True)

    def left(markup: str) -> list[str]:
        seen = _seen(markup)
        found = {w for w in _WORD.findall(seen.lower()) if w in words}
        for name in names:  # the longest first: a name holding another goes whole
            seen = seen.replace(name, " ")
        return sorted(found | {phrase for phrase in phrases if phrase in seen})

    return left


def test_no_vietnamese_interface_word_on_the_english_pages(built_site, untranslated):
    pages = _english_pages(built_site)
    assert len(pages) > 20
    found = {str(page.relative_to(built_site)): untranslated(page.read_text(encoding="utf-8")) for page in pages}
    assert not {page: words for page, words in found.items() if words}


def test_the_check_finds_the_vietnamese_interface_on_a_vietnamese_page(built_site, untranslated):
    page = (built_site / "don-vi" / "index.html").read_text(encoding="utf-8").replace('<html lang="vi"', "<html")
    assert "Bấm vào tiêu đề cột để sắp xếp." in untranslated(page)


def test_the_text_read_is_what_a_reader_sees_and_hears_not_what_is_marked_vietnamese():
    markup = '<p>Coverage <span lang="vi">Tiếng Việt</span></p><button aria-label="Đóng">x</button><script>var a="Xã";</script>'
    assert _seen(markup) == "Coverage Đóng x"


def test_each_page_with_a_counterpart_links_it_by_language_in_its_head_and_its_switch(built_site):
    english = (built_site / "en" / "do-phu" / "index.html").read_text(encoding="utf-8")
    vietnamese = (built_site / "do-phu" / "index.html").read_text(encoding="utf-8")
    for page in (english, vietnamese):
        assert '<html lang="en"' in english and '<html lang="vi"' in vietnamese
        assert f'hreflang="vi" href="{SITE_URL}do-phu/"' in page and f'hreflang="en" href="{SITE_URL}en/do-phu/"' in page
    assert re.search(r'<a href="\.\./\.\./do-phu/" hreflang="vi"', english)
    assert re.search(r'<a href="\.\./en/do-phu/" hreflang="en"', vietnamese)
    commune = (built_site / "dia-ban" / "xa-phuoc-chanh" / "index.html").read_text(encoding="utf-8")
    assert "hreflang=\"en\" href" not in commune  # no English page: no alternate in the head
    assert re.search(r'<a href="\.\./\.\./en/" hreflang="en"', commune)  # the switch leads to the English home


def test_the_english_pages_show_their_own_nav_and_the_english_home_is_in_the_sitemap(built_site):
    english = (built_site / "en" / "index.html").read_text(encoding="utf-8")
    tabs = re.search(r'<nav class="md-tabs".*?</nav>', english, re.S)[0]
    assert "Coverage" in tabs and "Độ phủ" not in tabs
    vietnamese = (built_site / "index.html").read_text(encoding="utf-8")
    tabs = re.search(r'<nav class="md-tabs".*?</nav>', vietnamese, re.S)[0]
    assert "Độ phủ" in tabs and "Coverage" not in tabs
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}en/</loc>" in sitemap and f"<loc>{SITE_URL}en/gioi-thieu/</loc>" in sitemap
