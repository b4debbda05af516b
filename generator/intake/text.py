"""The text of a new record as `new` writes it (generator/scaffold.py `render`), for many records.

`render` goes through ruamel.yaml's round trip four times a record (about 30 ms): an import
of 2 000 rows would spend a minute there. New records are plain trees of keys, numbers,
short texts and lists, so their canonical text can be written directly: the schema's key
order, the schema's description above each key, and each scalar in the style the canonical
form gives it, decided by ruamel's own emitter analysis and resolver. Anything outside that
plain shape (a text needing escapes, a literal block that cannot be written as is) goes to
`render` itself. And for each shape of record met (which keys, which scalar styles), the
first record is also written by `render` and compared: a difference sends every record of
that shape to `render`. What is written is therefore always `render`'s text.
"""
from __future__ import annotations

import io
from collections.abc import Hashable
from typing import Any

from ruamel.yaml.emitter import Emitter
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from ..canonical import _read_otherwise_by_yaml11, modeline
from ..diagnostics import FieldPath
from ..facts import Record
from ..scaffold import explain, render
from ..schema_shape import SchemaAt, SchemaShape

_STR = "tag:yaml.org,2002:str"
_PLAIN, _QUOTED, _LITERAL, _NUMBER = "plain", "quoted", "literal", "number"


class Unwritable(Exception):
    """A value this writer leaves to `render`."""


class RecordText:
    """Writes the text of new records of one import; `render` where it must."""

    def __init__(self, shape: SchemaShape):
        self.shape = shape
        self._emitter = Emitter(io.StringIO(), allow_unicode=True)
        self._emitter.use_version = None  # type: ignore[attr-defined]  # read by analyze_scalar (YAML 1.2)
        self._resolver = VersionedResolver()
        self._checked: dict[Hashable, bool] = {}  # shape of a record -> the direct text equals render's
        self._comments: dict[tuple[str, FieldPath], str] = {}

    def text(self, record_type: str, data: Record, depth: int) -> str:
        try:
            lines: list[str] = [modeline(record_type, depth)]
            styles: list[Hashable] = []
            self._mapping(record_type, data, self.shape.root(record_type), (), 0, lines, styles, item_start=False)
        except Unwritable:
            return render(record_type, data, depth, self.shape)
        text = "\n".join(lines) + "\n"
        key = (record_type, depth, tuple(styles))
        if key not in self._checked:
            self._checked[key] = text == render(record_type, data, depth, self.shape)
        return text if self._checked[key] else render(record_type, data, depth, self.shape)

    # --- the tree ------------------------------------------------------------------------------

    def _comment(self, record_type: str, path: FieldPath) -> str:
        key = (record_type, path)
        if key not in self._comments:
            self._comments[key] = explain(self.shape, record_type, path)
        return self._comments[key]

    def _mapping(self, record_type: str, data: Record, schema: SchemaAt | None, path: FieldPath, indent: int,
                 lines: list[str], styles: list[Hashable], item_start: bool) -> None:
        order = self.shape.key_order(schema) if schema else []
        keys = [k for k in order if k in data] + [k for k in data if k not in order]
        for number, key in enumerate(keys):
            here = path + (key,)
            comment = self._comment(record_type, here)
            if not comment:
                raise Unwritable
            lines.append(" " * indent + "# " + comment)
            lead = "- " if item_start and number == 0 else " " * indent
            if item_start and number == 0:
                lead = " " * (indent - 2) + "- "
            child = self.shape.child(schema, key) if schema else None
            value = data[key]
            styles.append((len(path), key, type(value).__name__))
            if isinstance(value, dict):
                lines.append(f"{lead}{key}:")
                self._mapping(record_type, value, child, here, indent + 2, lines, styles, item_start=False)
            elif isinstance(value, list):
                lines.append(f"{lead}{key}:")
                self._sequence(record_type, value, child, here, indent, lines, styles)
            else:
                style, written = self._scalar(value, child, indent)
                styles.append(style)
                lines.append(f"{lead}{key}: {written}")

    def _sequence(self, record_type: str, items: list[Any], schema: SchemaAt | None, path: FieldPath, indent: int,
                  lines: list[str], styles: list[Hashable]) -> None:
        child = self.shape.child(schema, 0) if schema else None
        for index, item in enumerate(items):
            if isinstance(item, dict):
                # The first key's comment stands above the dash, at the item's indentation.
                self._mapping(record_type, item, child, path + (index,), indent + 2, lines, styles, item_start=True)
            elif isinstance(item, list):
                raise Unwritable
            else:
                style, written = self._scalar(item, child, indent + 2)
                styles.append(style)
                lines.append(" " * indent + f"- {written}")

    # --- one value -----------------------------------------------------------------------------

    def _scalar(self, value: Any, schema: SchemaAt | None, indent: int) -> tuple[str, str]:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise Unwritable
        if isinstance(value, int):
            return _NUMBER, str(value)
        if not value.isprintable() and "\n" not in value or '"' in value or "\\" in value:
            raise Unwritable
        if SchemaShape.is_date(schema) or _read_otherwise_by_yaml11(value):
            return _QUOTED, f'"{value}"'
        if "\n" in value:
            return _LITERAL, self._literal(value, indent)
        analysis = self._emitter.analyze_scalar(value)
        resolved = self._resolver.resolve(ScalarNode, value, (True, False))
        if analysis.allow_block_plain and not analysis.empty and not analysis.multiline and resolved == _STR:
            return _PLAIN, value
        return _QUOTED, f'"{value}"'

    @staticmethod
    def _literal(value: str, indent: int) -> str:
        lines = value.split("\n")
        if value.endswith("\n") or value[:1].isspace() or any(line != line.rstrip() for line in lines):
            raise Unwritable
        if not all(line.isprintable() for line in lines):
            raise Unwritable
        body = "\n".join((" " * (indent + 2) + line) if line else "" for line in lines)
        return "|-\n" + body
