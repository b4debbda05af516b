"""The JSON API: one document per locality, sponsor, partnership and activity at a stable
address (urls.api_record), and one list per collection (urls.api_collection).

Each document holds the validated record as written (`record`), the addresses of the records
it is linked with, its page and its YAML file. Addresses are relative to the site root, so a
copy of the site on another host or on disk answers the same paths. Static files: no server.
"""

from __future__ import annotations

from typing import Any

from . import urls
from .downloads import json_document
from .model import Site

VERSION = 1
TYPES = tuple(urls.API_COLLECTIONS)


def _page(site: Site, record_type: str, record_id: str) -> str:
    if record_type == "activity":
        return f"{site.activity_urls[record_id]}#{record_id}"
    return urls.entity(record_type, record_id)


def _addresses(record_type: str, ids: list[str]) -> list[str]:
    return [urls.api_record(record_type, i) for i in ids]


def _links(site: Site, record_type: str, record_id: str) -> dict[str, Any]:
    if record_type == "locality":
        locality = site.localities[record_id]
        links: dict[str, Any] = {
            "partnerships": _addresses("partnership", sorted(site.partnerships_of_locality.get(record_id, []))),
            "activities": _addresses("activity", site.in_date_order(site.activities_of_locality.get(record_id, []))),
            "children": _addresses("locality", sorted(site.children.get(record_id, []))),
        }
        for key in ("parent", "successor"):
            other = locality.get(key)
            if isinstance(other, str) and other in site.localities:
                links[key] = urls.api_record("locality", other)
        return links
    if record_type == "organization":
        return {"partnerships": _addresses("partnership", sorted(site.partnerships_of_sponsor.get(record_id, [])))}
    if record_type == "partnership":
        partnership = site.partnerships[record_id]
        return {
            "sponsors": _addresses("organization", list(partnership["sponsors"])),
            "locality": urls.api_record("locality", partnership["locality"]),
            "activities": _addresses("activity", site.in_date_order(site.activities_of_partnership.get(record_id, []))),
        }
    activity = site.activities[record_id]
    return {
        "partnership": urls.api_record("partnership", activity["partnership"]),
        "sponsors": _addresses("organization", list(site.partnerships[activity["partnership"]]["sponsors"])),
        "localities": _addresses("locality", list(site.places(activity))),
    }


def document(site: Site, record_type: str, record_id: str) -> dict[str, Any]:
    return {
        "api_version": VERSION,
        "type": record_type,
        "id": record_id,
        "name": site.name_of(record_type, record_id),
        "page": _page(site, record_type, record_id),
        "yaml": urls.yaml_url(site.file_of(record_type, record_id)),
        "links": _links(site, record_type, record_id),
        "record": site.records[record_type][record_id],
    }


def _ids(site: Site, record_type: str) -> list[str]:
    if record_type == "activity":
        return [a["id"] for a in site.in_order]
    return sorted(site.records.get(record_type, {}))


def files(site: Site) -> dict[str, bytes]:
    """{path below the site root: bytes}"""
    out: dict[str, bytes] = {}
    for record_type in TYPES:
        ids = _ids(site, record_type)
        out[urls.api_collection(record_type)] = json_document({
            "api_version": VERSION,
            "type": record_type,
            "items": [{"id": i, "name": site.name_of(record_type, i), "url": urls.api_record(record_type, i)} for i in ids],
        })
        for record_id in ids:
            out[urls.api_record(record_type, record_id)] = json_document(document(site, record_type, record_id))
    return out
