"""The strict loader: what it keeps, what it refuses, and where it points."""
from __future__ import annotations

import unicodedata

import pytest

from generator.loader import LoadError, load_bytes, load_file
from generator.schema import SchemaSet


def load(text: str):
    return load_bytes(text.encode("utf-8"), "x.yaml")


def refusal(raw: bytes) -> LoadError:
    with pytest.raises(LoadError) as caught:
        load_bytes(raw, "x.yaml")
    return caught.value


def test_yaml_11_traps_stay_as_written():
    data = load("a: NO\nb: 0123\nc: 12:30\nd: 3.10\ne: 2021-02-30\nf: yes\ng: off\nh: 1e3\ni: 0x1A\n").data
    assert data == {"a": "NO", "b": "0123", "c": "12:30", "d": "3.10", "e": "2021-02-30",
                    "f": "yes", "g": "off", "h": "1e3", "i": "0x1A"}


def test_only_plain_true_false_null_and_integers_are_typed():
    data = load("a: true\nb: false\nc:\nd: ~\ne: 42\nf: -7\ng: '42'\nh: True\n").data
    assert data == {"a": True, "b": False, "c": None, "d": None, "e": 42, "f": -7, "g": "42", "h": "True"}


def test_positions_are_one_based_and_nested_blocks_point_at_their_key():
    doc = load("# comment\nid: x\nvalue:\n  delivered:\n    cash: 5\nlist: [a, b]\n")
    assert doc.position(("id",)) == (2, 5)
    assert doc.position(("value", "delivered")) == (4, 3)
    assert doc.position(("value", "delivered", "cash")) == (5, 11)
    assert doc.position(("list", 1)) == (6, 11)
    assert doc.position(("value", "missing")) == (3, 1)  # nearest written ancestor


def test_bom_is_stripped_and_text_normalised_to_nfc():
    doc = load_bytes(b"\xef\xbb\xbfname: Ho\xcc\x80a\n", "x.yaml")
    assert doc.data == {"name": "H\u00f2a"}


@pytest.mark.parametrize("raw, code, line", [
    (b"a: 1\na: 2\n", "YAML_DUPLICATE_KEY", 2),
    (b"a: !!python/object:os.system x\n", "YAML_TAG", 1),
    (b"a: !!str x\n", "YAML_TAG", 1),
    (b"a: &x 1\nb: *x\n", "YAML_ALIAS", 1),
    (b"a: 1\n---\nb: 2\n", "YAML_MULTI_DOC", 2),
    (b"", "YAML_EMPTY", 1),
    (b"\n  \n", "YAML_EMPTY", 1),
    (b"a:\n\tb: 1\n", "YAML_TAB", 2),
    (b"a: \xc3\x28\n", "FILE_ENCODING", 1),
    (b"\xff\xfea\x00:\x00", "FILE_ENCODING", 1),
    (b"a: b\x00c\n", "FILE_CONTROL_CHAR", 1),
    (b"- a\n", "YAML_NOT_MAPPING", 1),
    (b"? [a]\n: b\n", "YAML_KEY", 1),
    (b"a: 'x\nb: 1\nc: 2\n", "YAML_SYNTAX", 1),
    (b"id: x\n<<<<<<< HEAD\na: 1\n=======\na: 2\n>>>>>>> b\n", "FILE_MERGE_CONFLICT", 2),
    (b"id: x\n=======\n", "FILE_MERGE_CONFLICT", 2),
])
def test_refusals_name_a_code_and_line(raw, code, line):
    error = refusal(raw)
    assert (error.code, error.line) == (code, line)
    assert error.message  # a Vietnamese sentence, never a traceback


def test_invalid_utf8_points_at_the_byte():
    error = refusal("a: 1\ntitle: Tập ".encode() + b"\xff\n")
    assert (error.code, error.line, error.col) == ("FILE_ENCODING", 2, 12)


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "big.yaml"
    with open(path, "wb") as handle:
        handle.write(b"a: " + b"x" * 50_000_000 + b"\n")
    doc, [diagnostic] = load_file(path, "big.yaml")
    assert doc is None
    assert diagnostic.code == "FILE_TOO_LARGE"
    assert "50.000.004 byte, vượt giới hạn 1.000.000 byte" in diagnostic.message


