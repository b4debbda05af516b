"""The site model: validated records resolved and indexed for the pages.

Built once per render from `validate_tree`'s result; every list is in a stable order
(Vietnamese collation for names, date then id for activities).
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..dates import first_day, last_day
from ..records import RECORD_TYPES
from ..rules.references import references_of
from ..rules.vocabularies import TAG_VOCABULARIES
from . import urls
from .collation import sort_key
from .escape import clean
from .totals import Totals, figures_of, totals_of

PLAN_DATE = datetime.date(2020, 4, 16)  # QĐ 1100/QĐ-UBND: target communes are those of this day
COMMUNE_LEVELS = {"xa", "thi-tran", "phuong"}
DISTRICT_LEVELS = {"huyen", "thi-xa", "thanh-pho"}
PLANNED = "ke-hoach"
# Rows per page of an activity listing: each row holds the whole record (about 1-3 KB).
LISTING_PAGE_SIZE = 50
FOLDERS = {record_type: folder for folder, record_type in RECORD_TYPES.items()}


def activity_order(activity: dict) -> tuple:
    """Date as written (a year sorts before its days), then id."""
    return activity["date"], activity["id"]


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
    listings: dict = field(default_factory=dict)  # (year, category) -> [[activity, …] per page]
    activity_urls: dict = field(default_factory=dict)  # activity id -> URL of its listing page
    in_order: list = field(default_factory=list)  # every activity, in activity_order
    rank: dict = field(default_factory=dict)  # activity id -> its place in in_order: a cheap sort key
    figures: dict = field(default_factory=dict)  # activity id -> Figures, read once
    _vocabularies: dict = field(default_factory=dict)  # id -> {code: item}, built once
    _names: dict = field(default_factory=dict)  # partnership id -> name, built once
    _totals: dict = field(default_factory=dict)  # partnership id -> Totals, built once

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
        if vocabulary_id not in self._vocabularies:
            data = self.records.get("vocabulary", {}).get(vocabulary_id)
            self._vocabularies[vocabulary_id] = {item["code"]: item for item in data["items"]} if data else {}
        return self._vocabularies[vocabulary_id]

    def label(self, vocabulary_id: str, code: str) -> str:
        item = self.vocabulary(vocabulary_id).get(code)
        return clean(item["label"]) if item else code

    def tag_label(self, code: str) -> str:
        """A tag's label, from whichever tag vocabulary holds it (QĐ 1719, QĐ 90, new-rural criteria)."""
        for vocabulary_id in TAG_VOCABULARIES:
            if code in self.vocabulary(vocabulary_id):
                return self.label(vocabulary_id, code)
        return code

    def category_group(self, category: str) -> str | None:
        return self.vocabulary("support-categories").get(category, {}).get("group")

    def groups(self) -> dict:
        if "groups" not in self._names:
            data = self.records.get("vocabulary", {}).get("support-categories") or {}
            self._names["groups"] = {g["code"]: clean(g["label"]) for g in data.get("groups", [])}
        return self._names["groups"]

    def is_gift(self, category: str) -> bool:
        return bool(self.vocabulary("support-categories").get(category, {}).get("gift"))

    # Figures -----------------------------------------------------------------
    def totals(self, activities) -> Totals:
        """Totals of some activity records."""
        return totals_of(self.figures[a["id"]] for a in activities)

    def totals_of_ids(self, activity_ids) -> Totals:
        return totals_of(self.figures[a] for a in activity_ids)

    def in_date_order(self, activity_ids) -> list:
        """Activity ids sorted by activity_order (date, then id)."""
        return sorted(activity_ids, key=self.rank.__getitem__)

    def partnership_totals(self, partnership_id: str) -> Totals:
        """Totals of one partnership's activities (shared: do not modify)."""
        if partnership_id not in self._totals:
            self._totals[partnership_id] = self.totals_of_ids(self.activities_of_partnership.get(partnership_id, []))
        return self._totals[partnership_id]

    def locality_totals(self, locality_id: str) -> Totals:
        """Totals of the activities that took place in one locality (shared: do not modify)."""
        key = ("locality", locality_id)
        if key not in self._totals:
            self._totals[key] = self.totals_of_ids(self.activities_of_locality.get(locality_id, []))
        return self._totals[key]

    # Names -------------------------------------------------------------------
    def locality_name(self, locality_id: str) -> str:
        """'xã Phước Chánh': the level in lower case, then the name."""
        key = ("locality", locality_id)
        if key not in self._names:
            locality = self.localities.get(locality_id)
            if not locality:
                return locality_id
            level = self.label("locality-levels", locality["level"])
            self._names[key] = f"{level[:1].lower()}{level[1:]} {clean(locality['name'])}"
        return self._names[key]

    def sponsor_name(self, organization_id: str) -> str:
        organization = self.organizations.get(organization_id)
        if not organization:
            return organization_id
        return clean(organization.get("short_name") or organization["name"])

    def partnership_name(self, partnership_id: str) -> str:
        if partnership_id not in self._names:
            partnership = self.partnerships[partnership_id]
            sponsors = ", ".join(self.sponsor_name(s) for s in partnership["sponsors"])
            self._names[partnership_id] = f"{sponsors} – {self.locality_name(partnership['locality'])}"
        return self._names[partnership_id]

    def by_name(self, record_type: str, ids, name=None) -> list:
        name = (
            name
            or {
                "locality": lambda i: clean(self.localities[i]["name"]),
                "organization": self.sponsor_name,
                "partnership": self.partnership_name,
                "document": lambda i: clean(self.documents[i].get("number") or self.documents[i]["title"]),
            }[record_type]
        )
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
        return self.by_name(
            "locality",
            [
                i
                for i, d in self.localities.items()
                if d["level"] in COMMUNE_LEVELS and d.get("parent") in mountainous and valid_on(d, PLAN_DATE)
            ],
        )

    def file_of(self, record_type: str, record_id: str) -> str:
        path = self.files.get((record_type, record_id))
        return path or f"records/{FOLDERS[record_type]}/{record_id}.yaml"


