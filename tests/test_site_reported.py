"""Issue 14 on the pages: reported totals beside the ledger's, joint activities counted at each
commune they served and once above them, the coverage page's "not recorded" kept apart from a
source's "no partner", and assumed dates shown as assumptions."""
from __future__ import annotations

import re

from generator.pipeline import render_site
from generator.validate import validate_tree
from generator.view.context import Context

from site_records import SOURCE, TODAY, activity, partnership, small_tree, sponsor, write_record


def _render(records) -> dict[str, str]:
    result = validate_tree(records, TODAY)
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    return {path: data.decode() for path, data in render_site(result, Context()).items() if path.endswith(".md")}


def _reported(records, rid, locality, start, end, *figures, **extra):
    write_record(records, "reported-totals", {
        "id": rid, "scope": {"locality": locality}, "period": {"start": start, "end": end},
        "figures": [
            {"measure": m, "value": v, "as_written": w, "precision": p} for m, v, w, p in figures
        ],
        "sources": SOURCE, **extra,
    })


def _tree_with_reports(tmp_path):
    records = small_tree(tmp_path)
    _reported(records, "tinh-2022", "tinh-quang-nam", "2022", "2022",
              ("tong-gia-tri", 22_500_000_000, "gần 22,5 tỷ đồng", "xap-xi"), ("so-xa", 66, "66 xã", "chinh-xac"))
    _reported(records, "tinh-2023", "tinh-quang-nam", "2023", "2023",
              ("tong-gia-tri", 33_300_000_000, "hơn 33,3 tỷ đồng", "toi-thieu"))
    # A cumulative report overlapping the yearly ones must not count a year twice.
    _reported(records, "tinh-2021-2023", "tinh-quang-nam", "2021", "2023",
              ("tong-gia-tri", 70_000_000_000, "70 tỷ đồng", "chinh-xac"))
    _reported(records, "nam-giang-2023", "huyen-nam-giang", "2023", "2023",
              ("tong-gia-tri", 1_200_000_000, "1,2 tỷ đồng", "chinh-xac"))
    _reported(records, "xa-zuoich-2023", "xa-zuoich", "2023", "2023",
              ("so-don-vi", 0, "0 đơn vị", "chinh-xac"))
    return records


def test_home_page_sets_the_ledger_beside_what_was_reported(tmp_path):
    home = _render(_tree_with_reports(tmp_path))["index.md"]
    # 2022-2023 in the small tree: the pig model (90 triệu) and the gifts (30 triệu) of 2023.
    assert "Sổ ghi chi tiết 120 triệu đồng trên khoảng 55,8 tỷ đồng được báo cáo cho 2022-2023 (0,2%)" in home
    assert "không phải báo cáo của chương trình" in home


def test_district_page_shows_its_reported_total_and_the_share_itemised(tmp_path):
    district = _render(_tree_with_reports(tmp_path))["dia-ban/huyen-nam-giang/index.md"]
    assert "Sổ ghi chi tiết 120 triệu đồng trên 1,2 tỷ đồng được báo cáo cho 2023 (10%)" in district
    assert "1,2 tỷ đồng</td>" in district  # the figure as the source wrote it


def test_coverage_page_keeps_not_recorded_apart_from_no_partner(tmp_path):
    coverage = _render(_tree_with_reports(tmp_path))["do-phu/index.md"]
    assert "Số xã có đơn vị kết nghĩa theo báo cáo: 66 xã" in coverage
    assert "số xã mục tiêu có cặp kết nghĩa trong sổ: 2." in coverage
    zuoich = next(line for line in coverage.splitlines() if "xa-zuoich/" in line)
    assert "không có đơn vị kết nghĩa" in zuoich and "#xa-zuoich-2023" in zuoich
    other = next(line for line in coverage.splitlines() if "xa-a-nong/" in line)
    assert "chưa ghi nhận" in other


def test_reported_totals_page_keeps_each_figure_as_written(tmp_path):
    page = _render(_tree_with_reports(tmp_path))["so-lieu-bao-cao/index.md"]
    assert '<div id="tinh-2022"></div>' in page
    assert "gần 22,5 tỷ đồng" in page and "xấp xỉ" in page and "tối thiểu" in page


