"""Search as readers type it, in Chromium: any spelling of a word finds the same things,
activities included, and a hit on an activity opens its row.

Built from the shipped records: the names below are real records (records/…).
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from generator.folding import words

PIG_MODEL = "hoat-dong/2023/mo-hinh-sinh-ke/#2023-01-06-tam-ky-mo-hinh-heo-co-xa-la-dee-xa-la-ee"
GREAT_UNITY_HOUSE = "2023-dai-loc-nha-dai-doan-ket-xa-la-ee"
CH_OM = "dia-ban/xa-ch-om/"

# Spellings a reader may type for the same words: each group must give the same results.
SPELLINGS = [
    ("Hòa", "Hoà", "hoa", "HOÀ", "hóa", "Hoa"),
    ("Ch'ơm", "chom", "chơm", "ch'om", "Ch’ơm", "CHƠM", "chʼơm"),
    ("nha dai doan ket", "nhà đại đoàn kết", "Nhà Đại Đoàn Kết", "NHA DAI DOAN KET", "nhà đai đoan kêt"),
    ("heo", "Heo", "HEO", "hèo"),
    ("phuoc chanh", "Phước Chánh", "PHƯỚC CHÁNH", "phước chanh"),
    ("Hiệp Hòa", "Hiệp Hoà", "hiep hoa"),
]


def _find(page, query: str) -> list[str]:
    """Every result of `query` (URLs from the site root), in the order shown."""
    return [hit[0] for hit in page.evaluate("q => window.ketnghiaSearch.find(q)", query)]


def _typed(page, query: str):
    """The query typed in the search box, as a reader does: the links of the results shown."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=10)
    results = page.locator("ol.md-search-result__list a.md-search-result__link")
    return results


@pytest.mark.parametrize("spellings", SPELLINGS, ids=lambda s: s[0])
def test_every_spelling_finds_the_same_results(site, spellings):
    page = site.open("")
    found = {query: _find(page, query) for query in spellings}
    first = found[spellings[0]]
    assert first, spellings[0]
    for query, results in found.items():
        assert results == first, f"{query!r} and {spellings[0]!r} differ"


def test_what_each_spelling_finds(site):
    page = site.open("")
    assert CH_OM in _find(page, "chom")
    assert _find(page, "ch'om")[0] == CH_OM  # the commune first, then what mentions it
    assert PIG_MODEL in _find(page, "heo")
    assert PIG_MODEL in _find(page, "heo cỏ")
    assert any(url.endswith("#2021-12-27-dien-luc-den-nang-luong-mat-troi-xa-a-vuong") for url in _find(page, "den chieu sang"))
    assert any(url.endswith("#2021-tam-ky-qua-tet-xa-la-dee-xa-la-ee") for url in _find(page, "300 suất"))
    assert any(url.endswith("#" + GREAT_UNITY_HOUSE) for url in _find(page, "nha dai doan ket"))
    # Both words, not xã Phước Hoà. Phường Hòa Hiệp Bắc and Hòa Hiệp Nam (Đà Nẵng, until 2025)
    # hold both words in their titles too, and come first in the index's order (by address).
    hiep_hoa = _find(page, "hiep hoa")
    assert "dia-ban/xa-hiep-hoa/" in hiep_hoa[:3] and "dia-ban/xa-phuoc-hoa/" not in hiep_hoa, hiep_hoa
    assert "dia-ban/xa-phuoc-chanh/" in _find(page, "phuoc chanh")
    # Whole words: "hoa" is not the beginning of "hoạch"; the last word, while it is not a
    # word of its own, is the beginning of the words being typed.
    assert not any("ke-hoach" in url for url in _find(page, "hoa")), [u for u in _find(page, "hoa") if "ke-hoach" in u]
    assert _find(page, "xa zuoi")[0] == "dia-ban/xa-zuoich/"
    assert _find(page, "khongcotu") == []


def test_typing_shows_results_and_an_activity_hit_opens_its_row(site):
    page = site.open("")
    results = _typed(page, "heo co")
    hit = results.and_(page.locator(f"a[href='{site.url(PIG_MODEL)}']"))
    expect(hit).to_have_count(1)
    expect(hit).to_contain_text("mô hình nuôi heo cỏ")
    hit.click()
    expect(page).to_have_url(site.url(PIG_MODEL))
    row = page.locator(f"tr[id='{urlsplit(PIG_MODEL).fragment}']")
    expect(row.locator("details")).to_have_attribute("open", "")
    expect(row).to_be_in_viewport()


def test_enter_opens_the_first_result(site):
    page = site.open("")
    results = _typed(page, "Ban Dân tộc tỉnh")
    expect(results.first).to_have_attribute("href", site.url("don-vi/ban-dan-toc-tinh/"))
    page.locator("input.md-search__input").press("Enter")
    expect(page).to_have_url(site.url("don-vi/ban-dan-toc-tinh/"))


def test_record_text_in_results_is_text_not_markup(site):
    page = site.open("")
    _typed(page, "heo")
    expect(page.locator("ol.md-search-result__list a.md-search-result__link").first).to_be_visible()
    assert page.locator("ol.md-search-result__list script, ol.md-search-result__list img").count() == 0


def test_no_console_message_and_no_index_before_a_search(site):
    """Material's lunr logged "Function is not registered with pipeline" on every page; the
    index is fetched when a reader searches, not on every page view."""
    messages: list[str] = []
    page = site.new_page()
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    for path in ("", "dia-ban/", "dia-ban/xa-ch-om/", "hoat-dong/2023/mo-hinh-sinh-ke/", "gioi-thieu/"):
        page.goto(site.url(path))
        page.wait_for_load_state("networkidle")
    assert not [p for p in fetched if p.startswith(("/tim-kiem/", "/search/", "/assets/javascripts/workers/"))]
    results = _typed(page, "Phước Chánh")
    expect(results.first).to_be_visible()
    assert any(p.startswith("/tim-kiem/") for p in fetched)
    assert messages == []


