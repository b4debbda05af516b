"""One place per derived fact: the parts of an amount, the gift share, an activity's address and
the record types staff name on the command line are each worked out once, and every page, feed
and report that shows them reads that one place."""
from __future__ import annotations

import re

import pytest

from generator.cli import main
from generator.facts import amount_parts
from generator.intake.columns import importable
from generator.intake.plan import ledger_site
from generator.intake.report import build_report, line_text, summary_lines
from generator.registry import TYPES
from generator.site import feed
from generator.site.pages import activities, home, sponsors, summaries
from generator.view import formats, shares, urls
from generator.view.model import year_of
from generator.view.scopes import programme_activities, sponsor_activities
from generator.view.totals import Figures, Totals, delivered, planned, totals_of

from site_records import TODAY, activity, small_tree
from support import PROJECT

# --- the parts of an amount ----------------------------------------------------------------------


def test_totals_of_figures_count_each_reported_figure_and_leave_cancelled_ones_out():
    figures = [Figures(True, 90, None, 3, None), Figures(False, 50, 10, 1, 2), Figures(True, None, 0, None, 7),
               Figures(True, 0, 20, 0, None)]
    totals = totals_of(figures)
    # The cancelled activity (not counted) adds nothing; a zero is a reported figure, None is not.
    assert totals == Totals(activities=3, delivered_sum=90, delivered_reported=2, planned_sum=20, planned_reported=2,
                            households_sum=3, households_reported=2, people_sum=7, people_reported=1)
    assert (totals.activities, totals.delivered, totals.planned, totals.households,
            totals.people) == (3, 90, 20, 3, 7)
    assert totals_of([]) == Totals() and Totals().delivered is None



def test_amount_parts_are_the_reported_parts_in_their_order_and_zero_is_kept():
    record = {"value": {"delivered": {"unspecified": 5, "in_kind": 0, "cash": 60}, "planned": {}}}
    assert list(amount_parts(record, "delivered").items()) == [("cash", 60), ("in_kind", 0), ("unspecified", 5)]
    assert amount_parts(record, "planned") == {}
    assert amount_parts({}, "delivered") == {} and amount_parts({"value": None}, "planned") == {}


def test_a_total_is_none_when_no_part_was_reported_and_zero_when_zero_was():
    assert delivered({"value": {"delivered": {"cash": 60, "mobilised": 40}}}) == 100
    assert delivered({"value": {"delivered": {"cash": 0}}}) == 0
    assert delivered({"value": {"planned": {"cash": 10}}}) is None
    assert planned({"value": {"planned": {"cash": 10}}}) == 10


# --- the gift share ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """small_tree, with a cancelled gift and a gift in the other direction: neither counts."""
    records = small_tree(tmp_path_factory.mktemp("small"))
    activity(records, "2023-02-01-qua-huy", "tp-thu-nghiem-xa-la-dee", "2023-02-01", "tham-tang-qua",
             "Tặng quà đã hủy", status="huy", value={"planned": {"cash": 5_000_000}})
    activity(records, "2023-03-01-qua-nguoc", "tp-thu-nghiem-xa-la-dee", "2023-03-01", "tham-tang-qua",
             "Quà của xã gửi đơn vị", given_by="dia-ban-ket-nghia", value={"delivered": {"cash": 7_000_000}})
    activity(records, "2024-01-01-qua-huy", "tp-thu-nghiem-xa-la-dee", "2024-01-01", "tham-tang-qua",
             "Tặng quà đã hủy", status="huy")
    return ledger_site(records, TODAY)


def test_the_gift_share_is_of_delivered_value_and_of_number_leaving_out_what_counts_nowhere(small_site):
    share = shares.share(small_site, small_site.activities)
    assert (share.every.activities, share.part.activities) == (4, 2)  # the cancelled and the reverse gifts left out
    assert share.value == 30_000_000 + 16_400_000_000
    assert share.every.delivered == 90_000_000 + 30_000_000 + 16_400_000_000
    assert share.by_value == formats.percent(16_430_000_000, 16_520_000_000)
    assert share.by_number == "50%"
    assert share.fraction == pytest.approx(16_430 / 16_520)


def test_the_gift_share_by_year_is_oldest_first_and_says_when_no_value_was_reported(small_site):
    years = shares.by_year(small_site, small_site.activities)
    assert list(years) == ["2021", "2022", "2023", "2024"]
    assert (years["2023"].by_value, years["2023"].by_number) == ("25%", "50%")
    assert years["2022"].every.delivered is None and years["2022"].by_value == "–" and years["2022"].fraction is None
    assert years["2024"].every.activities == 0 and years["2024"].by_number == "–"  # only a cancelled activity


def test_the_share_of_training_is_read_the_same_way(small_site):
    training = shares.share(small_site, small_site.activities, "training")
    assert (training.part.activities, training.value) == (1, 0)  # the training reported no value
    assert training.by_value == "0%"


