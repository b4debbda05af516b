"""Issue 15 on the pages: each programme's own figures on the home page, its own target communes on
the coverage page, and a 2025 commune's page with its partner of today and its predecessors' past."""
from __future__ import annotations

import re

from generator.pipeline import render_site
from generator.validate import validate_tree
from generator.view.context import Context

from site_records import TODAY, activity, partnership, small_tree, sponsor


def _render(records) -> dict[str, str]:
    result = validate_tree(records, TODAY)
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    return {path: data.decode() for path, data in render_site(result, Context()).items() if path.endswith(".md")}


def _two_programmes(tmp_path):
    records = small_tree(tmp_path)  # QĐ 1100: two partnerships, four activities
    sponsor(records, "phuong-thu-nghiem", "UBND phường Thử Nghiệm")
    partnership(records, "phuong-thu-nghiem-xa-la-dee-2025", ["phuong-thu-nghiem"], "xa-la-dee-2025",
                programme="da-nang-2025", basis=["cv-389-thanh-uy-da-nang-2025"], period={"start": "2025-08-20"})
    activity(records, "2025-09-01-xe-dap", "phuong-thu-nghiem-xa-la-dee-2025", "2025-09-01", "ho-tro-hoc-tap",
             "Tặng xe đạp cho học sinh", value={"delivered": {"in_kind": 45_000_000}})
    return records


def _section(page: str, title: str) -> str:
    return page.split(f"## {title}")[1].split("\n## ")[0]


def test_home_page_shows_each_programme_with_its_own_figures_the_live_one_first(tmp_path):
    home = _render(_two_programmes(tmp_path))["index.md"]
    live, finished = "Kết nghĩa xã, phường Đà Nẵng \\(từ 2025\\)", "Kế hoạch 1100 \\(Quảng Nam, 2020\\-2025\\)"
    assert home.index(f"## {live}") < home.index(f"## {finished}")
    figures = re.findall(r"<strong>([^<]*)</strong> <span>(?:<a [^>]*>)?cặp kết nghĩa", home)
    assert figures == ["1", "2"]
    assert "<strong>45 triệu đồng</strong>" in _section(home, live)
    assert "<strong>16,5 tỷ đồng</strong>" in _section(home, finished)
    assert "đã kết thúc (16/4/2020 – 30/6/2025)" in home and "đang thực hiện (từ 29/7/2025)" in home


def test_coverage_counts_each_programmes_targets_with_its_own_partnerships(tmp_path):
    coverage = _render(_two_programmes(tmp_path))["do-phu/index.md"]
    live = coverage.split("### Kết nghĩa xã, phường Đà Nẵng")[1].split("\n### ")[0]
    finished = coverage.split("### Kế hoạch 1100")[1].split("\n## ")[0]
    # La Dêê's successor is not among the 13 communes the city's sources name yet: its partner
    # counts for the commune's page, not for those 12.
    assert "13 trong số 13 xã mục tiêu" in live and "văn bản nêu 33 xã" in live
    assert "98 trong số 100 xã mục tiêu" in finished


def test_a_2025_commune_shows_its_partner_today_and_its_predecessors_history(tmp_path):
    page = _render(_two_programmes(tmp_path))["dia-ban/xa-la-dee-2025/index.md"]
    own, history = page.split("## Kết nghĩa tại các đơn vị tiền thân")
    assert "phuong-thu-nghiem-xa-la-dee-2025/" in own and "Tặng xe đạp cho học sinh" in own
    assert "tp-thu-nghiem-xa-la-dee/" in history and "Mô hình nuôi heo cho 10 hộ nghèo" in history
    assert "Tặng xe đạp" not in history


def test_each_programme_has_a_page_with_its_basis_targets_and_partnerships(tmp_path):
    files = _render(_two_programmes(tmp_path))
    page = files["chuong-trinh/da-nang-2025/index.md"]
    assert "van-ban/cv-389-thanh-uy-da-nang-2025/" in page and "Văn bản nêu 33 <a href=\"../../phuong-phap/#xa-muc-tieu\">xã mục tiêu</a>; sổ biết tên 13 xã." in page
    assert "phuong-thu-nghiem-xa-la-dee-2025/" in page and "tp-thu-nghiem-xa-la-dee/" not in page
    assert "chuong-trinh/qd-1100-2020-2025/" in files["chuong-trinh/index.md"]
