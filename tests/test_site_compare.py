"""Issue 16, comparing years and groups: each figure of the home page leads to the activities behind it,
the gift trend is shown by number and by value, and the quiet-partnership window can be set."""
from __future__ import annotations

import datetime
import html
import json
import re

from generator.pipeline import render_site
from generator.validate import validate_tree
from generator.view.context import Context

from site_records import PROJECT, TODAY, activity, partnership, small_tree, sponsor


def _render(records, context: Context | None = None) -> dict[str, str]:
    result = validate_tree(records, TODAY)
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    return {path: data.decode() for path, data in render_site(result, context or Context()).items() if path.endswith(".md")}


def _section(page: str, title: str, level: int = 3) -> str:
    marks = "#" * level
    return page.split(f"\n{marks} {title}\n")[1].split(f"\n{marks} ")[0].split("\n## ")[0]


def _row_of(table_html: str, label: str) -> str:
    return next(r for r in re.findall(r"<tr>.*?</tr>", table_html) if f">{label}<" in r)


def test_year_rows_link_to_the_year_page(tmp_path):
    home = _render(small_tree(tmp_path))["index.md"]
    by_year = _section(home, "Theo năm")
    for year in ("2021", "2022", "2023"):
        assert f'<td><a href="hoat-dong/{year}/">{year}</a></td>' in by_year
    # The row's figures are those of the year page it links to.
    assert "90.000.000" not in _row_of(by_year, "2021") and "120.000.000" in _row_of(by_year, "2023")


def test_group_rows_link_to_the_groups_row_on_the_activity_index(tmp_path):
    files = _render(small_tree(tmp_path))
    by_group = _section(files["index.md"], "Theo nhóm nội dung")
    links = re.findall(r'<td><a href="(hoat-dong/#nhom-[^"]+)">', by_group)
    assert len(links) == 4 and "hoat-dong/#nhom-an-sinh-xa-hoi" in links
    index = files["hoat-dong/index.md"]
    for href in links:
        assert f'<tr id="{href.partition("#")[2]}">' in index
    # The group's row lists its categories, each linked to its page, with the group's figures.
    social = re.search(r'<tr id="nhom-an-sinh-xa-hoi">.*?</tr>', index).group(0)
    assert 'href="../hoat-dong/noi-dung/tham-tang-qua/"' in social
    assert "16.430.000.000" in social  # the two gifts: 16,4 tỷ + 30 triệu


def test_gift_share_is_shown_by_number_and_by_value_and_names_the_years_without_a_value(tmp_path):
    home = _render(small_tree(tmp_path))["index.md"]
    gifts = _section(home, "Tặng quà")
    by_number, by_value = gifts.split("Tỷ trọng tặng quà trong giá trị đã thực hiện</figcaption>")
    # 2022: one training, no value reported: in the share by number, not in the share by value.
    number_row = ('<tr><td><a href="hoat-dong/{year}/">{year}</a></td><td data-sort="{gifts}" class="ledger-number">{gifts}'
                  '</td><td data-sort="{count}" class="ledger-number">{count}</td><td>{share}</td></tr>')
    assert number_row.format(year=2021, gifts=1, count=1, share="100%") in by_number
    assert number_row.format(year=2022, gifts=0, count=1, share="0%") in by_number
    assert number_row.format(year=2023, gifts=1, count=2, share="50%") in by_number
    value_table = by_value.split("</table>")[0]
    assert "2022" not in value_table
    assert '<tr><td><a href="hoat-dong/2023/">2023</a></td><td data-sort="30000000"' in value_table
    assert "<td>25%</td>" in value_table  # 30 of 120 million
    assert "Năm 2022 có hoạt động nhưng không hoạt động nào có báo cáo giá trị đã thực hiện" in gifts


def test_communes_figures_link_to_exactly_those_communes(tmp_path):
    """Two kinds of commune, each a word of the methodology page: partnered ones and those with
    recorded support; each figure opens the list of exactly those on the programme's page."""
    records = small_tree(tmp_path)
    # An activity held in a third commune counts among those with support, not among the partnered.
    activity(records, "2023-03-01-dien", "so-thu-nghiem-xa-phuoc-chanh", "2023-03-01", "ha-tang-nong-thon",
             "Đèn chiếu sáng", localities=["xa-phuoc-chanh", "xa-phuoc-cong"])
    files = _render(records)
    home = files["index.md"]
    expected = {"xã có cặp kết nghĩa": ("ds-xa-co-cap-ket-nghia", {"xa-phuoc-chanh", "xa-la-dee"}),
                "xã có hỗ trợ được ghi": ("ds-xa-co-ho-tro-duoc-ghi", {"xa-phuoc-chanh", "xa-la-dee", "xa-phuoc-cong"})}
    for words, (anchor, communes) in expected.items():
        figures = re.findall(rf'<strong>(\d+)</strong> <span><a href="([^"]+)">{words}</a>', home)
        assert [href for _, href in figures] == [f"chuong-trinh/da-nang-2025/#{anchor}",
                                                 f"chuong-trinh/qd-1100-2020-2025/#{anchor}"]
        count, href = int(figures[1][0]), figures[1][1]
        page, anchor = href.split("#")
        programme = files[page + "index.md"]
        listing = re.search(rf'<ul id="{anchor}"[^>]*>(.*?)</ul>', programme, re.S).group(1)
        linked = re.findall(r'href="\.\./\.\./dia-ban/([^/"]+)/"', listing)
        assert len(linked) == count == len(communes) and set(linked) == communes
        # The word links its one definition.
        assert f'<a href="../../phuong-phap/#{anchor[3:]}">{words}</a>' in programme
    assert "được giúp đỡ" not in home


