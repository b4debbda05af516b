"""The typed shapes of records (generator/typed.py) have exactly the fields of the schemas,
required where the schema requires them, down through nested objects and lists of objects."""
from __future__ import annotations

import typing

import pytest

from generator.loader import load_file
from generator.registry import ActivityStatus, PartnershipStatus
from generator.schema_shape import SchemaShape
from generator.typed import SHAPES

from support import PROJECT

SHAPE = SchemaShape()


def _typed_dict(annotation) -> type | None:
    """The TypedDict an annotation holds: itself, inside NotRequired[…] or list[…]."""
    while typing.get_origin(annotation) in (typing.NotRequired, typing.Required, list):
        annotation = typing.get_args(annotation)[0]
    return annotation if typing.is_typeddict(annotation) else None


def _compare(shape: type, node: dict, base: str, where: str) -> None:
    node, base = SHAPE.resolve(node, base)
    if node.get("type") == "array":
        node, base = SHAPE.resolve(node["items"], base)
    properties = node.get("properties", {})
    assert set(shape.__annotations__) == set(properties), where
    assert shape.__required_keys__ == set(node.get("required", ())), where
    hints = typing.get_type_hints(shape, include_extras=True)
    for name, prop in properties.items():
        inner = _typed_dict(hints[name])
        if inner is not None:
            _compare(inner, prop, base, f"{where}.{name}")


@pytest.mark.parametrize("record_type", sorted(SHAPES))
def test_shapes_follow_the_schemas(record_type):
    _compare(SHAPES[record_type], *SHAPE.root(record_type), record_type)


@pytest.mark.parametrize(("enum", "vocabulary"), [(ActivityStatus, "activity-statuses"),
                                                  (PartnershipStatus, "partnership-statuses")])
def test_status_enums_hold_the_codes_of_their_vocabulary(enum, vocabulary):
    doc, problems = load_file(str(PROJECT / "records" / "vocabularies" / f"{vocabulary}.yaml"), vocabulary)
    assert not problems
    assert {item["code"] for item in doc.data["items"]} == {member.value for member in enum}
