"""A commune's page on a phone: who helps and what came first, the facts after; the link to
the record file said in words; a district's table gives a unit's end date."""
from __future__ import annotations

from playwright.sync_api import expect

from browser_support import PHONE


def test_a_commune_page_leads_with_who_helps_on_the_first_screen(site):
    page = site.open("dia-ban/xa-la-dee/", viewport=PHONE)
    helps = page.locator("article h2#don-vi-ket-nghia")
    expect(helps).to_be_visible()
    # Before: the administrative fields filled 3.7 screens above it.
    assert helps.bounding_box()["y"] < PHONE["height"]
    facts = page.locator("article h2#thong-tin-dia-ban")
    assert facts.bounding_box()["y"] > helps.bounding_box()["y"]
    expect(page.locator("article")).to_contain_text("TP Tam Kỳ")


def test_the_record_file_is_named_in_words(site):
    page = site.open("dia-ban/xa-la-dee/", viewport=PHONE)
    note = page.locator("article p.ledger-source")
    expect(note).to_contain_text("tệp hồ sơ công khai")
    expect(note.get_by_role("link", name="records/localities/xa-la-dee.yaml")).to_be_visible()


def test_a_districts_table_gives_an_ended_units_last_day(site):
    page = site.open("dia-ban/huyen-tien-phuoc/")
    row = page.locator("article tr", has=page.get_by_role("link", name="xã Tiên Cẩm", exact=True))
    expect(row).to_contain_text("31/12/2024")
