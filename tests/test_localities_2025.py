"""Where every unit of 1/7/2025 came from, on the shipped records: each has predecessors, each
predecessor names it, and a ward committee's sponsor page follows its ward across the change."""

import re

import pytest

from generator.site.pages.reorganisation import across_reorganisation
from generator.site.render import render_files
from generator.validate import validate_tree
from generator.view.config import read_context
from generator.view.context import Context
from generator.view.model import COMMUNE_LEVELS, build_site

from site_records import PROJECT, TODAY, small_tree

REFORM = "2025-07-01"
LAST_DAY = "2025-06-30"


@pytest.fixture(scope="module")
def shipped():
    result = validate_tree(PROJECT / "records", TODAY)
    assert not [d for d in result.diagnostics if d.severity == "error"]
    return build_site(result, read_context(PROJECT))


def _units_of_2025(site):
    return sorted(lid for lid, d in site.localities.items() if d.get("valid_from") == REFORM and d["level"] in COMMUNE_LEVELS)


def test_every_unit_of_1_7_2025_has_predecessors_that_ended_the_day_before(shipped):
    units = _units_of_2025(shipped)
    assert len(units) == 94
    assert [lid for lid in units if not shipped.predecessors.get(lid)] == []
    for lid in units:
        for before in shipped.predecessors[lid]:
            assert shipped.localities[before]["valid_to"] == LAST_DAY, before


def test_every_unit_in_force_on_30_6_2025_names_its_successor_of_1_7_2025(shipped):
    """Every commune, ward and town of the city and the province on the last day, and the districts
    without communes (Hoàng Sa), went into a unit of 1/7/2025."""
    units = set(_units_of_2025(shipped))
    ending = [lid for lid, d in shipped.localities.items() if d.get("valid_to") == LAST_DAY
              and (d["level"] in COMMUNE_LEVELS or not shipped.children.get(lid))
              and d["level"] not in {"tinh"}]
    assert len(ending) > 250  # the mountainous communes and the new lowland and city ones
    assert [lid for lid in ending if shipped.localities[lid].get("successor") not in units] == []


def test_each_unit_of_1_7_2025_says_where_its_predecessors_were_read(shipped):
    """No note still says they are to be read; one the dataset alone supports says so and cites it."""
    for lid in _units_of_2025(shipped):
        note = shipped.localities[lid].get("note", "")
        assert "chưa chép vào đây" not in note, lid
        urls = [s.get("url", "") for s in shipped.localities[lid]["sources"]]
        if "chỉ dựa trên bộ dữ liệu cộng đồng vietnamadminunits" in note:
            assert "https://pypi.org/project/vietnamadminunits/" in urls, lid


def test_a_ward_committee_page_shows_its_ward_before_and_after_the_reform(shipped):
    files = render_files(shipped)
    before = files["don-vi/ubnd-phuong-hoa-huong/index.md"].decode()
    after = files["don-vi/ubnd-phuong-huong-tra/index.md"].decode()
    for page in (before, after):
        section = page[page.index("## Trước và sau ngày 1/7/2025"):]
        section = section[: section.index("\n## ")]
        # Both wards, both committees and both partnerships, each on the page of the other.
        for target in ("dia-ban/phuong-hoa-huong/", "dia-ban/phuong-huong-tra-2025/", "don-vi/ubnd-phuong-hoa-huong/",
                       "don-vi/ubnd-phuong-huong-tra/", "dia-ban/xa-tam-ngoc/"):
            assert target in section, target
        assert re.search(r"đến hết ngày 30/6/2025.*từ ngày 1/7/2025", section, re.S)
        assert section.count("cap-ket-nghia/") == 2


def test_a_sponsor_that_is_not_a_reorganised_commune_has_no_such_section(shipped, tmp_path):
    for oid in ("ubnd-thanh-pho-tam-ky", "ban-dan-toc-tinh"):  # a district, and no locality at all
        assert across_reorganisation(shipped, f"don-vi/{oid}/", shipped.organizations[oid]) == ""
    small = build_site(validate_tree(small_tree(tmp_path), TODAY), Context())
    assert all("Trước và sau ngày" not in text.decode() for path, text in render_files(small).items()
               if path.startswith("don-vi/"))


def test_the_import_names_the_source_of_predecessors_once_however_often_it_runs():
    """scripts/import_predecessors.py rewrites the note's sentence on predecessors, keeps the rest."""
    import sys

    sys.path.insert(0, str(PROJECT / "scripts"))
    from import_predecessors import DATASET_ONLY, predecessors_note

    before = ("Mã lấy theo bộ dữ liệu; chưa đối chiếu. Các đơn vị tiền thân được nêu tại Điều 1; chưa chép vào đây "
              "vì bản lưu chưa đọc được đến khoản này.")
    once = predecessors_note(before, DATASET_ONLY)
    assert once.startswith("Mã lấy theo bộ dữ liệu; chưa đối chiếu. Các đơn vị tiền thân")
    assert "chưa chép" not in once and "chỉ dựa trên bộ dữ liệu cộng đồng" in once
    assert predecessors_note(once, DATASET_ONLY) == once
    named = predecessors_note(once, "Cổng thông tin điện tử huyện Núi Thành")
    assert named.count("Các đơn vị tiền thân") == 1 and "theo Cổng thông tin điện tử huyện Núi Thành" in named
    assert predecessors_note("", DATASET_ONLY).startswith("Các đơn vị tiền thân")
