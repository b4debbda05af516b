"""Any id the schema allows renders: the site model's memo keeps its own keys apart from
record ids, and URLs cannot collide (ids come from the id pattern of common.schema.json)."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.site.render import render_files
from generator.validate import validate_tree
from generator.view import urls
from generator.view.context import Context
from generator.view.model import build_site

from site_records import PROJECT, TODAY, activity, partnership, small_tree, sponsor

ID_PATTERN = json.loads((PROJECT / "schemas" / "common.schema.json").read_text(encoding="utf-8"))["definitions"]["id"]["pattern"]
# Words the code has used as keys or URL parts of its own.
INTERNAL = ["groups", "ref", "figure-cells", "locality", "partnership", "totals", "names", "trang", "trang-2",
            "nam-2023", "noi-dung", "index", "du-lieu-mo", "hoat-dong", "generated", "vocabulary"]


def _render_with(tmp_path, record_id: str) -> dict[str, bytes]:
    records = small_tree(tmp_path)
    sponsor(records, record_id, f"Đơn vị {record_id}")
    partnership(records, record_id, [record_id], "xa-la-dee")
    activity(records, record_id, record_id, "2023-05-10", "y-te", f"Hoạt động {record_id}")
    result = validate_tree(records, TODAY)
    assert not result.errors, [d.text() for d in result.errors]
    return render_files(build_site(result, Context()))


def _check(files: dict[str, bytes], record_id: str) -> None:
    for record_type in ("organization", "partnership"):
        page = files[urls.source_file(urls.entity(record_type, record_id))].decode()
        assert f"Đơn vị {record_id}" in page
    assert any(f'<tr id="{record_id}">' in body.decode() for path, body in files.items() if path.startswith("hoat-dong/2023/"))


@pytest.mark.parametrize("record_id", INTERNAL)
def test_ids_the_code_uses_for_itself_render(tmp_path, record_id):
    assert re.fullmatch(ID_PATTERN[1:-1], record_id)
    _check(_render_with(tmp_path, record_id), record_id)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record_id=st.from_regex(ID_PATTERN[1:-1], fullmatch=True).filter(lambda i: len(i) <= 60))
def test_any_id_of_the_pattern_renders(tmp_path_factory, record_id):
    _check(_render_with(tmp_path_factory.mktemp("ids"), record_id), record_id)
