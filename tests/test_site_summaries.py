"""The yearly summaries ("sơ kết") of districts and sponsors: every figure the issue asks for."""

from generator.pipeline import render_site
from generator.validate import validate_tree
from generator.view.context import Context

from site_records import TODAY, small_tree


def _render(records):
    return render_site(validate_tree(records, TODAY), Context())


def test_a_district_summary_holds_groups_gift_share_communes_and_sources(tmp_path):
    files = _render(small_tree(tmp_path))
    page = files["dia-ban/huyen-nam-giang/so-ket-2023/index.md"].decode()
    assert "Sơ kết năm 2023: huyện Nam Giang" in page
    assert "Hỗ trợ an sinh xã hội" in page and "Cộng" in page  # by group of the plan, then the sum
    assert "120.000.000" in page and "90.000.000" in page and "30.000.000" in page
    assert "Tặng quà: 30.000.000 đồng trên tổng 120.000.000 đồng đã thực hiện (25%)" in page
    assert "xã La Dêê" in page  # the commune served
    assert "Báo thử nghiệm" in page and "https://example.org/bai-bao" in page  # every activity's source
    assert "Số liệu đến ngày" in page and "chưa có số liệu báo cáo tổng hợp" in page
    assert "data-sortable" not in page  # nothing to sort on paper


def test_summaries_exist_per_year_and_are_linked(tmp_path):
    files = _render(small_tree(tmp_path))
    for path in ("don-vi/so-thu-nghiem/so-ket-2021/index.md", "don-vi/so-thu-nghiem/so-ket-2022/index.md",
                 "dia-ban/huyen-phuoc-son/so-ket-2022/index.md"):
        assert path in files, path
    assert "don-vi/so-thu-nghiem/so-ket-2023/index.md" not in files  # no activity that year
    district = files["dia-ban/huyen-nam-giang/index.md"].decode()
    assert 'href="so-ket-2023/"' in district or 'href="../../dia-ban/huyen-nam-giang/so-ket-2023/"' in district
    assert "so-ket-" not in files["dia-ban/xa-la-dee/index.md"].decode()  # communes: their district's
