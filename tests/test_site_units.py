"""Old and new units apart, on the shipped records: a commune of 2020 and its successor of
1/7/2025 bear one name; every title and heading tells them apart, the successors sit under the
programme whose communes they took over, and a 2025 commune leads with its predecessors' help."""
from __future__ import annotations

import re

import pytest

from generator.site.render import render_files
from generator.validate import validate_tree
from generator.view.config import read_context
from generator.view.model import DISTRICT_LEVELS, build_site

from site_records import PROJECT, TODAY


@pytest.fixture(scope="module")
def shipped():
    result = validate_tree(PROJECT / "records", TODAY)
    assert not result.errors, [d.text() for d in result.errors]
    site = build_site(result, read_context(PROJECT))
    files = {path: data.decode() for path, data in render_files(site).items() if path.endswith(".md")}
    return site, files


def _title_and_heading(page: str) -> tuple[str, str]:
    title = re.search(r'^title: "(.*)"$', page, re.M)
    heading = re.search(r"^# (.*)$", page, re.M)
    assert title and heading
    return title[1], heading[1]


def test_the_two_tra_leng_pages_differ_in_title_and_heading(shipped):
    _, files = shipped
    old = _title_and_heading(files["dia-ban/xa-tra-leng/index.md"])
    new = _title_and_heading(files["dia-ban/xa-tra-leng-2025/index.md"])
    assert old[0] != new[0] and old[1] != new[1]
    assert old[0] == "xã Trà Leng (huyện Nam Trà My, đến 30/6/2025)"
    assert new[0] == "xã Trà Leng (thành phố Đà Nẵng, từ 1/7/2025)"


def test_every_unit_sharing_a_name_is_named_apart_and_the_others_are_not(shipped):
    site, files = shipped
    titles = {lid: _title_and_heading(files[f"dia-ban/{lid}/index.md"])[0] for lid in site.localities}
    assert len(set(titles.values())) == len(titles)  # no two pages bear one title
    # The plain name where no other unit bears it: the qualifier is not noise on every page.
    assert titles["xa-phuoc-chanh-2025"].endswith("từ 1/7/2025)")
    assert titles["huyen-nam-giang"] == "huyện Nam Giang"
    # Search results and dropdowns take the same name (search entries, filters, workbooks read it).
    assert site.locality_name("xa-tra-leng") == titles["xa-tra-leng"]


def _first_paragraph_under(page: str, heading: str) -> str:
    section = page.split(f"\n## {heading}\n", 1)[1]
    return re.search(r"<p[^>]*>(.*?)</p>", section, re.S)[1]


def test_a_2025_commune_leads_with_its_predecessors_recorded_help(shipped):
    site, files = shipped
    helped = [lid for lid in site.localities
              if any(site.partnerships_of_locality.get(old) for old in site.predecessors.get(lid, []))]
    assert len(helped) >= 5
    for lid in helped:
        page = files[f"dia-ban/{lid}/index.md"]
        since = site.localities[lid]["valid_from"]
        assert since == "2025-07-01"
        assert "Chưa có đơn vị kết nghĩa được ghi nhận" not in page, lid
        lead = page.split("\n## Đơn vị kết nghĩa\n", 1)[1].split("\n## ")[0]
        help_line = re.search(r'<p class="ledger-predecessors">(.*?)</p>', lead, re.S)
        assert help_line and help_line[1].startswith("Trước 1/7/2025, tại "), lid
        sponsors = {s for old in site.predecessors[lid] for p in site.partnerships_of_locality.get(old, [])
                    for s in site.partnerships[p]["sponsors"]}
        assert all(site.sponsor_name(s) in help_line[1] for s in sponsors), lid
        assert 'href="#ket-nghia-tai-cac-don-vi-tien-than"' in help_line[1]
        assert "\n## Kết nghĩa tại các đơn vị tiền thân\n" in page
    # A commune with no partnership of its own and no helped predecessor still says so.
    assert "Chưa có đơn vị kết nghĩa được ghi nhận" in files["dia-ban/phuong-an-hai-2025/index.md"]


def test_the_successors_of_target_communes_sit_under_their_programme(shipped):
    site, files = shipped
    index = files["dia-ban/index.md"]
    programmes, others = index.split("\n## Địa phương khác\n")
    # QĐ 1100 names no commune, only a number per district: the index lists those districts' communes.
    targets = set(site.target_communes("qd-1100-2020-2025")) | {
        c for district, _count in site.district_counts("qd-1100-2020-2025")
        for c in site.children.get(district, []) if site.is_commune(c)}
    successors = {site.localities[c]["successor"] for c in targets if site.localities[c].get("successor")}
    assert len(successors) >= 30
    for lid in successors:
        assert f"dia-ban/{lid}/" in programmes and f"dia-ban/{lid}/" not in others, lid


