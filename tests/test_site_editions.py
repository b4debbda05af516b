"""The English edition (issue 26): the summary pages again under en/, in English, linking to the
Vietnamese record pages; the programme's terms glossed once."""

from __future__ import annotations

import re

import yaml

from generator.pipeline import render_site
from generator.site import editions, glossary
from generator.validate import validate_tree
from generator.view.context import Context

from site_records import PROJECT, TODAY, small_tree

COUNTERPARTS = {"", "chuong-trinh/a/", "du-lieu-mo/", "phuong-phap/"}


def test_a_moved_page_keeps_its_links_into_the_edition_and_aims_the_others_at_the_vietnamese_pages():
    body = ('<a href="../../du-lieu-mo/">A</a> <a href="../../dia-ban/xa-b/">B</a> <a href="#c">C</a> '
            '<a href="../../phuong-phap/#xa-muc-tieu">D</a> <a href="https://example.org/x/">E</a>')
    moved = editions.relink(body, "chuong-trinh/a/", COUNTERPARTS)
    assert moved == ('<a href="../../du-lieu-mo/">A</a> <a href="../../../dia-ban/xa-b/">B</a> <a href="#c">C</a> '
                     '<a href="../../phuong-phap/#xa-muc-tieu">D</a> <a href="https://example.org/x/">E</a>')


def test_links_from_the_home_page_and_to_files_beside_a_page_are_aimed_from_one_folder_down():
    assert editions.relink('<a href="dia-ban/x/">x</a>', "", COUNTERPARTS) == '<a href="../dia-ban/x/">x</a>'
    assert editions.relink('<a href="du-lieu-mo/">d</a>', "", COUNTERPARTS) == '<a href="du-lieu-mo/">d</a>'
    csv = editions.relink('<a href="hoat-dong.csv">CSV</a>', "du-lieu-mo/", COUNTERPARTS)
    assert csv == '<a href="../../du-lieu-mo/hoat-dong.csv">CSV</a>'
    assert editions.relink('<a href="../">home</a>', "du-lieu-mo/", COUNTERPARTS) == '<a href="../">home</a>'


def test_an_address_resolves_as_a_browser_resolves_it():
    assert editions.resolve("do-phu/", "../dia-ban/x/") == "dia-ban/x/"
    assert editions.resolve("do-phu/", "../") == ""
    assert editions.resolve("du-lieu-mo/", "hoat-dong.csv") == "du-lieu-mo/hoat-dong.csv"
    assert editions.resolve("", "") == ""
    assert editions.counterpart("en/do-phu/") == "do-phu/" and editions.counterpart("do-phu/") == "en/do-phu/"


def _render(tmp_path) -> dict[str, str]:
    records = small_tree(tmp_path)
    result = validate_tree(records, TODAY)
    return {path: data.decode() for path, data in render_site(result, Context()).items() if path.endswith(".md")}


def test_the_summary_pages_come_again_under_en_and_the_record_pages_do_not(tmp_path):
    files = _render(tmp_path)
    english = {path for path in files if path.startswith("en/")}
    for path in ("en/index.md", "en/chuong-trinh/index.md", "en/chuong-trinh/qd-1100-2020-2025/index.md",
                 "en/do-phu/index.md", "en/so-lieu-bao-cao/index.md", "en/don-vi/index.md", "en/dia-ban/index.md",
                 "en/dia-ban/huyen-nam-giang/index.md", "en/du-lieu-mo/index.md", "en/du-lieu-mo/tu-dien/index.md"):
        assert path in english, path
    assert not [p for p in english if re.match(r"en/(dia-ban/xa-|don-vi/.+/|cap-ket-nghia/|hoat-dong/|van-ban/)", p)]
    for path in english:
        assert "ledger-edition-note" in files[path], path
        assert 'search: {"exclude": true}' in files[path], path  # the Vietnamese page is the one found


def test_an_english_page_links_the_vietnamese_record_pages_and_its_own_edition(tmp_path):
    files = _render(tmp_path)
    programme = files["en/chuong-trinh/qd-1100-2020-2025/index.md"]
    assert 'href="../../../dia-ban/xa-phuoc-chanh/"' in programme  # a commune: Vietnamese only
    assert 'href="../../phuong-phap/#xa-muc-tieu"' in programme  # the methodology: in English too
    home = files["en/index.md"]
    assert 'href="chuong-trinh/qd-1100-2020-2025/"' in home  # stays in the edition
    assert 'href="../hoat-dong/2023/"' in home  # the activity listings are Vietnamese only


def test_the_english_pages_hold_the_same_figures(tmp_path):
    files = _render(tmp_path)
    figures = re.compile(r'<div class="ledger-figures".*?</div>\n</div>', re.S)
    strong = re.compile(r"<strong>([^<]*)</strong>")
    for path in ("index.md", "chuong-trinh/qd-1100-2020-2025/index.md", "dia-ban/huyen-nam-giang/index.md"):
        vietnamese = [strong.findall(block) for block in figures.findall(files[path])]
        english = [strong.findall(block) for block in figures.findall(files["en/" + path])]
        assert len(vietnamese) == len(english) > 0, path
        assert [len(v) for v in vietnamese] == [len(e) for e in english], path


def test_every_group_of_the_plan_in_the_shipped_vocabulary_has_its_english_gloss():
    vocabulary = yaml.safe_load((PROJECT / "records/vocabularies/support-categories.yaml").read_text(encoding="utf-8"))
    codes = {group["code"] for group in vocabulary["groups"]}
    assert codes == set(glossary.GROUPS)


def test_the_data_dictionary_glosses_the_programmes_terms_in_both_editions(tmp_path):
    files = _render(tmp_path)
    for path in ("du-lieu-mo/tu-dien/index.md", "en/du-lieu-mo/tu-dien/index.md"):
        page = files[path]
        for term in glossary.TERMS:
            assert f'id="{glossary.anchor(term.key)}"' in page and term.english in page, (path, term.key)
        assert "support for social welfare" in page and "Hỗ trợ an sinh xã hội" in page


def test_the_hand_written_english_pages_are_those_the_edition_links():
    written = {f"{path.stem}/" for path in (PROJECT / "docs" / "en").glob("*.md")}
    assert written == set(editions.HAND_WRITTEN)
    for stem in written:  # each has its Vietnamese page, in its language, left out of search
        page = (PROJECT / "docs" / "en" / f"{stem.rstrip('/')}.md").read_text(encoding="utf-8")
        assert (PROJECT / "docs" / f"{stem.rstrip('/')}.md").exists()
        assert page.startswith("---\nlanguage: en\nsearch:\n  exclude: true\n---\n")
