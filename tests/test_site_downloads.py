"""The hand-joined CSV of the downloads writes what csv.writer (Excel dialect) would, and the
JSON what the json module would."""

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.site import downloads
from generator.site.downloads import Column, csv_bytes, json_bytes

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(alphabet=st.sampled_from("ab ,\"\r\n\t;'ơ–")),
    st.text(),
)


def _by_csv_module(columns, rows) -> bytes:
    def cell(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + value  # a formula, neutralised
        return str(value)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([cell(c.value(row)) for c in columns])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


@given(st.integers(1, 3).flatmap(lambda width: st.lists(st.lists(VALUES, min_size=width, max_size=width), max_size=5)))
def test_csv_matches_the_csv_module(rows):
    width = len(rows[0]) if rows else 1
    columns = [Column(f"c{i}", "string", f"C{i}", lambda row, i=i: row[i]) for i in range(width)]
    assert csv_bytes(columns, rows) == _by_csv_module(columns, rows)


def test_csv_cells_never_start_a_formula():
    # OWASP's list: = + - @ tab and CR start a formula in Excel; the JSON keeps the text as written.
    title = '=HYPERLINK("http://evil.example/x","bấm vào")'
    rows = [{"t": text} for text in (title, "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "a=1")]
    columns = [Column("t", "string", "T", lambda row: row["t"]), Column("n", "integer", "N", lambda row: -5)]
    lines = csv_bytes(columns, rows).decode("utf-8-sig").split("\r\n")
    assert lines[1:-1] == [
        '"\'=HYPERLINK(""http://evil.example/x"",""bấm vào"")",-5',
        "'+cmd|' /C calc'!A0,-5", "'-2+3,-5", "'@SUM(A1),-5", "'\t=1,-5", "\"'\r=1\",-5", "a=1,-5",
    ]
    assert json.loads(json_bytes(rows))[0]["t"] == title


RECORD = st.dictionaries(
    st.text(min_size=1),
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(), st.lists(st.text(), max_size=3)),
    max_size=6,
)


@given(st.lists(RECORD, max_size=4))
def test_json_matches_the_json_module(rows):
    # Amounts beyond 64 bits included: the validator only warns about them, the download must still be written.
    expected = json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    assert json_bytes(rows) == expected.encode("utf-8")


@given(st.integers(1, 3).flatmap(lambda width: st.lists(st.lists(VALUES, min_size=width, max_size=width), max_size=7)))
def test_a_table_in_parts_is_the_same_table(rows):
    # Parts of two rows: none, one, several, and a last part that is short.
    width = len(rows[0]) if rows else 1
    columns = [Column(f"c{i}", "string", f"C{i}", lambda row, i=i: row[i]) for i in range(width)]
    records = [{f"k{i}": value for i, value in enumerate(row)} for row in rows]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(downloads, "ROWS_PER_PART", 2)
        csv_parts, json_parts = list(downloads.csv_parts(columns, rows)), list(downloads.json_parts(records))
    assert b"".join(csv_parts) == _by_csv_module(columns, rows)
    assert len(csv_parts) == 1 + -(-len(rows) // 2)  # the heading, then a part per two rows
    expected = json.dumps(records, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    assert b"".join(json_parts) == expected.encode("utf-8")


def test_the_open_data_pages_rows_are_counted_once_for_both_languages(monkeypatch):
    import datetime

    from generator.validate import validate_tree
    from generator.view.context import Context
    from generator.view.model import build_site

    from support import PROJECT

    site = build_site(validate_tree(PROJECT / "records", datetime.date(2026, 12, 6)), Context())
    made: list[str] = []
    real = downloads.dataset_rows
    monkeypatch.setattr(downloads, "dataset_rows", lambda site, dataset: made.append(dataset.name) or real(site, dataset))
    first = downloads.sizes(site)
    assert downloads.sizes(site) is first and sorted(made) == sorted(downloads.DATASETS)
    assert first == {name: len(real(site, dataset)) for name, dataset in downloads.DATASETS.items()}
    assert first["hoat-dong"] == len(site.activities) > 0
