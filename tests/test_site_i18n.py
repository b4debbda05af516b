"""The site's wording goes through one catalogue: complete, switchable, Vietnamese by default."""

import ast
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from generator import i18n
from generator.pipeline import render_site
from generator.site import interface, render
from generator.site.pages import partnerships
from generator.validate import validate_tree
from generator.view import formats
from generator.view.context import Context
from generator.view.model import build_site

from site_records import TODAY, small_tree

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))

import messages  # noqa: E402 -- scripts/messages.py, found through the path above


def _messages(pot: Path) -> dict[object, tuple[str, ...]]:
    """Message id (a tuple for plurals) -> its translator comments; the header left out."""
    with pot.open("rb") as f:
        return {m.id: tuple(m.auto_comments) for m in read_po(f) if m.id}


# Babel's extractor sees a call inside an f-string only on Python 3.12 and later, where f-strings
# are tokenised apart: the catalogue must not depend on the Python that extracts it.
_MARKERS = {"_", "N_", "ngettext", "gettext", "pgettext", "npgettext"}


def _extracted(call: ast.AST) -> bool:
    """A marker called on a literal: what the extractor would put in the catalogue."""
    return (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in _MARKERS
            and bool(call.args) and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str))


def _wrapped_inside_fstrings(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.JoinedStr):
            found += [f"{path.name}:{call.lineno}" for call in ast.walk(node) if _extracted(call)]
    return found


def test_no_wrapped_string_hides_inside_an_fstring():
    sources = sorted((PROJECT / "generator").rglob("*.py"))
    assert sources
    hidden = [place for path in sources for place in _wrapped_inside_fstrings(path)]
    assert not hidden, f"_() inside an f-string is extracted on Python 3.12+ only; compute it first: {hidden}"


def test_the_fstring_check_finds_a_hidden_call(tmp_path):
    sample = tmp_path / "probe.py"
    sample.write_text('label = _("Cộng")\nx = f"<b>{label}</b>{_(name)}"\ny = f"<b>{_(\'Cộng\')}</b>"\n', encoding="utf-8")
    assert _wrapped_inside_fstrings(sample) == ["probe.py:3"]


def test_the_committed_template_holds_every_wrapped_string(tmp_path, monkeypatch):
    monkeypatch.chdir(PROJECT)
    messages.extract(tmp_path / "site.pot")
    fresh, committed = _messages(tmp_path / "site.pot"), _messages(PROJECT / messages.TEMPLATE)
    assert fresh == committed, "the wording changed: run `make messages` and commit generator/locale/site.pot"


def _small_english(locale: Path, compiled: bool = False) -> Path:
    """A three-message English catalogue under `locale`: its .po, as translators write it, or
    compiled (.mo)."""
    catalog = Catalog(locale="en", domain=i18n.DOMAIN)
    catalog.add("Theo năm", "By year")
    catalog.add("Hoạt động mới nhất", "Latest activities")
    catalog.add("{amount} tỷ đồng", "{amount} billion dong")
    catalog.add("Cộng", "Total", flags=["fuzzy"])  # a guess not yet checked: left out, as msgfmt does
    folder = locale / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{i18n.DOMAIN}.{'mo' if compiled else 'po'}").open("wb") as f:
        (write_mo if compiled else write_po)(f, catalog)
    return locale


