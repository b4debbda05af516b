"""Rendering: pure, deterministic, complete; downloads readable by Excel and Frictionless."""

import csv
import io
import json
import re

from generator.pipeline import render_site
from generator.validate import validate_tree
from generator.view.context import Context, Identity
from generator.view.model import build_site

from site_records import TODAY, activity, partnership, small_tree, sponsor


def _render(records):
    return render_site(validate_tree(records, TODAY), Context())


def test_same_records_give_byte_identical_output(tmp_path):
    records = small_tree(tmp_path)
    first = _render(records)
    assert first == _render(records)


def test_the_site_model_is_built_once_by_keyword_and_indexes_itself(tmp_path, monkeypatch):
    from generator.view import model

    made = []
    real_init = model.Site.__init__

    def counted(self, *args, **kwargs):
        assert not args, "Site is built by keyword"
        made.append(kwargs)
        real_init(self, **kwargs)

    monkeypatch.setattr(model.Site, "__init__", counted)
    site = build_site(validate_tree(small_tree(tmp_path), TODAY), Context())
    assert len(made) == 1 and made[0]["indexed"] is True
    assert site.activities_of_partnership["tp-thu-nghiem-xa-la-dee"][0] == "2023-01-06-mo-hinh-heo"
    assert [a["id"] for a in site.in_order] == sorted(site.activities, key=lambda i: (site.activities[i]["date"], i))
    # The records alone (what the import reads): names, and no index made.
    alone = model.records_only(site.records)
    assert alone.name_of("partnership", "tp-thu-nghiem-xa-la-dee") == site.name_of("partnership", "tp-thu-nghiem-xa-la-dee")
    assert (alone.in_order, alone.activities_of_partnership, alone.newest) == ([], {}, None)


def test_what_validation_kept_beside_the_records_is_let_go_before_the_render(tmp_path, monkeypatch):
    # Each file's document, positions and path: some 900 bytes a record by their objects' sizes, in every forked share.
    import gc

    from generator import pipeline
    from generator.records import Record

    alive = []
    real = pipeline.render_shares

    def counting(site, context, open_sink):
        alive.append(sum(isinstance(o, Record) for o in gc.get_objects()))
        return real(site, context, open_sink)

    monkeypatch.setattr(pipeline, "render_shares", counting)
    records = small_tree(tmp_path)
    before = sum(isinstance(o, Record) for o in gc.get_objects())
    assert pipeline.generate(records, tmp_path / "out", Context(), TODAY).files
    assert alive == [before]  # none of this tree's: validation made dozens


def test_the_summaries_rows_are_let_go_once_made_and_made_again_alike(tmp_path):
    from generator.i18n import speaking
    from generator.site.pages import summaries

    site = build_site(validate_tree(small_tree(tmp_path), TODAY), Context())
    with speaking("vi"):
        first = {page.path: page.text("", "") for page in summaries.pages(site)}
        tables = site.memo._in_language()
        assert first and not tables.summary_rows and not tables.summary_cells
        assert {page.path: page.text("", "") for page in summaries.pages(site)} == first


def test_pages_exist_for_every_record_and_section(tmp_path):
    files = _render(small_tree(tmp_path))
    for path in (
        "index.md",
        "dia-ban/index.md",
        "dia-ban/xa-phuoc-chanh/index.md",
        "dia-ban/huyen-nam-giang/index.md",
        "don-vi/so-thu-nghiem/index.md",
        "cap-ket-nghia/tp-thu-nghiem-xa-la-dee/index.md",
        "hoat-dong/index.md",
        "hoat-dong/2023/index.md",
        "hoat-dong/2023/mo-hinh-sinh-ke/index.md",
        "hoat-dong/noi-dung/tham-tang-qua/index.md",
        "van-ban/qd-1100-qd-ubnd-2020/index.md",
        "do-phu/index.md",
        "chat-luong-du-lieu/index.md",
        "du-lieu-mo/index.md",
        "du-lieu-mo/datapackage.json",
    ):
        assert path in files, path