# Text the browser and the index must fold alike: Vietnamese in composed and decomposed form,
# old and new tone placement, capitals, apostrophes of every kind, digits, other scripts.
SAMPLES = [
    "Nhà Đại Đoàn Kết", "NHÀ ĐẠI ĐOÀN KẾT", unicodedata.normalize("NFD", "Phước Hoà Đức Ừ"),
    "Ch'ơm Ch’ơm Chʼơm Ch`ơm", "Hòa Hoà Hóa Hoá Thủy Thuỷ", "90.000.000 đồng, 300 suất",
    "İstanbul Straße Ærø Œuvre", "Москва Ёлка й", "Ελληνικά άέή", "東京 한국어", "a_b-c/d",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_the_browser_folds_queries_as_the_index_folds_text(site, text):
    page = site.open("")
    expected = list(dict.fromkeys(words(text)))[:8]  # the script keeps each word once, 8 at most
    assert page.evaluate("t => window.ketnghiaSearch.words(t)", text) == expected


def test_slash_opens_the_search_and_escape_closes_it(site):
    page = site.open("dia-ban/", {"width": 360, "height": 640})
    box = page.locator("input.md-search__input")
    toggle = page.locator("#__search")  # Material's toggle: checked, the search is open
    expect(toggle).not_to_be_checked()
    page.keyboard.press("/")
    expect(toggle).to_be_checked()
    expect(box).to_be_focused()
    box.press_sequentially("chom", delay=10)
    expect(page.locator("ol.md-search-result__list a.md-search-result__link").first).to_have_attribute(
        "href", site.url("dia-ban/xa-ch-om/")
    )
    box.press("Escape")
    expect(toggle).not_to_be_checked()


# Search that forgives (real records): one typo, names' syllables joined or split, a beginning
# on every word of a name, the whole name first.
FORGIVEN = [
    ("tra leg", ("dia-ban/xa-tra-leng-2025/", "dia-ban/xa-tra-leng/")),  # one typo in "leng"
    ("tra lenng", ("dia-ban/xa-tra-leng-2025/", "dia-ban/xa-tra-leng/")),
    ("phuoc chnah", ("dia-ban/xa-phuoc-chanh-2025/", "dia-ban/xa-phuoc-chanh/")),  # two letters swapped
    ("quangphu", ("dia-ban/phuong-quang-phu-2025/",)),  # Quảng Phú in one word
    ("hoian dong", ("dia-ban/phuong-hoi-an-dong-2025/",)),
    ("macooi", ("dia-ban/xa-ma-cooi/",)),  # Mà Cooi in one word
    ("la de", ("dia-ban/xa-la-dee-2025/", "dia-ban/xa-la-dee/")),  # "de" begins "Dêê"
    ("tra my", ("dia-ban/xa-tra-my-2025/",)),  # the whole name: xã Trà My before huyện Bắc Trà My
    ("hiep hoa", ("dia-ban/xa-hiep-hoa/",)),
]


@pytest.mark.parametrize(("query", "first"), FORGIVEN, ids=[q for q, _ in FORGIVEN])
def test_search_forgives_and_puts_the_name_first(site, query, first):
    page = site.open("")
    found = _find(page, query)
    assert found[: len(first)] and found[0] in first and set(first) <= set(found[: len(first) + 2]), found[:6]


def test_names_written_in_one_word_or_two_find_each_other(site):
    page = site.open("")
    both = {"dia-ban/xa-a-vuong/", "dia-ban/xa-avuong-2025/"}  # xã A Vương and xã Avương
    for query in ("a vuong", "avuong", "A Vương", "Avương"):
        assert both <= set(_find(page, query)[:4]), query
    # Hội An first either way (the units of thành phố Hội An follow "hoi an" too: it is in their titles).
    assert _find(page, "hoian")[0] == _find(page, "hoi an")[0] == "dia-ban/phuong-hoi-an-2025/"


def test_a_typo_is_forgiven_only_in_a_word_of_four_letters_or_more(site):
    page = site.open("")
    assert PIG_MODEL in _find(page, "heo co")
    assert PIG_MODEL not in _find(page, "hxo co")  # "heo" has three letters: a typo in it is not guessed
    assert _find(page, "khongcotu") == []


def test_a_query_is_offered_when_nothing_is_found(site):
    page = site.open("")
    assert page.evaluate("q => window.ketnghiaSearch.suggestion(q)", "xa chomm khongcotu") == "xa chom"
    assert page.evaluate("q => window.ketnghiaSearch.suggestion(q)", "khongcotu") is None
    _typed(page, "chom khongcotu")
    offer = page.locator(".ketnghia-search-suggestion button")
    expect(offer).to_have_text("chom")
    box = offer.bounding_box()
    assert box and box["height"] >= 24
    offer.click()
    expect(page.locator("input.md-search__input")).to_have_value("chom")
    expect(page.locator("ol.md-search-result__list a.md-search-result__link").first).to_have_attribute("href", site.url(CH_OM))


def test_more_results_is_a_target_of_24_px(site):
    page = site.open("dia-ban/", {"width": 360, "height": 640})
    page.keyboard.press("/")
    page.keyboard.type("hoat dong", delay=10)
    more = page.locator(".ketnghia-search-more button")
    expect(more).to_be_visible()
    box = more.bounding_box()
    assert box and box["height"] >= 24 and box["width"] >= 24
