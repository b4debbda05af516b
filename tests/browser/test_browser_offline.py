"""The offline copy: the zip offered on the open-data page, unzipped and opened from disk
(file://, no server) in Chromium. Pages open, links name files that exist, search answers
as the served site does (its index read as scripts: a browser fetches nothing from disk)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from generator.site import offline, search_index
from generator.view import urls

from browser_support import Site, heading


@pytest.fixture(scope="module")
def unzipped(built_site, tmp_path_factory) -> Path:
    archive = built_site / urls.OPEN_DATA / urls.OFFLINE_FILE
    assert archive.is_file()
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        assert all(name.startswith(f"{offline.ROOT}/") for name in names)
        opened.extractall(target)
    return target / offline.ROOT


@pytest.fixture
def disk(browser, unzipped):
    opened = Site(browser, unzipped.as_uri() + "/")
    yield opened
    problems = opened.problems()
    opened.close()
    assert not problems, "\n".join(problems)


def _local_targets(page) -> list[str]:
    hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    return sorted({h.split("#")[0] for h in hrefs if h.startswith("file:")})


def test_the_open_data_page_offers_the_zip_with_its_size_and_date(built_site):
    page = (built_site / urls.OPEN_DATA / "index.html").read_text(encoding="utf-8")
    assert f'href="{urls.OFFLINE_FILE}"' in page and "<!--size-->" not in page
    assert "data-offline-copy hidden" not in page
    assert re.search(r"tệp zip, [\d,]+ (MB|KB); dữ liệu đến ngày \d+/\d+/\d{4}", page)


def test_pages_and_links_work_from_disk(disk, unzipped):
    page = disk.new_page()
    page.goto(disk.url("index.html"))
    checked = 0
    for path in ("index.html", "dia-ban/index.html", "dia-ban/huyen-nam-giang/index.html", "du-lieu-mo/index.html"):
        page.goto(disk.url(path))
        for target in _local_targets(page):
            file = Path(unquote(urlsplit(target).path))
            assert file.is_file(), f"{path} links {target}"  # a file, not a folder listing
            checked += 1
    assert checked > 50
    page.goto(disk.url("index.html"))
    page.locator("nav a", has_text="Địa bàn").first.click()
    expect(page).to_have_url(disk.url("dia-ban/index.html"))
    page.locator("article a[href$='dia-ban/huyen-nam-giang/index.html']").first.click()
    expect(page).to_have_url(disk.url("dia-ban/huyen-nam-giang/index.html"))
    assert "Nam Giang" in heading(page)


def test_search_works_from_disk(disk):
    page = disk.new_page()
    page.goto(disk.url("index.html"))
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("phuoc chanh", delay=20)
    results = page.locator("ol.md-search-result__list a.md-search-result__link")
    hit = results.and_(page.locator("a[href*='dia-ban/xa-phuoc-chanh/index.html']"))
    expect(hit).not_to_have_count(0)
    hit.first.click()
    expect(page).to_have_url(disk.url("dia-ban/xa-phuoc-chanh/index.html"))


def test_the_index_comes_as_scripts_in_the_copy_only(built_site, unzipped):
    copy, served = unzipped / urls.SEARCH, built_site / urls.SEARCH
    data = sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*.json"))
    scripts = sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*.js"))
    assert "meta.json" in data and len(data) > 10
    assert scripts == sorted(search_index.script_name(name) for name in data)
    assert sorted(p.relative_to(served).as_posix() for p in served.rglob("*")) == sorted(
        [*data, *{str(Path(name).parent) for name in data if "/" in name}]
    )  # the served site: the same files, no script


def test_the_copy_loads_no_script_from_elsewhere_nor_a_worker_shim(unzipped):
    pages = sorted(unzipped.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', text), page
        assert "iframe-worker" not in text, page  # Material's search worker's shim: no worker here
    assert not list(unzipped.rglob("*iframe-worker*"))


QUERIES = ("phuoc chanh", "Hòa", "nha dai doan ket", "heo", "tay giang", "zzzz")


def test_search_from_disk_finds_what_the_served_site_finds(disk, site, unzipped):
    served = site.open()
    on_disk = disk.new_page()
    on_disk.goto(disk.url("index.html"))
    for query in QUERIES:
        expected = served.evaluate("q => window.ketnghiaSearch.find(q)", query)
        found = on_disk.evaluate("q => window.ketnghiaSearch.find(q)", query)
        assert [[urls.served(u), *rest] for u, *rest in found] == expected, query
        for url, *_ in found:  # each result links a file of the copy
            assert (unzipped / url.split("#")[0]).is_file(), url


def test_a_missing_index_file_fails_clearly_from_disk(browser, unzipped, tmp_path):
    broken = Path(shutil.copytree(unzipped, tmp_path / offline.ROOT))
    (broken / urls.SEARCH / "meta.js").unlink()
    opened = Site(browser, broken.as_uri() + "/")
    try:
        page = opened.new_page()
        page.goto(opened.url("index.html"))
        assert "not found" in page.evaluate("window.ketnghiaSearch.find('heo').then(() => 'found', e => e.message)")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("heo", delay=20)
        failed = page.locator("[data-ketnghia-search]").get_attribute("data-failed")
        expect(page.locator(".md-search-result__meta")).to_have_text(failed or "?")
    finally:
        opened.close()