def test_very_long_line_is_fine():
    assert load("a: " + "x" * 200_000 + "\n").data["a"] == "x" * 200_000


def test_unreadable_file_is_reported(tmp_path):
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "missing.yaml")
    doc, [diagnostic] = load_file(link, "gone.yaml")
    assert doc is None and diagnostic.code == "FILE_UNREADABLE"
    assert "tệp không tồn tại" in diagnostic.message  # in Vietnamese, not the system's English


def test_old_mac_line_ends_count_lines_as_libyaml_does():
    error = refusal("# ghi chú\rid: x\rtitle: a\tb\r  c: \x01\r".encode())
    assert (error.code, error.line) == ("FILE_CONTROL_CHAR", 4)


def test_a_value_quoted_with_a_line_break_stays_on_one_output_line(tmp_path):
    schemas = SchemaSet()
    doc = load("id: |\n  x\n")
    [diagnostic] = [d for d in schemas.check("document", doc) if d.code == "SCHEMA_PATTERN"]
    assert "\n" not in diagnostic.text() and "'x\\n'" in diagnostic.text()


def test_schema_validators_disagreeing_never_lets_a_record_through(monkeypatch):
    schemas = SchemaSet()
    doc = load("id: x\n")
    monkeypatch.setattr(schemas, "is_valid", lambda record_type, data: False)
    monkeypatch.setattr(schemas, "iter_errors", lambda record_type, data: iter(()))
    [diagnostic] = schemas.check("activity", doc)
    assert diagnostic.code == "SCHEMA_OTHER"


def test_columns_of_a_file_saved_in_nfd_are_those_an_editor_shows():
    # "Đỡ đầu" in NFD: each accented letter is a letter and one or two combining marks.
    text = unicodedata.normalize("NFD", "note: Đỡ đầu học sinh\nx: {a: Đỡ đầu, b: -1}\n")
    doc = load(text)
    second = text.split("\n")[1]
    assert doc.positions[("x", "b")] == (2, second.index("-1") + 1)
    assert doc.data["note"] == unicodedata.normalize("NFC", "Đỡ đầu học sinh")
    wrong = unicodedata.normalize("NFD", "id: x\nnote: Đỡ đầu: sai\n")
    error = refusal(wrong.encode())
    assert (error.line, error.col) == (2, wrong.split("\n")[1].rindex(":") + 1)  # the second colon


def test_a_link_to_a_device_or_a_pipe_is_refused_without_reading_it(tmp_path):
    import os

    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)  # opening it would wait for a writer
    for path in (zero, pipe):
        doc, [diagnostic] = load_file(path, path.name)
        assert doc is None and diagnostic.code == "FILE_UNREADABLE" and "tệp thường" in diagnostic.message


def test_nfd_columns_of_a_long_line_are_found_by_search():
    # 50,000 values on one NFD line: placing each by scanning the line's runs took minutes.
    line = "x: {" + ", ".join(f"k{i}: \u0111e\u0301" for i in range(50_000)) + "}\n"
    doc = load(line)
    assert doc.positions[("x", "k49999")] == (1, line.index("k49999: ") + len("k49999: ") + 1)  # its value
    assert doc.positions[("x", "k49999")] != doc.positions[("x", "k1")]


def test_schema_findings_stop_at_a_limit():
    from generator.schema import MAX_SCHEMA_FINDINGS

    doc = load("id: x\ntags: [" + ", ".join(["khong-co"] * 10_000) + "]\n")
    found = SchemaSet().check("activity", doc)
    assert len(found) == MAX_SCHEMA_FINDINGS + 1
    assert found[-1].code == "SCHEMA_TOO_MANY" and "50 lỗi" in found[-1].message


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be", "utf-16", "utf-16-le"])
def test_the_encoding_is_named(encoding):
    error = refusal("id: x\n".encode(encoding))
    assert error.code == "FILE_ENCODING" and encoding[:6].upper() in error.message


def test_a_heading_underline_in_a_block_is_no_conflict():
    assert load("note: |\n  Tiêu đề\n  =======\n").data == {"note": "Tiêu đề\n=======\n"}
