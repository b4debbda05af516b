"""The open data as data portals read it: a Frictionless-valid package whose keys resolve,
a version that follows the data, every source in a table of its own, a data dictionary
that covers every column, and the JSON API's stable addresses."""

import csv
import hashlib
import io
import json
import posixpath

import pytest

from generator.pipeline import render_site
from generator.site import datapackage
from generator.site.downloads import DATASETS
from generator.validate import validate_tree
from generator.view.context import Context
from generator.view.model import build_site

from site_records import TODAY, activity, small_tree

frictionless = pytest.importorskip("frictionless")


def _render(records):
    return render_site(validate_tree(records, TODAY), Context())


def _write(files, folder, prefix="du-lieu-mo/"):
    for path, data in files.items():
        if path.startswith(prefix):
            target = folder / path[len(prefix):]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return folder / "datapackage.json"


def _rows(files, name):
    return list(csv.DictReader(io.StringIO(files[f"du-lieu-mo/{name}.csv"].decode("utf-8-sig"))))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    return _render(small_tree(tmp_path_factory.mktemp("opendata")))


def test_the_package_is_valid_for_frictionless_with_its_keys(rendered, tmp_path):
    report = frictionless.validate(str(_write(rendered, tmp_path)))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    package = json.loads(rendered["du-lieu-mo/datapackage.json"])
    schemas = {r["name"]: r["schema"] for r in package["resources"] if "schema" in r}
    assert schemas["hoat-dong"]["primaryKey"] == ["id"]
    assert {"fields": "partnership", "reference": {"resource": "cap-ket-nghia", "fields": "id"}} in schemas["hoat-dong"]["foreignKeys"]
    assert {"fields": "parent", "reference": {"resource": "dia-ban", "fields": "id"}} in schemas["dia-ban"]["foreignKeys"]
    assert schemas["nguon"]["primaryKey"] == ["record_type", "record_id", "position"]
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    for schema in schemas.values():
        assert all(field["description"] for field in schema["fields"])


def test_a_dangling_key_is_caught_by_the_validator(rendered, tmp_path):
    # The keys are checked, not only declared: an activity naming no partnership fails.
    path = _write(rendered, tmp_path)
    rows = _rows(rendered, "hoat-dong")
    rows[0]["partnership"] = "khong-co-cap-nay"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    (tmp_path / "hoat-dong.csv").write_text(out.getvalue(), encoding="utf-8-sig")
    report = frictionless.validate(str(path))
    assert not report.valid
    assert "foreign-key" in {error[1] for error in report.flatten(["rowNumber", "type"])}


def test_the_version_follows_the_data_not_the_clock(tmp_path):
    records = small_tree(tmp_path)
    first = json.loads(_render(records)["du-lieu-mo/datapackage.json"])["version"]
    assert json.loads(_render(records)["du-lieu-mo/datapackage.json"])["version"] == first
    activity(records, "2023-03-01-them", "tp-thu-nghiem-xa-la-dee", "2023-03-01", "y-te", "Khám bệnh thêm")
    second = json.loads(_render(records)["du-lieu-mo/datapackage.json"])["version"]
    assert second != first and second.split("+")[0] == first.split("+")[0]
    assert "+" in first and not first.startswith("20")


def test_the_version_is_the_digest_of_the_tables_as_written_in_parts(rendered, tmp_path):
    # The tables reach the writer in parts; the package's version digests those very bytes.
    tables = {path.removeprefix("du-lieu-mo/"): data for path, data in rendered.items()
              if path.startswith("du-lieu-mo/") and path.endswith((".csv", ".json")) and "datapackage" not in path}
    assert len(tables) == 2 * len(DATASETS)
    digests = {name: hashlib.sha256(data).digest() for name, data in tables.items()}
    assert json.loads(rendered["du-lieu-mo/datapackage.json"])["version"] == datapackage.version(digests)


def test_the_package_is_not_made_before_its_tables_are_read(tmp_path):
    site = build_site(validate_tree(small_tree(tmp_path), TODAY), Context())
    files = datapackage.each_file(site)
    next(files)  # a table handed on, its parts never read: its digest would be that of nothing
    with pytest.raises(RuntimeError):
        dict(files)


def test_activities_name_their_sponsors_and_every_source_is_listed(tmp_path):
    records = small_tree(tmp_path)
    two = [{"title": "Nguồn một", "publisher": "Báo A", "date": "2023-02-01", "url": "https://example.org/1"},
           {"title": "=Nguồn hai", "publisher": "Báo B", "date": "2023-02-02", "identifier": "SO-2"}]
    activity(records, "2023-02-01-hai-nguon", "so-thu-nghiem-xa-phuoc-chanh", "2023-02-01", "y-te", "Khám bệnh", sources=two)
    files = _render(records)
    row = next(r for r in _rows(files, "hoat-dong") if r["id"] == "2023-02-01-hai-nguon")
    assert row["sponsors"] == "so-thu-nghiem" and row["sponsor_names"] == "Sở Thử Nghiệm"
    cited = [r for r in _rows(files, "nguon") if r["record_id"] == "2023-02-01-hai-nguon"]
    assert [(r["position"], r["publisher"]) for r in cited] == [("1", "Báo A"), ("2", "Báo B")]
    assert cited[1]["title"] == "'=Nguồn hai" and cited[1]["identifier"] == "SO-2"  # a formula stays text
    assert {r["record_type"] for r in _rows(files, "nguon")} >= {"activity", "partnership", "organization"}


def test_the_dictionary_page_lists_every_column_in_both_languages(rendered):
    page = rendered["du-lieu-mo/tu-dien/index.md"].decode()
    package = json.loads(rendered["du-lieu-mo/datapackage.json"])
    for resource in package["resources"]:
        for field in resource.get("schema", {}).get("fields", []):
            assert f"<code>{field['name']}</code>" in page
    for dataset in DATASETS.values():
        assert dataset.en in page
    assert "Households that benefited" in page and "hộ" in page


def test_json_api_addresses_hold_each_record_and_its_links(rendered):
    partnership = json.loads(rendered["api/v1/cap-ket-nghia/tp-thu-nghiem-xa-la-dee.json"])
    assert partnership["type"] == "partnership" and partnership["record"]["locality"] == "xa-la-dee"
    # Addresses are relative to the document that holds them, as a client resolves them.
    here = "api/v1/cap-ket-nghia/tp-thu-nghiem-xa-la-dee.json"
    assert partnership["links"]["locality"] == "../dia-ban/xa-la-dee.json"
    for address in partnership["links"]["activities"] + partnership["links"]["sponsors"] + [partnership["links"]["locality"]]:
        assert posixpath.normpath(posixpath.join(posixpath.dirname(here), address)) in rendered, address
    assert partnership["page"] == "../../../cap-ket-nghia/tp-thu-nghiem-xa-la-dee/"
    listing = json.loads(rendered["api/v1/hoat-dong.json"])
    assert {"api/v1/" + item["url"] for item in listing["items"]} <= set(rendered)
    assert json.loads(rendered["api/v1/hoat-dong/2023-01-06-qua-tet.json"])["page"].endswith("#2023-01-06-qua-tet")
    index = json.loads(rendered["api/v1/index.json"])
    assert [c["url"] for c in index["collections"]] == ["dia-ban.json", "don-vi.json", "cap-ket-nghia.json", "hoat-dong.json"]
    for collection in index["collections"]:
        assert "api/v1/" + collection["url"] in rendered and "api/v1/" + collection["schema"] in rendered