def _joint_tree(tmp_path):
    records = small_tree(tmp_path)
    sponsor(records, "tp-chung", "UBND thành phố Chung")
    partnership(records, "tp-chung-huyen-nam-giang", ["tp-chung"], "huyen-nam-giang",
                localities=["xa-la-dee", "xa-laee"])
    activity(records, "2023-01-06-heo-chung", "tp-chung-huyen-nam-giang", "2023-01-06", "mo-hinh-sinh-ke",
             "Mô hình heo cỏ cho hộ nghèo hai xã", localities=["xa-la-dee", "xa-laee"],
             value={"delivered": {"unspecified": 90_000_000}})
    return records


def _figure(page: str, label: str) -> str:
    return re.search(rf"<strong>([^<]*)</strong> <span>{label}", page).group(1)


def test_a_joint_activity_is_on_each_communes_page_and_counted_once_above(tmp_path):
    files = _render(_joint_tree(tmp_path))
    la_dee, laee = files["dia-ban/xa-la-dee/index.md"], files["dia-ban/xa-laee/index.md"]
    district = files["dia-ban/huyen-nam-giang/index.md"]
    for commune in (la_dee, laee):
        assert "Mô hình heo cỏ cho hộ nghèo hai xã" in commune
        assert "(chung của 2 xã)" in commune
        assert "tp-chung-huyen-nam-giang/" in commune  # the partnership names the commune
    # Each commune shows the shared 90 triệu; the district counts it once: 90 + 120 of xã La Dêê's own.
    assert _figure(laee, "giá trị đã thực hiện") == "90 triệu đồng"
    assert _figure(district, "giá trị đã thực hiện") == "210 triệu đồng"
    assert _figure(district, "hoạt động") == "3"


def test_a_commune_named_by_a_partnership_counts_as_partnered(tmp_path):
    coverage = _render(_joint_tree(tmp_path))["do-phu/index.md"]
    table = coverage.split("## Xã chưa có cặp kết nghĩa trong sổ")[1].split("\n## ")[0]
    assert "xa-laee/" not in table and "xa-la-dee/" not in table and "xa-zuoich/" in table


def test_a_successor_commune_shows_its_predecessors_history(tmp_path):
    page = _render(_joint_tree(tmp_path))["dia-ban/xa-la-dee-2025/index.md"]
    history = page.split("## Kết nghĩa tại các đơn vị tiền thân")[1]
    assert "Mô hình nuôi heo cho 10 hộ nghèo" in history and "tp-chung-huyen-nam-giang/" in history


def test_assumed_dates_are_shown_as_assumptions(tmp_path):
    records = small_tree(tmp_path)
    partnership(records, "tp-thu-nghiem-xa-zuoich", ["tp-thu-nghiem"], "xa-zuoich",
                period={"start": "2020-04-16", "end": "2025", "assumed": ["start"],
                        "note": "Nguồn không nêu ngày bắt đầu."})
    page = _render(records)["cap-ket-nghia/tp-thu-nghiem-xa-zuoich/index.md"]
    assert "không rõ (giả định 16/4/2020) – 2025" in page
    assert "Nguồn không nêu ngày bắt đầu." in page


def test_a_districts_yearly_summary_shows_its_reported_total(tmp_path):
    files = _render(_tree_with_reports(tmp_path))
    summary = files["dia-ban/huyen-nam-giang/so-ket-2023/index.md"]
    assert "1,2 tỷ đồng" in summary.split("## Số liệu báo cáo tổng hợp")[1]
    # A year with no report says so.
    other = files["dia-ban/huyen-phuoc-son/so-ket-2022/index.md"]
    assert "Sổ chưa có số liệu báo cáo tổng hợp của năm 2022" in other


def test_years_with_a_gap_are_listed_not_spanned(tmp_path):
    records = small_tree(tmp_path)
    _reported(records, "tinh-2021", "tinh-quang-nam", "2021", "2021",
              ("tong-gia-tri", 20_000_000_000, "20 tỷ đồng", "chinh-xac"))
    _reported(records, "tinh-2023", "tinh-quang-nam", "2023", "2023",
              ("tong-gia-tri", 30_000_000_000, "30 tỷ đồng", "chinh-xac"))
    page = _render(records)["dia-ban/tinh-quang-nam/index.md"]
    # 2021: the 16,4-tỷ gift; 2023: the pig model and the gifts (120 triệu).
    assert "được báo cáo cho 2021, 2023 (" in page and "2021-2023" not in page