def test_entity_pages_link_to_their_yaml_in_the_contexts_repository(tmp_path):
    records = small_tree(tmp_path)
    # The project's files are read by whoever makes the context, never by the render.
    (records.parent / "mkdocs.yml").write_text("site_name: Sổ trong tệp\nrepo_url: https://git.example/so-z/x\n",
                                               encoding="utf-8")
    result = validate_tree(records, TODAY)
    # Two projects in one process: each render links its own repository, named by its context
    # alone, and leaves nothing behind for the next.
    first = render_site(result, Context(Identity(repository="https://git.example/so-x/ket-nghia")))
    second = render_site(result, Context(Identity(name="Sổ khác", repository="https://git.example/so-y/ket-nghia")))
    page = "cap-ket-nghia/tp-thu-nghiem-xa-la-dee/index.md"
    assert 'source: "records/partnerships/tp-thu-nghiem-xa-la-dee.yaml"' in first[page].decode()
    assert "https://git.example/so-x/ket-nghia/blob/main/records/partnerships/tp-thu-nghiem-xa-la-dee.yaml" in first[page].decode()
    assert all(b"git.example/so-y/" not in data for data in first.values())
    assert "https://git.example/so-y/ket-nghia/blob/main/records/partnerships/" in second[page].decode()
    assert all(b"git.example/so-x/" not in data for data in second.values())
    assert "Sổ khác" in second["index.md"].decode() and "Sổ khác" not in first["index.md"].decode()
    # Without a repository, no link into one: and the first render's did not stay.
    assert all(b"git.example" not in data for data in render_site(result, Context()).values())
    assert all("Sổ trong tệp".encode() not in data for data in first.values())


def test_home_page_figures(tmp_path):
    records = small_tree(tmp_path)
    activity(
        records,
        "2025-06-01-kham-benh",
        "so-thu-nghiem-xa-phuoc-chanh",
        "2025-06-01",
        "kham-chua-benh",
        "Khám bệnh",
        sources=[{"title": "Tin", "publisher": "Báo thử nghiệm", "date": "2026-01-02"}],
    )
    home = _render(records)["index.md"].decode()
    assert "<strong>16,5 tỷ đồng</strong>" in home  # 16,4 tỷ + 90 triệu + 30 triệu, for reading
    assert "đã thực hiện (16.520.000.000 đồng;" in home  # and in full, for checking
    assert "cập nhật đến 2/1/2026" in home  # the newest record's date: a source's
    assert "Tỷ trọng tặng quà" in home and "<svg" in home


def test_commune_page_shows_successor_border_basis_and_activities(tmp_path):
    files = _render(small_tree(tmp_path))
    commune = files["dia-ban/xa-la-dee/index.md"].decode()
    assert "suy luận" in commune  # the border status is inferred, and says so
    assert 'href="../../dia-ban/xa-la-dee-2025/"' in commune
    assert "Mô hình nuôi heo cho 10 hộ nghèo" in commune
    successor = files["dia-ban/xa-la-dee-2025/index.md"].decode()
    assert 'href="../../dia-ban/xa-la-dee/"' in successor  # and back


def test_activity_has_an_anchor_with_its_sources(tmp_path):
    listing = _render(small_tree(tmp_path))["hoat-dong/2023/mo-hinh-sinh-ke/index.md"].decode()
    assert '<tr id="2023-01-06-mo-hinh-heo">' in listing
    assert 'href="https://example.org/bai-bao"' in listing


def test_value_not_reported_is_not_zero(tmp_path):
    files = _render(small_tree(tmp_path))
    partnership = files["cap-ket-nghia/so-thu-nghiem-xa-phuoc-chanh/index.md"].decode()
    assert "chưa báo cáo" in partnership  # planned value: no activity reports it
    rows = list(csv.DictReader(io.StringIO(files["du-lieu-mo/hoat-dong.csv"].decode("utf-8-sig"))))
    training = next(r for r in rows if r["id"] == "2022-05-tap-huan")
    assert training["delivered_total"] == "" and training["households"] == ""


def test_csv_has_bom_codes_and_labels(tmp_path):
    files = _render(small_tree(tmp_path))
    data = files["du-lieu-mo/hoat-dong.csv"]
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 4
    for column in (
        "id",
        "partnership",
        "partnership_name",
        "date",
        "category",
        "category_label",
        "category_group",
        "status",
        "status_label",
        "delivered_cash",
        "delivered_total",
        "households",
        "source_url",
    ):
        assert column in rows[0], column
    gift = next(r for r in rows if r["id"] == "2023-01-06-qua-tet")
    assert gift["category_label"].startswith("Thăm hỏi, tặng quà") and gift["gift"] == "true"
    for name in ("dia-ban", "don-vi-ket-nghia", "van-ban", "cap-ket-nghia", "danh-muc"):
        assert files[f"du-lieu-mo/{name}.csv"].startswith(b"\xef\xbb\xbf")


