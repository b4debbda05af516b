"""The explorer's data (generator/site/pages/explorer.py) and each page's description."""

from __future__ import annotations

import json

from generator.pipeline import render_site
from generator.site.pages.explorer import PART
from generator.site.pages.page import DESCRIPTION_LENGTH, Page, without_boilerplate
from generator.validate import validate_tree
from generator.view.context import Context

from site_records import TODAY, activity, partnership, small_tree, sponsor


def _files(records) -> dict[str, bytes]:
    result = validate_tree(records, TODAY)
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    return render_site(result, Context())


def test_the_explorer_data_hold_every_activity_once_newest_first(tmp_path):
    records = small_tree(tmp_path)
    sponsor(records, "so-kiem-thu", 'Sở Kiểm & "Thử" > 1')
    partnership(records, "so-kiem-thu-huyen-phuoc-son", ["so-kiem-thu"], "huyen-phuoc-son")
    activity(records, "2023-04-01-den", "so-kiem-thu-huyen-phuoc-son", "2023-04-01", "ha-tang-nong-thon",
             "Đèn > 2", localities=["xa-phuoc-cong", "xa-phuoc-chanh"], value={"delivered": {"cash": 5_000_000}})
    files = _files(records)
    common = json.loads(files["kham-pha/du-lieu/chung.json"])
    rows, years = [], []
    for year, count, name, sources in common["parts"]:
        part = json.loads(files[f"kham-pha/du-lieu/{name}"])
        assert len(part["rows"]) == count <= PART
        assert len(json.loads(files[f"kham-pha/du-lieu/{sources}"])) == count
        rows += part["rows"]
        years.append(year)
    assert years == sorted(years, reverse=True)
    assert sorted(r[0] for r in rows) == sorted(p.stem for p in (records / "activities").rglob("*.yaml"))
    dates = [r[1] for r in rows]
    assert dates == sorted(dates, reverse=True)
    lamp = next(r for r in rows if r[0] == "2023-04-01-den")
    assert common["sponsors"][lamp[3][0]] == ["so-kiem-thu", 'Sở Kiểm & "Thử" > 1']  # text in JSON, never markup
    assert sorted(common["communes"][i][0] for i in lamp[5]) == ["xa-phuoc-chanh", "xa-phuoc-cong"]
    assert [common["districts"][i][0] for i in lamp[4]] == ["huyen-phuoc-son"]
    assert lamp[7] == 5_000_000 and lamp[9] == 1 and lamp[10] == "Đèn > 2"
    totals = common["totals"]
    assert totals["activities"] + totals["uncounted"] == len(rows)
    assert totals["delivered"] == sum(r[7] for r in rows if r[7] is not None and r[9])
    page = files["kham-pha/index.md"].decode()
    assert 'src="../javascripts/explorer.js"' in page and "data-explorer=" in page


def test_the_explorer_data_are_the_same_bytes_for_the_same_records(tmp_path):
    records = small_tree(tmp_path)
    first = {k: v for k, v in _files(records).items() if k.startswith("kham-pha/")}
    assert first == {k: v for k, v in _files(records).items() if k.startswith("kham-pha/")}


def test_a_pages_description_comes_from_its_own_content():
    body = ('\n<p>27 cặp kết nghĩa &amp; hơn.</p>\n'
            '<div class="ledger-table" data-search-exclude>\n<table><tr><td>bảng</td></tr></table>\n</div>\n'
            '\n## Trống\n\n## Nguồn\n\n<p>Báo "Quảng Nam"</p>\n')
    page = Page("cap-ket-nghia/", "Cặp kết nghĩa", body)
    # No markup character, as a title: the front matter is printed as it is.
    assert page.description == "Cặp kết nghĩa. 27 cặp kết nghĩa và hơn. Nguồn: Báo Quảng Nam"
    assert 'description: "Cặp kết nghĩa. 27 cặp kết nghĩa và hơn. Nguồn: Báo Quảng Nam"' in page.text()
    long = Page("x/", "Tiêu đề", "<p>" + "chữ " * 200 + "</p>").description
    assert len(long) <= DESCRIPTION_LENGTH + 1 and long.endswith("chữ…")


def test_a_description_leaves_out_whole_tables_and_folder_notes_only():
    table = '<div class="ledger-table">\n<table><tr><td>1</td></tr></table>\n</div>'
    note = '<p class="ledger-source">tệp</p>'
    assert without_boilerplate(f"a{table}b{note}c") == "a b c"
    # A table ends at the first </table> followed by blank space and </div>; one never closed,
    # or a note never ended, is text like any other.
    inner = '<div class="ledger-table"><table></table>x</table> </div>'
    assert without_boilerplate(f"a{inner}b") == "a b"
    assert without_boilerplate('a<div class="ledger-table"><table></table>b') == 'a<div class="ledger-table"><table></table>b'
    assert without_boilerplate(f'<p class="ledger-source">a{note}') == " "
    assert without_boilerplate(f'{note[:-4]} {table}') == '<p class="ledger-source">tệp  '


def test_every_generated_page_has_a_description_of_its_own(tmp_path):
    files = _files(small_tree(tmp_path))
    descriptions = [next(line for line in data.decode().splitlines() if line.startswith("description: "))
                    for path, data in files.items() if path.endswith(".md")]
    assert len(set(descriptions)) > len(descriptions) * 0.9
