"""The site's wording goes through one catalogue: complete, switchable, Vietnamese by default."""

import ast
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from generator import i18n
from generator.pipeline import render_site
from generator.validate import validate_tree
from generator.view import formats
from generator.view.context import Context

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


@pytest.fixture
def english(tmp_path, monkeypatch):
    """A two-message English catalogue, active for the test only."""
    catalog = Catalog(locale="en", domain=i18n.DOMAIN)
    catalog.add("Theo năm", "By year")
    catalog.add("Hoạt động mới nhất", "Latest activities")
    catalog.add("{amount} tỷ đồng", "{amount} billion dong")
    folder = tmp_path / "locale" / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{i18n.DOMAIN}.mo").open("wb") as f:
        write_mo(f, catalog)
    monkeypatch.setattr(i18n, "LOCALE", tmp_path / "locale")  # where a render looks for its language
    i18n.activate("en", tmp_path / "locale")
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