def test_datapackage_describes_every_download(tmp_path):
    files = _render(small_tree(tmp_path))
    package = json.loads(files["du-lieu-mo/datapackage.json"])
    for resource in package["resources"]:
        assert f"du-lieu-mo/{resource['path']}" in files
        if resource["format"] == "csv":
            header = files[f"du-lieu-mo/{resource['path']}"].decode("utf-8-sig").splitlines()[0].split(",")
            assert header == [f["name"] for f in resource["schema"]["fields"]]
    assert json.loads(files["du-lieu-mo/hoat-dong.json"])[0]["sources"]


def test_coverage_lists_unpartnered_target_communes(tmp_path):
    records = small_tree(tmp_path)
    result = validate_tree(records, TODAY)
    targets = build_site(result, Context()).target_communes("qd-1100-2020-2025")
    assert "xa-phuoc-chanh" in targets and "xa-la-dee" in targets and "xa-que-tan" not in targets  # 2025 unit
    coverage = render_site(result, Context())["do-phu/index.md"].decode()
    assert "xã Zuôich" in coverage  # a target commune nobody in the tree is twinned with
    assert f"{len(targets) - 2} trong số {len(targets)} xã mục tiêu" in coverage


def test_long_listings_are_cut_into_pages_and_links_follow(tmp_path, monkeypatch):
    from generator.view import model

    records = small_tree(tmp_path)
    for day in ("02", "03", "04"):
        activity(
            records, f"2023-02-{day}-kham", "tp-thu-nghiem-xa-la-dee", f"2023-02-{day}", "kham-chua-benh", "Khám bệnh"
        )
    monkeypatch.setattr(model, "LISTING_PAGE_SIZE", 2)
    files = _render(records)
    assert '<tr id="2023-02-04-kham">' in files["hoat-dong/2023/kham-chua-benh/trang/2/index.md"].decode()
    partnership = files["cap-ket-nghia/tp-thu-nghiem-xa-la-dee/index.md"].decode()
    assert 'href="../../hoat-dong/2023/kham-chua-benh/trang/2/#2023-02-04-kham"' in partnership


