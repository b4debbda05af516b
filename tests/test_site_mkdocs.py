"""A real `mkdocs build --strict` of the shipped records (a few seconds)."""

import html
import json
import re
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from generator.site import urls as site_urls
from generator.site.render import render_site
from generator.site.writer import write_tree
from generator.validate import validate_tree

from site_records import PROJECT, TODAY


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    shutil.copy(PROJECT / "mkdocs.yml", root)
    for folder in ("overrides", "generator"):
        shutil.copytree(PROJECT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PROJECT / "docs", root / "docs", ignore=shutil.ignore_patterns("generated"))
    if not (root / "docs" / "huong-dan-dong-gop.md").exists():  # written in another change
        (root / "docs" / "huong-dan-dong-gop.md").write_text("# Hướng dẫn đóng góp\n", encoding="utf-8")
    records = shutil.copytree(PROJECT / "records", root / "records")
    result = validate_tree(records, TODAY)
    assert not result.errors, [d.text() for d in result.errors]
    write_tree(render_site(result, records), root / "docs" / "generated")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""},
    )
    assert done.returncode == 0, done.stderr
    return root / "site"


def test_generated_pages_are_served_from_the_site_root(built_site):
    assert (built_site / "index.html").exists()
    assert (built_site / "dia-ban" / "xa-phuoc-chanh" / "index.html").exists()
    assert (built_site / "du-lieu-mo" / "hoat-dong.csv").exists()
    assert not (built_site / "generated").exists()


def test_no_request_to_another_host(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', html), page
        assert 'data-md-component="source"' not in html  # it would ask the GitHub API


def test_tables_set_aside_from_markdown_are_back(built_site):
    page = (built_site / "hoat-dong" / "index.html").read_text(encoding="utf-8")
    assert "<table data-sortable>" in page and "ledger-block" not in page


def test_every_internal_link_and_anchor_resolves(built_site):
    """Generated links are HTML, which `mkdocs build --strict` does not check: every page
    and every #anchor they point at must exist."""
    ids: dict = {}

    def ids_of(page: Path) -> set:
        if page not in ids:
            ids[page] = set(re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8")))
        return ids[page]

    checked = 0
    for page in built_site.rglob("*.html"):
        if page.name == "404.html":  # served from any depth, so MkDocs writes it with root paths
            continue
        for href, anchor in re.findall(r'href="([^"#:?/][^"#:?]*|)(?:#([^"]*))?"', page.read_text(encoding="utf-8")):
            target = (page.parent / href).resolve() if href else page
            if href.endswith("/"):
                target = target / "index.html"
            assert target.exists(), f"{page.relative_to(built_site)} -> {href}"
            if anchor and target.suffix == ".html":
                assert html.unescape(urllib.parse.unquote(anchor)) in ids_of(target), (
                    f"{page.relative_to(built_site)} -> {href}#{anchor}"
                )
                checked += 1
    assert checked > 100  # the activity rows, headings and the 'cited by' lists were checked


def test_search_index_holds_pages_and_activities_folded(built_site):
    folder = built_site / "tim-kiem"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    entries = [e for chunk in range(0, meta["entries"], meta["chunk"])
               for e in json.loads((folder / "e" / f"{chunk // meta['chunk']}.json").read_text(encoding="utf-8"))]
    urls = [e[0] for e in entries]
    assert len(urls) == meta["entries"] == len(set(urls))
    shard = json.loads((folder / "w" / "phu.json").read_text(encoding="utf-8"))
    title, _ = shard["phuoc"]
    assert "dia-ban/xa-phuoc-chanh/" in [urls[sum(title[: i + 1])] for i in range(len(title))]
    # Each activity is an entry of its own, on its row's anchor: its listing page has its id.
    activities = [u for u in urls if u.startswith("hoat-dong/20") and "#" in u]
    assert activities
    for url in activities:
        page, anchor = url.split("#")
        assert f'id="{anchor}"' in (built_site / page / "index.html").read_text(encoding="utf-8")
    assert not (built_site / "search").exists()  # Material's lunr index is gone
    assert not [p for p in folder.rglob("*") if p.is_file() and p.suffix != ".json"]  # scripts: offline copy only
    assert all(site_urls.served(u) == u for u in urls)  # numbered by their own URLs, as before the copy's
    assert sum(p.stat().st_size for p in folder.rglob("*.json")) < 1_500_000


def test_pages_announce_their_feed_and_print_a_heading_line(built_site):
    """Feed readers find the Atom feed from the page (overrides/main.html); the line printed
    above every page names the site and the data date."""
    for page, feed in (("index.html", "hoat-dong/atom.xml"), ("hoat-dong/index.html", "hoat-dong/atom.xml"),
                       ("dia-ban/huyen-nam-giang/index.html", "dia-ban/huyen-nam-giang/atom.xml"),
                       ("don-vi/ban-dan-toc-tinh/index.html", "don-vi/ban-dan-toc-tinh/atom.xml")):
        html_text = (built_site / page).read_text(encoding="utf-8")
        found = re.search(r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', html_text)
        assert found, page
        assert ((built_site / page).parent / found[1]).resolve() == (built_site / feed).resolve()
        assert (built_site / feed).is_file()
        assert re.search(r'class="ledger-print-head"[^>]*>Sổ kết nghĩa Quảng Nam – Đà Nẵng[^<]*<span data-print-address>', html_text)
        assert re.search(r"Số liệu đến ngày \d+/\d+/\d{4}", html_text), page
    assert 'rel="alternate feed"' not in (built_site / "dia-ban/xa-phuoc-chanh/index.html").read_text(encoding="utf-8")
