"""The Atom feeds: valid Atom read by a feed library, newest first, ids that do not change
between builds, hostile record text kept as text."""

import xml.etree.ElementTree as ET

import pytest

from generator.pipeline import render_site
from generator.validate import validate_tree
from generator.view.context import Context

from site_records import TODAY, activity, partnership, small_tree, sponsor

feedparser = pytest.importorskip("feedparser")
ATOM = "{http://www.w3.org/2005/Atom}"
SCRIPT = "<script>alert(1)</script>"


def _render(records, hostile=False):
    result = validate_tree(records, TODAY)
    if hostile:
        result.diagnostics = [d for d in result.diagnostics if d.code != "TEXT_MARKUP"]  # the validator would refuse it
    return render_site(result, Context())


def test_programme_feed_is_valid_atom_newest_first(tmp_path):
    files = _render(small_tree(tmp_path))
    parsed = feedparser.parse(files["hoat-dong/atom.xml"])
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    dates = [entry.published for entry in parsed.entries]
    assert dates == sorted(dates, reverse=True) and len(dates) == 4
    assert all(entry.id.startswith("tag:") and entry.link for entry in parsed.entries)
    root = ET.fromstring(files["hoat-dong/atom.xml"])
    # RFC 4287: one id, title and updated for the feed and for each entry; an author somewhere.
    for element in [root, *root.findall(f"{ATOM}entry")]:
        for tag in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{tag}")) == 1, tag
    assert root.find(f"{ATOM}author") is not None


def test_district_and_sponsor_feeds_hold_their_own_activities(tmp_path):
    files = _render(small_tree(tmp_path))
    district = feedparser.parse(files["dia-ban/huyen-nam-giang/atom.xml"])  # xã La Dêê is in Nam Giang
    assert {e.id.rsplit("/", 1)[1] for e in district.entries} == {"2023-01-06-mo-hinh-heo", "2023-01-06-qua-tet"}
    sponsor_feed = feedparser.parse(files["don-vi/so-thu-nghiem/atom.xml"])
    assert {e.id.rsplit("/", 1)[1] for e in sponsor_feed.entries} == {"2022-05-tap-huan", "2021-qua"}
    page = files["dia-ban/huyen-nam-giang/index.md"].decode()
    assert 'feed: "dia-ban/huyen-nam-giang/atom.xml"' in page
    assert "feed:" not in files["dia-ban/xa-la-dee/index.md"].decode()  # communes have none


def test_entry_ids_are_stable_when_the_ledger_grows(tmp_path):
    records = small_tree(tmp_path)
    before = {e.id: e.title for e in feedparser.parse(_render(records)["hoat-dong/atom.xml"]).entries}
    activity(records, "2024-01-01-moi", "tp-thu-nghiem-xa-la-dee", "2024-01-01", "y-te", "Khám bệnh mới")
    after = {e.id: e.title for e in feedparser.parse(_render(records)["hoat-dong/atom.xml"]).entries}
    assert before.items() <= after.items() and len(after) == len(before) + 1
    assert next(iter(after.values())) == "Khám bệnh mới"


def test_record_text_never_becomes_markup(tmp_path):
    records = small_tree(tmp_path)
    sponsor(records, "don-vi-script", f"Đơn vị {SCRIPT}", short_name=f"{SCRIPT} & <b>")
    partnership(records, "don-vi-script-xa-zuoich", ["don-vi-script"], "xa-zuoich")
    activity(records, "2023-02-01-script", "don-vi-script-xa-zuoich", "2023-02-01", "y-te", f"Khám ]]> {SCRIPT}",
             description=f"<img src=x onerror=alert(1)> {SCRIPT}")
    files = _render(records, hostile=True)
    for path in ("hoat-dong/atom.xml", "don-vi/don-vi-script/atom.xml"):
        data = files[path]
        assert b"<script" not in data and b"<img" not in data and b"<b>" not in data
        root = ET.fromstring(data)  # well-formed
        entry = next(e for e in root.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}id").endswith("2023-02-01-script"))
        assert entry.findtext(f"{ATOM}title") == f"Khám ]]> {SCRIPT}"  # the text, exactly, as text
        assert entry.find(f"{ATOM}title").get("type") == "text"
        assert entry.find(f"{ATOM}summary").get("type") == "text"
