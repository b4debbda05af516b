"""The JSON API: one document per locality, sponsor, partnership and activity at a stable
address (urls.api_record), one list per collection (urls.api_collection), an index of the
collections (urls.API_INDEX), and a JSON Schema per kind of document beside them (urls.API_SCHEMAS).

Each document holds the validated record as written (`record`), the addresses of the records
it is linked with, its page, its YAML file and its schema. Every address is relative to the
document that holds it, as a client resolves it (urljoin against the document's own URL): a copy
of the site on any host, below any path or on disk answers the same. Static files: no server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..registry import TYPES as RECORD_TYPES
from ..schema import schema_texts
from ..view import urls
from ..view.model import Site
from .downloads import json_document

VERSION = 1
TYPES = tuple(urls.API_COLLECTIONS)
LIST_SCHEMA = "danh-sach"  # the schema of a collection's list, below urls.API_SCHEMAS
INDEX_SCHEMA = "muc-luc"  # the schema of the index
RECORD_SCHEMAS = "ho-so/"  # the records' own schemas, below urls.API_SCHEMAS, as the validator reads them


def _page(site: Site, record_type: str, record_id: str) -> str:
    if record_type == "activity":
        return urls.activity(record_id, site.activity_urls)
    return urls.entity(record_type, record_id)


class _From:
    """Addresses as the document at `url` writes them: relative to it."""

    def __init__(self, url: str) -> None:
        self.url = url
        # Below the API, a link to another API file climbs only to the API's folder ("../dia-ban/x.json").
        self.inside = url.startswith(urls.API)
        self.up = "../" * url[len(urls.API):].count("/") if self.inside else ""

    def to(self, target: str) -> str:
        if self.inside and target.startswith(urls.API):
            return self.up + target[len(urls.API):]
        return urls.relative(self.url, target)

    def record(self, record_type: str, record_id: str) -> str:
        return self.to(urls.api_record(record_type, record_id))

    def records(self, record_type: str, ids: list[str]) -> list[str]:
        return [self.record(record_type, i) for i in ids]


def _links(site: Site, record_type: str, record_id: str, here: _From) -> dict[str, Any]:
    if record_type == "locality":
        locality = site.localities[record_id]
        links: dict[str, Any] = {
            "partnerships": here.records("partnership", sorted(site.partnerships_of_locality.get(record_id, []))),
            "activities": here.records("activity", site.in_date_order(site.activities_of_locality.get(record_id, []))),
            "children": here.records("locality", sorted(site.children.get(record_id, []))),
        }
        for key in ("parent", "successor"):
            other = locality.get(key)
            if isinstance(other, str) and other in site.localities:
                links[key] = here.record("locality", other)
        predecessors = site.predecessors.get(record_id, [])
        if predecessors:
            links["predecessors"] = here.records("locality", sorted(predecessors))
        return links
    if record_type == "organization":
        return {"partnerships": here.records("partnership", sorted(site.partnerships_of_sponsor.get(record_id, [])))}
    if record_type == "partnership":
        partnership = site.partnerships[record_id]
        return {
            "sponsors": here.records("organization", list(partnership["sponsors"])),
            "locality": here.record("locality", partnership["locality"]),
            "activities": here.records("activity", site.in_date_order(site.activities_of_partnership.get(record_id, []))),
        }
    activity = site.activities[record_id]
    return {
        "partnership": here.record("partnership", activity["partnership"]),
        "sponsors": here.records("organization", list(site.partnerships[activity["partnership"]]["sponsors"])),
        "localities": here.records("locality", list(site.places(activity))),
    }


def document(site: Site, record_type: str, record_id: str) -> dict[str, Any]:
    here = _From(urls.api_record(record_type, record_id))
    return {
        "api_version": VERSION,
        "type": record_type,
        "id": record_id,
        "name": site.name_of(record_type, record_id),
        "page": here.to(_page(site, record_type, record_id)),
        "yaml": urls.yaml_url(site.identity.repository, site.file_of(record_type, record_id)),
        "schema": here.to(urls.api_schema(urls.API_COLLECTIONS[record_type])),
        "links": _links(site, record_type, record_id, here),
        "record": site.records[record_type][record_id],
    }


def _ids(site: Site, record_type: str) -> list[str]:
    if record_type == "activity":
        return [a["id"] for a in site.in_order]
    return sorted(site.records.get(record_type, {}))


def collection(site: Site, record_type: str) -> dict[str, Any]:
    here = _From(urls.api_collection(record_type))
    return {
        "api_version": VERSION,
        "type": record_type,
        "schema": here.to(urls.api_schema(LIST_SCHEMA)),
        "items": [{"id": i, "name": site.name_of(record_type, i), "url": here.record(record_type, i)}
                  for i in _ids(site, record_type)],
    }


def index(site: Site) -> dict[str, Any]:
    """What /api/v1/ holds: each collection with its list and the schema of its documents."""
    here = _From(urls.API_INDEX)
    return {
        "api_version": VERSION,
        "name": site.identity.name,
        "data_date": site.newest.isoformat() if site.newest else "",
        "licence": urls.DATA_LICENCE,
        "schema": here.to(urls.api_schema(INDEX_SCHEMA)),
        "open_data": here.to(f"{urls.OPEN_DATA}datapackage.json"),
        "collections": [
            {"type": record_type, "name": folder, "url": here.to(urls.api_collection(record_type)),
             "schema": here.to(urls.api_schema(folder)), "list_schema": here.to(urls.api_schema(LIST_SCHEMA))}
            for record_type, folder in urls.API_COLLECTIONS.items()
        ],
    }


# The schemas of the documents: draft-07, as the records' own.
_DRAFT = "http://json-schema.org/draft-07/schema#"
_ADDRESS = {"type": "string", "description": "Địa chỉ, tương đối so với tài liệu chứa nó"}
_ADDRESSES = {"type": "array", "items": _ADDRESS}
_LINKS = {
    "locality": {"partnerships": _ADDRESSES, "activities": _ADDRESSES, "children": _ADDRESSES,
                 "parent": _ADDRESS, "successor": _ADDRESS, "predecessors": _ADDRESSES},
    "organization": {"partnerships": _ADDRESSES},
    "partnership": {"sponsors": _ADDRESSES, "locality": _ADDRESS, "activities": _ADDRESSES},
    "activity": {"partnership": _ADDRESS, "sponsors": _ADDRESSES, "localities": _ADDRESSES},
}


def _record_schema(record_type: str) -> dict[str, Any]:
    return {
        "$schema": _DRAFT,
        "title": f"API v{VERSION}: {urls.API_COLLECTIONS[record_type]}",
        "type": "object",
        "additionalProperties": False,
        "required": ["api_version", "type", "id", "name", "page", "yaml", "schema", "links", "record"],
        "properties": {
            "api_version": {"const": VERSION},
            "type": {"const": record_type},
            "id": {"type": "string"},
            "name": {"type": "string"},
            "page": _ADDRESS,
            "yaml": {"type": "string", "description": "Tệp YAML trong kho dữ liệu (địa chỉ đầy đủ, hoặc rỗng)"},
            "schema": _ADDRESS,
            "links": {"type": "object", "additionalProperties": False, "properties": _LINKS[record_type]},
            "record": {"$ref": f"{RECORD_SCHEMAS}{RECORD_TYPES[record_type].schema}"},
        },
    }


def _list_schema() -> dict[str, Any]:
    return {
        "$schema": _DRAFT,
        "title": f"API v{VERSION}: danh sách",
        "type": "object",
        "additionalProperties": False,
        "required": ["api_version", "type", "schema", "items"],
        "properties": {
            "api_version": {"const": VERSION},
            "type": {"enum": list(TYPES)},
            "schema": _ADDRESS,
            "items": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["id", "name", "url"],
                "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "url": _ADDRESS}}},
        },
    }


def _index_schema() -> dict[str, Any]:
    return {
        "$schema": _DRAFT,
        "title": f"API v{VERSION}: mục lục",
        "type": "object",
        "additionalProperties": False,
        "required": ["api_version", "name", "data_date", "licence", "schema", "open_data", "collections"],
        "properties": {
            "api_version": {"const": VERSION},
            "name": {"type": "string"},
            "data_date": {"type": "string"},
            "licence": {"type": "string"},
            "schema": _ADDRESS,
            "open_data": _ADDRESS,
            "collections": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": ["type", "name", "url", "schema", "list_schema"],
                "properties": {"type": {"enum": list(TYPES)}, "name": {"type": "string"}, "url": _ADDRESS,
                               "schema": _ADDRESS, "list_schema": _ADDRESS}}},
        },
    }


def schemas() -> dict[str, bytes]:
    """{path below the site root: bytes}: a schema per kind of document, and the records' own
    schemas they refer to (each `$ref` relative, so it resolves beside them)."""
    out = {urls.api_schema(urls.API_COLLECTIONS[t]): json_document(_record_schema(t)) for t in TYPES}
    out[urls.api_schema(LIST_SCHEMA)] = json_document(_list_schema())
    out[urls.api_schema(INDEX_SCHEMA)] = json_document(_index_schema())
    for name, text in schema_texts().items():
        out[f"{urls.API_SCHEMAS}{RECORD_SCHEMAS}{name}"] = json_document(json.loads(text))
    return out


def files(site: Site) -> dict[str, bytes]:
    """{path below the site root: bytes}"""
    return dict(each_file(site))


def each_file(site: Site) -> Iterator[tuple[str, bytes]]:
    """(path below the site root, bytes) of every file, one at a time: the render writes each as
    it comes (at province scale 20,000 files, too many to hold together at ten times that)."""
    yield urls.API_INDEX, json_document(index(site))
    yield from schemas().items()
    for record_type in TYPES:
        yield urls.api_collection(record_type), json_document(collection(site, record_type))
        for record_id in _ids(site, record_type):
            yield urls.api_record(record_type, record_id), json_document(document(site, record_type, record_id))
