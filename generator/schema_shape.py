"""Walking a record type's schema: key order, the node of a field, date fields.

Read by the canonical form (key order, quoted dates) and by `new` (what each field means).
"""
from __future__ import annotations

from typing import Any

from .schema import SchemaSet

_DATE_FORMATS = ("date", "partial-date")

SchemaNode = dict[str, Any]  # a JSON Schema object, as parsed
SchemaAt = tuple[SchemaNode, str]  # a node and the schema file its `$ref`s are relative to


class SchemaShape:
    """The parts of a schema that the canonical form follows: key order and date fields."""

    def __init__(self, schemas: SchemaSet | None = None):
        self.raw = (schemas or SchemaSet()).raw

    def resolve(self, node: SchemaNode, base: str) -> SchemaAt:
        """Follow `$ref` (within a file or to common.schema.json) to the node that holds keywords."""
        for _ in range(10):
            ref = node.get("$ref")
            if not ref:
                break
            target, _, pointer = ref.partition("#")
            base = target or base
            node = self.raw[base]
            for part in filter(None, pointer.split("/")):
                node = node[part]
        return node, base

    def root(self, record_type: str) -> SchemaAt:
        name = f"{record_type}.schema.json"
        return self.raw[name], name

    def child(self, schema: SchemaAt, key: str | int) -> SchemaAt | None:
        """Schema of a mapping's key or a list's item, or None when the schema says nothing."""
        node, base = self.resolve(*schema)
        if isinstance(key, int):
            items = node.get("items")
            return self.resolve(items, base) if isinstance(items, dict) else None
        prop = node.get("properties", {}).get(key)
        return self.resolve(prop, base) if isinstance(prop, dict) else None

    def key_order(self, schema: SchemaAt) -> list[str]:
        node, _ = self.resolve(*schema)
        return list(node.get("properties", {}))

    @staticmethod
    def is_date(schema: SchemaAt | None) -> bool:
        return schema is not None and schema[0].get("format") in _DATE_FORMATS