def test_the_committed_words_of_the_templates_are_those_of_the_catalogues(tmp_path):
    messages.write_partials(tmp_path)
    fresh = {p.relative_to(tmp_path): p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.*")}
    committed = {p.relative_to(PROJECT): p.read_text(encoding="utf-8")
                 for folder in (interface.PARTIALS, interface.SCRIPTS) for p in (PROJECT / folder).glob("*.*")}
    assert fresh == committed, "the wording changed: run `make messages` and commit overrides/partials/words/ and docs/javascripts/words/"
    assert {path.suffix for path in fresh} == {".html", ".js"}


@pytest.fixture
def english(tmp_path, monkeypatch):
    """The small English catalogue, active for the test only, and where a render looks for its language."""
    locale = _small_english(tmp_path / "locale")
    monkeypatch.setattr(i18n, "LOCALE", locale)
    i18n.activate("en", locale)
    yield
    i18n.activate(i18n.SOURCE_LANGUAGE)


def _home(tmp_path: Path, language: str = i18n.SOURCE_LANGUAGE) -> str:
    records = small_tree(tmp_path / "tree")
    return render_site(validate_tree(records, TODAY), Context(language=language))["index.md"].decode()


def test_a_catalogue_changes_the_wording_and_nothing_else(tmp_path, english):
    home = _home(tmp_path, "en")
    assert "## By year" in home and "## Latest activities" in home
    assert "## Theo năm" not in home
    assert "## Theo nhóm nội dung" in home  # not in the catalogue: the Vietnamese id stands
    # Formats read their words once per catalogue, not once per process.
    # Digits in the language's own way: a decimal point in English.
    assert formats.dong_short(16_400_000_000) == "16.4 billion dong"
    assert i18n._("Cộng") == "Cộng"


def test_switching_back_restores_the_vietnamese_words(tmp_path, english):
    i18n.activate(i18n.SOURCE_LANGUAGE)
    assert formats.dong_short(16_400_000_000) == "16,4 tỷ đồng"


def test_the_site_speaks_vietnamese_by_default(tmp_path):
    home = _home(tmp_path)
    assert "## Theo năm" in home and "## Hoạt động mới nhất" in home and "By year" not in home


def test_a_language_without_a_catalogue_is_an_error_not_a_silent_fallback(tmp_path):
    with pytest.raises(FileNotFoundError):
        i18n.activate("en", tmp_path)
    assert i18n._("Theo năm") == "Theo năm"


def test_a_compiled_catalogue_is_read_too(tmp_path):
    with i18n.speaking("en", _small_english(tmp_path / "locale", compiled=True)):
        assert i18n._("Theo năm") == "By year"


def test_a_section_speaks_its_language_and_the_language_before_comes_back(tmp_path):
    locale = _small_english(tmp_path / "locale")
    assert i18n.languages(locale) == ["en", "vi"]
    with i18n.speaking("en", locale):
        assert (i18n.language(), i18n._("Theo năm"), formats.number(1234567)) == ("en", "By year", "1,234,567")
        with i18n.speaking("vi"):
            assert (i18n._("Theo năm"), formats.number(1234567), formats.date("2023-01-06")) == ("Theo năm", "1.234.567", "6/1/2023")
        assert formats.date("2023-01-06") == "6/1/2023"  # the small catalogue keeps the Vietnamese pattern
    assert (i18n.language(), i18n._("Theo năm"), formats.percent(13, 200)) == ("vi", "Theo năm", "6,5%")


def test_english_writes_its_own_digits_and_dates(tmp_path):
    catalog = Catalog(locale="en", domain=i18n.DOMAIN)
    for vietnamese, english in {"{amount} tỷ đồng": "{amount} billion đồng", "d/M/y": "d MMM y", "M/y": "MMM y",
                                "{amount} đồng": "{amount} đồng", "từ {start}": "from {start}"}.items():
        catalog.add(vietnamese, english)
    folder = tmp_path / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{i18n.DOMAIN}.po").open("wb") as f:
        write_po(f, catalog)
    with i18n.speaking("en", tmp_path):
        assert formats.dong_short(55_800_000_000) == "55.8 billion đồng"
        assert (formats.dong(1_234_567), formats.percent(13, 200)) == ("1,234,567 đồng", "6.5%")
        assert [formats.date(d) for d in ("2023-01-06", "2023-01", "2023")] == ["6 Jan 2023", "Jan 2023", "2023"]
        assert formats.period("2023-01-06", None) == "from 6 Jan 2023"
    assert (formats.dong_short(55_800_000_000), formats.date("2023-01-06")) == ("55,8 tỷ đồng", "6/1/2023")


def test_one_site_written_in_two_languages_keeps_the_words_of_each(tmp_path):
    """A section in another language (an edition) is rendered from the same model: what the pages
    compute once (names, links, figure cells) is kept per language, never carried across."""
    records = small_tree(tmp_path / "tree")
    site = build_site(validate_tree(records, TODAY), Context())
    sections = [render.SECTIONS[0], partnerships]

    def pages() -> str:
        return "".join(data.decode() for data in render.section_files(site, sections).values())

    before = pages()
    with i18n.speaking("en", _small_english(tmp_path / "locale")):
        english = pages()
    assert "90.000.000" in before and "90,000,000" not in before
    assert "90,000,000" in english and "90.000.000" not in english and "## By year" in english
    assert pages() == before