def test_a_ward_or_commune_sponsor_is_not_labelled_a_district(shipped):
    site, files = shipped
    communes = districts = 0
    for oid, sponsor in site.organizations.items():
        place = sponsor.get("locality")
        if sponsor["kind"] == "khac":  # xã Việt An: formed from mountainous communes, said in its note
            continue
        if (place and site.is_commune(place)) or re.match(r"Ủy ban nhân dân (phường|xã|thị trấn) ", sponsor["name"]):
            assert sponsor["kind"] == "xa-phuong-dong-bang", oid
            assert "Xã, phường, thị trấn đồng bằng" in files[f"don-vi/{oid}/index.md"]
            communes += 1
        elif place and site.localities[place]["level"] in DISTRICT_LEVELS:
            assert sponsor["kind"] == "dia-phuong-dong-bang", oid
            districts += 1
    assert communes >= 15 and districts >= 2


def test_a_shared_amount_says_so_where_it_is_shown(shipped):
    """A sponsorship of two sponsors shows its figures on both pages; joint activities sit in each
    commune's row of a summary: both say so beside the figures."""
    site, files = shipped
    shared = [p for p, d in site.partnerships.items() if len(d["sponsors"]) > 1]
    assert shared
    for pid in shared:
        for oid in site.partnerships[pid]["sponsors"]:
            page = files[f"don-vi/{oid}/index.md"]
            totals = page.split("\n## Tổng hợp hoạt động\n", 1)[1].split("\n## ")[0]
            assert "do nhiều đơn vị cùng nhận" in totals and f"cap-ket-nghia/{pid}/" in totals, oid
    alone = next(o for o in site.organizations
                 if site.partnerships_of_sponsor.get(o) and all(len(site.partnerships[p]["sponsors"]) == 1
                                                                for p in site.partnerships_of_sponsor[o]))
    assert "do nhiều đơn vị cùng nhận" not in files[f"don-vi/{alone}/index.md"]
    joint = [a for a in site.activities.values() if len(a.get("localities", ())) > 1]
    assert joint
    for activity in joint:
        district = site.district_of(activity["localities"][0])
        summary = files[f"dia-ban/{district}/so-ket-{activity['date'][:4]}/index.md"]
        places = summary.split("\n## Địa bàn được hỗ trợ\n", 1)[1].split("\n## ")[0]
        assert re.search(r"\d+ hoạt động chung của nhiều xã được tính ở dòng của từng xã", places)
        assert "hoạt động chung của nhiều xã được tính" in files[f"dia-ban/{district}/index.md"]


def test_the_live_programme_has_summaries_feeds_and_a_visible_follow_link(shipped):
    """Yearly summaries and feeds for each programme, the city and a 2025 commune, as for a
    district; each page with a feed links it in words."""
    site, files = shipped
    rendered = render_files(site)
    commune = "xa-tra-leng-2025"
    for page in ("chuong-trinh/da-nang-2025/", "chuong-trinh/qd-1100-2020-2025/", "dia-ban/thanh-pho-da-nang/",
                 f"dia-ban/{commune}/", "dia-ban/huyen-nam-giang/", "don-vi/ubnd-phuong-son-tra/", "", "hoat-dong/"):
        text = files[page + "index.md"]
        feed = re.search(r'^feed: "([^"]+)"$', text, re.M)
        assert feed and feed[1] in rendered, page
        follow = re.search(r'<p class="ledger-follow">Theo dõi: <a href="([^"]+)">', text)
        assert follow and follow[1].endswith("atom.xml"), page
    for record in ("chuong-trinh/da-nang-2025", "dia-ban/thanh-pho-da-nang", f"dia-ban/{commune}"):
        summary = files[f"{record}/so-ket-2025/index.md"]
        assert summary.startswith("---\ntitle: \"Sơ kết năm 2025: ")
        assert "\n## Các hoạt động và nguồn\n" in summary
        assert f'href="../../{record}/so-ket-2025/">2025</a>' in files[f"{record}/index.md"]
    # The 2025 commune's feed holds its own activities.
    feed = rendered[f"dia-ban/{commune}/atom.xml"].decode()
    assert feed.count("<entry>") == len(site.activities_of_locality[commune]) >= 1
    # A commune of a district is in its district's summary and feed, not in one of its own.
    assert "dia-ban/xa-phuoc-chanh/atom.xml" not in rendered and "Theo dõi" not in files["dia-ban/xa-phuoc-chanh/index.md"]