def test_each_kind_of_commune_is_defined_once_on_the_methodology_page():
    methodology = (PROJECT / "docs" / "phuong-phap.md").read_text(encoding="utf-8")
    for heading in ("### Xã mục tiêu\n", "### Xã có cặp kết nghĩa\n", "### Xã có hỗ trợ được ghi\n"):
        assert methodology.count(heading) == 1
    assert "Xã được giúp đỡ" not in methodology


def _quiet(coverage: str) -> str:
    return coverage.split("## Cặp kết nghĩa không có hoạt động", 1)[1].split("## Xã biên giới", 1)[0]


def _quiet_tree(tmp_path):
    records = small_tree(tmp_path)  # newest record: 7/1/2023 (the sources)
    sponsor(records, "don-vi-lang", "Đơn vị Lặng")
    partnership(records, "don-vi-lang-xa-zuoich", ["don-vi-lang"], "xa-zuoich")
    activity(records, "2022-03-01-qua-zuoich", "don-vi-lang-xa-zuoich", "2022-03-01", "tham-tang-qua", "Tặng quà")
    return records


def test_quiet_window_by_default_ends_on_the_newest_record_and_says_so(tmp_path):
    quiet = _quiet(_render(_quiet_tree(tmp_path))["do-phu/index.md"])
    assert quiet.startswith(" trong 12 tháng gần nhất\n")
    assert "Tính từ 7/1/2022 đến 7/1/2023 (ngày của hồ sơ mới nhất), trên các cặp" in quiet
    assert "don-vi-lang-xa-zuoich/" not in quiet  # acted on 1/3/2022, within the 12 months
    assert "so-thu-nghiem-xa-phuoc-chanh/" not in quiet  # trained in 5/2022


def test_quiet_window_is_set_by_the_plugins_options(tmp_path):
    records = _quiet_tree(tmp_path)
    quiet = _quiet(_render(records, Context(quiet_days=180, quiet_until=datetime.date(2022, 12, 31)))["do-phu/index.md"])
    assert quiet.startswith(" trong 180 ngày gần nhất\n")
    assert "Tính từ 4/7/2022 đến 31/12/2022 (ngày chốt do trang đặt; hồ sơ mới nhất: 7/1/2023), trên" in quiet
    # 1/3/2022 and 5/2022 fall before the window; La Dêê's 6/1/2023 after it, so it does not count.
    for pid in ("don-vi-lang-xa-zuoich", "so-thu-nghiem-xa-phuoc-chanh", "tp-thu-nghiem-xa-la-dee"):
        assert f"{pid}/" in quiet, pid


def test_quiet_partnerships_are_of_running_programmes_and_signed_before_the_window(tmp_path):
    records = _quiet_tree(tmp_path)
    # Signed within the window (7/1/2022 - 7/1/2023): it has not had the window to act.
    partnership(records, "don-vi-lang-xa-tra-leng", ["don-vi-lang"], "xa-tra-leng", period={"start": "2022-09-01"})
    quiet = _quiet(_render(records)["do-phu/index.md"])
    assert "so-thu-nghiem-xa-phuoc-chanh/" not in quiet and "don-vi-lang-xa-tra-leng/" not in quiet
    # Past its programme's end (30/6/2025), nothing more is expected of a partnership of Kế hoạch 1100.
    quiet = _quiet(_render(records, Context(quiet_until=datetime.date(2025, 12, 31)))["do-phu/index.md"])
    assert "cap-ket-nghia/" not in quiet and "Không có: mọi cặp kết nghĩa" in quiet
    quiet = _quiet(_render(records, Context(quiet_until=datetime.date(2025, 6, 30)))["do-phu/index.md"])
    assert "don-vi-lang-xa-tra-leng/" in quiet and "tp-thu-nghiem-xa-la-dee/" in quiet


FILTER_JS = PROJECT / "docs" / "javascripts" / "filter-tables.js"


def _filtered_table(page: str) -> tuple[dict, dict, list[str]]:
    tag = re.search(r'<table[^>]* data-filters="([^"]*)" data-filter-names="([^"]*)"[^>]* data-filter-rows="([^"]*)"',
                    page)
    assert tag, page
    words, names = (json.loads(html.unescape(group)) for group in tag.groups()[:2])
    rows = html.unescape(tag.group(3)).split(";")
    # One entry per row, in the rows' order; the rows themselves are as in every other table.
    body = page[tag.end():].split("<tbody>")[1].split("</tbody>")[0]
    assert len(rows) == body.count("<tr") and "data-f" not in body
    return words, names, rows