@pytest.fixture(scope="module")
def shipped():
    return ledger_site(PROJECT / "records", TODAY)


def _reported_share(site, year: str, **subject) -> str:
    gift = next(line for line in summary_lines(build_report(site, year, **subject)) if line.what.startswith("Tặng quà"))
    found = re.fullmatch(r".* \((.*)\)", line_text(gift))
    assert found, line_text(gift)
    return found.group(1)


def _summary_share(site, record_type: str, record_id: str, year: str) -> str | None:
    """The share the yearly summary page prints; None when it says no value was reported."""
    listed = [site.activities[a] for a in site.in_date_order(
        programme_activities(site, record_id) if record_type == "programme" else sponsor_activities(site, record_id))
        if year_of(site.activities[a]) == year]
    first = next(summaries.summary_pages(site, record_type, record_id, year, listed))
    found = re.search(r"Tặng quà: .* trên tổng .* đã thực hiện \((.*?)\)\.", first.body)
    return found.group(1) if found else None


def test_a_sponsor_page_its_summaries_and_its_reports_give_one_gift_share(shipped):
    """On the shipped records: each year of each sponsor with a delivered value, as the page's
    year table, the printed summary and the report give it."""
    checked = 0
    for oid in sorted(shipped.organizations):
        ids = sponsor_activities(shipped, oid)
        page = sponsors.sponsor_page(shipped, oid).body
        table = dict(re.findall(r'<tr><td data-sort="(\d{4})" class="ledger-number">\d{4}</td>'
                                r'(?:<td[^>]*>[^<]*</td>){3}<td[^>]*>([^<]*)</td>', page))
        for year, share in shares.by_year(shipped, ids).items():
            if not share.every.delivered:
                continue
            checked += 1
            assert table[year] == share.by_value, (oid, year)
            assert _summary_share(shipped, "organization", oid, year) == share.by_value, (oid, year)
            assert _reported_share(shipped, year, sponsor=oid) == share.by_value, (oid, year)
    assert checked >= 10


def test_the_home_page_a_programmes_summaries_and_its_reports_give_one_gift_share(shipped):
    body = home.home_page(shipped).body
    checked = 0
    for pid in sorted(shipped.programmes):
        listed = [shipped.activities[a] for a in programme_activities(shipped, pid)]
        if not listed:  # an earlier phase, a line of its own
            continue
        chart = home.gift_share_chart(shipped, listed)
        assert chart in body, pid  # what the home page shows for the programme
        by_value = chart.partition("Tỷ trọng tặng quà trong giá trị đã thực hiện")[2]
        bars = dict(re.findall(r'<text x="0" y="\d+">(\d{4})</text><rect[^>]*></rect><text[^>]*>([^<]*) \(từ', by_value))
        for year, share in shares.by_year(shipped, [a["id"] for a in listed]).items():
            if not share.every.delivered_reported:
                continue
            checked += 1
            assert bars[year] == share.by_value, (pid, year)
            assert _summary_share(shipped, "programme", pid, year) == share.by_value, (pid, year)
            assert _reported_share(shipped, year, programme=pid) == share.by_value, (pid, year)
    assert checked >= 5


# --- an activity's address -----------------------------------------------------------------------


def test_an_activitys_address_is_its_listing_page_at_the_anchor_of_its_id():
    assert urls.activity("2023-a", {"2023-a": "hoat-dong/2023/qua/trang/2/"}) == "hoat-dong/2023/qua/trang/2/#2023-a"


def test_every_activity_address_leads_to_its_row_and_the_feed_links_there(shipped):
    listings = {page.url: page.body for page in activities.pages(shipped)}
    for aid in shipped.activities:
        page, _, anchor = urls.activity(aid, shipped.activity_urls).partition("#")
        assert anchor == aid and f'<tr id="{aid}">' in listings[page], aid
    feed_url = urls.feed()
    entries = re.findall(r'<id>[^<]*/activity/([^<]+)</id>.*?<link rel="alternate" type="text/html" href="([^"]+)"/>',
                         feed.files(shipped)[feed_url].decode())
    assert len(entries) >= 10
    for aid, href in entries:
        assert href == urls.relative(feed_url, urls.activity(aid, shipped.activity_urls)), aid


# --- the record types on the command line --------------------------------------------------------


def test_the_import_names_its_record_types_by_the_registrys_folders(tmp_path, capsys):
    assert main(["-C", str(PROJECT), "template", "hoso", str(tmp_path / "a.xlsx")]) == 2
    said = capsys.readouterr().err
    for record_type in importable():
        assert TYPES[record_type].folder in said, record_type
    assert main(["-C", str(PROJECT), "template", TYPES["document"].folder, str(tmp_path / "b.xlsx"),
                 "--today", TODAY.isoformat()]) == 0
    assert (tmp_path / "b.xlsx").exists()