def _append(index: dict, key, value) -> None:
    index.setdefault(key, []).append(value)


def _newest_date(records: dict) -> datetime.date | None:
    """Date of the newest programme record: activities that took place and the sources
    cited by sponsors, partnerships and activities (reference documents and localities
    are not news of the programme). Planned activities look ahead, so they do not count.
    Dates as written ("2023", "2023-01", "2023-01-06") sort as text in the order of their first days."""
    newest = ""
    for activity in records.get("activity", {}).values():
        if activity["status"] != PLANNED and activity["date"] > newest:
            newest = activity["date"]
    for record_type in ("organization", "partnership", "activity"):
        for data in records.get(record_type, {}).values():
            for source in data.get("sources", ()):
                if source["date"] > newest:
                    newest = source["date"]
    return first_day(newest) if newest else None


def _cited_by(records: dict) -> dict:
    """document id -> [(record type, id)] of the records that cite it, as the validator reads references."""
    cited: dict = {}
    for record_type, by_id in records.items():
        for record_id, data in by_id.items():
            for _, target, document in references_of(record_type, data):
                if target == "document":
                    _append(cited, document, (record_type, record_id))
    return {doc: sorted(set(refs)) for doc, refs in cited.items()}


def _repository_path(path, root: str) -> str:
    """'records/…' for a file below the records folder `root` (resolved), whatever the
    working directory is. Discovery gives absolute paths: usually a prefix test is enough."""
    text = str(path)
    if not text.startswith(root + os.sep):
        text = os.path.realpath(text)
        if not text.startswith(root + os.sep):
            raise ValueError(f"{path} is not below {root}")
    return "records/" + text[len(root) + 1 :].replace(os.sep, "/")


def _in_repository(diagnostic, root: str):
    try:
        return dataclasses.replace(diagnostic, file=_repository_path(diagnostic.file, root))
    except ValueError:
        return diagnostic


def build_site(result, records_root: Path) -> Site:
    """Resolve and index the ledger of a validation result."""
    records = {t: {i: r.data for i, r in sorted(by_id.items())} for t, by_id in sorted(result.ledger.records.items())}
    root = os.path.realpath(records_root)
    files = {}
    for record_file in result.files:
        if record_file.type:
            files[(record_file.type, record_file.id)] = _repository_path(record_file.path, root)
    site = Site(records, files, [_in_repository(d, root) for d in result.diagnostics])

    activities = sorted(site.activities.values(), key=activity_order)
    site.in_order = activities
    site.rank = {activity["id"]: place for place, activity in enumerate(activities)}
    site.figures = {activity["id"]: figures_of(activity) for activity in activities}
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
    _paginate(site, activities)
    site.cited_by = _cited_by(records)
    site.newest = _newest_date(records)
    return site


def listing_url(year: str, category: str, page: int) -> str:
    base = urls.activity_list(year, category)
    return base if page == 1 else f"{base}trang-{page}/"


def _paginate(site: Site, activities: list) -> None:
    """Cut each (year, category) listing into pages, and note where each activity is."""
    lists: dict = {}
    for activity in activities:
        lists.setdefault((year_of(activity), activity["category"]), []).append(activity)
    for (year, category), items in sorted(lists.items()):
        chunks = [items[i : i + LISTING_PAGE_SIZE] for i in range(0, len(items), LISTING_PAGE_SIZE)]
        site.listings[(year, category)] = chunks
        for number, chunk in enumerate(chunks, 1):
            url = listing_url(year, category, number)
            for activity in chunk:
                site.activity_urls[activity["id"]] = url


def last_activity(site: Site, partnership_id: str) -> tuple[datetime.date, str] | None:
    """(last day, date as written) of a partnership's latest activity that took place: a
    date known only to the year is compared by its last day and shown as it was written."""
    latest = [
        (last_day(written), written)
        for written in (
            site.activities[a].get("end_date") or site.activities[a]["date"]
            for a in site.activities_of_partnership.get(partnership_id, [])
            if site.activities[a]["status"] != PLANNED
        )
    ]
    return max(latest, default=None)
