"""No page grows without bound: 10,000 activities on one partnership in one year."""

import posixpath
import re
from collections import Counter

import pytest

from generator.pipeline import render_site
from generator.site.pages import paging
from generator.site.slugs import heading_slug
from generator.validate import validate_tree
from generator.view.context import Context
from generator.view.model import LISTING_PAGE_SIZE

from site_records import PROJECT, TODAY, activity, small_tree

MANY = 10_000
PARTNERSHIP = "tp-thu-nghiem-xa-la-dee"
# A page of Markdown a cheap phone still loads: the listings of 50 full records weigh about 60 KB.
BOUND = 200_000
ACTIVITY_ID = re.compile(r"2023-hd-\d{5}")
HREF = re.compile(r'href="([^"]+)"')


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, str]:
    records = small_tree(tmp_path_factory.mktemp("growth"))
    first = "2023-hd-00000"
    activity(records, first, PARTNERSHIP, "2023-03-01", "tham-tang-qua", f"Tặng quà {first}",
             value={"delivered": {"cash": 1_000_000}}, beneficiaries={"households": 3},
             description="Tặng gạo, dầu ăn và sách vở cho hộ nghèo trong xã.")
    # The others are copies of the first under their own ids: yaml.safe_dump 10,000 times takes seconds.
    path = records / "activities" / "2023" / f"{first}.yaml"
    text = path.read_text(encoding="utf-8")
    for i in range(1, MANY):
        other = f"2023-hd-{i:05d}"
        path.with_name(f"{other}.yaml").write_text(text.replace(first, other), encoding="utf-8")
    result = validate_tree(records, TODAY)
    assert not result.errors, [d.text() for d in result.errors[:5]]
    # A workbook is no text: kept by name only, for the links to it.
    return {path: "" if path.endswith(".xlsx") else data.decode("utf-8") for path, data in render_site(result, Context()).items()}


def _pages(files: dict[str, str], folder: str) -> list[str]:
    return [path for path in files if path.startswith(folder) and path.endswith("index.md")]


def test_no_page_outgrows_the_bound(files):
    sizes = {path: len(text.encode()) for path, text in files.items() if path.endswith(".md")}
    assert {path: size for path, size in sizes.items() if size > BOUND} == {}


def test_a_partnerships_year_comes_in_pages_that_list_each_activity_once(files):
    year = f"cap-ket-nghia/{PARTNERSHIP}/nam-2023/"
    pages = _pages(files, year)
    assert len(pages) == -(-(MANY + 1) // LISTING_PAGE_SIZE)  # with the tree's own activity of 2023
    assert f"{year}trang/2/index.md" in pages
    listed: Counter[str] = Counter()
    for path in pages:
        rows = ACTIVITY_ID.findall(files[path].split("<tbody>")[1])
        assert len(rows) <= 2 * LISTING_PAGE_SIZE  # each row names its activity in its link and its title
        listed.update(set(rows))
    assert len(listed) == MANY and set(listed.values()) == {1}


def test_the_activity_listings_hold_each_activity_once(files):
    anchors = Counter(
        anchor for path in _pages(files, "hoat-dong/2023/tham-tang-qua/")
        for anchor in re.findall(r'<tr id="(2023-hd-\d{5})">', files[path])
    )
    assert len(anchors) == MANY and set(anchors.values()) == {1}


def test_every_link_between_pages_finds_its_page_and_row(files):
    checked = 0
    for path, text in files.items():
        if not path.endswith(".md"):
            continue
        here = path.removesuffix("index.md")
        for href in HREF.findall(text):
            if href.startswith(("http://", "https://")):
                continue
            target, _, anchor = href.partition("#")
            resolved = posixpath.normpath(posixpath.join(here, target)).removeprefix(".")
            file = resolved if "." in posixpath.basename(resolved) else f"{resolved}/index.md".lstrip("/")
            written = PROJECT / "docs" / f"{resolved.strip('/')}.md"
            if file not in files and written.is_file():  # a hand-written page: the anchor is a heading's slug,
                # or the id its attribute list gives it ("### Target communes {#xa-muc-tieu}", attr_list)
                headings = re.findall(r"^#+ (.+?)(?: \{#([\w-]+)\})?$", written.read_text(encoding="utf-8"), re.M)
                assert not anchor or anchor in {given or heading_slug(h) for h, given in headings}, (path, href)
                checked += 1
                continue
            assert file in files, (path, href)
            if anchor:  # an element's id, or a heading's (MkDocs gives it its slug)
                assert f'id="{anchor}"' in files[file] or anchor in {
                    heading_slug(h) for h in re.findall(r"^#+ (.+)$", files[file], re.M)}, (path, href)
            checked += 1
    assert checked > MANY


def test_the_sponsor_and_locality_pages_show_the_newest_and_point_to_the_rest(files):
    for path in ("don-vi/tp-thu-nghiem/index.md", "dia-ban/xa-la-dee/index.md"):
        page = files[path]
        assert "20 hoạt động mới nhất, trên tổng số 10.002" in page
        assert len(ACTIVITY_ID.findall(page)) <= 2 * 20
    partnership = files[f"cap-ket-nghia/{PARTNERSHIP}/index.md"]
    assert 'href="nam-2023/"' not in partnership and f'href="../../cap-ket-nghia/{PARTNERSHIP}/nam-2023/"' in partnership


def test_the_pager_stays_short_and_reaches_every_page_in_a_few_steps():
    assert paging.pager_numbers(2, 1) == [1, 2] and paging.pager_numbers(7, 4) == [1, 2, 3, 4, 5, 6, 7]
    count = 2000
    links = {n: paging.pager_numbers(count, n) for n in range(1, count + 1)}
    assert max(len(shown) for shown in links.values()) <= 40
    assert all(n in shown and shown[0] == 1 and shown[-1] == count for n, shown in links.items())
    # From the first page, each page within a few clicks.
    steps, reached = 0, {1}
    while len(reached) < count:
        reached |= {m for n in reached for m in links[n]}
        steps += 1
    assert steps <= 8
