"""Property-based tests: whatever the bytes, the loader and the validator end in a
clean result or a clean error, never an exception."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.loader import LoadError, load_bytes
from generator.validate import validate_tree

from support import CASES, TODAY, build_tree

BASE_ACTIVITY = (CASES / "base" / "records" / "activities" / "2023" / "2023-05-10-tap-huan.yaml").read_bytes()

# Fragments that matter to YAML, to records and to the rules.
TOKENS = st.sampled_from([
    "id", "title", "date", "value", "cash", "sources", ":", ": ", "- ", "\n", "  ", "\t", "'", '"', "&a", "*a",
    "!!python/object", "!tag", "---", "...", "[", "]", "{", "}", ",", "#", "?", "|", ">", "NO", "0123", "12:30",
    "3.10", "2021-02-30", "2023-05-10", "-5", "99999999999999999999", "xã Phước Chánh", "Ho\u0300a", "\u200b",
    "\ufeff", "\x00", "<script>", "](javascript:x)", "0905 123 456", "a@b.vn", "049123456789", "\u00a0", "%",
])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_loader_on_random_bytes(raw):
    try:
        load_bytes(raw, "x.yaml")
    except LoadError as error:
        assert error.code and error.message and error.line >= 1 and error.col >= 1


@settings(max_examples=300, deadline=None)
@given(st.lists(TOKENS, max_size=60).map("".join))
def test_loader_on_yaml_like_text(text):
    try:
        doc = load_bytes(text.encode("utf-8"), "x.yaml")
    except LoadError as error:
        assert error.code and error.message
    else:
        assert isinstance(doc.data, dict)


def _mutate(raw: bytes, data: st.DataObject) -> bytes:
    lines = raw.split(b"\n")
    for _ in range(data.draw(st.integers(1, 4))):
        kind = data.draw(st.sampled_from(["delete", "insert", "duplicate", "swap", "indent"]))
        i = data.draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[i]
        elif kind == "insert":
            lines.insert(i, data.draw(st.lists(TOKENS, max_size=6).map("".join)).encode("utf-8", "surrogatepass"))
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = b" " * data.draw(st.integers(0, 5)) + lines[i].lstrip()
        if not lines:
            lines = [b""]
    return b"\n".join(lines)


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return build_tree(tmp_path_factory.mktemp("fuzz"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_validator_on_mutated_records(tree, data):
    target = tree / "activities" / "2023" / "m.yaml"
    # Another day: a copy of the base activity on its own day is a likely duplicate of it.
    raw = BASE_ACTIVITY.replace(b"2023-05-10-tap-huan", b"m").replace(b'date: "2023-05-10"', b'date: "2023-05-12"')
    target.write_bytes(_mutate(raw, data))
    try:
        result = validate_tree(tree, TODAY)
    finally:
        target.unlink()
    for diagnostic in result.diagnostics:
        # Every other record still validates; at most it is named as a likely duplicate of m.yaml.
        assert diagnostic.file.endswith("m.yaml") or (
            diagnostic.code == "ACTIVITY_DUPLICATE" and "m.yaml" in diagnostic.message), diagnostic
        assert diagnostic.line >= 1 and diagnostic.message
