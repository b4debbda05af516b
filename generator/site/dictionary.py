"""The data dictionary: every column of every download, in Vietnamese and English, its type,
unit and meaning. Read by the dictionary page and by datapackage.json; nothing here is
written twice: titles and glosses are the columns' (downloads.py), meanings the schemas'."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..schema_shape import SchemaShape
from ..view.model import Site
from .downloads import SOURCES, Dataset, dataset_columns, foreign_keys


@dataclass(frozen=True)
class Entry:
    name: str
    type: str  # Frictionless: string, integer, boolean
    title: str  # Vietnamese
    en: str  # English
    unit: str
    meaning: str  # the schema's Vietnamese description of the field, where the column is one


@dataclass(frozen=True)
class Described:
    dataset: Dataset
    entries: list[Entry]
    foreign_keys: list[tuple[str, Dataset]]


@cache
def _meanings(record_type: str | None) -> dict[str, str]:
    """Field name -> description, for the plain fields of a record type's schema (the sources
    table: the fields of a source, common.schema.json). A list of objects is not a column."""
    shape = SchemaShape()
    if record_type is None:
        node, base = shape.resolve({"$ref": "common.schema.json#/definitions/source"}, "common.schema.json")
    else:
        node, base = shape.root(record_type)
    meanings = {}
    for name, own in node.get("properties", {}).items():
        resolved, where = shape.resolve(own, base)
        field = {**resolved, **own}
        items = field.get("items") or {}
        if field.get("type") == "object" or (isinstance(items, dict) and shape.resolve(items, where)[0].get("type") == "object"):
            continue
        if field.get("description"):
            meanings[name] = str(field["description"])
    return meanings


def describe(site: Site, dataset: Dataset) -> Described:
    columns = dataset_columns(site, dataset)
    # A table drawn from several records says its columns' meanings itself; the sources' are the schema's.
    meanings = _meanings(dataset.record_type) if dataset.record_type or dataset is SOURCES else {}
    entries = [Entry(c.name, c.type, c.title, c.en, c.unit, c.meaning or meanings.get(c.name, "")) for c in columns]
    return Described(dataset, entries, foreign_keys(dataset, columns))
