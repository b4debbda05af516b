"""What the site publishes from the shipped records about a programme's targets, its earlier phase,
help in the other direction and sources without an address."""

from __future__ import annotations

import re

import pytest

from generator.pipeline import render_site
from generator.validate import validate_tree
from generator.view.config import read_context
from generator.view.model import build_site

from support import PROJECT, TODAY

RECORDS = PROJECT / "records"
# QĐ 1100 as its 2020 assignment gives it: a number of communes per district, no names.
QD_1100_DISTRICTS = {
    "huyen-bac-tra-my": 10, "huyen-nam-tra-my": 10, "huyen-tay-giang": 10,
    "huyen-dong-giang": 11, "huyen-phuoc-son": 11, "huyen-nam-giang": 11, "huyen-hiep-duc": 2,
}


@pytest.fixture(scope="module")
def shipped():
    result = validate_tree(RECORDS, TODAY)
    assert not [d for d in result.diagnostics if d.severity == "error"]
    files = {path: content.decode("utf-8") for path, content in render_site(result, read_context(RECORDS.parent)).items()
             if path.endswith(".md")}
    return build_site(result, read_context(RECORDS.parent)), files


def _section(page: str, start: str, end: str = "\n### ") -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


def _district_rows(table: str) -> dict[str, int]:
    return {district: int(count) for district, count in
            re.findall(r'dia-ban/([a-z-]+)/">[^<]*</a></td><td data-sort="(\d+)"', table)}


def test_qd_1100_targets_are_a_count_per_district_with_no_commune_named(shipped):
    site, files = shipped
    assert dict(site.district_counts("qd-1100-2020-2025")) == QD_1100_DISTRICTS
    assert sum(QD_1100_DISTRICTS.values()) == site.programmes["qd-1100-2020-2025"]["targets"]["count"] == 65
    assert site.target_communes("qd-1100-2020-2025") == []


def test_coverage_page_gives_the_count_per_district_and_no_share(shipped):
    _site, files = shipped
    section = _section(files["do-phu/index.md"], "### Kế hoạch 1100")
    assert _district_rows(section) == QD_1100_DISTRICTS
    assert '<td>Cộng</td><td data-sort="65"' in section
    assert "không tính tỷ lệ" in section
    # No share over communes nobody listed: neither "… trong số 100 xã mục tiêu" nor any percentage.
    assert not re.search(r"trong số [\d.]+ xã", section) and "%" not in section


def test_home_page_gives_the_target_as_its_source_does(shipped):
    _site, files = shipped
    home = files["index.md"]
    section = _section(home, "## Kế hoạch 1100", "\n## ")
    assert ("Xã mục tiêu theo văn bản: 65 xã (huyện Bắc Trà My 10, huyện Nam Trà My 10, huyện Tây Giang 10, "
            "huyện Đông Giang 11, huyện Phước Sơn 11, huyện Nam Giang 11, huyện Hiệp Đức 2)") in section
    assert "không tính tỷ lệ xã chưa có đơn vị kết nghĩa" in section


def test_programme_page_gives_the_count_per_district(shipped):
    _site, files = shipped
    page = files["chuong-trinh/qd-1100-2020-2025/index.md"]
    assert _district_rows(_section(page, "## Xã mục tiêu", "\n## ")) == QD_1100_DISTRICTS
    assert "Nguồn không công bố tên các xã mục tiêu." in page


def test_the_earlier_phase_is_history_apart_from_the_2020_2025_figures(shipped):
    site, files = shipped
    assert site.earlier_phase("ct-23-ct-tu-2012-2020")
    assert not site.earlier_phase("qd-1100-2020-2025") and not site.earlier_phase("da-nang-2025")
    home = files["index.md"]
    history = _section(home, "## Giai đoạn trước", "\n## ")
    assert "chuong-trinh/ct-23-ct-tu-2012-2020/" in history and "không rõ (giả định 2020)" in history
    assert "## Chỉ thị 23" not in home  # no figures or charts of its own beside the programmes since
    # Its pair, and the reported total of 2012-2017, are on its page, not on QĐ 1100's.
    assert site.partnerships["nui-thanh-huyen-bac-tra-my"]["programme"] == "ct-23-ct-tu-2012-2020"
    earlier = files["chuong-trinh/ct-23-ct-tu-2012-2020/index.md"]
    later = files["chuong-trinh/qd-1100-2020-2025/index.md"]
    assert "nui-thanh-huyen-bac-tra-my/" in earlier and "nui-thanh-huyen-bac-tra-my/" not in later
    assert "72 cơ quan, đơn vị" in earlier and "72 cơ quan, đơn vị" not in later
    # 2020, the year one phase ended and the next began, is reported for the later one only.
    assert "89 cơ quan, đơn vị, doanh nghiệp" in later and "89 cơ quan, đơn vị, doanh nghiệp" not in earlier


def test_help_in_the_other_direction_is_left_out_of_totals_and_shown_apart(shipped):
    site, files = shipped
    reverse = "2021-08-20-nam-tra-my-gui-nong-san-tam-ky"
    partnership = site.activities[reverse]["partnership"]
    assert not site.figures[reverse].counted
    assert site.partnership_totals(partnership).activities == len(site.activities_of_partnership[partnership]) - 1
    page = files[f"cap-ket-nghia/{partnership}/index.md"]
    note = next(line for line in page.splitlines() if "chiều ngược lại" in line and "ledger-note" in line)
    assert f"#{reverse}" in note and "không tính vào các số liệu trên" in note
    home = _section(files["index.md"], "## Kế hoạch 1100", "\n## ")
    assert f"#{reverse}" in home
    listing = files["hoat-dong/2021/tham-tang-qua/index.md"]
    row = listing.split(f'<tr id="{reverse}">', 1)[1].split("</tr>", 1)[0]
    assert "chiều ngược lại" in row


def test_a_source_without_address_is_shown_and_counted(shipped):
    site, files = shipped
    listing = files["hoat-dong/2025/nha-o/index.md"]
    row = listing.split('<tr id="2025-01-09-bidv-nha-tinh-nghia-xa-dang">', 1)[1].split("</tr>", 1)[0]
    assert "Ngân hàng BIDV trao 2 nhà tình nghĩa tại xã Dang (Báo Quảng Nam, 9/1/2025, không có đường dẫn" in row
    quality = files["chat-luong-du-lieu/index.md"]
    sources = [s for a in site.activities.values() for s in a["sources"]]
    marked = sum(1 for s in sources if s.get("no_url"))
    unmarked = sum(1 for s in sources if "url" not in s and "no_url" not in s)
    assert marked >= 4
    assert re.search(rf'<td>Hoạt động</td><td data-sort="{len(sources)}"[^>]*>{len(sources)}</td>'
                     rf'<td data-sort="{marked}"[^>]*>{marked}</td><td data-sort="{unmarked}"', quality)


@pytest.mark.parametrize(("case", "message"), [
    ("source-url-both", "sources[0].no_url: nguồn thứ 1 vừa có đường dẫn vừa ghi là không có đường dẫn: xóa dòng "
                        "no_url khi đã có đường dẫn"),
    ("activity-given-by-unknown", "given_by: mã 'xa-ch-om' không có trong danh mục; chọn một trong: "
                                  "don-vi-ket-nghia, dia-ban-ket-nghia"),
])
def test_source_and_giver_findings_say_how_to_fix(case, message, tmp_path):
    from support import CASES, build_tree

    [finding] = validate_tree(build_tree(tmp_path, CASES / "invalid" / case), TODAY).diagnostics
    assert finding.text().endswith(message)