def test_activity_listings_carry_what_the_filters_need(tmp_path):
    records = small_tree(tmp_path)
    sponsor(records, "so-kiem-thu", 'Sở Kiểm & "Thử" > 1')
    partnership(records, "so-kiem-thu-huyen-phuoc-son", ["so-kiem-thu"], "huyen-phuoc-son")
    activity(records, "2023-04-01-den", "so-kiem-thu-huyen-phuoc-son", "2023-04-01", "ha-tang-nong-thon",
             "Đèn chiếu sáng", localities=["xa-phuoc-cong", "xa-phuoc-chanh"])
    files = _render(records)
    year = files["hoat-dong/2023/index.md"]
    words, names, rows = _filtered_table(year)
    assert rows == [
        "2023|tp-thu-nghiem|huyen-nam-giang|xa-la-dee|phat-trien-kinh-te|0|2023-01-06-mo-hinh-heo|qd-1100-2020-2025|90000000|1",
        "2023|tp-thu-nghiem|huyen-nam-giang|xa-la-dee|an-sinh-xa-hoi|1|2023-01-06-qua-tet|qd-1100-2020-2025|30000000|1",
        "2023|so-kiem-thu|huyen-phuoc-son|xa-phuoc-chanh xa-phuoc-cong|phat-trien-kinh-te|0|2023-04-01-den|qd-1100-2020-2025||1",
    ]
    assert names["sponsor"] == {"so-kiem-thu": 'Sở Kiểm & "Thử" > 1', "tp-thu-nghiem": "UBND thành phố Thử Nghiệm"}
    assert names["commune"]["xa-phuoc-cong"] == "xã Phước Công"
    assert names["district"]["huyen-phuoc-son"] == "huyện Phước Sơn"
    assert words["shown"] == "Đang hiện {shown} trên {total} hoạt động."
    # The sponsor's name is an attribute's text, escaped.
    assert "Sở Kiểm &amp; \\&quot;Thử\\&quot; &gt; 1" in year
    # A category's listing and a partnership's timeline carry them too.
    assert _filtered_table(files["hoat-dong/2023/tham-tang-qua/index.md"])[2] == [
        "2023|tp-thu-nghiem|huyen-nam-giang|xa-la-dee|an-sinh-xa-hoi|1|2023-01-06-qua-tet|qd-1100-2020-2025|30000000|1"]
    timeline = _filtered_table(files["cap-ket-nghia/so-thu-nghiem-xa-phuoc-chanh/index.md"])[2]
    assert [r.split("|")[0] for r in timeline] == ["2021", "2022"]


def test_activities_of_one_partnership_place_and_category_keep_their_own_filter_fields(tmp_path):
    # What a partnership, its places and a category give is worked out once for all their
    # activities; the year, the id, the amount and whether it counts stay each activity's own.
    records = small_tree(tmp_path)
    partnership(records, "tp-thu-nghiem-huyen-phuoc-son", ["tp-thu-nghiem"], "huyen-phuoc-son")
    activity(records, "2023-03-01-den", "tp-thu-nghiem-huyen-phuoc-son", "2023-03-01", "ha-tang-nong-thon", "Đèn",
             value={"delivered": {"cash": 5000000}})
    activity(records, "2023-05-01-den", "tp-thu-nghiem-huyen-phuoc-son", "2023-05-01", "ha-tang-nong-thon", "Đèn nữa",
             status="huy")
    activity(records, "2024-03-01-den", "tp-thu-nghiem-huyen-phuoc-son", "2024-03-01", "ha-tang-nong-thon", "Đèn mới")
    files = _render(records)
    timeline = _filtered_table(files["cap-ket-nghia/tp-thu-nghiem-huyen-phuoc-son/index.md"])[2]
    assert timeline == [
        "2023|tp-thu-nghiem|huyen-phuoc-son||phat-trien-kinh-te|0|2023-03-01-den|qd-1100-2020-2025|5000000|1",
        "2023|tp-thu-nghiem|huyen-phuoc-son||phat-trien-kinh-te|0|2023-05-01-den|qd-1100-2020-2025||0",
        "2024|tp-thu-nghiem|huyen-phuoc-son||phat-trien-kinh-te|0|2024-03-01-den|qd-1100-2020-2025||1",
    ]
    assert _filtered_table(files["hoat-dong/2024/ha-tang-nong-thon/index.md"])[2] == timeline[2:]


def test_the_filter_script_sets_text_only_and_asks_no_host():
    script = FILTER_JS.read_text(encoding="utf-8")
    for markup in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
        assert markup not in script, markup
    assert "textContent" in script
    assert not re.search(r"https?://|fetch\(|XMLHttpRequest|import\(", script)
    assert "javascripts/filter-tables.js" in (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_home_page_says_once_that_years_and_groups_lead_to_every_programmes_activities(tmp_path):
    records = small_tree(tmp_path)
    one = _render(records)["index.md"]
    assert one.count("mỗi năm, mỗi nhóm dẫn đến trang liệt kê hoạt động của mọi chương trình") == 1