def test_output_does_not_depend_on_the_hash_seed(tmp_path):
    import os
    import subprocess
    import sys

    records = small_tree(tmp_path)
    script = (
        "import hashlib, sys, datetime; from pathlib import Path; "
        "from generator.validate import validate_tree; from generator.pipeline import render_site; "
        "from generator.view.context import Context; "
        "root = Path(sys.argv[1]); files = render_site(validate_tree(root, datetime.date(2026, 11, 26)), Context()); "
        "print(hashlib.sha256(repr(sorted(files.items())).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script, str(records)],
            capture_output=True,
            text=True,
            check=True,
            env=dict(os.environ, PYTHONHASHSEED=seed),
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1


def test_province_and_district_pages_count_every_unit_below_them(tmp_path):
    files = _render(small_tree(tmp_path))
    province = files["dia-ban/tinh-quang-nam/index.md"].decode()
    district = files["dia-ban/huyen-nam-giang/index.md"].decode()
    # All four activities, though none is recorded on the province or a district itself.
    assert "<strong>4</strong> <span>hoạt động</span>" in province
    assert "<strong>16,5 tỷ đồng</strong>" in province
    assert "<strong>2</strong> <span>hoạt động</span>" in district  # the two in xã La Dêê
    # The district's row in the province's table agrees with the district's own page.
    row = next(line for line in province.splitlines() if "huyen-nam-giang/" in line and "<tr>" in line)
    assert '<td data-sort="1" class="ledger-number">1</td>' in row  # one partnership, with xã La Dêê
    assert '<td data-sort="2" class="ledger-number">2</td>' in row  # its two activities


def test_quiet_partnerships_are_judged_by_their_period_not_their_status_today(tmp_path):
    records = small_tree(tmp_path)
    sponsor(records, "don-vi-lang", "Đơn vị Lặng")
    partnership(records, "don-vi-lang-xa-zuoich", ["don-vi-lang"], "xa-zuoich", status="ket-thuc")
    partnership(records, "don-vi-lang-xa-tr-hy", ["don-vi-lang"], "xa-tr-hy",
                period={"start": "2020-04-16", "end": "2020-12-31"})  # ended before the 12 months
    coverage = _render(records)["do-phu/index.md"].decode()
    quiet = coverage.split("12 tháng gần nhất", 1)[1].split("Xã biên giới", 1)[0]
    assert "don-vi-lang-xa-zuoich/" in quiet and "chưa có" in quiet  # ended since, silent in those months
    assert "don-vi-lang-xa-tr-hy/" not in quiet
    assert "tp-thu-nghiem-xa-la-dee/" not in quiet  # active on 6/1/2023


def test_a_quiet_partnerships_last_activity_shows_its_date_as_written(tmp_path):
    records = small_tree(tmp_path)
    sponsor(records, "don-vi-lang", "Đơn vị Lặng")
    partnership(records, "don-vi-lang-xa-zuoich", ["don-vi-lang"], "xa-zuoich")
    activity(records, "2021-qua-zuoich", "don-vi-lang-xa-zuoich", "2021", "tham-tang-qua", "Tặng quà")
    coverage = _render(records)["do-phu/index.md"].decode()
    row = next(line for line in coverage.splitlines() if "don-vi-lang-xa-zuoich/" in line and "<tr>" in line)
    assert '<td data-sort="2021">2021</td>' in row  # a year is not made into 31/12/2021


def test_tags_show_their_labels(tmp_path):
    records = small_tree(tmp_path)
    activity(records, "2023-03-01-sinh-ke", "tp-thu-nghiem-xa-la-dee", "2023-03-01", "mo-hinh-sinh-ke",
             "Sinh kế", tags=["qd90-da2"])
    page = _render(records)["hoat-dong/2023/mo-hinh-sinh-ke/index.md"].decode()
    assert "Thẻ: Đa dạng hóa sinh kế" in page and "qd90-da2" not in page.split("Thẻ:", 1)[1][:200]


def test_commune_pages_give_their_disadvantage_status_with_its_list_or_say_it_is_unknown(tmp_path):
    records = small_tree(tmp_path)  # xã Zuôich's status is in the shipped records, from the list's press report
    files = _render(records)
    zuoich = files["dia-ban/xa-zuoich/index.md"].decode()
    assert "Xã khu vực III, giai đoạn 2021-2025" in zuoich and "van-ban/qd-861-qd-ttg-2021/" in zuoich
    assert "Tổng cục Thống kê" in zuoich  # the locality's own source
    unknown = files["dia-ban/xa-binh-lam/index.md"].decode()
    assert "Diện khó khăn</dt>\n<dd><span data-search-exclude>chưa có thông tin" in unknown and "van-ban/qd-861-qd-ttg-2021/" in unknown
    assert "khu-vuc-iii 2021-2025 qd-861-qd-ttg-2021" in files["du-lieu-mo/dia-ban.csv"].decode("utf-8-sig")
    # The list's own page names the communes read from it, as for every other reference.
    assert "dia-ban/xa-zuoich/" in files["van-ban/qd-861-qd-ttg-2021/index.md"].decode()


def test_the_province_page_points_to_the_indexes_instead_of_copying_them(tmp_path):
    province = _render(small_tree(tmp_path))["dia-ban/tinh-quang-nam/index.md"].decode()
    assert "2 cặp kết nghĩa trên địa bàn" in province and "../../cap-ket-nghia/" in province
    assert "so-thu-nghiem-xa-phuoc-chanh/" not in province.split("Tổng hợp hoạt động")[0]  # no table of them


def test_section_indexes_are_cut_into_pages_when_the_ledger_outgrows_one(tmp_path, monkeypatch):
    from generator.site.pages import paging

    monkeypatch.setattr(paging, "INDEX_PAGE_SIZE", 1)
    files = _render(small_tree(tmp_path))
    first = files["cap-ket-nghia/index.md"].decode()
    second = files["cap-ket-nghia/trang/2/index.md"].decode()
    # The pager, both ways (links go up to the site root, then down).
    assert 'href="../cap-ket-nghia/trang/2/"' in first and 'href="../../../cap-ket-nghia/"' in second
    # Each page holds its own rows, linked from where the page is.
    assert "so-thu-nghiem-xa-phuoc-chanh/" in first and "tp-thu-nghiem-xa-la-dee/" not in first
    assert 'href="../../../cap-ket-nghia/tp-thu-nghiem-xa-la-dee/"' in second
    assert "don-vi/trang/2/index.md" in files


def test_a_document_cited_by_many_records_lists_some_and_points_to_the_rest(tmp_path, monkeypatch):
    from generator.site.pages import documents

    monkeypatch.setattr(documents, "CITATIONS_SHOWN", 1)
    page = _render(small_tree(tmp_path))["van-ban/qd-1100-qd-ubnd-2020/index.md"].decode()
    assert "<strong>Cặp kết nghĩa</strong> (2)" in page  # the count stays whole
    assert page.count("cap-ket-nghia/so-thu-nghiem") + page.count("cap-ket-nghia/tp-thu-nghiem") == 1
    # The rest are in the open data, which holds every partnership with its basis.
    assert "Và 1 cặp kết nghĩa khác" in page and 'href="../../du-lieu-mo/"' in page


def test_pages_say_why_their_figures_differ_from_others(tmp_path):
    records = small_tree(tmp_path)
    sponsor(records, "don-vi-lang", "Đơn vị Lặng")
    partnership(records, "chung-xa-zuoich", ["don-vi-lang", "so-thu-nghiem"], "xa-zuoich")
    files = _render(records)
    district = files["dia-ban/huyen-nam-giang/index.md"].decode()
    assert "chỉ được tính ở cấp trên" in district  # activities without a commune
    assert "tính trọn cho từng đơn vị" in files["don-vi/index.md"].decode()  # a shared partnership
    merged = files["dia-ban/xa-tien-son/index.md"].decode()
    assert "(đến hết ngày 31/12/2024)" in merged and "</a> (đến hết ngày" in merged  # no space lost


def test_a_sort_key_is_escaped_once(tmp_path):
    records = small_tree(tmp_path)
    activity(records, "2023-03-01-sinh-ke", "tp-thu-nghiem-xa-la-dee", "2023-03-01", "mo-hinh-sinh-ke",
             "Heo & gà cho hộ nghèo")
    page = _render(records)["hoat-dong/2023/mo-hinh-sinh-ke/index.md"].decode()
    assert 'data-sort="Heo &amp; gà cho hộ nghèo"' in page
    assert "&amp;amp;" not in page


def test_a_sponsor_page_has_its_year_by_year_table_with_the_gift_share(tmp_path):
    records = small_tree(tmp_path)
    for day, category, value in (("2023-03-01", "tham-tang-qua", 30_000_000), ("2024-03-01", "tham-tang-qua", 10_000_000)):
        activity(records, f"{day}-x", "so-thu-nghiem-xa-phuoc-chanh", day, category, "Quà",
                 value={"delivered": {"cash": value}})
    activity(records, "2024-05-01-y", "so-thu-nghiem-xa-phuoc-chanh", "2024-05-01", "mo-hinh-sinh-ke", "Bò",
             value={"delivered": {"cash": 30_000_000}, "planned": {"cash": 40_000_000}})
    page = _render(records)["don-vi/so-thu-nghiem/index.md"].decode()
    table = page[page.index("## Theo năm") :]
    table = table[: table.index("</table>")]
    rows = table.split("<tr>")[2:]
    year_2024 = next(row for row in rows if ">2024<" in row)
    # 2 activities, 40 triệu planned, 40 triệu delivered of which 10 triệu gifts: 25% by value, 50% by number
    cells = re.findall(r"<td[^>]*>(.*?)</td>", year_2024)
    assert cells == ["2024", "2", "40.000.000", "40.000.000", "25%", "50%"]
    assert "Năm" in table and "Tặng quà, theo giá trị đã thực hiện" in table
    note = page[page.index("## Theo năm") :]
    assert "Tỷ trọng tặng quà theo giá trị: 100% năm 2021, 25% năm 2024. Năm chưa có báo cáo giá trị: 2022." in note


def test_quality_page_names_an_assumed_end_beyond_the_programme_or_the_unit(tmp_path):
    records = small_tree(tmp_path)
    sponsor(records, "don-vi-gia-dinh", "Đơn vị Giả Định")
    partnership(records, "don-vi-gia-dinh-xa-la-dee", ["don-vi-gia-dinh"], "xa-la-dee",
                period={"start": "2021", "end": "2025-12-31", "assumed": ["end"]})
    # The same end, given by a source: not an assumption of the ledger, not listed here.
    partnership(records, "don-vi-gia-dinh-xa-phuoc-chanh", ["don-vi-gia-dinh"], "xa-phuoc-chanh",
                period={"start": "2021", "end": "2025-12-31"})
    page = _render(records)["chat-luong-du-lieu/index.md"].decode()
    section = page.split("## Mốc kết thúc giả định muộn hơn chương trình hoặc địa bàn\n", 1)[1].split("\n## ")[0]
    assert section.count("<tr><td>") == 1
    assert "don-vi-gia-dinh-xa-la-dee/" in section and "don-vi-gia-dinh-xa-phuoc-chanh/" not in section
    assert "chương trình kết thúc 30/6/2025; xã La Dêê (huyện Nam Giang, đến 30/6/2025) tồn tại đến 30/6/2025" in section
    assert "Không có" in _render(small_tree(tmp_path / "b"))["chat-luong-du-lieu/index.md"].decode().split(
        "## Mốc kết thúc giả định", 1)[1].split("\n## ")[0]
