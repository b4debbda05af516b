"""The site's wording goes through one catalogue: complete, switchable, Vietnamese by default."""

import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from generator.site import formats, i18n
from generator.site.render import render_site
from generator.validate import validate_tree

from site_records import TODAY, small_tree

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))

import messages  # noqa: E402 -- scripts/messages.py, found through the path above


def _messages(pot: Path) -> dict[object, tuple[str, ...]]:
    """Message id (a tuple for plurals) -> its translator comments; the header left out."""
    with pot.open("rb") as f:
        return {m.id: tuple(m.auto_comments) for m in read_po(f) if m.id}


def test_the_committed_template_holds_every_wrapped_string(tmp_path, monkeypatch):
    monkeypatch.chdir(PROJECT)
    messages.extract(tmp_path / "site.pot")
    fresh, committed = _messages(tmp_path / "site.pot"), _messages(PROJECT / messages.TEMPLATE)
    assert fresh == committed, "the wording changed: run `make messages` and commit generator/site/locale/site.pot"


@pytest.fixture
def english(tmp_path):
    """A two-message English catalogue, active for the test only."""
    catalog = Catalog(locale="en", domain=i18n.DOMAIN)
    catalog.add("Theo năm", "By year")
    catalog.add("Hoạt động mới nhất", "Latest activities")
    catalog.add("{amount} tỷ đồng", "{amount} billion dong")
    folder = tmp_path / "locale" / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{i18n.DOMAIN}.mo").open("wb") as f:
        write_mo(f, catalog)
    i18n.activate("en", tmp_path / "locale")
    yield
    i18n.activate(i18n.SOURCE_LANGUAGE)


def _home(tmp_path: Path) -> str:
    records = small_tree(tmp_path / "tree")
    return render_site(validate_tree(records, TODAY), records)["index.md"].decode()


def test_a_catalogue_changes_the_wording_and_nothing_else(tmp_path, english):
    home = _home(tmp_path)
    assert "## By year" in home and "## Latest activities" in home
    assert "## Theo năm" not in home
    assert "## Theo nhóm nội dung" in home  # not in the catalogue: the Vietnamese id stands
    # Formats read their words once per catalogue, not once per process.
    assert formats.dong_short(16_400_000_000) == "16,4 billion dong"


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
