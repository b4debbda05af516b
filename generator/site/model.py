"""The site model: validated records resolved and indexed for the pages.

Built once per render from `validate_tree`'s result; every list is in a stable order
(Vietnamese collation for names, date then id for activities).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from ..dates import first_day, last_day
from ..records import RECORD_TYPES
from .collation import sort_key
from .escape import clean

PLAN_DATE = datetime.date(2020, 4, 16)  # QĐ 1100/QĐ-UBND: target communes are those of this day
COMMUNE_LEVELS = {"xa", "thi-tran", "phuong"}
DISTRICT_LEVELS = {"huyen", "thi-xa", "thanh-pho"}
PLANNED = "ke-hoach"
FOLDERS = {record_type: folder for folder, record_type in RECORD_TYPES.items()}


def activity_order(activity: dict) -> tuple:
    return first_day(activity["date"]), activity["id"]


def year_of(activity: dict) -> str:
    return activity["date"][:4]


def valid_on(locality: dict, day: datetime.date) -> bool:
    starts = locality.get("valid_from")
    ends = locality.get("valid_to")
    return (not starts or first_day(starts) <= day) and (not ends or day <= first_day(ends))


@dataclass
class Site:
    records: dict  # type -> {id: data}
    files: dict  # (type, id) -> path in the repository, "records/…/id.yaml"
    diagnostics: list
    activities_of_partnership: dict = field(default_factory=dict)
    partnerships_of_locality: dict = field(default_factory=dict)
    partnerships_of_sponsor: dict = field(default_factory=dict)
    activities_of_locality: dict = field(default_factory=dict)
    children: dict = field(default_factory=dict)
    predecessors: dict = field(default_factory=dict)
    cited_by: dict = field(default_factory=dict)
    newest: datetime.date | None = None

    # Records by type --------------------------------------------------------
    @property
    def localities(self) -> dict:
        return self.records.get("locality", {})

    @property
    def organizations(self) -> dict:
        return self.records.get("organization", {})

    @property
    def documents(self) -> dict:
        return self.records.get("document", {})

    @property
    def partnerships(self) -> dict:
        return self.records.get("partnership", {})

    @property
    def activities(self) -> dict:
        return self.records.get("activity", {})

    def vocabulary(self, vocabulary_id: str) -> dict:
        data = self.records.get("vocabulary", {}).get(vocabulary_id)
        return {item["code"]: item for item in data["items"]} if data else {}

    def label(self, vocabulary_id: str, code: str) -> str:
        item = self.vocabulary(vocabulary_id).get(code)
        return clean(item["label"]) if item else code

    def category_group(self, category: str) -> str | None:
        return self.vocabulary("support-categories").get(category, {}).get("group")

    def groups(self) -> dict:
        data = self.records.get("vocabulary", {}).get("support-categories") or {}
        return {g["code"]: clean(g["label"]) for g in data.get("groups", [])}

    def is_gift(self, category: str) -> bool:
        return bool(self.vocabulary("support-categories").get(category, {}).get("gift"))

    # Names -------------------------------------------------------------------
    def locality_name(self, locality_id: str) -> str:
        """'xã Phước Chánh': the level in lower case, then the name."""
        locality = self.localities.get(locality_id)
        if not locality:
            return locality_id
        level = self.label("locality-levels", locality["level"])
        return f"{level[:1].lower()}{level[1:]} {clean(locality['name'])}"

    def sponsor_name(self, organization_id: str) -> str:
        organization = self.organizations.get(organization_id)
        if not organization:
            return organization_id
        return clean(organization.get("short_name") or organization["name"])

    def partnership_name(self, partnership_id: str) -> str:
        partnership = self.partnerships[partnership_id]
        sponsors = ", ".join(self.sponsor_name(s) for s in partnership["sponsors"])
        return f"{sponsors} – {self.locality_name(partnership['locality'])}"

    def by_name(self, record_type: str, ids, name=None) -> list:
        name = name or {
            "locality": lambda i: clean(self.localities[i]["name"]),
            "organization": self.sponsor_name,
            "partnership": self.partnership_name,
            "document": lambda i: clean(self.documents[i].get("number") or self.documents[i]["title"]),
        }[record_type]
        return sorted(ids, key=lambda i: (sort_key(name(i)), i))

    # Places ------------------------------------------------------------------
    def district_of(self, locality_id: str) -> str | None:
        parent = self.localities.get(locality_id, {}).get("parent")
        return parent if parent in self.localities else None

    def is_commune(self, locality_id: str) -> bool:
        return self.localities.get(locality_id, {}).get("level") in COMMUNE_LEVELS

    def is_border(self, locality_id: str) -> bool:
        return bool((self.localities.get(locality_id, {}).get("land_border") or {}).get("value"))

    def target_communes(self) -> list:
        """Communes of the mountainous districts on 16/4/2020: those the plan twins."""
        mountainous = {i for i, d in self.localities.items() if d.get("mountainous")}
        return self.by_name("locality", [
            i for i, d in self.localities.items()
            if d["level"] in COMMUNE_LEVELS and d.get("parent") in mountainous and valid_on(d, PLAN_DATE)
        ])

    def file_of(self, record_type: str, record_id: str) -> str:
        return self.files.get((record_type, record_id), f"records/{FOLDERS[record_type]}/{record_id}.yaml")


def _append(index: dict, key, value) -> None:
    index.setdefault(key, []).append(value)


def _newest_date(records: dict) -> datetime.date | None:
    """Date of the newest record: activities that took place and the sources cited.
    Planned activities look ahead, so they do not count."""
    days = []
    for activity in records.get("activity", {}).values():
        if activity["status"] != PLANNED:
            days.append(first_day(activity["date"]))
    for by_id in records.values():
        for data in by_id.values():
            days.extend(first_day(s["date"]) for s in data.get("sources", []))
    return max(days, default=None)


def _cited_by(records: dict) -> dict:
    cited: dict = {}
    for pid, p in records.get("partnership", {}).items():
        for doc in p.get("basis", []):
            _append(cited, doc, ("partnership", pid))
        if (p.get("agreement") or {}).get("document"):
            _append(cited, p["agreement"]["document"], ("partnership", pid))
    for lid, loc in records.get("locality", {}).items():
        docs = list(loc.get("documents", [])) + [c["document"] for c in loc.get("changes", []) if c.get("document")]
        for doc in dict.fromkeys(docs):
            _append(cited, doc, ("locality", lid))
    for vid, vocabulary in records.get("vocabulary", {}).items():
        for doc in vocabulary.get("documents", []):
            _append(cited, doc, ("vocabulary", vid))
    return {doc: sorted(set(refs)) for doc, refs in cited.items()}


def build_site(result, records_root: Path) -> Site:
    """Resolve and index the ledger of a validation result."""
    records = {t: {i: r.data for i, r in sorted(by_id.items())} for t, by_id in sorted(result.ledger.records.items())}
    files = {}
    for record_file in result.files:
        if record_file.type:
            relative = Path(record_file.path).resolve().relative_to(records_root.resolve()).as_posix()
            files[(record_file.type, record_file.id)] = f"records/{relative}"
    site = Site(records, files, list(result.diagnostics))

    activities = sorted(site.activities.values(), key=activity_order)
    for activity in activities:
        partnership = site.partnerships.get(activity["partnership"])
        _append(site.activities_of_partnership, activity["partnership"], activity["id"])
        place = activity.get("locality") or (partnership or {}).get("locality")
        if place:
            _append(site.activities_of_locality, place, activity["id"])
    for pid in site.by_name("partnership", site.partnerships):
        partnership = site.partnerships[pid]
        _append(site.partnerships_of_locality, partnership["locality"], pid)
        for sponsor in partnership["sponsors"]:
            _append(site.partnerships_of_sponsor, sponsor, pid)
    for lid in site.by_name("locality", site.localities):
        locality = site.localities[lid]
        if locality.get("parent"):
            _append(site.children, locality["parent"], lid)
        if locality.get("successor"):
            _append(site.predecessors, locality["successor"], lid)
    site.cited_by = _cited_by(records)
    site.newest = _newest_date(records)
    return site


def activities_in(site: Site, ids) -> list:
    return [site.activities[i] for i in ids]


def last_activity_day(site: Site, partnership_id: str) -> datetime.date | None:
    days = [last_day(site.activities[a].get("end_date") or site.activities[a]["date"])
            for a in site.activities_of_partnership.get(partnership_id, [])
            if site.activities[a]["status"] != PLANNED]
    return max(days, default=None)
