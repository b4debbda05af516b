"""The schemas: complete for editors, and the two validators agree."""
from __future__ import annotations

import json
import re

import pytest

from generator.loader import load_file
from generator.records import discover
from generator.registry import TYPES
from generator.schema import SchemaSet, schema_texts

from support import CASES, PROJECT

SCHEMAS = sorted((PROJECT / "schemas").glob("*.schema.json"))


def _properties(node, path="$"):
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}.{name}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{path}.{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _properties(sub, f"{path}[{i}]")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_property_has_a_title_and_vietnamese_description(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    for where, prop in _properties(schema):
        assert prop.get("title") and prop.get("description"), where


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_objects_refuse_unknown_fields(path):
    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield node
            for sub in node.values():
                yield from objects(sub)
        elif isinstance(node, list):
            for sub in node:
                yield from objects(sub)
    for node in objects(json.loads(path.read_text(encoding="utf-8"))):
        assert node.get("additionalProperties") is False


def _all_case_documents():
    for tree in [PROJECT / "records", *(p / "records" for p in sorted((CASES / "invalid").iterdir())),
                 *(p / "records" for p in sorted((CASES / "valid").iterdir())), CASES / "base" / "records"]:
        for record_file in discover(tree):
            if record_file.type and record_file.is_yaml:
                doc, _ = load_file(record_file.path, record_file.file)
                if doc is not None:
                    yield record_file.type, doc


def test_fast_and_detailed_validators_agree_on_every_fixture():
    schemas = SchemaSet()
    checked = 0
    for record_type, doc in _all_case_documents():
        assert schemas.is_valid(record_type, doc.data) == (not schemas.errors(record_type, doc.data)), doc.file
        checked += 1
    assert checked > 200


def test_every_record_type_has_a_schema():
    assert {t.schema for t in TYPES.values()} <= {p.name for p in SCHEMAS}


def test_the_tool_reads_the_schemas_that_editors_read():
    """One copy: the package's schemas are the files of schemas/ (the installed copy is
    compared in test_install.py)."""
    assert schema_texts() == {p.name: p.read_text(encoding="utf-8") for p in SCHEMAS}


def test_digits_kept_as_text_get_a_hint_that_fits_how_they_were_written():
    from generator.schema import _type_hint

    assert "bỏ dấu ngoặc" in _type_hint("integer", "90000000")  # only quotes keep these digits text
    assert "số 0 ở đầu, ví dụ 123" in _type_hint("integer", "0123")
    assert "40 chữ số" in _type_hint("integer", "9" * 40)
    assert "viết liền" in _type_hint("integer", "90.000.000")


def test_a_code_that_only_looks_right_says_which_character_is_wrong():
    from generator.schema import _odd_letters

    assert "U+0430 'а'" in _odd_letters("hoаn-thanh")  # Cyrillic а
    assert "U+200B (không nhìn thấy)" in _odd_letters("hoan\u200b-thanh")
    assert _odd_letters("hoan-thanh") == "" and _odd_letters(12) == ""


def test_schema_refusals_beyond_the_usual_keywords_are_vietnamese():
    from generator.loader import Document

    schemas = SchemaSet()
    programme = {"id": "thu", "name": "Thử", "short_name": "Thử", "basis": ["qd-1100-qd-ubnd-2020"],
                 "area": "tinh-quang-nam", "period": {"start": "2020"}, "targets": {"count": -11},
                 "sources": [{"title": "Tin", "publisher": "Báo", "date": "2020"}]}
    [minimum] = schemas.check("programme", Document("thu.yaml", programme))
    assert minimum.message == "tệp ghi -11, nhỏ hơn mức thấp nhất 0: hãy ghi một số từ 0 trở lên"
    total = {"id": "t", "scope": {}, "period": "2022", "figures": [], "sources": []}
    messages = [d.message for d in schemas.check("reported-total", Document("t.yaml", total))]
    scope = [m for m in messages if m.startswith("thiếu trường")]
    assert scope and "ghi đúng một trong hai" in scope[0]
    for message in messages + [minimum.message]:
        assert not re.search(r"\b(?:is|less|than|minimum|should|not|valid|expected|properties)\b", message), message
