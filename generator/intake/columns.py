"""The columns of a workbook: one per field that `new` fills, read from the registry and the schema.

A column knows its header (the schema's Vietnamese title, with the parent's title in front
for a nested field: "Nguồn: Tiêu đề"), the field it fills (generator/registry.py Field) and
what kind of value it holds: a date, an amount, a count, a code of a vocabulary, the id of
another record, a list of those, or text. The template writes these headers; the import
finds its columns by them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..registry import STAGE, TYPES, Field
from ..scaffold import choices, makes, property_schema, resolved_schema
from ..schema_shape import SchemaShape
from .parse import folded

DATE, AMOUNT, COUNT, CODE, REFERENCE, TEXT = "date", "amount", "count", "code", "reference", "text"


@dataclass(frozen=True)
class Column:
    field: Field
    header: str
    kind: str  # DATE, AMOUNT, COUNT, CODE, REFERENCE or TEXT (of one item, for a list)
    target: str | None = None  # the record type a REFERENCE names
    vocabularies: tuple[str, ...] = ()  # where the codes of a CODE column are listed
    choices: tuple[tuple[str, str], ...] = ()  # (code, word staff use) of a CODE column the schema lists itself
    required: bool = False
    description: str = ""

    @property
    def is_list(self) -> bool:
        return self.field.kind == "list"

    @property
    def keys(self) -> set[str]:
        """What a header may say for this column, folded: its title, the option of `new`
        (cash, --cash) or the field's name."""
        flag = self.field.flag.lstrip("-")
        return {folded(self.header), folded(flag), folded(self.field.dest), folded(self.header.split(": ")[-1])}


def _header(shape: SchemaShape, record_type: str, path: tuple[str | int, ...]) -> str:
    title = property_schema(shape, record_type, path).get("title") or str(path[-1])
    keys = [key for key in path if isinstance(key, str) and key != STAGE]
    if len(keys) > 1:
        parent = property_schema(shape, record_type, path[:1]).get("title") or keys[0]
        return f"{parent}: {title}"
    return str(title)


def _kind(shape: SchemaShape, record_type: str, item: Field) -> tuple[str, str | None, tuple[str, ...], tuple[tuple[str, str], ...]]:
    kind = TYPES[record_type]
    target = kind.target_of(item.path)
    if target:
        return REFERENCE, target, (), ()
    schema_path = ("properties", str(item.path[0])) + (("items",) if item.kind == "list" else ()) + ("enum",)
    for code_list in kind.code_lists:
        if code_list.path == schema_path and len(item.path) == 1:
            return CODE, None, code_list.vocabularies, ()
    if codes := choices(shape, record_type, item.path):
        # The words of the item's description: "start (bắt đầu) hoặc end (kết thúc)."
        node = property_schema(shape, record_type, item.path)
        said = dict(_CHOICE.findall(str(node.get("items", node).get("description", ""))))
        return CODE, None, (), tuple((code, said.get(code, code)) for code in codes)
    if item.kind == "int":
        return (AMOUNT if item.path[0] == "value" else COUNT), None, (), ()
    if shape.is_date(resolved_schema(shape, record_type, item.path)):
        return DATE, None, (), ()
    return TEXT, None, (), ()


_CHOICE = re.compile(r"([\w-]+) \(([^()]+)\)")


@cache
def columns(record_type: str) -> tuple[Column, ...]:
    """The columns of a sheet of `record_type` records, in the order of the registry's fields."""
    from ..scaffold import is_required  # the source fields a schema requires are required columns too

    shape = SchemaShape()
    found = []
    for item in TYPES[record_type].fields:
        kind, target, vocabularies, codes = _kind(shape, record_type, item)
        description = str(property_schema(shape, record_type, item.path).get("description", ""))
        found.append(Column(item, _header(shape, record_type, item.path), kind, target, vocabularies, codes,
                            is_required(shape, record_type, item), description))
    return tuple(found)


def importable() -> list[str]:
    """Record types a workbook can bring in: those `new` makes."""
    return makes()
