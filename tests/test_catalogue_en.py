"""The English catalogue is complete: every message of the template translated, its
placeholders and markup kept, both plural forms given, the programme's terms said one way,
no Vietnamese word left; and it compiles and loads."""

import io
import re
import string
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from generator import i18n
from generator.site.glossary import TERMS

TEMPLATE = i18n.LOCALE / f"{i18n.DOMAIN}.pot"
ENGLISH = i18n.LOCALE / "en" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def _read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f)


@pytest.fixture(scope="module")
def english() -> Catalog:
    return _read(ENGLISH)


def _pairs(message: Message) -> list[tuple[str, str]]:
    """(id, translation) for each form: the singular id goes with the first form, the plural id with the others."""
    if isinstance(message.id, tuple):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        return [(message.id[min(n, 1)], s) for n, s in enumerate(strings)]
    return [(message.id, message.string)]


def _fields(text: str) -> Counter[str]:
    """The {placeholders} of a str.format template, counted: around() needs each exactly once."""
    return Counter(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def _tags(text: str) -> Counter[str]:
    return Counter(re.findall(r"</?[a-z]+[^>]*>", text))


# Words kept in Vietnamese: the currency, as the issue asks ("55.8 billion đồng"), and names quoted
# as examples of their spelling (a rule's title: "Hoà instead of Hòa").
_SAME_IN_ENGLISH = ("đồng", "Hoà", "Hòa")


def _vietnamese_letters(text: str) -> str:
    """Letters an English sentence does not use: any letter outside ASCII, once the shared words are taken out."""
    for word in _SAME_IN_ENGLISH:
        text = text.replace(word, "")
    return "".join(c for c in text if ord(c) > 127 and unicodedata.category(c).startswith("L"))


def test_every_message_of_the_template_is_translated(english):
    template = _read(TEMPLATE)
    untranslated = []
    for message in template:
        if not message.id:
            continue
        translated = english.get(message.id)
        if translated is None or translated.fuzzy or not all(s.strip() for _, s in _pairs(translated)):
            untranslated.append(message.id)
    assert not untranslated, f"translate these in {ENGLISH.name} (after `make messages`): {untranslated}"


def test_the_catalogue_is_english_with_two_plural_forms(english):
    assert str(english.locale) == "en"
    assert english.num_plurals == 2 and english.plural_expr == "(n != 1)"
    assert not english.fuzzy


def test_plural_messages_give_both_forms(english):
    plurals = [m for m in english if isinstance(m.id, tuple)]
    assert plurals
    short = [m.id for m in plurals if not (isinstance(m.string, tuple) and len(m.string) == 2 and all(m.string))]
    assert not short, f"give a singular and a plural form: {short}"


def test_placeholders_and_markup_are_kept(english):
    changed = []
    for message in english:
        for msgid, text in _pairs(message):
            if message.id and (_fields(text) != _fields(msgid) or _tags(text) != _tags(msgid)):
                changed.append((msgid, text))
    assert not changed, f"placeholders or HTML differ from the id: {changed}"


def test_every_translation_formats_with_its_placeholders(english):
    for message in english:
        for msgid, text in _pairs(message):
            if message.id and "python-brace-format" in message.flags:
                values = dict.fromkeys(_fields(msgid), "x")
                assert text.format(**values)


def test_no_vietnamese_word_is_left_in_a_translation(english):
    left = {text: letters for m in english if m.id for _, text in _pairs(m) if (letters := _vietnamese_letters(text))}
    assert not left, f"Vietnamese left in the English catalogue: {left}"


def test_the_vietnamese_check_finds_an_untranslated_word():
    assert _vietnamese_letters("Hoạt động mới nhất") == "ạđộớấ"
    assert _vietnamese_letters("{amount} billion đồng") == ""


# The programme's terms, said one way in every message: a Vietnamese term in the id, the stem of
# its English word (the glossary's, site/glossary.py, where it has one) in each form of the translation.
_TERMS = {
    "xã mục tiêu": ("target commune",),
    "biên giới": ("border",),
    "đơn vị kết nghĩa": ("sponsor",),
    "cặp kết nghĩa": ("partner",),  # partnership, partnered commune
    "tặng quà": ("gift",),
    "nâng cao năng lực": ("capacity building",),
    "hướng dẫn cách làm ăn": ("capacity building",),
    "tập huấn": ("training",),
    "sơ kết": ("interim review",),
    "huyện": ("district",),
    "chương trình": ("programme",),
    "giao ước": ("agreement",),
    "lượt hộ": ("household-times",),
    "đồng": ("đồng", "VND"),
}


def _terms_missed(msgid: str, text: str) -> list[str]:
    return [
        term
        for term, words in _TERMS.items()
        if term in msgid.lower() and not any(word.lower() in text.lower() for word in words)
    ]


def test_the_programme_terms_are_translated_one_way(english):
    missed = {text: terms for m in english if m.id for msgid, text in _pairs(m) if (terms := _terms_missed(msgid, text))}
    assert not missed, f"say the programme's terms as the glossary does: {missed}"


def test_the_terms_check_finds_another_word():
    assert _terms_missed("Đơn vị kết nghĩa", "Twinned unit") == ["đơn vị kết nghĩa"]
    assert _terms_missed("{amount} tỷ đồng", "{amount} billion đồng") == []


def test_a_message_that_is_a_term_of_the_glossary_says_its_gloss(english):
    glosses = {term.vietnamese.lower(): term.english.split(" (")[0] for term in TERMS}  # "sponsor (twinned unit)"
    said = [(text, glosses[msgid.lower()]) for m in english if m.id for msgid, text in _pairs(m) if msgid.lower() in glosses]
    assert len({gloss for _, gloss in said}) >= 6, "the pages name the glossary's terms"
    assert [(text, gloss) for text, gloss in said if not _says(text, gloss)] == []


def _says(text: str, gloss: str) -> bool:
    """The gloss in the text, each of its words in the singular or the plural."""
    return re.search(r"\s+".join(re.escape(word) + "s?" for word in gloss.split()), text, re.IGNORECASE) is not None


def test_the_gloss_check_reads_plurals_and_finds_another_word():
    assert _says("Communes with recorded support", "commune with recorded support")
    assert not _says("Twinned units", "sponsor")


def test_the_catalogue_compiles_and_loads(english):
    compiled = io.BytesIO()
    write_mo(compiled, english)
    compiled.seek(0)
    loaded = Translations(compiled, domain=i18n.DOMAIN)
    assert loaded.gettext("Độ phủ") == "Coverage"
    assert loaded.ngettext("{count} hoạt động", "{count} hoạt động", 1) == "{count} activity"
    assert loaded.ngettext("{count} hoạt động", "{count} hoạt động", 2) == "{count} activities"
    # A plural message asked for with _() (a term in a sentence) gives its first form, not the Vietnamese.
    assert loaded.gettext("xã có cặp kết nghĩa") == "partnered commune"


def test_the_site_speaks_english_from_the_shipped_catalogue():
    assert "en" in i18n.languages()
    with i18n.speaking("en"):
        assert i18n._("Độ phủ") == "Coverage"
        assert i18n.ngettext("{count} hoạt động", "{count} hoạt động", 2) == "{count} activities"
    assert i18n._("Độ phủ") == "Độ phủ"
